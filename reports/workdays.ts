// Working days for "time to decision": Monday to Friday, minus the Belgian public holidays
// (the ten legal ones: nieuwjaar, paasmaandag, 1 mei, O.L.H.-Hemelvaart, pinkstermaandag,
// 21 juli, 15 augustus, 1 november, 11 november, kerstmis). School holidays are not excluded:
// the dispatch promise runs during them too.
const DAY_MS = 86_400_000;

/** Easter Sunday (Gregorian, anonymous algorithm) as a UTC day number. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

const holidayCache = new Map<number, Set<number>>();

export function belgianHolidays(year: number): Set<number> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const e = easter(year);
  const fixed = [[0, 1], [4, 1], [6, 21], [7, 15], [10, 1], [10, 11], [11, 25]].map(([m, d]) => Date.UTC(year, m ?? 0, d ?? 1) / DAY_MS);
  const set = new Set([...fixed, e + 1, e + 39, e + 50]);
  holidayCache.set(year, set);
  return set;
}

function dayNumber(d: Date | number): number {
  return Math.floor((typeof d === 'number' ? d : d.getTime()) / DAY_MS);
}

export function isWorkingDay(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !belgianHolidays(new Date(day * DAY_MS).getUTCFullYear()).has(day);
}

/**
 * Working days from `from` to `to`: the working days after the day of `from` up to and including
 * the day of `to`. Referred on Monday, decided on Tuesday = 1; decided the same day = 0; referred
 * on Friday, decided on Monday = 1. Negative spans count as 0.
 */
export function workingDaysBetween(from: Date | number, to: Date | number): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (end <= start) return 0;
  return start < ORIGIN ? walk(start, end) : workingDaysUpTo(end) - workingDaysUpTo(start);
}

// A report asks this for every referral of a year: a running count of working days per day
// (from 1 January 2000, grown as later days are asked) answers in constant time instead of
// walking the days. Days before 2000 are walked.
const ORIGIN = Date.UTC(2000, 0, 1) / DAY_MS;
let running = new Int32Array(0);

/** Working days after the origin up to and including `day` (day ≥ ORIGIN). */
function workingDaysUpTo(day: number): number {
  const i = day - ORIGIN;
  if (i >= running.length) {
    const grown = new Int32Array(Math.max(i + 1, running.length * 2, 366 * 40));
    grown.set(running);
    let n = running.length > 0 ? (running[running.length - 1] ?? 0) : 0;
    for (let k = running.length; k < grown.length; k++) grown[k] = n += isWorkingDay(ORIGIN + k) ? 1 : 0;
    running = grown;
  }
  return running[i] ?? 0;
}

function walk(start: number, end: number): number {
  let n = 0;
  for (let day = start + 1; day <= end; day++) if (isWorkingDay(day)) n++;
  return n;
}

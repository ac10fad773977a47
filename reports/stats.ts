// Order statistics and day counts, written once so every figure rounds and ranks alike.
// Median and P90 use the nearest-rank method on the sorted values (P90 = the value at rank
// ceil(0.9 · n)); the median of an even count is the mean of the two middle values.
const DAY_MS = 86_400_000;

export function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

// A report asks for the median and the P90 of the same days: sorted once (a typed array sorts
// numerically without a comparator), remembered for the array it was given.
const sortedCache = new WeakMap<readonly number[], Float64Array>();
function sorted(values: readonly number[]): Float64Array {
  let s = sortedCache.get(values);
  if (!s) {
    s = Float64Array.from(values).sort();
    sortedCache.set(values, s);
  }
  return s;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const s = sorted(values);
  return s[Math.min(s.length, Math.max(1, Math.ceil(p * s.length))) - 1];
}

/** Calendar days between two moments, by their Brussels-independent UTC date (whole days). */
export function daysBetween(from: number, to: number): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

/** Start of the UTC day of a moment (epoch ms), by arithmetic. */
function utcDay(t: number): number {
  return t - (((t % DAY_MS) + DAY_MS) % DAY_MS);
}

/** "2026-03" of a moment (UTC). */
// "2026-03" per month number: a report asks for the month of tens of thousands of dates, and
// toISOString allocates a string each time.
const MONTH_KEYS = new Map<number, string>();
export function monthOf(t: number): string {
  const d = new Date(t);
  const n = d.getUTCFullYear() * 12 + d.getUTCMonth();
  let key = MONTH_KEYS.get(n);
  if (key === undefined) {
    key = d.toISOString().slice(0, 7);
    MONTH_KEYS.set(n, key);
  }
  return key;
}

export function dayOf(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

// When a referral on the waiting list is expected to start: the form asks for a week or a month
// (nobody knows the day), and the referrer and the channel are told in those words. The choice
// travels as "week:2026-12-14" (that week's Monday) or "month:2027-01"; the referral keeps the
// first day of it as a date, the waiting-list event keeps the choice itself, so its precision
// is never lost. Older events hold a plain day ("2026-04-20"), shown as "rond 20/04/2026".
import { z } from 'zod';
import { formatDate } from '../referrals/status.ts';

const DAY = 86_400_000;
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

export type ExpectedStart = { kind: 'week'; monday: string } | { kind: 'month'; month: string };

/** Monday of the week after the one `now` falls in (UTC days), as YYYY-MM-DD. */
function nextMonday(now: Date, weeksAhead: number): string {
  const day = Math.floor(now.getTime() / DAY);
  const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7; // Monday = 0
  return new Date((day - weekday + 7 * weeksAhead) * DAY).toISOString().slice(0, 10);
}

const monthTitle = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;

/** The choices of the waiting-list form: the next two weeks, then this month and the five after it. */
export function expectedStartChoices(now: Date): Array<{ value: string; title: string }> {
  const weeks = [1, 2].map((n) => {
    const monday = nextMonday(now, n);
    return { value: `week:${monday}`, title: `${n === 1 ? 'Volgende week' : 'Over twee weken'} (vanaf maandag ${formatDate(new Date(`${monday}T12:00:00Z`))})` };
  });
  const months = Array.from({ length: 6 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
    const month = d.toISOString().slice(0, 7);
    return { value: `month:${month}`, title: i === 0 ? `Nog deze maand (${monthTitle(month)})` : monthTitle(month) };
  });
  return [...weeks, ...months];
}

/** A choice of the form, checked: a Monday or a month, from this month to two years ahead. */
export function parseExpectedStart(value: string, now: Date): ExpectedStart | null {
  const week = /^week:(\d{4}-\d{2}-\d{2})$/.exec(value);
  const month = /^month:(\d{4}-\d{2})$/.exec(value);
  const first = week ? week[1] : month ? `${month[1]}-01` : undefined;
  if (!first) return null;
  const at = Date.parse(`${first}T00:00:00Z`);
  if (!Number.isFinite(at) || new Date(at).toISOString().slice(0, 10) !== first) return null;
  const thisMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  if (at < thisMonth || at > now.getTime() + 730 * DAY) return null;
  if (week) return new Date(at).getUTCDay() === 1 ? { kind: 'week', monday: first } : null;
  return { kind: 'month', month: first.slice(0, 7) };
}

/** The zod field of the form: empty is "not known yet". */
export const zExpectedStart = (now: () => Date) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z
      .string()
      .transform((v, ctx) => parseExpectedStart(v, now()) ?? (ctx.addIssue({ code: 'custom', message: 'Kies een week of een maand uit de lijst.' }), z.NEVER))
      .optional(),
  );

/** The first day it stands for (kept on the referral). */
export function firstDay(e: ExpectedStart): Date {
  return new Date(`${e.kind === 'week' ? e.monday : `${e.month}-01`}T00:00:00Z`);
}

/** How the waiting-list event keeps it. */
export function expectedStartKey(e: ExpectedStart): string {
  return e.kind === 'week' ? `week:${e.monday}` : `month:${e.month}`;
}

/** "in de week van 14/12/2026", "in januari 2027", or for an older plain day "rond 20/04/2026"; undefined for anything else. */
export function expectedStartPhrase(key: string): string | undefined {
  const week = /^week:(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (week?.[1]) return `in de week van ${formatDate(new Date(`${week[1]}T12:00:00Z`))}`;
  const month = /^month:(\d{4}-\d{2})$/.exec(key);
  if (month?.[1]) return `in ${monthTitle(month[1])}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return `rond ${formatDate(new Date(`${key}T12:00:00Z`))}`;
  return undefined;
}

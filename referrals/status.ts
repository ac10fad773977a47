// How a referral's status reads for a referrer. Kept apart from the cards so reports and
// notifications use the same words.
export const REFERRAL_STATUSES = ['DRAFT', 'SUBMITTED', 'WAITING_LIST', 'TAKEN_UP', 'DECLINED', 'WITHDRAWN', 'INTAKE', 'RUNNING', 'CLOSED', 'STOPPED_EARLY'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const STATUS_LABEL: Readonly<Record<ReferralStatus, string>> = {
  DRAFT: 'concept',
  SUBMITTED: 'aangemeld, wacht op dispatch',
  WAITING_LIST: 'op de wachtlijst',
  TAKEN_UP: 'opgenomen',
  DECLINED: 'niet opgenomen',
  WITHDRAWN: 'ingetrokken',
  INTAKE: 'intake gepland of gebeurd',
  RUNNING: 'traject loopt',
  CLOSED: 'afgerond',
  STOPPED_EARLY: 'voortijdig gestopt',
};

/** Still being handled: counts as "open" for the re-referral hint. */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['SUBMITTED', 'WAITING_LIST', 'TAKEN_UP', 'INTAKE', 'RUNNING'];

const brussels = (opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', ...opts });
const dayFormat = brussels({ day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = brussels({ hour: '2-digit', minute: '2-digit', hour12: false });

/** 12 March 2026 → "12/03/2026", as Flemish users write dates, in Belgian time. */
export function formatDate(date: Date): string {
  return dayFormat.format(date);
}

/** "14:05", in Belgian time. */
export function formatTime(date: Date): string {
  return timeFormat.format(date);
}

/** "12/03/2026 om 14:05", in Belgian time whatever the server's zone. */
export function formatDateTime(date: Date): string {
  return `${dayFormat.format(date)} om ${timeFormat.format(date)}`;
}

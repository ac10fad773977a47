// How a referral's status reads for a referrer. Kept apart from the cards so reports and
// notifications use the same words.
export const REFERRAL_STATUSES = ['DRAFT', 'SUBMITTED', 'INFO_REQUESTED', 'WAITING_LIST', 'TAKEN_UP', 'DECLINED', 'CLOSED', 'WITHDRAWN'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const STATUS_LABEL: Readonly<Record<ReferralStatus, string>> = {
  DRAFT: 'concept',
  SUBMITTED: 'aangemeld, wacht op dispatch',
  INFO_REQUESTED: 'meer informatie gevraagd',
  WAITING_LIST: 'op de wachtlijst',
  TAKEN_UP: 'opgenomen',
  DECLINED: 'niet opgenomen',
  CLOSED: 'afgerond',
  WITHDRAWN: 'ingetrokken',
};

/** Still being handled: counts as "open" for the re-referral hint. */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['SUBMITTED', 'INFO_REQUESTED', 'WAITING_LIST', 'TAKEN_UP'];

/** 12 March 2026 → "12/03/2026", as Flemish users write dates. */
export function formatDate(date: Date): string {
  const dd = String(date.getDate()).padStart(2, '0');
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getFullYear()}`;
}

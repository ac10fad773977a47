// The lifecycle of a referral after it was sent, as one table: which action may move it from
// which status to which. Everything that changes a referral's status goes through `moveFrom`
// here, so an action on an outdated card, or a second coordinator a moment too late, is refused
// by the same rule (and by a conditional update in the database, see dispatch/decide.ts).
import type { ReferralStatus } from './status.ts';

export const ACTIONS = ['TAKE_UP', 'WAITING_LIST', 'DECLINE', 'WITHDRAW', 'ASK_INFO', 'ANSWER_INFO', 'FIRST_CONTACT', 'INTAKE', 'START', 'EVALUATE', 'CLOSE', 'STOP_EARLY'] as const;
export type LifecycleAction = (typeof ACTIONS)[number];

interface Rule {
  from: readonly ReferralStatus[];
  /** Undefined: the status stays (a question, a first contact, an evaluation). */
  to?: ReferralStatus;
}

const OPEN_FOR_DISPATCH: readonly ReferralStatus[] = ['SUBMITTED', 'WAITING_LIST'];

export const LIFECYCLE: Readonly<Record<LifecycleAction, Rule>> = {
  TAKE_UP: { from: OPEN_FOR_DISPATCH, to: 'TAKEN_UP' },
  WAITING_LIST: { from: ['SUBMITTED'], to: 'WAITING_LIST' },
  DECLINE: { from: OPEN_FOR_DISPATCH, to: 'DECLINED' },
  WITHDRAW: { from: OPEN_FOR_DISPATCH, to: 'WITHDRAWN' },
  ASK_INFO: { from: OPEN_FOR_DISPATCH },
  ANSWER_INFO: { from: OPEN_FOR_DISPATCH },
  FIRST_CONTACT: { from: ['TAKEN_UP'] },
  INTAKE: { from: ['TAKEN_UP'], to: 'INTAKE' },
  START: { from: ['TAKEN_UP', 'INTAKE'], to: 'RUNNING' },
  EVALUATE: { from: ['RUNNING'] },
  CLOSE: { from: ['RUNNING'], to: 'CLOSED' },
  STOP_EARLY: { from: ['TAKEN_UP', 'INTAKE', 'RUNNING'], to: 'STOPPED_EARLY' },
};

export function allowedFrom(action: LifecycleAction): readonly ReferralStatus[] {
  return LIFECYCLE[action].from;
}

export function canDo(action: LifecycleAction, status: ReferralStatus): boolean {
  return LIFECYCLE[action].from.includes(status);
}

/** The status after the action, or null when the action is not allowed from `status`. */
export function nextStatus(action: LifecycleAction, status: ReferralStatus): ReferralStatus | null {
  const rule = LIFECYCLE[action];
  return rule.from.includes(status) ? (rule.to ?? status) : null;
}

/** What a person is told when an action does not fit the referral's status any more. */
export const NOT_NOW: Readonly<Record<LifecycleAction, string>> = {
  TAKE_UP: 'Deze aanmelding kan niet meer opgenomen worden',
  WAITING_LIST: 'Deze aanmelding kan niet (meer) op de wachtlijst',
  DECLINE: 'Over deze aanmelding is al beslist',
  WITHDRAW: 'Deze aanmelding kan niet meer ingetrokken worden: er is al over beslist',
  ASK_INFO: 'Over deze aanmelding is al beslist; een vraag stellen kan niet meer via de dispatch',
  ANSWER_INFO: 'Over deze aanmelding is intussen beslist; je antwoord is niet meer nodig',
  FIRST_CONTACT: 'Eerste contact kan je noteren zolang de aanmelding opgenomen is en de intake nog niet gebeurde',
  INTAKE: 'De intake kan je noteren na het opnemen, voor de start van het traject',
  START: 'De start kan je noteren na het opnemen of de intake',
  EVALUATE: 'Een evaluatie noteer je bij een lopend traject',
  CLOSE: 'Afronden kan bij een lopend traject',
  STOP_EARLY: 'Voortijdig stoppen kan bij een opgenomen of lopend traject',
};

// The data of every dispatch button (Action.Execute): `verb` says what, the data says on which
// referral and which version of it the person was looking at. A click on an outdated card is
// recognised by `rev` and answered with the current state instead of changing anything.
import { z } from 'zod';
import type { ExecuteAction, InputDate } from '../adaptiveCard.ts';

export const DISPATCH_FLOW = 'dispatch';

export const DISPATCH_VERBS = [
  'view',
  'takeUp',
  'takeUpConfirm',
  'waitlist',
  'waitlistConfirm',
  'decline',
  'declineConfirm',
  'ask',
  'askConfirm',
  'answerConfirm',
  'firstContact',
  'intake',
  'start',
  'evaluate',
  'close',
  'closeConfirm',
  'closeCancel',
  // The survey codes of a closed trajectory (dialogs/dispatch/surveyCodes.ts).
  'surveyShowAgain',
  'surveyNewCode',
] as const;
export type DispatchVerb = (typeof DISPATCH_VERBS)[number];

export const ZDispatchData = z.object({
  naft: z.literal(DISPATCH_FLOW),
  referralId: z.uuid(),
  rev: z.number().int().min(0),
  /** Set on an info question card: which question is answered. */
  questionId: z.uuid().optional(),
});
export type TDispatchData = z.infer<typeof ZDispatchData>;

/**
 * The day of a step (eerste contact, intake, start, evaluatie), next to its buttons. Empty means
 * today: a card stays in a chat for weeks, so a filled-in "today" would soon be another day.
 */
export function stepDateInput(submittedAt: Date): InputDate {
  return { type: 'Input.Date', id: 'stepDate', label: 'Wanneer gebeurde het? (leeg = vandaag)', min: submittedAt.toISOString().slice(0, 10), placeholder: 'Vandaag' };
}

export function execute(title: string, verb: DispatchVerb, data: Omit<TDispatchData, 'naft'>, opts: Pick<ExecuteAction, 'style' | 'associatedInputs'> = {}): ExecuteAction {
  return { type: 'Action.Execute', title, verb, data: { naft: DISPATCH_FLOW, ...data }, ...opts };
}

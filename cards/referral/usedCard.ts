// What a referral card turns into once it has been used: one line of what was done, so the chat
// reads as a short trail and only the newest card still asks for input (an old form cannot be
// filled in again by mistake).
import type { StepId } from '../../referrals/steps.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardAction } from '../adaptiveCard.ts';
import { actionData } from './actions.ts';

export function usedCard(view: { text: string; detail?: string; edit?: { draftId: string; step: StepId } }): AdaptiveCard {
  const actions: CardAction[] = view.edit ? [{ type: 'Action.Submit', title: 'Aanpassen', data: actionData({ op: 'edit', draftId: view.edit.draftId, step: view.edit.step }) }] : [];
  return card(
    [
      { type: 'TextBlock', text: `✓ ${view.text}`, weight: 'bolder', wrap: true },
      ...(view.detail ? [{ type: 'TextBlock' as const, text: view.detail, isSubtle: true, wrap: true, spacing: 'none' as const }] : []),
    ],
    actions,
  );
}

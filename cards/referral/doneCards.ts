// What a referral card turns into once a newer card replaced it: one line of what was done, so
// the chat reads as a short trail and only the newest card still asks for input.
import { STEP_IDS, stepById, stepNumber } from '../../referrals/steps.ts';
import type { StepId } from '../../referrals/steps.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, SubmitAction } from '../adaptiveCard.ts';
import { button, para, small } from '../text.ts';
import { actionData } from './actions.ts';

export function doneLine(view: { text: string; detail?: string; action?: SubmitAction }): AdaptiveCard {
  return card([para(view.text, { weight: 'bolder' }), ...(view.detail ? [small(view.detail, { spacing: 'none' })] : [])], view.action ? [view.action] : []);
}

const stepLabel = (step: StepId) => `Stap ${stepNumber(step)} van ${STEP_IDS.length}`;

/** A step card that is no longer the live one, by what happened to its step. */
export function stepDone(draftId: string, step: StepId, state: 'saved' | 'kept' | 'open'): AdaptiveCard {
  const title = stepById(step).title;
  switch (state) {
    case 'saved':
      return doneLine({ text: `✓ ${stepLabel(step)} bewaard · ${title}`, action: button('Aanpassen', actionData({ op: 'edit', draftId, step }), { associatedInputs: 'none' }) });
    case 'kept':
      return doneLine({ text: `${stepLabel(step)} · ${title}`, detail: 'Wat je typte is bewaard; de stap is nog niet af.', action: button('Verder', actionData({ op: 'resume', draftId })) });
    case 'open':
      return doneLine({ text: `${stepLabel(step)} · ${title}`, detail: 'Verder op de nieuwste kaart hieronder.' });
  }
}

export const summaryReplaced = (): AdaptiveCard => doneLine({ text: 'Overzicht van je aanmelding', detail: 'Vervangen door een nieuwere kaart hieronder; alleen die kan versturen.' });

export const sentLine = (reference: string): AdaptiveCard => doneLine({ text: `✓ Verstuurd als ${reference}`, detail: 'Typ **mijn aanmeldingen** om de status te volgen.' });

export const kindChosen = (kindTitle: string): AdaptiveCard => doneLine({ text: `✓ Aanmelding: ${kindTitle}` });

export const pausedLine = (draftId: string, where: string): AdaptiveCard =>
  doneLine({ text: `⏸ Gepauzeerd · ${where}`, detail: 'Alles wat je invulde, is bewaard.', action: button('Verder', actionData({ op: 'resume', draftId })) });

export const discardedLine = (): AdaptiveCard => doneLine({ text: '✓ Concept verwijderd' });

// Everything the referrer answered, section by section, each with "aanpassen"; only
// "bevestigen" submits. Also where a possible re-referral and a consent flag are pointed out.
import type { Option, SubjectKind } from '../../referrals/fields.ts';
import { STEPS, stepNumber } from '../../referrals/steps.ts';
import type { StepId } from '../../referrals/steps.ts';
import { fieldsFor } from '../../referrals/validate.ts';
import type { StepAnswers } from '../../referrals/validate.ts';
import { formatDate, STATUS_LABEL } from '../../referrals/status.ts';
import type { EarlierReferral } from '../../referrals/history.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardElement } from '../adaptiveCard.ts';
import { actionData } from './actions.ts';
import { displayValue, KIND_TITLE, labelOf } from './format.ts';

export interface SummaryView {
  draftId: string;
  kind: SubjectKind;
  steps: Partial<Record<StepId, StepAnswers>>;
  regions: readonly Option[];
  earlier: EarlierReferral | null;
  consentFlag: boolean;
  notice?: string;
}

/**
 * Longer answers are shortened in the overview: seven sections of long free text would push the
 * card past what Teams accepts (28 KB). "Aanpassen" shows the full text.
 */
export const SUMMARY_TEXT_LIMIT = 400;

function shorten(text: string): string {
  return text.length <= SUMMARY_TEXT_LIMIT ? text : `${text.slice(0, SUMMARY_TEXT_LIMIT).trimEnd()}… (ingekort; volledig via aanpassen)`;
}

export function earlierHint(earlier: EarlierReferral): string {
  return `Mogelijk al eerder aangemeld op ${formatDate(earlier.date)} — status: ${STATUS_LABEL[earlier.status]}.`;
}

export function summaryCard(view: SummaryView): AdaptiveCard {
  const body: CardElement[] = [];
  if (view.notice) body.push({ type: 'TextBlock', text: view.notice, wrap: true, color: 'accent' });
  body.push(
    { type: 'TextBlock', text: 'Overzicht van je aanmelding', size: 'large', weight: 'bolder', wrap: true },
    { type: 'TextBlock', text: `${KIND_TITLE[view.kind]}. Kijk alles na; pas aan waar nodig en bevestig dan.`, wrap: true, isSubtle: true, spacing: 'none' },
  );
  if (view.earlier) {
    body.push({
      type: 'Container',
      style: 'warning',
      items: [
        { type: 'TextBlock', text: earlierHint(view.earlier), weight: 'bolder', wrap: true },
        { type: 'TextBlock', text: 'Je kunt gewoon verder gaan; de dispatch houdt er rekening mee.', wrap: true, spacing: 'none' },
      ],
    });
  }
  if (view.consentFlag) {
    body.push({
      type: 'Container',
      style: 'attention',
      items: [{ type: 'TextBlock', text: 'Nog niet iedereen is op de hoogte of akkoord. De aanmelding kan toch door; de dispatch ziet dit als aandachtspunt.', wrap: true }],
    });
  }
  for (const step of STEPS) {
    const answers = view.steps[step.id] ?? {};
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'medium',
      items: [
        { type: 'TextBlock', text: `${stepNumber(step.id)}. ${step.title}`, weight: 'bolder', wrap: true },
        {
          type: 'FactSet',
          facts: fieldsFor(step.id, view.kind)
            .filter((f) => answers[f.id] !== undefined)
            .map((f) => ({ title: f.short ?? labelOf(f, view.kind, { limits: false }), value: shorten(displayValue(f, answers[f.id], view.regions)) })),
        },
        { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: `Aanpassen: ${step.title.toLowerCase()}`, associatedInputs: 'none', data: actionData({ op: 'edit', draftId: view.draftId, step: step.id }) }] },
      ],
    });
  }
  return card(body, [
    { type: 'Action.Submit', title: 'Bevestigen en versturen', style: 'positive', data: actionData({ op: 'confirm', draftId: view.draftId }) },
    { type: 'Action.Submit', title: 'Later verder', data: actionData({ op: 'pause', draftId: view.draftId }) },
    { type: 'Action.Submit', title: 'Annuleren', style: 'destructive', data: actionData({ op: 'cancel', draftId: view.draftId }) },
  ]);
}

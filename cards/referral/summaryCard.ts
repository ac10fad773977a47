// The overview before sending: one line per section, the full answers a click away ("Details"),
// "Aanpassen" per section, and what needs attention right above the one button that submits.
// The confirm button carries the revision shown, so an overview that is no longer current
// cannot submit (referrals/submit.ts).
import type { Option, SubjectKind } from '../../referrals/fields.ts';
import { STEPS, stepNumber } from '../../referrals/steps.ts';
import type { StepId } from '../../referrals/steps.ts';
import { fieldsFor } from '../../referrals/validate.ts';
import type { StepAnswers } from '../../referrals/validate.ts';
import { formatDate, STATUS_LABEL } from '../../referrals/status.ts';
import type { EarlierReferral } from '../../referrals/history.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardElement } from '../adaptiveCard.ts';
import { box, button, fact, heading, literal, para, small, words } from '../text.ts';
import type { Words } from '../text.ts';
import { actionData } from './actions.ts';
import { displayValue, KIND_TITLE, labelOf, shortLine } from './format.ts';

export interface SummaryView {
  draftId: string;
  revision: number;
  kind: SubjectKind;
  steps: Partial<Record<StepId, StepAnswers>>;
  regions: readonly Option[];
  earlier: EarlierReferral | null;
  consentFlag: boolean;
  /** Completed steps with a later change that was not finished (kept, not yet saved). */
  unfinished: readonly StepId[];
  notice?: Words;
}

/**
 * Longer answers are shortened in the details: seven sections of long free text would push the
 * card past what Teams accepts (28 KB). "Aanpassen" shows the full text.
 */
export const SUMMARY_TEXT_LIMIT = 300;

function shorten(text: string): string {
  const chars = [...text];
  return chars.length <= SUMMARY_TEXT_LIMIT ? text : `${chars.slice(0, SUMMARY_TEXT_LIMIT).join('').trimEnd()}… (ingekort; volledig via aanpassen)`;
}

export function earlierHint(earlier: EarlierReferral): string {
  return `Mogelijk al eerder aangemeld op ${formatDate(earlier.date)} — status: ${STATUS_LABEL[earlier.status]}.`;
}

function section(view: SummaryView, stepId: StepId, title: string): CardElement {
  const answers = view.steps[stepId] ?? {};
  const detailsId = `details-${stepId}`;
  const details = fieldsFor(stepId, view.kind)
    .filter((f) => answers[f.id] !== undefined)
    .map((f, i) => fact(f.short ?? labelOf(f, view.kind, { limits: false }), shorten(displayValue(f, answers[f.id], view.regions)), i === 0 ? {} : { spacing: 'none' }));
  return {
    type: 'Container',
    separator: true,
    spacing: 'small',
    items: [
      // "1. …" in a TextBlock would be drawn as a numbered list: our own words, but literal.
      literal(`Stap ${stepNumber(stepId)} · ${title}`, { weight: 'bolder' }),
      literal(shortLine(stepId, view.kind, answers, view.regions), { spacing: 'none' }),
      { type: 'Container', id: detailsId, isVisible: false, items: details },
      {
        type: 'ActionSet',
        spacing: 'none',
        actions: [
          { type: 'Action.ToggleVisibility', title: 'Details', targetElements: [detailsId] },
          button('Aanpassen', actionData({ op: 'edit', draftId: view.draftId, step: stepId }), { associatedInputs: 'none' }),
        ],
      },
    ],
  };
}

function attention(view: SummaryView): CardElement[] {
  const out: CardElement[] = [];
  if (view.earlier) out.push(box([para(earlierHint(view.earlier), { weight: 'bolder' }), para('Je kunt gewoon verder gaan; de dispatch houdt er rekening mee.', { spacing: 'none' })], 'warning'));
  if (view.consentFlag) out.push(box([para('Nog niet iedereen is op de hoogte of akkoord. De aanmelding kan toch door; de dispatch ziet dit als aandachtspunt.')], 'attention'));
  if (view.unfinished.length > 0) {
    const list = view.unfinished.map((s) => stepNumber(s)).join(' en ');
    out.push(box([para(`Je begon stap ${list} aan te passen maar werkte die wijziging niet af. Bevestig je nu, dan gaat de vorige, volledige versie mee; via Aanpassen werk je de wijziging af.`)], 'warning'));
  }
  return out;
}

export function summaryCard(view: SummaryView): AdaptiveCard {
  const body: CardElement[] = [];
  if (view.notice) body.push(words(view.notice, { color: 'accent' }));
  body.push(heading('Overzicht van je aanmelding'), small(`${KIND_TITLE[view.kind]}. Kijk alles na; pas aan waar nodig en bevestig dan.`, { spacing: 'none' }));
  for (const step of STEPS) body.push(section(view, step.id, step.title));
  const points = attention(view);
  if (points.length > 0) body.push({ type: 'Container', spacing: 'large', items: points });
  return card(body, [
    button('Bevestigen en versturen', actionData({ op: 'confirm', draftId: view.draftId, rev: view.revision }), { style: 'positive' }),
    button('Later verder', actionData({ op: 'pause', draftId: view.draftId })),
    button('Annuleren', actionData({ op: 'cancel', draftId: view.draftId }), { style: 'destructive' }),
  ]);
}

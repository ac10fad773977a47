// One step of the referral as an Adaptive Card form: progress, why we ask, the fields with
// their limits, and what went wrong last time (with everything typed put back).
import { boundOf, textFor } from '../../referrals/fields.ts';
import type { Field, Option, SubjectKind } from '../../referrals/fields.ts';
import { STEP_IDS, stepNumber } from '../../referrals/steps.ts';
import type { Step } from '../../referrals/steps.ts';
import { fieldsFor } from '../../referrals/validate.ts';
import type { StepValue } from '../../referrals/validate.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardAction, CardElement, CardInput } from '../adaptiveCard.ts';
import { actionData } from './actions.ts';
import { inputValue, KIND_TITLE, labelOf } from './format.ts';

export interface StepView {
  draftId: string;
  step: Step;
  kind: SubjectKind;
  values: Readonly<Record<string, StepValue | undefined>>;
  errors?: Readonly<Record<string, string>>;
  regions: readonly Option[];
  /** Came here with "aanpassen" from the summary: "opslaan" returns there. */
  fromSummary?: boolean;
  /** A line on top, e.g. "Je gaat verder met je concept van 12/03/2026." */
  notice?: string;
}

export const AUTO_REGION = 'AUTO';
const today = () => new Date().toISOString().slice(0, 10);

function inputFor(field: Field, view: StepView): CardInput {
  const base = { id: field.id, label: labelOf(field, view.kind), isRequired: field.required, errorMessage: view.errors?.[field.id] ?? 'Vul dit in.' };
  const value = inputValue(view.values[field.id]);
  switch (field.type) {
    case 'text':
      return {
        ...base,
        type: 'Input.Text',
        maxLength: field.max,
        ...(field.multiline ? { isMultiline: true } : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        // The card checks the minimum length too, not only the server.
        ...(field.min > 1 && field.required ? { regex: `^[\\s\\S]{${field.min},${field.max}}$`, errorMessage: view.errors?.[field.id] ?? `Minstens ${field.min} tekens.` } : {}),
        ...(value !== undefined ? { value } : {}),
      };
    case 'choice':
      return {
        ...base,
        type: 'Input.ChoiceSet',
        choices: field.options.map((o) => ({ title: o.title, value: o.value })),
        style: field.expanded ? 'expanded' : 'compact',
        wrap: true,
        ...(field.multi ? { isMultiSelect: true } : {}),
        ...(!field.expanded ? { placeholder: 'Kies…' } : {}),
        ...(value !== undefined ? { value } : {}),
      };
    case 'region':
      return {
        ...base,
        type: 'Input.ChoiceSet',
        style: 'compact',
        choices: [{ title: 'Voorstel op basis van de gemeente', value: AUTO_REGION }, ...view.regions.map((r) => ({ title: r.title, value: r.value }))],
        value: value ?? AUTO_REGION,
      };
    case 'number':
      return { ...base, type: 'Input.Number', min: boundOf(field.min), max: boundOf(field.max), ...(value !== undefined && value !== '' && !Number.isNaN(Number(value)) ? { value: Number(value) } : {}) };
    case 'date':
      return { ...base, type: 'Input.Date', ...(field.notInPast ? { min: today() } : {}), ...(value ? { value } : {}) };
    case 'toggle':
      return { ...base, type: 'Input.Toggle', label: undefined, title: labelOf(field, view.kind), wrap: true, value: value === 'true' ? 'true' : 'false' };
  }
}

export function stepCard(view: StepView): AdaptiveCard {
  const { step, kind } = view;
  const n = stepNumber(step.id);
  const body: CardElement[] = [
    { type: 'TextBlock', text: `Stap ${n} van ${STEP_IDS.length} · ${KIND_TITLE[kind]}`, isSubtle: true, size: 'small', wrap: true },
    { type: 'TextBlock', text: step.title, size: 'large', weight: 'bolder', wrap: true, spacing: 'none' },
    { type: 'TextBlock', text: step.why, wrap: true, isSubtle: true },
  ];
  if (view.notice) body.unshift({ type: 'TextBlock', text: view.notice, wrap: true, color: 'accent' });
  const errorCount = Object.keys(view.errors ?? {}).length;
  if (errorCount > 0) {
    body.push({
      type: 'Container',
      style: 'attention',
      items: [
        { type: 'TextBlock', text: errorCount === 1 ? 'Eén antwoord moet nog aangepast worden:' : `${errorCount} antwoorden moeten nog aangepast worden:`, weight: 'bolder', wrap: true },
        ...Object.values(view.errors ?? {}).map((e): CardElement => ({ type: 'TextBlock', text: `• ${e}`, wrap: true, spacing: 'none' })),
      ],
    });
  }
  for (const field of fieldsFor(step.id, kind)) {
    const hint = field.hint ? textFor(field.hint, kind) : undefined;
    body.push(inputFor(field, view));
    if (hint) body.push({ type: 'TextBlock', text: hint, wrap: true, isSubtle: true, size: 'small', spacing: 'none' });
    const error = view.errors?.[field.id];
    if (error) body.push({ type: 'TextBlock', text: error, wrap: true, color: 'attention', size: 'small', spacing: 'none' });
  }
  if (step.note) body.push({ type: 'TextBlock', text: step.note, wrap: true, isSubtle: true, spacing: 'medium' });
  body.push({ type: 'TextBlock', text: 'Velden met * zijn verplicht. Elke stap wordt bewaard zodra je verder gaat.', wrap: true, isSubtle: true, size: 'small', spacing: 'medium' });

  const actions: CardAction[] = [
    {
      type: 'Action.Submit',
      title: view.fromSummary ? 'Opslaan en terug naar overzicht' : n === STEP_IDS.length ? 'Naar het overzicht' : 'Volgende',
      style: 'positive',
      data: actionData({ op: 'step', draftId: view.draftId, step: step.id, ...(view.fromSummary ? { fromSummary: true } : {}) }),
    },
  ];
  if (!view.fromSummary) {
    actions.push(
      n === 1
        ? { type: 'Action.Submit', title: 'Andere keuze', associatedInputs: 'none', data: actionData({ op: 'edit', draftId: view.draftId, step: 'kind' }) }
        : { type: 'Action.Submit', title: 'Vorige', associatedInputs: 'none', data: actionData({ op: 'back', draftId: view.draftId, step: step.id }) },
    );
  }
  actions.push({ type: 'Action.Submit', title: 'Pauzeren', associatedInputs: 'none', data: actionData({ op: 'pause', draftId: view.draftId }) });
  return card(body, actions);
}

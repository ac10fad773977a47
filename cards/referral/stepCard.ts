// One step of the referral as an Adaptive Card form: progress, why we ask, the fields with
// their limits, and what went wrong last time (with everything typed put back).
//
// The inputs carry no isRequired or regex on purpose: a card with those refuses every button
// that sends its inputs until they are valid, so "Pauzeren" or "Vorige" on a half-filled card
// would be a dead end. The server checks everything (referrals/validate.ts), keeps what was
// typed, and the labels say what is required.
import { textFor } from '../../referrals/fields.ts';
import type { Field, Option, SubjectKind } from '../../referrals/fields.ts';
import { STEP_IDS, stepNumber } from '../../referrals/steps.ts';
import type { Step } from '../../referrals/steps.ts';
import { fieldsFor } from '../../referrals/validate.ts';
import type { StepValue } from '../../referrals/validate.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardAction, CardElement, CardInput } from '../adaptiveCard.ts';
import { box, button, heading, para, small, words } from '../text.ts';
import type { Words } from '../text.ts';
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
  /** Shown as "the first step still open" (resume, change of kind): Volgende skips steps done. */
  skipDone?: boolean;
  /** A line on top, e.g. which referral is resumed. */
  notice?: Words;
}

export const AUTO_REGION = 'AUTO';
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function inputFor(field: Field, view: StepView): CardInput {
  const base = { id: field.id, label: labelOf(field, view.kind) };
  const value = inputValue(view.values[field.id]);
  switch (field.type) {
    case 'text':
      return {
        ...base,
        type: 'Input.Text',
        maxLength: field.max,
        ...(field.multiline ? { isMultiline: true } : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        ...(value !== undefined ? { value } : {}),
      };
    case 'choice': {
      const chosen = value !== undefined && value !== '' ? value : field.preset;
      return {
        ...base,
        type: 'Input.ChoiceSet',
        choices: field.options.map((o) => ({ title: o.title, value: o.value })),
        style: field.expanded ? 'expanded' : 'compact',
        wrap: true,
        ...(field.multi ? { isMultiSelect: true } : {}),
        ...(!field.expanded ? { placeholder: 'Kies…' } : {}),
        ...(chosen !== undefined ? { value: chosen } : {}),
      };
    }
    case 'region':
      return {
        ...base,
        type: 'Input.ChoiceSet',
        style: 'compact',
        choices: [{ title: 'Voorstel op basis van de gemeente', value: AUTO_REGION }, ...view.regions.map((r) => ({ title: r.title, value: r.value }))],
        value: value || AUTO_REGION,
      };
    case 'number':
      return { ...base, type: 'Input.Number', ...(field.placeholder ? { placeholder: field.placeholder } : {}), ...(value !== undefined && /^\d+$/.test(value) ? { value: Number(value) } : {}) };
    case 'date': {
      const max = field.maxDaysAhead === undefined ? {} : { max: isoDay(new Date(Date.now() + field.maxDaysAhead * 86_400_000)) };
      return { ...base, type: 'Input.Date', placeholder: 'Kies een datum', ...(field.notInPast ? { min: isoDay(new Date()) } : {}), ...max, ...(value ? { value } : {}) };
    }
    case 'toggle':
      return { id: field.id, type: 'Input.Toggle', title: labelOf(field, view.kind), wrap: true, value: value === 'true' ? 'true' : 'false' };
  }
}

function errorBox(view: StepView, fields: Field[]): CardElement[] {
  const wrong = fields.filter((f) => view.errors?.[f.id] !== undefined).length;
  if (wrong === 0) return [];
  // Each problem is said in red right under its question; on top only how many there are.
  const text = wrong === 1 ? 'Pas nog één antwoord aan; je ziet in het rood onder de vraag wat er schort.' : `Pas nog ${wrong} antwoorden aan; je ziet telkens in het rood onder de vraag wat er schort.`;
  return [box([para(text, { weight: 'bolder' })], 'attention')];
}

export function stepCard(view: StepView): AdaptiveCard {
  const { step, kind } = view;
  const n = stepNumber(step.id);
  const fields = fieldsFor(step.id, kind);
  const body: CardElement[] = [];
  if (view.notice) body.push(words(view.notice, { color: 'accent' }));
  body.push(small(`Stap ${n} van ${STEP_IDS.length} · ${KIND_TITLE[kind]}`), heading(step.title, { spacing: 'none' }), para(step.why, { isSubtle: true }), ...errorBox(view, fields));
  for (const field of fields) {
    body.push(inputFor(field, view));
    const hint = field.hint ? textFor(field.hint, kind) : undefined;
    const when = field.requiredWhenText;
    if (hint || when) body.push(small([when, hint].filter(Boolean).join(' '), { spacing: 'none' }));
    const error = view.errors?.[field.id];
    if (error) body.push(para(error, { color: 'attention', size: 'small', spacing: 'none' }));
  }
  if (step.note) body.push(para(step.note, { isSubtle: true, spacing: 'medium' }));
  body.push(small('Velden met * zijn verplicht. Elke stap wordt bewaard zodra je verder gaat; ook bij Vorige en Pauzeren blijft wat je typte bewaard.', { spacing: 'medium' }));

  const draftId = view.draftId;
  const actions: CardAction[] = [
    button(
      view.fromSummary ? 'Opslaan en terug naar overzicht' : n === STEP_IDS.length ? 'Naar het overzicht' : 'Volgende',
      actionData({ op: 'step', draftId, step: step.id, kind, ...(view.fromSummary ? { fromSummary: true } : {}), ...(view.skipDone ? { skipDone: true } : {}) }),
      { style: 'positive' },
    ),
  ];
  if (n === 1) actions.push(button('Andere keuze', actionData({ op: 'edit', draftId, step: 'kind', keep: step.id })));
  if (view.fromSummary) actions.push(button('Terug zonder opslaan', actionData({ op: 'resume', draftId }), { associatedInputs: 'none' }));
  else if (n > 1) actions.push(button('Vorige', actionData({ op: 'back', draftId, step: step.id })));
  actions.push(button('Pauzeren', actionData({ op: 'pause', draftId, step: step.id })));
  return card(body, actions);
}

// The afronding form: afgerond or voortijdig gestopt (with a reason from the list), how far the
// goals were reached, the outcome in a sentence, and for a class or group how many pupils can
// answer the survey. Shown only to the person who clicked "Afronden" on the channel card (the
// invoke's answer) or who typed `afronden <referentie>` in their 1:1 chat; nothing is stored until
// they confirm. The outcome and the stop reason never go back into the channel's card.
import type { ClosingFacts, Ending } from '../../dispatch/close.ts';
import { MAX_GROUP_USES } from '../../dispatch/close.ts';
import { GOAL_ATTAINMENT, GOAL_LABEL, STOP_LABEL, STOP_REASONS } from '../../dispatch/reasons.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardElement, CardInput } from '../adaptiveCard.ts';
import { box, heading, literal, para, small } from '../text.ts';
import { KIND_TITLE } from '../referral/format.ts';
import { execute } from './actions.ts';
import type { FormState } from './forms.ts';

/** A sentence, not a report: the report lives in the organisation's own files. */
export const OUTCOME_MAX = 200;

export const ENDING_LABEL: Readonly<Record<Ending, string>> = { CLOSE: 'Afgerond', STOP_EARLY: 'Voortijdig gestopt' };

export interface CloseFormView {
  facts: ClosingFacts;
  /** Which endings the current status allows (voortijdig stoppen also before the start). */
  endings: readonly Ending[];
  /** In the 1:1 chat the referral's own title may be shown; in the channel never. */
  personal: boolean;
  /** E.g. "Het traject veranderde intussen." */
  notice?: string;
}

/** How many pupils can answer, pre-filled: the group size the referrer gave, else a usual class. */
export function defaultPupils(facts: ClosingFacts): number | undefined {
  if (facts.kind !== 'GROUP' && facts.kind !== 'CLASS') return undefined;
  return Math.min(MAX_GROUP_USES, facts.groupSize ?? 25);
}

export function closeForm(v: CloseFormView, state: FormState = {}): AdaptiveCard {
  const f = v.facts;
  const body: CardElement[] = [
    small(`${f.reference} · ${KIND_TITLE[f.kind]} · ${f.regionName}${v.personal ? ' · alleen voor jou' : ''}`),
    heading('Traject afronden', { spacing: 'none' }),
  ];
  if (v.notice) body.push(box([para(v.notice, { weight: 'bolder' })], 'warning'));
  // The title names the young person: in the 1:1 chat only.
  if (v.personal) body.push(literal(f.title, { weight: 'bolder', spacing: 'none' }));
  body.push(
    para(
      'Na het bevestigen ziet het dispatchkanaal alleen dat het traject afgerond of gestopt is, niet het resultaat of de reden. De aanmelder krijgt bericht, en jij krijgt in je 1:1-chat de QR-codes voor de tevredenheidsbevraging.',
      { isSubtle: true },
    ),
  );
  const errors = Object.keys(state.errors ?? {});
  if (errors.length > 0) body.push(box([para(errors.length === 1 ? 'Pas nog één antwoord aan; je ziet in het rood onder de vraag wat er schort.' : `Pas nog ${errors.length} antwoorden aan; je ziet telkens in het rood onder de vraag wat er schort.`, { weight: 'bolder' })], 'attention'));
  const values = state.values ?? {};
  const pupils = defaultPupils(f);
  const inputs: CardInput[] = [
    {
      type: 'Input.ChoiceSet',
      id: 'ending',
      label: 'Hoe eindigt het traject? *',
      style: 'expanded',
      choices: v.endings.map((e) => ({ title: ENDING_LABEL[e], value: e })),
      wrap: true,
      ...(values.ending !== undefined ? { value: values.ending } : v.endings.length === 1 && v.endings[0] ? { value: v.endings[0] } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'stopReason',
      label: 'Reden (alleen bij voortijdig gestopt)',
      style: 'compact',
      placeholder: 'Kies een reden',
      choices: STOP_REASONS.map((r) => ({ title: STOP_LABEL[r], value: r })),
      wrap: true,
      ...(values.stopReason !== undefined ? { value: values.stopReason } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'goalAttainment',
      label: 'In welke mate zijn de doelen bereikt? *',
      style: 'expanded',
      choices: GOAL_ATTAINMENT.map((g) => ({ title: GOAL_LABEL[g], value: String(g) })),
      wrap: true,
      ...(values.goalAttainment !== undefined ? { value: values.goalAttainment } : {}),
    },
    {
      type: 'Input.Text',
      id: 'outcome',
      label: `Resultaat in één zin * (max. ${OUTCOME_MAX} tekens, zonder namen)`,
      maxLength: OUTCOME_MAX,
      ...(values.outcome !== undefined ? { value: values.outcome } : {}),
    },
  ];
  if (pupils !== undefined) {
    const typed = Number(values.pupils);
    inputs.push({
      type: 'Input.Number',
      id: 'pupils',
      label: `Hoeveel leerlingen kunnen de bevraging invullen? (1 tot ${MAX_GROUP_USES})`,
      min: 1,
      max: MAX_GROUP_USES,
      value: values.pupils !== undefined && Number.isFinite(typed) && values.pupils !== '' ? typed : pupils,
    });
  }
  for (const input of inputs) {
    body.push(input);
    const error = state.errors?.[input.id];
    if (error) body.push(para(error, { color: 'attention', size: 'small', spacing: 'none' }));
  }
  const on = { referralId: f.referralId, rev: f.revision };
  return card(body, [execute('Bevestigen: afronden', 'closeConfirm', on, { style: 'positive' }), execute('Annuleren', 'closeCancel', on, { associatedInputs: 'none' })]);
}

/** In the 1:1 chat after confirming, cancelling, or when the trajectory can no longer be closed. */
export function closeResultCard(a: { reference: string; title: string; headline: string; note?: string; surveyLine?: string; good?: boolean }): AdaptiveCard {
  return card([
    small(`${a.reference} · afronding · alleen voor jou`),
    para(a.headline, { weight: 'bolder', spacing: 'none', ...(a.good ? { color: 'good' as const } : {}) }),
    literal(a.title, { spacing: 'none' }),
    ...(a.surveyLine ? [small(a.surveyLine, { spacing: 'small' })] : []),
    ...(a.note ? [para(a.note, { isSubtle: true })] : []),
  ]);
}

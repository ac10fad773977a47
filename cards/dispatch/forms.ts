// The small forms behind the dispatch buttons. Shown only to the coordinator who clicked (the
// answer to their invoke), so nothing is decided until they confirm; "Annuleren" shows the card
// again. Every form names the version of the referral it was opened on.
import { expectedStartChoices } from '../../dispatch/expectedStart.ts';
import type { Option } from '../../referrals/fields.ts';
import type { DispatchView } from '../../dispatch/view.ts';
import { DECLINE_LABEL, DECLINE_REASONS } from '../../dispatch/reasons.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardElement, CardInput } from '../adaptiveCard.ts';
import { box, heading, para, small } from '../text.ts';
import { KIND_TITLE } from '../referral/format.ts';
import { execute } from './actions.ts';
import type { DispatchVerb } from './actions.ts';

export interface FormState {
  values?: Readonly<Record<string, string>>;
  errors?: Readonly<Record<string, string>>;
}

function form(view: DispatchView, title: string, intro: string, inputs: CardInput[], confirm: { title: string; verb: DispatchVerb }, state: FormState): AdaptiveCard {
  const body: CardElement[] = [small(`${view.reference} · ${KIND_TITLE[view.kind]} · ${view.regionName}`), heading(title, { spacing: 'none' }), para(intro, { isSubtle: true })];
  const errors = Object.keys(state.errors ?? {});
  if (errors.length > 0) body.push(box([para(errors.length === 1 ? 'Pas nog één antwoord aan; je ziet in het rood onder de vraag wat er schort.' : `Pas nog ${errors.length} antwoorden aan; je ziet telkens in het rood onder de vraag wat er schort.`, { weight: 'bolder' })], 'attention'));
  for (const input of inputs) {
    const value = state.values?.[input.id];
    body.push(value !== undefined && (input.type === 'Input.Text' || input.type === 'Input.ChoiceSet' || input.type === 'Input.Date') ? { ...input, value } : input);
    const error = state.errors?.[input.id];
    if (error) body.push(para(error, { color: 'attention', size: 'small', spacing: 'none' }));
  }
  const on = { referralId: view.referralId, rev: view.revision };
  return card(body, [execute(confirm.title, confirm.verb, on, { style: 'positive' }), execute('Annuleren', 'view', on, { associatedInputs: 'none' })]);
}

const choice = (id: string, label: string, options: readonly Option[], value?: string): CardInput => ({
  type: 'Input.ChoiceSet',
  id,
  label,
  style: options.length <= 4 ? 'expanded' : 'compact',
  choices: options.map((o) => ({ title: o.title, value: o.value })),
  wrap: true,
  ...(value !== undefined ? { value } : {}),
});

export interface TakeUpChoices {
  /** The organisations of this coordinator in the region; a choice only when more than one. */
  organisations: readonly Option[];
  /** People of those organisations who can be the begeleider; the first is the coordinator. */
  begeleiders: readonly Option[];
}

export function takeUpForm(view: DispatchView, choices: TakeUpChoices, state: FormState = {}): AdaptiveCard {
  const inputs: CardInput[] = [];
  if (choices.organisations.length > 1) inputs.push(choice('organisationId', 'Voor welke organisatie? *', choices.organisations));
  inputs.push(choice('begeleiderId', 'Wie wordt de begeleider? (kan later nog wijzigen)', choices.begeleiders, choices.begeleiders[0]?.value));
  return form(
    view,
    'Wij nemen op',
    'Na het bevestigen ziet iedereen in dit kanaal dat jullie opnemen, krijgt de aanmelder bericht, en krijg jij (of de begeleider) de namen en contactgegevens in een 1:1-bericht.',
    inputs,
    { title: 'Bevestigen: wij nemen op', verb: 'takeUpConfirm' },
    state,
  );
}

export function waitlistForm(view: DispatchView, organisations: readonly Option[], state: FormState = {}, now = new Date()): AdaptiveCard {
  const inputs: CardInput[] = [];
  if (organisations.length > 1) inputs.push(choice('organisationId', 'Op de wachtlijst van welke organisatie? *', organisations));
  // A week or a month, not a day: nobody knows the day, and a day would promise too much.
  inputs.push({ type: 'Input.ChoiceSet', id: 'expectedStart', label: 'Ongeveer wanneer kan het starten?', style: 'compact', choices: [{ title: 'Nog niet bekend', value: '' }, ...expectedStartChoices(now)], value: '', wrap: true });
  return form(view, 'Op de wachtlijst', 'Een exacte wachttijd hoeft niet: kies de week of de maand als je ze ongeveer kent. De aanmelder krijgt bericht.', inputs, { title: 'Bevestigen: op de wachtlijst', verb: 'waitlistConfirm' }, state);
}

export function declineForm(view: DispatchView, state: FormState = {}): AdaptiveCard {
  const reasons = DECLINE_REASONS.map((r) => ({ value: r, title: DECLINE_LABEL[r] }));
  return form(
    view,
    'Niet opnemen',
    'Dit telt als "niet-opgenomen aanmelding" voor het werkingsgebied. De aanmelder krijgt de reden en wat er in de plaats gebeurt.',
    [
      { type: 'Input.ChoiceSet', id: 'reason', label: 'Reden *', style: 'expanded', choices: reasons, wrap: true },
      { type: 'Input.Text', id: 'note', label: 'Toelichting (verplicht bij "Anders"; max. 600 tekens)', isMultiline: true, maxLength: 600 },
      { type: 'Input.Text', id: 'instead', label: 'Wat gebeurt er in de plaats? (bv. doorverwezen naar …; max. 300 tekens)', maxLength: 300 },
    ],
    { title: 'Bevestigen: niet opnemen', verb: 'declineConfirm' },
    state,
  );
}

export function askForm(view: DispatchView, state: FormState = {}): AdaptiveCard {
  return form(
    view,
    'Meer info vragen',
    'Je vraag gaat naar de aanmelder in een 1:1-bericht; het antwoord verschijnt op de kaart in dit kanaal. Vraag geen namen of contactgegevens: die krijgt de organisatie die opneemt.',
    [{ type: 'Input.Text', id: 'question', label: 'Je vraag * (10 tot 600 tekens)', isMultiline: true, maxLength: 600 }],
    { title: 'Vraag versturen', verb: 'askConfirm' },
    state,
  );
}

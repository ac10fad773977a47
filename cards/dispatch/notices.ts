// What the dispatch sends to one person in their 1:1 chat: the referrer hears of each decision
// and answers questions in place; the organisation that takes a referral up gets who the young
// person is and how to reach everyone (never shown in the channel); the begeleider is reminded
// of the evaluation. Typed text is shown literally throughout.
import { titleInSentence } from '../../referrals/history.ts';
import type { Option, SubjectKind } from '../../referrals/fields.ts';
import { formatDate } from '../../referrals/status.ts';
import { STEPS } from '../../referrals/steps.ts';
import type { StepId } from '../../referrals/steps.ts';
import { fieldsFor } from '../../referrals/validate.ts';
import type { StepAnswers } from '../../referrals/validate.ts';
import type { DispatchView } from '../../dispatch/view.ts';
import { DECLINE_LABEL } from '../../dispatch/reasons.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardElement } from '../adaptiveCard.ts';
import { box, button, fact, heading, literal, para, small, words } from '../text.ts';
import { actionData } from '../referral/actions.ts';
import { displayValue, labelOf } from '../referral/format.ts';
import { execute, stepDateInput } from './actions.ts';

const listButton = () => button('Mijn aanmeldingen', actionData({ op: 'list', page: 1 }));

/**
 * One event the referrer is told of, with its own facts (dispatch/notify.ts decisionFacts): the
 * same decision fields the channel card shows, but as they were at that event.
 */
export type DecisionFacts = Pick<NonNullable<DispatchView['decision']>, 'organisation' | 'begeleider' | 'expectedStart' | 'declineReason' | 'declineNote' | 'declineInstead'> & {
  reference: string;
  regionName: string;
  /** The referral's title in the referrer's own words (the pupil's name, a class, a school). */
  title: string;
  event: 'TAKEN_UP' | 'WAITING_LIST' | 'DECLINED' | 'STARTED' | 'CLOSED' | 'STOPPED_EARLY';
  at: Date;
};

/** To the referrer: what the dispatch decided, in their own words of the referral. */
export function decisionNotice(f: DecisionFacts): AdaptiveCard {
  const on = ` op ${formatDate(f.at)}`;
  const body: CardElement[] = [small(`${f.reference} · ${f.regionName}`)];
  switch (f.event) {
    case 'TAKEN_UP':
      body.push(heading('Je aanmelding is opgenomen', { color: 'good', spacing: 'none' }), words(['', { typed: f.title }, ` wordt opgenomen door ${f.organisation ?? 'een partner'} (beslist${on}).`]));
      if (f.begeleider) body.push(words(['Begeleider: ', { typed: f.begeleider }, '. De organisatie neemt contact op met jou of de school om een intake te plannen.']));
      break;
    case 'WAITING_LIST':
      body.push(heading('Je aanmelding staat op de wachtlijst', { spacing: 'none' }), words(['', { typed: f.title }, ` staat sinds ${formatDate(f.at)} op de wachtlijst bij ${f.organisation ?? 'een partner'}.`]));
      body.push(para(f.expectedStart ? `De start wordt verwacht ${f.expectedStart}.` : 'Een precieze wachttijd is er nog niet; je krijgt bericht zodra het zover is.'));
      break;
    case 'DECLINED':
      body.push(heading('Je aanmelding kon niet opgenomen worden', { color: 'attention', spacing: 'none' }), words(['', { typed: f.title }, ` wordt niet opgenomen (beslist${on}).`]));
      body.push(fact('Reden', f.declineReason ? DECLINE_LABEL[f.declineReason] : '—'));
      if (f.declineNote) body.push(fact('Toelichting', f.declineNote, { spacing: 'none' }));
      if (f.declineInstead) body.push(fact('Wat er in de plaats gebeurt', f.declineInstead, { spacing: 'none' }));
      body.push(para('Vragen hierover? Neem contact op met de coördinator van het werkingsgebied.', { isSubtle: true }));
      break;
    case 'STARTED':
      body.push(heading('Het traject is gestart', { color: 'good', spacing: 'none' }), words(['Het traject voor ', { typed: titleInSentence(f.title) }, ` is gestart${on}.`]));
      break;
    case 'CLOSED':
    case 'STOPPED_EARLY':
      // That it ended, not how: the outcome and a stop reason stay with the organisation.
      body.push(
        heading(f.event === 'CLOSED' ? 'Het traject is afgerond' : 'Het traject is voortijdig gestopt', { spacing: 'none' }),
        words(['Het traject voor ', { typed: titleInSentence(f.title) }, ` is ${f.event === 'CLOSED' ? 'afgerond' : 'voortijdig gestopt'}${on} door ${f.organisation ?? 'de organisatie'}.`]),
        para('Wil je weten hoe het verder gaat? Neem contact op met de begeleider.', { isSubtle: true }),
      );
      break;
  }
  return card(body, [listButton()]);
}

export interface QuestionView {
  reference: string;
  referralId: string;
  questionId: string;
  title: string;
  askedBy: string;
  question: string;
  rev: number;
}

/** To the referrer: a question of the dispatch, answered on the card itself. */
export function questionCard(q: QuestionView, state: { error?: string; typed?: string } = {}): AdaptiveCard {
  return card(
    [
      small(`${q.reference} · vraag van de dispatch`),
      heading('De dispatch heeft een vraag', { spacing: 'none' }),
      words(['Over ', { typed: titleInSentence(q.title) }, '. ', { typed: q.askedBy }, ' vraagt:']),
      box([literal(q.question)], 'emphasis'),
      { type: 'Input.Text', id: 'answer', label: 'Je antwoord * (max. 1000 tekens)', isMultiline: true, maxLength: 1000, ...(state.typed ? { value: state.typed } : {}) },
      ...(state.error ? [para(state.error, { color: 'attention', size: 'small', spacing: 'none' })] : []),
      small('Je antwoord verschijnt bij de aanmelding in het dispatchkanaal. Schrijf er geen namen in: die krijgt alleen de organisatie die opneemt.'),
    ],
    [execute('Antwoord versturen', 'answerConfirm', { referralId: q.referralId, rev: q.rev, questionId: q.questionId }, { style: 'positive' })],
  );
}

/** The question card after answering (or when it can no longer be answered). */
export function answeredCard(a: { reference: string; question: string; answer?: string; note?: string }): AdaptiveCard {
  return card([
    small(`${a.reference} · vraag van de dispatch`),
    para(a.answer ? '✓ Je antwoord is doorgegeven aan de dispatch' : 'Deze vraag staat niet meer open', { weight: 'bolder', spacing: 'none' }),
    fact('Vraag', a.question),
    ...(a.answer ? [fact('Je antwoord', a.answer, { spacing: 'none' })] : []),
    ...(a.note ? [para(a.note, { isSubtle: true })] : []),
  ]);
}

export interface DetailsView {
  dispatch: DispatchView;
  title: string;
  kind: SubjectKind;
  steps: Partial<Record<StepId, StepAnswers>>;
  regions: readonly Option[];
  referrer: { name: string; clb: string; email?: string };
}

/** The referrer's questions as section titles for the one who reads the answers. */
const SECTION: Readonly<Record<StepId, string>> = {
  who: 'Wie en welke school',
  support: 'Gevraagde ondersteuning',
  care: 'Zorgcontinuüm en afstemming',
  reason: 'Aanleiding en vraag',
  desire: 'Verlangen',
  engagement: 'Gedeeld engagement',
  contact: 'Contact',
};

/** A card holds at most 28 KB: past this, an answer is cut (and the card says so). */
export const DETAILS_TEXT_LIMIT = 450;

function cut(text: string): { text: string; cut: boolean } {
  const chars = [...text];
  return chars.length <= DETAILS_TEXT_LIMIT ? { text, cut: false } : { text: `${chars.slice(0, DETAILS_TEXT_LIMIT).join('').trimEnd()}…`, cut: true };
}

/** To the organisation that takes it up: everything, identity and contact data included. */
export function detailsCard(d: DetailsView, notice?: string, tone: 'good' | 'warning' = 'good'): AdaptiveCard {
  let anyCut = false;
  const v = d.dispatch;
  const body: CardElement[] = [
    ...(notice ? [box([para(notice, { weight: 'bolder' })], tone)] : []),
    small(`${v.reference} · ${v.regionName} · alleen voor jou`),
    heading('Opgenomen: gegevens voor de begeleiding', { spacing: 'none' }),
    literal(d.title, { weight: 'bolder' }),
    para('Deze gegevens staan niet in het dispatchkanaal. Bewaar ze alleen waar het beroepsgeheim dat toelaat.', { isSubtle: true, size: 'small' }),
    fact('Aanmelder', `${d.referrer.name} (${d.referrer.clb})${d.referrer.email ? `, ${d.referrer.email}` : ''}`),
  ];
  for (const step of STEPS) {
    const answers = d.steps[step.id] ?? {};
    const facts = fieldsFor(step.id, d.kind).filter((f) => answers[f.id] !== undefined);
    if (facts.length === 0) continue;
    body.push(literal(SECTION[step.id], { weight: 'bolder', spacing: 'medium' }));
    facts.forEach((f, i) => {
      const value = cut(displayValue(f, answers[f.id], d.regions));
      anyCut ||= value.cut;
      body.push(fact(f.short ?? labelOf(f, d.kind, { limits: false }), value.text, i === 0 ? {} : { spacing: 'none' }));
    });
  }
  if (anyCut) body.push(small(`Lange antwoorden zijn hier ingekort tot ${DETAILS_TEXT_LIMIT} tekens; de aanmelder vertelt je graag meer bij het eerste contact.`, { spacing: 'medium' }));
  const on = { referralId: v.referralId, rev: v.revision };
  const p = v.progress;
  const steps = [p.firstContactAt && `eerste contact ${formatDate(p.firstContactAt)}`, p.intakeAt && `intake ${formatDate(p.intakeAt)}`, p.startedAt && `gestart ${formatDate(p.startedAt)}`].filter((x): x is string => Boolean(x));
  if (steps.length > 0) body.push(small(`Genoteerd: ${steps.join(' · ')}`, { spacing: 'medium' }));
  const open = [
    ...(v.status === 'TAKEN_UP' && !p.firstContactAt ? [execute('Eerste contact gehad', 'firstContact', on)] : []),
    ...(v.status === 'TAKEN_UP' ? [execute('Intake gebeurd', 'intake', on)] : []),
    ...(v.status === 'TAKEN_UP' || v.status === 'INTAKE' ? [execute('Traject gestart', 'start', on)] : []),
  ];
  if (open.length > 0) body.push(stepDateInput(v.submittedAt));
  return card(body, open);
}

/** The reminder card after "evaluatie gebeurd". */
export function evaluationDone(v: DispatchView, notice: string): AdaptiveCard {
  return card([small(`${v.reference} · evaluatie`), para(notice.startsWith('Evaluatie genoteerd') ? `✓ ${notice}` : notice, { weight: 'bolder', spacing: 'none' })]);
}

/** To the begeleider: eight weeks since the start or the last evaluation of the goals. */
export function evaluationCard(v: DispatchView, title: string): AdaptiveCard {
  const since = v.progress.lastEvaluationAt ?? v.progress.startedAt;
  return card(
    [
      small(`${v.reference} · herinnering`),
      heading('Tijd voor een evaluatie van de doelen', { spacing: 'none' }),
      words(['', { typed: title }, `: ${since ? `sinds ${formatDate(since)}` : 'al een tijd'} werd er geen evaluatie genoteerd. Elk traject evalueert de doelen minstens om de twee maanden, samen met de jongere en de school.`]),
      stepDateInput(v.submittedAt),
    ],
    // Or the trajectory is over: the afronding form comes in this chat (dialogs/dispatch/close.ts).
    [execute('Evaluatie gebeurd', 'evaluate', { referralId: v.referralId, rev: v.revision }, { style: 'positive' }), execute('Afronden', 'close', { referralId: v.referralId, rev: v.revision })],
  );
}

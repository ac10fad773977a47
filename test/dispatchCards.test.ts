// Every dispatch card is a valid Adaptive Card 1.5 under Teams' 28 KB, also with every typed text
// at its longest, and the channel card never holds what identifies the young person.
import { describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../cards/adaptiveCard.ts';
import { dispatchCard } from '../cards/dispatch/dispatchCard.ts';
import { askForm, declineForm, takeUpForm, waitlistForm } from '../cards/dispatch/forms.ts';
import { answeredCard, decisionNotice, detailsCard, evaluationCard, questionCard } from '../cards/dispatch/notices.ts';
import { overviewCard } from '../cards/dispatch/overviewCard.ts';
import { dispatchStatusCard } from '../cards/dispatch/statusCard.ts';
import type { DispatchView } from '../dispatch/view.ts';
import { REFERRAL_STATUSES } from '../referrals/status.ts';
import { STEPS } from '../referrals/steps.ts';
import { fieldsFor } from '../referrals/validate.ts';
import type { StepAnswers } from '../referrals/validate.ts';
import { adaptiveCardProblems, cardBytes } from './support/adaptiveCard15.ts';

const LIMIT = 28 * 1024;
const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const long = (n: number) => 'é'.repeat(n);

const view = (status: DispatchView['status']): DispatchView => ({
  referralId: id,
  reference: 'GR-2026-0042',
  revision: 7,
  regionId: id,
  regionName: 'NAFT Gent en Rand',
  status,
  kind: 'PUPIL',
  submittedAt: new Date(),
  clbName: 'CLB Gent',
  school: `${long(120)}, ${long(60)}`,
  who: '3e jaar · Arbeidsmarktfinaliteit (bso) · ±15 jaar',
  support: 'Individueel traject, Groepswerking, Klastraject, Klasoverschrijdend traject, Ondersteuning van leerkrachten of school, Herstelgesprek, Klasbemiddeling, Hergo',
  urgent: true,
  urgencyReason: long(200),
  preferredStart: '01/02/2027',
  consentIncomplete: true,
  consentNote: long(200),
  reason: long(300),
  desire: long(300),
  engagement: `school werkt mee: ja · draagkracht: beperkt · ${long(200)}`,
  earlier: { date: new Date(), status: 'WAITING_LIST' },
  questions: Array.from({ length: 3 }, () => ({ question: long(600), askedBy: 'Nadia Benali', answer: long(1000), answeredAt: new Date() })),
  decision: { organisation: 'Groep INTRO', begeleider: 'Nadia Benali', expectedStart: 'in de week van 14/12/2026', declineReason: 'OTHER', declineNote: long(600), declineInstead: long(300), decidedAt: new Date(), by: 'Nadia Benali' },
  progress: { firstContactAt: new Date(), intakeAt: new Date(), startedAt: new Date(), lastEvaluationAt: new Date() },
});

const steps = Object.fromEntries(
  STEPS.map((step) => [
    step.id,
    Object.fromEntries(fieldsFor(step.id, 'PUPIL').map((f): [string, StepAnswers[string]] => [f.id, f.type === 'text' ? long(f.max) : f.type === 'choice' ? (f.multi ? f.options.map((o) => o.value) : (f.options[0]?.value ?? '')) : f.type === 'number' ? 2011 : f.type === 'toggle' ? true : f.type === 'date' ? '2030-01-01' : 'GR'])),
  ]),
);
const userIds = Array.from({ length: 60 }, (_, i) => `29:${'x'.repeat(80)}${i}`);

const cards: Array<[string, AdaptiveCard]> = [
  ...REFERRAL_STATUSES.filter((s) => s !== 'DRAFT').map((s): [string, AdaptiveCard] => [`channel card, ${s}, every text at its longest, 60 refresh ids`, dispatchCard(view(s), { refreshFor: userIds, notice: long(200) })]),
  ['take-up form', takeUpForm(view('SUBMITTED'), { organisations: [{ value: id, title: 'LEJO' }, { value: id, title: 'JES' }], begeleiders: Array.from({ length: 30 }, () => ({ value: id, title: long(40) })) }, { errors: { organisationId: 'Kies de organisatie die opneemt.' } })],
  ['waiting list form', waitlistForm(view('SUBMITTED'), [{ value: id, title: 'LEJO' }])],
  ['decline form', declineForm(view('SUBMITTED'), { values: { note: long(600), instead: long(300) }, errors: { note: 'Licht "Anders" kort toe.' } })],
  ['ask form', askForm(view('SUBMITTED'), { values: { question: long(600) } })],
  ...(['TAKEN_UP', 'WAITING_LIST', 'DECLINED', 'STARTED', 'CLOSED', 'STOPPED_EARLY'] as const).map((event): [string, AdaptiveCard] => [
    `decision notice ${event}`,
    decisionNotice({ reference: 'GR-2026-0042', regionName: 'NAFT Gent en Rand', title: long(200), event, at: new Date(), organisation: 'Groep INTRO', begeleider: long(80), expectedStart: 'in januari 2027', declineReason: 'OTHER', declineNote: long(600), declineInstead: long(300) }),
  ]),
  ['question card', questionCard({ reference: 'GR-2026-0042', referralId: id, questionId: id, title: long(200), askedBy: 'Nadia Benali (Groep INTRO)', question: long(600), rev: 3 }, { error: 'Schrijf je antwoord.', typed: long(1000) })],
  ['answered card', answeredCard({ reference: 'GR-2026-0042', question: long(600), answer: long(1000) })],
  ['details card, every answer at its longest', detailsCard({ dispatch: view('TAKEN_UP'), title: long(200), kind: 'PUPIL', steps, regions: [{ value: 'GR', title: 'NAFT Gent en Rand' }], referrer: { name: 'Sofie Claes', clb: 'CLB Gent', email: 'sofie@clb.example' } })],
  ['evaluation reminder', evaluationCard(view('RUNNING'), long(200))],
  ['weekly overview with 50 waiting', overviewCard({ regionName: 'NAFT Gent en Rand', at: new Date(), weekly: true, items: Array.from({ length: 50 }, (_, i) => ({ reference: `GR-2026-${String(i).padStart(4, '0')}`, kind: 'Eén leerling', school: `${long(120)}, ${long(60)}`, days: i, urgent: true, onWaitingList: 'Groep INTRO', openQuestion: true })) })],
  ['status dispatch', dispatchStatusCard({ regionName: 'NAFT Gent en Rand', pending: 3, waiting: 1, sent: 900, failed: 2, latestFailures: Array.from({ length: 5 }, () => ({ kind: 'notify.person', lastError: long(300), createdAt: new Date(), attempts: 12 })) })],
];

describe('dispatch cards', () => {
  it.each(cards)('%s is a valid Adaptive Card 1.5 under 28 KB', (_name, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(LIMIT);
  });

  it('offers the buttons that fit the state, each naming the version it was shown', () => {
    const titles = (s: DispatchView['status']) => (dispatchCard(view(s)).actions ?? []).map((a) => a.title);
    expect(titles('SUBMITTED')).toEqual(['Wij nemen op', 'Wachtlijst', 'Niet opnemen', 'Meer info vragen']);
    expect(titles('WAITING_LIST')).toEqual(['Wij nemen op', 'Niet opnemen', 'Meer info vragen']);
    // The fixture's trajectory had its first contact: that button only before it.
    expect(titles('TAKEN_UP')).toEqual(['Intake gebeurd', 'Traject gestart']);
    const taken = view('TAKEN_UP');
    expect((dispatchCard({ ...taken, progress: {} }).actions ?? []).map((a) => a.title)).toEqual(['Eerste contact gehad', 'Intake gebeurd', 'Traject gestart']);
    expect(titles('DECLINED')).toEqual([]);
    expect(JSON.stringify(dispatchCard(view('SUBMITTED')).actions)).toContain('"rev":7');
  });
});

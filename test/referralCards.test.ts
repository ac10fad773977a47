// Every referral card is a valid Adaptive Card 1.5 and stays under 28 KB, also when every free
// text is as long as allowed and written with accents.
import { describe, expect, it } from 'vitest';
import { SUBJECT_KINDS } from '../referrals/fields.ts';
import type { SubjectKind } from '../referrals/fields.ts';
import { STEPS } from '../referrals/steps.ts';
import type { StepId } from '../referrals/steps.ts';
import { fieldsFor } from '../referrals/validate.ts';
import type { StepAnswers } from '../referrals/validate.ts';
import { kindCard } from '../cards/referral/kindCard.ts';
import { stepCard } from '../cards/referral/stepCard.ts';
import { summaryCard } from '../cards/referral/summaryCard.ts';
import { cancelCard, confirmationCard } from '../cards/referral/outcomeCards.ts';
import { draftsCard, myReferralsCard, statusCard } from '../cards/referral/listCards.ts';
import { welcomeCard } from '../cards/welcome.ts';
import { discardedLine, kindChosen, pausedLine, sentLine, stepDone, summaryReplaced } from '../cards/referral/doneCards.ts';
import type { AdaptiveCard } from '../cards/adaptiveCard.ts';
import { adaptiveCardProblems, cardBytes } from './support/adaptiveCard15.ts';

const LIMIT = 28 * 1024;
const regions = [{ value: 'GR', title: 'NAFT Gent en Rand' }];
const draftId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** The longest answer each field accepts, in a text heavy with two-byte characters. */
function longest(kind: SubjectKind): Partial<Record<StepId, StepAnswers>> {
  const steps: Partial<Record<StepId, StepAnswers>> = {};
  for (const step of STEPS) {
    const answers: StepAnswers = {};
    for (const field of fieldsFor(step.id, kind)) {
      if (field.type === 'text') answers[field.id] = 'é'.repeat(field.max);
      else if (field.type === 'choice') answers[field.id] = field.multi ? field.options.map((o) => o.value) : (field.options[0]?.value ?? '');
      else if (field.type === 'number') answers[field.id] = 99999;
      else if (field.type === 'toggle') answers[field.id] = true;
      else if (field.type === 'date') answers[field.id] = '2030-01-01';
      else answers[field.id] = 'GR';
    }
    steps[step.id] = answers;
  }
  return steps;
}

const cards: Array<[string, AdaptiveCard]> = [
  ['welcome (personal)', welcomeCard({ scope: 'personal', firstName: 'Sofie' })],
  ['kind', kindCard({ draftId, notice: 'Je hebt nog 2 andere concepten openstaan.' })],
  ...SUBJECT_KINDS.flatMap((kind) =>
    STEPS.map((step): [string, AdaptiveCard] => {
      const values = longest(kind)[step.id] ?? {};
      const errors = Object.fromEntries(fieldsFor(step.id, kind).map((f) => [f.id, 'Die datum bestaat niet. Kies een datum in de kalender.']));
      const notice = ['Je gaat verder met ', { typed: 'é'.repeat(200) }, ', laatst bewaard op 27/11/2026 om 10:14 (verder bij stap 3: zorgcontinuüm en afstemming).'];
      return [`step ${step.id} for ${kind}, full and with an error on every field`, stepCard({ draftId, step, kind, values, errors, regions, notice })];
    }),
  ),
  ...SUBJECT_KINDS.map((kind): [string, AdaptiveCard] => [
    `summary for ${kind} with every answer at its maximum length`,
    summaryCard({ draftId, revision: 12, kind, steps: longest(kind), regions, earlier: { date: new Date(), status: 'WAITING_LIST' }, consentFlag: true, unfinished: ['care', 'contact'], notice: ['x'] }),
  ]),
  ['confirmation', confirmationCard({ referralId: draftId, reference: 'GR-2026-0042', regionName: 'NAFT Gent en Rand' })],
  ['cancel', cancelCard({ draftId, title: 'Leerling Youssef E. — Sint-Lucas' })],
  [
    'mijn aanmeldingen',
    myReferralsCard(
      {
        items: Array.from({ length: 8 }, (_, i) => ({ id: `${i}`, reference: `GR-2026-00${10 + i}`, status: 'SUBMITTED' as const, date: new Date(), title: `Klas ${'x'.repeat(40)} — ${'é'.repeat(120)}` })),
        page: 2,
        pageCount: 3,
        total: 20,
      },
      3,
    ),
  ],
  [
    'concepten',
    draftsCard(
      Array.from({ length: 20 }, () => ({ id: draftId, referrerId: draftId, kind: 'PUPIL' as const, steps: longest('PUPIL'), pending: {}, revision: 3, liveCardId: null, createdAt: new Date(), updatedAt: new Date() })),
    ),
  ],
  ['step saved', stepDone(draftId, 'support', 'saved')],
  ['step kept', stepDone(draftId, 'care', 'kept')],
  ['step open', stepDone(draftId, 'reason', 'open')],
  ['summary replaced', summaryReplaced()],
  ['sent', sentLine('GR-2026-0042')],
  ['kind chosen', kindChosen('Eén leerling')],
  ['paused', pausedLine(draftId, 'verder bij stap 3')],
  ['discarded', discardedLine()],
  ['kind (change)', kindCard({ draftId, current: 'CLASS' })],
  ['status', statusCard({ id: draftId, reference: 'GR-2026-0042', status: 'TAKEN_UP', date: new Date(), title: 'Leerling Youssef E. — Sint-Lucas' })],
];

describe('referral cards', () => {
  it.each(cards)('%s is a valid Adaptive Card 1.5 under 28 KB', (_name, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(LIMIT);
  });

  it('marks required inputs in the label and limits lengths, without client checks that would block Pauzeren', () => {
    const step = STEPS.find((s) => s.id === 'reason');
    if (!step) throw new Error('no reason step');
    const card = JSON.stringify(stepCard({ draftId, step, kind: 'PUPIL', values: {}, regions }));
    expect(card).toContain('"maxLength":1500');
    expect(card).toContain('Waarover gaat het, en wat is de vraag aan NAFT? * (15 tot 1500 tekens)');
    expect(card).not.toContain('isRequired');
    expect(card).not.toContain('"regex"');
  });

  it('says on the card when a field becomes required, and uses Dutch placeholders', () => {
    const support = STEPS.find((s) => s.id === 'support');
    if (!support) throw new Error('no support step');
    const text = JSON.stringify(stepCard({ draftId, step: support, kind: 'PUPIL', values: {}, regions }));
    expect(text).toContain('Verplicht als je \\"dringend\\" kiest.');
    expect(text).toContain('"placeholder":"Kies een datum"');
    // The usual answer is already chosen: one click less.
    expect(text).toMatch(/"id":"urgency"[^}]*"value":"NORMAL"/);
  });
});

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
import { usedCard } from '../cards/referral/usedCard.ts';
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
      else if (field.type === 'number') answers[field.id] = 2010;
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
      const errors = Object.fromEntries(fieldsFor(step.id, kind).map((f) => [f.id, 'Minstens 20 tekens.']));
      return [`step ${step.id} for ${kind}, full and with an error on every field`, stepCard({ draftId, step, kind, values, errors, regions, notice: 'Je gaat verder.' })];
    }),
  ),
  ...SUBJECT_KINDS.map((kind): [string, AdaptiveCard] => [
    `summary for ${kind} with every answer at its maximum length`,
    summaryCard({ draftId, kind, steps: longest(kind), regions, earlier: { date: new Date(), status: 'WAITING_LIST' }, consentFlag: true }),
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
    draftsCard(Array.from({ length: 20 }, () => ({ id: draftId, kind: 'PUPIL' as const, regionId: null, steps: longest('PUPIL'), createdAt: new Date(), updatedAt: new Date() }))),
  ],
  ['used step', usedCard({ text: 'Stap 2 van 7 bewaard · Gevraagde ondersteuning', edit: { draftId, step: 'support' } })],
  ['used summary', usedCard({ text: 'Verstuurd als GR-2026-0042', detail: 'Typ mijn aanmeldingen.' })],
  ['status', statusCard({ id: draftId, reference: 'GR-2026-0042', status: 'TAKEN_UP', date: new Date(), title: 'Leerling Youssef E. — Sint-Lucas' })],
];

describe('referral cards', () => {
  it.each(cards)('%s is a valid Adaptive Card 1.5 under 28 KB', (_name, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(LIMIT);
  });

  it('marks required inputs in the card and limits lengths there too', () => {
    const step = STEPS.find((s) => s.id === 'reason');
    if (!step) throw new Error('no reason step');
    const card = JSON.stringify(stepCard({ draftId, step, kind: 'PUPIL', values: {}, regions }));
    expect(card).toContain('"isRequired":true');
    expect(card).toContain('"maxLength":1500');
    expect(card).toContain('(20–1500 tekens)');
    expect(card).toContain('"regex":"^[\\\\s\\\\S]{20,1500}$"');
  });
});

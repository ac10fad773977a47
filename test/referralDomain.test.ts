// The referral rules without Teams: step validation, recognising the same pupil, and reference
// numbers that stay unique under concurrent submits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import type { Database } from '../db/open.ts';
import { seed } from '../db/seed.ts';
import { saveStep, startDraft, subjectKeyOf } from '../referrals/drafts.ts';
import { STEP_IDS } from '../referrals/steps.ts';
import { formatReference, submitReferral } from '../referrals/submit.ts';
import { checkStep } from '../referrals/validate.ts';
import { suggestRegion } from '../referrals/regions.ts';
import { createTestDatabase, DATABASE_KINDS } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';
import { STEP_ANSWERS, whoAnswers } from './support/referralAnswers.ts';

describe('checkStep', () => {
  it('accepts valid answers and converts them to their types', () => {
    const who = checkStep('who', 'PUPIL', whoAnswers('PUPIL'));
    expect(who).toMatchObject({ ok: true, answers: { firstName: 'Youssef', birthYear: new Date().getFullYear() - 15 } });
    const support = checkStep('support', 'PUPIL', STEP_ANSWERS.support);
    expect(support).toMatchObject({ ok: true, answers: { supportTypes: ['INDIVIDUAL', 'RESTORATIVE_TALK'] } });
    expect(checkStep('care', 'PUPIL', STEP_ANSWERS.care)).toMatchObject({ ok: true, answers: { extendedCare: true } });
  });

  it('ignores fields that do not belong to the kind of referral', () => {
    const result = checkStep('who', 'CLASS', { ...whoAnswers('CLASS'), firstName: 'Lina', birthYear: '2010' });
    expect(result.ok && Object.keys(result.answers)).not.toContain('firstName');
  });

  it.each([
    ['who', { schoolTown: ' ' }, 'schoolTown'],
    ['who', { birthYear: 'twintig' }, 'birthYear'],
    ['who', { lastInitial: '7' }, 'lastInitial'],
    ['care', { agreement: 'PARTLY' }, 'consentNote'],
    ['contact', { referrerReach: 'EMAIL', referrerEmail: 'geen-adres' }, 'referrerEmail'],
    ['reason', { about: 'x'.repeat(1501) }, 'about'],
  ] as const)('rejects %s %j on field %s', (step, bad, field) => {
    const base = step === 'who' ? whoAnswers('PUPIL') : STEP_ANSWERS[step];
    const result = checkStep(step, 'PUPIL', { ...base, ...bad });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });

  it('treats a missing or non-text input as empty instead of failing', () => {
    const result = checkStep('reason', 'PUPIL', { about: { nested: true }, mainWorry: ['a'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.raw.about).toBe('');
  });
});

describe('same pupil, region suggestion, reference format', () => {
  it('recognises the same pupil regardless of case, accents and spacing, and never a class', () => {
    const a = subjectKeyOf('PUPIL', { schoolName: 'Sint-Lucas  Gent', firstName: 'Zoë', lastInitial: 'd', birthYear: 2011 });
    const b = subjectKeyOf('PUPIL', { schoolName: 'sint lucas gent', firstName: 'Zoe ', lastInitial: 'D', birthYear: 2011 });
    expect(a).toBe(b);
    expect(subjectKeyOf('PUPIL', { schoolName: 'Sint-Lucas Gent', firstName: 'Zoë', lastInitial: 'D', birthYear: 2012 })).not.toBe(a);
    expect(subjectKeyOf('CLASS', { schoolName: 'Sint-Lucas Gent', className: '3A' })).toBeNull();
  });

  it('suggests a region from the town and nothing for an unknown town', () => {
    expect(suggestRegion(' Sint-Martens-Latem ', ['GR'])).toBe('GR');
    expect(suggestRegion('Brugge', ['GR'])).toBeUndefined();
    expect(formatReference('GR', 2026, 42)).toBe('GR-2026-0042');
  });
});

describe.each(DATABASE_KINDS)('submitting on %s', (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    db = await openDatabase(testDb.settings);
    await seed(db.prisma, { demo: true });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.destroy();
  });

  async function completeDraft(referrerId: string, regionId: string, i: number) {
    let draft = await startDraft(db.prisma, referrerId, 'GROUP');
    for (const step of STEP_IDS) {
      const input = step === 'who' ? whoAnswers('GROUP', { schoolName: `School ${i}` }) : STEP_ANSWERS[step];
      const checked = checkStep(step, 'GROUP', input);
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      const saved = await saveStep(db.prisma, draft, step, checked.answers, { regionId });
      if (!saved) throw new Error('draft gone');
      draft = saved;
    }
    return draft;
  }

  it('hands out consecutive, unique reference numbers to concurrent submits, each with one outbox entry', async () => {
    const referrer = await db.prisma.person.findFirstOrThrow({ where: { role: 'CLB_STAFF' } });
    const region = await db.prisma.region.findUniqueOrThrow({ where: { code: 'GR' } });
    const drafts = await Promise.all(Array.from({ length: 12 }, (_, i) => completeDraft(referrer.id, region.id, i)));
    const results = await Promise.all(drafts.map((d) => submitReferral(db.prisma, referrer.id, d.id, new Date('2026-06-01T10:00:00Z'))));
    const references = results.map((r) => (r.ok ? r.reference : 'failed')).sort();
    expect(references).toEqual(Array.from({ length: 12 }, (_, i) => formatReference('GR', 2026, i + 1)));
    expect(await db.prisma.outboxMessage.count()).toBe(12);

    // The first minutes of a new year in Brussels (still the old year in UTC) start at 0001 again.
    const [late] = await Promise.all([completeDraft(referrer.id, region.id, 99)]);
    const newYear = await submitReferral(db.prisma, referrer.id, late?.id ?? '', new Date('2026-12-31T23:30:00Z'));
    expect(newYear).toMatchObject({ ok: true, reference: 'GR-2027-0001' });
  });

  it('submits once when "bevestigen" is clicked twice at the same moment, and tells both clicks the same reference', async () => {
    const referrer = await db.prisma.person.findFirstOrThrow({ where: { role: 'CLB_STAFF' } });
    const region = await db.prisma.region.findUniqueOrThrow({ where: { code: 'GR' } });
    const draft = await completeDraft(referrer.id, region.id, 7);
    const [a, b] = await Promise.all([submitReferral(db.prisma, referrer.id, draft.id), submitReferral(db.prisma, referrer.id, draft.id)]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.reference).toBe(b.reference);
      expect([a.alreadySubmitted, b.alreadySubmitted].sort()).toEqual([false, true]);
    }
    expect(await db.prisma.outboxMessage.count({ where: { payload: { path: ['referralId'], equals: draft.id } } })).toBe(1);
  });

  it('refuses to submit an incomplete draft', async () => {
    const referrer = await db.prisma.person.findFirstOrThrow({ where: { role: 'CLB_STAFF' } });
    const draft = await startDraft(db.prisma, referrer.id, 'PUPIL');
    expect(await submitReferral(db.prisma, referrer.id, draft.id)).toEqual({ ok: false, reason: 'incomplete' });
    const other = await db.prisma.person.findFirstOrThrow({ where: { role: 'CLB_STAFF', NOT: { id: referrer.id } } });
    expect(await submitReferral(db.prisma, other.id, draft.id)).toEqual({ ok: false, reason: 'not-found' });
  });
});

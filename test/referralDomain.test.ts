// The referral rules without Teams: step validation, recognising the same pupil, and reference
// numbers that stay unique under concurrent submits.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { saveStep, startDraft } from '../referrals/drafts.ts';
import type { Draft } from '../referrals/drafts.ts';
import { subjectKeyOf } from '../referrals/subject.ts';
import { formatReference, submitReferral } from '../referrals/submit.ts';
import { checkStep } from '../referrals/validate.ts';
import { suggestRegion } from '../referrals/regions.ts';
import { DATABASE_KINDS, runsOn } from './support/databases.ts';
import { completeDraft as completeDraftIn, useSeededDatabase } from './support/seededDatabase.ts';
import { aReferrer } from './support/builders.ts';
import { STEP_ANSWERS, whoAnswers } from './support/referralAnswers.ts';

// Pure: once per run (in the PGlite project), not once per database kind.
describe.runIf(runsOn('pglite'))('checkStep', () => {
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
    ['who', { birthYear: '2e3' }, 'birthYear'],
    ['who', { birthYear: ' 0x7DB' }, 'birthYear'],
    ['who', { firstName: '...' }, 'firstName'],
    ['who', { schoolName: '12 34' }, 'schoolName'],
    ['support', { preferredStart: '2031-02-31' }, 'preferredStart'],
    ['support', { preferredStart: '9999-01-01' }, 'preferredStart'],
    ['support', { preferredStart: '31/02/2027' }, 'preferredStart'],
    ['who', { lastInitial: '7' }, 'lastInitial'],
    ['care', { agreement: 'PARTLY' }, 'consentNote'],
    ['care', { extendedCare: 'false' }, 'extendedCare'],
    ['contact', { referrerReach: 'EMAIL', referrerEmail: 'geen-adres' }, 'referrerEmail'],
    ['reason', { about: 'x'.repeat(1501) }, 'about'],
  ] as const)('rejects %s %j on field %s', (step, bad, field) => {
    const base = step === 'who' ? whoAnswers('PUPIL') : STEP_ANSWERS[step];
    const result = checkStep(step, 'PUPIL', { ...base, ...bad });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });

  it('treats a missing or non-text input as empty instead of failing', () => {
    const result = checkStep('reason', 'PUPIL', { about: { nested: true }, biggestWorry: ['a'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.raw.about).toBe('');
  });

  it('speaks in sentences, with "1 teken" in the singular', () => {
    const result = checkStep('who', 'PUPIL', { ...whoAnswers('PUPIL'), lastInitial: 'Ab', schoolName: 'S' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.lastInitial).toBe('Schrijf hoogstens 1 teken.');
      expect(result.errors.schoolName).toBe('Schrijf minstens 2 tekens.');
      for (const message of Object.values(result.errors)) expect(message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('removes NUL and other control characters, keeps newlines, and never puts back more than the field holds', () => {
    const result = checkStep('reason', 'PUPIL', { about: 'Eerste\u0000 regel\r\ntweede\u202e regel', impact: 'x'.repeat(100_000) });
    expect(result.ok).toBe(false);
    expect(result.raw.about).toBe('Eerste regel\ntweede regel');
    expect(result.raw.impact).toHaveLength(1000);
    if (!result.ok) expect(result.errors.impact).toBe('Schrijf hoogstens 1000 tekens.');
  });

  it('accepts an existing date and a digits-only year, and Arabic or emoji text as typed', () => {
    const year = new Date().getFullYear() + 1;
    expect(checkStep('support', 'PUPIL', { ...STEP_ANSWERS.support, preferredStart: `${year}-02-28` })).toMatchObject({ ok: true, answers: { preferredStart: `${year}-02-28` } });
    expect(checkStep('reason', 'PUPIL', { about: 'يتغيب كثيرًا عن المدرسة 📚 en haakt af' })).toMatchObject({ ok: true, answers: { about: 'يتغيب كثيرًا عن المدرسة 📚 en haakt af' } });
  });
});

describe.runIf(runsOn('pglite'))('same pupil, region suggestion, reference format', () => {
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
  const fixture = useSeededDatabase(kind);
  const db = {
    get prisma() {
      return fixture.db.prisma;
    },
  };
  const completeDraft = (referrerId: string, i: number) => completeDraftIn(db.prisma, referrerId, 'GROUP', { schoolName: `School ${i}` });
  const submit = (referrerId: string, draft: Draft, now?: Date) => submitReferral(db.prisma, { referrerId, draftId: draft.id, revision: draft.revision, ...(now ? { now } : {}) });

  it('hands out consecutive, unique reference numbers to concurrent submits, each with one outbox entry', async () => {
    const referrer = await aReferrer(db.prisma);
    const drafts = await Promise.all(Array.from({ length: 12 }, (_, i) => completeDraft(referrer.id, i)));
    const results = await Promise.all(drafts.map((d) => submit(referrer.id, d, new Date('2026-06-01T10:00:00Z'))));
    const references = results.map((r) => (r.ok ? r.reference : 'failed')).sort();
    expect(references).toEqual(Array.from({ length: 12 }, (_, i) => formatReference('GR', 2026, i + 1)));
    expect(await db.prisma.outboxMessage.count()).toBe(12);

    // The first minutes of a new year in Brussels (still the old year in UTC) start at 0001 again.
    const late = await completeDraft(referrer.id, 99);
    const newYear = await submit(referrer.id, late, new Date('2026-12-31T23:30:00Z'));
    expect(newYear).toMatchObject({ ok: true, reference: 'GR-2027-0001' });
  });

  it('submits once when "bevestigen" is clicked twice at the same moment, and tells both clicks the same reference', async () => {
    const referrer = await aReferrer(db.prisma);
    const draft = await completeDraft(referrer.id, 7);
    const [a, b] = await Promise.all([submit(referrer.id, draft), submit(referrer.id, draft)]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.reference).toBe(b.reference);
      expect([a.alreadySubmitted, b.alreadySubmitted].sort()).toEqual([false, true]);
    }
    expect(await db.prisma.outboxMessage.count({ where: { payload: { path: ['referralId'], equals: draft.id } } })).toBe(1);
  });

  it('refuses to submit an incomplete draft', async () => {
    const referrer = await aReferrer(db.prisma);
    const started = await startDraft(db.prisma, referrer.id, randomUUID(), 'PUPIL');
    if (!started) throw new Error('no draft');
    expect(await submit(referrer.id, started.draft)).toEqual({ ok: false, reason: 'incomplete' });
    const other = await db.prisma.person.findFirstOrThrow({ where: { role: 'CLB_STAFF', NOT: { id: referrer.id } } });
    expect(await submit(other.id, started.draft)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('submits only the revision the overview showed', async () => {
    const referrer = await aReferrer(db.prisma);
    const draft = await completeDraft(referrer.id, 8);
    const checked = checkStep('contact', 'GROUP', { ...STEP_ANSWERS.contact, schoolContactName: 'Bram Goossens' });
    if (!checked.ok) throw new Error('invalid');
    await saveStep(db.prisma, draft, 'contact', checked.answers);
    expect(await submit(referrer.id, draft)).toEqual({ ok: false, reason: 'changed' });
    expect(await db.prisma.referral.count({ where: { id: draft.id, status: 'DRAFT' } })).toBe(1);
  });
});

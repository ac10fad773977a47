// Drafts under concurrency and change: every confirmed save lasts, answers stay with the question
// they answered. PGlite runs one statement at a time and would hide a lost update, so the
// concurrency tests matter most on PostgreSQL, with two service-like database clients at once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import type { Database } from '../db/open.ts';
import { seed } from '../db/seed.ts';
import { reconcileKind } from '../referrals/answers.ts';
import { changeKind, getDraft, savePending, saveStep, startDraft } from '../referrals/drafts.ts';
import type { Draft } from '../referrals/drafts.ts';
import { swapLiveCard } from '../referrals/liveCard.ts';
import { STEP_IDS } from '../referrals/steps.ts';
import type { StepId } from '../referrals/steps.ts';
import { checkStep } from '../referrals/validate.ts';
import type { StepAnswers } from '../referrals/validate.ts';
import { createTestDatabase, DATABASE_KINDS, runsOn } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';
import { STEP_ANSWERS, whoAnswers } from './support/referralAnswers.ts';

function valid(step: StepId, overrides: Record<string, string> = {}): StepAnswers {
  const checked = checkStep(step, 'PUPIL', { ...(step === 'who' ? whoAnswers('PUPIL', { regionCode: 'GR' }) : STEP_ANSWERS[step]), ...overrides });
  if (!checked.ok) throw new Error(`${step}: ${JSON.stringify(checked.errors)}`);
  return checked.answers;
}

// Pure: once per run (in the PGlite project), not once per database kind.
describe.runIf(runsOn('pglite'))('reconcileKind', () => {
  const all = Object.fromEntries(STEP_IDS.map((s) => [s, valid(s, s === 'care' ? { parentsInformed: 'NO', consentNote: 'De ouders weten het nog niet.' } : {})]));

  it('drops every answer whose question the new kind does not ask in the same words, and lists the steps to redo', () => {
    const { steps, pending, redo } = reconcileKind({ steps: all, pending: {} }, 'PUPIL', 'SCHOOL');
    // "Is de leerling op de hoogte?" is "Is de directie op de hoogte?" for a school: not the same question.
    expect(steps.care).toBeUndefined();
    expect(pending.care).toEqual({ extendedCare: 'true', consentNote: 'De ouders weten het nog niet.' });
    expect(redo).toEqual(['who', 'care', 'desire']);
    expect(pending.who).toEqual({ schoolName: 'Sint-Lucas Gent', schoolTown: 'Gent', regionCode: 'GR' });
    // Questions asked the same way for a school keep their answers.
    expect(steps.reason).toEqual(all.reason);
    expect(steps.support).toEqual(all.support);
    expect(JSON.stringify({ steps, pending })).not.toMatch(/Youssef|parentsInformed|pupilInformed|youngPersonWants/);
  });

  it('keeps everything when going back and forth between kinds that ask the same', () => {
    const group = reconcileKind({ steps: all, pending: {} }, 'PUPIL', 'GROUP');
    expect(group.redo).toEqual(['who', 'care', 'desire']);
    expect(group.steps.engagement).toEqual(all.engagement);
  });
});

describe.each(DATABASE_KINDS)('drafts on %s', (kind) => {
  let testDb: TestDatabase;
  let a: Database;
  let b: Database;
  let referrerId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    a = await openDatabase(testDb.settings);
    await seed(a.prisma, { demo: true });
    // A second client, as a second service instance would have (PGlite allows one per folder).
    b = kind === 'postgres' ? await openDatabase(testDb.settings) : a;
    referrerId = (await a.prisma.person.findFirstOrThrow({ where: { role: 'CLB_STAFF' } })).id;
  });
  afterAll(async () => {
    if (b !== a) await b?.close();
    await a?.close();
    await testDb?.destroy();
  });

  async function newDraft(): Promise<Draft> {
    const started = await startDraft(a.prisma, referrerId, randomUUID(), 'PUPIL');
    if (!started) throw new Error('no draft');
    return started.draft;
  }

  it('keeps every one of 2–6 different step saves made at the same moment, 50 rounds in a row', async () => {
    const lost: string[] = [];
    for (let round = 0; round < 50; round++) {
      const draft = await newDraft();
      const steps = STEP_IDS.slice(0, 2 + (round % 5));
      const results = await Promise.all(steps.map((step, i) => saveStep(i % 2 === 0 ? a.prisma : b.prisma, draft, step, valid(step))));
      expect(results.every((r) => r !== null && r !== 'kind-changed')).toBe(true);
      const after = await getDraft(a.prisma, referrerId, draft.id);
      const missing = steps.filter((s) => after?.steps[s] === undefined);
      if (missing.length > 0) lost.push(`round ${round}: ${missing.join(', ')}`);
      expect(after?.revision).toBe(steps.length);
    }
    expect(lost).toEqual([]);
  });

  it('lets the later of two saves of the same step win, and keeps a pending edit apart from the saved step', async () => {
    const draft = await newDraft();
    const names = ['Anna Janssens', 'Bram Goossens', 'Chloé Maes', 'Dirk Peeters'];
    await Promise.all(names.map((name, i) => saveStep(i % 2 === 0 ? a.prisma : b.prisma, draft, 'contact', valid('contact', { schoolContactName: name }))));
    const after = await getDraft(a.prisma, referrerId, draft.id);
    expect(names).toContain(after?.steps.contact?.schoolContactName);
    expect(after?.revision).toBe(4);

    await savePending(a.prisma, draft.id, 'contact', { schoolContactName: 'X' });
    const paused = await getDraft(a.prisma, referrerId, draft.id);
    expect(paused?.pending.contact).toEqual({ schoolContactName: 'X' });
    expect(paused?.steps.contact?.schoolContactName).toBe(after?.steps.contact?.schoolContactName);
    await saveStep(a.prisma, draft, 'contact', valid('contact'));
    expect((await getDraft(a.prisma, referrerId, draft.id))?.pending.contact).toBeUndefined();
  });

  it('refuses a step save checked for the old kind once the kind changed, and says so', async () => {
    const draft = await newDraft();
    await saveStep(a.prisma, draft, 'who', valid('who'));
    const changed = await changeKind(b.prisma, referrerId, draft.id, 'CLASS');
    expect(changed?.redo).toEqual(['who']);
    expect(await saveStep(a.prisma, draft, 'care', valid('care'))).toBe('kind-changed');
    const after = await getDraft(a.prisma, referrerId, draft.id);
    expect(after?.kind).toBe('CLASS');
    expect(after?.steps.who).toBeUndefined();
    expect(after?.pending.who).toEqual({ schoolName: 'Sint-Lucas Gent', schoolTown: 'Gent', regionCode: 'GR', educationForm: 'ARBEIDSMARKT', schoolYear: '3' });
  });

  it('creates one draft for a double click on a kind button, however the clicks interleave', async () => {
    const id = randomUUID();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => startDraft(i % 2 === 0 ? a.prisma : b.prisma, referrerId, id, 'PUPIL')));
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    expect(await a.prisma.referral.count({ where: { id } })).toBe(1);
    // Someone else's draft id is not taken over.
    const other = (await a.prisma.person.findFirstOrThrow({ where: { role: 'CLB_STAFF', NOT: { id: referrerId } } })).id;
    expect(await startDraft(a.prisma, other, id, 'PUPIL')).toBeNull();
  });

  it('leaves exactly one live card when several are shown at once, each retiring the one it replaced', async () => {
    const draft = await newDraft();
    const ids = Array.from({ length: 8 }, (_, i) => `card-${i}`);
    const replaced = await Promise.all(ids.map((id, i) => swapLiveCard(i % 2 === 0 ? a.prisma : b.prisma, draft.id, id, { kind: 'step', step: 'who' })));
    const live = (await a.prisma.referral.findUniqueOrThrow({ where: { id: draft.id } })).liveCardId;
    const retired = replaced.map((r) => r?.activityId).filter((id) => id !== undefined);
    // Every card but the live one was replaced by exactly one later card.
    expect(retired).toHaveLength(ids.length - 1);
    expect(new Set([...retired, live])).toEqual(new Set(ids));
  });
});

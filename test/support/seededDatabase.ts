// A fresh database of one kind, migrated and seeded with the demo people, for domain tests; and a
// referral completed step by step through the domain (as the conversation would).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import type { Database, DbClient } from '../../db/open.ts';
import { seed } from '../../db/seed.ts';
import { saveStep, startDraft } from '../../referrals/drafts.ts';
import type { Draft } from '../../referrals/drafts.ts';
import type { SubjectKind } from '../../referrals/fields.ts';
import { STEP_IDS } from '../../referrals/steps.ts';
import { checkStep } from '../../referrals/validate.ts';
import { createTestDatabase } from './databases.ts';
import type { DatabaseKind, TestDatabase } from './databases.ts';
import { STEP_ANSWERS, whoAnswers } from './referralAnswers.ts';

/** Filled in by beforeAll: read `db` inside the tests. */
export function useSeededDatabase(kind: DatabaseKind): { db: Database } {
  const fixture = {} as { db: Database };
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    fixture.db = await openDatabase(testDb.settings);
    await seed(fixture.db.prisma, { demo: true });
  });
  afterAll(async () => {
    await fixture.db?.close();
    await testDb?.destroy();
  });
  return fixture;
}

/** A draft with every step answered (region GR), ready to confirm. */
export async function completeDraft(prisma: DbClient, referrerId: string, kind: SubjectKind = 'GROUP', who: Record<string, string> = {}): Promise<Draft> {
  const started = await startDraft(prisma, referrerId, randomUUID(), kind);
  if (!started) throw new Error('no draft');
  let draft = started.draft;
  for (const step of STEP_IDS) {
    const checked = checkStep(step, kind, step === 'who' ? whoAnswers(kind, { regionCode: 'GR', ...who }) : STEP_ANSWERS[step]);
    if (!checked.ok) throw new Error(`${step}: ${JSON.stringify(checked.errors)}`);
    const saved = await saveStep(prisma, draft, step, checked.answers);
    if (saved === null || saved === 'kind-changed') throw new Error(`${step}: draft gone`);
    draft = saved;
  }
  return draft;
}

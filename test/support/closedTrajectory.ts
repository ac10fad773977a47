// A trajectory that was referred, taken up, started and closed through the domain (as the
// conversation and the dispatch would do it), with a fresh survey token for every invitation
// that the afronding created (see builders.ts for the steps before); and the service for survey
// tests. For the survey tests and bench.
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../config/env.ts';
import { closeTrajectory } from '../../dispatch/close.ts';
import type { SurveyVariant } from '../../dispatch/close.ts';
import type { DbClient } from '../../db/open.ts';
import type { SubjectKind } from '../../referrals/fields.ts';
import { startService } from '../../server/app.ts';
import type { Service } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { mintToken } from '../../survey/tokens.ts';
import { createTestDatabase } from './databases.ts';
import type { DatabaseKind, TestDatabase } from './databases.ts';
import { takenUpTrajectory } from './builders.ts';

export interface ClosedTrajectoryOptions {
  kind?: SubjectKind;
  /** For a group or class: how many pupils may answer with the shared code. */
  pupils?: number;
  /** When the trajectory closed (the invitations expire surveyDays later). */
  now?: Date;
  surveyDays?: number;
}

export interface ClosedTrajectory {
  referralId: string;
  /** One token per variant that this kind of trajectory is asked (undefined for the others). */
  tokens: Record<SurveyVariant, string | undefined>;
  invitationIds: Record<SurveyVariant, string | undefined>;
  organisationId: string;
  regionId: string;
}

const DAY = 86_400_000;

export async function closedTrajectory(prisma: DbClient, options: ClosedTrajectoryOptions = {}): Promise<ClosedTrajectory> {
  const kind = options.kind ?? 'PUPIL';
  const closedAt = options.now ?? new Date();
  // The referral's life is placed in the weeks before the closing, in order.
  const at = (daysBefore: number) => new Date(closedAt.getTime() - daysBefore * DAY);
  const { referralId, organisationId, begeleiderId } = await takenUpTrajectory(prisma, { kind, now: at(60), at: { takeUp: at(50), intake: at(45), start: at(40) } });
  const must = (step: string, outcome: { ok: boolean }) => {
    if (!outcome.ok) throw new Error(`${step}: ${JSON.stringify(outcome)}`);
  };
  must(
    'close',
    await closeTrajectory(prisma, {
      referralId,
      actorId: begeleiderId,
      ending: 'CLOSE',
      goalAttainment: 3,
      outcome: 'Gaat terug elke dag naar school.',
      ...(options.pupils !== undefined ? { pupils: options.pupils } : {}),
      surveyDays: options.surveyDays ?? 30,
      now: closedAt,
    }),
  );

  const invitations = await prisma.surveyInvitation.findMany({ where: { referralId }, select: { id: true, variant: true, regionId: true } });
  const tokens: Record<SurveyVariant, string | undefined> = { YOUNG_PERSON: undefined, GROUP: undefined, SCHOOL: undefined };
  const invitationIds: Record<SurveyVariant, string | undefined> = { YOUNG_PERSON: undefined, GROUP: undefined, SCHOOL: undefined };
  for (const invitation of invitations) {
    tokens[invitation.variant] = await mintToken(prisma, invitation.id);
    invitationIds[invitation.variant] = invitation.id;
  }
  return { referralId, tokens, invitationIds, organisationId, regionId: invitations[0]?.regionId ?? '' };
}

/** The real service for survey tests, with settings of the test's choosing and its log kept. */
export interface SurveyServiceFixture {
  service: Service;
  /** Every line the service logged (to check that no token or answer ends up there). */
  log: string[];
}

export function useSurveyService(kind: DatabaseKind, env: Record<string, string> = {}): SurveyServiceFixture {
  const fixture = { log: [] as string[] } as SurveyServiceFixture;
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    const config = loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'on', LOG_LEVEL: 'debug', ...env });
    fixture.service = await startService({ ...config, database: testDb.settings }, createLogger('debug', (line) => fixture.log.push(line)));
  });
  afterAll(async () => {
    await fixture.service?.close();
    await testDb?.destroy();
  });
  return fixture;
}

export interface PageResponse {
  status: number;
  headers: Headers;
  html: string;
}

/** Sends a survey form as a browser would without JavaScript (no redirect followed). */
export async function postForm(url: string, fields: Record<string, string> | string, headers: Record<string, string> = {}): Promise<PageResponse> {
  const body = typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
  const res = await fetch(url, { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

export async function getPage(url: string, headers: Record<string, string> = {}): Promise<PageResponse> {
  const res = await fetch(url, { redirect: 'manual', headers });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

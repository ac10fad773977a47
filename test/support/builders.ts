// The test builders: the demo people and organisations as rows, a submitted referral, a
// trajectory taken up (and started), built through the domain as the conversation and the
// dispatch would. A closed one with survey codes is closedTrajectory (closedTrajectory.ts).
// Each throws when the domain refuses a step: a builder prepares a test, it asserts nothing.
import type { Prisma } from '../../generated/prisma/client.ts';
import type { DbClient } from '../../db/open.ts';
import { recordStep, takeUp } from '../../dispatch/decide.ts';
import type { SubjectKind } from '../../referrals/fields.ts';
import { submitReferral } from '../../referrals/submit.ts';
import type { PartnerCode } from '../../db/demo.ts';
import { completeDraft } from './seededDatabase.ts';

export type PersonWithMemberships = Prisma.PersonGetPayload<{ include: { memberships: true } }>;

/** A demo person by name (the seed with demo people must have run), with their memberships. */
export function demoPerson(prisma: DbClient, name: string): Promise<PersonWithMemberships> {
  return prisma.person.findFirstOrThrow({ where: { name }, include: { memberships: true } });
}

/** The first CLB staff member of the demo (Sofie Claes). */
export function aReferrer(prisma: DbClient): Promise<PersonWithMemberships> {
  return prisma.person.findFirstOrThrow({ where: { role: 'CLB_STAFF' }, orderBy: { name: 'asc' }, include: { memberships: true } });
}

export function partner(prisma: DbClient, code: PartnerCode) {
  return prisma.organisation.findUniqueOrThrow({ where: { code } });
}

/** The organisation a coordinator acts for (their first membership). */
export function organisationOf(person: PersonWithMemberships): string {
  const organisationId = person.memberships[0]?.organisationId;
  if (!organisationId) throw new Error(`${person.name} belongs to no organisation`);
  return organisationId;
}

/**
 * Coordinators beyond the demo's, spread over the partner organisations in code order; number
 * `i` has the Entra id 00000000-0000-4000-8000-0000000000ii and is named "Coördinator i".
 */
export async function extraCoordinators(prisma: DbClient, count: number): Promise<PersonWithMemberships[]> {
  const organisations = await prisma.organisation.findMany({ orderBy: { code: 'asc' } });
  const people: PersonWithMemberships[] = [];
  for (let i = 0; i < count; i++) {
    const organisation = organisations[i % organisations.length];
    if (!organisation) throw new Error('no organisations: seed first');
    people.push(
      await prisma.person.create({
        data: { aadObjectId: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, name: `Coördinator ${i}`, role: 'COORDINATOR', memberships: { create: { organisationId: organisation.id } } },
        include: { memberships: true },
      }),
    );
  }
  return people;
}

export interface SubmittedReferralOptions {
  kind?: SubjectKind;
  /** Defaults to the demo's first CLB staff member. */
  referrerId?: string;
  /** Answers of the "wie" step that differ from the usual ones (e.g. schoolName). */
  who?: Record<string, string>;
  now?: Date;
}

export interface SubmittedReferral {
  referralId: string;
  referrerId: string;
}

/** Every step answered (region GR) and sent, with its outbox entry for the dispatch channel. */
export async function submittedReferral(prisma: DbClient, options: SubmittedReferralOptions = {}): Promise<SubmittedReferral> {
  const referrerId = options.referrerId ?? (await aReferrer(prisma)).id;
  const draft = await completeDraft(prisma, referrerId, options.kind ?? 'GROUP', options.who ?? {});
  const sent = await submitReferral(prisma, { referrerId, draftId: draft.id, revision: draft.revision, ...(options.now ? { now: options.now } : {}) });
  if (!sent.ok) throw new Error(`submit: ${sent.reason}`);
  return { referralId: sent.referralId, referrerId };
}

export interface TakenUpOptions {
  /** Defaults to Lotte Vermeulen (aPart), who is also the begeleider. */
  coordinator?: string;
  /** Intake and start recorded too: a running trajectory (default true). */
  started?: boolean;
  /** When each step happened, in order; defaults to now. */
  at?: { takeUp?: Date; intake?: Date; start?: Date };
}

export interface TakenUpTrajectory {
  referralId: string;
  organisationId: string;
  begeleiderId: string;
}

/** Takes an existing referral up and, unless `started: false`, records its intake and start. */
export async function takeUpReferral(prisma: DbClient, referralId: string, options: TakenUpOptions = {}): Promise<TakenUpTrajectory> {
  const coordinator = await demoPerson(prisma, options.coordinator ?? 'Lotte Vermeulen');
  const organisationId = organisationOf(coordinator);
  const must = (step: string, outcome: { ok: boolean }) => {
    if (!outcome.ok) throw new Error(`${step}: ${JSON.stringify(outcome)}`);
  };
  const rev = (await prisma.referral.findUniqueOrThrow({ where: { id: referralId } })).revision;
  const when = (at: Date | undefined) => (at ? { now: at } : {});
  must('take up', await takeUp(prisma, { referralId, rev, actorId: coordinator.id, organisationId, begeleiderId: coordinator.id, ...when(options.at?.takeUp) }));
  if (options.started !== false) {
    must('intake', await recordStep(prisma, { referralId, actorId: coordinator.id, step: 'INTAKE', ...when(options.at?.intake) }));
    must('start', await recordStep(prisma, { referralId, actorId: coordinator.id, step: 'START', ...when(options.at?.start) }));
  }
  return { referralId, organisationId, begeleiderId: coordinator.id };
}

/** A referral submitted and then taken up (and started, unless `started: false`). */
export async function takenUpTrajectory(prisma: DbClient, options: SubmittedReferralOptions & TakenUpOptions = {}): Promise<TakenUpTrajectory & SubmittedReferral> {
  const submitted = await submittedReferral(prisma, options);
  return { ...submitted, ...(await takeUpReferral(prisma, submitted.referralId, options)) };
}

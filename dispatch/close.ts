// Afronding: the begeleider (or someone of the organisation that took the referral up) closes a
// trajectory — afgerond, or voortijdig gestopt with a reason — with how far the goals were reached
// and the outcome in a few words. One transaction (dispatch/decide.ts moveReferral): the conditional
// status move and its event, the closing fields, one survey invitation per variant, the QR codes
// to the closer's 1:1 chat, the referrer's notice and the channel card. No token is made here:
// tokens exist only in the card that shows them, minted when it is sent (dispatch/surveyKinds.ts).
import type { DbClient } from '../db/open.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { readAnswers } from '../referrals/answers.ts';
import { SUBJECT_KINDS } from '../referrals/fields.ts';
import type { SubjectKind } from '../referrals/fields.ts';
import { titleOf } from '../referrals/history.ts';
import { canDo } from '../referrals/lifecycle.ts';
import { REFERRAL_STATUSES } from '../referrals/status.ts';
import type { ReferralStatus } from '../referrals/status.ts';
import { mayWhere } from './access.ts';
import { moveReferral } from './decide.ts';
import type { Outcome, Tx } from './decide.ts';
import { NOTIFY_PERSON, SURVEY_CODES } from './kindNames.ts';
import { mayRecordSteps } from './people.ts';
import type { GoalAttainment, StopReason } from './reasons.ts';
import { inBrussels } from './schedule.ts';

export const SURVEY_VARIANTS = ['YOUNG_PERSON', 'GROUP', 'SCHOOL'] as const;
export type SurveyVariant = (typeof SURVEY_VARIANTS)[number];

/** What the reports call the kind of trajectory (copied onto every survey answer). */
export const TRAJECTORY_TYPE: Readonly<Record<SubjectKind, string>> = { PUPIL: 'INDIVIDUAL', GROUP: 'GROUP', CLASS: 'CLASS', SCHOOL: 'SCHOOL' };

/** How many pupils a class or group code can serve at most (a big class, a few more). */
export const MAX_GROUP_USES = 60;
/** A class without a number given: a usual class size. */
const CLASS_SIZE = 25;

export type Ending = 'CLOSE' | 'STOP_EARLY';

/**
 * Who is asked, per kind: the young person, or the whole group or class through one shared code;
 * the teacher or school contact always; a school-support trajectory only the school.
 */
export function surveyPlan(kind: SubjectKind, pupils: number | undefined): Array<{ variant: SurveyVariant; maxUses: number }> {
  const school = { variant: 'SCHOOL' as const, maxUses: 1 };
  switch (kind) {
    case 'PUPIL':
      return [{ variant: 'YOUNG_PERSON', maxUses: 1 }, school];
    case 'GROUP':
    case 'CLASS':
      return [{ variant: 'GROUP', maxUses: Math.min(MAX_GROUP_USES, Math.max(1, pupils ?? CLASS_SIZE)) }, school];
    case 'SCHOOL':
      return [school];
  }
}

export interface CloseInput {
  referralId: string;
  /** The channel card's version; undefined from the begeleider's own 1:1 card. */
  rev?: number;
  actorId: string;
  ending: Ending;
  stopReason?: StopReason;
  goalAttainment: GoalAttainment;
  outcome: string;
  /** For a group or class: how many pupils can answer (default: the group size of the referral). */
  pupils?: number;
  surveyDays: number;
  now?: Date;
}

const DAY = 86_400_000;

export function closeTrajectory(prisma: DbClient, d: CloseInput): Promise<Outcome> {
  const now = d.now ?? new Date();
  return moveReferral(prisma, {
    referralId: d.referralId,
    ...(d.rev !== undefined ? { rev: d.rev } : {}),
    action: d.ending,
    actorId: d.actorId,
    allowed: mayWhere.steps(d.actorId),
    now,
    data: {
      closedAt: now,
      stopReason: d.ending === 'STOP_EARLY' ? (d.stopReason ?? 'OTHER') : null,
      goalAttainment: d.goalAttainment,
      outcome: d.outcome,
      evaluationDueAt: null,
    },
    // The outcome stays on the referral; the history only counts.
    event: { goalAttainment: d.goalAttainment, ...(d.ending === 'STOP_EARLY' ? { stopReason: d.stopReason ?? 'OTHER' } : {}) },
    tell: async (tx, r) => {
      const invitationIds = await invite(tx, r.id, d, now);
      await enqueue(tx, { kind: SURVEY_CODES, payload: { personId: d.actorId, referralId: r.id, invitationIds }, scope: r.regionCode });
      await enqueue(tx, { kind: NOTIFY_PERSON, payload: { personId: r.referrerId, notice: { type: 'decision', referralId: r.id, eventId: r.eventId } }, scope: r.regionCode });
    },
  });
}

async function invite(tx: Tx, referralId: string, d: CloseInput, now: Date): Promise<string[]> {
  const row = await tx.referral.findUniqueOrThrow({ where: { id: referralId }, select: { subjectKind: true, answers: true, organisationId: true, regionId: true } });
  if (!row.organisationId || !row.regionId) throw new Error(`referral ${referralId} has no organisation or region to close with`);
  const kind = SUBJECT_KINDS.find((k) => k === row.subjectKind) ?? 'PUPIL';
  const plan = surveyPlan(kind, d.pupils ?? groupSize(kind, row.answers));
  const base = {
    referralId,
    organisationId: row.organisationId,
    regionId: row.regionId,
    trajectoryType: TRAJECTORY_TYPE[kind],
    closingMonth: inBrussels(now).date.slice(0, 7),
    createdAt: now,
    expiresAt: new Date(now.getTime() + d.surveyDays * DAY),
  };
  const created = await tx.surveyInvitation.createManyAndReturn({ data: plan.map((p) => ({ ...base, variant: p.variant, maxUses: p.maxUses })), select: { id: true } });
  return created.map((c) => c.id);
}

/** The size of a referred group as the referrer gave it (a class has none). */
export function groupSize(kind: SubjectKind, answers: unknown): number | undefined {
  if (kind !== 'GROUP') return undefined;
  const size = readAnswers(answers, kind).steps.who?.groupSize;
  return typeof size === 'number' ? size : undefined;
}

/** What the closing form needs beyond the channel's view: the title (1:1 only) and the group size. */
export interface ClosingFacts {
  referralId: string;
  reference: string;
  revision: number;
  status: ReferralStatus;
  kind: SubjectKind;
  regionName: string;
  title: string;
  groupSize?: number;
}

export async function closingFacts(prisma: DbClient, referralId: string): Promise<ClosingFacts | null> {
  const row = await prisma.referral.findFirst({
    where: { id: referralId, NOT: { status: 'DRAFT' } },
    select: { id: true, reference: true, revision: true, status: true, subjectKind: true, answers: true, region: { select: { name: true } } },
  });
  if (!row?.reference) return null;
  const kind = SUBJECT_KINDS.find((k) => k === row.subjectKind) ?? 'PUPIL';
  const size = groupSize(kind, row.answers);
  return {
    referralId: row.id,
    reference: row.reference,
    revision: row.revision,
    status: REFERRAL_STATUSES.find((s) => s === row.status) ?? 'SUBMITTED',
    kind,
    regionName: row.region?.name ?? '',
    title: titleOf(row.subjectKind, row.answers),
    ...(size !== undefined ? { groupSize: size } : {}),
  };
}

/** Can the trajectory be closed now, as afgerond or as voortijdig gestopt? */
export const closable = (status: ReferralStatus): boolean => canDo('CLOSE', status) || canDo('STOP_EARLY', status);

/** "gr-2026-7" → "GR-2026-0007"; null for anything that is not a reference. */
export function normalReference(text: string): string | null {
  const match = /^([a-z]{1,8})-(\d{4})-(\d{1,6})$/i.exec(text.trim());
  return match ? `${(match[1] ?? '').toUpperCase()}-${match[2] ?? ''}-${(match[3] ?? '').padStart(4, '0')}` : null;
}

export type ClosableLookup =
  | { ok: true; facts: ClosingFacts; personId: string }
  | { ok: false; reason: 'not-partner' | 'not-a-reference' | 'unknown' | 'not-theirs' }
  | { ok: false; reason: 'not-open'; reference: string; status: ReferralStatus };

/** `afronden <referentie>`: the referral, if this person may close it now. */
export async function closableByReference(prisma: DbClient, aadObjectId: string | undefined, typed: string): Promise<ClosableLookup> {
  const person = aadObjectId ? await prisma.person.findUnique({ where: { aadObjectId }, select: { id: true, role: true } }) : null;
  if (!person || (person.role !== 'COORDINATOR' && person.role !== 'BEGELEIDER')) return { ok: false, reason: 'not-partner' };
  const reference = normalReference(typed);
  if (!reference) return { ok: false, reason: 'not-a-reference' };
  const row = await prisma.referral.findUnique({ where: { reference }, select: { id: true } });
  const facts = row ? await closingFacts(prisma, row.id) : null;
  if (!facts) return { ok: false, reason: 'unknown' };
  if (!(await mayRecordSteps(prisma, person.id, facts.referralId))) return { ok: false, reason: 'not-theirs' };
  if (!closable(facts.status)) return { ok: false, reason: 'not-open', reference: facts.reference, status: facts.status };
  return { ok: true, facts, personId: person.id };
}

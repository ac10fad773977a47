// The hold: why an answer does not go straight into SurveyResponse. The send takes the
// invitation's use, and whatever that statement writes shares its transaction id (xmin), its place
// in the table and its moment with the use — so an answer written there could be joined to the
// referral. Answers therefore wait in SurveyHeldAnswer until at least k of them (PRIVACY_MIN_COUNT)
// share every attribute a response keeps that an invitation also shows (organisation, region,
// variant, trajectory type, closing quarter, question set); then ONE statement of its own moves
// the whole group, in random order, with one day for all of them. A moved answer can then only be
// narrowed to the ≥ k invitations used since its group's previous move.
// While answers wait, each send rewrites its group's held rows (survey/submit.ts), so they share
// the xmin of the latest use and a random order, rather than each one the xmin of its own use.
import type { DbClient } from '../db/open.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { SurveyVariant } from '../dispatch/close.ts';
import { inBrussels } from '../dispatch/schedule.ts';

/** The attributes answers must share to move together: everything a response keeps but the language and the answers. */
export interface HoldGroup {
  organisationId: string;
  regionId: string;
  variant: SurveyVariant;
  trajectoryType: string;
  closingQuarter: string;
  questionSet: string;
}

/** "2026-11" → "2026-Q4". */
export function quarterOf(closingMonth: string): string {
  const [year = '', month = '1'] = closingMonth.split('-');
  return `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`;
}

export interface MoveOptions {
  /** k: Config.privacy.minCount. */
  minCount: number;
  /** Only this group (after a send); all groups when left out (the minute's sweep). */
  group?: HoldGroup;
  now?: Date;
}

/**
 * Moves every group of held answers that has reached k into SurveyResponse, in one statement (one
 * transaction, so one xmin for the batch). Returns how many answers moved.
 * Safe when two run at once: each counts only the rows it locked itself (SKIP LOCKED), so a batch
 * is never a remainder smaller than k; a group that reached k while another move held some of its
 * rows moves at the next send or the next minute's sweep.
 */
export async function moveHeldAnswers(prisma: DbClient, o: MoveOptions): Promise<number> {
  const g = o.group;
  const only = g
    ? Prisma.sql`WHERE h."organisationId" = ${g.organisationId}::uuid AND h."regionId" = ${g.regionId}::uuid AND h."variant"::text = ${g.variant}
        AND h."trajectoryType" = ${g.trajectoryType} AND h."closingQuarter" = ${g.closingQuarter} AND h."questionSet" = ${g.questionSet}`
    : Prisma.empty;
  const day = inBrussels(o.now ?? new Date()).date;
  return prisma.$executeRaw`
    WITH picked AS (
      SELECT h."id", h."organisationId", h."regionId", h."variant", h."trajectoryType", h."closingQuarter", h."questionSet"
      FROM "SurveyHeldAnswer" AS h ${only}
      FOR UPDATE SKIP LOCKED
    ), ready AS (
      SELECT "organisationId", "regionId", "variant", "trajectoryType", "closingQuarter", "questionSet"
      FROM picked GROUP BY 1, 2, 3, 4, 5, 6 HAVING count(*) >= ${o.minCount}
    ), moving AS (
      DELETE FROM "SurveyHeldAnswer" AS h USING picked AS p
      JOIN ready AS r ON r."organisationId" = p."organisationId" AND r."regionId" = p."regionId" AND r."variant" = p."variant"
        AND r."trajectoryType" = p."trajectoryType" AND r."closingQuarter" = p."closingQuarter" AND r."questionSet" = p."questionSet"
      WHERE h."id" = p."id"
      RETURNING h."organisationId", h."regionId", h."variant", h."trajectoryType", h."closingQuarter", h."questionSet", h."language", h."answers"
    )
    INSERT INTO "SurveyResponse" ("id", "organisationId", "regionId", "variant", "trajectoryType", "closingQuarter", "questionSet", "language", "answers", "submittedOn")
    SELECT gen_random_uuid(), "organisationId", "regionId", "variant", "trajectoryType", "closingQuarter", "questionSet", "language", "answers", ${day}::date
    FROM moving ORDER BY random()`;
}

export interface HeldCount {
  organisationId: string;
  regionId: string;
  variant: SurveyVariant;
  trajectoryType: string;
  closingQuarter: string;
  /** How many answers of this group wait (always fewer than k, but for a moment). */
  held: number;
}

/** What reports say of answers not shown yet: "3 antwoorden wachten tot er 5 zijn". Counts only, never an answer. */
export async function heldAnswers(prisma: DbClient, where: { organisationId?: string; regionId?: string } = {}): Promise<HeldCount[]> {
  const groups = await prisma.surveyHeldAnswer.groupBy({
    by: ['organisationId', 'regionId', 'variant', 'trajectoryType', 'closingQuarter'],
    where: { ...(where.organisationId ? { organisationId: where.organisationId } : {}), ...(where.regionId ? { regionId: where.regionId } : {}) },
    _count: { _all: true },
    orderBy: [{ organisationId: 'asc' }, { closingQuarter: 'asc' }, { variant: 'asc' }, { trajectoryType: 'asc' }, { regionId: 'asc' }],
  });
  return groups.map((x) => ({ organisationId: x.organisationId, regionId: x.regionId, variant: x.variant, trajectoryType: x.trajectoryType, closingQuarter: x.closingQuarter, held: x._count._all }));
}

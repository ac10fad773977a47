// The survey's side of the report, aggregated in SQL: 50 000 answers are counted by the database,
// not carried to the service. Free text is read only for one organisation, when asked.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.ts';
import type { DbClient } from '../db/open.ts';

const int = z.union([z.number(), z.bigint(), z.string()]).transform(Number);
const variant = z.enum(['YOUNG_PERSON', 'SCHOOL', 'GROUP']);

const ZInvitationGroup = z.object({ organisationId: z.string(), trajectoryType: z.string(), variant, invitations: int, expected: int });
const ZAnswerCount = z.object({ organisationId: z.string(), trajectoryType: z.string(), variant, answers: int });
const ZAnswerValue = z.object({ organisationId: z.string(), trajectoryType: z.string(), variant, question: z.string(), value: z.string(), n: int });
const ZText = z.object({ question: z.string(), value: z.string() });
const ZHeld = z.object({ organisationId: z.string(), trajectoryType: z.string(), held: int });

export type InvitationGroup = z.infer<typeof ZInvitationGroup>;
export type AnswerCount = z.infer<typeof ZAnswerCount>;
export type AnswerValue = z.infer<typeof ZAnswerValue>;

export interface SurveyQuery {
  /** Closing months "2026-01" … "2026-12" (both inclusive). */
  fromMonth: string;
  toMonth: string;
  regionIds?: readonly string[];
  /** TRAJECTORY_TYPE value (INDIVIDUAL, GROUP, CLASS, SCHOOL). */
  trajectoryType?: string;
}

export interface SurveyRows {
  invitations: InvitationGroup[];
  answers: AnswerCount[];
  values: AnswerValue[];
  /** Answers waiting in the hold until k share their attributes (survey/hold.ts), per organisation and type. */
  held: Array<z.infer<typeof ZHeld>>;
}

/** "2026-05" → "2026-Q2". */
const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
/**
 * Answers keep only the quarter their trajectory closed in (survey/hold.ts: a month would single
 * out too many), so the survey's period is whole quarters: a period's months widened to the
 * quarters they fall in, for the invitations too, so the response rate compares like with like.
 */
export function surveyQuarters(q: Pick<SurveyQuery, 'fromMonth' | 'toMonth'>): { fromMonth: string; toMonth: string; fromQuarter: string; toQuarter: string } {
  const fromQuarter = quarterOf(q.fromMonth);
  const toQuarter = quarterOf(q.toMonth);
  const firstMonth = (quarter: string) => `${quarter.slice(0, 4)}-${String((Number(quarter.slice(6)) - 1) * 3 + 1).padStart(2, '0')}`;
  const lastMonth = (quarter: string) => `${quarter.slice(0, 4)}-${String(Number(quarter.slice(6)) * 3).padStart(2, '0')}`;
  return { fromMonth: firstMonth(fromQuarter), toMonth: lastMonth(toQuarter), fromQuarter, toQuarter };
}

export const TEXT_QUESTIONS = ['why', 'better'] as const;

function filters(q: SurveyQuery): Prisma.Sql {
  const region = q.regionIds ? Prisma.sql`AND "regionId" = ANY(${[...q.regionIds]}::uuid[])` : Prisma.empty;
  const type = q.trajectoryType ? Prisma.sql`AND "trajectoryType" = ${q.trajectoryType}` : Prisma.empty;
  return Prisma.sql`${region} ${type}`;
}

/** Answers (held or stored): by the quarter their trajectory closed. */
function where(q: SurveyQuery): Prisma.Sql {
  const { fromQuarter, toQuarter } = surveyQuarters(q);
  return Prisma.sql`"closingQuarter" >= ${fromQuarter} AND "closingQuarter" <= ${toQuarter} ${filters(q)}`;
}

/** Invitations: by the months of those same quarters. */
function invitationWhere(q: SurveyQuery): Prisma.Sql {
  const { fromMonth, toMonth } = surveyQuarters(q);
  return Prisma.sql`"closingMonth" >= ${fromMonth} AND "closingMonth" <= ${toMonth} ${filters(q)}`;
}

export async function loadSurvey(prisma: DbClient, q: SurveyQuery): Promise<SurveyRows> {
  const w = where(q);
  const [invitations, answers, values, held] = await Promise.all([
    prisma.$queryRaw<unknown[]>`SELECT "organisationId"::text AS "organisationId", "trajectoryType", variant::text AS variant, count(*)::int AS invitations, coalesce(sum("maxUses"), 0)::int AS expected
      FROM "SurveyInvitation" WHERE ${invitationWhere(q)} GROUP BY 1, 2, 3`,
    prisma.$queryRaw<unknown[]>`SELECT "organisationId"::text AS "organisationId", "trajectoryType", variant::text AS variant, count(*)::int AS answers
      FROM "SurveyResponse" WHERE ${w} GROUP BY 1, 2, 3`,
    prisma.$queryRaw<unknown[]>`SELECT "organisationId"::text AS "organisationId", "trajectoryType", variant::text AS variant, a.key AS question, a.value AS value, count(*)::int AS n
      FROM "SurveyResponse", jsonb_each_text(answers) a
      WHERE ${w} AND a.key NOT IN ('why', 'better') GROUP BY 1, 2, 3, 4, 5`,
    prisma.$queryRaw<unknown[]>`SELECT "organisationId"::text AS "organisationId", "trajectoryType", count(*)::int AS held FROM "SurveyHeldAnswer" WHERE ${w} GROUP BY 1, 2`,
  ]);
  return {
    invitations: invitations.map((r) => ZInvitationGroup.parse(r)),
    answers: answers.map((r) => ZAnswerCount.parse(r)),
    values: values.map((r) => ZAnswerValue.parse(r)),
    held: held.map((r) => ZHeld.parse(r)),
  };
}

/** Free-text answers of one organisation (newest first, at most `limit` per question). */
export async function loadFreeText(prisma: DbClient, q: SurveyQuery, organisationId: string, limit = 200): Promise<Map<string, string[]>> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT a.key AS question, a.value AS value FROM "SurveyResponse", jsonb_each_text(answers) a
    WHERE ${where(q)} AND "organisationId" = ${organisationId}::uuid AND a.key IN ('why', 'better') AND length(trim(a.value)) > 0
    ORDER BY "submittedOn" DESC LIMIT ${limit * TEXT_QUESTIONS.length}`;
  const out = new Map<string, string[]>();
  for (const row of rows.map((r) => ZText.parse(r))) {
    const list = out.get(row.question) ?? [];
    if (list.length < limit) list.push(row.value);
    out.set(row.question, list);
  }
  return out;
}

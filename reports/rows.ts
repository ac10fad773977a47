// Reads what the figures need, with few queries: the period's referrals (one query, answers'
// report fields extracted in SQL so the narrative answers never leave the database), their
// waiting-list and evaluation events (one), the re-referral history of their pupils (one), the
// organisations with their targets (one) and the survey's invitations and answers (two). Every
// row is checked with zod: raw SQL is a boundary.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.ts';
import type { DbClient } from '../db/open.ts';
import { SUBJECT_KINDS } from './model.ts';
import { REFERRAL_STATUSES } from '../referrals/status.ts';
import { DECLINE_REASONS, STOP_REASONS } from '../dispatch/reasons.ts';

// Moments are epoch milliseconds (float8 from date_part, not the numeric extract gives), not Date
// objects: a year has ~15 000 referrals, and every allocation per row costs in a report.
const moment = z.number().finite();
const ZReferralRow = z.object({
  id: z.string(),
  reference: z.string().nullable(),
  regionId: z.string(),
  organisationId: z.string().nullable(),
  referrerId: z.string(),
  clbId: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  subjectKind: z.enum(SUBJECT_KINDS),
  subjectKey: z.string().nullable(),
  submittedAt: moment,
  decidedAt: moment.nullable(),
  firstContactAt: moment.nullable(),
  intakeAt: moment.nullable(),
  startedAt: moment.nullable(),
  closedAt: moment.nullable(),
  declineReason: z.enum(DECLINE_REASONS).nullable(),
  declineInstead: z.string().nullable(),
  stopReason: z.enum(STOP_REASONS).nullable(),
  goalAttainment: z.number().int().nullable(),
  educationForm: z.string().nullable(),
  birthYear: z.string().nullable(),
  supportTypes: z.string().nullable(),
});

/** Epoch milliseconds (UTC). */
export type Ms = number;

export interface ReferralRow {
  id: string;
  reference: string | null;
  regionId: string;
  organisationId: string | null;
  referrerId: string;
  clbId: string | null;
  status: (typeof REFERRAL_STATUSES)[number];
  subjectKind: (typeof SUBJECT_KINDS)[number];
  subjectKey: string | null;
  submittedAt: Ms;
  decidedAt: Ms | null;
  firstContactAt: Ms | null;
  intakeAt: Ms | null;
  startedAt: Ms | null;
  closedAt: Ms | null;
  declineReason: (typeof DECLINE_REASONS)[number] | null;
  declineInstead: string | null;
  stopReason: (typeof STOP_REASONS)[number] | null;
  goalAttainment: number | null;
  educationForm: string | null;
  birthYear: number | null;
  supportTypes: string[];
}

export interface ReferralEventRow {
  referralId: string;
  type: 'WAITING_LIST' | 'EVALUATED';
  at: Ms;
}

const ZEventRow = z.object({ referralId: z.string(), type: z.enum(['WAITING_LIST', 'EVALUATED']), at: moment });
const ZHistoryRow = z.object({ subjectKey: z.string(), n: z.union([z.number(), z.bigint(), z.string()]).transform(Number) });

/** A year of birth as typed in the referral ("2011"), or null. */
function year(value: string | null): number | null {
  if (value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Which referrals a report reads: a period, and optionally a region, an organisation, a CLB. */
export interface RowQuery {
  /** Start of the first day (UTC). */
  from: Date;
  /** Start of the day after the last day (UTC): exclusive. */
  until: Date;
  regionIds?: readonly string[];
  clbId?: string;
}

/**
 * The referrals that can count in the period: submitted before its end, and either submitted in
 * it, or still open at its start, or closed in it. Drafts never count.
 */
/** The WHERE of loadReferrals on `Referral r JOIN Person p` (the referrer): shared, so the events and history queries select the same referrals without waiting for them. */
function readsReferral(q: RowQuery): Prisma.Sql {
  const region = q.regionIds ? Prisma.sql`AND r."regionId" = ANY(${[...q.regionIds]}::uuid[])` : Prisma.empty;
  const clb = q.clbId ? Prisma.sql`AND p."clbId" = ${q.clbId}::uuid` : Prisma.empty;
  return Prisma.sql`r."submittedAt" IS NOT NULL AND r."regionId" IS NOT NULL AND r.status <> 'DRAFT'
      AND r."submittedAt" < ${q.until}
      AND (r."submittedAt" >= ${q.from} OR r."closedAt" IS NULL OR r."closedAt" >= ${q.from})
      ${region} ${clb}`;
}

/** `extract(epoch …)` in milliseconds, as JSON numbers (null stays null). */
// date_part gives a float8 where extract gives a numeric, whose arithmetic costs several times more.
const epoch = (column: string) => Prisma.raw(`date_part('epoch', ${column}) * 1000`);

export async function loadReferrals(prisma: DbClient, q: RowQuery): Promise<ReferralRow[]> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT r.id::text AS id, r.reference, r."regionId"::text AS "regionId", r."organisationId"::text AS "organisationId",
      r."referrerId"::text AS "referrerId", p."clbId"::text AS "clbId", r.status::text AS status, r."subjectKind"::text AS "subjectKind", r."subjectKey",
      ${epoch('r."submittedAt"')} AS "submittedAt", ${epoch('r."decidedAt"')} AS "decidedAt", ${epoch('r."firstContactAt"')} AS "firstContactAt",
      ${epoch('r."intakeAt"')} AS "intakeAt", ${epoch('r."startedAt"')} AS "startedAt", ${epoch('r."closedAt"')} AS "closedAt",
      r."declineReason"::text AS "declineReason", r."declineInstead", r."stopReason"::text AS "stopReason", r."goalAttainment",
      r.answers->'steps'->'who'->>'educationForm' AS "educationForm",
      r.answers->'steps'->'who'->>'birthYear' AS "birthYear",
      array_to_string(ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.answers->'steps'->'support'->'supportTypes') = 'array' THEN r.answers->'steps'->'support'->'supportTypes' ELSE '[]'::jsonb END)), ',') AS "supportTypes"
    FROM "Referral" r JOIN "Person" p ON p.id = r."referrerId"
    WHERE ${readsReferral(q)}`;
  const out: ReferralRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = ZReferralRow.parse(rows[i]);
    out[i] = { ...r, birthYear: year(r.birthYear), supportTypes: r.supportTypes ? r.supportTypes.split(',').filter(Boolean) : [] };
  }
  return out;
}

/** Waiting-list decisions and evaluations of the referrals loadReferrals reads for `q`, oldest first. */
export async function loadEvents(prisma: DbClient, q: RowQuery): Promise<ReferralEventRow[]> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT e."referralId"::text AS "referralId", e.type, ${epoch(`coalesce(((c.data->>'at')::timestamptz AT TIME ZONE 'UTC'), e."createdAt")`)} AS at
    FROM "ReferralEvent" e JOIN "Referral" r ON r.id = e."referralId" JOIN "Person" p ON p.id = r."referrerId"
      -- A step corrected afterwards (dispatch/correct.ts): its corrected day, or left out when undone
      -- (an undone step is never corrected again, so an undo wins over a new day of the same moment).
      LEFT JOIN LATERAL (
        SELECT x.data FROM "ReferralEvent" x
        WHERE x."referralId" = e."referralId" AND x.type = 'STEP_CORRECTED' AND x.data->>'eventId' = e.id::text
        ORDER BY (x.data->>'undone') IS NOT NULL DESC, x."createdAt" DESC, x.id DESC LIMIT 1) c ON e.type = 'EVALUATED'
    WHERE e.type IN ('WAITING_LIST', 'EVALUATED') AND ${readsReferral(q)} AND (c.data IS NULL OR c.data->>'undone' IS NULL)
    ORDER BY 3, e.id`;
  return rows.map((row) => ZEventRow.parse(row));
}

/**
 * How many referrals each pupil referred in `counted` (a period inside `q`'s) has had up to that
 * period's end: by her subjectKey, over every region (a re-referral may come from anywhere).
 */
export async function loadReferralCounts(prisma: DbClient, q: RowQuery, counted: { from: Date; until: Date }): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT "subjectKey", count(*)::int AS n FROM "Referral"
    WHERE "subjectKey" IN (
        SELECT r."subjectKey" FROM "Referral" r JOIN "Person" p ON p.id = r."referrerId"
        WHERE ${readsReferral(q)} AND r."subjectKind" = 'PUPIL' AND r."subjectKey" IS NOT NULL
          AND r."submittedAt" >= ${counted.from} AND r."submittedAt" < ${counted.until})
      AND "submittedAt" IS NOT NULL AND "submittedAt" < ${counted.until} AND status <> 'DRAFT'
    GROUP BY "subjectKey"`;
  return new Map(rows.map((row) => ZHistoryRow.parse(row)).map((r) => [r.subjectKey, r.n]));
}

export interface OrganisationRow {
  id: string;
  code: string;
  name: string;
  regionId: string;
  regionCode: string;
  regionName: string;
  /** Streefcijfer per year. */
  targets: Map<number, number>;
}

export async function loadOrganisations(prisma: DbClient): Promise<OrganisationRow[]> {
  const orgs = await prisma.organisation.findMany({
    select: { id: true, code: true, name: true, regionId: true, region: { select: { code: true, name: true } }, targets: { select: { year: true, target: true } } },
    orderBy: { name: 'asc' },
  });
  return orgs.map((o) => ({ id: o.id, code: o.code, name: o.name, regionId: o.regionId, regionCode: o.region.code, regionName: o.region.name, targets: new Map(o.targets.map((t) => [t.year, t.target])) }));
}

// Drafts: a referral in status DRAFT, saved after every completed step so nothing typed is lost
// (days later, after a restart, on another device). Only its referrer can see or change it.
//
// Every write is one statement that changes the stored document in place (a JSON merge computed
// by PostgreSQL on the row it has locked), never "read the document, change it, write it all
// back": two saves of different steps at the same moment both last, and for the same step the
// later one wins. Every write bumps `revision`, which an overview card carries (see submit.ts).
import { z } from 'zod';
import type { DbClient } from '../db/open.ts';
import { readAnswers, reconcileKind } from './answers.ts';
import type { Pending, Steps } from './answers.ts';
import { SUBJECT_KINDS } from './fields.ts';
import type { SubjectKind } from './fields.ts';
import { STEP_IDS } from './steps.ts';
import type { StepId } from './steps.ts';
import type { RawInputs, StepAnswers } from './validate.ts';

export interface Draft {
  id: string;
  referrerId: string;
  kind: SubjectKind;
  steps: Steps;
  pending: Pending;
  revision: number;
  /** The card of this draft that still asks for input, if one does (see liveCard.ts). */
  liveCardId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface DraftRow {
  id: string;
  referrerId: string;
  subjectKind: string;
  answers: unknown;
  revision: number;
  liveCardId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const ZKind = z.enum(SUBJECT_KINDS);
const ZUuid = z.uuid();
const isUuid = (id: string) => ZUuid.safeParse(id).success;

export function toDraft(row: DraftRow): Draft {
  const kind = ZKind.parse(row.subjectKind);
  return { id: row.id, referrerId: row.referrerId, kind, ...readAnswers(row.answers, kind), revision: Number(row.revision), liveCardId: row.liveCardId, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** The first step not yet answered, or "summary" when all seven are. */
export function nextStep(draft: Pick<Draft, 'steps'>): StepId | 'summary' {
  return STEP_IDS.find((id) => draft.steps[id] === undefined) ?? 'summary';
}

const draftColumns = { id: true, referrerId: true, subjectKind: true, answers: true, revision: true, liveCardId: true, createdAt: true, updatedAt: true } as const;

/**
 * Creates the draft a "kind" button names (its id was drawn when the card was made), so a double
 * click creates one draft, not two. `created` is false when it already existed.
 */
export async function startDraft(prisma: DbClient, referrerId: string, draftId: string, kind: SubjectKind): Promise<{ draft: Draft; created: boolean } | null> {
  if (!isUuid(draftId)) return null;
  const { count } = await prisma.referral.createMany({
    data: [{ id: draftId, referrerId, subjectKind: kind, answers: { steps: {}, pending: {} }, status: 'DRAFT' }],
    skipDuplicates: true,
  });
  const draft = await getDraft(prisma, referrerId, draftId);
  return draft ? { draft, created: count === 1 } : null;
}

export async function getDraft(prisma: DbClient, referrerId: string, draftId: string): Promise<Draft | null> {
  if (!isUuid(draftId)) return null;
  const row = await prisma.referral.findFirst({ where: { id: draftId, referrerId, status: 'DRAFT' }, select: draftColumns });
  return row ? toDraft(row) : null;
}

/** The draft whose card is waiting in the chat, if any (where typed commands apply), and that card. */
export async function openDraft(prisma: DbClient, referrerId: string): Promise<{ draft: Draft; liveCardView: string } | null> {
  const row = await prisma.referral.findFirst({
    where: { referrerId, status: 'DRAFT', liveCardId: { not: null } },
    orderBy: { updatedAt: 'desc' },
    select: { ...draftColumns, liveCardView: true },
  });
  return row ? { draft: toDraft(row), liveCardView: row.liveCardView ?? '' } : null;
}

export async function latestDraft(prisma: DbClient, referrerId: string): Promise<Draft | null> {
  const row = await prisma.referral.findFirst({ where: { referrerId, status: 'DRAFT' }, orderBy: { updatedAt: 'desc' }, select: draftColumns });
  return row ? toDraft(row) : null;
}

export async function listDrafts(prisma: DbClient, referrerId: string): Promise<Draft[]> {
  const rows = await prisma.referral.findMany({ where: { referrerId, status: 'DRAFT' }, orderBy: { updatedAt: 'desc' }, take: 20, select: draftColumns });
  return rows.map(toDraft);
}

/**
 * Stores one validated step (and forgets what was pending for it), in one statement. Guarded on
 * the kind the answers were checked for: after a change of kind in between, nothing is written
 * and the result says so. Null when it is no longer a draft (of this referrer). Needs no read
 * before it: the step card says which kind it asked for.
 */
export async function saveStep(prisma: DbClient, draft: Pick<Draft, 'id' | 'kind' | 'referrerId'>, stepId: StepId, answers: StepAnswers): Promise<Draft | 'kind-changed' | null> {
  if (!isUuid(draft.id)) return null;
  const rows = await prisma.$queryRaw<DraftRow[]>`
    UPDATE "Referral" SET
      "answers" = jsonb_build_object(
        'steps', COALESCE("answers"->'steps', '{}'::jsonb) || jsonb_build_object(${stepId}::text, ${JSON.stringify(answers)}::jsonb),
        'pending', COALESCE("answers"->'pending', '{}'::jsonb) - ${stepId}::text),
      "revision" = "revision" + 1,
      "updatedAt" = now()
    WHERE "id" = ${draft.id}::uuid AND "referrerId" = ${draft.referrerId}::uuid AND "status" = 'DRAFT' AND "subjectKind" = ${draft.kind}::"SubjectKind"
    RETURNING "id", "referrerId", "subjectKind"::text AS "subjectKind", "answers", "revision", "liveCardId", "createdAt", "updatedAt"`;
  const row = rows[0];
  if (row) return toDraft(row);
  return (await stillDraft(prisma, draft.id, draft.referrerId)) ? 'kind-changed' : null;
}

/** Keeps what was on a step's card without completing the step (pause or "vorige" mid-step). */
export async function savePending(prisma: DbClient, draftId: string, stepId: StepId, raw: RawInputs): Promise<Draft | null> {
  const rows = await prisma.$queryRaw<DraftRow[]>`
    UPDATE "Referral" SET
      "answers" = jsonb_set(
        jsonb_build_object('steps', COALESCE("answers"->'steps', '{}'::jsonb), 'pending', COALESCE("answers"->'pending', '{}'::jsonb)),
        ARRAY['pending', ${stepId}::text], ${JSON.stringify(raw)}::jsonb),
      "revision" = "revision" + 1,
      "updatedAt" = now()
    WHERE "id" = ${draftId}::uuid AND "status" = 'DRAFT'
    RETURNING "id", "referrerId", "subjectKind"::text AS "subjectKind", "answers", "revision", "liveCardId", "createdAt", "updatedAt"`;
  return rows[0] ? toDraft(rows[0]) : null;
}

async function stillDraft(prisma: DbClient, draftId: string, referrerId: string): Promise<boolean> {
  return (await prisma.referral.count({ where: { id: draftId, referrerId, status: 'DRAFT' } })) === 1;
}

/**
 * Switches between pupil, group, class and school. This one needs the whole document, so it
 * reads it under a row lock (SELECT … FOR UPDATE) and writes it back in the same transaction.
 */
export async function changeKind(prisma: DbClient, referrerId: string, draftId: string, kind: SubjectKind): Promise<{ draft: Draft; redo: StepId[] } | null> {
  if (!isUuid(draftId)) return null;
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<DraftRow[]>`
      SELECT "id", "referrerId", "subjectKind"::text AS "subjectKind", "answers", "revision", "liveCardId", "createdAt", "updatedAt" FROM "Referral"
      WHERE "id" = ${draftId}::uuid AND "referrerId" = ${referrerId}::uuid AND "status" = 'DRAFT' FOR UPDATE`;
    const row = locked[0];
    if (!row) return null;
    const draft = toDraft(row);
    if (draft.kind === kind) return { draft, redo: [] };
    const changed = reconcileKind(draft, draft.kind, kind);
    const saved = await tx.referral.update({
      where: { id: draftId },
      data: { subjectKind: kind, answers: { steps: changed.steps, pending: changed.pending }, revision: { increment: 1 } },
      select: draftColumns,
    });
    return { draft: toDraft(saved), redo: changed.redo };
  });
}

/** A draft is not yet a referral: discarding removes it completely. */
export async function discardDraft(prisma: DbClient, referrerId: string, draftId: string): Promise<boolean> {
  if (!isUuid(draftId)) return false;
  const { count } = await prisma.referral.deleteMany({ where: { id: draftId, referrerId, status: 'DRAFT' } });
  return count === 1;
}

/** What became of a draft that is gone: sent (with its reference) or deleted. */
export async function draftFate(prisma: DbClient, referrerId: string, draftId: string): Promise<{ sent: true; reference: string } | { sent: false }> {
  if (!isUuid(draftId)) return { sent: false };
  const row = await prisma.referral.findFirst({ where: { id: draftId, referrerId, NOT: { status: 'DRAFT' } }, select: { reference: true } });
  return row?.reference ? { sent: true, reference: row.reference } : { sent: false };
}

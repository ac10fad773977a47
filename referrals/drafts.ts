// Drafts: a referral in status DRAFT, saved after every completed step so nothing typed is lost
// (days later, after a restart, on another device). Only its referrer can see or change it.
import { z } from 'zod';
import type { DbClient } from '../db/open.ts';
import { SUBJECT_KINDS } from './fields.ts';
import type { SubjectKind } from './fields.ts';
import { consentIncomplete, STEP_IDS } from './steps.ts';
import type { StepId } from './steps.ts';
import type { StepAnswers } from './validate.ts';

const ZStepAnswers = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]));
/** The shape of Referral.answers, checked whenever it is read back from the database. */
export const ZReferralAnswers = z.object({ steps: z.partialRecord(z.enum(STEP_IDS), ZStepAnswers).default({}) });
export type TReferralAnswers = z.infer<typeof ZReferralAnswers>;

export interface Draft {
  id: string;
  kind: SubjectKind;
  regionId: string | null;
  steps: Partial<Record<StepId, StepAnswers>>;
  createdAt: Date;
  updatedAt: Date;
}

interface DraftRow {
  id: string;
  subjectKind: string;
  regionId: string | null;
  answers: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export function toDraft(row: DraftRow): Draft {
  return {
    id: row.id,
    kind: z.enum(SUBJECT_KINDS).parse(row.subjectKind),
    regionId: row.regionId,
    steps: ZReferralAnswers.parse(row.answers ?? {}).steps,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The first step not yet answered, or "summary" when all seven are. */
export function nextStep(draft: Pick<Draft, 'steps'>): StepId | 'summary' {
  return STEP_IDS.find((id) => draft.steps[id] === undefined) ?? 'summary';
}

/** School, first name, initial and birth year, normalised: how a re-referral is recognised. */
export function subjectKeyOf(kind: SubjectKind, who: StepAnswers | undefined): string | null {
  if (kind !== 'PUPIL' || !who) return null;
  const norm = (v: unknown) =>
    String(v ?? '')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return [norm(who.schoolName), norm(who.firstName), norm(who.lastInitial), norm(who.birthYear)].join('|');
}

export async function startDraft(prisma: DbClient, referrerId: string, kind: SubjectKind): Promise<Draft> {
  const answers: TReferralAnswers = { steps: {} };
  return toDraft(await prisma.referral.create({ data: { referrerId, subjectKind: kind, answers, status: 'DRAFT' } }));
}

export async function getDraft(prisma: DbClient, referrerId: string, draftId: string): Promise<Draft | null> {
  if (!z.uuid().safeParse(draftId).success) return null;
  const row = await prisma.referral.findFirst({ where: { id: draftId, referrerId, status: 'DRAFT' } });
  return row ? toDraft(row) : null;
}

export async function latestDraft(prisma: DbClient, referrerId: string): Promise<Draft | null> {
  const row = await prisma.referral.findFirst({ where: { referrerId, status: 'DRAFT' }, orderBy: { updatedAt: 'desc' } });
  return row ? toDraft(row) : null;
}

export async function listDrafts(prisma: DbClient, referrerId: string): Promise<Draft[]> {
  const rows = await prisma.referral.findMany({ where: { referrerId, status: 'DRAFT' }, orderBy: { updatedAt: 'desc' }, take: 20 });
  return rows.map(toDraft);
}

/** Stores one validated step. Returns the updated draft, or null when it is no longer a draft. */
export async function saveStep(
  prisma: DbClient,
  draft: Draft,
  stepId: StepId,
  answers: StepAnswers,
  extra: { regionId?: string } = {},
): Promise<Draft | null> {
  const steps = { ...draft.steps, [stepId]: answers };
  const data = {
    answers: { steps },
    ...(stepId === 'who' ? { subjectKey: subjectKeyOf(draft.kind, answers), regionId: extra.regionId ?? null } : {}),
    ...(stepId === 'care' ? { consentFlag: consentIncomplete(answers) } : {}),
  };
  // Guarded on status: a step saved from an old card after submitting must not change the referral.
  try {
    return toDraft(await prisma.referral.update({ where: { id: draft.id, status: 'DRAFT' }, data }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Prisma's "record to update not found" (P2025). */
function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2025';
}

/** Switches between pupil, group, class and school; the "wie" answers no longer fit and are redone. */
export async function changeKind(prisma: DbClient, draft: Draft, kind: SubjectKind): Promise<Draft | null> {
  if (kind === draft.kind) return draft;
  const { who: _dropped, ...steps } = draft.steps;
  const { count } = await prisma.referral.updateMany({ where: { id: draft.id, status: 'DRAFT' }, data: { subjectKind: kind, answers: { steps }, subjectKey: null } });
  return count === 0 ? null : { ...draft, kind, steps };
}

/** A draft is not yet a referral: discarding removes it completely. */
export async function discardDraft(prisma: DbClient, referrerId: string, draftId: string): Promise<boolean> {
  if (!z.uuid().safeParse(draftId).success) return false;
  const { count } = await prisma.referral.deleteMany({ where: { id: draftId, referrerId, status: 'DRAFT' } });
  return count === 1;
}

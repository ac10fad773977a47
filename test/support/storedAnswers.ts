// Every answer the survey stored, wherever it is now: still in the hold (fewer than k with the
// same attributes) or moved to SurveyResponse (survey/hold.ts). Tests that check what a send
// stored look in both, since whether it moved depends on the answers other tests gave before.
import type { DbClient } from '../../db/open.ts';
import type { SurveyVariant } from '../../dispatch/close.ts';

export interface StoredAnswerFilter {
  organisationId?: string;
  variant?: SurveyVariant;
  language?: string;
  answers?: { path: string[]; equals: string };
}

export interface StoredAnswer {
  organisationId: string;
  regionId: string;
  variant: SurveyVariant;
  trajectoryType: string;
  closingQuarter: string;
  questionSet: string;
  language: string;
  answers: unknown;
  where: 'held' | 'response';
}

export async function storedAnswers(prisma: DbClient, where: StoredAnswerFilter = {}): Promise<StoredAnswer[]> {
  const select = { organisationId: true, regionId: true, variant: true, trajectoryType: true, closingQuarter: true, questionSet: true, language: true, answers: true } as const;
  const [held, moved] = await Promise.all([prisma.surveyHeldAnswer.findMany({ where, select }), prisma.surveyResponse.findMany({ where, select })]);
  return [...held.map((r) => ({ ...r, where: 'held' as const })), ...moved.map((r) => ({ ...r, where: 'response' as const }))];
}

export async function storedAnswerCount(prisma: DbClient): Promise<number> {
  const [held, moved] = await Promise.all([prisma.surveyHeldAnswer.count(), prisma.surveyResponse.count()]);
  return held + moved;
}

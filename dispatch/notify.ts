// What a 1:1 notice needs beyond the channel's view: the referral's own title (the referrer and
// the organisation that took it up may see it), the full answers, the question asked.
import type { DbClient } from '../db/open.ts';
import { readAnswers } from '../referrals/answers.ts';
import { SUBJECT_KINDS } from '../referrals/fields.ts';
import { titleOf } from '../referrals/history.ts';
import type { DetailsView, QuestionView } from '../cards/dispatch/notices.ts';
import { loadDispatchView } from './view.ts';

export async function referralTitle(prisma: DbClient, referralId: string): Promise<string> {
  const row = await prisma.referral.findUnique({ where: { id: referralId }, select: { subjectKind: true, answers: true } });
  return row ? titleOf(row.subjectKind, row.answers) : 'je aanmelding';
}

export async function questionView(prisma: DbClient, referralId: string, questionId: string): Promise<QuestionView | null> {
  const [view, question] = await Promise.all([loadDispatchView(prisma, referralId), prisma.infoRequest.findFirst({ where: { id: questionId, referralId } })]);
  if (!view || !question) return null;
  const asker = await prisma.person.findUnique({ where: { id: question.askedById }, select: { name: true, memberships: { select: { organisation: { select: { name: true, regionId: true } } } } } });
  const org = asker?.memberships.find((m) => m.organisation.regionId === view.regionId)?.organisation.name;
  return {
    reference: view.reference,
    referralId,
    questionId,
    title: await referralTitle(prisma, referralId),
    askedBy: asker ? `${asker.name}${org ? ` (${org})` : ''}` : 'Een coördinator',
    question: question.question,
    rev: view.revision,
  };
}

export async function detailsView(prisma: DbClient, referralId: string): Promise<DetailsView | null> {
  const dispatch = await loadDispatchView(prisma, referralId);
  const row = await prisma.referral.findUnique({ where: { id: referralId }, select: { subjectKind: true, answers: true, referrer: { select: { name: true, email: true, clb: { select: { name: true } } } } } });
  if (!dispatch || !row) return null;
  const kind = SUBJECT_KINDS.find((k) => k === row.subjectKind) ?? 'PUPIL';
  const regions = await prisma.region.findMany({ select: { code: true, name: true } });
  return {
    dispatch,
    title: titleOf(row.subjectKind, row.answers),
    kind,
    steps: readAnswers(row.answers, kind).steps,
    regions: regions.map((r) => ({ value: r.code, title: r.name })),
    referrer: { name: row.referrer.name, clb: row.referrer.clb?.name ?? 'CLB', ...(row.referrer.email ? { email: row.referrer.email } : {}) },
  };
}

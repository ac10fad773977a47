// The referrals of a region that still wait for a decision, oldest first: the weekly overview
// and "overzicht" in the channel. Only what the channel may see (no identifiers).
import type { DbClient } from '../db/open.ts';
import { readAnswers } from '../referrals/answers.ts';
import { SUBJECT_KINDS } from '../referrals/fields.ts';
import type { WaitingItem } from '../cards/dispatch/overviewCard.ts';
import { KIND_TITLE } from '../cards/referral/format.ts';
import { regionCapacity } from './capacity.ts';

/**
 * A Teams link to a message in a channel: the channel's id (the conversation id without its
 * ";messageid=…" thread part) and the message's id, which for a channel post is its activity id.
 */
export function channelMessageLink(conversationId: string, activityId: string): string {
  const channelId = conversationId.split(';')[0] ?? conversationId;
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(activityId)}?parentMessageId=${encodeURIComponent(activityId)}`;
}

/** What the overview card shows of a region: what waits, and each organisation's places. */
export async function regionOverview(prisma: DbClient, regionId: string): Promise<{ items: WaitingItem[]; capacity?: string }> {
  const [items, capacity] = await Promise.all([waitingInRegion(prisma, regionId), regionCapacity(prisma, regionId)]);
  return { items, ...(capacity ? { capacity } : {}) };
}

export async function waitingInRegion(prisma: DbClient, regionId: string, now = new Date()): Promise<WaitingItem[]> {
  const rows = await prisma.referral.findMany({
    where: { regionId, status: { in: ['SUBMITTED', 'WAITING_LIST'] } },
    orderBy: { submittedAt: 'asc' },
    take: 500,
    select: { reference: true, subjectKind: true, answers: true, submittedAt: true, createdAt: true, status: true, dispatchConversationId: true, dispatchActivityId: true, organisation: { select: { name: true } }, infoRequests: { where: { answeredAt: null }, select: { id: true } } },
  });
  return rows.map((r) => {
    const kind = SUBJECT_KINDS.find((k) => k === r.subjectKind) ?? 'PUPIL';
    const { steps } = readAnswers(r.answers, kind);
    const since = r.submittedAt ?? r.createdAt;
    return {
      reference: r.reference ?? '—',
      kind: KIND_TITLE[kind],
      school: [steps.who?.schoolName, steps.who?.schoolTown].filter((p) => typeof p === 'string').join(', '),
      days: Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000)),
      urgent: steps.support?.urgency === 'URGENT',
      ...(r.status === 'WAITING_LIST' && r.organisation ? { onWaitingList: r.organisation.name } : {}),
      openQuestion: r.infoRequests.length > 0,
      ...(r.dispatchConversationId && r.dispatchActivityId ? { link: channelMessageLink(r.dispatchConversationId, r.dispatchActivityId) } : {}),
    };
  });
}

// The outbox kinds of the dispatch: what each entry becomes when it is sent. Everything is
// rendered at send time from the current state, so a card that waited for a channel, or a retry
// an hour later, never shows something stale.
import { z } from 'zod';
import type { Config } from '../config/env.ts';
import type { DbClient } from '../db/open.ts';
import { surveyBaseUrl } from '../survey/baseUrl.ts';
import type { OutboxKind, OutboxKinds, OutgoingActivity, Resolution } from '../outbox/types.ts';
import type { AdaptiveCard } from '../cards/adaptiveCard.ts';
import { dispatchCard } from '../cards/dispatch/dispatchCard.ts';
import { decisionNotice, detailsCard, evaluationCard, questionCard } from '../cards/dispatch/notices.ts';
import { overviewCard } from '../cards/dispatch/overviewCard.ts';
import { DISPATCH_POST, DISPATCH_UPDATE, DISPATCH_WEEKLY, NOTIFY_PERSON, SURVEY_CODES } from './kindNames.ts';
import { ZNotice } from './notices.ts';
import type { TNotice } from './notices.ts';
import { decisionFacts, detailsView, questionView, referralTitle } from './notify.ts';
import { regionOverview } from './overview.ts';
import { recipientOf } from './recipient.ts';
import { surveyCodesKind } from './surveyKinds.ts';
import { refreshUserIds } from './people.ts';
import { loadDispatchView } from './view.ts';

const MINUTE = 60_000;
const later = (ms: number) => new Date(Date.now() + ms);

export const cardActivity = (card: AdaptiveCard): OutgoingActivity => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
});

/**
 * After a crash between Teams accepting a post and it being recorded, the post goes out again
 * (outbox/worker.ts). Both copies show the current state to the partners (Universal Actions
 * refresh); the later one, the one kept up to date, says what happened.
 */
export const SECOND_COPY = 'Staat deze aanmelding hier twee keer? Een eerdere verzending werd onderbroken. Deze kaart vervangt die en wordt bijgewerkt; beide tonen dezelfde stand.';

async function channelCard(prisma: DbClient, referralId: string, notice?: string): Promise<{ card: AdaptiveCard; regionId: string; status: string } | null> {
  const view = await loadDispatchView(prisma, referralId);
  if (!view) return null;
  return { card: dispatchCard(view, { refreshFor: await refreshUserIds(prisma, view.regionId), ...(notice ? { notice } : {}) }), regionId: view.regionId, status: view.status };
}

const ZReferral = z.object({ referralId: z.uuid() });

const post: OutboxKind<z.infer<typeof ZReferral>> = {
  payload: ZReferral.loose(),
  async resolve({ referralId }, prisma, attempt): Promise<Resolution> {
    const shown = await channelCard(prisma, referralId, attempt?.interrupted ? SECOND_COPY : undefined);
    if (!shown) return { type: 'drop', reason: 'referral not found' };
    if (shown.status === 'WITHDRAWN') return { type: 'drop', reason: 'withdrawn before it reached the dispatch' };
    const link = await prisma.dispatchLink.findUnique({ where: { regionId: shown.regionId } });
    // Kept until a coordinator links a channel ("koppel dispatch"), which wakes it up at once.
    if (!link) return { type: 'wait', reason: 'no dispatch channel linked for this region', retryAt: later(60 * MINUTE) };
    return { type: 'post', to: { conversationId: link.conversationId }, activity: cardActivity(shown.card) };
  },
  async onSent({ referralId }, result, prisma) {
    await prisma.referral.update({ where: { id: referralId }, data: { dispatchActivityId: result.activityId, dispatchConversationId: result.conversationId } });
  },
};

const update: OutboxKind<z.infer<typeof ZReferral>> = {
  payload: ZReferral,
  async resolve({ referralId }, prisma): Promise<Resolution> {
    const row = await prisma.referral.findUnique({ where: { id: referralId }, select: { dispatchActivityId: true, dispatchConversationId: true } });
    if (!row) return { type: 'drop', reason: 'referral not found' };
    if (!row.dispatchActivityId || !row.dispatchConversationId) {
      // The card is not in the channel yet: its post shows the latest state when it goes out.
      const posting = await prisma.outboxMessage.count({ where: { kind: DISPATCH_POST, status: 'PENDING', payload: { path: ['referralId'], equals: referralId } } });
      return posting > 0 ? { type: 'wait', reason: 'the card is still being posted', retryAt: later(5_000) } : { type: 'drop', reason: 'the card was never posted' };
    }
    const shown = await channelCard(prisma, referralId);
    if (!shown) return { type: 'drop', reason: 'referral not found' };
    return { type: 'update', conversationId: row.dispatchConversationId, activityId: row.dispatchActivityId, activity: cardActivity(shown.card) };
  },
};

// Each kind reads what it shows (and only that): a referral gone makes each of them say so.
async function noticeCard(prisma: DbClient, notice: TNotice): Promise<AdaptiveCard | string> {
  switch (notice.type) {
    case 'decision': {
      const facts = await decisionFacts(prisma, notice.referralId, notice.eventId);
      return facts ? decisionNotice(facts) : 'decision event not found';
    }
    case 'details': {
      const details = await detailsView(prisma, notice.referralId);
      return details ? detailsCard(details) : 'referral not found';
    }
    case 'question': {
      const question = await questionView(prisma, notice.referralId, notice.questionId);
      const open = await prisma.infoRequest.count({ where: { id: notice.questionId, answeredAt: null } });
      if (!question || open === 0) return 'question answered or gone';
      return questionCard(question);
    }
    case 'evaluation': {
      const view = await loadDispatchView(prisma, notice.referralId);
      if (!view) return 'referral not found';
      return view.status === 'RUNNING' ? evaluationCard(view, await referralTitle(prisma, notice.referralId)) : 'trajectory no longer running';
    }
  }
}

const ZNotify = z.object({ personId: z.uuid(), notice: ZNotice });

const notifyPerson: OutboxKind<z.infer<typeof ZNotify>> = {
  payload: ZNotify,
  async resolve({ personId, notice }, prisma): Promise<Resolution> {
    const recipient = await recipientOf(prisma, personId);
    if ('type' in recipient) return recipient;
    const card = await noticeCard(prisma, notice);
    if (typeof card === 'string') return { type: 'drop', reason: card };
    return { type: 'post', to: recipient.to, activity: cardActivity(card) };
  },
};

const ZWeekly = z.object({ regionId: z.uuid(), slot: z.string() });

const weekly: OutboxKind<z.infer<typeof ZWeekly>> = {
  payload: ZWeekly,
  async resolve({ regionId }, prisma): Promise<Resolution> {
    const link = await prisma.dispatchLink.findUnique({ where: { regionId }, include: { region: true } });
    if (!link) return { type: 'drop', reason: 'no dispatch channel linked' };
    return { type: 'post', to: { conversationId: link.conversationId }, activity: cardActivity(overviewCard({ regionName: link.region.name, at: new Date(), weekly: true, ...(await regionOverview(prisma, regionId)) })) };
  },
};

export const outboxKinds: OutboxKinds = {
  [DISPATCH_POST]: post,
  [DISPATCH_UPDATE]: update,
  [NOTIFY_PERSON]: notifyPerson,
  [DISPATCH_WEEKLY]: weekly,
};

/**
 * Every kind of the service: the dispatch's, and the survey codes, which need to know where the
 * survey lives: PUBLIC_BASE_URL, or the service's own address in local mode (read when a card is
 * sent, so the address may be known only once the service listens).
 */
export function outboxKindsFor(config: Pick<Config, 'publicBaseUrl'>, serviceUrl: () => string): OutboxKinds {
  return { ...outboxKinds, [SURVEY_CODES]: surveyCodesKind({ surveyBaseUrl: () => surveyBaseUrl(config, serviceUrl()) }) };
}

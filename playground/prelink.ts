// The Agents Playground is a new, empty Teams at every start: it keeps no messages, and only its
// current user has a 1:1 chat. In local mode with demo data, this makes the database agree with
// the playground that is about to start, so the dispatch works without typing anything:
//
// - before it starts (prelinkDemoDispatch): the demo team's channel "Dispatch" is the dispatch
//   channel of NAFT Gent en Rand, with a conversation reference that points at this playground;
//   the current user's 1:1 chat is known; the 1:1 chats of the other demo people are forgotten
//   (this playground does not have them), so what is sent to them waits in the outbox until the
//   playground is started with them as its current user (PLAYGROUND_USER), instead of failing.
// - whenever a page of the web UI loads (replayDispatchChannel; a page shows only what the bot
//   sends while it is open): the cards the channel held are posted again, and whatever waited in
//   the outbox goes now.
//
// Local tooling: loaded by server/main.ts only in local mode, never part of the bundle.
import type { DbClient } from '../db/open.ts';
import { findRegion } from '../dispatch/link.ts';
import { DISPATCH_POST } from '../dispatch/kindNames.ts';
import { enqueue, nudge } from '../outbox/enqueue.ts';
import { demoPeople, demoPlayground, demoTeam, demoTeamsUserId, personalChatIdOf } from './demo.ts';
import type { DemoPerson } from './demo.ts';

export interface PrelinkOptions {
  /** The connector URL the playground puts in its activities (`--service-url`). */
  serviceUrl: string;
  /** The playground's current user. */
  currentUser: DemoPerson;
}

export type PrelinkResult = { done: true; lines: string[] } | { done: false; reason: string };

const demoIds = demoPeople.map((p) => p.aadObjectId);

/** What Teams would give the bot in a turn in that conversation (botbuilder's ConversationReference). */
function reference(serviceUrl: string, conversation: Record<string, unknown>, user?: DemoPerson): object {
  return {
    bot: { id: demoPlayground.botId, name: demoPlayground.botName },
    ...(user ? { user: { id: demoTeamsUserId(user), aadObjectId: user.aadObjectId } } : {}),
    conversation: { ...conversation, tenantId: demoTeam.tenantId },
    channelId: 'msteams',
    serviceUrl,
  };
}

/** Idempotent. Does nothing in a database that holds anyone who is not a demo person. */
export async function prelinkDemoDispatch(prisma: DbClient, opts: PrelinkOptions): Promise<PrelinkResult> {
  // The same rule as the seed's: demo set-up never touches a real database.
  const others = await prisma.person.count({ where: { aadObjectId: { notIn: demoIds } } });
  if (others > 0) return { done: false, reason: 'the database holds people who are not demo people' };
  if ((await prisma.person.count({ where: { aadObjectId: opts.currentUser.aadObjectId } })) === 0) {
    return { done: false, reason: `${opts.currentUser.name} is not in the database (DEMO_DATA=off?)` };
  }
  const region = await findRegion(prisma, demoTeam.name);
  if (!region) return { done: false, reason: `no region called ${demoTeam.name}` };

  const channelId = demoTeam.dispatchChannelId;
  const channel = {
    kind: 'CHANNEL' as const,
    reference: reference(opts.serviceUrl, { id: channelId, isGroup: true, conversationType: 'channel' }),
    teamId: demoTeam.teamId,
    channelId,
  };
  await prisma.conversationRef.upsert({ where: { conversationId: channelId }, create: { conversationId: channelId, aadObjectId: null, ...channel }, update: channel });

  const lines: string[] = [];
  const link = await prisma.dispatchLink.findFirst({ where: { OR: [{ regionId: region.id }, { conversationId: channelId }] }, include: { region: true } });
  const where = `channel "${demoTeam.dispatchChannelName}" of team "${demoTeam.name}"`;
  if (!link) {
    await prisma.dispatchLink.create({ data: { regionId: region.id, conversationId: channelId, teamId: demoTeam.teamId } });
    lines.push(`Dispatch channel of ${region.name}: ${where} (linked for the demo)`);
  } else if (link.conversationId === channelId && link.regionId === region.id) {
    lines.push(`Dispatch channel of ${region.name}: ${where}`);
  } else {
    // A coordinator linked something else by hand ("koppel dispatch"): theirs stands.
    lines.push(`Dispatch: left as linked by hand (${link.region.name} → ${link.conversationId})`);
  }

  const me = opts.currentUser;
  const chatId = personalChatIdOf(me);
  const chat = { kind: 'PERSONAL' as const, reference: reference(opts.serviceUrl, { id: chatId, conversationType: 'personal' }, me), aadObjectId: me.aadObjectId, teamId: null, channelId: null };
  await prisma.conversationRef.upsert({ where: { conversationId: chatId }, create: { conversationId: chatId, ...chat }, update: chat });
  // The other demo people have no chat in this playground. Without a reference and a Teams id the
  // outbox lets their 1:1 messages wait ("no 1:1 chat with this person yet") instead of sending
  // them into a chat that is not there (a 404, given up) or one nobody can open.
  await prisma.conversationRef.deleteMany({ where: { kind: 'PERSONAL', aadObjectId: { in: demoIds }, conversationId: { not: chatId } } });
  await prisma.person.updateMany({ where: { aadObjectId: { in: demoIds.filter((id) => id !== me.aadObjectId) } }, data: { teamsUserId: null } });
  return { done: true, lines };
}

/**
 * Run when a page of the playground's web UI has loaded. Returns how many cards are posted again.
 * (Not idempotent on purpose: every call posts the channel's cards once more, for the new page.)
 */
export async function replayDispatchChannel(prisma: DbClient): Promise<number> {
  const channelId = demoTeam.dispatchChannelId;
  const shown = await prisma.referral.findMany({
    where: { dispatchConversationId: channelId },
    orderBy: { submittedAt: 'asc' },
    select: { id: true, region: { select: { code: true } } },
  });
  let reposted = 0;
  for (const referral of shown) {
    const pending = await prisma.outboxMessage.count({ where: { kind: DISPATCH_POST, status: 'PENDING', payload: { path: ['referralId'], equals: referral.id } } });
    // The card is no longer in the channel: an update would find nothing to replace.
    await prisma.referral.update({ where: { id: referral.id }, data: { dispatchActivityId: null, dispatchConversationId: null } });
    if (pending > 0) continue;
    await enqueue(prisma, { kind: DISPATCH_POST, payload: { referralId: referral.id }, ...(referral.region ? { scope: referral.region.code } : {}) });
    reposted++;
  }
  // Whatever waited (for a channel, for a chat, or after failing while the playground was starting)
  // is due now. (Loaded through tsx, this module has its own copy of outbox/wake.ts, so the
  // service's worker is not woken: it finds them at its next poll, within a second.)
  await nudge(prisma);
  return reposted;
}

// Remembers where the bot can write later (1:1 chats, team channels). The outbox worker reads
// these rows, so they must be in the database rather than in memory.
import { TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { DbClient } from '../db/open.ts';

type Kind = 'PERSONAL' | 'CHANNEL' | 'GROUP';

interface TeamsChannelData {
  team?: { id?: string };
  channel?: { id?: string };
}

function kindOf(activity: Partial<Activity>): Kind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'CHANNEL';
  if (type === 'groupChat') return 'GROUP';
  return 'PERSONAL';
}

/**
 * What was last written per conversation, so an unchanged reference is not rewritten on every
 * turn (it changes only when Teams moves the serviceUrl or the bot is reinstalled). Bounded: the
 * oldest entries go first; after a restart the first turn of each conversation writes again.
 */
const lastWrittenByDb = new WeakMap<DbClient, Map<string, string>>();
const LAST_WRITTEN_MAX = 10_000;

export async function rememberConversation(prisma: DbClient, activity: Partial<Activity>): Promise<void> {
  const conversationId = activity.conversation?.id;
  if (!conversationId || !activity.serviceUrl) return;
  // A reply thread in a channel has its own id (<channel>;messageid=<n>); the channel is what we keep.
  const baseId = conversationId.split(';messageid=')[0] ?? conversationId;
  // Without the id of the activity at hand: it differs every turn, and a later proactive message
  // is not a reply to it. (With it, the row was rewritten on every single turn.)
  const { activityId: _activityId, user, locale, ...rest } = TurnContext.getConversationReference(activity);
  const kind = kindOf(activity);
  // A channel is the same channel whoever writes in it: without the user, one row is not rewritten
  // on every click of every coordinator (measured: an upsert per invoke, waiting on that row's lock).
  const reference = kind === 'PERSONAL' ? { ...rest, user, locale } : rest;
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const data = {
    kind,
    reference: JSON.parse(JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: baseId } })) as object,
    aadObjectId: kind === 'PERSONAL' ? (activity.from?.aadObjectId ?? null) : null,
    teamId: channelData.team?.id ?? null,
    channelId: channelData.channel?.id ?? null,
  };
  const fingerprint = JSON.stringify(data);
  let lastWritten = lastWrittenByDb.get(prisma);
  if (!lastWritten) lastWrittenByDb.set(prisma, (lastWritten = new Map()));
  if (lastWritten.get(baseId) === fingerprint) return;
  await prisma.conversationRef.upsert({ where: { conversationId: baseId }, create: { conversationId: baseId, ...data }, update: data });
  lastWritten.delete(baseId);
  lastWritten.set(baseId, fingerprint);
  if (lastWritten.size > LAST_WRITTEN_MAX) lastWritten.delete(lastWritten.keys().next().value ?? '');
}

/**
 * The Teams user id ("29:…") of whoever acts, on their Person row: a dispatch card refreshes for
 * the region's partners by these ids, and a 1:1 chat can be opened with them. Written only when it
 * changed (cached per person, bounded like the references above).
 */
const teamsIdWritten = new WeakMap<DbClient, Map<string, string>>();

export async function rememberTeamsUser(prisma: DbClient, activity: Partial<Activity>): Promise<void> {
  const aadObjectId = activity.from?.aadObjectId;
  const teamsUserId = activity.from?.id;
  if (!aadObjectId || !teamsUserId || !teamsUserId.startsWith('29:')) return;
  let written = teamsIdWritten.get(prisma);
  if (!written) teamsIdWritten.set(prisma, (written = new Map()));
  if (written.get(aadObjectId) === teamsUserId) return;
  // (NULL is not "different" in SQL: a person seen for the first time has none yet.)
  await prisma.person.updateMany({ where: { aadObjectId, OR: [{ teamsUserId: null }, { teamsUserId: { not: teamsUserId } }] }, data: { teamsUserId } });
  written.set(aadObjectId, teamsUserId);
  if (written.size > LAST_WRITTEN_MAX) written.delete(written.keys().next().value ?? '');
}

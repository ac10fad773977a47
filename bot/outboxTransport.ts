// The outbox's way to Teams: proactive messages through the Bot Framework connector, outside any
// turn. Conversation references come from the database (bot/conversationRefs.ts stores them on
// every turn), connector clients from the same BotFrameworkAuthentication as the adapter's, so
// credentials and token caching are shared.
//
// One call here is one HTTP request: the connector client's built-in retry policy (3 retries,
// and 429 waits of any length inside the call) is removed, because the outbox worker retries
// itself, with its lease, its per-conversation turn and its backoff; hidden retries would
// outlive the lease and defeat the turn.
import { STATUS_CODES } from 'node:http';
import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import type { ConnectorClient } from 'botframework-connector';
import { z } from 'zod';
import type { DbClient } from '../db/open.ts';
import { parseRetryAfter } from '../outbox/backoff.ts';
import { TransportError } from '../outbox/types.ts';
import type { OutgoingActivity, Recipient, Transport } from '../outbox/types.ts';

export interface OutboxTransportOptions {
  auth: ConfigurationBotFrameworkAuthentication;
  /** The bot's app id; undefined in local mode (no credentials). */
  appId: string | undefined;
  prisma: DbClient;
  /** A request without an answer after this long is a network error (default 15 s). */
  timeoutMs?: number;
  /** For Retry-After given as an HTTP date. */
  now?: () => Date;
}

// What is read back from ConversationRef.reference (botbuilder's ConversationReference, stored as JSON).
const ZReference = z.looseObject({
  serviceUrl: z.string().min(1),
  bot: z.looseObject({ id: z.string() }).optional(),
  conversation: z.looseObject({ id: z.string(), tenantId: z.string().optional() }),
});

const DEFAULT_TIMEOUT_MS = 15_000;

export function createOutboxTransport(opts: OutboxTransportOptions): Transport {
  const { prisma } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = opts.now ?? (() => new Date());
  const appId = opts.appId ?? '';
  // The identity a proactive send acts as: this bot (as CloudAdapter.continueConversationAsync does).
  const identity = new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: appId },
    { type: AuthenticationConstants.AppIdClaim, value: appId },
  ]);
  const factory = opts.auth.createConnectorFactory(identity);
  const clients = new Map<string, Promise<ConnectorClient>>();

  const clientFor = (serviceUrl: string): Promise<ConnectorClient> => {
    let client = clients.get(serviceUrl);
    if (!client) {
      client = factory.create(serviceUrl, undefined).then(withoutHiddenRetries);
      clients.set(serviceUrl, client);
      // A failed creation (e.g. the token endpoint unreachable) is tried again next time.
      client.catch(() => clients.delete(serviceUrl));
    }
    return client;
  };

  /**
   * One connector call, bounded by the timeout (getting a token included: the worker's lease
   * relies on the bound), its failure mapped to a TransportError. After a timeout the request is
   * aborted, and one that had not started yet never starts.
   */
  const call = async <T>(serviceUrl: string, op: (client: ConnectorClient, abortSignal: AbortSignal) => Promise<T>): Promise<T> => {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new TransportError(`no answer within ${timeoutMs} ms`, undefined));
      }, timeoutMs);
    });
    const work = (async () => {
      const client = await clientFor(serviceUrl);
      if (abort.signal.aborted) throw new TransportError(`no answer within ${timeoutMs} ms`, undefined);
      return op(client, abort.signal);
    })();
    work.catch(() => {}); // after a timeout its rejection has nobody waiting
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      throw toTransportError(error, now());
    } finally {
      clearTimeout(timer);
    }
  };

  const referenceOf = async (conversationId: string) => {
    const baseId = conversationId.split(';messageid=')[0] ?? conversationId;
    const row = await prisma.conversationRef.findUnique({ where: { conversationId: baseId }, select: { reference: true } });
    const reference = ZReference.safeParse(row?.reference);
    if (!reference.success) throw new TransportError(`no usable conversation reference for ${baseId}`, 404);
    return reference.data;
  };

  /** Opens the 1:1 chat with a team member and stores its reference, as a turn in it would. */
  const openPersonalChat = async (person: Extract<Recipient, { person: unknown }>['person']): Promise<string> => {
    const bot = await botAccount();
    const created = await call(person.serviceUrl, (client, abortSignal) =>
      client.conversations.createConversation(
        { isGroup: false, bot, members: [{ id: person.teamsUserId, name: '' }], tenantId: person.tenantId, channelData: { tenant: { id: person.tenantId } } },
        { abortSignal },
      ),
    );
    if (!created.id) throw new TransportError('createConversation answered without a conversation id', 502);
    const serviceUrl = created.serviceUrl || person.serviceUrl;
    const reference = {
      bot,
      user: { id: person.teamsUserId, aadObjectId: person.aadObjectId },
      conversation: { id: created.id, conversationType: 'personal', tenantId: person.tenantId },
      channelId: 'msteams',
      serviceUrl,
    };
    // Teams answers with the existing chat when there is one: a reference stored from a real turn in it is kept.
    const data = { kind: 'PERSONAL' as const, reference, aadObjectId: person.aadObjectId, teamId: null, channelId: null };
    await prisma.conversationRef.upsert({ where: { conversationId: created.id }, create: { conversationId: created.id, ...data }, update: {} });
    return created.id;
  };

  /** The bot's account as Teams knows it: from a stored reference (exactly what Teams sent), else 28:<app id>. */
  const botAccount = async (): Promise<{ id: string; name: string }> => {
    const rows = await prisma.conversationRef.findMany({ orderBy: { updatedAt: 'desc' }, take: 1, select: { reference: true } });
    const stored = ZReference.safeParse(rows[0]?.reference);
    const bot = stored.success ? stored.data.bot : undefined;
    return { id: bot?.id ?? `28:${appId}`, name: '' };
  };

  return {
    async post(to, activity) {
      const conversationId = 'conversationId' in to ? to.conversationId : await openPersonalChat(to.person);
      const reference = await referenceOf(conversationId);
      const sent = await call(reference.serviceUrl, (client, abortSignal) => client.conversations.sendToConversation(conversationId, asActivity(activity), { abortSignal }));
      return { activityId: sent.id ?? '', conversationId };
    },
    async update(conversationId, activityId, activity) {
      const reference = await referenceOf(conversationId);
      await call(reference.serviceUrl, (client, abortSignal) => client.conversations.updateActivity(conversationId, activityId, { ...asActivity(activity), id: activityId }, { abortSignal }));
    },
  };
}

function asActivity(activity: OutgoingActivity): Partial<Activity> {
  return { type: 'message', ...activity } as Partial<Activity>;
}

interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
}

/**
 * ConnectorClient keeps its Azure pipeline in a private field; without this the client retries
 * 5xx and network errors 3 times and sleeps through any 429 inside one call. Checked by
 * test/outboxTransport.test.ts (one request per call, whatever the answer).
 */
function withoutHiddenRetries(client: ConnectorClient): ConnectorClient {
  const inner = (client as unknown as { client?: { pipeline?: PipelineLike } }).client;
  inner?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
  return client;
}

interface RestErrorLike {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/** botbuilder's connector throws @azure/core-rest-pipeline's RestError: statusCode, code, response.headers. */
export function toTransportError(error: unknown, now: Date): TransportError {
  if (error instanceof TransportError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as RestErrorLike;
  const message = typeof e.message === 'string' ? e.message : '';
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (typeof e.statusCode === 'number') {
    const retryAfter = parseRetryAfter(e.response?.headers?.get?.('retry-after'), now.getTime());
    // An empty body (a bare 429 or 503) leaves only the status: its reason phrase then.
    const detail = [code, message].filter(Boolean).join(' ') || STATUS_CODES[e.statusCode] || 'no details';
    return new TransportError(detail.slice(0, 200), e.statusCode, retryAfter);
  }
  return new TransportError([code, message || String(error)].filter(Boolean).join(' ').slice(0, 200), undefined);
}

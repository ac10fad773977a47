// The outbox transport (bot/outboxTransport.ts) on botbuilder's connector client, against a
// connector that answers what the test says: error mapping, one request per call, 1:1 chats it
// opens, and the worker's outcome for each answer. PGlite and PostgreSQL (references are rows).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBotAuthentication } from '../bot/adapter.ts';
import { createOutboxTransport } from '../bot/outboxTransport.ts';
import { openDatabase } from '../db/open.ts';
import type { Database } from '../db/open.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { TransportError } from '../outbox/types.ts';
import type { Transport } from '../outbox/types.ts';
import { startOutboxWorker } from '../outbox/worker.ts';
import type { OutboxWorker } from '../outbox/worker.ts';
import { startChaosConnector } from './support/chaosConnector.ts';
import type { ChaosConnector, Reply } from './support/chaosConnector.ts';
import { startConnectorStub } from './support/connectorStub.ts';
import { createTestDatabase, DATABASE_KINDS } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';
import { addChannel, addPersonalChat, recordingLogger, TENANT, testClock, testKind } from './support/outboxHarness.ts';
import type { TestClock } from './support/outboxHarness.ts';

const TIMEOUT_MS = 1_000;
const CHANNEL = '19:dispatch@thread.tacv2';

describe.each(DATABASE_KINDS)('outbox transport on %s', (dbKind) => {
  let testDb: TestDatabase;
  let db: Database;
  let connector: ChaosConnector;
  let clock: TestClock;
  let transport: Transport;
  const workers: OutboxWorker[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(dbKind);
    db = await openDatabase(testDb.settings);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.destroy();
  });
  const setUp = async () => {
    // A whole second, so an HTTP-date Retry-After (second resolution) is exact.
    clock = testClock(new Date(Math.floor(Date.now() / 1000) * 1000));
    connector = await startChaosConnector({ clock: clock.now });
    transport = createOutboxTransport({ auth: createBotAuthentication(undefined), appId: undefined, prisma: db.prisma, timeoutMs: TIMEOUT_MS, now: clock.now });
    await addChannel(db.prisma, CHANNEL, connector.url);
  };
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await connector?.close();
    await db.prisma.outboxMessage.deleteMany();
    await db.prisma.conversationRef.deleteMany();
  });

  const failureOf = async (promise: Promise<unknown>): Promise<TransportError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof TransportError)) throw new Error(`expected a TransportError, got ${String(error)}`);
    return error;
  };

  it('posts to a channel through its stored reference: one request, the id the connector gave', async () => {
    await setUp();
    const result = await transport.post({ conversationId: CHANNEL }, { text: 'hallo' });
    expect(connector.delivered).toHaveLength(1);
    expect(connector.delivered[0]).toMatchObject({ method: 'POST', conversationId: CHANNEL, body: { type: 'message', text: 'hallo' } });
    expect(result).toEqual({ activityId: connector.delivered[0]?.activityId, conversationId: CHANNEL });
  });

  it('posts into a thread of the channel through the channel reference, and updates in place with PUT', async () => {
    await setUp();
    const thread = `${CHANNEL};messageid=1700000000000`;
    await transport.post({ conversationId: thread }, { text: 'antwoord' });
    await transport.update(CHANNEL, 'activity-7', { text: 'nieuwe versie' });
    expect(connector.delivered.map((d) => [d.method, d.conversationId, d.activityId.startsWith('activity-'), d.body.text])).toEqual([
      ['POST', thread, true, 'antwoord'],
      ['PUT', CHANNEL, true, 'nieuwe versie'],
    ]);
    expect(connector.delivered[1]?.activityId).toBe('activity-7');
  });

  const cases: Array<[string, Reply, { status: number | undefined; retryAfterMs?: number; message?: RegExp }]> = [
    ['429 with Retry-After in seconds', { status: 429, headers: { 'retry-after': '7' } }, { status: 429, retryAfterMs: 7_000 }],
    ['429 with Retry-After as an HTTP date', { status: 429, headers: { 'retry-after': 'DATE+30' } }, { status: 429, retryAfterMs: 30_000 }],
    ['429 without Retry-After', { status: 429 }, { status: 429, retryAfterMs: undefined }],
    ['412', { status: 412, body: { error: { code: 'PreconditionFailed', message: 'The message was changed meanwhile' } } }, { status: 412, message: /PreconditionFailed/ }],
    ['500', { status: 500 }, { status: 500 }],
    ['503 with Retry-After', { status: 503, headers: { 'retry-after': '2' } }, { status: 503, retryAfterMs: 2_000 }],
    ['403: the bot was removed', { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } }, { status: 403, message: /^BotNotInConversationRoster The bot is not part/ }],
    ['404: the conversation is gone', { status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } }, { status: 404, message: /ConversationNotFound/ }],
    ['400', { status: 400, body: { error: { code: 'BadArgument', message: 'Activity is too big' } } }, { status: 400, message: /BadArgument Activity is too big/ }],
    ['a request that hangs', 'hang', { status: undefined, message: new RegExp(`^no answer within ${TIMEOUT_MS} ms$`) }],
  ];
  it.each(cases)('%s → a TransportError with its status and Retry-After, after exactly one request', async (_, reply, expected) => {
    await setUp();
    const scripted: Reply =
      typeof reply === 'object' && reply.headers?.['retry-after'] === 'DATE+30' ? { ...reply, headers: { 'retry-after': new Date(clock.now().getTime() + 30_000).toUTCString() } } : reply;
    connector.script(scripted);
    const error = await failureOf(transport.post({ conversationId: CHANNEL }, { text: 'x' }));
    expect(error.status).toBe(expected.status);
    expect(error.retryAfterMs).toBe(expected.retryAfterMs);
    if (expected.message) expect(error.message).toMatch(expected.message);
    expect(error.message.length).toBeLessThanOrEqual(200);
    // No retries hidden in the connector client: the worker owns them.
    expect(connector.log).toHaveLength(1);
    expect(connector.delivered).toHaveLength(0);
  });

  it('a connector that cannot be reached: a network error (no status)', async () => {
    await setUp();
    const closed = await startChaosConnector();
    await closed.close();
    await addChannel(db.prisma, '19:elsewhere@thread.tacv2', closed.url);
    const error = await failureOf(transport.post({ conversationId: '19:elsewhere@thread.tacv2' }, { text: 'x' }));
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('a conversation without a stored reference: 404, not retried', async () => {
    await setUp();
    const error = await failureOf(transport.post({ conversationId: '19:unknown@thread.tacv2' }, { text: 'x' }));
    expect(error.status).toBe(404);
    expect(connector.log).toHaveLength(0);
  });

  it('a person without a chat: opens a 1:1 conversation (not a group, the bot, the member, the tenant), stores it, sends there', async () => {
    await setUp();
    const person = { aadObjectId: 'aad-lotte', teamsUserId: '29:lotte', tenantId: TENANT, serviceUrl: connector.url };
    const result = await transport.post({ person }, { text: 'Je aanmelding is opgenomen' });
    expect(connector.created).toHaveLength(1);
    const created = connector.created[0]!;
    expect(created.body).toMatchObject({ isGroup: false, bot: { id: '28:test-bot' }, members: [{ id: '29:lotte' }], tenantId: TENANT, channelData: { tenant: { id: TENANT } } });
    expect(result.conversationId).toBe(created.id);
    expect(connector.delivered).toMatchObject([{ method: 'POST', conversationId: created.id, body: { text: 'Je aanmelding is opgenomen' } }]);
    const stored = await db.prisma.conversationRef.findUniqueOrThrow({ where: { conversationId: created.id } });
    expect(stored).toMatchObject({ kind: 'PERSONAL', aadObjectId: 'aad-lotte', reference: { serviceUrl: connector.url, conversation: { id: created.id, tenantId: TENANT }, user: { id: '29:lotte' } } });
  });

  it('a person Teams already has a chat with: createConversation answers that chat, whose stored reference is kept', async () => {
    await setUp();
    await addPersonalChat(db.prisma, 'a:existing-chat', 'aad-sofie', connector.url);
    const before = await db.prisma.conversationRef.findUniqueOrThrow({ where: { conversationId: 'a:existing-chat' } });
    connector.script({ status: 200, body: { id: 'a:existing-chat' } });
    const result = await transport.post({ person: { aadObjectId: 'aad-sofie', teamsUserId: '29:sofie', tenantId: TENANT, serviceUrl: connector.url } }, { text: 'hallo' });
    expect(result.conversationId).toBe('a:existing-chat');
    expect(connector.delivered).toMatchObject([{ conversationId: 'a:existing-chat', body: { text: 'hallo' } }]);
    expect((await db.prisma.conversationRef.findUniqueOrThrow({ where: { conversationId: 'a:existing-chat' } })).reference).toEqual(before.reference);
  });

  describe('through the worker', () => {
    const run = async (reply: Reply) => {
      const { kind } = testKind();
      const logger = recordingLogger();
      const w = startOutboxWorker({ prisma: db.prisma, kinds: { test: kind }, transport, logger, now: clock.now, pollMs: 3_600_000, random: () => 0 });
      workers.push(w);
      const { id } = await enqueue(db.prisma, { kind: 'test', payload: { marker: 'm', to: CHANNEL }, notBefore: clock.now() });
      connector.script(reply);
      await w.runOnce();
      return { entry: await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } }), logger };
    };
    const at = (ms: number) => new Date(clock.now().getTime() + ms);
    const turn = async () => (await db.prisma.conversationRef.findUniqueOrThrow({ where: { conversationId: CHANNEL } })).nextSendAt;

    it('success: SENT with the connector’s activity id', async () => {
      await setUp();
      const { entry } = await run('ok');
      expect(entry).toMatchObject({ status: 'SENT', sentActivityId: connector.delivered[0]?.activityId, attempts: 0 });
    });

    it('429 with Retry-After: PENDING, one attempt, the entry and the whole conversation wait that long', async () => {
      await setUp();
      const { entry, logger } = await run({ status: 429, headers: { 'retry-after': '7' } });
      expect(entry).toMatchObject({ status: 'PENDING', attempts: 1, nextAttemptAt: at(7_000), lockedBy: null });
      expect(entry.lastError).toMatch(/^429: /);
      expect(await turn()).toEqual(at(7_000));
      expect(logger.lines).toHaveLength(1);
    });

    it.each([
      [412, { status: 412 }],
      [500, { status: 500 }],
      ['a timeout', 'hang'],
    ] as Array<[string | number, Reply]>)('%s: PENDING with one attempt, nothing delivered', async (_, reply) => {
      await setUp();
      const { entry } = await run(reply);
      expect(entry).toMatchObject({ status: 'PENDING', attempts: 1, lockedBy: null });
      expect(connector.delivered).toHaveLength(0);
    });

    it.each([403, 404, 400])('%i: FAILED at once with the status and a short message', async (status) => {
      await setUp();
      const { entry, logger } = await run({ status, body: { error: { code: 'Nope', message: `refused with ${status}` } } });
      expect(entry).toMatchObject({ status: 'FAILED', attempts: 1, lastError: `${status}: Nope refused with ${status}` });
      expect(logger.lines).toEqual([expect.stringMatching(new RegExp(`^error Outbox test .*: ${status}: Nope refused with ${status}; permanent, marked FAILED$`))]);
    });
  });

  it('works against the connector stub the service tests use', async () => {
    await setUp();
    const stub = await startConnectorStub();
    try {
      await addChannel(db.prisma, '19:stub@thread.tacv2', stub.url);
      const result = await transport.post({ conversationId: '19:stub@thread.tacv2' }, { text: 'via de stub' });
      expect(stub.sent).toMatchObject([{ method: 'POST', id: result.activityId, body: { text: 'via de stub' } }]);
      expect(stub.sent[0]?.path).toBe(`/v3/conversations/${encodeURIComponent('19:stub@thread.tacv2')}/activities`);
    } finally {
      await stub.close();
    }
  });
});

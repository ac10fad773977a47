// The outbox worker on PGlite and PostgreSQL, with a recording transport and a clock the test
// moves: every resolution path, every kind of failure, the per-conversation turn, leases.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import type { Database } from '../db/open.ts';
import { enqueue, nudge } from '../outbox/enqueue.ts';
import { outboxStatus } from '../outbox/status.ts';
import { claimBatch, release } from '../outbox/store.ts';
import { TransportError } from '../outbox/types.ts';
import type { Transport } from '../outbox/types.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import { startOutboxWorker } from '../outbox/worker.ts';
import type { OutboxWorker, OutboxWorkerOptions } from '../outbox/worker.ts';
import { createTestDatabase, DATABASE_KINDS } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';
import { addChannel, addPersonalChat, fakeTransport, recordingLogger, testClock, testKind } from './support/outboxHarness.ts';
import type { TestClock, TTestPayload } from './support/outboxHarness.ts';

const HOUR = 3_600_000;
const SERVICE_URL = 'http://connector.invalid';

describe.each(DATABASE_KINDS)('outbox worker on %s', (dbKind) => {
  let testDb: TestDatabase;
  let db: Database;
  let clock: TestClock;
  let transport: ReturnType<typeof fakeTransport>;
  let logger: ReturnType<typeof recordingLogger>;
  let test: ReturnType<typeof testKind>;
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
    clock = testClock();
    transport = fakeTransport();
    logger = recordingLogger();
    test = testKind({ waitUntil: new Date(clock.now().getTime() + 10 * 60_000) });
    await addChannel(db.prisma, 'channel-1', SERVICE_URL);
    await addChannel(db.prisma, 'channel-2', SERVICE_URL);
  };
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await db.prisma.outboxMessage.deleteMany();
    await db.prisma.conversationRef.deleteMany();
  });

  const worker = (over: Partial<OutboxWorkerOptions> = {}) => {
    const w = startOutboxWorker({ prisma: db.prisma, kinds: { test: test.kind }, transport, logger, now: clock.now, pollMs: HOUR, random: () => 0.5, ...over });
    workers.push(w);
    return w;
  };
  const add = (payload: Partial<TTestPayload> & { marker: string }, kind = 'test') => enqueue(db.prisma, { kind, payload, scope: 'GR', notBefore: clock.now() });
  const row = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
  const at = (ms: number) => new Date(clock.now().getTime() + ms);

  it('post: sends once, records SENT with the activity id and sentAt, releases the lease, then calls onSent; never again', async () => {
    await setUp();
    const { id } = await add({ marker: 'm1' });
    const w = worker();
    expect(await w.runOnce()).toBe(1);
    expect(transport.calls).toEqual([{ op: 'post', to: { conversationId: 'channel-1' }, activity: { type: 'message', text: 'card m1' } }]);
    expect(await row(id)).toMatchObject({ status: 'SENT', sentActivityId: 'fake-1', sentAt: clock.now(), lockedBy: null, lockedUntil: null, attempts: 0 });
    expect(test.sent).toEqual([{ marker: 'm1', activityId: 'fake-1', conversationId: 'channel-1' }]);

    clock.advance(HOUR);
    expect(await w.runOnce()).toBe(0);
    expect(await worker({ instanceId: 'other' }).runOnce()).toBe(0);
    expect(transport.calls).toHaveLength(1);
  });

  it('update: replaces the message in place and records it SENT under that activity id', async () => {
    await setUp();
    const { id } = await add({ marker: 'u1', resolution: 'update', to: 'channel-2;messageid=42' });
    await worker().runOnce();
    expect(transport.calls).toEqual([{ op: 'update', conversationId: 'channel-2;messageid=42', activityId: 'old-u1', activity: { type: 'message', text: 'card u1' } }]);
    expect(await row(id)).toMatchObject({ status: 'SENT', sentActivityId: 'old-u1' });
    // A thread's turn is its channel's.
    expect((await db.prisma.conversationRef.findUniqueOrThrow({ where: { conversationId: 'channel-2' } })).nextSendAt).toEqual(at(1_000));
  });

  it('wait: back to PENDING at retryAt (60 s without one), lease released, no attempt counted; nudge makes it due now', async () => {
    await setUp();
    const plain = await add({ marker: 'w1', resolution: 'wait' });
    const until = await add({ marker: 'w2', resolution: 'wait-until' });
    const a = worker();
    expect(await a.runOnce()).toBe(2);
    expect(await row(plain.id)).toMatchObject({ status: 'PENDING', attempts: 0, nextAttemptAt: at(60_000), lockedBy: null, lockedUntil: null, lastError: 'waiting: no dispatch channel linked' });
    expect(await row(until.id)).toMatchObject({ status: 'PENDING', attempts: 0, nextAttemptAt: at(10 * 60_000), lockedBy: null });
    expect(transport.calls).toHaveLength(0);
    expect(await a.runOnce()).toBe(0);
    // Stopped, so the wake that nudge gives every worker of this process does not run a batch here.
    await a.stop();

    expect(await nudge(db.prisma, { kind: 'test', scope: 'GR', now: clock.now() })).toBe(2);
    expect(await nudge(db.prisma, { scope: 'other-region', now: clock.now() })).toBe(0);
    expect(await row(plain.id)).toMatchObject({ status: 'PENDING', nextAttemptAt: clock.now() });
    expect(await worker({ instanceId: 'b' }).runOnce()).toBe(2);
  });

  it('drop: a terminal FAILED with "dropped: <reason>", shown apart from failures in the status', async () => {
    await setUp();
    const { id } = await add({ marker: 'd1', resolution: 'drop' });
    await worker().runOnce();
    expect(await row(id)).toMatchObject({ status: 'FAILED', lastError: 'dropped: referral withdrawn', attempts: 0, lockedBy: null });
    expect(transport.calls).toHaveLength(0);
    expect(await outboxStatus(db.prisma, { scope: 'GR', now: clock.now() })).toMatchObject({ failed: 0, dropped: 1, latestFailures: [] });
  });

  it('an unknown kind or a bad payload: FAILED with a clear lastError, one log line each, and the rest of the batch still goes', async () => {
    await setUp();
    const unknown = await add({ marker: 'x' }, 'no.such.kind');
    const bad = await enqueue(db.prisma, { kind: 'test', payload: { marker: 42, resolution: 'fly' }, notBefore: clock.now() });
    const good = await add({ marker: 'ok' });
    expect(await worker().runOnce()).toBe(3);
    expect(await row(unknown.id)).toMatchObject({ status: 'FAILED', lastError: 'unknown kind "no.such.kind"' });
    const badRow = await row(bad.id);
    expect(badRow.status).toBe('FAILED');
    expect(badRow.lastError).toMatch(/^bad payload: marker: .+; resolution: .+/);
    expect(await row(good.id)).toMatchObject({ status: 'SENT' });
    expect(logger.lines.filter((l) => l.startsWith('error '))).toHaveLength(2);
    expect(logger.lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('a message that cannot be prepared (the database is away) uses up no attempt, is put back, and is given up only after a day', async () => {
    await setUp();
    const { id } = await add({ marker: 't', resolution: 'throw' });
    const w = worker();
    await w.runOnce();
    const first = await row(id);
    expect(first).toMatchObject({ status: 'PENDING', attempts: 0, lastError: 'could not prepare: database went away', lockedBy: null });
    // Back within the minute (30 s with jitter), not at the next hour-long poll.
    expect(first.nextAttemptAt.getTime() - clock.now().getTime()).toBe(22_500);
    expect(logger.lines.at(-1)).toMatch(/^warn .*could not prepare: database went away; tried again in 23 s \(no send attempt counted\)$/);
    clock.advance(23 * HOUR);
    await w.runOnce();
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 0 });
    clock.advance(HOUR + 60_000); // the entry's creation time is the database's, a moment after the clock's start
    await w.runOnce();
    expect(await row(id)).toMatchObject({ status: 'FAILED', attempts: 0, lastError: 'gave up after 24 h: could not prepare: database went away' });
  });

  it('outlasts a 15-minute Teams outage: every message arrives once, none is given up', async () => {
    await setUp();
    const ids = await Promise.all(['o1', 'o2', 'o3', 'o4', 'o5'].map((marker, i) => add({ marker, to: i % 2 === 0 ? 'channel-1' : 'channel-2' })));
    const w = worker({ random: Math.random });
    const end = clock.now().getTime() + 15 * 60_000;
    // Teams answers 503 to everything for fifteen minutes; the worker polls every second meanwhile.
    while (clock.now().getTime() < end) {
      transport.failAll(new TransportError('Service Unavailable', 503));
      await w.runOnce();
      clock.advance(1_000);
    }
    expect(transport.delivered).toHaveLength(0);
    expect(transport.calls.length).toBeGreaterThan(5);
    transport.failAll(undefined);
    // Back: within the capped backoff (5 min) and the turns, everything goes out.
    for (let s = 0; s < 10 * 60; s++) {
      await w.runOnce();
      clock.advance(1_000);
    }
    const rows = await Promise.all(ids.map(({ id }) => row(id)));
    expect(rows.map((r) => r.status)).toEqual(['SENT', 'SENT', 'SENT', 'SENT', 'SENT']);
    const delivered = transport.delivered.map((c) => (c.op === 'post' ? c.activity.text : ''));
    expect(delivered.sort()).toEqual(['card o1', 'card o2', 'card o3', 'card o4', 'card o5']);
    expect(rows.every((r) => r.attempts > 3)).toBe(true);
  });

  const retried: Array<[string, TransportError | Error]> = [
    ['408', new TransportError('Request Timeout', 408)],
    ['412', new TransportError('PreconditionFailed', 412)],
    ['500', new TransportError('boom', 500)],
    ['503', new TransportError('unavailable', 503)],
    ['a network error', new TransportError('ECONNRESET socket hang up', undefined)],
    ['a timeout', new TransportError('no answer within 15000 ms', undefined)],
    ['a plain exception from the transport', new Error('something odd')],
  ];
  it.each(retried)('%s is retried: PENDING, one attempt, due within the first backoff step, lease released', async (_, error) => {
    await setUp();
    const { id } = await add({ marker: 'r' });
    transport.fail(error);
    await worker().runOnce();
    const entry = await row(id);
    expect(entry).toMatchObject({ status: 'PENDING', attempts: 1, lockedBy: null, lockedUntil: null });
    // Full jitter with random() = 0.5 over the first ceiling of 1 s.
    expect(entry.nextAttemptAt).toEqual(at(500));
    expect(entry.lastError).toContain(error.message);
    expect(logger.lines.filter((l) => l.startsWith('warn '))).toHaveLength(1);
  });

  it('429 waits at least Retry-After, and so does the whole conversation', async () => {
    await setUp();
    const { id } = await add({ marker: 'r' });
    const other = await add({ marker: 'same-channel-later' });
    // Added later: within one millisecond the order would be left to the random ids.
    await db.prisma.outboxMessage.update({ where: { id: other.id }, data: { createdAt: new Date(Date.now() + 1_000) } });
    transport.fail(new TransportError('Too Many Requests', 429, 30_000));
    await worker().runOnce();
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 1, nextAttemptAt: at(30_000), lastError: '429: Too Many Requests' });
    expect((await db.prisma.conversationRef.findUniqueOrThrow({ where: { conversationId: 'channel-1' } })).nextSendAt).toEqual(at(30_000));
    // The other entry of that channel was held back in this batch; at its turn it finds the channel throttled.
    clock.advance(1_000);
    await worker({ instanceId: 'b' }).runOnce();
    expect(await row(other.id)).toMatchObject({ status: 'PENDING', attempts: 0, nextAttemptAt: at(29_000) });
    expect(transport.calls).toHaveLength(1);
  });

  it.each([
    [403, 'BotNotInConversationRoster'],
    [404, 'ConversationNotFound'],
    [400, 'BadSyntax'],
  ])('%i is permanent: FAILED at once with the status and a short message', async (status, message) => {
    await setUp();
    const { id } = await add({ marker: 'p' });
    transport.fail(new TransportError(message, status));
    await worker().runOnce();
    expect(await row(id)).toMatchObject({ status: 'FAILED', attempts: 1, lastError: `${status}: ${message}`, lockedBy: null });
    const report = await outboxStatus(db.prisma, { now: clock.now() });
    expect(report).toMatchObject({ failed: 1, pending: 0, latestFailures: [{ id, kind: 'test', scope: 'GR', attempts: 1, lastError: `${status}: ${message}` }] });
  });

  it('backs off exponentially with a cap, and gives up after maxAttempts', async () => {
    await setUp();
    const { id } = await add({ marker: 'b' });
    const w = worker({ random: () => 0.999_999, retry: { baseMs: 1_000, capMs: 8_000, maxAttempts: 6 } });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      transport.fail(new TransportError('boom', 500));
      const before = clock.now().getTime();
      expect(await w.runOnce()).toBe(1);
      const entry = await row(id);
      if (entry.status === 'FAILED') break;
      waits.push(Math.round((entry.nextAttemptAt.getTime() - before) / 1000));
      clock.advance(entry.nextAttemptAt.getTime() - before + 1_000); // past the turn too
    }
    expect(waits).toEqual([1, 2, 4, 8, 8]);
    expect(await row(id)).toMatchObject({ status: 'FAILED', attempts: 6, lastError: 'gave up after 6 attempts: 500: boom' });
  });

  it('one message per second per conversation: one per channel per turn, the others come back at the next turn without an attempt', async () => {
    await setUp();
    const a = [await add({ marker: 'a1' }), await add({ marker: 'a2' }), await add({ marker: 'a3' })];
    const b = await add({ marker: 'b1', to: 'channel-2' });
    const w = worker();
    expect(await w.runOnce()).toBe(4);
    expect(transport.calls.map((c) => (c.op === 'post' ? c.activity.text : ''))).toEqual(expect.arrayContaining(['card a1', 'card b1']));
    expect(transport.calls).toHaveLength(2);
    // Each waits for its own place in the line: a2 after one turn, a3 after two.
    for (const [i, { id }] of a.slice(1).entries()) expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 0, nextAttemptAt: at(1_000 * (i + 1)), lockedBy: null });
    expect(await row(b.id)).toMatchObject({ status: 'SENT' });

    expect(await w.runOnce()).toBe(0); // not due yet: same instant
    clock.advance(999);
    expect(await w.runOnce()).toBe(0);
    clock.advance(1);
    expect(await w.runOnce()).toBe(1); // only a2: a3 is not claimed (and rendered) again for nothing
    expect(transport.calls).toHaveLength(3); // the oldest first: a2
    expect(await row(a[1]!.id)).toMatchObject({ status: 'SENT' });
    clock.advance(1_000);
    await w.runOnce();
    expect(await row(a[2]!.id)).toMatchObject({ status: 'SENT' });
  });

  it("another instance's turn holds too: a worker that finds the conversation taken puts the entry back until then", async () => {
    await setUp();
    await db.prisma.conversationRef.update({ where: { conversationId: 'channel-1' }, data: { nextSendAt: at(700) } });
    const { id } = await add({ marker: 'c' });
    await worker().runOnce();
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 0, nextAttemptAt: at(700) });
    expect(transport.calls).toHaveLength(0);
  });

  it('a conversation without a reference: FAILED, not retried forever', async () => {
    await setUp();
    const { id } = await add({ marker: 'n', to: 'channel-gone' });
    await worker().runOnce();
    expect(await row(id)).toMatchObject({ status: 'FAILED', lastError: '404: no conversation reference for channel-gone' });
  });

  it('a person: through their existing 1:1 chat, in turn; without one, the transport opens it', async () => {
    await setUp();
    await addPersonalChat(db.prisma, 'a:chat-with-aad-1', 'aad-1', SERVICE_URL);
    await add({ marker: 'p1', resolution: 'person', to: 'aad-1' });
    await add({ marker: 'p2', resolution: 'person', to: 'aad-2' });
    await worker().runOnce();
    expect(transport.calls.map((c) => (c.op === 'post' ? c.to : null))).toEqual(
      expect.arrayContaining([{ conversationId: 'a:chat-with-aad-1' }, { person: expect.objectContaining({ aadObjectId: 'aad-2' }) as unknown }]),
    );
    expect((await db.prisma.conversationRef.findUniqueOrThrow({ where: { conversationId: 'a:chat-with-aad-1' } })).nextSendAt).toEqual(at(1_000));
    expect(test.sent.map((s) => s.conversationId).sort()).toEqual(['a:chat-with-aad-1', 'a:opened-for-aad-2']);
  });

  it('two workers never take the same entry: a leased one is skipped until its lease expires', async () => {
    await setUp();
    const { id } = await add({ marker: 'l' });
    const open = transport.hold();
    const a = worker({ instanceId: 'a' });
    const running = a.runOnce();
    await expect.poll(() => transport.calls.length).toBe(1);
    expect(await worker({ instanceId: 'b' }).runOnce()).toBe(0);
    open();
    expect(await running).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'SENT' });
  });

  it('an expired lease (a worker that died) is taken over and the entry sent', async () => {
    await setUp();
    const { id } = await add({ marker: 'dead' });
    await db.prisma.outboxMessage.update({ where: { id }, data: { lockedBy: 'dead-worker', lockedUntil: at(-1) } });
    expect(await worker({ instanceId: 'alive' }).runOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'SENT', lockedBy: null });
  });

  it('a claim knows when an earlier lease ran out without an outcome (that try may have reached Teams), and only then', async () => {
    await setUp();
    const { id } = await add({ marker: 'maybe-twice' });
    const first = await claimBatch(db.prisma, { workerId: 'a', now: clock.now(), leaseMs: 60_000, limit: 10 });
    expect(first.map((e) => [e.id, e.interrupted])).toEqual([[id, false]]);
    // Worker a dies holding it; after its lease, b takes it and is told.
    clock.advance(60_001);
    const second = await claimBatch(db.prisma, { workerId: 'b', now: clock.now(), leaseMs: 60_000, limit: 10 });
    expect(second.map((e) => [e.id, e.interrupted])).toEqual([[id, true]]);
    // Released normally (a wait, a retry): the next claim is not an interrupted one.
    expect(await release(db.prisma, id, 'b', { at: clock.now() })).toBe(true);
    const third = await claimBatch(db.prisma, { workerId: 'c', now: clock.now(), leaseMs: 60_000, limit: 10 });
    expect(third.map((e) => [e.id, e.interrupted])).toEqual([[id, false]]);
  });

  it('a worker that stalls past its lease: another sends the entry again (at least once), it is recorded once, and the late one says so', async () => {
    await setUp();
    const { id } = await add({ marker: 'stall' });
    const open = transport.hold();
    const slow = worker({ instanceId: 'slow' });
    const running = slow.runOnce();
    await expect.poll(() => transport.calls.length).toBe(1);
    clock.advance(60_001); // the renewed lease (60 s) has run out
    const other = fakeTransport();
    expect(await worker({ instanceId: 'other', transport: other as Transport }).runOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'SENT', sentActivityId: 'fake-1' });
    open();
    await running;
    expect(transport.calls.length + other.calls.length).toBe(2); // the documented duplicate
    expect(await row(id)).toMatchObject({ status: 'SENT', sentActivityId: 'fake-1', sentAt: clock.now() });
    expect(logger.lines.some((l) => l.includes('its lease had been taken over: it may be sent twice'))).toBe(true);
    expect(test.sent).toHaveLength(1);
  });

  it('wake() and wakeOutboxWorkers() run a batch without waiting for the poll; stop() waits for the batch in progress', async () => {
    await setUp();
    const w = worker();
    await add({ marker: 'w' });
    w.wake();
    await expect.poll(() => transport.calls.length).toBe(1);

    const { id } = await add({ marker: 'held', to: 'channel-2' }); // channel-1 just had its turn
    const open = transport.hold();
    wakeOutboxWorkers();
    await expect.poll(() => transport.calls.length).toBe(2);
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    open();
    await stopping;
    expect(await row(id)).toMatchObject({ status: 'SENT' });
    expect(await w.runOnce()).toBe(0);
  });

  it('enqueue commits with the state change, or not at all', async () => {
    await setUp();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await enqueue(tx, { kind: 'test', payload: { marker: 'rolled-back' } });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await db.prisma.$transaction(async (tx) => {
      await enqueue(tx, { kind: 'test', payload: { marker: 'committed' }, scope: 'GR' });
    });
    const rows = await db.prisma.outboxMessage.findMany();
    expect(rows.map((r) => r.payload)).toEqual([{ marker: 'committed' }]);
    expect(rows[0]).toMatchObject({ status: 'PENDING', scope: 'GR', attempts: 0 });
  });

  it('status: pending, waiting, sent, failed, dropped and the latest failures, per scope', async () => {
    await setUp();
    await add({ marker: 's1' });
    await add({ marker: 's2', resolution: 'wait' });
    await add({ marker: 's3', resolution: 'drop' });
    const broken = await add({ marker: 's4', to: 'channel-gone' });
    await add({ marker: 's5', to: 'channel-2' });
    await enqueue(db.prisma, { kind: 'test', payload: { marker: 'elsewhere' }, scope: 'OV', notBefore: at(HOUR) });
    transport.fail(new TransportError('boom', 500));
    await worker().runOnce();
    clock.advance(1);
    await add({ marker: 'fresh' });
    expect(await outboxStatus(db.prisma, { scope: 'GR', now: clock.now() })).toMatchObject({
      pending: 3, // s1 (retrying), s2 (waiting), fresh
      waiting: 2,
      sent: 1,
      failed: 1,
      dropped: 1,
      latestFailures: [{ id: broken.id, lastError: '404: no conversation reference for channel-gone' }],
    });
    expect(await outboxStatus(db.prisma, { now: clock.now() })).toMatchObject({ pending: 4, waiting: 3 });
  });
});

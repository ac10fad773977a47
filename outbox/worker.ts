// The outbox worker: claims due entries, asks their kind what to do now, sends through the
// transport, records the result. Several instances (processes) may run against one database.
//
// Delivery is at least once, and "exactly once" in every case but one:
// - A claim leases the entry (lockedUntil/lockedBy) in the same statement that selects it, and
//   every later write is conditional on still holding that lease, so two workers never both send
//   an entry, and an entry recorded SENT is never claimed again.
// - The lease is renewed right before the send, and the send is bounded by the transport's
//   timeout (15 s by default, well inside the 60 s lease), so a slow send ends before anyone else
//   may take the entry over.
// - The one gap: if the process dies (or stalls longer than the lease, or cannot reach the
//   database for longer than the lease) after Teams accepted the message but before SENT is
//   committed, nothing records that it went out. The lease then expires, another worker (or this
//   one after a restart) claims the entry again and sends it a second time. Teams has no
//   idempotency key for new messages, so this cannot be closed from our side; the window is one
//   UPDATE long (retried a few times in-process), and the effect is a duplicate card, not a loss.
//   The same holds when Teams processed a request whose answer never arrived (a timeout after
//   the connector received it): it is retried, so it may show twice.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DbClient } from '../db/open.ts';
import type { Logger } from '../server/log.ts';
import { DEFAULT_RETRY_POLICY, isRetryable, PREPARE_RETRY_MS, retryDelayMs } from './backoff.ts';
import type { RetryPolicy } from './backoff.ts';
import { claimBatch, markFailed, markSent, personalConversation, pushTurn, release, renewLease, takeTurn } from './store.ts';
import type { ClaimedEntry } from './store.ts';
import { TransportError } from './types.ts';
import type { OutboxKind, OutboxKinds, Recipient, Resolution, Transport } from './types.ts';
import { onOutboxWake } from './wake.ts';

export interface OutboxWorkerOptions {
  prisma: DbClient;
  kinds: OutboxKinds;
  transport: Transport;
  logger: Logger;
  /** Written to lockedBy; unique per worker (default: host, pid and a random part). */
  instanceId?: string;
  /** How often to look for due entries (default 1000 ms); `wake()` looks sooner. */
  pollMs?: number;
  /** The clock for everything time-related (leases, due times, turns, backoff). */
  now?: () => Date;
  /** Entries claimed per batch (default 10). */
  batchSize?: number;
  /** How long a claim holds an entry (default 60 s); must be well above the transport's timeout. */
  leaseMs?: number;
  /** How long a `wait` without retryAt waits (default 60 s). */
  waitMs?: number;
  /** At most one message per this interval per conversation (default 1000 ms). */
  turnMs?: number;
  retry?: Partial<RetryPolicy>;
  /** For the jitter (default Math.random). */
  random?: () => number;
}

export interface OutboxWorker {
  readonly instanceId: string;
  /** Stops polling and waits for the batch in progress. */
  stop(): Promise<void>;
  /** Claims and processes one batch; resolves with how many entries it processed. */
  runOnce(): Promise<number>;
  /** Runs soon, e.g. after an entry was committed in this process. */
  wake(): void;
}

const MIN_WAIT_MS = 1_000;
const ERROR_MAX = 500;

interface Send {
  entry: ClaimedEntry;
  kind: OutboxKind<unknown>;
  payload: unknown;
  resolution: Extract<Resolution, { type: 'post' | 'update' }>;
  /** The conversation whose turn it takes (the channel for a thread); none for a new 1:1 chat. */
  turnOf: string | undefined;
}

const baseConversation = (id: string) => id.split(';messageid=')[0] ?? id;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, ERROR_MAX);

export function startOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const { prisma, kinds, transport, logger } = opts;
  const me = opts.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const clock = opts.now ?? (() => new Date());
  // setTimeout takes at most 2^31-1 ms; beyond it fires at once.
  const pollMs = Math.min(opts.pollMs ?? 1_000, 2 ** 31 - 1);
  const batchSize = opts.batchSize ?? 10;
  const leaseMs = opts.leaseMs ?? 60_000;
  const waitMs = opts.waitMs ?? 60_000;
  const turnMs = opts.turnMs ?? 1_000;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  const random = opts.random ?? Math.random;
  const later = (ms: number) => new Date(clock().getTime() + ms);
  const label = (entry: ClaimedEntry) => `Outbox ${entry.kind} ${entry.id}`;

  const fail = async (entry: ClaimedEntry, lastError: string, attempts?: number) => {
    await markFailed(prisma, entry.id, me, { at: clock(), lastError: lastError.slice(0, ERROR_MAX), attempts });
  };

  /** Reads the entry and asks its kind what to do; returns a send, or handles everything else itself. */
  async function plan(entry: ClaimedEntry): Promise<Send | undefined> {
    const kind = Object.hasOwn(kinds, entry.kind) ? kinds[entry.kind] : undefined;
    if (!kind) {
      logger.error(`${label(entry)}: unknown kind, marked FAILED`);
      await fail(entry, `unknown kind "${entry.kind}"`);
      return undefined;
    }
    const parsed = kind.payload.safeParse(entry.payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      logger.error(`${label(entry)}: bad payload, marked FAILED (${issues})`);
      await fail(entry, `bad payload: ${issues}`);
      return undefined;
    }
    let resolution: Resolution;
    try {
      resolution = await kind.resolve(parsed.data, prisma, { interrupted: entry.interrupted });
    } catch (error) {
      await notPrepared(entry, error);
      return undefined;
    }
    if (resolution.type === 'wait') {
      const at = new Date(Math.max(resolution.retryAt?.getTime() ?? later(waitMs).getTime(), later(MIN_WAIT_MS).getTime()));
      logger.debug(`${label(entry)}: waits until ${at.toISOString()} (${resolution.reason})`);
      await release(prisma, entry.id, me, { at, lastError: `waiting: ${resolution.reason}`.slice(0, ERROR_MAX) });
      return undefined;
    }
    if (resolution.type === 'drop') {
      logger.info(`${label(entry)}: dropped (${resolution.reason})`);
      await fail(entry, `dropped: ${resolution.reason}`);
      return undefined;
    }
    if (resolution.type === 'update') return { entry, kind, payload: parsed.data, resolution, turnOf: baseConversation(resolution.conversationId) };
    let to: Recipient = resolution.to;
    if ('person' in to) {
      // A person with whom the bot already has a chat: write there, in turn, like any conversation.
      const existing = await personalConversation(prisma, to.person.aadObjectId);
      if (existing) to = { conversationId: existing };
    }
    const turnOf = 'conversationId' in to ? baseConversation(to.conversationId) : undefined;
    return { entry, kind, payload: parsed.data, resolution: { ...resolution, to }, turnOf };
  }

  async function send(s: Send): Promise<void> {
    const { entry } = s;
    if (!(await renewLease(prisma, entry.id, me, later(leaseMs)))) {
      logger.debug(`${label(entry)}: lease lost before sending; another worker has it`);
      return;
    }
    if (s.turnOf) {
      const turn = await takeTurn(prisma, s.turnOf, clock(), turnMs);
      if (!turn.ok && 'missing' in turn) {
        logger.error(`${label(entry)}: no conversation reference for ${s.turnOf}, marked FAILED`);
        await fail(entry, `404: no conversation reference for ${s.turnOf}`);
        return;
      }
      if (!turn.ok) {
        await release(prisma, entry.id, me, { at: turn.until });
        return;
      }
    }
    let result: { activityId: string; conversationId: string };
    try {
      const r = s.resolution;
      if (r.type === 'post') result = await transport.post(r.to, r.activity);
      else {
        await transport.update(r.conversationId, r.activityId, r.activity);
        result = { activityId: r.activityId, conversationId: r.conversationId };
      }
    } catch (error) {
      await failedAttempt(entry, error, s.turnOf);
      return;
    }
    const at = clock();
    if (!(await recordSent(entry, result.activityId, at))) {
      logger.warn(`${label(entry)}: sent as ${result.activityId}, but its lease had been taken over: it may be sent twice`);
      return;
    }
    // A chat the transport just opened: its next message waits its turn like any other.
    if (!s.turnOf) await pushTurn(prisma, baseConversation(result.conversationId), new Date(at.getTime() + turnMs));
    if (s.kind.onSent) {
      try {
        await s.kind.onSent(s.payload, result, prisma);
      } catch (error) {
        logger.error(`${label(entry)}: sent, but onSent failed: ${messageOf(error)}`);
      }
    }
  }

  /** The write whose loss means a second send: tried a few times before giving up on it. */
  async function recordSent(entry: ClaimedEntry, activityId: string, at: Date): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await markSent(prisma, entry.id, me, { activityId, at });
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }

  /** Past the time it is retried for (counted from its creation): given up, whatever the attempts. */
  const expired = (entry: ClaimedEntry) => clock().getTime() - entry.createdAt.getTime() >= policy.giveUpAfterMs;
  const hours = (ms: number) => `${Math.round(ms / 3_600_000)} h`;

  /**
   * The message could not be prepared (its kind could not read what it needs: the database is
   * down or slow). Nothing was sent, so no attempt is used up: it is put back for a while.
   */
  async function notPrepared(entry: ClaimedEntry, error: unknown): Promise<void> {
    const what = `could not prepare: ${messageOf(error)}`;
    if (expired(entry)) {
      logger.error(`${label(entry)}: ${what}; gave up after ${hours(policy.giveUpAfterMs)}, marked FAILED`);
      await fail(entry, `gave up after ${hours(policy.giveUpAfterMs)}: ${what}`);
      return;
    }
    const delay = Math.floor(PREPARE_RETRY_MS * (0.5 + random() / 2));
    logger.warn(`${label(entry)}: ${what}; tried again in ${Math.ceil(delay / 1000)} s (no send attempt counted)`);
    await release(prisma, entry.id, me, { at: later(delay), lastError: what.slice(0, ERROR_MAX) });
  }

  async function failedAttempt(entry: ClaimedEntry, error: unknown, turnOf: string | undefined): Promise<void> {
    const failure = error instanceof TransportError ? error : new TransportError(messageOf(error), undefined);
    const attempts = entry.attempts + 1;
    const what = `${failure.status ?? 'network'}: ${messageOf(failure)}`;
    if (!isRetryable(failure.status)) {
      logger.error(`${label(entry)}: ${what}; permanent, marked FAILED`);
      await fail(entry, what, attempts);
      return;
    }
    if (attempts >= policy.maxAttempts) {
      logger.error(`${label(entry)}: ${what}; gave up after ${attempts} attempts, marked FAILED`);
      await fail(entry, `gave up after ${attempts} attempts: ${what}`, attempts);
      return;
    }
    if (expired(entry)) {
      logger.error(`${label(entry)}: ${what}; gave up after ${hours(policy.giveUpAfterMs)} (${attempts} attempts), marked FAILED`);
      await fail(entry, `gave up after ${hours(policy.giveUpAfterMs)} (${attempts} attempts): ${what}`, attempts);
      return;
    }
    const delay = retryDelayMs(attempts, policy, random, failure.retryAfterMs);
    // Throttled: the whole conversation waits, not only this message.
    if (failure.status === 429 && failure.retryAfterMs !== undefined && turnOf) await pushTurn(prisma, turnOf, later(failure.retryAfterMs));
    logger.warn(`${label(entry)}: ${what}; attempt ${attempts}, next in ${Math.ceil(delay / 1000)} s`);
    await release(prisma, entry.id, me, { at: later(delay), attempts, lastError: what.slice(0, ERROR_MAX) });
  }

  async function batch(): Promise<number> {
    const entries = await claimBatch(prisma, { workerId: me, now: clock(), leaseMs, limit: batchSize });
    if (entries.length === 0) return 0;
    const guard = (entry: ClaimedEntry) => (error: unknown) => {
      // The entry keeps its lease and is taken up again when it expires.
      logger.warn(`${label(entry)}: not processed (${messageOf(error)}); retried when its lease expires`);
    };
    const sends = (await Promise.all(entries.map((entry) => plan(entry).catch((e: unknown) => void guard(entry)(e))))).filter((s): s is Send => s !== undefined);
    // One send per conversation per batch, the oldest entry first; the others come back at the next turn.
    const byConversation = new Map<string, Send[]>();
    const solo: Send[] = [];
    for (const s of sends) {
      if (!s.turnOf) solo.push(s);
      else byConversation.set(s.turnOf, [...(byConversation.get(s.turnOf) ?? []), s]);
    }
    await Promise.all([
      ...solo.map((s) => send(s).catch(guard(s.entry))),
      ...[...byConversation.values()].map(async ([first, ...rest]) => {
        // Each waits for its own place in the line (1 s, 2 s, …), so a busy channel's backlog is not
        // claimed and rendered again every second only to be put back (measured: ~850 statements
        // per card with 120 cards waiting).
        await Promise.all(rest.map((s, i) => release(prisma, s.entry.id, me, { at: later(turnMs * (i + 1)) }).catch(guard(s.entry))));
        if (first) await send(first).catch(guard(first.entry));
      }),
    ]);
    return entries.length;
  }

  // One batch at a time per worker: runOnce() from a test and the poll never overlap.
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const runOnce = (): Promise<number> => {
    if (stopped) return Promise.resolve(0);
    const run = chain.then(batch);
    chain = run.catch(() => {});
    return run;
  };

  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  let again = false;
  let failing = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };
  const tick = async () => {
    timer = undefined;
    busy = true;
    let processed = 0;
    try {
      processed = await runOnce();
      if (failing) logger.info('Outbox worker: the database answers again');
      failing = false;
    } catch (error) {
      if (!failing) logger.warn(`Outbox worker: could not claim entries (${messageOf(error)}); trying again every ${pollMs} ms`);
      failing = true;
    } finally {
      busy = false;
    }
    const soon = again || processed >= batchSize;
    again = false;
    schedule(soon ? 0 : pollMs);
  };
  const wake = () => {
    if (stopped) return;
    if (busy) again = true;
    else schedule(0);
  };
  const unsubscribe = onOutboxWake(wake);
  schedule(pollMs);

  return {
    instanceId: me,
    runOnce,
    wake,
    stop: async () => {
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
      await chain;
    },
  };
}

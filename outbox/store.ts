// The outbox worker's reads and writes. Every change to a claimed entry is conditional on still
// holding it (lockedBy = this worker, status PENDING): a worker whose lease ran out and was taken
// over changes nothing. Times come from the caller's clock, never the database's now(), so tests
// drive time and all instances judge leases by the same kind of timestamp.
import type { DbClient } from '../db/open.ts';
import type { OutboxMessage } from '../generated/prisma/client.ts';

export type ClaimedEntry = Pick<OutboxMessage, 'id' | 'kind' | 'payload' | 'attempts' | 'createdAt'> & {
  /**
   * A worker held it before and its lease ran out without an outcome (the process died or stalled):
   * that earlier try may have reached Teams, so what is sent now may be a second copy.
   */
  interrupted: boolean;
};

/** Columns are `timestamp(3)` holding UTC; an ISO string cast to it keeps UTC whatever the session's TimeZone. */
const ts = (at: Date) => at.toISOString();

/**
 * Claims up to `limit` due entries, oldest first, in one statement. `FOR UPDATE SKIP LOCKED` makes
 * two instances on one PostgreSQL take disjoint sets: a row that another claim is locking is
 * skipped, and one it has just committed is re-checked against the lease and no longer matches.
 */
export async function claimBatch(prisma: DbClient, opts: { workerId: string; now: Date; leaseMs: number; limit: number }): Promise<ClaimedEntry[]> {
  const now = ts(opts.now);
  const until = ts(new Date(opts.now.getTime() + opts.leaseMs));
  // `due` sees the row before this claim: a lockedBy still set means an earlier lease ran out.
  const claimed = await prisma.$queryRaw<Array<{ id: string; interrupted: boolean }>>`
    WITH due AS (
      SELECT "id", "lockedBy" IS NOT NULL AS "interrupted" FROM "OutboxMessage"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}::timestamp(3)
        AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now}::timestamp(3))
      ORDER BY "createdAt", "seq"
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED)
    UPDATE "OutboxMessage" AS o SET "lockedUntil" = ${until}::timestamp(3), "lockedBy" = ${opts.workerId}
    FROM due WHERE o."id" = due."id"
    RETURNING o."id", due."interrupted"`;
  if (claimed.length === 0) return [];
  const interrupted = new Set(claimed.filter((c) => c.interrupted).map((c) => c.id));
  const rows = await prisma.outboxMessage.findMany({
    where: { id: { in: claimed.map((c) => c.id) }, lockedBy: opts.workerId, status: 'PENDING' },
    select: { id: true, kind: true, payload: true, attempts: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { seq: 'asc' }],
  });
  return rows.map((r) => ({ ...r, interrupted: interrupted.has(r.id) }));
}

const held = (id: string, workerId: string) => ({ id, lockedBy: workerId, status: 'PENDING' as const });
const released = { lockedBy: null, lockedUntil: null };

/** Extends the lease right before a send, so the send (bounded by the transport's timeout) ends well inside it. */
export async function renewLease(prisma: DbClient, id: string, workerId: string, until: Date): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({ where: held(id, workerId), data: { lockedUntil: until } });
  return count === 1;
}

export async function markSent(prisma: DbClient, id: string, workerId: string, result: { activityId: string; at: Date }): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({ where: held(id, workerId), data: { status: 'SENT', sentActivityId: result.activityId, sentAt: result.at, ...released } });
  return count === 1;
}

/** Back to PENDING, due at `at`, lease released. `attempts` only when an attempt failed. */
export async function release(prisma: DbClient, id: string, workerId: string, opts: { at: Date; attempts?: number; lastError?: string }): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({
    where: held(id, workerId),
    data: { nextAttemptAt: opts.at, ...(opts.attempts === undefined ? {} : { attempts: opts.attempts }), ...(opts.lastError === undefined ? {} : { lastError: opts.lastError }), ...released },
  });
  return count === 1;
}

/**
 * Terminal: FAILED (given up, permanent error, bad entry, or dropped by its kind). nextAttemptAt is
 * set to the moment it ended, so "latest failures" can be listed by when they failed.
 */
export async function markFailed(prisma: DbClient, id: string, workerId: string, opts: { at: Date; lastError: string; attempts?: number }): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({
    where: held(id, workerId),
    data: { status: 'FAILED', lastError: opts.lastError, nextAttemptAt: opts.at, ...(opts.attempts === undefined ? {} : { attempts: opts.attempts }), ...released },
  });
  return count === 1;
}

export type Turn = { ok: true } | { ok: false; until: Date } | { ok: false; missing: true };

/**
 * At most one message per `intervalMs` per conversation (Teams throttles per conversation). The
 * turn is taken by one conditional UPDATE, so two workers cannot both take it.
 */
export async function takeTurn(prisma: DbClient, conversationId: string, now: Date, intervalMs: number): Promise<Turn> {
  const { count } = await prisma.conversationRef.updateMany({
    where: { conversationId, OR: [{ nextSendAt: null }, { nextSendAt: { lte: now } }] },
    data: { nextSendAt: new Date(now.getTime() + intervalMs) },
  });
  if (count === 1) return { ok: true };
  const row = await prisma.conversationRef.findUnique({ where: { conversationId }, select: { nextSendAt: true } });
  if (!row) return { ok: false, missing: true };
  // Taken and released again between the two statements: try again at once.
  return { ok: false, until: row.nextSendAt && row.nextSendAt > now ? row.nextSendAt : now };
}

/** Moves a conversation's next turn to at least `until` (after a 429's Retry-After, or a first 1:1 message). */
export async function pushTurn(prisma: DbClient, conversationId: string, until: Date): Promise<void> {
  await prisma.conversationRef.updateMany({ where: { conversationId, OR: [{ nextSendAt: null }, { nextSendAt: { lt: until } }] }, data: { nextSendAt: until } });
}

/** The 1:1 conversation the bot already has with a person, if any. */
export async function personalConversation(prisma: DbClient, aadObjectId: string): Promise<string | undefined> {
  const row = await prisma.conversationRef.findFirst({ where: { kind: 'PERSONAL', aadObjectId }, orderBy: { updatedAt: 'desc' }, select: { conversationId: true } });
  return row?.conversationId;
}

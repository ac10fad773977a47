// What the outbox holds, for "status dispatch": how much is on its way, what waits, what failed.
import type { DbClient } from '../db/open.ts';
import { wakeOutboxWorkers } from './wake.ts';

export interface OutboxFailure {
  id: string;
  kind: string;
  scope: string | null;
  lastError: string | null;
  attempts: number;
  createdAt: Date;
  /** When it was given up. */
  failedAt: Date;
}

export interface OutboxStatusReport {
  /** Every PENDING entry: not yet sent, will be tried (includes `waiting`). */
  pending: number;
  /** The part of `pending` that is not simply next in line: it failed before, or waits until later (e.g. no dispatch channel yet, or a retry). */
  waiting: number;
  /** When the oldest PENDING entry was created (null when none). */
  oldestPendingAt: Date | null;
  sent: number;
  /** Given up: a permanent error, too many attempts, or an entry that cannot be read. */
  failed: number;
  /** No longer needed, said its kind (stored as FAILED with lastError "dropped: …"; not counted in `failed`). */
  dropped: number;
  /** The most recent `failed` ones, newest first. */
  latestFailures: OutboxFailure[];
  /** PENDING entries that failed before and wait for their next try, oldest first (what is stuck). */
  retrying: OutboxRetrying[];
}

export interface OutboxRetrying {
  id: string;
  kind: string;
  lastError: string | null;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
}

const DROPPED = 'dropped:';
/** outbox/worker.ts notPrepared: the database could not be read; no attempt was counted. */
const NOT_PREPARED = 'could not prepare:';

export async function outboxStatus(prisma: DbClient, opts: { scope?: string; now?: Date; limit?: number } = {}): Promise<OutboxStatusReport> {
  const now = opts.now ?? new Date();
  const scope = opts.scope === undefined ? {} : { scope: opts.scope };
  const droppedWhere = { ...scope, status: 'FAILED' as const, lastError: { startsWith: DROPPED } };
  const [byStatus, waiting, dropped, oldest, failures, retrying] = await Promise.all([
    prisma.outboxMessage.groupBy({ by: ['status'], where: scope, _count: { _all: true } }),
    prisma.outboxMessage.count({ where: { ...scope, status: 'PENDING', OR: [{ attempts: { gt: 0 } }, { nextAttemptAt: { gt: now } }] } }),
    prisma.outboxMessage.count({ where: droppedWhere }),
    prisma.outboxMessage.findFirst({ where: { ...scope, status: 'PENDING' }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
    prisma.outboxMessage.findMany({
      where: { ...scope, status: 'FAILED', NOT: { lastError: { startsWith: DROPPED } } },
      // A FAILED entry's nextAttemptAt is the moment it was given up (see outbox/store.ts).
      orderBy: [{ nextAttemptAt: 'desc' }, { createdAt: 'desc' }],
      take: opts.limit ?? 5,
      select: { id: true, kind: true, scope: true, lastError: true, attempts: true, createdAt: true, nextAttemptAt: true },
    }),
    prisma.outboxMessage.findMany({
      where: { ...scope, status: 'PENDING', OR: [{ attempts: { gt: 0 } }, { lastError: { startsWith: NOT_PREPARED } }] },
      orderBy: [{ createdAt: 'asc' }, { seq: 'asc' }],
      take: opts.limit ?? 5,
      select: { id: true, kind: true, lastError: true, attempts: true, createdAt: true, nextAttemptAt: true },
    }),
  ]);
  const count = (status: 'PENDING' | 'SENT' | 'FAILED') => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return {
    pending: count('PENDING'),
    waiting,
    oldestPendingAt: oldest?.createdAt ?? null,
    sent: count('SENT'),
    failed: count('FAILED') - dropped,
    dropped,
    latestFailures: failures.map(({ nextAttemptAt, ...f }) => ({ ...f, failedAt: nextAttemptAt })),
    retrying,
  };
}

/**
 * "Opnieuw proberen" in `status dispatch`: what failed (not what was dropped as no longer needed)
 * and what waits for a retry is due now, with a fresh retry window (OUTBOX_RETRY_HOURS counts from
 * creation, so the entry counts as new). One conditional update each; returns how many.
 */
export async function retryNow(prisma: DbClient, opts: { scope: string; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const failed = await prisma.outboxMessage.updateMany({
    where: { scope: opts.scope, status: 'FAILED', NOT: { lastError: { startsWith: DROPPED } } },
    data: { status: 'PENDING', attempts: 0, nextAttemptAt: now, createdAt: now, lockedBy: null, lockedUntil: null },
  });
  const waiting = await prisma.outboxMessage.updateMany({
    where: { scope: opts.scope, status: 'PENDING', attempts: { gt: 0 }, nextAttemptAt: { gt: now } },
    data: { nextAttemptAt: now, createdAt: now },
  });
  wakeOutboxWorkers();
  return failed.count + waiting.count;
}

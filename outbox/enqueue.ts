// Putting a message in the outbox. `enqueue` takes the transaction client of the state change
// that causes the message, so both commit together or neither does.
import type { DbClient } from '../db/open.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { wakeOutboxWorkers } from './wake.ts';

/** The Prisma client, or the transaction client inside `prisma.$transaction(async (tx) => …)`. */
export type OutboxDb = DbClient | Prisma.TransactionClient;

export interface EnqueueInput {
  /** A name registered in the worker's kinds (e.g. dispatch/kinds.ts). */
  kind: string;
  /** Only ids and choices: the message itself is made when it is sent, from the state then. */
  payload: Prisma.InputJsonValue;
  /** What it concerns, for "status dispatch" (e.g. a region code). */
  scope?: string;
  /** Not before this moment (default: the database's now, i.e. at once). */
  notBefore?: Date;
}

/**
 * Adds one PENDING entry. Inside a transaction it is invisible to the worker until the commit;
 * call `wakeOutboxWorkers()` after the commit to have it sent within milliseconds rather than at
 * the next poll (a second at most).
 */
export async function enqueue(db: OutboxDb, input: EnqueueInput): Promise<{ id: string }> {
  return db.outboxMessage.create({
    data: { kind: input.kind, payload: input.payload, scope: input.scope ?? null, ...(input.notBefore ? { nextAttemptAt: input.notBefore } : {}) },
    select: { id: true },
  });
}

/**
 * Makes PENDING entries that wait (for a resolution to change or for a retry) due now, e.g. when a
 * region's dispatch channel gets linked, and wakes the workers of this process. An entry that a
 * worker is resolving at this very moment may still be put back to wait once more (its decision
 * was taken before the nudge); it then comes back after its wait, not never.
 * Returns how many entries were made due.
 */
export async function nudge(prisma: OutboxDb, opts: { kind?: string; scope?: string; now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const { count } = await prisma.outboxMessage.updateMany({
    where: { status: 'PENDING', nextAttemptAt: { gt: now }, ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.scope ? { scope: opts.scope } : {}) },
    data: { nextAttemptAt: now },
  });
  wakeOutboxWorkers();
  return count;
}

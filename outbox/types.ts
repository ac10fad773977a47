// The contract between the outbox worker (outbox/), the kinds of message that use it (e.g.
// dispatch/), and the transport that talks to Teams (bot/outboxTransport.ts). Everything sent to
// Teams outside a turn goes through an OutboxMessage row that was committed together with the
// state change that caused it; a worker claims, resolves, sends and records it.
import type { z } from 'zod';
import type { DbClient } from '../db/open.ts';

/** An activity to send, as plain JSON (type "message", text and/or attachments). */
export type OutgoingActivity = Record<string, unknown>;

/** Where a message goes. */
export type Recipient =
  /** A conversation the bot has a ConversationRef for (a channel, a thread, a 1:1 chat). */
  | { conversationId: string }
  /**
   * A person in 1:1, when there is no chat with them yet: the transport opens one (Teams allows
   * this for members of a team the bot is in) and stores its ConversationRef.
   */
  | { person: { aadObjectId: string; teamsUserId: string; tenantId: string; serviceUrl: string } };

/** What a kind decides, at send time, from the current state. */
export type Resolution =
  | { type: 'post'; to: Recipient; activity: OutgoingActivity }
  | { type: 'update'; conversationId: string; activityId: string; activity: OutgoingActivity }
  /** Not yet possible (e.g. no dispatch channel linked): try again at `retryAt` or when nudged. */
  | { type: 'wait'; reason: string; retryAt?: Date }
  /** No longer needed (e.g. the referral was withdrawn before its card was posted). */
  | { type: 'drop'; reason: string };

export interface OutboxKind<P> {
  /** The payload's shape, checked when the entry is read back (a bad one: FAILED, never a crash). */
  payload: z.ZodType<P>;
  /**
   * Called with the parsed payload each time the entry is due; throwing puts it back without
   * counting an attempt. `attempt.interrupted`: an earlier try ended without an outcome (see
   * ClaimedEntry), so a post may become a second copy and can say so.
   */
  resolve(payload: P, prisma: DbClient, attempt?: { interrupted: boolean }): Promise<Resolution>;
  /**
   * After a post or update succeeded and the entry is recorded SENT: e.g. remember the activity id
   * of a dispatch card. Best effort: it runs once, after the SENT row is committed, and a failure
   * is logged, not retried (the id also stays in OutboxMessage.sentActivityId to fall back on).
   */
  onSent?(payload: P, result: { activityId: string; conversationId: string }, prisma: DbClient): Promise<void>;
}

/**
 * Kinds are registered by name; the payload type is erased at the registry. (`unknown`, not
 * `never`: a kind with a concrete payload type is assignable to OutboxKind<unknown> because
 * resolve and onSent are methods; the worker only passes them what the kind's own schema parsed.)
 */
export type OutboxKinds = Readonly<Record<string, OutboxKind<unknown>>>;

/** Lets a kind written inline infer its payload type from its schema: `defineOutboxKind({ payload: ZThing, resolve: async (p) => … })`. */
export function defineOutboxKind<P>(kind: OutboxKind<P>): OutboxKind<P> {
  return kind;
}

/**
 * A failed send, as the transport reports it. `status` undefined: a network error or timeout.
 * Retried: 408, 412, 429, 5xx, network; permanent: other 4xx (403 bot removed, 404 gone).
 */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface Transport {
  /** Sends a new message; resolves with the id Teams gave it and the conversation it is in. */
  post(to: Recipient, activity: OutgoingActivity): Promise<{ activityId: string; conversationId: string }>;
  update(conversationId: string, activityId: string, activity: OutgoingActivity): Promise<void>;
}

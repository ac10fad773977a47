// Pieces for the outbox tests: a clock the test moves by hand, a seeded random, a database with
// conversation references, a transport that records and fails on request, and a test kind.
import { z } from 'zod';
import type { DbClient } from '../../db/open.ts';
import type { Logger } from '../../server/log.ts';
import { defineOutboxKind } from '../../outbox/types.ts';
import type { OutgoingActivity, Recipient, Resolution, Transport, TransportError } from '../../outbox/types.ts';

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

/** Starts at the real time (entries created with the database's default are due at once) and moves only when told. */
export function testClock(start = new Date()): TestClock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** mulberry32: the same sequence for the same seed (the generator the report data uses). */
export { random as seededRandom } from '../../db/reportData.ts';

/** Collects log lines, so a test can check that failures are told (one line each). */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string, err?: unknown) => void lines.push(`${level} ${msg}${err === undefined ? '' : ` ${String(err)}`}`);
  return { lines, debug: () => {}, info: at('info'), warn: at('warn'), error: at('error') };
}

export const TENANT = 'tenant-1';

export async function addChannel(prisma: DbClient, conversationId: string, serviceUrl: string): Promise<void> {
  await prisma.conversationRef.create({
    data: {
      conversationId,
      kind: 'CHANNEL',
      reference: { serviceUrl, channelId: 'msteams', bot: { id: '28:test-bot', name: 'NAFT' }, conversation: { id: conversationId, conversationType: 'channel', tenantId: TENANT, isGroup: true } },
      teamId: 'team-1',
      channelId: conversationId,
    },
  });
}

export async function addPersonalChat(prisma: DbClient, conversationId: string, aadObjectId: string, serviceUrl: string): Promise<void> {
  await prisma.conversationRef.create({
    data: {
      conversationId,
      kind: 'PERSONAL',
      aadObjectId,
      reference: { serviceUrl, channelId: 'msteams', bot: { id: '28:test-bot', name: 'NAFT' }, user: { id: `29:${aadObjectId}`, aadObjectId }, conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT } },
    },
  });
}

export type Call = { op: 'post'; to: Recipient; activity: OutgoingActivity } | { op: 'update'; conversationId: string; activityId: string; activity: OutgoingActivity };

/** A transport that records calls and answers from a queue of outcomes (default: success). */
export function fakeTransport(): Transport & {
  calls: Call[];
  /** The calls that succeeded (what Teams shows). */
  delivered: Call[];
  fail(...errors: Array<TransportError | Error>): void;
  /** Every call fails with this until called with undefined (an outage). */
  failAll(error: TransportError | Error | undefined): void;
  hold(): () => void;
} {
  const calls: Call[] = [];
  const delivered: Call[] = [];
  const failures: Array<TransportError | Error> = [];
  let outage: TransportError | Error | undefined;
  let gate: Promise<void> | undefined;
  let n = 0;
  const step = async () => {
    if (gate) await gate;
    if (outage) throw outage;
    const failure = failures.shift();
    if (failure) throw failure;
  };
  return {
    calls,
    delivered,
    fail: (...errors) => void failures.push(...errors),
    failAll: (error) => void (outage = error),
    /** Makes the next sends wait until the returned function is called. */
    hold: () => {
      let open = () => {};
      gate = new Promise<void>((resolve) => (open = resolve));
      return () => {
        gate = undefined;
        open();
      };
    },
    async post(to, activity) {
      calls.push({ op: 'post', to, activity });
      await step();
      delivered.push({ op: 'post', to, activity });
      return { activityId: `fake-${++n}`, conversationId: 'conversationId' in to ? to.conversationId : `a:opened-for-${to.person.aadObjectId}` };
    },
    async update(conversationId, activityId, activity) {
      calls.push({ op: 'update', conversationId, activityId, activity });
      await step();
      delivered.push({ op: 'update', conversationId, activityId, activity });
    },
  };
}

export const ZTestPayload = z.object({ marker: z.string(), resolution: z.enum(['post', 'update', 'wait', 'wait-until', 'drop', 'throw', 'person']).default('post'), to: z.string().optional() });
export type TTestPayload = z.infer<typeof ZTestPayload>;

/**
 * A kind whose payload says what to resolve to, so every path of the worker is one entry away.
 * `onSent` results are collected in `sent`.
 */
export function testKind(opts: { waitUntil?: Date } = {}) {
  const sent: Array<{ marker: string; activityId: string; conversationId: string }> = [];
  const kind = defineOutboxKind({
    payload: ZTestPayload,
    async resolve(p): Promise<Resolution> {
      const activity = { type: 'message', text: `card ${p.marker}` };
      switch (p.resolution) {
        case 'post':
          return { type: 'post', to: { conversationId: p.to ?? 'channel-1' }, activity };
        case 'person':
          return { type: 'post', to: { person: { aadObjectId: p.to ?? 'aad-1', teamsUserId: `29:${p.to ?? 'aad-1'}`, tenantId: TENANT, serviceUrl: 'http://unused' } }, activity };
        case 'update':
          return { type: 'update', conversationId: p.to ?? 'channel-1', activityId: `old-${p.marker}`, activity };
        case 'wait':
          return { type: 'wait', reason: 'no dispatch channel linked' };
        case 'wait-until':
          return { type: 'wait', reason: 'later', retryAt: opts.waitUntil };
        case 'drop':
          return { type: 'drop', reason: 'referral withdrawn' };
        case 'throw':
          throw new Error('database went away');
      }
    },
    async onSent(p, result) {
      sent.push({ marker: p.marker, ...result });
    },
  });
  return { kind, sent };
}

// `npm run bench:referrals`: 200 CLB referrers at once, each taking one pupil from "nieuwe
// aanmelding" to a confirmed referral through the real HTTP endpoint of the service running as its
// own process (`server/main.ts`), on PGlite and on PostgreSQL (a throw-away database on
// BENCH_POSTGRES_URL's server). Two load shapes:
//  - "paced": each referrer thinks 3–8 s before every click (BENCH_THINK_MS="3000-8000"): still
//    far faster than a person filling in a card, and 200 of them at once is more than all CLB
//    staff of a region together. The target applies here.
//  - "flat out": no thinking at all, every referrer clicks again the moment a card arrives. This
//    shows the service's capacity (turns/s) and how latency grows when it is saturated.
// Also printed: the service's CPU time per turn (from /proc, the service process only), its idle
// memory before the load, and the effort of one referral for the person doing it (bench/effort.ts).
// Figures are printed, never asserted: targets are p99 < 250 ms per turn and zero errors, at most
// 4 ms CPU per turn, and at most 150 MB idle on PostgreSQL. BENCH_ONLY="PostgreSQL, flat out" (or any
// part of such a label) runs only the matching cases.
// Setup (PGlite init, migrations, seeding 200 people) is excluded from the figures.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/env.ts';
import { openDatabase } from '../db/open.ts';
import { seed } from '../db/seed.ts';
import { STEP_IDS } from '../referrals/steps.ts';
import { startConnectorStub } from '../test/support/connectorStub.ts';
import type { ConnectorStub, SentActivity } from '../test/support/connectorStub.ts';
import { button, cardText, Chat } from '../test/support/chat.ts';
import type { Reply } from '../test/support/chat.ts';
import { STEP_ANSWERS, whoAnswers } from '../test/support/referralAnswers.ts';
import { effortLine, measureEffort } from './effort.ts';
import { cpuMs, memoryMb, spawnService, withPostgresDatabase } from './support.ts';

const REFERRERS = 200;
const TARGET_P99_MS = 250;
const TARGET_CPU_MS_PER_TURN = 4;
const IDLE_SETTLE_MS = 5_000;
const YEAR = new Date().getFullYear();
const REFERENCE = new RegExp(`\\bGR-${YEAR}-\\d{4}\\b`);

interface RunResult {
  latencies: number[];
  errors: string[];
  wallMs: number;
  /** The service process's memory at the end, and its peak. */
  memory: { rss: number; peak: number };
  /** Resident memory of the idle service before the load. */
  idleRss: number;
  /** CPU time the service used for the whole load, in ms. */
  cpu: number;
}

interface Think {
  min: number;
  max: number;
}

const PACED: Think = (() => {
  const [min, max] = (process.env.BENCH_THINK_MS ?? '3000-8000').split('-').map(Number);
  return { min: min ?? 3000, max: max ?? min ?? 8000 };
})();
const FLAT_OUT: Think = { min: 0, max: 0 };

const pause = (think: Think) => (think.max <= 0 ? Promise.resolve() : new Promise((r) => setTimeout(r, think.min + Math.random() * (think.max - think.min))));

/** A turn that did not do what the happy path expects; the referrer stops there. */
class Unexpected extends Error {}

function expectCard(replies: Reply[], mustContain: string | RegExp, mustNotContain?: string): Reply {
  const reply = replies.at(-1);
  const text = cardText(reply?.card);
  const ok = typeof mustContain === 'string' ? text.includes(mustContain) : mustContain.test(text);
  if (!reply?.card || !ok || (mustNotContain !== undefined && text.includes(mustNotContain))) {
    throw new Unexpected(`expected a card with ${String(mustContain)}, got: ${(text || reply?.text || '(no reply)').slice(0, 160).replace(/\n/g, ' | ')}`);
  }
  return reply;
}

/**
 * Chat reads its replies by filtering stub.sent on every turn: with one list shared by 200 chats
 * that is O(turns²) work on the event loop the service shares. Route each recorded activity to its
 * own conversation's short list instead, and give every Chat a view of just that list.
 */
function perConversation(stub: ConnectorStub): (conversationId: string) => ConnectorStub {
  const lists = new Map<string, SentActivity[]>();
  stub.sent.push = (...items: SentActivity[]): number => {
    for (const a of items) lists.get(a.body.conversation?.id ?? '')?.push(a);
    return 0;
  };
  return (conversationId) => {
    const sent: SentActivity[] = [];
    lists.set(conversationId, sent);
    return { ...stub, sent };
  };
}

/** Reference data and 200 CLB staff, written before the service starts (PGlite allows one process). */
async function seedReferrers(database: Config['database']): Promise<string[]> {
  const db = await openDatabase(database);
  const prisma = db.prisma;
  await seed(prisma, { demo: false });
  const clb = await prisma.clb.upsert({ where: { name: 'CLB Bench' }, create: { name: 'CLB Bench' }, update: {} });
  const ids = Array.from({ length: REFERRERS }, () => randomUUID());
  await prisma.person.createMany({ data: ids.map((aadObjectId, i) => ({ aadObjectId, name: `Bench Referrer ${i}`, role: 'CLB_STAFF' as const, clbId: clb.id })) });
  await db.close();
  return ids;
}

/** One referrer's whole referral; every POST /api/messages is timed on its own. */
async function refer(chat: Chat, pupil: number, latencies: number[], think: Think): Promise<string> {
  const timed = async (turn: () => Promise<Reply[]>): Promise<Reply[]> => {
    await pause(think);
    const started = performance.now();
    try {
      return await turn();
    } finally {
      // A failed turn still cost the user this long; keep it in the distribution.
      latencies.push(performance.now() - started);
    }
  };
  // Distinct pupils, so the re-referral lookup at the summary searches and must find nothing.
  const who = whoAnswers('PUPIL', { firstName: `Bench${pupil}`, schoolName: `School ${pupil % 20} Gent` });
  let reply = expectCard(await timed(() => chat.say('nieuwe aanmelding')), 'Eén leerling');
  reply = expectCard(await timed(() => chat.submit(button(reply.card, 'Eén leerling'))), 'Stap 1 van 7');
  for (const [i, step] of STEP_IDS.entries()) {
    const answers = step === 'who' ? who : STEP_ANSWERS[step];
    const expected = i + 1 < STEP_IDS.length ? `Stap ${i + 2} van 7` : 'Overzicht van je aanmelding';
    const current = reply;
    reply = expectCard(await timed(() => chat.submit(button(current.card, /^(Volgende|Naar het overzicht)$/), answers)), expected, 'Mogelijk al eerder aangemeld');
  }
  const summary = reply;
  const done = expectCard(await timed(() => chat.submit(button(summary.card, 'Bevestigen en versturen'))), REFERENCE);
  return REFERENCE.exec(cardText(done.card))?.[0] ?? '';
}

async function run(database: Config['database'], env: Record<string, string>, think: Think): Promise<RunResult> {
  const people = await seedReferrers(database);
  const stub = await startConnectorStub();
  const service = await spawnService(env);
  try {
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    const idleRss = (await memoryMb(service.pid)).rss;
    const cpuBefore = await cpuMs(service.pid);
    const viewOf = perConversation(stub);
    const latencies: number[] = [];
    const errors: string[] = [];
    const references: string[] = [];
    const started = performance.now();
    await Promise.all(
      people.map(async (aadObjectId, i) => {
        const conversationId = `a:bench-${randomUUID()}`;
        const chat = new Chat(service.url, viewOf(conversationId), { id: aadObjectId, name: `Bench Referrer ${i}`, aadObjectId }, { conversationId });
        try {
          references.push(await refer(chat, i, latencies, think));
        } catch (error) {
          errors.push(`referrer ${i}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
    const wallMs = performance.now() - started;
    const memory = await memoryMb(service.pid);
    const cpu = (await cpuMs(service.pid)) - cpuBefore;
    await service.stop();

    // What the users were told must also be what the database holds.
    const db = await openDatabase(database);
    try {
      const submitted = await db.prisma.referral.findMany({ where: { status: 'SUBMITTED' }, select: { reference: true } });
      const distinct = new Set(submitted.map((r) => r.reference).filter((r) => r !== null));
      const outbox = await db.prisma.outboxMessage.count({ where: { kind: 'dispatch.post' } });
      if (submitted.length !== REFERRERS) errors.push(`database: ${submitted.length} SUBMITTED referrals, expected ${REFERRERS}`);
      if (distinct.size !== REFERRERS) errors.push(`database: ${distinct.size} distinct references, expected ${REFERRERS}`);
      if (outbox !== REFERRERS) errors.push(`database: ${outbox} outbox rows, expected ${REFERRERS}`);
    } finally {
      await db.close();
    }
    if (new Set(references).size !== references.length) errors.push('cards: the same reference was shown to two referrers');
    return { latencies, errors, wallMs, memory, idleRss, cpu };
  } finally {
    await service.stop();
    await stub.close();
  }
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

function report(label: string, r: RunResult): void {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1));
  const max = (sorted.at(-1) ?? NaN).toFixed(1);
  const met = percentile(sorted, 99) < TARGET_P99_MS && r.errors.length === 0;
  console.log(
    `${label.padEnd(22)} turns ${sorted.length}  errors ${r.errors.length}  p50 ${p50}  p95 ${p95}  p99 ${p99}  max ${max} ms  ` +
      `wall ${(r.wallMs / 1000).toFixed(1)} s  ${Math.round(sorted.length / (r.wallMs / 1000))} turns/s  ` +
      `CPU ${(r.cpu / sorted.length).toFixed(2)} ms/turn  idle RSS ${r.idleRss} MB, after load ${r.memory.rss} MB (peak ${r.memory.peak})  ` +
      `target p99<${TARGET_P99_MS}ms, 0 errors: ${met ? 'met' : 'MISSED'}; CPU ≤${TARGET_CPU_MS_PER_TURN} ms/turn: ${r.cpu / sorted.length <= TARGET_CPU_MS_PER_TURN ? 'met' : 'MISSED'}` +
      (label.startsWith('PostgreSQL') ? `; idle ≤150 MB: ${r.idleRss <= 150 ? 'met' : 'MISSED'}` : ''),
  );
  // The first few are enough to see what went wrong; 200 identical lines are not.
  for (const e of r.errors.slice(0, 5)) console.log(`  error: ${e}`);
  if (r.errors.length > 5) console.log(`  … and ${r.errors.length - 5} more`);
}

async function main(): Promise<void> {
  console.log(effortLine(await measureEffort()));
  console.log(`${REFERRERS} concurrent referrers, ${STEP_IDS.length + 3} turns each (one turn = one POST /api/messages)`);
  console.log(`paced: ${PACED.min}–${PACED.max} ms thinking before each click; flat out: none`);
  // BENCH_ONLY narrows a run while working on one case, e.g. "flat out" or "PostgreSQL".
  const only = process.env.BENCH_ONLY ?? '';
  for (const [shape, think] of [['paced', PACED], ['flat out', FLAT_OUT]] as const) {
    if (!`PGlite, ${shape}`.includes(only) && !`PostgreSQL, ${shape}`.includes(only)) continue;
    if (`PGlite, ${shape}`.includes(only)) {
      const dataDir = await mkdtemp(join(tmpdir(), 'naft-bench-referrals-'));
      try {
        report(`PGlite, ${shape}`, await run({ kind: 'pglite', dataDir }, { DATA_DIR: dataDir }, think));
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
    if (`PostgreSQL, ${shape}`.includes(only)) await withPostgresDatabase(async (url) => report(`PostgreSQL, ${shape}`, await run({ kind: 'postgres', url }, { DATABASE_URL: url }, think)));
  }
}

// Exit explicitly: a missed target is a result (0), a crash is not (1); lingering handles must not hang it.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

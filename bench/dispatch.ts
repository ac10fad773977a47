// `npm run bench:dispatch` (issue #8): the dispatch under load, through the real endpoint of the
// service running as its own process (`npm start`'s entry point), on PGlite and on PostgreSQL.
//
//  1. Setup, not timed: a fresh database, seeded, BENCH_COORDINATORS coordinators of NAFT Gent en
//     Rand (the four demo ones and more), ten CLB referrers, everyone with a 1:1 chat with the bot,
//     and BENCH_REFERRALS referrals already sent (through the domain functions, as in
//     test/dispatchSchedule.test.ts) while the region has no dispatch channel yet.
//  2. The service starts; a coordinator links the channel ("koppel dispatch Gent en Rand"), and the
//     outbox posts every waiting referral there. Timed at the connector stub: cards per second.
//  3. BENCH_INVOKES card actions (Action.Execute invokes), BENCH_CONCURRENCY coordinators at once,
//     each clicking again the moment an answer arrives. A realistic mix: the card refreshing itself
//     when someone looks at it ('view'), opening a form (takeUp/decline/ask/waitlist), confirming
//     it (with a reason, a question, a date) or cancelling it, and clicks on a card that is out of
//     date (the channel's copy lags behind, or an old copy higher up): those, and confirmations a
//     moment too late, are answered with the current state (a lost race). Every answer must be a
//     card (HTTP 200, statusCode 200); anything else is an error. Timed per invoke.
//     The service's CPU per invoke includes its outbox worker, which sends meanwhile. The
//     coordinators' connections are opened before (Teams keeps its connections to a bot open).
//  4. The outbox sends the channel updates and 1:1 notices those decisions caused; timed at the
//     stub until everything the decisions imply has arrived (or nothing arrives for a while).
//  5. The service stops; the database is read back: every decided referral's channel card must
//     show its last version, no outbox entry may be left PENDING or FAILED, no card posted twice.
//
// Figures are printed, never asserted. Target: invoke p99 < 500 ms (Teams waits 5 s for the answer).
// BENCH_ONLY=PGlite or BENCH_ONLY=PostgreSQL runs one database.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Config } from '../config/env.ts';
import { demoPeople } from '../db/demo.ts';
import { openDatabase } from '../db/open.ts';
import { seed } from '../db/seed.ts';
import { DECLINE_REASONS } from '../dispatch/reasons.ts';
import { saveStep, startDraft } from '../referrals/drafts.ts';
import { STEP_IDS } from '../referrals/steps.ts';
import { submitReferral } from '../referrals/submit.ts';
import { checkStep } from '../referrals/validate.ts';
import { BOT } from '../test/support/activities.ts';
import { cardText } from '../test/support/chat.ts';
import type { CardJson, ChatUser } from '../test/support/chat.ts';
import { startConnectorStub } from '../test/support/connectorStub.ts';
import type { SentActivity } from '../test/support/connectorStub.ts';
import { STEP_ANSWERS, whoAnswers } from '../test/support/referralAnswers.ts';
import { CHANNEL_ID, channelMessage, invoke, TENANT_ID } from '../test/support/teams.ts';
import type { InvokeAnswer } from '../test/support/teams.ts';
import { cpuMs, machineCpuMs, memoryMb, percentile, postgresCpuMs, spawnService, timeTraffic, withPostgresDatabase } from './support.ts';
import type { TimedActivity } from './support.ts';

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const REFERRALS = envInt('BENCH_REFERRALS', 30);
const INVOKES = envInt('BENCH_INVOKES', 1000);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 50);
const COORDINATORS = Math.max(envInt('BENCH_COORDINATORS', CONCURRENCY), 4);
const REFERRERS = 10;
const TARGET_P99_MS = 500;
const IDLE_SETTLE_MS = 2_000;
/** The drain is over when nothing reaches the stub for this long (also when something is missing). */
const QUIET_MS = 15_000;

// How coordinators act on a card (each a share of the sessions).
const JUST_LOOK = 0.3; // the card refreshes itself ('view') and that is all
const LOOK_THEN_DECIDE = 0.4; // refresh, then a button on the fresh card
const CLICK_CHANNEL_COPY = 0.2; // a button on the card as the channel shows it (may lag behind)
// The rest: a button on the copy first posted, scrolled back to (outdated once anything happened).
const CANCEL = 0.15; // a form closed with "Annuleren" instead of confirmed
const FORM_WEIGHT: Readonly<Record<string, number>> = { takeUp: 0.35, decline: 0.2, ask: 0.25, waitlist: 0.2 };

const LOTTE = demoPeople.find((p) => p.name === 'Lotte Vermeulen');

type Category = 'refresh' | 'form' | 'confirm' | 'cancel';
type Outcome = 'form' | 'decided' | 'lost' | 'card' | 'unexpected';

interface ChannelCard {
  thread: string;
  card: CardJson;
  rev: number;
}

/** CPU time used during one phase, in ms. */
interface PhaseCpu {
  service: number;
  /** The PostgreSQL backends of the bench database (0 on PGlite, which runs inside the service). */
  postgres: number;
  /** This bench process: the load generator and the connector stub. */
  bench: number;
  /** Everything else on the machine (other work on a shared box). */
  others: number;
  /** All cores together, busy or not, for the share. */
  capacity: number;
}

interface RunResult {
  setupMs: number;
  post: { cards: number; ms: number; cpu: PhaseCpu; duplicates: number };
  invokes: { latencies: number[]; byCategory: Map<Category, number[]>; errors: string[]; wallMs: number; cpu: PhaseCpu; memory: { rss: number; peak: number }; tally: Map<string, number>; wins: Map<string, number> };
  drain: { messages: number; puts: number; personal: number; ms: number; tailMs: number; tailMessages: number; cpu: PhaseCpu; complete: boolean };
  check: { decided: number; current: number; stale: string[]; redundantPuts: number; problems: string[]; outbox: string };
}

// ——— Cards as the stub and the invokes see them ———

const ZRefresh = z.object({ refresh: z.object({ action: z.object({ verb: z.string(), data: z.looseObject({ referralId: z.string(), rev: z.number() }) }) }) });

/** The referral and version a dispatch card shows (its refresh action says so), or undefined. */
function dispatchRefOf(card: unknown): { referralId: string; rev: number; refresh: { verb: string; data: Record<string, unknown> } } | undefined {
  const parsed = ZRefresh.safeParse(card);
  if (!parsed.success) return undefined;
  const { verb, data } = parsed.data.refresh.action;
  return { referralId: data.referralId, rev: data.rev, refresh: { verb, data } };
}

interface Button {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** Every Action.Execute button of a card (not its refresh). */
function buttonsOf(card: CardJson | undefined): Button[] {
  const found: Button[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (typeof node !== 'object' || node === null || key === 'refresh') return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n));
    const n = node as { type?: unknown; title?: unknown; verb?: unknown; data?: unknown };
    if (n.type === 'Action.Execute' && typeof n.title === 'string' && typeof n.verb === 'string') found.push({ title: n.title, verb: n.verb, data: (n.data ?? {}) as Record<string, unknown> });
    for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(card);
  return found;
}

interface Input {
  type: string;
  id: string;
  value?: string;
  choices?: Array<{ value: string }>;
}

function inputsOf(card: CardJson | undefined): Input[] {
  const found: Input[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as Partial<Input>;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') found.push(n as Input);
    else Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}

const pickOne = <T>(items: readonly T[]): T | undefined => items[Math.floor(Math.random() * items.length)];

/** What a coordinator fills in on a form: the preselected choices, a reason, a question, sometimes a date. */
function fillIn(form: CardJson | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of inputsOf(form)) {
    if (input.id === 'reason') values.reason = pickOne(DECLINE_REASONS.filter((r) => r !== 'OTHER')) ?? 'NO_PLACE';
    else if (input.type === 'Input.ChoiceSet') values[input.id] = input.value ?? input.choices?.[0]?.value ?? '';
    else if (input.id === 'question') values.question = 'Is er al contact geweest met de ouders, en hoe staan zij tegenover een traject?';
    else if (input.id === 'instead') values.instead = Math.random() < 0.5 ? 'Doorverwezen naar het CAW.' : '';
    else if (input.id === 'note') values.note = Math.random() < 0.3 ? 'Deze periode volzet; binnen zes weken kan het wel.' : '';
    else if (input.id === 'expectedStart') values.expectedStart = Math.random() < 0.5 ? `month:${new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 7)}` : '';
  }
  return values;
}

function outcomeOf(card: CardJson): Outcome {
  const text = cardText(card);
  if (/ was je voor\. |De aanmelding veranderde intussen\./.test(text)) return 'lost';
  if (/Genoteerd: |Je vraag is naar de aanmelder gestuurd/.test(text)) return 'decided';
  if (/Alleen de partners|Pas nog (één|\d+) antwoord/.test(text)) return 'unexpected';
  if (buttonsOf(card).some((b) => b.verb.endsWith('Confirm'))) return 'form';
  return 'card';
}

const conversationOf = (a: SentActivity): string => {
  const match = /^\/v3\/conversations\/([^/]+)/.exec(a.path);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
};
const isOutboxMessage = (a: SentActivity): boolean => a.body.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive';
const personalChatOf = (aadObjectId: string) => `a:bench-${aadObjectId}`;

// ——— Setup (excluded from the figures) ———

/** People and referrals, written before the service starts (PGlite allows one process). */
async function prepare(database: Config['database'], stubUrl: string): Promise<{ coordinators: ChatUser[]; referralIds: string[] }> {
  const db = await openDatabase(database);
  const prisma = db.prisma;
  try {
    await seed(prisma, { demo: true });
    const organisations = await prisma.organisation.findMany({ orderBy: { code: 'asc' }, select: { id: true } });
    const extraCoordinators = Array.from({ length: COORDINATORS - 4 }, (_, i) => ({ aadObjectId: randomUUID(), name: `Coördinator ${i + 1}`, role: 'COORDINATOR' as const }));
    await prisma.person.createMany({ data: extraCoordinators });
    const saved = await prisma.person.findMany({ where: { aadObjectId: { in: extraCoordinators.map((p) => p.aadObjectId) } }, select: { id: true } });
    await prisma.membership.createMany({ data: saved.map((p, i) => ({ personId: p.id, organisationId: organisations[i % organisations.length]?.id ?? '' })) });
    const clb = await prisma.clb.upsert({ where: { name: 'CLB Gent' }, create: { name: 'CLB Gent' }, update: {} });
    const extraReferrers = Array.from({ length: REFERRERS - 2 }, (_, i) => ({ aadObjectId: randomUUID(), name: `CLB-medewerker ${i + 1}`, role: 'CLB_STAFF' as const, clbId: clb.id }));
    await prisma.person.createMany({ data: extraReferrers });

    // Everyone has the bot in a 1:1 chat (the notices go there), at the stub.
    const people = await prisma.person.findMany({ select: { id: true, aadObjectId: true, name: true, role: true } });
    await prisma.conversationRef.createMany({
      data: people.map((p) => ({
        conversationId: personalChatOf(p.aadObjectId),
        kind: 'PERSONAL' as const,
        aadObjectId: p.aadObjectId,
        reference: { bot: BOT, user: { id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId }, conversation: { id: personalChatOf(p.aadObjectId), conversationType: 'personal', tenantId: TENANT_ID }, channelId: 'msteams', serviceUrl: stubUrl },
      })),
    });

    // Referrals sent before the region had a channel: they wait in the outbox for one.
    const referrers = people.filter((p) => p.role === 'CLB_STAFF');
    const referralIds: string[] = [];
    for (let i = 0; i < REFERRALS; i++) {
      const referrer = referrers[i % referrers.length];
      if (!referrer) throw new Error('no referrer');
      const started = await startDraft(prisma, referrer.id, randomUUID(), 'PUPIL');
      if (!started) throw new Error('no draft');
      let draft = started.draft;
      for (const step of STEP_IDS) {
        const answers = step === 'who' ? whoAnswers('PUPIL', { firstName: `Leerling${i}`, schoolName: `School ${i % 12} Gent`, regionCode: 'GR' }) : STEP_ANSWERS[step];
        const checked = checkStep(step, 'PUPIL', answers);
        if (!checked.ok) throw new Error(`step ${step} did not validate`);
        const next = await saveStep(prisma, draft, step, checked.answers);
        if (next === null || next === 'kind-changed') throw new Error(`step ${step} was not saved`);
        draft = next;
      }
      const sent = await submitReferral(prisma, { referrerId: referrer.id, draftId: draft.id, revision: draft.revision });
      if (!sent.ok) throw new Error(`submit: ${sent.reason}`);
      referralIds.push(sent.referralId);
    }
    const coordinators = (await prisma.person.findMany({ where: { role: 'COORDINATOR' }, orderBy: { createdAt: 'asc' }, select: { aadObjectId: true, name: true } })).map((p) => ({ id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId }));
    return { coordinators, referralIds };
  } finally {
    await db.close();
  }
}

// ——— CPU per phase ———

interface CpuSnapshot {
  service: number;
  postgres: Map<number, number>;
  bench: number;
  machine: { busy: number; total: number };
}

async function cpuNow(servicePid: number, postgresUrl: string | undefined): Promise<CpuSnapshot> {
  const usage = process.cpuUsage();
  return {
    service: await cpuMs(servicePid),
    postgres: postgresUrl ? await postgresCpuMs(postgresUrl) : new Map(),
    bench: (usage.user + usage.system) / 1000,
    machine: await machineCpuMs(),
  };
}

function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): PhaseCpu {
  const service = b.service - a.service;
  // Backends still there at the end; one opened during the phase counts from zero.
  const postgres = [...b.postgres].reduce((sum, [pid, ms]) => sum + ms - (a.postgres.get(pid) ?? 0), 0);
  const bench = b.bench - a.bench;
  const busy = b.machine.busy - a.machine.busy;
  return { service, postgres, bench, others: Math.max(0, busy - service - postgres - bench), capacity: b.machine.total - a.machine.total };
}

// ——— Waiting for the stub ———

async function until(condition: () => boolean, timeoutMs: number, quietOf?: () => number): Promise<boolean> {
  const started = performance.now();
  for (;;) {
    if (condition()) return true;
    if (performance.now() - started > timeoutMs) return false;
    if (quietOf && performance.now() - quietOf() > QUIET_MS && performance.now() - started > QUIET_MS) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ——— One run ———

async function run(database: Config['database'], env: Record<string, string>): Promise<RunResult> {
  const postgresUrl = database.kind === 'postgres' ? database.url : undefined;
  if (!LOTTE) throw new Error('no demo coordinator Lotte Vermeulen');
  const stub = await startConnectorStub();
  // The channel as everyone sees it now (latest POST or PUT per card), and as first posted.
  const channel = new Map<string, ChannelCard>();
  const posted = new Map<string, ChannelCard>();
  const postsPerReferral = new Map<string, number>();
  const putsPerReferral = new Map<string, number[]>();
  const traffic = timeTraffic(stub, ({ activity: a }) => {
    if (conversationOf(a) !== CHANNEL_ID || !isOutboxMessage(a)) return;
    const card = a.body.attachments?.[0]?.content as CardJson;
    const ref = dispatchRefOf(card);
    if (!ref) return;
    if (a.method === 'POST') {
      postsPerReferral.set(ref.referralId, (postsPerReferral.get(ref.referralId) ?? 0) + 1);
      const shown = { thread: a.id, card, rev: ref.rev };
      if (!posted.has(ref.referralId)) posted.set(ref.referralId, shown);
      channel.set(ref.referralId, shown);
    } else if (a.method === 'PUT') {
      const thread = decodeURIComponent(a.path.split('/').at(-1) ?? '');
      putsPerReferral.set(ref.referralId, [...(putsPerReferral.get(ref.referralId) ?? []), ref.rev]);
      channel.set(ref.referralId, { thread, card, rev: ref.rev });
    }
  });
  const lastTraffic = () => traffic.at(-1)?.at ?? 0;
  const outboxSince = (t: number) => traffic.filter((x: TimedActivity) => x.at >= t && isOutboxMessage(x.activity));

  const setupStarted = performance.now();
  const { coordinators, referralIds } = await prepare(database, stub.url);
  const setupMs = performance.now() - setupStarted;
  const service = await spawnService(env);
  try {
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));

    // ——— The channel is linked; the waiting referrals are posted ———
    const lotte: ChatUser = { id: `29:${LOTTE.aadObjectId}`, name: LOTTE.name, aadObjectId: LOTTE.aadObjectId };
    const cpuBeforePost = await cpuNow(service.pid, postgresUrl);
    const linkedAt = performance.now();
    await channelMessage(service.url, stub.url, lotte, 'koppel dispatch Gent en Rand');
    const reply = traffic.find((x) => conversationOf(x.activity) === CHANNEL_ID && x.activity.body.text?.includes('Gekoppeld'));
    if (!reply) throw new Error(`linking the channel failed: ${traffic.map((x) => x.activity.body.text ?? '').join(' | ') || 'no answer'}`);
    const allPosted = await until(() => posted.size >= REFERRALS, Math.max(120_000, REFERRALS * 3_000), lastTraffic);
    if (!allPosted) throw new Error(`only ${posted.size} of ${REFERRALS} cards were posted`);
    const postedAt = Math.max(...[...posted.values()].map((p) => traffic.find((x) => x.activity.id === p.thread)?.at ?? 0));
    const cpuAfterPost = await cpuNow(service.pid, postgresUrl);

    // ——— The card actions ———
    const latencies: number[] = [];
    const byCategory = new Map<Category, number[]>();
    const errors: string[] = [];
    const tally = new Map<string, number>();
    const wins = new Map<string, number>();
    const decidedReferrals: string[] = [];
    const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    let issued = 0;

    const click = async (user: ChatUser, referralId: string, button: { verb: string; data: Record<string, unknown> }, category: Category, inputs: Record<string, string> = {}): Promise<CardJson | undefined> => {
      if (issued >= INVOKES) return undefined;
      issued++;
      const thread = channel.get(referralId)?.thread;
      const started = performance.now();
      let answer: InvokeAnswer;
      try {
        answer = await invoke(service.url, stub.url, user, button, inputs, thread ? { thread } : {});
      } catch (error) {
        latencies.push(performance.now() - started);
        errors.push(`${button.verb}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      const ms = performance.now() - started;
      latencies.push(ms);
      byCategory.set(category, [...(byCategory.get(category) ?? []), ms]);
      if (answer.httpStatus !== 200 || answer.statusCode !== 200 || !answer.card) {
        errors.push(`${button.verb}: HTTP ${answer.httpStatus}, statusCode ${String(answer.statusCode)}, ${answer.type ?? 'no type'}${answer.message ? ` "${answer.message}"` : ''}`);
        return undefined;
      }
      const outcome = outcomeOf(answer.card);
      count(tally, `${category}:${outcome}`);
      if (outcome === 'unexpected') errors.push(`${button.verb}: unexpected card: ${cardText(answer.card).slice(0, 160).replace(/\n/g, ' | ')}`);
      if (outcome === 'decided') {
        count(wins, button.verb);
        decidedReferrals.push(referralId);
      }
      return answer.card;
    };

    /** Mostly a referral the channel shows as open, sometimes any. */
    const pickReferral = (): string | undefined => {
      const open = referralIds.filter((id) => buttonsOf(channel.get(id)?.card).some((b) => b.verb === 'takeUp'));
      return Math.random() < 0.8 && open.length > 0 ? pickOne(open) : pickOne(referralIds);
    };

    const session = async (user: ChatUser): Promise<void> => {
      const referralId = pickReferral();
      const shown = referralId ? channel.get(referralId) : undefined;
      const refresh = dispatchRefOf(shown?.card)?.refresh;
      if (!referralId || !shown || !refresh) return;
      const roll = Math.random();
      let card: CardJson | undefined;
      if (roll < JUST_LOOK) {
        await click(user, referralId, refresh, 'refresh');
        return;
      } else if (roll < JUST_LOOK + LOOK_THEN_DECIDE) card = await click(user, referralId, refresh, 'refresh');
      else if (roll < JUST_LOOK + LOOK_THEN_DECIDE + CLICK_CHANNEL_COPY) card = shown.card;
      else card = posted.get(referralId)?.card;
      // Nobody asks a second question while one is still unanswered on the card.
      const choices = buttonsOf(card).filter((b) => (FORM_WEIGHT[b.verb] ?? 0) > 0 && !(b.verb === 'ask' && cardText(card).includes('Nog geen antwoord van de aanmelder')));
      if (choices.length === 0) return;
      let r = Math.random() * choices.reduce((sum, b) => sum + (FORM_WEIGHT[b.verb] ?? 0), 0);
      const chosen = choices.find((b) => (r -= FORM_WEIGHT[b.verb] ?? 0) < 0) ?? choices[0];
      if (!chosen) return;
      const form = await click(user, referralId, chosen, 'form');
      if (!form || outcomeOf(form) !== 'form') return;
      if (Math.random() < CANCEL) {
        const cancel = buttonsOf(form).find((b) => b.title === 'Annuleren');
        if (cancel) await click(user, referralId, cancel, 'cancel');
        return;
      }
      const confirm = buttonsOf(form).find((b) => b.verb.endsWith('Confirm'));
      if (confirm) await click(user, referralId, confirm, 'confirm', fillIn(form));
    };

    // Teams reaches the bot over long-lived connections (through a front end); open one per
    // coordinator now, so that the figures are about the card actions and not about the service
    // accepting fifty new connections in the same instant.
    await Promise.all(Array.from({ length: CONCURRENCY }, () => fetch(`${service.url}/healthz`).then((r) => r.arrayBuffer())));
    const cpuBeforeInvokes = await cpuNow(service.pid, postgresUrl);
    const invokesStarted = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, i) => {
        const user = coordinators[i % coordinators.length];
        if (!user) return;
        while (issued < INVOKES) await session(user);
      }),
    );
    const invokesEnded = performance.now();
    const memory = await memoryMb(service.pid);
    const cpuAfterInvokes = await cpuNow(service.pid, postgresUrl);

    // ——— The outbox catches up: the notices of every decision, and the channel cards (one waiting
    // update serves every change made before it goes out, so there are fewer updates than
    // decisions; that every card ends up current is checked against the database below) ———
    const decided = [...wins.values()].reduce((a, b) => a + b, 0);
    const notices = (wins.get('takeUpConfirm') ?? 0) * 2 + (wins.get('waitlistConfirm') ?? 0) + (wins.get('declineConfirm') ?? 0) + (wins.get('askConfirm') ?? 0);
    const since = () => outboxSince(invokesStarted);
    const puts = () => since().filter((x) => x.activity.method === 'PUT').length;
    const personal = () => since().filter((x) => x.activity.method === 'POST' && conversationOf(x.activity).startsWith('a:bench-')).length;
    const changed = new Set(decidedReferrals).size;
    const complete = await until(() => puts() >= changed && personal() >= notices, 10 * 60_000, lastTraffic);
    // Until the channel is quiet for 5 s: one waiting update serves several changes, so the counts
    // above can be reached while the last updates still wait their turn (one a second per
    // conversation); anything sent twice would arrive now too.
    await until(() => performance.now() - lastTraffic() > 5_000, 120_000);
    const drained = since();
    const lastAt = drained.at(-1)?.at ?? invokesEnded;
    const cpuAfterDrain = await cpuNow(service.pid, postgresUrl);
    await service.stop();

    // ——— Read back what the database holds ———
    const problems: string[] = [];
    const db = await openDatabase(database);
    let check: RunResult['check'];
    try {
      const rows = await db.prisma.referral.findMany({ where: { id: { in: referralIds } }, select: { id: true, reference: true, revision: true, status: true } });
      const outbox = await db.prisma.outboxMessage.groupBy({ by: ['kind', 'status'], _count: { _all: true }, orderBy: [{ kind: 'asc' }, { status: 'asc' }] });
      const failures = await db.prisma.outboxMessage.findMany({ where: { status: { not: 'SENT' } }, select: { kind: true, status: true, lastError: true }, take: 5 });
      let current = 0;
      let moved = 0;
      let redundantPuts = 0;
      const stale: string[] = [];
      for (const row of rows) {
        const first = posted.get(row.id);
        const now = channel.get(row.id);
        if (!first || !now) {
          problems.push(`${row.reference ?? row.id}: never posted`);
          continue;
        }
        if (row.revision > first.rev) moved++;
        if (now.rev === row.revision) current++;
        else stale.push(`${row.reference ?? row.id} shows version ${now.rev}, is ${row.revision} (${row.status})`);
        const putRevs = putsPerReferral.get(row.id) ?? [];
        redundantPuts += putRevs.filter((rev, i) => rev === (i === 0 ? first.rev : putRevs[i - 1])).length;
      }
      const movesRecorded = rows.reduce((sum, row) => sum + row.revision - (posted.get(row.id)?.rev ?? row.revision), 0);
      if (movesRecorded !== decided) problems.push(`${decided} decisions confirmed to coordinators, ${movesRecorded} recorded in the database`);
      for (const [id, n] of postsPerReferral) if (n > 1) problems.push(`${rows.find((r) => r.id === id)?.reference ?? id}: posted ${n} times`);
      const sentOf = (kind: string) => outbox.find((g) => g.kind === kind && g.status === 'SENT')?._count._all ?? 0;
      const channelPuts = [...putsPerReferral.values()].reduce((sum, list) => sum + list.length, 0);
      if (channelPuts !== sentOf('dispatch.update')) problems.push(`${channelPuts} channel updates reached Teams, ${sentOf('dispatch.update')} recorded SENT`);
      const personalPosts = traffic.filter((x) => x.activity.method === 'POST' && isOutboxMessage(x.activity) && conversationOf(x.activity).startsWith('a:bench-')).length;
      if (personalPosts !== sentOf('notify.person')) problems.push(`${personalPosts} 1:1 notices reached Teams, ${sentOf('notify.person')} recorded SENT`);
      for (const f of failures) problems.push(`outbox ${f.kind} left ${f.status}: ${f.lastError ?? ''}`);
      check = {
        decided: moved,
        current,
        stale,
        redundantPuts,
        problems,
        outbox: outbox.map((g) => `${g.kind} ${g.status} ${g._count._all}`).join(', '),
      };
    } finally {
      await db.close();
    }

    return {
      setupMs,
      post: { cards: posted.size, ms: postedAt - linkedAt, cpu: cpuBetween(cpuBeforePost, cpuAfterPost), duplicates: [...postsPerReferral.values()].filter((n) => n > 1).length },
      invokes: { latencies, byCategory, errors, wallMs: invokesEnded - invokesStarted, cpu: cpuBetween(cpuBeforeInvokes, cpuAfterInvokes), memory, tally, wins },
      drain: {
        messages: drained.length,
        puts: drained.filter((x) => x.activity.method === 'PUT').length,
        personal: drained.filter((x) => conversationOf(x.activity).startsWith('a:bench-')).length,
        ms: lastAt - invokesStarted,
        tailMs: Math.max(0, lastAt - invokesEnded),
        tailMessages: drained.filter((x) => x.at > invokesEnded).length,
        cpu: cpuBetween(cpuAfterInvokes, cpuAfterDrain),
        complete,
      },
      check,
    };
  } finally {
    await service.stop();
    await stub.close();
  }
}

// ——— Report ———

const per = (ms: number, n: number) => (ms / Math.max(1, n)).toFixed(ms / Math.max(1, n) < 10 ? 1 : 0);
/** "12.3 (+ PostgreSQL 8.1)" ms per unit: the service, and its database when that is a server of its own. */
const cpuPer = (cpu: PhaseCpu, n: number, kind: string) => `${per(cpu.service, n)}${kind === 'PostgreSQL' ? ` + PostgreSQL ${per(cpu.postgres, n)}` : ''}`;
const rate = (n: number, ms: number) => (n / Math.max(0.001, ms / 1000)).toFixed(2);

function report(label: string, r: RunResult): void {
  const { latencies, errors, cpu } = r.invokes;
  const sorted = [...latencies].sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1));
  const max = (sorted.at(-1) ?? NaN).toFixed(1);
  const met = percentile(sorted, 99) < TARGET_P99_MS;
  const t = (key: string) => r.invokes.tally.get(key) ?? 0;
  const sum = (category: Category) => (['form', 'decided', 'lost', 'card', 'unexpected'] as const).reduce((n, o) => n + t(`${category}:${o}`), 0);
  const w = (verb: string) => r.invokes.wins.get(verb) ?? 0;
  const n = sorted.length;
  console.log(
    `${label.padEnd(10)} invokes ${n}  errors ${errors.length}  p50 ${p50}  p95 ${p95}  p99 ${p99}  max ${max} ms  ${Math.round(n / (r.invokes.wallMs / 1000))} turns/s  ` +
      `CPU ${cpuPer(cpu, n, label)} ms/invoke  RSS ${r.invokes.memory.rss} MB (peak ${r.invokes.memory.peak})  ` +
      `outbox: ${r.post.cards} cards posted at ${rate(r.post.cards, r.post.ms)}/s, ${r.drain.messages} updates and notices at ${rate(r.drain.messages, r.drain.ms)}/s${r.drain.complete ? '' : ' (INCOMPLETE)'}  ` +
      `channel cards current ${r.check.current}/${REFERRALS}, duplicate POSTs ${r.post.duplicates}  target p99<${TARGET_P99_MS}ms: ${met ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  mix: ${sum('refresh')} refresh, ${sum('form')} form buttons (${t('form:lost')} of them on an outdated card: current state shown), ${sum('confirm')} confirmations ` +
      `(${t('confirm:decided')} decided: ${w('takeUpConfirm')} taken up, ${w('declineConfirm')} declined, ${w('waitlistConfirm')} waiting list, ${w('askConfirm')} questions; ${t('confirm:lost')} lost a race), ${sum('cancel')} cancelled; ` +
      `p50/p99 ms: ${(['refresh', 'form', 'confirm', 'cancel'] as const)
        .map((c) => {
          const list = [...(r.invokes.byCategory.get(c) ?? [])].sort((a, b) => a - b);
          return `${c} ${percentile(list, 50).toFixed(0)}/${percentile(list, 99).toFixed(0)}`;
        })
        .join(', ')}; ${(r.invokes.wallMs / 1000).toFixed(1)} s, setup ${(r.setupMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `  outbox: posting took ${(r.post.ms / 1000).toFixed(1)} s from the link, CPU ${cpuPer(r.post.cpu, r.post.cards, label)} ms/card; ` +
      `after the decisions ${r.drain.puts} channel updates + ${r.drain.personal} 1:1 notices in ${(r.drain.ms / 1000).toFixed(1)} s from the first invoke, ` +
      `the last ${r.drain.tailMessages} in the ${(r.drain.tailMs / 1000).toFixed(1)} s after the last invoke at CPU ${cpuPer(r.drain.cpu, r.drain.tailMessages, label)} ms/message; ` +
      `${r.check.decided} referrals changed, ${r.check.stale.length} channel cards left behind, ${r.check.redundantPuts} updates repeated a version already shown; ${r.check.outbox}`,
  );
  const share = (ms: number) => `${Math.round((100 * ms) / Math.max(1, cpu.capacity))}%`;
  console.log(
    `  machine during the invokes: service ${share(cpu.service)}${label === 'PostgreSQL' ? `, PostgreSQL ${share(cpu.postgres)}` : ''}, this bench ${share(cpu.bench)}, other processes ${share(cpu.others)} of ${Math.round(cpu.capacity / (r.invokes.wallMs || 1))} cores`,
  );
  const problems = [...errors.map((e) => `invoke error: ${e}`), ...r.check.stale.map((s) => `channel card not current: ${s}`), ...r.check.problems];
  for (const p of problems.slice(0, 8)) console.log(`  ${p}`);
  if (problems.length > 8) console.log(`  … and ${problems.length - 8} more`);
}

async function main(): Promise<void> {
  console.log(
    `${INVOKES} card actions by ${CONCURRENCY} coordinators at once (each clicks again as soon as an answer arrives) on ${REFERRALS} referrals in one dispatch channel; ` +
      `the outbox sends at most one message a second per conversation`,
  );
  const only = process.env.BENCH_ONLY ?? '';
  if ('PGlite'.includes(only)) {
    const dataDir = await mkdtemp(join(tmpdir(), 'naft-bench-dispatch-'));
    try {
      report('PGlite', await run({ kind: 'pglite', dataDir }, { DATA_DIR: dataDir }));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  if ('PostgreSQL'.includes(only)) await withPostgresDatabase(async (url) => report('PostgreSQL', await run({ kind: 'postgres', url }, { DATABASE_URL: url })));
}

// Exit explicitly: a missed target is a result (0), a crash is not (1); lingering handles must not hang it.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

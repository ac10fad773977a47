// `npm run bench:survey` (issue #9): the survey pages as a young person's phone meets them, and a
// burst of answers, against the service running as its own process (`npm start`'s entry point).
//
//  1. Page weight (PGlite): every survey page opened in Debian's Chromium at 360×640 with the
//     browser cache off (a phone that scans the QR code has nothing cached): the start page in
//     each language, the thank-you page, a validation error, the pages for an unknown, a used and
//     an expired code, and both print pages. Per page: requests, bytes transferred (response
//     headers and bodies as they came over the wire), requests to any other origin.
//     Target: under 30 KB in total per page, no third-party request.
//  2. Submits, on PGlite and on PostgreSQL: BENCH_SUBMITS young people (default 200) send the
//     survey at the same moment, each with a valid single-use code of their own: a real HTTP POST
//     of the form as the page holds it (fetched before, untimed: the phone has the page open).
//     Timed per POST from sending until the whole answer (303 to the thank-you page) is in.
//     Before that, not counted, a warm-up of BENCH_WARMUP submits. Afterwards the database is read
//     back: exactly BENCH_SUBMITS new responses must be stored. Target: p99 < 100 ms, no errors.
//     Beside it, to explain the burst: BENCH_SOLO submits one at a time (the cost of one answer),
//     BENCH_PACED submits arriving at BENCH_PACED_PER_SECOND, and the CPU per submit (a burst
//     queues behind it: the last of 200 waits for the 199 before it).
//
// Setup is not timed: a fresh database, seeded with the demo data, and closed trajectories made
// through the domain (test/support/closedTrajectory.ts), each with fresh tokens. The rate limit
// per IP is set high (SURVEY_RATE_PER_MINUTE): every request here comes from 127.0.0.1.
// Figures are printed, never asserted. BENCH_ONLY=PGlite or BENCH_ONLY=PostgreSQL runs one database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Config } from '../config/env.ts';
import { openDatabase } from '../db/open.ts';
import { seed } from '../db/seed.ts';
import { LANGUAGE_PARAM, LANGUAGES, printPath, surveyPath, thanksPath } from '../survey/routes.ts';
import type { Language } from '../survey/routes.ts';
import { launchChromium, phoneTab } from '../test/support/browser.ts';
import type { PhoneTab } from '../test/support/browser.ts';
import { closedTrajectory } from '../test/support/closedTrajectory.ts';
import { cpuMs, machineCpuMs, percentile, postgresCpuMs, spawnService, withPostgresDatabase } from './support.ts';

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const SUBMITS = envInt('BENCH_SUBMITS', 200);
const WARMUP = envInt('BENCH_WARMUP', 20);
/** Submits one at a time before the burst: what one answer costs when nothing else is going on. */
const SOLO = envInt('BENCH_SOLO', 20);
/**
 * Then, for contrast with the burst, submits arriving at a steady pace (default 100 at 10 a second,
 * like a few classes scanning the code one after another), each timed the same way.
 */
const PACED = envInt('BENCH_PACED', 100);
const PACED_PER_SECOND = envInt('BENCH_PACED_PER_SECOND', 10);
const TARGET_P99_MS = 100;
const TARGET_PAGE_BYTES = 30 * 1024;
/** High enough that the burst from one address is never throttled: the limit is not what is measured. */
const RATE_PER_MINUTE = String(100_000);

// ——— Setup (excluded from the figures) ———

interface Prepared {
  /** One single-use code per submit and per warm-up submit. */
  submitTokens: string[];
  /** For the page weights (PGlite only): a code to look at, one to answer, and one expired. */
  pages?: { open: string; toAnswer: string; expired: string };
}

/**
 * Closed pupil trajectories: each gives two single-use codes (the young person's and the school's),
 * so the burst mixes both forms as real answers would. Written before the service starts, since
 * PGlite allows one process.
 */
async function prepare(database: Config['database'], withPages: boolean): Promise<Prepared> {
  const db = await openDatabase(database);
  const prisma = db.prisma;
  try {
    await seed(prisma, { demo: true });
    const submitTokens: string[] = [];
    while (submitTokens.length < SUBMITS + WARMUP + SOLO + PACED) {
      const { tokens } = await closedTrajectory(prisma, { kind: 'PUPIL' });
      for (const token of [tokens.YOUNG_PERSON, tokens.SCHOOL]) if (token && submitTokens.length < SUBMITS + WARMUP + SOLO + PACED) submitTokens.push(token);
    }
    // These trajectories closed over past weeks: their messages (the codes to the begeleider, the
    // referrer's notice, the channel card) went out back then. Left pending, the outbox worker
    // would spend the burst trying to deliver a hundred of them to a Teams that is not there.
    await prisma.outboxMessage.updateMany({ where: { status: 'PENDING' }, data: { status: 'SENT', sentAt: new Date() } });
    if (!withPages) return { submitTokens };
    const open = (await closedTrajectory(prisma, { kind: 'PUPIL' })).tokens.YOUNG_PERSON;
    const toAnswer = (await closedTrajectory(prisma, { kind: 'PUPIL' })).tokens.YOUNG_PERSON;
    // Closed 31 days ago with the usual 30 days to answer.
    const expired = (await closedTrajectory(prisma, { kind: 'PUPIL', now: new Date(Date.now() - 31 * 86_400_000), surveyDays: 30 })).tokens.YOUNG_PERSON;
    if (!open || !toAnswer || !expired) throw new Error('a pupil trajectory without a young person\'s code');
    return { submitTokens, pages: { open, toAnswer, expired } };
  } finally {
    await db.close();
  }
}

/** Every stored answer: moved to SurveyResponse, or still waiting in the hold for k of its kind. */
async function countResponses(database: Config['database']): Promise<number> {
  const db = await openDatabase(database);
  try {
    return (await db.prisma.surveyResponse.count()) + (await db.prisma.surveyHeldAnswer.count());
  } finally {
    await db.close();
  }
}

// ——— The form as the page holds it ———

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_, name: string) => ENTITIES[name] ?? '');

/** The attributes of one tag, e.g. `<input type="radio" name="x" value="1" checked>`. */
function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of tag.matchAll(/([a-zA-Z_:][\w:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = m[1];
    if (name) attributes.set(name.toLowerCase(), decode(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attributes;
}

/**
 * What a young person sends with this form: every hidden field as it is, one choice in every
 * group of radio buttons (the last but one: a positive answer, not the default of doing nothing),
 * the first option of a select, and a short sentence in every text area.
 */
export function fillIn(html: string): URLSearchParams {
  const form = /<form\b[^>]*method\s*=\s*["']?post[\s\S]*?<\/form>/i.exec(html)?.[0];
  if (!form) throw new Error('the page has no form that posts');
  const body = new URLSearchParams();
  const radios = new Map<string, string[]>();
  for (const [tag] of form.matchAll(/<input\b[^>]*>/gi)) {
    const a = attributesOf(tag.slice(6, -1));
    const name = a.get('name');
    if (!name || a.has('disabled')) continue;
    const type = (a.get('type') ?? 'text').toLowerCase();
    if (type === 'radio') radios.set(name, [...(radios.get(name) ?? []), a.get('value') ?? 'on']);
    else if (type === 'checkbox') continue;
    else if (type === 'hidden') body.append(name, a.get('value') ?? '');
    else if (type !== 'submit' && type !== 'button') body.append(name, 'Goed');
  }
  for (const [name, values] of radios) body.append(name, values[Math.max(0, values.length - 2)] ?? '');
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const name = attributesOf(m[1] ?? '').get('name');
    const first = /<option\b([^>]*)>/i.exec(m[2] ?? '');
    if (name && first) body.append(name, attributesOf(first[1] ?? '').get('value') ?? '');
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>/gi)) {
    const name = attributesOf(m[1] ?? '').get('name');
    if (name) body.append(name, 'Mijn begeleider luisterde echt naar mij.');
  }
  return body;
}

// ——— 1. Page weight ———

interface PageWeight {
  page: string;
  status: number;
  requests: number;
  thirdParty: number;
  bytes: number;
  /** Bytes of the HTML documents alone (bodies). */
  htmlBytes: number;
}

/**
 * Runs `steps` in a fresh phone tab with the cache off and sums what was transferred from the
 * moment `steps` calls `count()` (so opening the form before sending it is not counted) until
 * the network is idle.
 */
async function weigh(browser: Browser, serviceUrl: string, name: string, steps: (tab: PhoneTab, go: (path: string) => Promise<number>, count: () => void) => Promise<number>): Promise<PageWeight> {
  const tab = await phoneTab(browser);
  try {
    const cdp = await tab.context.newCDPSession(tab.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let counting = false;
    const sizes: Array<Promise<{ url: string; bytes: number; html: number }>> = [];
    tab.page.on('requestfinished', (request) => {
      if (!counting) return;
      sizes.push(request.sizes().then((s) => ({ url: request.url(), bytes: s.responseHeadersSize + s.responseBodySize, html: request.resourceType() === 'document' ? s.responseBodySize : 0 })));
    });
    // A request that fails (blocked, refused) is still a request the page made.
    const failed: string[] = [];
    tab.page.on('requestfailed', (request) => {
      if (counting) failed.push(request.url());
    });
    const go = async (path: string) => (await tab.page.goto(`${serviceUrl}${path}`))?.status() ?? 0;
    const status = await steps(tab, go, () => {
      counting = true;
    });
    await tab.page.waitForLoadState('networkidle');
    const counted = await Promise.all(sizes);
    const origin = new URL(serviceUrl).origin;
    const urls = [...counted.map((r) => r.url), ...failed].filter((url) => !url.startsWith('data:'));
    return {
      page: name,
      status,
      requests: urls.length,
      thirdParty: urls.filter((url) => new URL(url).origin !== origin).length,
      bytes: counted.reduce((sum, r) => sum + r.bytes, 0),
      htmlBytes: counted.reduce((sum, r) => sum + r.html, 0),
    };
  } finally {
    await tab.close();
  }
}

async function pageWeights(serviceUrl: string, pages: NonNullable<Prepared['pages']>): Promise<PageWeight[]> {
  const browser = await launchChromium();
  try {
    const weights: PageWeight[] = [];
    const simple = (name: string, path: string) =>
      weigh(browser, serviceUrl, name, (_tab, go, count) => {
        count();
        return go(path);
      });
    for (const language of LANGUAGES) weights.push(await simple(`start (${language})`, surveyPath(pages.open, language)));
    weights.push(await simple('thank-you (nl)', thanksPath('nl')));
    weights.push(await simple('thank-you (ar)', thanksPath('ar')));
    weights.push(await simple('print A4', printPath(pages.open, 'a4')));
    weights.push(await simple('print kaart', printPath(pages.open, 'kaart')));
    weights.push(await simple('unknown code', surveyPath('AAAAAAAAAAAAAAAAAAAAAA')));
    weights.push(await simple('expired code', surveyPath(pages.expired)));
    // The form sent without the required score: the page that comes back (422), cache still off.
    weights.push(
      await weigh(browser, serviceUrl, 'validation error', async (tab, go, count) => {
        await go(surveyPath(pages.open));
        count();
        const response = await Promise.all([tab.page.waitForNavigation(), tab.page.locator('form[method="post" i] [type="submit"]').first().click()]);
        return response[0]?.status() ?? 0;
      }),
    );
    // A used code: answered first (over plain HTTP), then opened.
    const form = await fetch(`${serviceUrl}${surveyPath(pages.toAnswer)}`).then((r) => r.text());
    const sent = await fetch(`${serviceUrl}${surveyPath(pages.toAnswer)}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: serviceUrl }, body: fillIn(form) });
    if (sent.status !== 303) throw new Error(`answering the code for the used page: HTTP ${sent.status}`);
    weights.push(await simple('used code', surveyPath(pages.toAnswer)));
    return weights;
  } finally {
    await browser.close();
  }
}

// ——— 2. Concurrent submits ———

interface SubmitResult {
  /** One at a time, sorted. */
  solo: number[];
  /** Arriving at PACED_PER_SECOND, sorted. */
  paced: number[];
  /** The burst, sorted. */
  latencies: number[];
  errors: string[];
  wallMs: number;
  /** CPU time of the service process (and of the PostgreSQL backends) during the burst, in ms. */
  serviceCpuMs: number;
  postgresCpuMs: number;
  /** CPU time the rest of the machine used meanwhile (other work on a shared box), and all cores' time, in ms. */
  othersCpuMs: number;
  capacityMs: number;
  stored: number;
}

async function submitOnce(serviceUrl: string, token: string, body: URLSearchParams): Promise<{ ms: number; error?: string }> {
  const started = performance.now();
  try {
    // A browser posting the form sends its Origin; the service checks it against cross-site posts.
    const response = await fetch(`${serviceUrl}/s/${token}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: serviceUrl }, body });
    await response.arrayBuffer();
    const ms = performance.now() - started;
    const location = response.headers.get('location') ?? '';
    if (response.status !== 303 || !location.includes(`/s/bedankt?${LANGUAGE_PARAM}=`)) return { ms, error: `HTTP ${response.status} → ${location || '(no Location)'}` };
    return { ms };
  } catch (error) {
    return { ms: performance.now() - started, error: error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error) };
  }
}

async function submits(serviceUrl: string, tokens: string[], servicePid: number, postgresUrl: string | undefined): Promise<Omit<SubmitResult, 'stored'>> {
  // Every form fetched first, untimed: the young people have the page open on their phones.
  const languages: readonly Language[] = LANGUAGES;
  const bodies = new Map<string, URLSearchParams>();
  for (const [i, token] of tokens.entries()) {
    const language = languages[i % languages.length] ?? 'nl';
    const page = await fetch(`${serviceUrl}${surveyPath(token, language)}`);
    if (page.status !== 200) throw new Error(`the form of code ${i} answered HTTP ${page.status}`);
    bodies.set(token, fillIn(await page.text()));
  }
  const warmup = tokens.slice(0, WARMUP);
  const soloTokens = tokens.slice(WARMUP, WARMUP + SOLO);
  const pacedTokens = tokens.slice(WARMUP + SOLO, WARMUP + SOLO + PACED);
  const burst = tokens.slice(WARMUP + SOLO + PACED);
  // Warm-up, a few at a time: the service's code paths, its connection pool and the JIT.
  for (let i = 0; i < warmup.length; i += 5) {
    const results = await Promise.all(warmup.slice(i, i + 5).map((t) => submitOnce(serviceUrl, t, bodies.get(t) ?? new URLSearchParams())));
    const failed = results.find((r) => r.error);
    if (failed) throw new Error(`warm-up submit failed: ${failed.error}`);
  }
  const solo: number[] = [];
  for (const t of soloTokens) {
    const result = await submitOnce(serviceUrl, t, bodies.get(t) ?? new URLSearchParams());
    if (result.error) throw new Error(`solo submit failed: ${result.error}`);
    solo.push(result.ms);
  }
  const pacedResults = await Promise.all(
    pacedTokens.map(async (t, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / PACED_PER_SECOND));
      return submitOnce(serviceUrl, t, bodies.get(t) ?? new URLSearchParams());
    }),
  );
  const pacedFailed = pacedResults.find((r) => r.error);
  if (pacedFailed) throw new Error(`paced submit failed: ${pacedFailed.error}`);
  await new Promise((r) => setTimeout(r, 1_000)); // let the outbox worker the earlier submits woke settle
  const cpuBefore = { service: await cpuMs(servicePid), postgres: postgresUrl ? await postgresCpuMs(postgresUrl) : new Map<number, number>(), machine: await machineCpuMs(), bench: process.cpuUsage() };
  const started = performance.now();
  const results = await Promise.all(burst.map((t) => submitOnce(serviceUrl, t, bodies.get(t) ?? new URLSearchParams())));
  const wallMs = performance.now() - started;
  const serviceCpuMs = (await cpuMs(servicePid)) - cpuBefore.service;
  // Backends still there at the end; one opened during the burst counts from zero.
  const postgresAfter = postgresUrl ? await postgresCpuMs(postgresUrl) : new Map<number, number>();
  const postgresCpu = [...postgresAfter].reduce((sum, [pid, cpu]) => sum + cpu - (cpuBefore.postgres.get(pid) ?? 0), 0);
  const machine = await machineCpuMs();
  const bench = process.cpuUsage(cpuBefore.bench);
  const othersCpuMs = Math.max(0, machine.busy - cpuBefore.machine.busy - serviceCpuMs - postgresCpu - (bench.user + bench.system) / 1000);
  return {
    solo: solo.sort((a, b) => a - b),
    paced: pacedResults.map((r) => r.ms).sort((a, b) => a - b),
    latencies: results.map((r) => r.ms).sort((a, b) => a - b),
    errors: results.flatMap((r) => (r.error ? [r.error] : [])),
    wallMs,
    serviceCpuMs,
    postgresCpuMs: postgresCpu,
    othersCpuMs,
    capacityMs: machine.total - cpuBefore.machine.total,
  };
}

// ——— One database ———

interface RunResult {
  setupMs: number;
  pages?: PageWeight[];
  submits: SubmitResult;
}

async function run(database: Config['database'], env: Record<string, string>, withPages: boolean): Promise<RunResult> {
  const setupStarted = performance.now();
  const prepared = await prepare(database, withPages);
  const setupMs = performance.now() - setupStarted;
  const service = await spawnService({ ...env, SURVEY_RATE_PER_MINUTE: RATE_PER_MINUTE });
  let burst: Awaited<ReturnType<typeof submits>>;
  let pages: PageWeight[] | undefined;
  try {
    pages = prepared.pages ? await pageWeights(service.url, prepared.pages) : undefined;
    burst = await submits(service.url, prepared.submitTokens, service.pid, database.kind === 'postgres' ? database.url : undefined);
  } finally {
    await service.stop();
  }
  // Read back once the service has stopped: PGlite allows one process (PostgreSQL the same way, alike).
  const total = await countResponses(database);
  // Stored by the burst: everything but the warm-up, the solo and paced submits and the answer behind the "used" page.
  const stored = total - WARMUP - SOLO - PACED - (pages ? 1 : 0);
  return { setupMs, ...(pages ? { pages } : {}), submits: { ...burst, stored } };
}

// ——— Report ———

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (met: boolean) => (met ? 'MET' : 'MISSED');

function reportPages(pages: readonly PageWeight[]): void {
  console.log(`\nPage weight (Chromium 360×640, cache off; target < ${kb(TARGET_PAGE_BYTES)} in total, 0 third-party requests)`);
  const header = ['page', 'HTTP', 'requests', 'third-party', 'HTML', 'total', 'target'];
  const rows = pages.map((p) => [p.page, String(p.status), String(p.requests), String(p.thirdParty), kb(p.htmlBytes), kb(p.bytes), verdict(p.bytes < TARGET_PAGE_BYTES && p.thirdParty === 0)]);
  printTable(header, rows);
}

function reportSubmits(rows: Array<[string, RunResult]>): void {
  console.log(`\n${SUBMITS} submits at once, each with its own single-use code (after ${WARMUP} warm-up, ${SOLO} one-at-a-time and ${PACED} paced submits); target p99 < ${TARGET_P99_MS} ms, 0 errors, ${SUBMITS} stored`);
  printTable(
    ['database', 'p50', 'p95', 'p99', 'max', 'errors', 'stored', 'p99 < 100 ms', '0 errors', 'all stored'],
    rows.map(([name, r]) => {
      const l = r.submits.latencies;
      const p99 = percentile(l, 99);
      return [name, ms(percentile(l, 50)), ms(percentile(l, 95)), ms(p99), ms(l.at(-1) ?? NaN), String(r.submits.errors.length), String(r.submits.stored), verdict(p99 < TARGET_P99_MS), verdict(r.submits.errors.length === 0), verdict(r.submits.stored === SUBMITS)];
    }),
  );
  // Why the burst takes as long as it does: what one submit costs alone, how many the service
  // gets through per second, and the CPU each one takes (a burst queues behind that).
  console.log('');
  printTable(
    ['database', 'alone p50', 'alone p99', `${PACED_PER_SECOND}/s p50`, `${PACED_PER_SECOND}/s p99`, 'burst wall', 'submits/s', 'service CPU/submit', 'PostgreSQL CPU/submit', 'other work on the machine'],
    rows.map(([name, r]) => {
      const b = r.submits;
      return [name, ms(percentile(b.solo, 50)), ms(percentile(b.solo, 99)), ms(percentile(b.paced, 50)), ms(percentile(b.paced, 99)), ms(b.wallMs), ((SUBMITS * 1000) / b.wallMs).toFixed(0), ms(b.serviceCpuMs / SUBMITS), name === 'PostgreSQL' ? ms(b.postgresCpuMs / SUBMITS) : '(in service)', `${((100 * b.othersCpuMs) / b.capacityMs).toFixed(0)} % of all cores`];
    }),
  );
  for (const [name, r] of rows) {
    const distinct = new Map<string, number>();
    for (const e of r.submits.errors) distinct.set(e, (distinct.get(e) ?? 0) + 1);
    for (const [error, n] of distinct) console.log(`  ${name}: ${n}× ${error}`);
    console.log(`  ${name}: setup ${(r.setupMs / 1000).toFixed(1)} s (not timed)`);
  }
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY ?? '';
  const results: Array<[string, RunResult]> = [];
  if ('PGlite'.includes(only)) {
    const dataDir = await mkdtemp(join(tmpdir(), 'naft-bench-survey-'));
    try {
      results.push(['PGlite', await run({ kind: 'pglite', dataDir }, { DATA_DIR: dataDir }, true)]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  if ('PostgreSQL'.includes(only)) await withPostgresDatabase(async (url) => results.push(['PostgreSQL', await run({ kind: 'postgres', url }, { DATABASE_URL: url }, false)]));
  for (const [, r] of results) if (r.pages) reportPages(r.pages);
  reportSubmits(results);
}

// Exit explicitly: a missed target is a result (0), a crash is not (1); lingering handles must not hang it.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

// `npm run bench:reports`: 20 000 referrals (with their history) and 50 000 survey answers
// generated directly in the database, then every report computation timed — the full report
// (every figure) for a coordinator, for an organisation filter (free text, parent protection),
// for a type filter, for a CLB, and both exports — on PostgreSQL (target p95 ≤ 300 ms) and on
// PGlite (≤ 1 s). Prints the key figures. Timings are noisy on a shared machine: note the load.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/env.ts';
import { openDatabase } from '../db/open.ts';
import { seed } from '../db/seed.ts';
import { generateReportData } from '../db/reportData.ts';
import { buildReport } from '../reports/index.ts';
import type { ReportFilter, ReportResult } from '../reports/index.ts';
import { exportCsv, exportXlsx } from '../reports/export.ts';
import { percentile, withPostgresDatabase } from './support.ts';

const REFERRALS = 20_000;
const RESPONSES = 50_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const NOW = new Date('2026-12-07T12:00:00Z');
const PRIVACY = { minCount: 5, minN: 10 };
const YEAR: ReportFilter = { from: '2026-01-01', to: '2026-12-31' };

async function benchOn(settings: Config['database'], label: string, limitMs: number): Promise<boolean> {
  const db = await openDatabase(settings);
  try {
    await seed(db.prisma, { demo: true });
    const clb = await db.prisma.person.findMany({ where: { role: 'CLB_STAFF' } });
    const started = performance.now();
    const generated = await generateReportData(db.prisma, {
      seed: 19,
      referrals: REFERRALS,
      // Answers already made by the generated invitations count toward the 50 000.
      extraResponses: 0,
      start: new Date('2025-01-01T00:00:00Z'),
      end: new Date('2026-12-01T00:00:00Z'),
      now: NOW,
      regionCode: 'GR',
      organisations: [{ code: 'APART', weight: 4 }, { code: 'LEJO', weight: 3 }, { code: 'INTRO', weight: 3 }, { code: 'JES', weight: 1 }],
      referrerIds: clb.map((p) => p.id),
      targets: ['APART', 'LEJO', 'INTRO', 'JES'].map((code) => ({ code, year: 2026, target: 2000 })),
    });
    const missing = Math.max(0, RESPONSES - generated.responses);
    const extra = missing > 0 ? await generateReportData(db.prisma, { seed: 20, referrals: 0, extraResponses: missing, start: new Date('2025-01-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z'), now: NOW, regionCode: 'GR', organisations: [{ code: 'APART', weight: 1 }, { code: 'LEJO', weight: 1 }], referrerIds: clb.map((p) => p.id) }) : { responses: 0 };
    await db.prisma.$executeRawUnsafe('ANALYZE');
    console.log(`${label}: generated ${generated.referrals} referrals, ${generated.events} events, ${generated.invitations} invitations, ${generated.responses + extra.responses} answers in ${Math.round(performance.now() - started)} ms`);
    const person = async (name: string) => (await db.prisma.person.findFirstOrThrow({ where: { name } })).id;
    const lotte = await person('Lotte Vermeulen');
    const pieter = await person('Pieter De Smet');
    const sofie = await person('Sofie Claes');
    const build = (personId: string, filter: ReportFilter) => buildReport(db.prisma, { personId }, filter, PRIVACY, { now: NOW });
    const report = async (r: Promise<ReportResult>) => {
      const x = await r;
      if (x.refused) throw new Error(x.message);
      return x.report;
    };
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['report, coordinator, year', () => report(build(lotte, YEAR))],
      ['report, two organisations, year', () => report(build(pieter, YEAR))],
      ['report, organisation filter (free text)', () => report(build(lotte, { ...YEAR, organisation: 'APART' }))],
      ['report, organisation + type filter', () => report(build(lotte, { ...YEAR, organisation: 'APART', type: 'CLASS' }))],
      ['report, CLB staff', () => report(build(sofie, YEAR))],
      ['report, one month', () => report(build(lotte, { from: '2026-03-01', to: '2026-03-31' }))],
      ['export CSV', async () => exportCsv(await report(build(lotte, YEAR)))],
      ['export XLSX', async () => exportXlsx(await report(build(lotte, YEAR)))],
    ];
    let ok = true;
    for (const [name, run] of cases) {
      await run(); // warm-up: query plans, JIT
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await run();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      ok &&= p95 <= limitMs;
      console.log(`  ${name.padEnd(42)} p50 ${percentile(times, 50).toFixed(0).padStart(5)} ms  p95 ${p95.toFixed(0).padStart(5)} ms  ${p95 <= limitMs ? 'ok' : `OVER ${limitMs} ms`}`);
    }
    const r = await report(build(lotte, YEAR));
    console.log(`  figures (${r.meta.description}, peildatum ${r.meta.snapshotAt.slice(0, 10)}):`);
    for (const [key, cell] of Object.entries(r.key)) console.log(`    ${key.padEnd(24)} ${cell.shown}`);
    console.log(`    trajectories ran (region) ${r.figures.targets.tables[0]?.rows.at(-1)?.cells[0]?.shown}; survey answers ${r.figures.survey.answers.shown}`);
    return ok;
  } finally {
    await db.close();
  }
}

console.log(`bench:reports — load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared: timings are noisy)`);
const pgOk = await withPostgresDatabase((url) => benchOn({ kind: 'postgres', url }, 'PostgreSQL', 300));
const dir = await mkdtemp(join(tmpdir(), 'naft-bench-reports-'));
let pgliteOk = false;
try {
  pgliteOk = await benchOn({ kind: 'pglite', dataDir: dir }, 'PGlite', 1000);
} finally {
  await rm(dir, { recursive: true, force: true });
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (!pgOk || !pgliteOk) process.exitCode = 1;

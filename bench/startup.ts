// `npm run bench:startup`: how fast `npm start` becomes healthy and how much memory the idle
// service holds, on the embedded database (cold: empty data folder; warm: second start) and on
// PostgreSQL (BENCH_DATABASE_URL, default the local server's `test` database's sibling).
// Figures are printed, never asserted: targets are under 5 s to ready and under 150 MB RSS idle.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '..');
const IDLE_SETTLE_MS = 5_000;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

async function measure(label: string, env: Record<string, string>): Promise<void> {
  const port = String(41000 + Math.floor(Math.random() * 1000));
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PLAYGROUND: 'off', LOG_LEVEL: 'warn', PORT: port, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let readyMs = NaN;
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://localhost:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) {
      readyMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
  const rss = child.pid ? await rssMb(child.pid) : NaN;
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  console.log(`${label.padEnd(28)} ready ${(readyMs / 1000).toFixed(2).padStart(6)} s   idle RSS ${String(rss).padStart(4)} MB`);
}

const dataDir = await mkdtemp(join(tmpdir(), 'naft-bench-'));
try {
  await measure('PGlite, empty data folder', { DATA_DIR: dataDir });
  await measure('PGlite, existing data', { DATA_DIR: dataDir });
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const dbName = `naft_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
try {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  await measure('PostgreSQL, empty database', { DATABASE_URL: url.toString() });
  await measure('PostgreSQL, existing data', { DATABASE_URL: url.toString() });
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}

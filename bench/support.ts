// Shared by the benchmarks: the service as its own process (as deployed, so the load generator
// does not compete with it on the same event loop), its memory, and a throw-away PostgreSQL database.
import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import type { ConnectorStub, SentActivity } from '../test/support/connectorStub.ts';
import { startCommand } from '../test/support/startCommand.ts';

const root = resolve(import.meta.dirname, '..');

export interface ServiceProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn until /healthz answered 200. */
  readyMs: number;
  stop(): Promise<void>;
}

/** `npm start`'s entry point with the given environment (PLAYGROUND off), once it is healthy. */
export async function spawnService(env: Record<string, string>): Promise<ServiceProcess> {
  const port = String(41000 + Math.floor(Math.random() * 2000));
  const { build, run } = startCommand();
  const started = performance.now();
  execFileSync(process.execPath, build, { cwd: root, stdio: 'inherit' });
  const child = spawn(process.execPath, run, {
    cwd: root,
    env: { ...process.env, PLAYGROUND: 'off', LOG_LEVEL: 'error', PORT: port, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The service exited with code ${child.exitCode} before it was healthy`);
    if (performance.now() - started > 60_000) throw new Error('The service was not healthy within 60 s');
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    pid: child.pid ?? NaN,
    readyMs,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CPU time the process has used so far (user + system), in ms, from /proc. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces, so split after its ")").
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Resident memory now and at its peak, in MB, from /proc. */
export async function memoryMb(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** Runs `use` with the URL of a fresh database on the local server, dropped afterwards. */
export async function withPostgresDatabase<T>(use: (url: string) => Promise<T>): Promise<T> {
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const name = `naft_bench_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await use(url.toString());
  } finally {
    // FORCE: a crashed run may leave connections open, which would block a plain DROP.
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** Nearest-rank percentile of values sorted ascending (NaN for none). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** One request a connector stub recorded, and when (performance.now() in this process). */
export interface TimedActivity {
  at: number;
  activity: SentActivity;
}

/**
 * Timestamps what a connector stub records from now on (its own records carry no time), calling
 * `onEach` as each request arrives. The stub's `sent` list is kept as it was.
 */
export function timeTraffic(stub: ConnectorStub, onEach?: (timed: TimedActivity) => void): TimedActivity[] {
  const log: TimedActivity[] = [];
  const push = stub.sent.push.bind(stub.sent);
  stub.sent.push = (...items: SentActivity[]): number => {
    const at = performance.now();
    for (const activity of items) {
      const timed = { at, activity };
      log.push(timed);
      onEach?.(timed);
    }
    return push(...items);
  };
  return log;
}

/**
 * CPU time the whole machine has spent busy so far (all cores: everything but idle and iowait),
 * in ms, from /proc/stat; with `total`, the time of all cores together. Read before and after a
 * phase, it shows how much of the machine other processes took (on a shared box).
 */
export async function machineCpuMs(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: ((total - idle) * 1000) / 100, total: (total * 1000) / 100 };
}

/** CPU time so far of each PostgreSQL backend serving the database at `url` (this query's own excepted), in ms by pid. */
export async function postgresCpuMs(url: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      // A backend may end between the query and the read.
      const ms = await cpuMs(pid).catch(() => undefined);
      if (ms !== undefined) out.set(pid, ms);
    }
    return out;
  } finally {
    await client.end();
  }
}

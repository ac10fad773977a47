// `npm run bench:startup`: how fast `npm start` becomes healthy and how much memory the idle
// service holds, on the embedded database (cold: empty data folder; warm: second start) and on
// PostgreSQL (a throw-away database on BENCH_POSTGRES_URL's server).
// Figures are printed, never asserted: targets are under 5 s to ready and under 150 MB RSS idle.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryMb, spawnService, withPostgresDatabase } from './support.ts';

const IDLE_SETTLE_MS = 5_000;

async function measure(label: string, env: Record<string, string>): Promise<void> {
  const service = await spawnService(env);
  await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
  const { rss } = await memoryMb(service.pid);
  await service.stop();
  console.log(`${label.padEnd(28)} ready ${(service.readyMs / 1000).toFixed(2).padStart(6)} s   idle RSS ${String(rss).padStart(4)} MB`);
}

const dataDir = await mkdtemp(join(tmpdir(), 'naft-bench-'));
try {
  await measure('PGlite, empty data folder', { DATA_DIR: dataDir });
  await measure('PGlite, existing data', { DATA_DIR: dataDir });
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
await withPostgresDatabase(async (url) => {
  await measure('PostgreSQL, empty database', { DATABASE_URL: url });
  await measure('PostgreSQL, existing data', { DATABASE_URL: url });
});

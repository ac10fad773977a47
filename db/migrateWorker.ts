// Applies pending migrations to PostgreSQL in a worker thread (see openDatabase): the schema
// engine is WebAssembly of some tens of MB that would otherwise stay in the service's memory for
// as long as it runs, after being needed once.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { PrismaPg } from '@prisma/adapter-pg';
import { applyMigrations } from './migrations.ts';

const { url } = z.object({ url: z.string() }).parse(workerData);
try {
  const applied = await applyMigrations(new PrismaPg({ connectionString: url, connectionTimeoutMillis: 5_000 }));
  parentPort?.postMessage({ ok: true, applied });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}

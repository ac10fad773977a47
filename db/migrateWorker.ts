// Applies pending migrations to PostgreSQL in a child process (see openDatabase): the schema
// engine is WebAssembly of some tens of MB that would otherwise stay in the service's memory for
// as long as it runs, after being needed once. Started with DATABASE_URL and an IPC channel;
// answers with one message and exits.
import { PrismaPg } from '@prisma/adapter-pg';
import { z } from 'zod';
import { applyMigrations } from './migrations.ts';

const { DATABASE_URL: url } = z.object({ DATABASE_URL: z.string() }).parse(process.env);
const answer = (message: object) => new Promise<void>((done) => (process.send ? process.send(message, () => done()) : done()));
try {
  const applied = await applyMigrations(new PrismaPg({ connectionString: url, connectionTimeoutMillis: 5_000 }));
  await answer({ ok: true, applied });
} catch (error) {
  await answer({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
process.exit(0);

// Opens the one database the service uses: embedded PGlite in DATA_DIR when DATABASE_URL is not
// set (a fresh clone runs with no server), PostgreSQL otherwise. Both go through Prisma driver
// adapters, so the rest of the code cannot tell them apart.
import { mkdir, readdir } from 'node:fs/promises';
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.ts';
import type { Config } from '../config/env.ts';
import { applyMigrations, migrationsDir } from './migrations.ts';

export type DbClient = PrismaClient;

export interface Database {
  prisma: DbClient;
  kind: Config['database']['kind'];
  /** Names of the migrations this open applied (empty when the schema was current). */
  appliedMigrations: string[];
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(settings: Config['database'], opts: { migrate?: boolean } = {}): Promise<Database> {
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let closeDriver: () => Promise<void> = async () => {};
  // Each driver is loaded only when used: PGlite alone holds ~45 MB once imported.
  if (settings.kind === 'pglite') {
    const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
    const dataDir = resolve(settings.dataDir);
    await mkdir(dataDir, { recursive: true });
    const pglite = new PGlite(dataDir);
    await pglite.waitReady;
    factory = new PrismaPGlite(pglite);
    closeDriver = () => pglite.close();
  } else {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    factory = new PrismaPg({ connectionString: settings.url, connectionTimeoutMillis: 5_000 });
  }
  // A click waits for a free connection rather than failing: Prisma's default gives up after 2 s,
  // which a burst of coordinators on a busy 2-core machine exceeded (a 500 for a valid click).
  const prisma = new PrismaClient({ adapter: factory, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  try {
    const migrate = settings.kind === 'postgres' ? () => migrateInWorker(settings.url) : () => applyMigrations(factory);
    const appliedMigrations = opts.migrate === false ? [] : await migrateIfBehind(prisma, migrate);
    return {
      prisma,
      kind: settings.kind,
      appliedMigrations,
      ping: async () => {
        await prisma.$queryRawUnsafe('SELECT 1');
      },
      close: async () => {
        await prisma.$disconnect();
        await closeDriver();
      },
    };
  } catch (error) {
    await prisma.$disconnect().catch(() => {});
    await closeDriver().catch(() => {});
    throw error;
  }
}

/**
 * Starting the schema engine costs about a second, so it only runs when a migration folder is
 * not yet recorded as finished in _prisma_migrations.
 */
async function migrateIfBehind(prisma: PrismaClient, migrate: () => Promise<string[]>): Promise<string[]> {
  const onDisk = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const applied = await prisma
    .$queryRawUnsafe<Array<{ migration_name: string }>>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
    .then((rows) => new Set(rows.map((r) => r.migration_name)))
    .catch(() => new Set<string>());
  if (onDisk.every((name) => applied.has(name))) return [];
  return migrate();
}

const ZWorkerResult = z.union([z.object({ ok: z.literal(true), applied: z.array(z.string()) }), z.object({ ok: z.literal(false), message: z.string() })]);

/**
 * The schema engine is WebAssembly that keeps tens of MB for as long as the process lives (a
 * worker thread did not give it back either). On PostgreSQL it runs in a child process that ends
 * when the migrations are applied. (PGlite lives in this process, so there it runs here; PGlite
 * is the local, not the production, database.)
 */
function migrateInWorker(url: string): Promise<string[]> {
  const here = import.meta.url;
  // Bundled (npm start), the child runs build/migrate-worker.mjs; from source (tests, tsx) the
  // TypeScript file through tsx.
  const source = here.endsWith('.ts');
  const entry = fileURLToPath(new URL(source ? './migrateWorker.ts' : './migrate-worker.mjs', here));
  return new Promise((done, fail) => {
    const child = fork(entry, [], { execArgv: source ? ['--import', 'tsx'] : [], env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (message: unknown) => {
      settled = true;
      const result = ZWorkerResult.safeParse(message);
      if (!result.success) fail(new Error('The migration process answered something unexpected'));
      else if (result.data.ok) done(result.data.applied);
      else fail(new Error(result.data.message));
    });
    child.once('error', (error) => {
      settled = true;
      fail(error);
    });
    child.once('exit', (code) => {
      if (!settled) fail(new Error(`The migration process stopped (exit code ${code}) before it finished`));
    });
  });
}

// Opens the one database the service uses: embedded PGlite in DATA_DIR when DATABASE_URL is not
// set (a fresh clone runs with no server), PostgreSQL otherwise. Both go through Prisma driver
// adapters, so the rest of the code cannot tell them apart.
import { mkdir, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
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
  const prisma = new PrismaClient({ adapter: factory });
  try {
    const appliedMigrations = opts.migrate === false ? [] : await migrateIfBehind(prisma, factory);
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
async function migrateIfBehind(prisma: PrismaClient, factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const onDisk = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const applied = await prisma
    .$queryRawUnsafe<Array<{ migration_name: string }>>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
    .then((rows) => new Set(rows.map((r) => r.migration_name)))
    .catch(() => new Set<string>());
  if (onDisk.every((name) => applied.has(name))) return [];
  return applyMigrations(factory);
}

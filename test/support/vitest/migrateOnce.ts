// vitest globalSetup: migrates one template per database kind before any test file runs, so a
// test database is a copy (CREATE DATABASE … TEMPLATE on PostgreSQL, a copied data folder for
// PGlite) instead of a fresh initdb and a schema-engine run per describe block. The templates
// are named in the environment, which the test workers inherit; the migration tests ask for
// an empty database instead.
//
// Both projects of `npm test` share this file: the first to run it migrates, the other finds
// the templates already named (globalSetup runs in the one main process).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../../db/open.ts';
import pg from 'pg';
import { adminQuery, adminUrl, dropPostgresDatabase, postgresUrl, scratchDir, TEMPLATE_ENV } from '../databases.ts';

export default async function migrateOnce(): Promise<() => Promise<void>> {
  if (process.env[TEMPLATE_ENV.pglite] || process.env[TEMPLATE_ENV.postgres]) return async () => {};
  await removeStaleTemplates();
  const [pgliteDir, postgresName] = await Promise.all([pgliteTemplate(), postgresTemplate()]);
  process.env[TEMPLATE_ENV.pglite] = pgliteDir;
  process.env[TEMPLATE_ENV.postgres] = postgresName;
  return async () => {
    delete process.env[TEMPLATE_ENV.pglite];
    delete process.env[TEMPLATE_ENV.postgres];
    await Promise.all([rm(pgliteDir, { recursive: true, force: true }), dropPostgresDatabase(postgresName)]);
  };
}

/** Templates are named after the process that made them, so a killed run's are recognised. */
const PGLITE_PREFIX = 'naft-pglite-template-';
const POSTGRES_PREFIX = 'naft_test_template_';

async function pgliteTemplate(): Promise<string> {
  const dataDir = await mkdtemp(join(scratchDir, `${PGLITE_PREFIX}${process.pid}-`));
  const db = await openDatabase({ kind: 'pglite', dataDir });
  // Closing checkpoints, so the copies start from a clean shutdown.
  await db.close();
  return dataDir;
}

async function postgresTemplate(): Promise<string> {
  // Prefixed like every test database, so a run that was killed leaves recognisable leftovers.
  const name = `${POSTGRES_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const db = await openDatabase({ kind: 'postgres', url: postgresUrl(name) });
  // No connection may stay open: CREATE DATABASE … TEMPLATE refuses a template in use.
  await db.close();
  return name;
}

/**
 * A run that was killed (Ctrl+C twice, kill -9) never tears down: its templates are removed by
 * the next run, once the process that made them is gone. Other runs on this machine, still
 * alive, keep theirs.
 */
async function removeStaleTemplates(): Promise<void> {
  const gone = (pid: string) => {
    try {
      process.kill(Number(pid), 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  };
  const dirs = await readdir(scratchDir).catch(() => []);
  const staleDirs = dirs.filter((d) => d.startsWith(PGLITE_PREFIX) && gone(d.slice(PGLITE_PREFIX.length).split('-')[0] ?? ''));
  await Promise.all(staleDirs.map((d) => rm(join(scratchDir, d), { recursive: true, force: true })));
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${POSTGRES_PREFIX}%'`);
    const stale = rows.map((r) => r.datname).filter((name) => gone(name.slice(POSTGRES_PREFIX.length).split('_')[0] ?? ''));
    for (const name of stale) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

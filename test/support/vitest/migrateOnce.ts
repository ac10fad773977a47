// vitest globalSetup: migrates one template per database kind before any test file runs, so a
// test database is a copy (CREATE DATABASE … TEMPLATE on PostgreSQL, a copied data folder for
// PGlite) instead of a fresh initdb and a schema-engine run per describe block. The templates
// are named in the environment, which the test workers inherit; the migration tests ask for
// an empty database instead.
//
// Both projects of `npm test` share this file: the first to run it migrates, the other finds
// the templates already named (globalSetup runs in the one main process).
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../../db/open.ts';
import { adminQuery, dropPostgresDatabase, postgresUrl, scratchDir, TEMPLATE_ENV } from '../databases.ts';

export default async function migrateOnce(): Promise<() => Promise<void>> {
  if (process.env[TEMPLATE_ENV.pglite] || process.env[TEMPLATE_ENV.postgres]) return async () => {};
  const [pgliteDir, postgresName] = await Promise.all([pgliteTemplate(), postgresTemplate()]);
  process.env[TEMPLATE_ENV.pglite] = pgliteDir;
  process.env[TEMPLATE_ENV.postgres] = postgresName;
  return async () => {
    delete process.env[TEMPLATE_ENV.pglite];
    delete process.env[TEMPLATE_ENV.postgres];
    await Promise.all([rm(pgliteDir, { recursive: true, force: true }), dropPostgresDatabase(postgresName)]);
  };
}

async function pgliteTemplate(): Promise<string> {
  const dataDir = await mkdtemp(join(scratchDir, 'naft-pglite-template-'));
  const db = await openDatabase({ kind: 'pglite', dataDir });
  // Closing checkpoints, so the copies start from a clean shutdown.
  await db.close();
  return dataDir;
}

async function postgresTemplate(): Promise<string> {
  // Prefixed like every test database, so a run that was killed leaves recognisable leftovers.
  const name = `naft_test_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const db = await openDatabase({ kind: 'postgres', url: postgresUrl(name) });
  // No connection may stay open: CREATE DATABASE … TEMPLATE refuses a template in use.
  await db.close();
  return name;
}

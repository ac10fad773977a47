// Test databases: a fresh PGlite folder, or a fresh database on the local PostgreSQL server
// (127.0.0.1:5432, trust auth) that is dropped afterwards. Every test that touches the database
// runs on both, because production uses PostgreSQL and a fresh clone uses PGlite.
//
// Migrating costs seconds (PGlite's initdb in WebAssembly, the schema engine), so the vitest
// globalSetup (test/support/vitest/migrateOnce.ts) migrates one template per kind and names it
// in the environment; a test database is then a copy of it, already migrated. Without a
// template (a script, another config) a test database starts empty and openDatabase migrates it.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../../config/env.ts';

const ALL_KINDS = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof ALL_KINDS)[number];

/**
 * The kinds this run tests on. `npm test` runs the PGlite and the PostgreSQL suites as two
 * vitest projects side by side, each naming its kind in TEST_DATABASE_KINDS; unset, both.
 */
export const DATABASE_KINDS: readonly DatabaseKind[] = kindsFrom(process.env.TEST_DATABASE_KINDS);

function kindsFrom(value: string | undefined): readonly DatabaseKind[] {
  if (!value) return ALL_KINDS;
  const named = value.split(',').map((s) => s.trim());
  const unknown = named.filter((s) => !ALL_KINDS.some((k) => k === s));
  if (unknown.length > 0) throw new Error(`TEST_DATABASE_KINDS: unknown kind ${unknown.join(', ')} (use ${ALL_KINDS.join(', ')})`);
  return ALL_KINDS.filter((k) => named.includes(k));
}

/** Whether this run tests on `kind`: for a describe block written for one kind only. */
export function runsOn(kind: DatabaseKind): boolean {
  return DATABASE_KINDS.includes(kind);
}

/** Environment variables through which the globalSetup hands its templates to the test files. */
export const TEMPLATE_ENV = { pglite: 'TEST_PGLITE_TEMPLATE', postgres: 'TEST_POSTGRES_TEMPLATE' } as const;

export const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Memory-backed where the machine has it: PGlite writes its files often, and they are thrown away. */
export const scratchDir = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export interface TestDatabase {
  settings: Config['database'];
  /** Remove the data: drop the database or delete the folder. */
  destroy(): Promise<void>;
}

/**
 * A database of its own for a test file or block. `empty` skips the template: for the tests of
 * migrating itself.
 */
export async function createTestDatabase(kind: DatabaseKind, opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const template = opts.empty ? undefined : process.env[TEMPLATE_ENV[kind]];
  if (kind === 'pglite') {
    const dataDir = await mkdtemp(join(scratchDir, 'naft-pglite-'));
    if (template) await cp(template, dataDir, { recursive: true });
    return { settings: { kind: 'pglite', dataDir }, destroy: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `naft_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  return { settings: { kind: 'postgres', url: postgresUrl(name) }, destroy: () => dropPostgresDatabase(name) };
}

export function postgresUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Simulates an outage of one database: refuse new connections and cut the open ones. */
export async function setPostgresDatabaseDown(name: string, down: boolean): Promise<void> {
  await adminQuery(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS ${down ? 'false' : 'true'}`);
  if (down) await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

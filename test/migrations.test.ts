// Migrations apply to an empty PGlite and an empty PostgreSQL database, a second open applies
// nothing, and the seed can run twice without duplicating anything. (Empty: not from the
// migrated template the other test files copy.)
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import type { Database } from '../db/open.ts';
import { migrationsDir } from '../db/migrations.ts';
import { REGIONS, seed, seedIfEmpty } from '../db/seed.ts';
import { demoPeople } from '../playground/demo.ts';
import { createTestDatabase, DATABASE_KINDS } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';

describe.each(DATABASE_KINDS)('database on %s', (kind) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind, { empty: true });
    db = await openDatabase(testDb.settings);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.destroy();
  });

  it('applies every migration folder to an empty database', async () => {
    const folders = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(folders.length).toBeGreaterThan(0);
    expect(db.appliedMigrations).toEqual(folders);
    const recorded = await db.prisma.$queryRawUnsafe<Array<{ migration_name: string }>>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name');
    expect(recorded.map((r) => r.migration_name)).toEqual(folders);
  });

  it('applies nothing when opened again on the same data', async () => {
    await db.close();
    db = await openDatabase(testDb.settings);
    expect(db.appliedMigrations).toEqual([]);
  });

  it('seeds the region and its four partners once, however often it runs', async () => {
    expect(await seedIfEmpty(db.prisma, { demo: true })).toBe(true);
    expect(await seedIfEmpty(db.prisma, { demo: true })).toBe(false);
    await seed(db.prisma, { demo: true });
    await seed(db.prisma, { demo: true });

    // Ordered by code: PGlite and PostgreSQL collate the lower-case 'aPart' differently.
    const regions = await db.prisma.region.findMany({ include: { organisations: { orderBy: { code: 'asc' } } } });
    expect(regions.map((r) => r.name)).toEqual(['NAFT Gent en Rand']);
    expect(regions[0]?.organisations.map((o) => o.name)).toEqual(['aPart', 'Groep INTRO', 'JES', 'LEJO']);
    expect(await db.prisma.organisation.count()).toBe(REGIONS.flatMap((r) => r.organisations).length);
    expect(await db.prisma.person.count()).toBe(demoPeople.length);
  });

  it('gives the demo people the roles the playground set-up promises', async () => {
    const clbStaff = await db.prisma.person.findMany({ where: { role: 'CLB_STAFF' }, include: { clb: true } });
    const coordinators = await db.prisma.person.findMany({ where: { role: 'COORDINATOR' }, include: { memberships: { include: { organisation: true } } } });
    expect(clbStaff.length).toBeGreaterThanOrEqual(1);
    expect(clbStaff.every((p) => p.clb !== null)).toBe(true);
    expect([...new Set(coordinators.flatMap((p) => p.memberships.map((m) => m.organisation.code)))].sort()).toEqual(['APART', 'INTRO', 'JES', 'LEJO']);
  });
});

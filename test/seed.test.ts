// Demo people never go into a database that holds real people: the seed (npm start's first-start
// seed and `npm run db:seed` with DEMO_DATA=on) refuses and says why, on PGlite and PostgreSQL.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPeople } from '../db/demo.ts';
import { openDatabase } from '../db/open.ts';
import type { Database } from '../db/open.ts';
import { seed, seedOnFirstStart } from '../db/seed.ts';
import { createTestDatabase, DATABASE_KINDS } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';

const root = resolve(import.meta.dirname, '..');
const REAL_PERSON = { aadObjectId: '7d0c4f2e-1111-4a4a-9b9b-000000000042', name: 'Echte Medewerker', role: 'CLB_STAFF' as const };

describe.each(DATABASE_KINDS)('the demo people guard on %s', (kind) => {
  let testDb: TestDatabase | undefined;
  let db: Database | undefined;

  async function freshDatabase(): Promise<Database> {
    testDb = await createTestDatabase(kind);
    db = await openDatabase(testDb.settings);
    return db;
  }
  afterEach(async () => {
    await db?.close();
    await testDb?.destroy();
    db = undefined;
    testDb = undefined;
  });

  it('seeds the demo people into a database with nobody in it, and again over only demo people', async () => {
    const { prisma } = await freshDatabase();
    expect(await seed(prisma, { demo: true })).toEqual({ demoPeople: 'seeded' });
    expect(await seed(prisma, { demo: true })).toEqual({ demoPeople: 'seeded' });
    expect(await prisma.person.count()).toBe(demoPeople.length);
  });

  it('refuses the demo people when someone outside the demo list is there, with a line that says so', async () => {
    const { prisma } = await freshDatabase();
    await prisma.person.create({ data: REAL_PERSON });
    const result = await seed(prisma, { demo: true });
    expect(result.demoPeople).toBe('refused');
    expect(result.refusal).toBe(
      'Demo people NOT seeded: the Person table holds 1 person outside the demo list, so this database is taken for a real one (DEMO_DATA=on is only for a local or empty database).',
    );
    expect(await prisma.person.findMany({ select: { aadObjectId: true } })).toEqual([{ aadObjectId: REAL_PERSON.aadObjectId }]);
    // The reference data is still there: only the demo people are held back.
    expect(await prisma.region.count()).toBe(1);
  });

  it('refuses on first start too (npm start), and seeds the reference data', async () => {
    const { prisma } = await freshDatabase();
    await prisma.person.create({ data: REAL_PERSON });
    const result = await seedOnFirstStart(prisma, { demo: true });
    expect(result?.demoPeople).toBe('refused');
    expect(await prisma.person.count()).toBe(1);
    expect(await prisma.organisation.count()).toBe(4);
  });

  it('refuses once real people joined demo people', async () => {
    const { prisma } = await freshDatabase();
    await seed(prisma, { demo: true });
    await prisma.person.create({ data: REAL_PERSON });
    await prisma.person.update({ where: { aadObjectId: demoPeople[0]!.aadObjectId }, data: { name: 'Changed' } });
    expect((await seed(prisma, { demo: true })).demoPeople).toBe('refused');
    // Nothing about the demo people was rewritten.
    expect((await prisma.person.findUniqueOrThrow({ where: { aadObjectId: demoPeople[0]!.aadObjectId } })).name).toBe('Changed');
  });

  it('does not ask when no demo people are wanted', async () => {
    const { prisma } = await freshDatabase();
    await prisma.person.create({ data: REAL_PERSON });
    expect(await seed(prisma, { demo: false })).toEqual({ demoPeople: 'not requested' });
  });

  it('npm run db:seed with DEMO_DATA=on says so and exits with 1', async () => {
    const { prisma } = await freshDatabase();
    await prisma.person.create({ data: REAL_PERSON });
    const settings = testDb!.settings;
    await db!.close(); // one PGlite per folder: the script opens it itself
    db = undefined;
    const env = { ...process.env, DEMO_DATA: 'on', ...(settings.kind === 'postgres' ? { DATABASE_URL: settings.url } : { DATABASE_URL: '', DATA_DIR: settings.dataDir }) };
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/db-seed.ts'], { cwd: root, env });
    const failure = await run.then(
      () => undefined,
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('Seeded the regions and partner organisations.');
    expect(failure?.stderr).toContain('Demo people NOT seeded: the Person table holds 1 person outside the demo list');
    db = await openDatabase(settings);
    expect(await db.prisma.person.count()).toBe(1);
  });
});

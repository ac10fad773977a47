// `npm run db:seed`: (re)write the reference data; safe to run any number of times. With
// DEMO_DATA=on also the demo people, unless the database holds real people (then it says so
// and exits with 1, the reference data written).
import { ConfigError, loadConfig } from '../config/env.ts';
import { openDatabase } from '../db/open.ts';
import { lockDataDir } from '../server/dataDirLock.ts';
import { StartupError } from '../server/preflight.ts';
import { seed } from '../db/seed.ts';
import type { SeedResult } from '../db/seed.ts';

try {
  const config = loadConfig(process.env);
  // PGlite has no lock of its own: never open the folder a running service uses.
  const lock = config.database.kind === 'pglite' ? lockDataDir(config.database.dataDir) : undefined;
  process.once('exit', () => lock?.release());
  const db = await openDatabase(config.database);
  let result: SeedResult;
  try {
    result = await seed(db.prisma, { demo: config.demoData });
  } finally {
    await db.close();
  }
  console.log(`Seeded the regions and partner organisations${result.demoPeople === 'seeded' ? ', and the demo people' : ''}.`);
  if (result.refusal) {
    console.error(result.refusal);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : `Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

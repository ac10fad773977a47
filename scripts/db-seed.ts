// `npm run db:seed`: (re)write the reference data; safe to run any number of times. With
// DEMO_DATA=on also the demo people, unless the database holds real people (then it says so
// and exits with 1, the reference data written).
import { ConfigError, loadConfig } from '../config/env.ts';
import { openDatabase } from '../db/open.ts';
import { seed } from '../db/seed.ts';
import type { SeedResult } from '../db/seed.ts';

try {
  const config = loadConfig(process.env);
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
  console.error(error instanceof ConfigError ? error.message : `Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

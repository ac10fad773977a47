// `npm run db:seed`: (re)write the reference data; safe to run any number of times.
import { ConfigError, loadConfig } from '../config/env.ts';
import { openDatabase } from '../db/open.ts';
import { seed } from '../db/seed.ts';

try {
  const config = loadConfig(process.env);
  const db = await openDatabase(config.database);
  try {
    await seed(db.prisma, { demo: config.demoData });
  } finally {
    await db.close();
  }
  console.log(`Seeded the regions and partner organisations${config.demoData ? ', and the demo people' : ''}.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// `npm run db:migrate`: apply pending migrations to the configured database (DATABASE_URL, or
// the embedded one in DATA_DIR), offline, through the schema engine's WebAssembly build.
import { ConfigError, loadConfig } from '../config/env.ts';
import { openDatabase } from '../db/open.ts';

try {
  const config = loadConfig(process.env);
  const db = await openDatabase(config.database);
  await db.close();
  console.log(db.appliedMigrations.length > 0 ? `Applied: ${db.appliedMigrations.join(', ')}` : 'The database is up to date.');
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

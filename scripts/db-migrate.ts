// `npm run db:migrate`: apply pending migrations to the configured database (DATABASE_URL, or
// the embedded one in DATA_DIR), offline, through the schema engine's WebAssembly build.
import { ConfigError, loadConfig } from '../config/env.ts';
import { openDatabase } from '../db/open.ts';
import { lockDataDir } from '../server/dataDirLock.ts';
import { StartupError } from '../server/preflight.ts';

try {
  const config = loadConfig(process.env);
  // PGlite has no lock of its own: never open the folder a running service uses.
  const lock = config.database.kind === 'pglite' ? lockDataDir(config.database.dataDir) : undefined;
  process.once('exit', () => lock?.release());
  const db = await openDatabase(config.database);
  await db.close();
  console.log(db.appliedMigrations.length > 0 ? `Applied: ${db.appliedMigrations.join(', ')}` : 'The database is up to date.');
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : `Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

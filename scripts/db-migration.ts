// `npm run db:migration -- <name>`: write prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL that takes the existing migrations to the current prisma/schema.prisma. The existing
// migrations are replayed in a throw-away in-memory PGlite, so no server is needed.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { createMigration } from '../db/migrations.ts';

const name = process.argv[2] ?? '';
if (!/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error('Usage: npm run db:migration -- <name>   (lower case letters, digits and _, e.g. add_referral_reference)');
  process.exit(1);
}
const scratch = new PGlite();
try {
  const created = await createMigration({ factory: new PrismaPGlite(scratch), name });
  console.log(created ? `Created ${created.path}/migration.sql — review it, then commit it.` : 'The schema has no changes: no migration written.');
} catch (error) {
  console.error(`Could not create the migration: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await scratch.close();
}

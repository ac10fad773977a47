// Prisma CLI configuration. The service itself never reads this: it connects through driver
// adapters (db/open.ts). The URL only matters for `prisma migrate deploy` where the schema
// engine binary is reachable; offline we migrate through scripts/db-migrate.ts.
import { defineConfig } from 'prisma/config';
import { cliDatabaseUrl } from './config/env.ts';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx scripts/db-seed.ts' },
  datasource: { url: cliDatabaseUrl() },
});

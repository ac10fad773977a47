// The HTTP service: the Bot Framework endpoint and a health check, on restify 11.
import restify from 'restify';
import type { Config } from '../config/env.ts';
import { openDatabase } from '../db/open.ts';
import type { Database } from '../db/open.ts';
import { seedOnFirstStart } from '../db/seed.ts';
import { createBotEndpoint } from '../bot/index.ts';
import type { Logger } from './log.ts';
import { healthHandler } from './health.ts';

export interface Service {
  url: string;
  port: number;
  db: Database;
  /** Stops accepting requests, lets running ones finish, then closes the database. */
  close(): Promise<void>;
}

export async function startService(config: Config, logger: Logger): Promise<Service> {
  const db = await openDatabase(config.database);
  if (db.appliedMigrations.length > 0) logger.info(`Applied migrations: ${db.appliedMigrations.join(', ')}`);
  const seeded = await seedOnFirstStart(db.prisma, { demo: config.demoData });
  if (seeded) logger.info(`Seeded reference data${seeded.demoPeople === 'seeded' ? ' and demo people' : ''}`);
  if (seeded?.refusal) logger.warn(seeded.refusal);

  if (!config.bot) logger.warn('MicrosoftAppId is not set: Bot Framework authentication is OFF (local mode, for the Agents Playground only).');
  const endpoint = createBotEndpoint({ credentials: config.bot, prisma: db.prisma, logger });

  const server = restify.createServer({ name: 'naft-aanmeldbot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));
  server.post('/api/messages', async (req, res) => {
    await endpoint.handle(req, res);
  });
  server.get('/healthz', healthHandler(db));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => resolve());
  });
  const address = server.address();
  const url = `http://localhost:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets with no request in flight would hold close() open.
        server.server.closeIdleConnections();
      });
      await db.close();
    })());

  return { url, port: address.port, db, close };
}

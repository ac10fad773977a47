// The HTTP service: the Bot Framework endpoint and a health check, on restify 11.
import restify from 'restify';
import type { Config } from '../config/env.ts';
import { openDatabase } from '../db/open.ts';
import type { Database } from '../db/open.ts';
import { seedOnFirstStart } from '../db/seed.ts';
import { createBotEndpoint } from '../bot/index.ts';
import { outboxKindsFor } from '../dispatch/kinds.ts';
import { startOutboxWorker } from '../outbox/worker.ts';
import { runSchedules } from '../dispatch/schedule.ts';
import type { OutboxWorker } from '../outbox/worker.ts';
import type { Logger } from './log.ts';
import { healthHandler } from './health.ts';
import { readActivity } from './activity.ts';
import { lockDataDir } from './dataDirLock.ts';
import type { DataDirLock } from './dataDirLock.ts';
import { assertPortFree, checkPostgres, portInUse } from './preflight.ts';
import { surveyBaseUrl } from '../survey/baseUrl.ts';
import { moveHeldAnswers } from '../survey/hold.ts';
import { registerSurveyRoutes } from '../survey/server.ts';
import { registerTabRoutes, tabViewerResolver } from '../tab/server.ts';
import { registerReportExportRoutes } from './reportExport.ts';
import { exportTicketKey } from './exportTicket.ts';
import { reportSourceFor } from '../tab/source.ts';

const SCHEDULE_EVERY_MS = 60_000;
/** Longer than any client keeps an idle connection (see the server below). */
const KEEP_ALIVE_MS = 65_000;

export interface Service {
  url: string;
  port: number;
  /** The address the service listens on: 127.0.0.1 in local mode, all interfaces otherwise. */
  host: string;
  db: Database;
  /** The outbox worker of this service (it also polls by itself): tests and benches drive it. */
  outbox: Pick<OutboxWorker, 'runOnce' | 'wake'>;
  /** Stops accepting requests, lets running ones finish, stops the outbox worker after its batch, then closes the database. */
  close(): Promise<void>;
}

/**
 * Local mode has no authentication: anyone who can reach the port can act as any Teams user. So
 * without credentials the service listens on loopback only; with them (behind Teams, which must
 * reach it) on all interfaces.
 */
export function listenHost(config: Pick<Config, 'bot'>): string | undefined {
  return config.bot ? undefined : '127.0.0.1';
}

export async function startService(config: Config, logger: Logger): Promise<Service> {
  const host = listenHost(config);
  // Before the database: a second `npm start` must not open the PGlite folder the first one uses.
  await assertPortFree(config.port, host);
  let lock: DataDirLock | undefined;
  if (config.database.kind === 'pglite') lock = lockDataDir(config.database.dataDir);
  else await checkPostgres(config.database.url);

  let db: Database;
  try {
    db = await openDatabase(config.database);
  } catch (error) {
    lock?.release();
    throw error;
  }
  try {
    return await serve(config, logger, db, host, lock);
  } catch (error) {
    await db.close().catch(() => {});
    lock?.release();
    throw error;
  }
}

async function serve(config: Config, logger: Logger, db: Database, host: string | undefined, lock: DataDirLock | undefined): Promise<Service> {
  if (db.appliedMigrations.length > 0) logger.info(`Applied migrations: ${db.appliedMigrations.join(', ')}`);
  const seeded = await seedOnFirstStart(db.prisma, { demo: config.demoData, reports: config.demoReports });
  if (seeded) logger.info(`Seeded reference data${seeded.demoPeople === 'seeded' ? ' and demo people' : ''}`);
  if (seeded?.refusal) logger.warn(seeded.refusal);

  if (!config.bot) logger.warn('MicrosoftAppId is not set: Bot Framework authentication is OFF (local mode, for the Agents Playground only; listening on 127.0.0.1 only).');
  const reports = { privacy: config.privacy, ...(config.publicBaseUrl ? { baseUrl: config.publicBaseUrl } : {}) };
  const endpoint = createBotEndpoint({ credentials: config.bot, prisma: db.prisma, logger, surveyDays: config.surveyDays, reports });

  const server = restify.createServer({ name: 'naft-aanmeldbot', handleUncaughtExceptions: false });
  // Node closes an idle keep-alive connection after 5 s, and a client that sends on it at that
  // moment gets ECONNRESET (seen in the tests when the event loop was busy, so the client's own
  // 4 s limit fired late). Clients (fetch, the Bot Framework connector, a reverse proxy) give up
  // idle connections well before a minute, so they now always close first.
  server.server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  server.post('/api/messages', async (req, res) => {
    // Order: a missing token first, then the envelope, then botbuilder's own token check.
    // - With credentials, a request without any Bearer token is refused before its body is even
    //   read, so an unauthenticated caller learns nothing about what a valid activity looks like.
    // - The envelope is checked before botbuilder authenticates, because its token check reads
    //   the activity (the serviceUrl claim is compared with activity.serviceUrl, the issuer
    //   depends on channelId) and fails with a 500 on a malformed one. A malformed activity
    //   therefore gets a 400 whether or not its token is valid, and never reaches a turn.
    // - Only then does botbuilder verify the token (401 on a bad one) and run the turn.
    if (config.bot && !/^Bearer\s+\S/i.test(req.header('authorization') ?? '')) {
      res.send(401, { error: 'A Bot Framework token is required' });
      return;
    }
    const read = await readActivity(req);
    if (!read.ok) {
      if (read.status === 413) res.header('connection', 'close');
      res.send(read.status, { error: read.error });
      return;
    }
    req.body = read.activity;
    try {
      await endpoint.handle(req, res);
    } catch (error) {
      logger.error('The bot endpoint failed', error);
      if (!res.headersSent) res.send(500, { error: 'Internal error' });
    }
  });
  server.get('/healthz', healthHandler(db, logger));
  // The tevredenheidsbevraging for young people and schools, under /s/ (survey/server.ts).
  registerSurveyRoutes(server, { prisma: db.prisma, publicBaseUrl: config.publicBaseUrl, linkBaseUrl: () => surveyBaseUrl(config, url), privacyMinCount: config.privacy.minCount, surveyRatePerMinute: config.surveyRatePerMinute, logger });
  // The report tab under /rapport (tab/server.ts): Teams SSO with credentials, the marked
  // demo-person picker in local mode (which listens on loopback only).
  if (config.sso && !config.sso.audience) logger.warn('The report tab refuses every sign-in: set PUBLIC_BASE_URL or SSO_APP_ID_URI (the api://… id URI of the app registration).');
  if (config.sso && config.sso.tenantIds.length === 0) logger.warn('The report tab refuses every sign-in: set SSO_TENANT_IDS (MultiTenant has no tenant of its own).');
  registerTabRoutes(server, { prisma: db.prisma, sso: config.sso, reports: reportSourceFor(db.prisma, config), logger });
  // The exports ask who it is the same way as the tab, so they never show more than it does.
  registerReportExportRoutes(server, {
    prisma: db.prisma,
    privacy: config.privacy,
    logger,
    resolveViewer: tabViewerResolver({ prisma: db.prisma, sso: config.sso }),
    // Download links signed with a key every instance derives from the same app password.
    ticketKey: exportTicketKey(config.bot?.appPassword),
    ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portInUse(config.port) : error));
    if (host) server.listen(config.port, host, () => resolve());
    else server.listen(config.port, () => resolve());
  });
  // Everything that goes to Teams outside a turn goes through the outbox (see outbox/worker.ts).
  const outbox = startOutboxWorker({ prisma: db.prisma, kinds: outboxKindsFor(config, () => url), transport: endpoint.outboxTransport, logger, retry: { giveUpAfterMs: config.outboxRetryMs } });
  // The clock: weekly overviews and evaluation reminders, checked every minute (dispatch/schedule.ts).
  const settings = { overviewWeekday: config.dispatchOverview.weekday, overviewHour: config.dispatchOverview.hour };
  let scheduling: Promise<unknown> = Promise.resolve();
  const tick = () => {
    // And the survey's hold: a group that reached k while its rows were busy moves here (survey/hold.ts).
    scheduling = Promise.all([runSchedules(db.prisma, settings), moveHeldAnswers(db.prisma, { minCount: config.privacy.minCount })]).catch((error: unknown) => logger.warn(`Scheduled work failed, tried again in a minute: ${error instanceof Error ? error.message : String(error)}`));
  };
  const schedule = setInterval(tick, SCHEDULE_EVERY_MS);
  schedule.unref();
  const address = server.address();
  // `localhost` may resolve to ::1 first, where a loopback-only service does not listen.
  const url = `http://${host ?? 'localhost'}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets with no request in flight would hold close() open.
        server.server.closeIdleConnections();
      });
      clearInterval(schedule);
      await scheduling;
      await outbox.stop();
      await db.close();
      lock?.release();
    })());

  return { url, port: address.port, host: address.address, db, outbox: { runOnce: outbox.runOnce, wake: outbox.wake }, close };
}

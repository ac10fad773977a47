// `npm start`: validate configuration, open the database (migrate, seed), serve, and in local
// mode also start the Agents Playground. Stops cleanly on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from '../config/env.ts';
import { createLogger } from './log.ts';
import { startService } from './app.ts';
import { oneLine, StartupError } from './preflight.ts';
// Type only: erased from the bundle, which must not contain the playground (see below).
import type * as PlaygroundModule_ from '../playground/local.ts';

type PlaygroundModule = typeof PlaygroundModule_;

const startedAt = performance.now();

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);

// The playground is local tooling, left out of the bundle that `npm start` runs: it is loaded from
// its TypeScript source through tsx, and only in local mode.
let loadingPlayground: Promise<PlaygroundModule> | undefined;
const loadPlayground = (): Promise<PlaygroundModule> =>
  (loadingPlayground ??= (async () => {
    const source = new URL('../playground/local.ts', import.meta.url).href;
    if (!import.meta.url.endsWith('.ts')) (await import('tsx/esm/api')).register();
    return (await import(source)) as PlaygroundModule;
  })());
// PLAYGROUND_USER: the demo person the playground makes its current user (see README). A wrong
// name stops the start before anything runs, with the names there are.
const playgroundUser = config.playgroundUser;
if (playgroundUser && !config.playground) {
  logger.warn('PLAYGROUND_USER is ignored: no playground is started (PLAYGROUND=off or bot credentials set)');
} else if (playgroundUser) {
  const { demoPersonNamed, PlaygroundUserError } = await loadPlayground();
  try {
    demoPersonNamed(playgroundUser);
  } catch (error) {
    if (!(error instanceof PlaygroundUserError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
logger.info(`Starting on ${config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL'}`);

const service = await startService(config, logger).catch((error: unknown) => {
  // Start-up failures are almost always configuration or reachability: say which, no stack
  // (that is there with LOG_LEVEL=debug).
  if (error instanceof StartupError) {
    logger.error(`Could not start: ${error.message}`);
  } else {
    const reason = oneLine(error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    const where = config.database.kind === 'postgres' ? 'Check DATABASE_URL and that PostgreSQL is running.' : `Check that ${config.database.dataDir} is writable and not in use by another process.`;
    logger.error(`Could not start: ${reason}. ${where}`);
  }
  logger.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
logger.info(`Ready in ${Math.round(performance.now() - startedAt)} ms: ${service.url}/api/messages, health at ${service.url}/healthz`);

let stopPlayground: (() => Promise<void>) | undefined;
if (config.playground) {
  const { startLocalPlayground } = await loadPlayground();
  try {
    const playground = await startLocalPlayground({
      prisma: service.db.prisma,
      botEndpoint: `${service.url}/api/messages`,
      port: config.playgroundPort,
      user: playgroundUser,
      demoData: config.demoData,
      log: (line) => logger.info(line),
    });
    stopPlayground = playground.close;
    logger.info(`Agents Playground (local Teams): ${playground.url} — you are ${playground.currentUser.name}`);
  } catch (error) {
    logger.error(`The Agents Playground did not start (the bot service keeps running): ${error instanceof Error ? error.message : String(error)}`);
    logger.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info(`${signal} received: finishing running requests and closing the database`);
    void Promise.all([service.close(), stopPlayground?.()])
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error('Unclean shutdown', error);
        process.exit(1);
      });
  });
}

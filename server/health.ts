// GET /healthz: 200 when the database answers, 503 when it does not. The answer says only that:
// the database's own error text (host names, user names, SQL) goes to the log, never to a caller.
import type { Request, Response } from 'restify';
import type { Database } from '../db/open.ts';
import type { Logger } from './log.ts';

const PING_TIMEOUT_MS = 2_000;

export function healthHandler(db: Pick<Database, 'ping'>, logger: Pick<Logger, 'warn'>) {
  return async (_req: Request, res: Response): Promise<void> => {
    try {
      await Promise.race([
        db.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS).unref()),
      ]);
      res.send(200, { status: 'ok', database: 'ok' });
    } catch (error) {
      logger.warn(`Health check: the database does not answer (${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300)})`);
      res.send(503, { status: 'unavailable', database: 'unreachable', reason: 'The database does not answer.' });
    }
  };
}

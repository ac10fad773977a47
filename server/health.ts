// GET /healthz: 200 when the database answers, 503 with the reason when it does not.
import type { Request, Response } from 'restify';
import type { Database } from '../db/open.ts';

const PING_TIMEOUT_MS = 2_000;

export function healthHandler(db: Pick<Database, 'ping'>) {
  return async (_req: Request, res: Response): Promise<void> => {
    try {
      await Promise.race([
        db.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS).unref()),
      ]);
      res.send(200, { status: 'ok', database: 'ok' });
    } catch (error) {
      res.send(503, { status: 'unavailable', database: 'unreachable', reason: error instanceof Error ? error.message : String(error) });
    }
  };
}

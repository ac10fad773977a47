// Everything botbuilder that the HTTP layer needs, behind one small interface, so swapping the
// SDK (e.g. for the Microsoft 365 Agents SDK) stays inside bot/ and dialogs/.
import { AuthenticationError } from 'botframework-connector';
import type { Activity, Request, Response } from 'botbuilder';
import type { BotCredentials } from '../config/env.ts';
import type { DbClient } from '../db/open.ts';
import type { Logger } from '../server/log.ts';
import type { Transport } from '../outbox/types.ts';
import { createAdapter, createBotAuthentication } from './adapter.ts';
import { NaftBot } from './naftBot.ts';
import { createOutboxTransport } from './outboxTransport.ts';
import type { ReportCommandDeps } from '../dialogs/reports/reportCommand.ts';

export interface BotEndpoint {
  /** Handles one POST /api/messages, including authentication. */
  handle(req: Request, res: Response): Promise<void>;
  /** Sends outbox messages to Teams outside a turn (for the outbox worker). */
  outboxTransport: Transport;
}

export function createBotEndpoint(opts: { credentials: BotCredentials | undefined; prisma: DbClient; logger: Logger; surveyDays?: number; reports?: ReportCommandDeps }): BotEndpoint {
  const auth = createBotAuthentication(opts.credentials);
  const adapter = createAdapter(opts.credentials, opts.logger, auth);
  // No botbuilder state: every flow keeps what it needs in the database (see dialogs/).
  const bot = new NaftBot({ prisma: opts.prisma, logger: opts.logger, ...(opts.surveyDays !== undefined ? { surveyDays: opts.surveyDays } : {}), ...(opts.reports ? { reports: opts.reports } : {}) });
  const unreachable = onceAMinute(opts.logger);
  const end = (res: Response, status: number, body?: unknown) => {
    res.status(status);
    if (body !== undefined) res.send(body);
    res.end();
  };
  return {
    // The envelope was checked with zod before (server/activity.ts); here the token and the turn.
    handle: async (req, res) => {
      const header = req.headers.authorization ?? req.headers.Authorization;
      try {
        const answer = await adapter.run(typeof header === 'string' ? header : '', withDates(req.body as unknown as Activity), (context) => bot.run(context));
        end(res, answer?.status ?? 200, answer?.body);
      } catch (error) {
        if (error instanceof AuthenticationError) return end(res, 401, { error: 'Unauthorized' });
        // Microsoft's signing keys (or its token service) out of reach: nothing we can decide
        // about this request now; Teams retries. One log line a minute, not a stack per request.
        if (isNetworkError(error)) {
          unreachable(`Bot Framework authentication could not reach Microsoft (${describe(error)}); answering 503`);
          return end(res, 503, { error: 'Service temporarily unavailable' });
        }
        opts.logger.error(`The bot endpoint failed: ${describe(error)}`);
        return end(res, 500, { error: 'Internal error' });
      }
    },
    outboxTransport: createOutboxTransport({ auth, appId: opts.credentials?.appId, prisma: opts.prisma }),
  };
}

/** What botbuilder's own request handling does to the envelope: timestamps become Dates. */
function withDates(activity: Activity): Activity {
  const raw = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = raw[field];
    if (typeof value === 'string') Object.assign(raw, { [rawField]: value, [field]: new Date(value) });
  }
  return activity;
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function isNetworkError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; type?: unknown; name?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  // node-fetch's FetchError of type 'system' (a DNS or socket failure), or undici's "fetch failed" with a cause.
  if (e.name === 'FetchError' && e.type === 'system') return true;
  return e.cause !== undefined && isNetworkError(e.cause);
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return `${typeof e?.code === 'string' ? `${e.code}: ` : ''}${message}`.replace(/\s+/g, ' ').slice(0, 300);
}

/** A warning at most once a minute, saying how many were held back in between. */
function onceAMinute(logger: Logger): (line: string) => void {
  let last = 0;
  let held = 0;
  return (line) => {
    const now = Date.now();
    if (now - last < 60_000) {
      held++;
      return;
    }
    logger.warn(held > 0 ? `${line} (${held} more since the last such line)` : line);
    last = now;
    held = 0;
  };
}

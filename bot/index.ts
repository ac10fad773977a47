// Everything botbuilder that the HTTP layer needs, behind one small interface, so swapping the
// SDK (e.g. for the Microsoft 365 Agents SDK) stays inside bot/ and dialogs/.
import type { Request, Response } from 'botbuilder';
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
  return {
    handle: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
    outboxTransport: createOutboxTransport({ auth, appId: opts.credentials?.appId, prisma: opts.prisma }),
  };
}

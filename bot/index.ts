// Everything botbuilder that the HTTP layer needs, behind one small interface, so swapping the
// SDK (e.g. for the Microsoft 365 Agents SDK) stays inside bot/ and dialogs/.
import { ConversationState, UserState } from 'botbuilder';
import type { Request, Response } from 'botbuilder';
import type { BotCredentials } from '../config/env.ts';
import type { DbClient } from '../db/open.ts';
import type { Logger } from '../server/log.ts';
import { createAdapter } from './adapter.ts';
import { NaftBot } from './naftBot.ts';
import { PrismaStorage } from './prismaStorage.ts';

export interface BotEndpoint {
  /** Handles one POST /api/messages, including authentication. */
  handle(req: Request, res: Response): Promise<void>;
}

export function createBotEndpoint(opts: { credentials: BotCredentials | undefined; prisma: DbClient; logger: Logger }): BotEndpoint {
  const adapter = createAdapter(opts.credentials, opts.logger);
  const storage = new PrismaStorage(opts.prisma);
  const bot = new NaftBot({ prisma: opts.prisma, conversationState: new ConversationState(storage), userState: new UserState(storage) });
  return { handle: (req, res) => adapter.process(req, res, (context) => bot.run(context)) };
}

// What `npm start` does in local mode once the service runs (server/main.ts loads this file through
// tsx, only then): the Agents Playground with a demo person as its current user (Sofie Claes, or
// whoever PLAYGROUND_USER names), and with demo data the dispatch channel linked and filled
// (prelink.ts). The end-to-end tests start it the same way.
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbClient } from '../db/open.ts';
import { demoCurrentUser, demoPersonNamed, personalChatIdOf } from './demo.ts';
import type { DemoPerson } from './demo.ts';
import { renderPlaygroundYml } from './demo-yml.ts';
import { prelinkDemoDispatch, replayDispatchChannel } from './prelink.ts';
import { startPlayground } from './start.ts';
import type { PlaygroundHandle } from './start.ts';

export { demoPersonNamed, PlaygroundUserError } from './demo.ts';

export interface LocalPlaygroundOptions {
  /** The service's Prisma client. */
  prisma: DbClient;
  botEndpoint: string;
  /** 0 picks a free port. */
  port: number;
  /** PLAYGROUND_USER: a demo person's name, any case; Sofie Claes when unset or empty. */
  user?: string | undefined;
  /** Link and fill the dispatch channel (only with demo data: the demo people must exist). */
  demoData: boolean;
  log: (line: string) => void;
}

export interface LocalPlayground extends PlaygroundHandle {
  currentUser: DemoPerson;
}

export async function startLocalPlayground(opts: LocalPlaygroundOptions): Promise<LocalPlayground> {
  const currentUser = opts.user?.trim() ? demoPersonNamed(opts.user) : demoCurrentUser;
  // Sofie is what .m365agentsplayground.yml says; anyone else gets a set-up of their own.
  let configPath: string | undefined;
  if (currentUser !== demoCurrentUser) {
    configPath = join(tmpdir(), `naft-playground-${process.pid}-${currentUser.aadObjectId}.yml`);
    writeFileSync(configPath, renderPlaygroundYml(currentUser));
  }
  const removeConfig = () => {
    if (configPath) rmSync(configPath, { force: true });
  };
  try {
    // A known port, so the connector URL in the conversation references is known before the start
    // (with port 0 the playground would pick one and say localhost).
    const port = opts.port === 0 ? await freePort() : opts.port;
    let prelinked = false;
    if (opts.demoData) {
      const result = await prelinkDemoDispatch(opts.prisma, { serviceUrl: `http://127.0.0.1:${port}/_connector`, currentUser });
      if (result.done) result.lines.forEach((line) => opts.log(line));
      else opts.log(`Dispatch channel not linked for the demo: ${result.reason}`);
      prelinked = result.done;
    }
    // A page of the web UI shows only what the bot sends while it is open, and every page that
    // loads opens the current user's 1:1 chat first. So each time a page loads, the cards of the
    // dispatch channel are posted again (once per page, one page after the other), and what
    // waited in the outbox (for a chat, for a channel) goes now: sent before, no page shows it.
    const myChat = personalChatIdOf(currentUser);
    let replaying: Promise<void> = Promise.resolve();
    const onConversationOpened = (conversationId: string): void => {
      if (!prelinked || conversationId !== myChat) return;
      replaying = replaying.then(async () => {
        try {
          const reposted = await replayDispatchChannel(opts.prisma);
          if (reposted > 0) opts.log(`A playground page opened: posting ${reposted === 1 ? 'the card' : `the ${reposted} cards`} of the dispatch channel again`);
        } catch (error) {
          opts.log(`Could not post the dispatch channel's cards again: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    };
    const playground = await startPlayground({ botEndpoint: opts.botEndpoint, port, ...(configPath ? { configPath } : {}), log: opts.log, onConversationOpened });
    return {
      ...playground,
      currentUser,
      close: async () => {
        await playground.close();
        await replaying;
        removeConfig();
      },
    };
  } catch (error) {
    removeConfig();
    throw error;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => listening());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((closed) => server.close(() => closed()));
  return port;
}

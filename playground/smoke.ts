// Manual end-to-end check (not a test): with the bot on :3978 and the playground on
// :56150 (`npm run playground`), send a message as the current user in the 1:1 chat and
// print what the bot answers.
//
//   tsx playground/smoke.ts                 sends "help"
//   tsx playground/smoke.ts --install "hoi" first "opens the app" (installationUpdate +
//                                           conversationUpdate), then sends "hoi"
//   PLAYGROUND_URL=http://localhost:56150   where the playground runs (default shown)
import { spawn } from 'node:child_process';
import { z } from 'zod';
import { getPlaygroundConfig, openStream, sendMessage, triggerInstallation, type TStreamEvent } from './client.ts';

/** The first TextBlock's text in an Adaptive Card, searching nested containers. */
function firstTextBlock(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = firstTextBlock(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  if ('type' in node && node.type === 'TextBlock' && 'text' in node && typeof node.text === 'string') return node.text;
  // Where cards nest elements: body, containers' items, column sets' columns.
  return firstTextBlock([
    'body' in node ? node.body : undefined,
    'items' in node ? node.items : undefined,
    'columns' in node ? node.columns : undefined,
  ]);
}

function describe(event: TStreamEvent): string {
  const message = event.message;
  if (message === undefined) return `(${event.action})`;
  const parts = message.text === undefined ? [] : [JSON.stringify(message.text)];
  for (const attachment of message.attachments) {
    const title = firstTextBlock(attachment.content);
    parts.push(`[${attachment.contentType}${title === undefined ? '' : `: ${JSON.stringify(title)}`}]`);
  }
  return `${event.action} ${message.messageId}: ${parts.join(' ')}`;
}

async function main(): Promise<void> {
  const { PLAYGROUND_URL: baseUrl } = z
    .object({ PLAYGROUND_URL: z.url().default('http://localhost:56150') })
    .parse(process.env);
  const args = process.argv.slice(2);
  const install = args.includes('--install');
  const text = args.find((arg) => !arg.startsWith('--')) ?? 'help';

  const stream = await openStream(baseUrl); // before anything is sent, so nothing is missed
  console.log(`Playground ${baseUrl}: reading config (waits up to 15 s for the bot)…`);
  const config = await getPlaygroundConfig(baseUrl);
  const chatId = config.personalChat.id;
  const fromBot = (after: number) => (event: TStreamEvent): boolean =>
    event.actionConversationId === chatId && event.message !== undefined &&
    event.message.from.id === config.bot.id && event.message.timestamp >= after;

  const since = Date.now(); // same machine as the playground, so the clocks agree
  if (install) {
    console.log(`→ installation in the 1:1 chat of ${config.currentUser.name}`);
    await triggerInstallation(baseUrl, chatId);
  }
  console.log(`→ ${config.currentUser.name} (${config.currentUser.aadObjectId}) writes ${JSON.stringify(text)}`);
  await sendMessage(baseUrl, { conversationId: chatId, fromId: config.currentUser.id, text });

  try {
    const first = await stream.next(fromBot(since)).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; is the bot running?`);
    });
    console.log(`← ${describe(first)}`);
    // Print what else arrives shortly after (a card after a text, a welcome and a reply).
    for (;;) {
      const more = await stream.next(fromBot(since), 2000).catch(() => undefined);
      if (more === undefined) break;
      console.log(`← ${describe(more)}`);
    }
  } finally {
    stream.close();
  }
}

if (typeof globalThis.WebSocket === 'undefined') {
  // Node 20 has WebSocket only behind a flag (Node 22 has it by default): run again with it.
  const child = spawn(process.execPath, ['--experimental-websocket', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

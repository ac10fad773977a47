// Test-only: what the playground/*.e2e.test.ts files (run by `npm run test:playground`, never by
// `npm test`) share. The real service on a fresh embedded database, Debian's Chromium
// (apt-get install -y chromium), the Agents Playground started the way `npm start` starts it, and a
// watcher on what the bot sends to the page. Nothing that `npm start` runs imports this file.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { loadConfig } from '../config/env.ts';
import { STEP_IDS } from '../referrals/steps.ts';
import { startService } from '../server/app.ts';
import type { Service } from '../server/app.ts';
import { silentLogger } from '../server/log.ts';
import { button, cardText } from '../test/support/chat.ts';
import type { CardJson } from '../test/support/chat.ts';
import { STEP_ANSWERS } from '../test/support/referralAnswers.ts';
import { answersFor, kindTitle, NEXT } from '../test/support/referralChat.ts';
import { sendMessage, submitAction, ZStreamEvent } from './client.ts';
import type { TStreamEvent } from './client.ts';
import { demoPersonNamed, demoPlayground, demoTeam, demoTeamsUserId, personalChatIdOf } from './demo.ts';
import { startLocalPlayground } from './local.ts';
import type { LocalPlayground } from './local.ts';
import type { PlaygroundHandle } from './start.ts';

const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying Google hosts on this closed network.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Where the screenshots go. */
export const SHOTS = resolve(import.meta.dirname, '..', 'test-output', 'playground');
/** How long to wait for the web UI or the bot. */
export const UI_TIMEOUT = 20_000;

export const SOFIE = demoPersonNamed('Sofie Claes');
export const CHANNEL = demoTeam.dispatchChannelId;
export const PUPIL = { firstName: 'Amira', lastInitial: 'B', birthYear: String(new Date().getFullYear() - 15) };
export const ABOUT = 'Amira spijbelt sinds september en haakt af in de lessen; thuis loopt het moeilijk.';

export interface BotMessages {
  events: TStreamEvent[];
  /** The first card the bot sends into the conversation (or a thread of it) after `events[from]`. */
  nextCard: (conversationId: string, from: number) => Promise<{ messageId: string; card: CardJson; thread: string | undefined }>;
  /** The first card the bot updates in the conversation after `events[from]`. */
  nextUpdate: (conversationId: string, from: number) => Promise<CardJson>;
  /** The text of the first message the bot sends into the conversation after `events[from]`. */
  nextText: (conversationId: string, from: number) => Promise<string>;
}

export interface E2e {
  /** The service, started in beforeAll. */
  readonly service: Service;
  readonly browser: Browser;
  /** The playground of the last `startAs`. */
  readonly playground: LocalPlayground | undefined;
  /** The playground started in beforeAll with `options.playground`. */
  readonly fixedPlayground: PlaygroundHandle;
  /** A new playground (as `npm start` with PLAYGROUND_USER=user would start it) and a browser tab on it. */
  startAs: (user?: string) => Promise<{ page: Page; bot: BotMessages }>;
}

/**
 * Registers the beforeAll/afterAll of an e2e file: the service on a fresh PGlite in a temporary
 * folder named after `dataDirPrefix`, optionally a playground of the file's own (started after the
 * service, closed after the browser), and Chromium; everything closed and removed afterwards.
 */
export function useE2e(dataDirPrefix: string, options: { playground?: (service: Service) => Promise<PlaygroundHandle> } = {}): E2e {
  let dataDir: string | undefined;
  let service: Service | undefined;
  let browser: Browser | undefined;
  let fixed: PlaygroundHandle | undefined;
  let playground: LocalPlayground | undefined;
  const started = <T>(value: T | undefined, what: string): T => value ?? expect.unreachable(`${what} did not start`);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    await mkdir(SHOTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), dataDirPrefix));
    service = await startService({ ...loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'on' }), database: { kind: 'pglite', dataDir } }, silentLogger);
    if (options.playground) fixed = await options.playground(service);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
    await fixed?.close();
    await service?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return {
    get service() {
      return started(service, 'the service');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    get playground() {
      return playground;
    },
    get fixedPlayground() {
      return started(fixed, 'the playground');
    },
    async startAs(user) {
      const running = started(service, 'the service');
      await playground?.close();
      playground = await startLocalPlayground({ prisma: running.db.prisma, botEndpoint: `${running.url}/api/messages`, port: 0, user, demoData: true, log: () => {} });
      const page = await started(browser, 'Chromium').newPage({ viewport: { width: 1400, height: 2400 } });
      const bot = watchBot(page);
      await page.goto(playground.url);
      return { page, bot };
    },
  };
}

/** What the playground pushes to the page: every message the bot sends or updates. */
function watchBot(page: Page): BotMessages {
  const events: TStreamEvent[] = [];
  page.on('websocket', (socket) => {
    if (!socket.url().endsWith('/_ws_conversation/v1/conversations/stream')) return;
    socket.on('framereceived', ({ payload }) => {
      const parsed = ZStreamEvent.safeParse(JSON.parse(String(payload)));
      if (parsed.success) events.push(parsed.data);
    });
  });
  const find = async <T>(pick: (event: TStreamEvent) => T | undefined, from: number): Promise<T> => {
    let found: T | undefined;
    await expect.poll(() => (found = events.slice(from).map(pick).find((x) => x !== undefined)), { timeout: UI_TIMEOUT }).toBeDefined();
    return found as T;
  };
  const fromBot = (event: TStreamEvent, action: string, conversationId: string) =>
    event.action === action && event.actionConversationId.startsWith(conversationId) && event.message?.from.id === demoPlayground.botId ? event.message : undefined;
  const cardIn = (message: NonNullable<TStreamEvent['message']> | undefined) =>
    message?.attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as CardJson | undefined;
  return {
    events,
    nextCard: (conversationId, from) =>
      find((event) => {
        const message = fromBot(event, 'createMessage', conversationId);
        const card = cardIn(message);
        return message && card ? { messageId: message.messageId, card, thread: message.postConversationId } : undefined;
      }, from),
    nextUpdate: (conversationId, from) => find((event) => cardIn(fromBot(event, 'updateMessage', conversationId)), from),
    nextText: (conversationId, from) => find((event) => fromBot(event, 'createMessage', conversationId)?.text, from),
  };
}

/**
 * Sofie refers PUPIL (with ABOUT as the reason) through the playground's API, for speed, as the web
 * UI would send it. Returns the overview she confirmed, the reference on the card that came back, and
 * `mark`: where in `bot.events` the confirm began (the channel card comes after it).
 */
export async function referAsSofie(e2e: E2e, bot: BotMessages): Promise<{ overview: CardJson; reference: string; mark: number }> {
  const chat = personalChatIdOf(SOFIE);
  const url = e2e.playground?.url ?? '';
  let mark = bot.events.length;
  await sendMessage(url, { conversationId: chat, fromId: demoTeamsUserId(SOFIE), text: 'nieuwe aanmelding' });
  let current = await bot.nextCard(chat, mark);
  const click = async (title: string | RegExp, inputs: Record<string, string> = {}) => {
    mark = bot.events.length;
    await submitAction(url, { conversationId: chat, fromId: demoTeamsUserId(SOFIE), replyToId: current.messageId, value: { ...inputs, ...button(current.card, title) } });
    current = await bot.nextCard(chat, mark);
  };
  await click(kindTitle('PUPIL'));
  for (const step of STEP_IDS) await click(NEXT, step === 'reason' ? { ...STEP_ANSWERS.reason, about: ABOUT } : answersFor(step, 'PUPIL', PUPIL));
  const overview = current.card;
  await click('Bevestigen en versturen');
  return { overview, reference: /GR-\d{4}-\d{4}/.exec(cardText(current.card))?.[0] ?? '', mark };
}

/** The card in the web UI that shows `text`. */
export const cardWith = (page: Page, text: string): Locator => page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();

// The list on the left (it has no accessible roles, so by its text).
export const openChannel = (page: Page) => page.getByText(demoTeam.dispatchChannelName, { exact: true }).click();
export const openPersonalChat = (page: Page) => page.getByText('Personal Chat', { exact: true }).click();

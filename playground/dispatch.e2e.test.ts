// Run by `npm run test:playground` (never by `npm test`): the dispatch by "hand", as README's "Try it
// in the playground" tells it, against the real service on a fresh embedded database and the real
// Agents Playground, started the way `npm start` starts it (local.ts: the Dispatch channel linked
// for the demo). Sofie refers (through the playground's API, for speed); the card appears in the
// channel by itself; the playground is started again as Lotte Vermeulen (PLAYGROUND_USER), who
// takes the referral up on the card in the web UI and gets the identifying details 1:1; started as
// Sofie once more, she finds the decision in her 1:1 chat. Screenshots in test-output/playground/.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = resolve(import.meta.dirname, '..', 'test-output', 'playground');

const SOFIE = demoPersonNamed('Sofie Claes');
const CHANNEL = demoTeam.dispatchChannelId;
const PUPIL = { firstName: 'Amira', lastInitial: 'B', birthYear: String(new Date().getFullYear() - 15) };
const ABOUT = 'Amira spijbelt sinds september en haakt af in de lessen; thuis loopt het moeilijk.';

let dataDir: string;
let service: Service;
let browser: Browser;
let playground: LocalPlayground | undefined;
let reference = '';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  await mkdir(SHOTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'naft-e2e-dispatch-'));
  service = await startService({ ...loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'on' }), database: { kind: 'pglite', dataDir } }, silentLogger);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  await service?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A new playground (as `npm start` with PLAYGROUND_USER=user would start it) and a browser tab on it. */
async function startAs(user?: string): Promise<{ page: Page; bot: BotMessages }> {
  await playground?.close();
  playground = await startLocalPlayground({ prisma: service.db.prisma, botEndpoint: `${service.url}/api/messages`, port: 0, user, demoData: true, log: () => {} });
  const page = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
  const bot = watchBot(page);
  await page.goto(playground.url);
  return { page, bot };
}

interface BotMessages {
  events: TStreamEvent[];
  /** The first card the bot sends into the conversation (or a thread of it) after `events[from]`. */
  nextCard: (conversationId: string, from: number) => Promise<{ messageId: string; card: CardJson; thread: string | undefined }>;
  nextText: (conversationId: string, from: number) => Promise<string>;
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
    await expect.poll(() => (found = events.slice(from).map(pick).find((x) => x !== undefined)), { timeout: 20_000 }).toBeDefined();
    return found as T;
  };
  const created = (conversationId: string) => (event: TStreamEvent) =>
    event.action === 'createMessage' && event.actionConversationId.startsWith(conversationId) && event.message?.from.id === demoPlayground.botId ? event.message : undefined;
  return {
    events,
    nextCard: (conversationId, from) =>
      find((event) => {
        const message = created(conversationId)(event);
        const card = message?.attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as CardJson | undefined;
        return message && card ? { messageId: message.messageId, card, thread: message.postConversationId } : undefined;
      }, from),
    nextText: (conversationId, from) => find((event) => created(conversationId)(event)?.text, from),
  };
}

/** The card in the web UI that shows `text`. */
const cardWith = (page: Page, text: string): Locator => page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();

// The list on the left (it has no accessible roles, so by its text).
const openChannel = (page: Page) => page.getByText(demoTeam.dispatchChannelName, { exact: true }).click();
const openPersonalChat = (page: Page) => page.getByText('Personal Chat', { exact: true }).click();

/** Everything a card in the channel may not show: who the young person is. */
function expectNoIdentifiers(text: string): void {
  expect(text).not.toMatch(/Amira/i);
  expect(text).not.toMatch(/\bB\./);
  expect(text).not.toContain(PUPIL.birthYear);
}

describe('the dispatch in the Agents Playground', () => {
  it('posts Sofie’s referral in the Dispatch channel that npm start linked, without who the pupil is', async () => {
    const { page, bot } = await startAs(); // Sofie Claes, as with plain `npm start`
    await page.getByRole('button', { name: 'Nieuwe aanmelding' }).last().waitFor({ timeout: 20_000 });

    // The referral through the playground's API, as the web UI would send it.
    const chat = personalChatIdOf(SOFIE);
    const url = playground?.url ?? '';
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
    expect(cardText(current.card)).toContain('Overzicht van je aanmelding');
    mark = bot.events.length;
    await click('Bevestigen en versturen');
    reference = /GR-\d{4}-\d{4}/.exec(cardText(current.card))?.[0] ?? '';
    expect(reference).toBe(`GR-${new Date().getFullYear()}-0001`);

    // Nobody typed "koppel dispatch": the card comes into the channel by itself.
    const posted = await bot.nextCard(CHANNEL, mark);
    expect(posted.thread).toBe(`${CHANNEL};messageid=${posted.messageId}`);
    expect(cardText(posted.card)).toContain(reference);
    expectNoIdentifiers(JSON.stringify(posted.card));

    await openChannel(page);
    const shown = cardWith(page, reference);
    await shown.waitFor({ timeout: 20_000 });
    expect(await shown.innerText()).toContain('Wacht op een beslissing van de dispatch.');
    expect(await shown.innerText()).toMatch(/de leerling spijbelt sinds september/i); // the name replaced, at the start of the sentence
    expectNoIdentifiers(await shown.innerText());
    await shown.screenshot({ path: join(SHOTS, 'dispatch-1-card-as-sofie.png') });
    await page.close();
  });

  it('lets Lotte Vermeulen, started as the current user, take it up on the card and read who it is 1:1', async () => {
    const { page, bot } = await startAs('lotte vermeulen');
    expect(playground?.currentUser.name).toBe('Lotte Vermeulen');
    // The playground starts empty: the card is posted again.
    await openChannel(page);
    const shown = cardWith(page, reference);
    await shown.waitFor({ timeout: 20_000 });
    await shown.screenshot({ path: join(SHOTS, 'dispatch-2-card-before.png') });

    await shown.getByRole('button', { name: 'Wij nemen op' }).click();
    const form = cardWith(page, 'Bevestigen: wij nemen op');
    await form.waitFor({ timeout: 20_000 });
    await form.screenshot({ path: join(SHOTS, 'dispatch-3-take-up-form.png') });
    // The invoke answer shows it to Lotte at once; the outbox then updates the card for everyone.
    const mark = bot.events.length;
    await form.getByRole('button', { name: 'Bevestigen: wij nemen op' }).click();
    const taken = cardWith(page, 'Opgenomen door aPart');
    await expect.poll(() => taken.innerText(), { timeout: 20_000 }).toContain('Opgenomen door aPart (begeleider Lotte Vermeulen)');
    await expect.poll(() => bot.events.slice(mark).some((e) => e.action === 'updateMessage' && e.actionConversationId.startsWith(CHANNEL)), { timeout: 20_000 }).toBe(true);
    const updated = bot.events.filter((e) => e.action === 'updateMessage' && e.actionConversationId.startsWith(CHANNEL)).at(-1);
    expect(cardText(updated?.message?.attachments[0]?.content as CardJson)).toContain('Opgenomen door aPart');
    expectNoIdentifiers(JSON.stringify(updated?.message));
    expectNoIdentifiers(await taken.innerText());
    await taken.screenshot({ path: join(SHOTS, 'dispatch-4-card-after.png') });

    // Typed in the channel by a coordinator: the channel is already linked.
    const at = `<at>${demoPlayground.botName}</at>`;
    const typed = bot.events.length;
    await sendMessage(playground?.url ?? '', { conversationId: CHANNEL, fromId: demoTeamsUserId(demoPersonNamed('Lotte Vermeulen')), text: `${at} koppel dispatch Gent en Rand`, mentions: [{ mentioned: { id: demoPlayground.botId }, text: at }] });
    expect(await bot.nextText(CHANNEL, typed)).toContain('Dit kanaal is al het dispatchkanaal van **NAFT Gent en Rand**');

    // Only aPart, in Lotte's 1:1 chat, learns who the young person is.
    await openPersonalChat(page);
    const details = cardWith(page, 'Opgenomen: gegevens voor de begeleiding');
    await details.waitFor({ timeout: 20_000 });
    expect(await details.innerText()).toContain('Amira B.');
    await details.screenshot({ path: join(SHOTS, 'dispatch-5-details-for-lotte.png') });
    await page.close();
  });

  it('has the decision waiting in Sofie’s 1:1 chat when the playground is hers again', async () => {
    const { page } = await startAs();
    const notice = cardWith(page, 'Je aanmelding is opgenomen');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toContain('opgenomen door aPart');
    await notice.screenshot({ path: join(SHOTS, 'dispatch-6-notice-for-sofie.png') });
    await page.screenshot({ path: join(SHOTS, 'dispatch-7-sofie-chat.png'), fullPage: true });

    // Nothing was sent into a chat that was not there, and nothing is left waiting.
    const outbox = await service.db.prisma.outboxMessage.groupBy({ by: ['status'], _count: true });
    expect(outbox.find((row) => row.status === 'FAILED')).toBeUndefined();
    await page.close();
  });
});

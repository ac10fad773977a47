// Run by `npm run test:playground` (never by `npm test`): the afronding and the survey by "hand", as
// README's "Afronding (in Teams)" and survey sections tell it, against the real service on a fresh
// embedded database and the real Agents Playground, started the way `npm start` starts it. Sofie
// refers (through the playground's API, for speed); the playground is started again as Lotte
// Vermeulen (aPart), who takes the referral up on the channel card, notes eerste contact, intake
// and the start, clicks Afronden and fills in the form. The QR card comes into her 1:1 chat; its
// print buttons open the print pages; the link is opened on a phone-sized page and the survey
// answered; the channel card then says the survey was answered. Screenshots of every step in
// test-output/playground/afronding-*.png.
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
const shot = (name: string) => join(SHOTS, `afronding-${name}.png`);

const SOFIE = demoPersonNamed('Sofie Claes');
const CHANNEL = demoTeam.dispatchChannelId;
const PUPIL = { firstName: 'Amira', lastInitial: 'B', birthYear: String(new Date().getFullYear() - 15) };
const ABOUT = 'Amira spijbelt sinds september en haakt af in de lessen; thuis loopt het moeilijk.';
const OUTCOME = 'Gaat terug naar school, stage gevonden.';
const UI_TIMEOUT = 20_000;

let dataDir: string;
let service: Service;
let browser: Browser;
let playground: LocalPlayground | undefined;
let reference = '';
/** Taken from the QR card, as a begeleider would copy it. */
let surveyLink = '';
/** Lotte's playground page, kept open from the afronding to the ✓. */
let lotte: { page: Page; bot: BotMessages } | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  await mkdir(SHOTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'naft-e2e-afronding-'));
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
  nextCard: (conversationId: string, from: number) => Promise<{ messageId: string; card: CardJson }>;
  /** The first card the bot updates in the conversation after `events[from]`. */
  nextUpdate: (conversationId: string, from: number) => Promise<CardJson>;
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
  const cardOf = (event: TStreamEvent, action: string, conversationId: string) =>
    event.action === action && event.actionConversationId.startsWith(conversationId) && event.message?.from.id === demoPlayground.botId
      ? (event.message.attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as CardJson | undefined)
      : undefined;
  return {
    events,
    nextCard: (conversationId, from) =>
      find((event) => {
        const card = cardOf(event, 'createMessage', conversationId);
        return card && event.message ? { messageId: event.message.messageId, card } : undefined;
      }, from),
    nextUpdate: (conversationId, from) => find((event) => cardOf(event, 'updateMessage', conversationId), from),
  };
}

/** The card in the web UI that shows `text`. */
const cardWith = (page: Page, text: string): Locator => page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
const textOf = async (locator: Locator): Promise<string> => (await locator.innerText()).replace(/\s+/g, ' ');

// The list on the left (it has no accessible roles, so by its text).
const openChannel = (page: Page) => page.getByText(demoTeam.dispatchChannelName, { exact: true }).click();
const openPersonalChat = (page: Page) => page.getByText('Personal Chat', { exact: true }).click();

/** What a card shows may never be markdown or JSON that was not rendered. */
function expectRendered(text: string): void {
  expect(text).not.toMatch(/\*\*|\{"|"type":|\[object Object\]|undefined|NaN/);
}

/**
 * Clicks a button on the channel card, waits until the card says `after`, and then until the
 * outbox has updated the card for everyone (which replaces the invoke's answer and its `notice`):
 * a form opened on the card before that update would be replaced by it.
 */
async function step(page: Page, bot: BotMessages, name: string, after: string, notice: string, file: string): Promise<Locator> {
  const mark = bot.events.length;
  await cardWith(page, reference).getByRole('button', { name, exact: true }).click();
  await expect.poll(() => textOf(cardWith(page, reference)), { timeout: UI_TIMEOUT }).toContain(after);
  await settled(page, bot, mark, notice);
  await cardWith(page, reference).screenshot({ path: shot(file) });
  return cardWith(page, reference);
}

/** The channel card after the outbox's update (since `events[mark]`): without the invoke's notice. */
async function settled(page: Page, bot: BotMessages, mark: number, notice: string): Promise<void> {
  expect(cardText(await bot.nextUpdate(CHANNEL, mark))).not.toContain(notice);
  await expect.poll(() => textOf(cardWith(page, reference)), { timeout: UI_TIMEOUT }).not.toContain(notice);
}

describe('the afronding and the survey in the Agents Playground', () => {
  it('has Sofie’s referral in the Dispatch channel', async () => {
    const { page, bot } = await startAs(); // Sofie Claes, as with plain `npm start`
    await page.getByRole('button', { name: 'Nieuwe aanmelding' }).last().waitFor({ timeout: UI_TIMEOUT });
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
    for (const s of STEP_IDS) await click(NEXT, s === 'reason' ? { ...STEP_ANSWERS.reason, about: ABOUT } : answersFor(s, 'PUPIL', PUPIL));
    mark = bot.events.length;
    await click('Bevestigen en versturen');
    reference = /GR-\d{4}-\d{4}/.exec(cardText(current.card))?.[0] ?? '';
    expect(reference).toMatch(/^GR-\d{4}-0001$/);
    expect(cardText((await bot.nextCard(CHANNEL, mark)).card)).toContain(reference);
    await page.close();
  });

  it('lets Lotte Vermeulen take it up, note the steps and close it from the channel card', async () => {
    lotte = await startAs('lotte vermeulen');
    const { page, bot } = lotte;
    expect(playground?.currentUser.name).toBe('Lotte Vermeulen');
    await openChannel(page);
    await cardWith(page, reference).waitFor({ timeout: UI_TIMEOUT });

    // Taking up, as in the dispatch test.
    let mark = bot.events.length;
    await cardWith(page, reference).getByRole('button', { name: 'Wij nemen op' }).click();
    const takeUp = cardWith(page, 'Bevestigen: wij nemen op');
    await takeUp.waitFor({ timeout: UI_TIMEOUT });
    await takeUp.getByRole('button', { name: 'Bevestigen: wij nemen op' }).click();
    await expect.poll(() => textOf(cardWith(page, reference)), { timeout: UI_TIMEOUT }).toContain('Opgenomen door aPart (begeleider Lotte Vermeulen)');
    await settled(page, bot, mark, 'Genoteerd: jullie nemen op.');
    await cardWith(page, reference).screenshot({ path: shot('01-taken-up') });

    // The steps of the trajectory, one button each.
    await step(page, bot, 'Eerste contact gehad', 'eerste contact ', 'Eerste contact genoteerd.', '02a-first-contact');
    await step(page, bot, 'Intake gebeurd', 'Intake gebeurd —', 'Intake genoteerd.', '02b-intake');
    const running = await step(page, bot, 'Traject gestart', 'Traject loopt', 'Start van het traject genoteerd', '02c-running');
    const steps = await textOf(running);
    expect(steps).toMatch(/eerste contact \d\d\/\d\d\/\d{4} · intake \d\d\/\d\d\/\d{4} · gestart \d\d\/\d\d\/\d{4}/);
    expect(await running.getByRole('button', { name: 'Afronden', exact: true }).isVisible()).toBe(true);

    // Afronden: the form is the invoke's answer, for Lotte only.
    await running.getByRole('button', { name: 'Afronden', exact: true }).click();
    const form = cardWith(page, 'Traject afronden');
    await form.waitFor({ timeout: UI_TIMEOUT });
    const formText = await textOf(form);
    expect(formText).toContain(reference);
    expect(formText).not.toContain('Amira'); // the channel: no names, also not in the form
    expectRendered(formText);
    await form.screenshot({ path: shot('03-close-form-empty') });

    // Confirming with nothing filled in: the problems in red, nothing closed.
    await form.getByRole('button', { name: 'Bevestigen: afronden' }).click();
    await expect.poll(() => textOf(cardWith(page, 'Traject afronden')), { timeout: UI_TIMEOUT }).toMatch(/Pas nog \d antwoorden aan/);
    const checked = cardWith(page, 'Traject afronden');
    await checked.screenshot({ path: shot('04-close-form-errors') });

    await checked.getByRole('radio', { name: 'Afgerond', exact: true }).check();
    await checked.getByRole('radio', { name: 'Grotendeels bereikt', exact: true }).check();
    await checked.getByLabel(/Resultaat in één zin/).fill(OUTCOME);
    await checked.screenshot({ path: shot('05-close-form-filled') });

    mark = bot.events.length;
    await checked.getByRole('button', { name: 'Bevestigen: afronden' }).click();
    await expect.poll(() => textOf(cardWith(page, reference)), { timeout: UI_TIMEOUT }).toMatch(/Afgerond op \d\d\/\d\d\/\d{4}/);
    const closed = cardWith(page, reference);
    const closedText = await textOf(closed);
    expect(closedText).toContain('Bevraging: jongere –');
    expect(closedText).not.toContain(OUTCOME); // the outcome is not for the channel
    expect(await closed.getByRole('button').count()).toBe(0);
    expectRendered(closedText);
    await closed.screenshot({ path: shot('06-card-closed') });

    // The outbox updates the channel card for everyone too; without the outcome.
    const updated = await bot.nextUpdate(CHANNEL, mark);
    expect(cardText(updated)).toContain('Afgerond op');
    expect(JSON.stringify(updated)).not.toContain(OUTCOME);
  });

  it('brings the QR card into Lotte’s 1:1 chat, readable, with the link and the print buttons', async () => {
    const { page } = lotte ?? expect.unreachable('no page for Lotte');
    await openPersonalChat(page);
    const codes = cardWith(page, `${reference} · tevredenheidsbevraging`);
    await codes.waitFor({ timeout: UI_TIMEOUT });
    await codes.scrollIntoViewIfNeeded();
    const text = await textOf(codes);
    expect(text).toContain(`${reference} · tevredenheidsbevraging · alleen voor jou`);
    expect(text).toContain('Voor de jongere');
    expectRendered(text);

    // The QR code is an image that really rendered (a data URI, nothing fetched elsewhere).
    const qr = codes.getByRole('img', { name: 'QR-code van de bevraging voor de jongere' });
    await qr.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => qr.evaluate((img) => ('naturalWidth' in img && img.complete === true ? img.naturalWidth : 0)), { timeout: UI_TIMEOUT }).toBeGreaterThanOrEqual(200);
    expect((await qr.getAttribute('src')) ?? '').toMatch(/^data:image\/png;base64,/);
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(150); // large enough to scan from the screen

    // The link as text, visible, to copy.
    surveyLink = new RegExp(`${service.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/s/[A-Za-z0-9_-]{22,}`).exec(text)?.[0] ?? '';
    expect(surveyLink).not.toBe('');
    expect(await codes.getByText(surveyLink, { exact: true }).isVisible()).toBe(true);

    await codes.screenshot({ path: shot('07-qr-card') });

    // Higher up in the same chat, the details card from the take-up still has the step buttons of
    // then: a click on one changes nothing and shows that card as it is now, without them.
    const details = cardWith(page, 'Opgenomen: gegevens voor de begeleiding');
    await details.getByRole('button', { name: 'Traject gestart', exact: true }).click();
    await expect.poll(() => textOf(cardWith(page, 'Opgenomen: gegevens voor de begeleiding')), { timeout: UI_TIMEOUT }).toMatch(/De start kan je noteren na het opnemen of de intake: afgerond op \d\d\/\d\d\/\d{4}/);
    expect(await cardWith(page, 'Opgenomen: gegevens voor de begeleiding').getByRole('button').count()).toBe(0);
    await cardWith(page, 'Opgenomen: gegevens voor de begeleiding').screenshot({ path: shot('08b-details-card-stale-click') });
    await page.screenshot({ path: shot('08-lotte-chat'), fullPage: true });
    // One block per variant (the young person's first, then the school's), each with its two print
    // buttons (Action.OpenUrl: the playground renders them with the role "link").
    expect(text).toContain('Voor de leerkracht of de contactpersoon van de school');
    expect(await codes.getByRole('img', { name: /^QR-code van de bevraging/ }).count()).toBe(2);
    for (const name of ['Afdrukken (A4)', 'Afdrukken (kaartje)']) {
      const buttons = codes.getByRole('link', { name, exact: true });
      expect(await buttons.count()).toBe(2);
      expect(await buttons.first().isVisible()).toBe(true);
    }
  });

  it('opens the print pages from the QR card’s buttons (A4 and the small card)', async () => {
    const { page } = lotte ?? expect.unreachable('no page for Lotte');
    const codes = cardWith(page, `${reference} · tevredenheidsbevraging`);
    for (const [name, file, expected] of [
      ['Afdrukken (A4)', '09-print-a4', `${surveyLink}/afdruk`],
      ['Afdrukken (kaartje)', '10-print-card', `${surveyLink}/afdruk?formaat=kaart`],
    ] as const) {
      const [opened] = await Promise.all([page.context().waitForEvent('page', { timeout: UI_TIMEOUT }), codes.getByRole('link', { name, exact: true }).first().click()]);
      await opened.waitForLoadState('load');
      expect(opened.url()).toBe(expected);
      await opened.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
      expect(await textOf(opened.locator('body'))).toContain('Scan de code met je gsm.');
      const svg = opened.locator('.qr svg');
      expect(await svg.isVisible()).toBe(true);
      expect((await svg.boundingBox())?.width).toBeGreaterThanOrEqual(name === 'Afdrukken (A4)' ? 300 : 100);
      await opened.screenshot({ path: shot(file), fullPage: true });
      await opened.emulateMedia({ media: 'print' });
      await opened.screenshot({ path: shot(`${file}-as-printed`), fullPage: true });
      await opened.close();
    }
  });

  it('lets the young person answer on a phone, and the channel card then shows the ✓', async () => {
    const { page, bot } = lotte ?? expect.unreachable('no page for Lotte');
    const phone = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const survey = await phone.newPage();
    await survey.goto(surveyLink);
    expect(await survey.locator('h1').innerText()).toContain('Hoe was NAFT voor jou?');
    await survey.screenshot({ path: shot('11-survey-phone') });
    await survey.screenshot({ path: shot('12-survey-phone-full'), fullPage: true });
    // Nothing wider than the phone.
    expect(await survey.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(360);

    // By the answer codes, not the words (the wording may still change): a tap on the label, as on a phone.
    const answer = (question: string, value: string) => survey.locator('label.option', { has: survey.locator(`input[type="radio"][name="${question}"][value="${value}"]`) }).tap();
    await answer('talk', 'yes');
    await answer('helped', 'yes');
    await answer('decide', 'somewhat');
    await answer('ownGoals', 'yes');
    await answer('score', '4');
    await answer('recommend', 'yes');
    expect(await survey.locator('input[name="score"][value="4"]').isChecked()).toBe(true);
    await survey.locator('textarea[name="why"]').fill('Ik kon alles zeggen.');
    await survey.screenshot({ path: shot('13-survey-filled'), fullPage: true });

    const mark = bot.events.length;
    await Promise.all([survey.waitForURL(/\/s\/bedankt(\?|$)/), survey.getByRole('button', { name: 'Versturen' }).tap()]);
    expect(await survey.locator('h1').innerText()).toContain('Dank je wel!');
    await survey.screenshot({ path: shot('14-survey-thanks') });

    // The same code once more: used.
    await survey.goto(surveyLink);
    expect(await survey.locator('h1').innerText()).toContain('Deze code is al gebruikt');
    await survey.screenshot({ path: shot('15-survey-used') });
    await phone.close();

    // The channel card, updated by the outbox while the page is open.
    const updated = await bot.nextUpdate(CHANNEL, mark);
    expect(cardText(updated)).toContain('Bevraging: jongere ✓');
    await openChannel(page);
    await expect.poll(() => textOf(cardWith(page, reference)), { timeout: UI_TIMEOUT }).toContain('Bevraging: jongere ✓');
    const card = cardWith(page, reference);
    expect(await textOf(card)).not.toMatch(/Ik kon alles zeggen|Goed\b/); // yes/no only, never an answer
    await card.screenshot({ path: shot('16-card-answered') });

    // A reloaded page starts empty: the card is posted again, still with the ✓.
    await page.reload();
    await openChannel(page);
    await expect.poll(() => textOf(cardWith(page, reference)), { timeout: UI_TIMEOUT }).toContain('Bevraging: jongere ✓');
    await cardWith(page, reference).screenshot({ path: shot('17-card-after-reload') });

    // 1:1, `afronden <referentie>` on a closed trajectory says so, with the yes/no.
    await openPersonalChat(page);
    await page.getByRole('textbox').last().fill(`afronden ${reference}`);
    await page.keyboard.press('Enter');
    const already = cardWith(page, 'Dit traject is al afgerond');
    await already.waitFor({ timeout: UI_TIMEOUT });
    expect(await textOf(already)).toContain('Bevraging: jongere ✓');
    await already.screenshot({ path: shot('18-afronden-typed-after') });

    const outbox = await service.db.prisma.outboxMessage.groupBy({ by: ['status'], _count: true });
    expect(outbox.find((row) => row.status === 'FAILED')).toBeUndefined();
  });
});

// Run by `npm run test:playground` (never by `npm test`): the afronding and the survey by "hand", as
// README's "Afronding (in Teams)" and survey sections tell it, against the real service on a fresh
// embedded database and the real Agents Playground, started the way `npm start` starts it. Sofie
// refers (through the playground's API, for speed); the playground is started again as Lotte
// Vermeulen (aPart), who takes the referral up on the channel card, notes eerste contact, intake
// and the start, clicks Afronden and fills in the form. The QR card comes into her 1:1 chat; its
// print buttons open the print pages; the link is opened on a phone-sized page and the survey
// answered; the channel card then says the survey was answered. Screenshots of every step in
// test-output/playground/afronding-*.png.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { cardText } from '../test/support/chat.ts';
import { CHANNEL, SHOTS, UI_TIMEOUT, cardWith, openChannel, openPersonalChat, referAsSofie, useE2e } from './e2eHarness.ts';
import type { BotMessages } from './e2eHarness.ts';

const shot = (name: string) => join(SHOTS, `afronding-${name}.png`);

const OUTCOME = 'Gaat terug naar school, stage gevonden.';

const e2e = useE2e('naft-e2e-afronding-');
let reference = '';
/** Taken from the QR card, as a begeleider would copy it. */
let surveyLink = '';
/** Lotte's playground page, kept open from the afronding to the ✓. */
let lotte: { page: Page; bot: BotMessages } | undefined;

const textOf = async (locator: Locator): Promise<string> => (await locator.innerText()).replace(/\s+/g, ' ');

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
    const { page, bot } = await e2e.startAs(); // Sofie Claes, as with plain `npm start`
    await page.getByRole('button', { name: 'Nieuwe aanmelding' }).last().waitFor({ timeout: UI_TIMEOUT });
    const sent = await referAsSofie(e2e, bot);
    reference = sent.reference;
    expect(reference).toMatch(/^GR-\d{4}-0001$/);
    expect(cardText((await bot.nextCard(CHANNEL, sent.mark)).card)).toContain(reference);
    await page.close();
  });

  it('lets Lotte Vermeulen take it up, note the steps and close it from the channel card', async () => {
    lotte = await e2e.startAs('lotte vermeulen');
    const { page, bot } = lotte;
    expect(e2e.playground?.currentUser.name).toBe('Lotte Vermeulen');
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
    surveyLink = new RegExp(`${e2e.service.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/s/[A-Za-z0-9_-]{22,}`).exec(text)?.[0] ?? '';
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
    const phone = await e2e.browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const survey = await phone.newPage();
    await survey.goto(surveyLink);
    expect(await survey.locator('h1').innerText()).toContain('Hoe was je begeleiding bij aPart?');
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

    const outbox = await e2e.service.db.prisma.outboxMessage.groupBy({ by: ['status'], _count: true });
    expect(outbox.find((row) => row.status === 'FAILED')).toBeUndefined();
  });
});

// Run by `npm run test:playground` (never by `npm test`): a whole referral done by "hand" in the
// Agents Playground's web UI, in Debian's Chromium (apt-get install -y chromium), against the
// real service on a fresh embedded database. Proves the cards work in a Teams renderer, that
// typed markdown stays text there, and leaves screenshots in test-output/playground/ to look at.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, useE2e } from './e2eHarness.ts';
import { startPlayground } from './start.ts';

const e2e = useE2e('naft-e2e-', { playground: (service) => startPlayground({ botEndpoint: `${service.url}/api/messages`, port: 0 }) });

/** The newest card in the chat: where the bot's current question is. */
const lastCard = (page: Page) => page.locator('.ac-adaptiveCard').last();

describe('a referral in the Agents Playground', () => {
  it('goes from the welcome card to a reference number, clicking and typing like a CLB staff member', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1000, height: 1600 } });
    let shot = 0;
    const snap = (name: string) => lastCard(page).screenshot({ path: join(SHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`) });
    const click = async (name: string) => {
      const before = await page.locator('.ac-adaptiveCard').count();
      await lastCard(page).getByRole('button', { name, exact: true }).click();
      await expect.poll(() => page.locator('.ac-adaptiveCard').count(), { timeout: 10_000 }).toBeGreaterThan(before);
    };
    const text = (label: RegExp, value: string) => lastCard(page).getByLabel(label).fill(value);
    const pick = async (label: RegExp, option: string) => {
      await lastCard(page).getByRole('combobox', { name: label }).click();
      await page.getByRole('option', { name: option }).last().click();
    };
    const choose = (option: string | RegExp, nth = 0) => lastCard(page).getByText(option, { exact: true }).nth(nth).click();

    await page.goto(e2e.fixedPlayground.url);
    await page.getByRole('button', { name: 'Nieuwe aanmelding' }).last().waitFor({ timeout: 20_000 });
    await click('Nieuwe aanmelding');
    await snap('kind');
    await click('Eén leerling');

    await text(/Naam van de school/, 'Sint-Lucas Gent');
    await text(/Gemeente van de school/, 'Gent');
    await pick(/Onderwijsvorm/, 'Arbeidsmarktfinaliteit (bso)');
    await pick(/Leerjaar/, '3e jaar');
    await text(/Voornaam/, 'Amira');
    await text(/Eerste letter/, 'B');
    await text(/Geboortejaar/, String(new Date().getFullYear() - 15));
    await snap('step-1');
    await click('Volgende');
    // The step that was sent turns into one line; only the newest card asks for input.
    await expect.poll(() => page.locator('.ac-adaptiveCard').nth(-2).innerText()).toContain('✓ Stap 1 van 7 bewaard');

    await choose('Individueel traject');
    await snap('step-2');
    await click('Volgende');

    await lastCard(page).getByText(/^Ik bevestig/).click();
    await choose('Ja', 0);
    await choose('Ja', 1);
    await choose('Ja', 2);
    await snap('step-3');
    await click('Volgende');

    // A too short answer comes back on the same card, with the problem in a sentence.
    await text(/Waarover gaat het/, 'Spijbelt.');
    const cards = await page.locator('.ac-adaptiveCard').count();
    await lastCard(page).getByRole('button', { name: 'Volgende', exact: true }).click();
    await expect.poll(() => lastCard(page).innerText(), { timeout: 10_000 }).toContain('Schrijf minstens 15 tekens.');
    expect(await page.locator('.ac-adaptiveCard').count()).toBe(cards);
    await snap('step-4-error');
    // Typed markdown and a very long word stay text and stay inside the card.
    await text(/Waarover gaat het/, `Ze spijbelt en haakt af, zie [dit verslag](https://evil.example/x) en ${'lang'.repeat(60)}.`);
    await click('Volgende');

    await text(/Wat wil de jongere/, 'Terug zin in school.');
    await click('Volgende');

    await choose('Ja', 0);
    await choose('Beperkt');
    await text(/Wat hebben school en CLB al geprobeerd/, 'Gesprekken en een time-out; de time-out hielp even.');
    await snap('step-6');
    await click('Volgende');

    await text(/Contactpersoon op school/, 'An Peeters');
    await text(/Functie van de contactpersoon/, 'leerlingbegeleider');
    await snap('step-7');
    await click('Naar het overzicht');
    const overview = lastCard(page);
    await expect.poll(() => overview.innerText()).toContain('Overzicht van je aanmelding');
    expect(await overview.innerText()).toContain('Amira');
    await overview.getByRole('button', { name: 'Details' }).nth(3).click();
    // (U+200B: the invisible break points that let a long run of characters wrap.)
    expect((await overview.innerText()).replaceAll('\u200b', '')).toContain('[dit verslag](https://evil.example/x)');
    expect(await overview.locator('a[href*="evil.example"]').count()).toBe(0);
    const width = await overview.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(width.scroll).toBeLessThanOrEqual(width.client + 1);
    await snap('overview');

    await click('Bevestigen en versturen');
    const confirmation = await lastCard(page).innerText();
    expect(confirmation).toContain('Je aanmelding is verstuurd');
    expect(confirmation).toMatch(new RegExp(`GR-${new Date().getFullYear()}-0001`));
    await snap('sent');
    await page.screenshot({ path: join(SHOTS, 'chat.png'), fullPage: true });
    expect(await e2e.service.db.prisma.outboxMessage.count()).toBe(1);
  });
});

// Run by `npm run test:playground` (never by `npm test`): a whole referral done by "hand" in the
// Agents Playground's web UI, in Debian's Chromium (apt-get install -y chromium), against the
// real service on a fresh embedded database. Proves the cards work in a Teams renderer.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../config/env.ts';
import { startService } from '../server/app.ts';
import type { Service } from '../server/app.ts';
import { silentLogger } from '../server/log.ts';
import { startPlayground } from './start.ts';
import type { PlaygroundHandle } from './start.ts';

const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying Google hosts on this closed network.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let dataDir: string;
let service: Service;
let playground: PlaygroundHandle;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  dataDir = await mkdtemp(join(tmpdir(), 'naft-e2e-'));
  service = await startService({ ...loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'on' }), database: { kind: 'pglite', dataDir } }, silentLogger);
  playground = await startPlayground({ botEndpoint: `${service.url}/api/messages`, port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  await service?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The newest card in the chat: where the bot's current question is. */
const lastCard = (page: Page) => page.locator('.ac-adaptiveCard').last();

describe('a referral in the Agents Playground', () => {
  it('goes from the welcome card to a reference number, clicking and typing like a CLB staff member', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 2000 } });
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

    await page.goto(playground.url);
    await page.getByRole('button', { name: 'Nieuwe aanmelding' }).last().waitFor({ timeout: 20_000 });
    await click('Nieuwe aanmelding');
    await click('Eén leerling');

    await text(/Naam van de school/, 'Sint-Lucas Gent');
    await text(/Gemeente van de school/, 'Gent');
    await pick(/Onderwijsvorm/, 'Arbeidsmarktfinaliteit (bso)');
    await pick(/Leerjaar/, '3e jaar');
    await text(/Voornaam/, 'Amira');
    await text(/Eerste letter/, 'B');
    await text(/Geboortejaar/, String(new Date().getFullYear() - 15));
    await click('Volgende');

    await choose('Individueel traject');
    await choose('Gewoon: bespreken op de volgende dispatch');
    await click('Volgende');

    await lastCard(page).getByText(/^Ik bevestig/).click();
    await text(/Wat hebben school en CLB al gedaan/, 'Gesprekken met de leerlingbegeleider en een time-out.');
    await text(/Wat werkte wel/, 'De time-out hielp even.');
    await choose('Ja', 0);
    await choose('Ja', 1);
    await choose('Ja', 2);
    await click('Volgende');

    await text(/Waarover gaat het/, 'Ze spijbelt steeds vaker en haakt af in de les.');
    await text(/belangrijkste zorg/, 'Dat ze afhaakt.');
    await text(/grootste zorg/, 'Geen diploma halen.');
    await text(/Hoe voel jij/, 'Bezorgd.');
    await text(/Wat doet het met/, 'De klas is onrustig.');
    // A too short answer is caught before anything is sent, by the card itself.
    await text(/Waarover gaat het/, 'Spijbelt.');
    await lastCard(page).getByRole('button', { name: 'Volgende', exact: true }).click();
    await expect.poll(() => lastCard(page).getByText('Minstens 20 tekens.').count()).toBeGreaterThan(0);
    await text(/Waarover gaat het/, 'Ze spijbelt steeds vaker en haakt af in de les.');
    await click('Volgende');

    await text(/Wat wil de jongere/, 'Terug zin in school.');
    await text(/Wat heeft de school nodig/, 'Een gedeelde aanpak.');
    await text(/vooruitgang/, 'Elke dag aanwezig.');
    await text(/verwachtingen/, 'Een traject van enkele maanden.');
    await click('Volgende');

    await choose('Ja', 0);
    await text(/Wat loopt er nog goed/, 'De praktijklessen.');
    await text(/positieve relaties/, 'Met de praktijkleraar.');
    await choose('Beperkt');
    await choose('De jongere');
    await text(/Wat blijven school en CLB/, 'Wekelijks een gesprek.');
    await click('Volgende');

    await text(/Contactpersoon op school/, 'An Peeters');
    await text(/Functie van de contactpersoon/, 'leerlingbegeleider');
    await choose('Via Teams');
    await click('Naar het overzicht');
    await expect.poll(() => lastCard(page).innerText()).toContain('Overzicht van je aanmelding');
    expect(await lastCard(page).innerText()).toContain('Amira');

    await click('Bevestigen en versturen');
    const confirmation = await lastCard(page).innerText();
    expect(confirmation).toContain('Je aanmelding is verstuurd');
    expect(confirmation).toMatch(new RegExp(`GR-${new Date().getFullYear()}-0001`));
    expect(await service.db.prisma.outboxMessage.count()).toBe(1);
  });
});

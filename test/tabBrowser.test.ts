// The report tab in Debian's Chromium at 1280 and 360 px (issue #19's quality bar), on the tab's
// routes with a known report: in local mode a demo person is picked and the filters are used
// (the URL and the report asked for follow them); light, dark and contrast themes; outside Teams
// with credentials the page says so at once instead of waiting. Every page: axe-core WCAG 2.2
// A/AA clean, nothing from another origin, no CSP complaint, no sideways scrolling, a screenshot
// in test-output/tab/. The annex printed to PDF (A4) and photographed as print media.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../config/env.ts';
import { demoPeople } from '../db/demo.ts';
import { generateReportData } from '../db/reportData.ts';
import { reportSourceFor } from '../tab/source.ts';
import { axeViolations, cspViolations, describeViolations, foreignRequests, launchChromium, sidewaysOverflow } from './support/browser.ts';
import type { ConsoleEntry } from './support/browser.ts';
import { startEntraStub, TEST_APP_ID, TEST_TENANT } from './support/entraStub.ts';
import type { EntraStub } from './support/entraStub.ts';
import { sampleSource } from './support/sampleReport.ts';
import { useSeededDatabase } from './support/seededDatabase.ts';
import { startTabServer } from './support/tabServer.ts';
import type { TabServer } from './support/tabServer.ts';

const SHOTS = resolve(import.meta.dirname, '..', 'test-output', 'tab');
const WIDE = { width: 1280, height: 900 } as const;
const NARROW = { width: 360, height: 740 } as const;
const NOW = () => new Date('2026-12-07T13:00:00Z');
const lotte = demoPeople.find((p) => p.name === 'Lotte Vermeulen');
if (!lotte) throw new Error('demo person Lotte Vermeulen is missing');

interface Tab {
  page: Page;
  requests: string[];
  console: ConsoleEntry[];
}

describe('the report tab in a browser (PGlite)', () => {
  const fixture = useSeededDatabase('pglite');
  let browser: Browser;
  let local: TabServer;
  let sso: TabServer;
  let entra: EntraStub;
  const reports = sampleSource();
  const tabs: Tab[] = [];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    browser = await launchChromium();
    entra = await startEntraStub();
    local = await startTabServer({ prisma: fixture.db.prisma, sso: undefined, reports: reports.source, now: NOW });
    const config = loadConfig({ MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TEST_TENANT, PUBLIC_BASE_URL: 'https://naft.example.be', SSO_JWKS_URL: entra.jwksUrl });
    sso = await startTabServer({ prisma: fixture.db.prisma, sso: config.sso, reports: reports.source, now: NOW, exports: { publicBaseUrl: 'https://naft.example.be' } });
  });
  afterAll(async () => {
    await browser?.close();
    await local?.close();
    await sso?.close();
    await entra?.close();
  });

  async function open(viewport: { width: number; height: number }): Promise<Tab> {
    const context = await browser.newContext({ viewport, locale: 'nl-BE' });
    const tab: Tab = { page: await context.newPage(), requests: [], console: [] };
    context.on('request', (r) => tab.requests.push(r.url()));
    tab.page.on('console', (m) => tab.console.push({ type: m.type(), text: m.text(), url: tab.page.url() }));
    tab.page.on('pageerror', (e) => tab.console.push({ type: 'pageerror', text: e.message, url: tab.page.url() }));
    tabs.push(tab);
    return tab;
  }

  async function check(tab: Tab, server: TabServer, shot: string): Promise<void> {
    const violations = await axeViolations(tab.page);
    expect(violations, `axe-core on ${shot}:\n${describeViolations(violations)}`).toEqual([]);
    expect(await sidewaysOverflow(tab.page), `${shot} scrolls sideways`).toBe(0);
    expect(foreignRequests(tab.requests, new URL(server.url).origin), `${shot}: requests elsewhere`).toEqual([]);
    expect(cspViolations(tab.console), `${shot}: CSP`).toEqual([]);
    expect(tab.console.filter((c) => c.type === 'pageerror'), `${shot}: script errors`).toEqual([]);
    await tab.page.screenshot({ path: resolve(SHOTS, `${shot}.png`), fullPage: true });
  }

  for (const [name, viewport] of [['1280', WIDE], ['360', NARROW]] as const) {
    it(`renders at ${name} px for a picked demo person, and the filters work`, async () => {
      const tab = await open(viewport);
      await tab.page.goto(`${local.url}/rapport`);
      await expect.poll(() => tab.page.getByText('Lokale modus — zonder aanmelding').count()).toBe(1);
      await check(tab, local, `${name}-kies`);

      await tab.page.getByLabel('Bekijk als', { exact: true }).selectOption(lotte.aadObjectId);
      await tab.page.getByRole('button', { name: 'Bekijk' }).click();
      await tab.page.waitForURL(/als=/);
      expect(await tab.page.locator('svg.chart').count()).toBeGreaterThanOrEqual(8);
      expect(await tab.page.locator('table').count()).toBeGreaterThanOrEqual(10);
      await check(tab, local, `${name}-rapport`);

      // Month fields: a period is whole months (reports/filter.ts).
      await tab.page.getByLabel('Van (maand)', { exact: true }).fill('2026-03');
      await tab.page.getByLabel('Tot en met (maand)', { exact: true }).fill('2026-06');
      await tab.page.getByLabel('Regio', { exact: true }).selectOption('GR');
      await tab.page.getByLabel('Type', { exact: true }).selectOption('klas');
      await tab.page.getByRole('button', { name: 'Toon' }).click();
      await tab.page.waitForURL(/type=klas/);
      const url = new URL(tab.page.url());
      expect(Object.fromEntries(url.searchParams)).toEqual({ als: lotte.aadObjectId, van: '2026-03', tot: '2026-06', regio: 'GR', organisatie: '', type: 'klas' });
      expect(reports.calls.at(-1)?.filter).toEqual({ from: '2026-03-01', to: '2026-06-30', region: 'GR', type: 'CLASS' });
      expect(await tab.page.getByLabel('Type', { exact: true }).inputValue()).toBe('klas');
      expect(await tab.page.getByLabel('Regio', { exact: true }).inputValue()).toBe('GR');
      await check(tab, local, `${name}-gefilterd`);
    });
  }

  for (const theme of ['dark', 'contrast'] as const) {
    it(`is readable in the ${theme} theme`, async () => {
      const tab = await open(WIDE);
      await tab.page.goto(`${local.url}/rapport?als=${lotte.aadObjectId}&thema=${theme}`);
      expect(await tab.page.locator('html').getAttribute('data-theme')).toBe(theme);
      await check(tab, local, `1280-${theme}`);
    });
  }

  it('outside Teams with credentials: says at once that it opens in Teams, shows no figures', async () => {
    const tab = await open(NARROW);
    await tab.page.goto(`${sso.url}/rapport`);
    await expect.poll(() => tab.page.locator('#inhoud').innerText()).toContain('Dit rapport opent in Microsoft Teams');
    expect(await tab.page.locator('table').count()).toBe(0);
    expect(tab.requests.some((u) => u.includes('/rapport/inhoud'))).toBe(false);
    await check(tab, sso, '360-buiten-teams');
  });

  // In Teams: teams-js answered by a stand-in host (the page is told it runs in Teams' native
  // host, and the SDK's file is a small fake that hands out a real signed token and records what
  // it is asked to open). The figures come with the token; a download asks for a signed link.
  it('in Teams: the figures with the SSO token, and a download through a signed link Teams opens', async () => {
    const tab = await open(WIDE);
    const token = await entra.token({ oid: lotte.aadObjectId });
    await tab.page.addInitScript(() => Object.assign(globalThis, { nativeInterface: {} }));
    await tab.page.route('**/rapport/teams-js.js*', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: `window.opened = []; window.microsoftTeams = { app: { initialize: () => Promise.resolve(), getContext: () => Promise.resolve({ app: { theme: 'default' }, page: {} }), registerOnThemeChangeHandler: () => {}, openLink: (u) => { window.opened.push(u); return Promise.resolve(); } }, authentication: { getAuthToken: () => Promise.resolve(${JSON.stringify(token)}) } };`,
      }),
    );
    await tab.page.goto(`${sso.url}/rapport?van=2026-03&tot=2026-06`);
    await expect.poll(() => tab.page.locator('table').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
    await tab.page.getByRole('link', { name: 'Download als CSV' }).click();
    await expect.poll(() => tab.page.evaluate(() => (globalThis as unknown as { opened: string[] }).opened.length)).toBe(1);
    const [opened = ''] = await tab.page.evaluate(() => (globalThis as unknown as { opened: string[] }).opened);
    expect(opened).toMatch(/^https:\/\/naft\.example\.be\/rapport\/export\.csv\?van=2026-03-01&tot=2026-06-30&ticket=/);
    // What the browser Teams opens gets: the file, without any token or cookie.
    const file = await fetch(`${sso.url}${new URL(opened).pathname}${new URL(opened).search}`);
    expect([file.status, file.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(await file.text()).toContain('Aanmeldingen per maand en type');
    await check(tab, sso, '1280-in-teams');
  });

  it('renders the report module’s real figures on generated data, axe-clean at 1280 and 360 px', async () => {
    const prisma = fixture.db.prisma;
    const clb = await prisma.person.findMany({ where: { role: 'CLB_STAFF' }, orderBy: { name: 'asc' } });
    await generateReportData(prisma, {
      seed: 19,
      referrals: 240,
      start: new Date('2026-01-05T00:00:00Z'),
      end: new Date('2026-12-01T00:00:00Z'),
      now: NOW(),
      regionCode: 'GR',
      organisations: [{ code: 'APART', weight: 4 }, { code: 'LEJO', weight: 3 }, { code: 'INTRO', weight: 3 }, { code: 'JES', weight: 0.2 }],
      referrerIds: clb.map((p) => p.id),
      targets: [{ code: 'APART', year: 2026, target: 90 }],
    });
    const real = await startTabServer({ prisma, sso: undefined, reports: reportSourceFor(prisma, { privacy: { minCount: 5, minN: 10 } }, NOW), now: NOW });
    try {
      for (const [name, viewport] of [['1280', WIDE], ['360', NARROW]] as const) {
        const tab = await open(viewport);
        await tab.page.goto(`${real.url}/rapport?als=${lotte.aadObjectId}&van=2026-01-01&tot=2026-12-31`);
        expect(await tab.page.locator('svg.chart').count()).toBeGreaterThanOrEqual(4);
        await check(tab, real, `${name}-echte-cijfers`);
      }
    } finally {
      await real.close();
    }
  });

  it('the annex: printed to an A4 PDF, its first page photographed as print media', async () => {
    const tab = await open(WIDE);
    await tab.page.goto(`${local.url}/rapport/bijlage?jaar=2026&organisatie=APART&als=${lotte.aadObjectId}`);
    expect(await tab.page.locator('.rules').count()).toBe(1);
    await check(tab, local, 'bijlage-scherm');
    await tab.page.emulateMedia({ media: 'print' });
    expect(await tab.page.locator('.dev').isVisible()).toBe(false);
    expect(await tab.page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
    const pdf = await tab.page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    await writeFile(resolve(SHOTS, 'bijlage.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2);
    // The first A4 page as the printer sees it: 210 mm at 96 dpi is 794 px wide, 297 mm 1123 px high.
    await tab.page.setViewportSize({ width: 794, height: 1123 });
    await tab.page.screenshot({ path: resolve(SHOTS, 'bijlage-pagina-1.png'), clip: { x: 0, y: 0, width: 794, height: 1123 } });
  });
});

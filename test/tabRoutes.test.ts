// The report tab over HTTP (tab/server.ts): with credentials the shells carry no figures and the
// fragments need a valid Teams SSO token (each bad one: 401/403, no data, the report never built);
// in local mode a marked demo-person picker instead, never with credentials. Headers: a strict
// CSP that Teams may frame. Typed text escaped, hidden cells printed as the model says, the tab
// page (HTML + CSS + SVG + own script, without teams-js) under 60 KB.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.ts';
import { demoPeople } from '../db/demo.ts';
import { TAB_PATHS } from '../tab/server.ts';
import { OTHER_TENANT, startEntraStub, TEST_APP_ID, TEST_TENANT } from './support/entraStub.ts';
import type { EntraStub, TokenOptions } from './support/entraStub.ts';
import { HOSTILE_NAME, HOSTILE_TEXT, sampleSource } from './support/sampleReport.ts';
import { useSeededDatabase } from './support/seededDatabase.ts';
import { startTabServer } from './support/tabServer.ts';
import type { TabServer } from './support/tabServer.ts';

const person = (name: string) => {
  const p = demoPeople.find((d) => d.name === name);
  if (!p) throw new Error(`demo person ${name} is missing`);
  return p;
};
const lotte = person('Lotte Vermeulen');
const sofie = person('Sofie Claes');
const NOW = () => new Date('2026-12-07T13:00:00Z');
const PAGE_BUDGET = 60 * 1024;
/** Text that only a rendered report has (a figure title): never in a refusal or an empty shell. */
const FIGURE_TEXT = 'Aanmeldingen per maand';

describe('the report tab over HTTP (PGlite)', () => {
  const fixture = useSeededDatabase('pglite');
  let entra: EntraStub;
  let sso: TabServer;
  let local: TabServer;
  const ssoReports = sampleSource();
  const localReports = sampleSource();

  beforeAll(async () => {
    entra = await startEntraStub();
    const config = loadConfig({ MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TEST_TENANT, PUBLIC_BASE_URL: 'https://naft.example.be', SSO_JWKS_URL: entra.jwksUrl });
    sso = await startTabServer({ prisma: fixture.db.prisma, sso: config.sso, reports: ssoReports.source, now: NOW });
    local = await startTabServer({ prisma: fixture.db.prisma, sso: loadConfig({}).sso, reports: localReports.source, now: NOW });
  });
  afterAll(async () => {
    await sso?.close();
    await local?.close();
    await entra?.close();
  });

  const get = (server: TabServer, path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
  const withToken = async (path: string, options: TokenOptions = {}) => get(sso, path, { authorization: `Bearer ${await entra.token({ oid: lotte.aadObjectId, ...options })}` });

  describe('with credentials (Teams SSO)', () => {
    it('serves the shell with no figures, the script and teams-js from this service, framable by Teams only', async () => {
      const response = await get(sso, '/rapport?van=2026-01-01&tot=2026-06-30');
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`data-bron="${TAB_PATHS.reportContent}"`);
      expect(html).not.toContain(FIGURE_TEXT);
      expect(html).not.toContain('Lokale modus');
      // teams-js is loaded by the page's script only when framed by Teams (tab/script.ts).
      expect(html).toContain('data-teams-js="/rapport/teams-js.js?v=2.58.0"');
      expect(html).toMatch(/<script src="\/rapport\/tab\.js\?v=[0-9a-f]{10}" defer>/);
      expect(html).not.toMatch(/<script>|<style|style="|https?:\/\//);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain('frame-ancestors');
      expect(csp).toContain('https://teams.microsoft.com');
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*\s|\* ;/);
      expect(response.headers.get('x-frame-options')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('serves teams-js 2.x itself, unchanged but for the source-map line', async () => {
      const response = await get(sso, `${TAB_PATHS.teamsJs}?v=2.58.0`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
      const served = await response.text();
      const original = readFileSync(createRequire(import.meta.url).resolve('@microsoft/teams-js'), 'utf8');
      expect(served.trim()).toBe(original.replace(/\/\/# sourceMappingURL=\S+\s*$/, '').trim());
      expect(served).not.toContain('sourceMappingURL');
    });

    it('gives the figures for a good token, filter as asked, escaped, hidden cells as the model says', async () => {
      const before = ssoReports.calls.length;
      const response = await withToken('/rapport/inhoud?van=2026-01-01&tot=2026-06-30&regio=gr&type=groep&onbekend=1');
      expect(response.status).toBe(200);
      const html = await response.text();
      const lotteId = (await fixture.db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: lotte.aadObjectId } })).id;
      expect(ssoReports.calls.slice(before)).toEqual([{ viewer: { personId: lotteId }, filter: { from: '2026-01-01', to: '2026-06-30', region: 'GR', type: 'GROUP' } }]);
      expect(html).toContain(FIGURE_TEXT);
      expect(html).toMatch(/<svg class="chart"[^>]*role="img"/);
      // Hidden cells: exactly their text, in the table and where the bar would be.
      expect(html).toContain('<td class="num hid">&lt; 5</td>');
      expect(html).toContain('<td class="num hid">n &lt; 10</td>');
      expect(html).toContain('<td class="num hid">verborgen</td>');
      expect(html).toMatch(/<text class="val hid"[^>]*>&lt; 5<\/text>/);
      // Typed text never becomes markup.
      expect(HOSTILE_NAME).toContain('<img src=x');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Partner&quot; &amp; co');
      expect(HOSTILE_TEXT).toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(&quot;vrije tekst&quot;)&lt;/script&gt;');
      // The free text of a group under n = 10 is not there, its note is.
      expect(html).toContain('Minder dan 10 antwoorden: niet getoond.');
      expect(response.headers.get('vary')).toBe('Authorization');
    });

    it.each<[string, TokenOptions, number]>([
      ['an expired token', { expiresIn: -600 }, 401],
      ['a token for another audience', { audience: `api://elders.example.be/${TEST_APP_ID}` }, 401],
      ['a token from the wrong issuer', { issuer: 'https://sts.windows.net/x/' }, 401],
      ['a token of an unknown tenant', { tid: OTHER_TENANT }, 403],
      ['an unsigned token (alg: none)', { unsigned: true }, 401],
      ['a token with a bad signature', { foreignKey: true }, 401],
      ['a token without access_as_user', { scp: 'User.Read' }, 403],
      ['a token of an unknown person', { oid: '99999999-8888-7777-6666-555555555555' }, 403],
    ])('refuses %s with %i and no data, without building a report', async (_what, options, status) => {
      const before = ssoReports.calls.length;
      for (const path of ['/rapport/inhoud', '/rapport/bijlage/inhoud?jaar=2026']) {
        const response = await withToken(path, options);
        expect(response.status, path).toBe(status);
        const html = await response.text();
        expect(html).not.toContain(FIGURE_TEXT);
        expect(html).not.toContain('<table');
        expect(html).toMatch(/<p>[A-Z][^<]+<\/p>/);
      }
      expect(ssoReports.calls.length).toBe(before);
    });

    it('refuses a request without a token (401), and ignores the local-mode picker entirely', async () => {
      const bare = await get(sso, '/rapport/inhoud');
      expect(bare.status).toBe(401);
      expect(await bare.text()).toContain('Je bent niet aangemeld.');
      const picked = await get(sso, `/rapport/inhoud?als=${lotte.aadObjectId}`);
      expect(picked.status).toBe(401);
      const shell = await (await get(sso, `/rapport?als=${lotte.aadObjectId}`)).text();
      expect(shell).not.toContain(FIGURE_TEXT);
      expect(shell).not.toContain('name="als"');
    });

    it('shows the Dutch refusal of the report module (403, no data)', async () => {
      const refusing = sampleSource({ refuse: (await fixture.db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: sofie.aadObjectId } })).id });
      const config = loadConfig({ MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TEST_TENANT, PUBLIC_BASE_URL: 'https://naft.example.be', SSO_JWKS_URL: entra.jwksUrl });
      const server = await startTabServer({ prisma: fixture.db.prisma, sso: config.sso, reports: refusing.source, now: NOW });
      try {
        const response = await fetch(`${server.url}/rapport/inhoud`, { headers: { authorization: `Bearer ${await entra.token({ oid: sofie.aadObjectId })}` } });
        expect(response.status).toBe(403);
        const html = await response.text();
        expect(html).toContain('Je hebt geen rol die het rapport mag zien.');
        expect(html).not.toContain(FIGURE_TEXT);
      } finally {
        await server.close();
      }
    });

    it.each([
      ['/rapport?van=2026-02-30', 'Deze datum bestaat niet.'],
      ['/rapport?van=2026-06-01&tot=2026-01-01', 'het einde van de periode ligt voor het begin.'],
      ['/rapport?van=2020-01-01&tot=2026-01-01', 'De periode is te lang: kies ten hoogste drie jaar.'],
      ['/rapport?type=hond', 'Kies een type uit de lijst: leerling, groep, klas of school.'],
      ['/rapport?regio=%3Cb%3E', 'Kies een regio uit de lijst.'],
      ['/rapport/inhoud?organisatie=a%20b', 'Kies een organisatie uit de lijst.'],
      ['/rapport/bijlage?jaar=twintig', 'Kies een jaar, zoals 2026.'],
    ])('answers a wrong filter %s with 400 and a Dutch message', async (path, message) => {
      const response = await get(sso, path);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(message);
    });

    it('keeps the tab page (HTML + CSS + SVG + own script, without teams-js) under 60 KB', async () => {
      const shell = await (await get(sso, '/rapport')).text();
      const fragment = await (await withToken('/rapport/inhoud')).text();
      const assets = await Promise.all(
        [...shell.matchAll(/(?:href|src)="(\/rapport\/[^"]+)"/g)].map((m) => m[1] ?? '').filter((u) => !u.startsWith(TAB_PATHS.teamsJs)).map(async (u) => (await get(sso, u)).text()),
      );
      const bytes = [shell, fragment, ...assets].reduce((sum, s) => sum + Buffer.byteLength(s), 0);
      expect(assets.length).toBe(2);
      expect(shell).toContain('data-teams-js=');
      expect(bytes).toBeLessThanOrEqual(PAGE_BUDGET);
    });

    it('serves the annex: tables in the quality report order, no charts, the counting rules last', async () => {
      const response = await withToken('/rapport/bijlage/inhoud?jaar=2025&organisatie=apart');
      expect(response.status).toBe(200);
      expect(ssoReports.calls.at(-1)?.filter).toEqual({ from: '2025-01-01', to: '2025-12-31', organisation: 'APART' });
      const html = await response.text();
      expect(html).not.toContain('<svg');
      const order = ['fig-targets', 'fig-referrals', 'fig-decisionTime', 'fig-decisions', 'fig-waitingChain', 'fig-duration', 'fig-closing', 'fig-survey', 'regels'].map((id) => html.indexOf(`id="${id}"`));
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(html.slice(html.indexOf('id="regels"'))).toContain('Stand van 7 december 2026');
      expect(html).toContain('class="rules"');
      // One heading for the key figures, not a heading and a caption saying the same.
      expect(html.match(/>Kerncijfers</g)).toHaveLength(1);
      // The rules page says how the survey and the time to decision were counted (reports/COUNTING.md).
      const rules = html.slice(html.indexOf('id="regels"'));
      for (const words of ['per kwartaal waarin het traject afgesloten werd', 'de dag van aanmelding telt niet mee', 'precies één jaar', '62 dagen']) expect(rules).toContain(words);
    });

    it('serves the configuration page with teams-js and its own small script', async () => {
      const html = await (await get(sso, TAB_PATHS.config)).text();
      expect(html).toContain('id="instellen"');
      expect(html).toMatch(/<script src="\/rapport\/instellen\.js\?v=[0-9a-f]{10}" defer>/);
      expect(html).toContain('data-teams-js="/rapport/teams-js.js?v=2.58.0"');
      expect(html).toContain('Gent en Rand');
    });
  });

  describe('in local mode (no credentials)', () => {
    it('marks the page and offers the demo people, without figures until one is chosen', async () => {
      const response = await get(local, '/rapport?van=2026-01-01');
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('Lokale modus — zonder aanmelding, enkel om te testen');
      for (const p of demoPeople) expect(html).toContain(`value="${p.aadObjectId}"`);
      expect(html).toContain('<input type="hidden" name="van" value="2026-01-01">');
      expect(html).not.toContain(FIGURE_TEXT);
      expect(html).not.toContain('data-bron');
    });

    it('renders the chosen demo person’s figures inline, and keeps the choice in the filter form and links', async () => {
      const response = await get(local, `/rapport?als=${lotte.aadObjectId}&regio=GR`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(FIGURE_TEXT);
      expect(html).toContain(`<input type="hidden" name="als" value="${lotte.aadObjectId}">`);
      expect(html).toMatch(new RegExp(`href="/rapport/bijlage\\?jaar=2026&amp;als=${lotte.aadObjectId}"`));
      // The shared link is the view, not the identity.
      expect(html).toContain('href="/rapport?regio=GR"');
      // Without van/tot: the calendar year, as the report module's parser has it.
      expect(localReports.calls.at(-1)?.filter).toEqual({ from: '2026-01-01', to: '2026-12-31', region: 'GR' });
    });

    it('offers in its filters only what the person may see: her own organisations and regions; a CLB no organisation list', async () => {
      const db = fixture.db.prisma;
      const options = (html: string, name: string) => [...(new RegExp(`<select id="${name}" name="${name}">([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '').matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
      const lotteHtml = await (await get(local, `/rapport?als=${lotte.aadObjectId}`)).text();
      const allOrganisations = await db.organisation.count();
      expect(allOrganisations).toBeGreaterThan(1);
      expect(options(lotteHtml, 'organisatie')).toEqual(['', ...(lotte.organisationCodes ?? [])]);
      const ownRegions = await db.region.findMany({ where: { organisations: { some: { code: { in: [...(lotte.organisationCodes ?? [])] } } } }, select: { code: true } });
      expect(options(lotteHtml, 'regio')).toEqual(['', ...ownRegions.map((r) => r.code)]);
      const sofieHtml = await (await get(local, `/rapport?als=${sofie.aadObjectId}`)).text();
      expect(sofieHtml).toContain(FIGURE_TEXT);
      expect(options(sofieHtml, 'organisatie')).toEqual([]);
      expect(sofieHtml).not.toContain('name="organisatie"');
    });

    it('refuses an unknown demo person (403)', async () => {
      const response = await get(local, '/rapport/inhoud?als=99999999-8888-7777-6666-555555555555');
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain(FIGURE_TEXT);
    });
  });
});

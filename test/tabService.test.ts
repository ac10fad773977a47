// The report tab in the real service (server/app.ts): in local mode the marked demo-person
// picker on loopback; with credentials no picker, and no figures without a Teams token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.ts';
import { demoPeople } from '../db/demo.ts';
import { startService } from '../server/app.ts';
import type { Service } from '../server/app.ts';
import { silentLogger } from '../server/log.ts';
import { createTestDatabase } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';
import { useService } from './support/serviceFixture.ts';

describe('the report tab in the service, local mode (PGlite)', () => {
  const fixture = useService('pglite');

  it('listens on loopback and offers the demo people, clearly marked', async () => {
    expect(fixture.service.host).toBe('127.0.0.1');
    const response = await fetch(`${fixture.service.url}/rapport`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Lokale modus — zonder aanmelding, enkel om te testen');
    for (const p of demoPeople) expect(html).toContain(`value="${p.aadObjectId}"`);
    expect((await fetch(`${fixture.service.url}/rapport/stijl.css`)).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('renders the report module\'s real report for a chosen coordinator, every figure in order', async () => {
    const lotte = demoPeople.find((p) => p.name === 'Lotte Vermeulen');
    const response = await fetch(`${fixture.service.url}/rapport/inhoud?als=${lotte?.aadObjectId ?? ''}&van=2026-01-01&tot=2026-12-31`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    const order = ['kerncijfers', 'fig-targets', 'fig-referrals', 'fig-decisionTime', 'fig-decisions', 'fig-waitingChain', 'fig-duration', 'fig-closing', 'fig-survey'].map((id) => html.indexOf(`id="${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<table');
  });

  it('serves the export for the chosen demo person, and nothing without one', async () => {
    const lotte = demoPeople.find((p) => p.name === 'Lotte Vermeulen');
    expect((await fetch(`${fixture.service.url}/rapport/export.csv`)).status).toBe(401);
    const csv = await fetch(`${fixture.service.url}/rapport/export.csv?als=${lotte?.aadObjectId ?? ''}&van=2026-01-01&tot=2026-12-31`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  });
});

describe('the report tab in the service, with credentials (PGlite)', () => {
  let testDb: TestDatabase;
  let service: Service;
  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
    const config = loadConfig({ PORT: '0', MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000', PUBLIC_BASE_URL: 'https://naft.example.be', DEMO_DATA: 'on' });
    service = await startService({ ...config, database: testDb.settings }, silentLogger);
  });
  afterAll(async () => {
    await service?.close();
    await testDb?.destroy();
  });

  it('never offers the demo-person picker, and refuses the figures without a token', async () => {
    const url = `http://127.0.0.1:${service.port}`;
    const lotte = demoPeople[1]?.aadObjectId ?? '';
    const shell = await (await fetch(`${url}/rapport?als=${lotte}`)).text();
    expect(shell).not.toContain('Lokale modus');
    expect(shell).not.toContain('name="als"');
    expect(shell).toContain('data-bron="/rapport/inhoud"');
    const content = await fetch(`${url}/rapport/inhoud?als=${lotte}`);
    expect(content.status).toBe(401);
    expect((await fetch(`${url}/rapport/export.csv?als=${lotte}`)).status).toBe(401);
  });
});

// The real HTTP service on a free port, talking to a stub of the Teams connector: what a Teams
// message produces is what arrives at the stub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.ts';
import { startService } from '../server/app.ts';
import type { Service } from '../server/app.ts';
import { createLogger, silentLogger } from '../server/log.ts';
import { UNKNOWN_INPUT_HINT } from '../cards/welcome.ts';
import { startConnectorStub } from './support/connectorStub.ts';
import type { ConnectorStub, SentActivity } from './support/connectorStub.ts';
import { createTestDatabase, DATABASE_KINDS, dropPostgresDatabase, runsOn } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';
import { botInstalledInTeam, personalMessage } from './support/activities.ts';
import { nonLoopbackAddress, tryConnect } from './support/network.ts';

const cardText = (a: SentActivity) => JSON.stringify(a.body.attachments?.[0]?.content ?? '');

const APP_ID = '11111111-2222-3333-4444-555555555555';

async function post(service: Service, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** A well-formed Teams message from the test support, with one field changed or removed. */
function messageWith(serviceUrl: string, change: Record<string, unknown>): Record<string, unknown> {
  const activity: Record<string, unknown> = { ...personalMessage(serviceUrl, 'help') };
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) delete activity[key];
    else activity[key] = value;
  }
  return activity;
}

async function expectShortError(res: Response, status: number, message: RegExp): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text) as { error?: unknown };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatch(message);
  expect(text).not.toMatch(/\bat |validateAndFixActivity|botbuilder|node_modules/);
}

describe.each(DATABASE_KINDS)('local mode (no credentials) on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;
  let stub: ConnectorStub;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    const config = { ...loadConfig({ PORT: '0', PLAYGROUND: 'off' }), database: testDb.settings };
    service = await startService(config, silentLogger);
    stub = await startConnectorStub();
  });
  afterAll(async () => {
    await service?.close();
    await stub?.close();
    await testDb?.destroy();
  });

  it('answers /healthz with the database state', async () => {
    const res = await fetch(`${service.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('replies to "help" in a 1:1 chat with the welcome card, in the same conversation', async () => {
    const activity = personalMessage(stub.url, 'Help ');
    const res = await post(service, activity);
    expect(res.status).toBeLessThan(300);
    const reply = await stub.waitFor((a) => a.body.replyToId === activity.id);
    expect(reply.path).toBe(`/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.id)}`);
    expect(reply.body.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(reply)).toContain('Welkom bij NAFT-aanmelding');
    expect(cardText(reply)).toContain('Hallo Sofie');
  });

  it('never stays silent on text it does not understand', async () => {
    const activity = personalMessage(stub.url, 'wat is het weer morgen?');
    await post(service, activity);
    const reply = await stub.waitFor((a) => a.body.replyToId === activity.id);
    expect(reply.body.text).toBe(UNKNOWN_INPUT_HINT);
  });

  it('welcomes a team when the bot is added, and remembers the channel for later posts', async () => {
    const activity = botInstalledInTeam(stub.url);
    await post(service, activity);
    const reply = await stub.waitFor((a) => a.body.conversation?.id === activity.conversation.id);
    expect(cardText(reply)).toContain('dispatch');
    const ref = await service.db.prisma.conversationRef.findUnique({ where: { conversationId: activity.conversation.id } });
    expect(ref).toMatchObject({ kind: 'CHANNEL', teamId: '19:team@thread.tacv2', channelId: '19:dispatch@thread.tacv2' });
  });

  it('listens on 127.0.0.1 only: no authentication in local mode, so nobody else may reach it', async () => {
    expect(service.host).toBe('127.0.0.1');
    expect(new URL(service.url).hostname).toBe('127.0.0.1');
    expect(await tryConnect('127.0.0.1', service.port)).toBe('connected');
    const outside = nonLoopbackAddress();
    if (outside) expect(await tryConnect(outside, service.port)).toBe('ECONNREFUSED');
  });

  it.each([
    ['an empty object', () => ({}), /type is missing/],
    ['a numeric type', () => ({ type: 5 }), /type must be a string/],
    ['text that is an object', () => messageWith(stub.url, { text: { a: 1 } }), /text must be a string/],
    ['a string body', () => 'help', /must be a JSON object/],
    ['an array body', () => [personalMessage(stub.url, 'help')], /must be a JSON object/],
    ['null', () => null, /must be a JSON object/],
    ['a message without conversation', () => messageWith(stub.url, { conversation: undefined }), /conversation\.id is required for a message/],
    ['a message without from', () => messageWith(stub.url, { from: undefined }), /from\.id is required for a message/],
    ['a message without serviceUrl', () => messageWith(stub.url, { serviceUrl: undefined }), /serviceUrl is required for a message/],
    ['a message without channelId', () => messageWith(stub.url, { channelId: undefined }), /channelId is required for a message/],
    ['a conversation without an id', () => messageWith(stub.url, { conversation: { conversationType: 'personal' } }), /conversation\.id is missing/],
    ['an invoke without conversation', () => messageWith(stub.url, { type: 'invoke', name: 'adaptiveCard/action', conversation: undefined }), /conversation\.id is required for an invoke/],
  ])('answers %s with a 400 and a short reason, and runs no turn', async (_name, body, message) => {
    const before = stub.sent.length;
    await expectShortError(await post(service, body()), 400, message);
    // A turn that ran would have replied (or reported its failure) to the stub before the response.
    expect(stub.sent.length).toBe(before);
  });

  it('refuses a body that is not JSON, or not declared as JSON, or too large', async () => {
    const url = `${service.url}/api/messages`;
    await expectShortError(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'help me' }), 400, /not valid JSON/);
    await expectShortError(await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(personalMessage(stub.url, 'help')) }), 415, /application\/json/);
    const huge = JSON.stringify(messageWith(stub.url, { text: 'x'.repeat(1024 * 1024) }));
    await expectShortError(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge }), 413, /larger than/);
    expect(stub.sent.filter((a) => a.body.text === 'x')).toEqual([]);
  });

  it('passes an activity that has only what a message needs', async () => {
    const activity = personalMessage(stub.url, 'help');
    const res = await post(service, activity);
    expect(res.status).toBeLessThan(300);
    await stub.waitFor((a) => a.body.replyToId === activity.id);
  });

  it('rejects a body that is not an activity without running a turn', async () => {
    const before = stub.sent.length;
    const res = await fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"not":' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(stub.sent.length).toBe(before);
  });
});

describe.runIf(runsOn('pglite'))('authentication on (MicrosoftAppId set)', () => {
  let testDb: TestDatabase;
  let service: Service;
  let stub: ConnectorStub;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
    const config = loadConfig({
      PORT: '0',
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000',
      PUBLIC_BASE_URL: 'https://naft.example.be',
    });
    service = await startService({ ...config, database: testDb.settings }, silentLogger);
    stub = await startConnectorStub();
  });
  afterAll(async () => {
    await service?.close();
    await stub?.close();
    await testDb?.destroy();
  });

  it('listens on all interfaces: Teams must reach it', async () => {
    const outside = nonLoopbackAddress();
    expect(await tryConnect('127.0.0.1', service.port)).toBe('connected');
    if (outside) expect(await tryConnect(outside, service.port)).toBe('connected');
  });

  // The envelope check comes before botbuilder's token check (see server/app.ts): a request with
  // no token at all is refused first, a malformed one with some token gets a 400; neither runs a turn.
  it('answers a malformed request without a token with 401, and one with a forged token with 400', async () => {
    await expectShortError(await post(service, { type: 5 }), 401, /token is required/);
    const forged = { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiIxMTExMTExMS0yMjIyLTMzMzMtNDQ0NC01NTU1NTU1NTU1NTUifQ.' };
    await expectShortError(await post(service, messageWith(stub.url, { conversation: undefined }), forged), 400, /conversation\.id is required/);
    expect(stub.sent).toEqual([]);
  });

  it.each([
    ['an unsigned request', {}],
    ['a forged token', { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiIxMTExMTExMS0yMjIyLTMzMzMtNDQ0NC01NTU1NTU1NTU1NTUifQ.' }],
  ])('refuses %s and runs no turn', async (_name, headers) => {
    const res = await post(service, personalMessage(stub.url, 'help'), headers);
    expect([401, 403]).toContain(res.status);
    // Give a wrongly started turn time to reach the stub before concluding none ran.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stub.sent).toEqual([]);
  });
});

describe.runIf(runsOn('postgres'))("with credentials and Microsoft's signing keys out of reach", () => {
  // This machine reaches no network but the package registries, so the keys' address does not
  // resolve: the same as Microsoft's key endpoint being down or blocked.
  it('answers 503 with a generic body, and logs one line, not a stack trace per request', async () => {
    const testDb = await createTestDatabase('postgres');
    const lines: string[] = [];
    const config = loadConfig({ PORT: '0', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000', PUBLIC_BASE_URL: 'https://naft.example.be' });
    const service = await startService({ ...config, database: testDb.settings }, createLogger('info', (line) => lines.push(line)));
    const stub = await startConnectorStub();
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    // Well-formed enough that botbuilder goes to fetch the keys to check its signature.
    const token = `${b64({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, exp: now + 600, nbf: now - 10 })}.c2lnbmF0dXJl`;
    try {
      for (let i = 0; i < 3; i++) {
        const res = await post(service, personalMessage(stub.url, 'help'), { authorization: `Bearer ${token}` });
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ error: 'Service temporarily unavailable' });
      }
      const warnings = lines.filter((l) => l.includes('Bot Framework authentication could not reach Microsoft'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).not.toContain('\n');
      expect(stub.sent).toEqual([]);
    } finally {
      await service.close();
      await stub.close();
      await testDb.destroy();
    }
  });
});

describe.runIf(runsOn('postgres'))('health when the database goes away', () => {
  it('answers 503 with a generic reason once PostgreSQL is gone, and logs the detail', async () => {
    const testDb = await createTestDatabase('postgres');
    const config = { ...loadConfig({ PORT: '0', PLAYGROUND: 'off' }), database: testDb.settings };
    const lines: string[] = [];
    const service = await startService(config, createLogger('info', (line) => lines.push(line)));
    try {
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
      const name = new URL((testDb.settings as { url: string }).url).pathname.slice(1);
      await dropPostgresDatabase(name);
      const res = await fetch(`${service.url}/healthz`);
      expect(res.status).toBe(503);
      const name_ = name;
      // Nothing of PostgreSQL's own words (its database name, host, user) reaches the caller.
      const body = await res.text();
      expect(JSON.parse(body)).toEqual({ status: 'unavailable', database: 'unreachable', reason: 'The database does not answer.' });
      expect(body).not.toContain(name_);
      expect(lines.filter((l) => l.includes('Health check: the database does not answer ('))).toHaveLength(1);
    } finally {
      await service.close().catch(() => {});
      await testDb.destroy();
    }
  });
});

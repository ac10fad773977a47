// The real HTTP service on a free port, talking to a stub of the Teams connector: what a Teams
// message produces is what arrives at the stub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.ts';
import { startService } from '../server/app.ts';
import type { Service } from '../server/app.ts';
import { silentLogger } from '../server/log.ts';
import { UNKNOWN_INPUT_HINT } from '../cards/welcome.ts';
import { startConnectorStub } from './support/connectorStub.ts';
import type { ConnectorStub, SentActivity } from './support/connectorStub.ts';
import { createTestDatabase, DATABASE_KINDS, dropPostgresDatabase } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';
import { botInstalledInTeam, personalMessage } from './support/activities.ts';

const cardText = (a: SentActivity) => JSON.stringify(a.body.attachments?.[0]?.content ?? '');

async function post(service: Service, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
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

  it('rejects a body that is not an activity without running a turn', async () => {
    const before = stub.sent.length;
    const res = await fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"not":' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(stub.sent.length).toBe(before);
  });
});

describe('authentication on (MicrosoftAppId set)', () => {
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
    });
    service = await startService({ ...config, database: testDb.settings }, silentLogger);
    stub = await startConnectorStub();
  });
  afterAll(async () => {
    await service?.close();
    await stub?.close();
    await testDb?.destroy();
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

describe('health when the database goes away', () => {
  it('answers 503 with a reason once PostgreSQL is gone', async () => {
    const testDb = await createTestDatabase('postgres');
    const config = { ...loadConfig({ PORT: '0', PLAYGROUND: 'off' }), database: testDb.settings };
    const service = await startService(config, silentLogger);
    try {
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
      const name = new URL((testDb.settings as { url: string }).url).pathname.slice(1);
      await dropPostgresDatabase(name);
      const res = await fetch(`${service.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', database: 'unreachable', reason: expect.any(String) });
    } finally {
      await service.close().catch(() => {});
      await testDb.destroy();
    }
  });
});

// The service runs one outbox worker on its own database, with the dispatch kinds and the bot's
// transport; tests and benches drive it through service.outbox, and close() stops it.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import { startService } from '../server/app.ts';
import { silentLogger } from '../server/log.ts';
import { createTestDatabase, DATABASE_KINDS } from './support/databases.ts';

describe.each(DATABASE_KINDS)('the outbox worker of the service on %s', (kind) => {
  it('processes due entries on runOnce and on a wake, and stops with the service', async () => {
    const testDb = await createTestDatabase(kind);
    const service = await startService({ ...loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'off' }), database: testDb.settings }, silentLogger);
    try {
      const prisma = service.db.prisma;
      const first = await enqueue(prisma, { kind: 'test.not-registered', payload: {} });
      await service.outbox.runOnce();
      expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: 'FAILED', lastError: 'unknown kind "test.not-registered"' });

      const second = await enqueue(prisma, { kind: 'test.not-registered', payload: {} });
      wakeOutboxWorkers();
      await expect.poll(async () => (await prisma.outboxMessage.findUniqueOrThrow({ where: { id: second.id } })).status).toBe('FAILED');
    } finally {
      await service.close();
      await testDb.destroy();
    }
    // Stopped before the database closed: nothing runs on a closed client.
    expect(await service.outbox.runOnce()).toBe(0);
  });
});

// The real service on a fresh database of one kind, with the connector stub standing in for
// Teams, for the duration of a describe block.
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../config/env.ts';
import { startService } from '../../server/app.ts';
import type { Service } from '../../server/app.ts';
import { silentLogger } from '../../server/log.ts';
import { startConnectorStub } from './connectorStub.ts';
import type { ConnectorStub } from './connectorStub.ts';
import { createTestDatabase } from './databases.ts';
import type { DatabaseKind, TestDatabase } from './databases.ts';

export interface ServiceFixture {
  service: Service;
  stub: ConnectorStub;
}

/** Filled in by beforeAll: read its fields inside the tests, not when the file loads. */
export function useService(kind: DatabaseKind): ServiceFixture {
  const fixture = {} as ServiceFixture;
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    fixture.stub = await startConnectorStub();
    fixture.service = await startService({ ...loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'on' }), database: testDb.settings }, silentLogger);
  });
  afterAll(async () => {
    await fixture.service?.close();
    await fixture.stub?.close();
    await testDb?.destroy();
  });
  return fixture;
}

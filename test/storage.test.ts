// Bot state lives in the database: a dialog started before a restart continues after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import type { Storage, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { openDatabase } from '../db/open.ts';
import type { Database } from '../db/open.ts';
import { PrismaStorage } from '../bot/prismaStorage.ts';
import { createTestDatabase, DATABASE_KINDS } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';

/** A two-question dialog, built fresh on each "boot" the way the service would. */
function bootBot(storage: Storage): TestAdapter {
  const state = new ConversationState(storage);
  const dialogs = new DialogSet(state.createProperty('dialogState'));
  dialogs.add(new TextPrompt('text'));
  dialogs.add(
    new WaterfallDialog('intake', [
      (step) => step.prompt('text', 'Welke school?'),
      (step) => {
        // WaterfallStepContext.values is typed as a bare object.
        (step.values as Record<string, unknown>).school = step.result;
        return step.prompt('text', 'Welke gemeente?');
      },
      async (step) => {
        await step.context.sendActivity(`${String((step.values as Record<string, unknown>).school)} in ${String(step.result)}`);
        return step.endDialog();
      },
    ]),
  );
  return new TestAdapter(async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog('intake');
    await state.saveChanges(context);
  });
}

describe('PrismaStorage semantics match MemoryStorage', () => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
    db = await openDatabase(testDb.settings);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.destroy();
  });

  it.each([
    ['memory', () => new MemoryStorage()],
    ['prisma', () => new PrismaStorage(db.prisma)],
  ])('%s: reads back, rejects a stale eTag, accepts "*", deletes', async (_name, make) => {
    const storage: Storage = make();
    await storage.write({ k: { n: 1 } });
    const first = await storage.read(['k', 'missing']);
    expect(first).toEqual({ k: { n: 1, eTag: expect.any(String) } });
    const eTag = (first.k as { eTag: string }).eTag;

    await storage.write({ k: { n: 2, eTag } });
    await expect(storage.write({ k: { n: 3, eTag } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['k'])).k).toMatchObject({ n: 2 });

    await storage.write({ k: { n: 4, eTag: '*' } });
    expect((await storage.read(['k'])).k).toMatchObject({ n: 4 });

    await storage.delete(['k']);
    expect(await storage.read(['k'])).toEqual({});
  });
});

describe.each(DATABASE_KINDS)('dialog state across a restart on %s', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await testDb?.destroy();
  });

  it('continues the dialog where it was, with a new adapter and a new database client', async () => {
    const before = await openDatabase(testDb.settings);
    await bootBot(new PrismaStorage(before.prisma)).send('hallo').assertReply('Welke school?').send('Sint-Lucas').assertReply('Welke gemeente?');
    await before.close();

    const after = await openDatabase(testDb.settings);
    try {
      await bootBot(new PrismaStorage(after.prisma)).send('Gent').assertReply('Sint-Lucas in Gent');
    } finally {
      await after.close();
    }
  });
});

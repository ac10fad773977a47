// Twenty coordinators click "Wij nemen op" on the same card at the same moment: exactly one wins.
// On PostgreSQL through two service instances on one database (as two servers behind a load
// balancer would), on PGlite through one; every other click is told who was first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.ts';
import { startService } from '../server/app.ts';
import type { Service } from '../server/app.ts';
import { silentLogger } from '../server/log.ts';
import { demoPeople } from '../db/demo.ts';
import { button, cardText, Chat } from './support/chat.ts';
import { startConnectorStub } from './support/connectorStub.ts';
import type { ConnectorStub } from './support/connectorStub.ts';
import { extraCoordinators } from './support/builders.ts';
import { createTestDatabase, DATABASE_KINDS } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';
import { fillIn, last, person } from './support/referralChat.ts';
import { channelMessage, invoke } from './support/teams.ts';
import type { ChatUser } from './support/chat.ts';

const CLICKS = 20;

describe.each(DATABASE_KINDS)('twenty simultaneous "Wij nemen op" on %s', (kind) => {
  let testDb: TestDatabase;
  let stub: ConnectorStub;
  const services: Service[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    stub = await startConnectorStub();
    const config = { ...loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'on' }), database: testDb.settings };
    services.push(await startService(config, silentLogger));
    // PGlite is one process's database; PostgreSQL is shared by two service instances.
    if (kind === 'postgres') services.push(await startService(config, silentLogger));
    // More coordinators of the region than the demo has: twenty people clicking at once.
    const prisma = services[0]?.db.prisma;
    if (prisma) await extraCoordinators(prisma, CLICKS);
  });
  afterAll(async () => {
    for (const s of services) await s.close();
    await stub?.close();
    await testDb?.destroy();
  });

  it('lets exactly one win, and tells every other one who was first', async () => {
    const [first] = services;
    if (!first) throw new Error('no service');
    const sofie = new Chat(first.url, stub, person('Sofie Claes'));
    const summary = await fillIn(sofie, 'CLASS');
    const done = last(await sofie.submit(button(summary.card, 'Bevestigen en versturen')));
    const reference = /GR-\d{4}-\d{4}/.exec(cardText(done.card))?.[0] ?? '';
    const referral = await first.db.prisma.referral.findUniqueOrThrow({ where: { reference } });
    const lotte = demoPeople.find((p) => p.name === 'Lotte Vermeulen');
    if (!lotte) throw new Error('no Lotte');
    await channelMessage(first.url, stub.url, { id: lotte.aadObjectId, name: lotte.name, aadObjectId: lotte.aadObjectId }, 'koppel dispatch Gent en Rand');

    const people: ChatUser[] = Array.from({ length: CLICKS }, (_, i) => {
      const aad = `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`;
      return { id: aad, name: `Coördinator ${i}`, aadObjectId: aad };
    });
    const data = { naft: 'dispatch', referralId: referral.id, rev: referral.revision };
    // Everyone has the form open (it names the organisation when there is only one), then all confirm at once.
    const answers = await Promise.all(people.map((p, i) => invoke(services[i % services.length]?.url ?? first.url, stub.url, p, { verb: 'takeUpConfirm', data })));

    const won = answers.filter((a) => cardText(a.card).includes('Genoteerd: jullie nemen op.'));
    const told = answers.filter((a) => /Coördinator \d+ was je voor\. Deze aanmelding kan niet meer opgenomen worden/.test(cardText(a.card)));
    expect(won).toHaveLength(1);
    expect(told).toHaveLength(CLICKS - 1);
    const events = await first.db.prisma.referralEvent.findMany({ where: { referralId: referral.id, type: 'TAKEN_UP' }, include: { actor: true } });
    expect(events).toHaveLength(1);
    const winner = cardText(won[0]?.card);
    expect(winner).toContain(`begeleider ${events[0]?.actor?.name ?? '?'}`);
    expect((await first.db.prisma.referral.findUniqueOrThrow({ where: { id: referral.id } })).status).toBe('TAKEN_UP');
  });
});

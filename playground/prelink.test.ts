// What npm start does to the database before and after the playground starts (prelink.ts), on
// both databases, with the connector stub standing in for the playground: the demo Dispatch
// channel linked without anyone typing, 1:1 messages that wait for the person the playground is
// started as, and the channel's cards posted again for a new page.
import { describe, expect, it } from 'vitest';
import { demoPeople } from '../db/demo.ts';
import { NOTIFY_PERSON } from '../dispatch/kindNames.ts';
import { button, cardText, Chat } from '../test/support/chat.ts';
import type { CardJson } from '../test/support/chat.ts';
import type { SentActivity } from '../test/support/connectorStub.ts';
import { DATABASE_KINDS } from '../test/support/databases.ts';
import { fillIn, last, person } from '../test/support/referralChat.ts';
import { useService } from '../test/support/serviceFixture.ts';
import { channelMessage, executeAction, invoke } from '../test/support/teams.ts';
import { demoPersonNamed, demoTeam, personalChatIdOf } from './demo.ts';
import { prelinkDemoDispatch, replayDispatchChannel } from './prelink.ts';

const SOFIE = person('Sofie Claes');
const LOTTE = person('Lotte Vermeulen');
const CHANNEL = demoTeam.dispatchChannelId;

const cardOf = (a: SentActivity | undefined): CardJson | undefined => a?.body.attachments?.[0]?.content as CardJson | undefined;
const into = (conversationId: string) => (a: SentActivity) => decodeURIComponent(a.path).includes(`/v3/conversations/${conversationId}/activities`);

describe.each(DATABASE_KINDS)('the playground set-up on %s', (kind) => {
  const fixture = useService(kind);
  const prisma = () => fixture.service.db.prisma;
  const prelinkAs = (name: string) => prelinkDemoDispatch(prisma(), { serviceUrl: fixture.stub.url, currentUser: demoPersonNamed(name) });
  const drain = async () => {
    for (let i = 0; i < 50; i++) {
      await fixture.service.outbox.runOnce();
      const soon = await prisma().outboxMessage.count({ where: { status: 'PENDING', nextAttemptAt: { lte: new Date(Date.now() + 2_000) } } });
      if (soon === 0) return;
      await new Promise((r) => setTimeout(r, 150));
    }
  };

  it('leaves a database with people who are not demo people alone', async () => {
    const stranger = await prisma().person.create({ data: { aadObjectId: '0f000000-0000-4000-8000-000000000001', name: 'Echte Persoon', role: 'CLB_STAFF' } });
    expect(await prelinkAs('Sofie Claes')).toEqual({ done: false, reason: 'the database holds people who are not demo people' });
    expect(await prisma().dispatchLink.count()).toBe(0);
    await prisma().person.delete({ where: { id: stranger.id } });
  });

  it('links the demo Dispatch channel, so a referral reaches it without anyone typing "koppel dispatch"', async () => {
    expect(await prelinkAs('Sofie Claes')).toMatchObject({ done: true });
    expect(await prelinkAs('Sofie Claes')).toMatchObject({ done: true }); // idempotent
    const links = await prisma().dispatchLink.findMany({ include: { region: true } });
    expect(links.map((l) => [l.region.name, l.conversationId, l.teamId])).toEqual([['NAFT Gent en Rand', CHANNEL, demoTeam.teamId]]);
    const ref = await prisma().conversationRef.findUniqueOrThrow({ where: { conversationId: CHANNEL } });
    expect(ref.kind).toBe('CHANNEL');
    expect(ref.reference).toMatchObject({ serviceUrl: fixture.stub.url, channelId: 'msteams', conversation: { id: CHANNEL, conversationType: 'channel', tenantId: demoTeam.tenantId } });

    const sofie = new Chat(fixture.service.url, fixture.stub, SOFIE);
    const summary = await fillIn(sofie, 'PUPIL', { firstName: 'Amira', lastInitial: 'B' });
    const reference = /GR-\d{4}-\d{4}/.exec(cardText(last(await sofie.submit(button(summary.card, 'Bevestigen en versturen'))).card))?.[0] ?? '';
    await drain();
    const posted = fixture.stub.sent.filter((a) => a.method === 'POST' && into(CHANNEL)(a) && cardText(cardOf(a)).includes(reference));
    expect(posted).toHaveLength(1);

    const lastText = () => fixture.stub.sent.filter((a) => a.body.conversation?.id?.startsWith(CHANNEL) && a.body.text).at(-1)?.body.text;
    await channelMessage(fixture.service.url, fixture.stub.url, LOTTE, 'koppel dispatch Gent en Rand');
    expect(lastText()).toBe('Dit kanaal is al het dispatchkanaal van **NAFT Gent en Rand**. Er hoeft niets te gebeuren.');
    await channelMessage(fixture.service.url, fixture.stub.url, SOFIE, 'koppel dispatch Gent en Rand');
    expect(lastText()).toBe('Alleen coördinatoren van de partners van NAFT Gent en Rand kunnen een dispatchkanaal koppelen.');
  });

  it('keeps Sofie’s notice waiting while the playground is Lotte’s, and sends it to her chat once it is hers again', async () => {
    await prelinkAs('Lotte Vermeulen');
    expect(await prisma().conversationRef.count({ where: { kind: 'PERSONAL', aadObjectId: SOFIE.aadObjectId } })).toBe(0);
    expect(await prisma().conversationRef.findUnique({ where: { conversationId: personalChatIdOf(demoPersonNamed('Lotte Vermeulen')) } })).toMatchObject({ kind: 'PERSONAL', aadObjectId: LOTTE.aadObjectId });
    const others = await prisma().person.findMany({ where: { aadObjectId: { in: demoPeople.map((p) => p.aadObjectId).filter((id) => id !== LOTTE.aadObjectId) } } });
    expect(others.map((p) => p.teamsUserId)).toEqual(others.map(() => null));

    // A new playground page: the card is posted again, and the referral points at the new one.
    const before = fixture.stub.sent.length;
    expect(await replayDispatchChannel(prisma())).toBe(1);
    await drain();
    const reposted = fixture.stub.sent.slice(before).filter((a) => a.method === 'POST' && into(CHANNEL)(a));
    expect(reposted).toHaveLength(1);
    const referral = await prisma().referral.findFirstOrThrow({ where: { status: 'SUBMITTED' } });
    expect([referral.dispatchConversationId, referral.dispatchActivityId]).toEqual([CHANNEL, reposted[0]?.id]);

    const card = cardOf(reposted[0]);
    const form = await invoke(fixture.service.url, fixture.stub.url, LOTTE, executeAction(card, 'Wij nemen op'), {}, { thread: reposted[0]?.id ?? '' });
    const taken = await invoke(fixture.service.url, fixture.stub.url, LOTTE, executeAction(form.card, 'Bevestigen: wij nemen op'), {}, { thread: reposted[0]?.id ?? '' });
    expect(cardText(taken.card)).toContain('Opgenomen door aPart (begeleider Lotte Vermeulen)');
    await drain();
    // Lotte, the current user, reads who it is in her chat; Sofie's notice waits, nothing failed.
    expect(fixture.stub.sent.some((a) => into(personalChatIdOf(demoPersonNamed('Lotte Vermeulen')))(a) && cardText(cardOf(a)).includes('Opgenomen: gegevens voor de begeleiding'))).toBe(true);
    expect(fixture.stub.sent.some((a) => cardText(cardOf(a)).includes('Je aanmelding is opgenomen'))).toBe(false);
    const sofieRow = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: SOFIE.aadObjectId } });
    expect(await prisma().outboxMessage.count({ where: { kind: NOTIFY_PERSON, status: 'PENDING', payload: { path: ['personId'], equals: sofieRow.id } } })).toBe(1);
    expect(await prisma().outboxMessage.count({ where: { status: 'FAILED' } })).toBe(0);

    await prelinkAs('Sofie Claes');
    await replayDispatchChannel(prisma());
    await drain();
    const notice = fixture.stub.sent.filter((a) => cardText(cardOf(a)).includes('Je aanmelding is opgenomen'));
    // Once, into the chat the playground gives her (not the one of the referral, from another run).
    expect(notice.map((a) => into(personalChatIdOf(demoPersonNamed('Sofie Claes')))(a))).toEqual([true]);
  });
});

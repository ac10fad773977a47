// `status dispatch` when messages are stuck: what waits for a retry and what failed, in plain
// words, and "Opnieuw proberen" for a coordinator of the channel's region (nobody else).
import { describe, expect, it } from 'vitest';
import { OUTBOX_RETRY, plainReason } from '../cards/dispatch/statusCard.ts';
import { demoPeople } from '../db/demo.ts';
import { DispatchChannel } from '../dialogs/dispatch/channel.ts';
import type { ChannelTurn } from '../dialogs/dispatch/channel.ts';
import { linkChannel } from '../dispatch/link.ts';
import { outboxKinds, SECOND_COPY } from '../dispatch/kinds.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Resolution } from '../outbox/types.ts';
import { submitReferral } from '../referrals/submit.ts';
import { cardText } from './support/chat.ts';
import type { CardJson } from './support/chat.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { completeDraft, useSeededDatabase } from './support/seededDatabase.ts';

const aad = (name: string) => demoPeople.find((p) => p.name === name)?.aadObjectId;
const CHANNEL = '19:status-test@thread.tacv2';
const turnOf = (name: string): ChannelTurn => ({ aadObjectId: aad(name), name, personal: false, replyToId: undefined, channelId: CHANNEL, teamId: null });

describe.each(DATABASE_KINDS)('status dispatch with stuck messages on %s', (kind) => {
  const fixture = useSeededDatabase(kind);

  it('lists what waits and what failed in plain words, and lets a coordinator of the region try again now', async () => {
    const prisma = fixture.db.prisma;
    expect(await linkChannel(prisma, { regionName: 'Gent en Rand', conversationId: CHANNEL, teamId: null, aadObjectId: aad('Lotte Vermeulen') })).toMatchObject({ ok: true });
    const later = new Date(Date.now() + 4 * 60_000);
    const retrying = await enqueue(prisma, { kind: 'dispatch.update', payload: { referralId: '00000000-0000-4000-8000-00000000aaaa' }, scope: 'GR' });
    await prisma.outboxMessage.update({ where: { id: retrying.id }, data: { attempts: 7, lastError: '503: Service Unavailable', nextAttemptAt: later } });
    const failed = await enqueue(prisma, { kind: 'notify.person', payload: { x: 1 }, scope: 'GR' });
    await prisma.outboxMessage.update({ where: { id: failed.id }, data: { status: 'FAILED', attempts: 1, lastError: '403: Forbidden' } });
    const dropped = await enqueue(prisma, { kind: 'dispatch.post', payload: { x: 2 }, scope: 'GR' });
    await prisma.outboxMessage.update({ where: { id: dropped.id }, data: { status: 'FAILED', lastError: 'dropped: withdrawn before it reached the dispatch' } });
    const otherRegion = await enqueue(prisma, { kind: 'notify.person', payload: { x: 3 }, scope: 'ZZ' });
    await prisma.outboxMessage.update({ where: { id: otherRegion.id }, data: { status: 'FAILED', lastError: '403: Forbidden' } });

    const channel = new DispatchChannel(prisma);
    const [shown] = await channel.status(turnOf('Nadia Benali'));
    const card = shown?.type === 'send' && 'card' in shown.message ? (shown.message.card as unknown as CardJson) : undefined;
    const text = cardText(card);
    expect(text).toMatch(/bijwerken van een kaart van .*: Teams was niet bereikbaar\. Al 7 keer geprobeerd; volgende poging/);
    expect(text).toContain('1:1-bericht');
    expect(text).toContain('de bot mag daar niet (meer) schrijven');
    expect(JSON.stringify(card)).toContain(JSON.stringify(OUTBOX_RETRY).slice(1, -1));

    // Only a coordinator of this region: Sofie (CLB) is refused and nothing moves.
    const [refused] = await channel.retry(turnOf('Sofie Claes'));
    expect(refused).toMatchObject({ message: { text: 'Alleen coördinatoren van dit werkingsgebied kunnen berichten opnieuw laten proberen.' } });
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe('FAILED');

    const [done] = await channel.retry(turnOf('Nadia Benali'));
    expect(done).toMatchObject({ message: { text: expect.stringContaining('2 berichten worden nu opnieuw geprobeerd') } });
    const rows = await prisma.outboxMessage.findMany({ where: { id: { in: [retrying.id, failed.id, dropped.id, otherRegion.id] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(failed.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(byId.get(retrying.id)?.nextAttemptAt.getTime()).toBeLessThan(later.getTime());
    // No longer needed stays so; another region's is not this channel's to retry.
    expect(byId.get(dropped.id)?.status).toBe('FAILED');
    expect(byId.get(otherRegion.id)?.status).toBe('FAILED');
  });

  it('posts a channel card whose earlier try was interrupted with a word that it replaces a possible earlier copy', async () => {
    const prisma = fixture.db.prisma;
    const sofie = await prisma.person.findFirstOrThrow({ where: { name: 'Sofie Claes' } });
    const draft = await completeDraft(prisma, sofie.id, 'GROUP');
    const sent = await submitReferral(prisma, { referrerId: sofie.id, draftId: draft.id, revision: draft.revision });
    if (!sent.ok) throw new Error(sent.reason);
    const post = outboxKinds['dispatch.post'];
    if (!post) throw new Error('no dispatch.post kind');
    const textOf = (r: Resolution) => (r.type === 'post' ? JSON.stringify(r.activity) : r.type);
    expect(textOf(await post.resolve({ referralId: sent.referralId }, prisma, { interrupted: true }))).toContain(SECOND_COPY);
    expect(textOf(await post.resolve({ referralId: sent.referralId }, prisma, { interrupted: false }))).not.toContain('twee keer');
    expect(textOf(await post.resolve({ referralId: sent.referralId }, prisma))).not.toContain('twee keer');
  });

  it('says in plain words what each kind of failure means', () => {
    expect(plainReason('gave up after 24 h (40 attempts): 503: Service Unavailable')).toBe('Teams was niet bereikbaar');
    expect(plainReason('429: Too Many Requests')).toBe('Teams vroeg om even te wachten');
    expect(plainReason('network: socket hang up')).toBe('geen verbinding met Teams');
    expect(plainReason('could not prepare: Connection terminated')).toBe('de databank antwoordde niet');
    expect(plainReason('404: no conversation reference for x')).toBe('dat gesprek of kanaal bestaat niet meer');
    expect(plainReason('waiting: no dispatch channel linked for this region')).toBe('er is nog geen dispatchkanaal gekoppeld');
  });
});

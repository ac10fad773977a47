// "Nieuwe code" and "Toon de code opnieuw" for a closed trajectory (issue #15), on both
// databases: through the domain (dispatch/surveyCodes.ts) and through the card buttons as Teams
// sends them (DispatchFlow.invoke). A new code stops the old one at once and brings an expired one
// back; "again" keeps every earlier code working; only the organisation that took the referral up
// may, and a refusal names nothing.
import { describe, expect, it } from 'vitest';
import { DISPATCH_FLOW } from '../cards/dispatch/actions.ts';
import { DispatchFlow } from '../dialogs/dispatch/flow.ts';
import { surveyCodesAgain } from '../dispatch/surveyCodes.ts';
import { REFUSED } from '../dialogs/dispatch/flow.ts';
import { surveyCodesKind } from '../dispatch/surveyKinds.ts';
import { tokenState } from '../survey/invitation.ts';
import { closedTrajectory } from './support/closedTrajectory.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { useSeededDatabase } from './support/seededDatabase.ts';

const DAY = 86_400_000;

describe.each(DATABASE_KINDS)('new survey codes on %s', (kind) => {
  const fixture = useSeededDatabase(kind);
  const prisma = () => fixture.db.prisma;
  const lotte = () => prisma().person.findFirstOrThrow({ where: { name: 'Lotte Vermeulen' } });
  const codeCards = async (referralId: string) =>
    (await prisma().outboxMessage.findMany({ where: { kind: 'survey.codes', payload: { path: ['referralId'], equals: referralId } } })).map((m) => m.payload as { renewed?: string; invitationIds: string[]; personId: string });

  it('stops the old code at once with "Nieuwe code", and keeps it working with "Toon de code opnieuw"', async () => {
    const t = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const me = await lotte();
    const old = t.tokens.YOUNG_PERSON ?? '';
    expect((await tokenState(prisma(), old, new Date())).state).toBe('open');

    expect(await surveyCodesAgain(prisma(), { referralId: t.referralId, actorId: me.id, mode: 'again', surveyDays: 30 })).toEqual({ ok: true, invitations: 2 });
    expect((await tokenState(prisma(), old, new Date())).state).toBe('open');
    expect((await codeCards(t.referralId)).filter((c) => c.renewed === 'again')).toHaveLength(1);

    expect(await surveyCodesAgain(prisma(), { referralId: t.referralId, actorId: me.id, mode: 'new', surveyDays: 30 })).toEqual({ ok: true, invitations: 2 });
    expect((await tokenState(prisma(), old, new Date())).state).toBe('unknown');
    const card = (await codeCards(t.referralId)).find((c) => c.renewed === 'new');
    expect(card?.personId).toBe(me.id);
    // The card, when sent, brings a code that works (minted then, as always).
    await prisma().conversationRef.create({ data: { conversationId: `a:lotte-codes-${kind}`, kind: 'PERSONAL', aadObjectId: me.aadObjectId, reference: { serviceUrl: 'https://smba.example/', conversation: { id: `a:lotte-codes-${kind}` } } } });
    const sent = await surveyCodesKind({ surveyBaseUrl: () => 'https://naft.example.be' }).resolve({ personId: me.id, referralId: t.referralId, invitationIds: card?.invitationIds ?? [], renewed: 'new' }, prisma());
    expect(sent.type).toBe('post');
    const text = JSON.stringify(sent);
    expect(text).toContain('Nieuwe code voor');
    expect(text).toContain('surveyNewCode');
    const token = /naft\.example\.be\/s\/([A-Za-z0-9_-]{22})/.exec(text)?.[1] ?? '';
    expect((await tokenState(prisma(), token, new Date())).state).toBe('open');
  });

  it('brings an expired code back for SURVEY_DAYS, and makes none for a survey that was answered', async () => {
    const t0 = new Date(Date.now() - 40 * DAY);
    const t = await closedTrajectory(prisma(), { kind: 'PUPIL', now: t0, surveyDays: 30 });
    const me = await lotte();
    expect((await tokenState(prisma(), t.tokens.YOUNG_PERSON ?? '', new Date())).state).toBe('expired');
    // Shown again: nothing of it still works.
    expect(await surveyCodesAgain(prisma(), { referralId: t.referralId, actorId: me.id, mode: 'again', surveyDays: 30 })).toEqual({ ok: false, reason: 'nothing-open' });
    const now = new Date();
    expect(await surveyCodesAgain(prisma(), { referralId: t.referralId, actorId: me.id, mode: 'new', surveyDays: 30, now })).toEqual({ ok: true, invitations: 2 });
    const invitation = await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: t.invitationIds.YOUNG_PERSON ?? '' } });
    expect(invitation.expiresAt.getTime()).toBe(now.getTime() + 30 * DAY);

    await prisma().surveyInvitation.updateMany({ where: { referralId: t.referralId }, data: { uses: 1 } });
    expect(await surveyCodesAgain(prisma(), { referralId: t.referralId, actorId: me.id, mode: 'new', surveyDays: 30 })).toEqual({ ok: false, reason: 'nothing-open' });
  });

  it('lets only the organisation that took the referral up, and refuses without naming anything, through the card buttons too', async () => {
    const t = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const referral = await prisma().referral.findUniqueOrThrow({ where: { id: t.referralId }, select: { reference: true, organisationId: true } });
    const stranger = await prisma().person.findFirstOrThrow({ where: { role: { in: ['COORDINATOR', 'BEGELEIDER'] }, memberships: { none: { organisationId: referral.organisationId ?? '' } } } });
    const cardsBefore = (await codeCards(t.referralId)).length;
    expect(await surveyCodesAgain(prisma(), { referralId: t.referralId, actorId: stranger.id, mode: 'new', surveyDays: 30 })).toEqual({ ok: false, reason: 'not-allowed' });
    // An unknown referral: the same refusal, so a guess learns nothing.
    expect(await surveyCodesAgain(prisma(), { referralId: '00000000-0000-4000-8000-000000000000', actorId: stranger.id, mode: 'new', surveyDays: 30 })).toEqual({ ok: false, reason: 'not-allowed' });
    expect((await tokenState(prisma(), t.tokens.YOUNG_PERSON ?? '', new Date())).state).toBe('open');

    const flow = new DispatchFlow(prisma(), 30);
    const data = { naft: DISPATCH_FLOW, referralId: t.referralId, rev: 0 };
    const refused = await flow.invoke({ aadObjectId: stranger.aadObjectId ?? undefined, name: stranger.name, personal: true, replyToId: undefined }, 'surveyNewCode', data);
    const refusal = JSON.stringify(refused);
    // Refused before anything is read (dialogs/dispatch/flow.ts NEEDS): the rule alone, as a message beside the card.
    expect(refused).toEqual({ message: REFUSED.steps });
    for (const secret of [referral.reference ?? 'x', 'Lotte', t.referralId]) expect(refusal).not.toContain(secret);
    expect((await codeCards(t.referralId)).length).toBe(cardsBefore);

    const me = await lotte();
    const done = await flow.invoke({ aadObjectId: me.aadObjectId ?? undefined, name: me.name, personal: true, replyToId: undefined }, 'surveyNewCode', data);
    expect(JSON.stringify(done)).toContain('Er is een nieuwe code gemaakt.');
    expect((await tokenState(prisma(), t.tokens.YOUNG_PERSON ?? '', new Date())).state).toBe('unknown');
    expect((await codeCards(t.referralId)).length).toBe(cardsBefore + 1);
  });
});

// The one survey reminder, by the clock (passed in, no waiting), on both databases: a week after
// the afronding, for the codes nobody used, once — also with two instances checking at the same
// moment — and never for a survey that was answered or has expired.
import { describe, expect, it } from 'vitest';
import { runSchedules } from '../dispatch/schedule.ts';
import { surveyCodesKind } from '../dispatch/surveyKinds.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { demoPerson } from './support/builders.ts';
import { closedTrajectory } from './support/closedTrajectory.ts';
import { useSeededDatabase } from './support/seededDatabase.ts';

const DAY = 86_400_000;
const settings = { overviewWeekday: 1, overviewHour: 9 };

describe.each(DATABASE_KINDS)('the survey reminder on %s', (kind) => {
  const fixture = useSeededDatabase(kind);
  const prisma = () => fixture.db.prisma;

  const reminders = async (referralId: string) =>
    (await prisma().outboxMessage.findMany({ where: { kind: 'survey.codes', payload: { path: ['referralId'], equals: referralId } } }))
      .map((m) => m.payload as { reminder?: boolean; invitationIds: string[]; personId: string })
      .filter((p) => p.reminder === true);

  it('reminds once, a week after the afronding, with the codes nobody used, to the begeleider — also with two instances at once', async () => {
    const t0 = new Date('2026-03-02T10:00:00Z');
    const closed = await closedTrajectory(prisma(), { kind: 'PUPIL', now: t0 });
    const lotte = await demoPerson(prisma(), 'Lotte Vermeulen');

    expect((await runSchedules(prisma(), settings, new Date(t0.getTime() + 6 * DAY))).surveyReminders).toBe(0);
    const due = new Date(t0.getTime() + 7 * DAY + 60_000);
    const [a, b] = await Promise.all([runSchedules(prisma(), settings, due), runSchedules(prisma(), settings, due)]);
    expect(a.surveyReminders + b.surveyReminders).toBe(1);
    const sent = await reminders(closed.referralId);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.personId).toBe(lotte.id);
    expect(new Set(sent[0]?.invitationIds)).toEqual(new Set([closed.invitationIds.YOUNG_PERSON, closed.invitationIds.SCHOOL]));
    const invitations = await prisma().surveyInvitation.findMany({ where: { referralId: closed.referralId } });
    expect(invitations.every((i) => i.remindedAt?.getTime() === due.getTime())).toBe(true);

    // Never a second one.
    expect((await runSchedules(prisma(), settings, new Date(t0.getTime() + 14 * DAY))).surveyReminders).toBe(0);
    expect(await reminders(closed.referralId)).toHaveLength(1);
  });

  it('does not remind of a survey that was answered, only of the code still unused, and not after it expired', async () => {
    const t0 = new Date('2026-04-06T10:00:00Z');
    const answered = await closedTrajectory(prisma(), { kind: 'PUPIL', now: t0 });
    await prisma().surveyInvitation.updateMany({ where: { referralId: answered.referralId }, data: { uses: 1 } });
    const half = await closedTrajectory(prisma(), { kind: 'CLASS', now: t0 });
    await prisma().surveyInvitation.updateMany({ where: { id: half.invitationIds.GROUP }, data: { uses: 1 } });
    const expired = await closedTrajectory(prisma(), { kind: 'SCHOOL', now: t0, surveyDays: 5 });

    await runSchedules(prisma(), settings, new Date(t0.getTime() + 8 * DAY));
    expect(await reminders(answered.referralId)).toHaveLength(0);
    expect(await reminders(expired.referralId)).toHaveLength(0);
    const partly = await reminders(half.referralId);
    expect(partly.map((p) => p.invitationIds)).toEqual([[half.invitationIds.SCHOOL]]);

    // Answered between the reminder's planning and its sending: nothing is sent.
    await prisma().surveyInvitation.updateMany({ where: { id: half.invitationIds.SCHOOL }, data: { uses: 1 } });
    const kind_ = surveyCodesKind({ surveyBaseUrl: () => 'https://naft.example.be', now: () => new Date(t0.getTime() + 8 * DAY) });
    const lotte = await demoPerson(prisma(), 'Lotte Vermeulen');
    // Lotte has a 1:1 chat with the bot.
    await prisma().conversationRef.create({
      data: { conversationId: `a:lotte-${kind}`, kind: 'PERSONAL', aadObjectId: lotte.aadObjectId, reference: { serviceUrl: 'https://smba.example/', conversation: { id: `a:lotte-${kind}` } } },
    });
    const tokensBefore = await prisma().surveyToken.count();
    const resolved = await kind_.resolve({ personId: lotte.id, referralId: half.referralId, invitationIds: [half.invitationIds.SCHOOL ?? ''], reminder: true }, prisma());
    expect(resolved).toMatchObject({ type: 'drop' });
    // No token minted for a card that is not sent.
    expect(await prisma().surveyToken.count()).toBe(tokensBefore);
    // The group's own code (one answer of 25 so far) still is, with a fresh token, outside a reminder.
    const codes = await kind_.resolve({ personId: lotte.id, referralId: half.referralId, invitationIds: [half.invitationIds.GROUP ?? ''] }, prisma());
    expect(codes.type).toBe('post');
    expect(JSON.stringify(codes)).toContain('Al 1 van 25 ingevuld.');
    expect(await prisma().surveyToken.count()).toBe(tokensBefore + 1);
  });
});

// After taking up: first contact, intake and start give the opstartduur; a running trajectory is
// reminded of its evaluation eight weeks on; the weekly overview goes once per region and week.
// Domain level, with the clock passed in (no waiting), on both databases.
import { describe, expect, it } from 'vitest';
import { recordStep, takeUp } from '../dispatch/decide.ts';
import { inBrussels, runSchedules } from '../dispatch/schedule.ts';
import { linkChannel } from '../dispatch/link.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { demoPerson, submittedReferral } from './support/builders.ts';
import { useSeededDatabase } from './support/seededDatabase.ts';

const DAY = 86_400_000;
const settings = { overviewWeekday: 1, overviewHour: 9 };

describe.each(DATABASE_KINDS)('after taking up, on %s', (kind) => {
  const fixture = useSeededDatabase(kind);
  const db = {
    get prisma() {
      return fixture.db.prisma;
    },
  };

  const submitted = async (): Promise<string> => (await submittedReferral(db.prisma)).referralId;

  const rev = async (id: string) => (await db.prisma.referral.findUniqueOrThrow({ where: { id } })).revision;

  it('records first contact, intake and start in order, refuses them out of order, and reminds of the evaluation once per due date', async () => {
    const id = await submitted();
    const lotte = await demoPerson(db.prisma, 'Lotte Vermeulen');
    const orgId = lotte.memberships[0]?.organisationId ?? '';
    // The clock starts when the referral was sent: the opstartduur counts from there.
    const t0 = (await db.prisma.referral.findUniqueOrThrow({ where: { id } })).submittedAt ?? new Date();
    // Before anyone took it up, nobody may record its steps: refused as not theirs, before any state.
    expect(await recordStep(db.prisma, { referralId: id, actorId: lotte.id, step: 'START', now: t0 })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await takeUp(db.prisma, { referralId: id, rev: await rev(id), actorId: lotte.id, organisationId: orgId, begeleiderId: lotte.id, now: new Date(t0.getTime() + DAY) })).toEqual({ ok: true, status: 'TAKEN_UP' });
    expect(await recordStep(db.prisma, { referralId: id, actorId: lotte.id, step: 'FIRST_CONTACT', now: new Date(t0.getTime() + 3 * DAY) })).toMatchObject({ ok: true, status: 'TAKEN_UP' });
    expect(await recordStep(db.prisma, { referralId: id, actorId: lotte.id, step: 'EVALUATE', now: t0 })).toMatchObject({ ok: false, reason: 'not-allowed' });
    expect(await recordStep(db.prisma, { referralId: id, actorId: lotte.id, step: 'INTAKE', now: new Date(t0.getTime() + 9 * DAY) })).toMatchObject({ ok: true, status: 'INTAKE' });
    const start = new Date(t0.getTime() + 16 * DAY);
    expect(await recordStep(db.prisma, { referralId: id, actorId: lotte.id, step: 'START', now: start })).toMatchObject({ ok: true, status: 'RUNNING' });

    const row = await db.prisma.referral.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { createdAt: 'asc' } } } });
    // The opstartduur: from referral to start.
    expect(Math.round(((row.startedAt?.getTime() ?? 0) - t0.getTime()) / DAY)).toBe(16);
    expect(row.events.map((e) => e.type)).toEqual(['SUBMITTED', 'TAKEN_UP', 'FIRST_CONTACT', 'INTAKE', 'STARTED']);
    expect(row.evaluationDueAt?.getTime()).toBe(start.getTime() + 56 * DAY);

    const reminders = () => db.prisma.outboxMessage.count({ where: { kind: 'notify.person', payload: { path: ['notice', 'type'], equals: 'evaluation' } } });
    expect((await runSchedules(db.prisma, settings, new Date(start.getTime() + 55 * DAY))).reminders).toBe(0);
    const due = new Date(start.getTime() + 57 * DAY);
    const [a, b] = await Promise.all([runSchedules(db.prisma, settings, due), runSchedules(db.prisma, settings, due)]);
    expect(a.reminders + b.reminders).toBe(1);
    expect(await reminders()).toBe(1);
    // Still not evaluated a week later: one more; after "evaluatie gebeurd", not for eight weeks.
    expect((await runSchedules(db.prisma, settings, new Date(due.getTime() + 8 * DAY))).reminders).toBe(1);
    await recordStep(db.prisma, { referralId: id, actorId: lotte.id, step: 'EVALUATE', now: new Date(due.getTime() + 9 * DAY) });
    expect((await runSchedules(db.prisma, settings, new Date(due.getTime() + 30 * DAY))).reminders).toBe(0);
  });

  it('posts the weekly overview once per linked region, on the set weekday from the set hour (Belgian time)', async () => {
    const lotte = await demoPerson(db.prisma, 'Lotte Vermeulen');
    await linkChannel(db.prisma, { regionName: 'Gent en Rand', conversationId: '19:dispatch@thread.tacv2', teamId: null, aadObjectId: lotte.aadObjectId });
    // Monday 30 November 2026, 08:30 and 09:05 in Brussels (UTC+1).
    const before = new Date('2026-11-30T07:30:00Z');
    const at = new Date('2026-11-30T08:05:00Z');
    expect(inBrussels(at)).toEqual({ weekday: 1, hour: 9, date: '2026-11-30' });
    expect((await runSchedules(db.prisma, settings, before)).overviews).toBe(0);
    const runs = await Promise.all([runSchedules(db.prisma, settings, at), runSchedules(db.prisma, settings, at), runSchedules(db.prisma, settings, new Date(at.getTime() + 3_600_000))]);
    expect(runs.reduce((n, r) => n + r.overviews, 0)).toBe(1);
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'dispatch.weekly' } })).toBe(1);
    // The next day nothing; the next Monday again.
    expect((await runSchedules(db.prisma, settings, new Date(at.getTime() + DAY))).overviews).toBe(0);
    expect((await runSchedules(db.prisma, settings, new Date(at.getTime() + 7 * DAY))).overviews).toBe(1);
  });
});

// What happens by the clock: the weekly overview in each dispatch channel, the reminder to
// evaluate a running trajectory eight weeks after its start or last evaluation, and the one
// reminder of a satisfaction survey nobody filled in a week after the afronding. Run every minute
// by the service; safe with two instances (a ScheduledRun row and conditional updates decide
// which one does it), and every message goes through the outbox.
import type { DbClient } from '../db/open.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import { DISPATCH_WEEKLY, NOTIFY_PERSON, SURVEY_CODES } from './kindNames.ts';

export interface ScheduleSettings {
  /** 1 = Monday … 7 = Sunday, in Belgian time. */
  overviewWeekday: number;
  /** 0–23, Belgian time. */
  overviewHour: number;
}

const REMIND_AGAIN_DAYS = 7;
/** A survey code nobody used this many days after the afronding: one reminder to the begeleider. */
export const SURVEY_REMINDER_DAYS = 7;
const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const brussels = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', weekday: 'short', hour: '2-digit', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Belgian weekday (1–7), hour and date ("2026-11-30") of a moment. */
export function inBrussels(at: Date): { weekday: number; hour: number; date: string } {
  const parts = Object.fromEntries(brussels.formatToParts(at).map((p) => [p.type, p.value]));
  return { weekday: WEEKDAYS.indexOf(parts.weekday ?? ''), hour: Number(parts.hour), date: `${parts.year}-${parts.month}-${parts.day}` };
}

/** The overview of this day, once per region: on the configured weekday, from the configured hour. */
async function weeklyOverviews(prisma: DbClient, now: Date, settings: ScheduleSettings): Promise<number> {
  const here = inBrussels(now);
  if (here.weekday !== settings.overviewWeekday || here.hour < settings.overviewHour) return 0;
  const links = await prisma.dispatchLink.findMany({ include: { region: true } });
  let posted = 0;
  for (const link of links) {
    const key = `weekly-overview:${link.region.code}:${here.date}`;
    await prisma.$transaction(async (tx) => {
      const inserted = await tx.scheduledRun.createMany({ data: [{ key, ranAt: now }], skipDuplicates: true });
      if (inserted.count === 0) return;
      await enqueue(tx, { kind: DISPATCH_WEEKLY, payload: { regionId: link.regionId, slot: here.date }, scope: link.region.code });
      posted++;
    });
  }
  return posted;
}

/** A reminder per running trajectory whose evaluation is due; again a week later if still not done. */
async function evaluationReminders(prisma: DbClient, now: Date): Promise<number> {
  const due = await prisma.referral.findMany({
    where: { status: 'RUNNING', evaluationDueAt: { lte: now } },
    select: { id: true, evaluationDueAt: true, begeleiderId: true, organisationId: true, region: { select: { code: true } } },
    take: 200,
  });
  let reminded = 0;
  for (const r of due) {
    const to = r.begeleiderId ?? (await prisma.membership.findFirst({ where: { organisationId: r.organisationId ?? '' }, select: { personId: true } }))?.personId;
    if (!to) continue;
    await prisma.$transaction(async (tx) => {
      // Conditional on the due date we read: with two instances, one sends the reminder.
      const moved = await tx.referral.updateMany({ where: { id: r.id, status: 'RUNNING', evaluationDueAt: r.evaluationDueAt }, data: { evaluationDueAt: new Date(now.getTime() + REMIND_AGAIN_DAYS * 86_400_000) } });
      if (moved.count === 0) return;
      await enqueue(tx, { kind: NOTIFY_PERSON, payload: { personId: to, notice: { type: 'evaluation', referralId: r.id } }, ...(r.region ? { scope: r.region.code } : {}) });
      reminded++;
    });
  }
  return reminded;
}

/**
 * Survey codes still unused a week after the afronding, not expired and not reminded yet: the QR
 * codes once more to the begeleider (or, without one, whoever closed), one card per trajectory.
 * Nothing when it was answered or expired, and never a second time.
 */
async function surveyReminders(prisma: DbClient, now: Date): Promise<number> {
  const due = await prisma.surveyInvitation.findMany({
    where: { uses: 0, remindedAt: null, createdAt: { lte: new Date(now.getTime() - SURVEY_REMINDER_DAYS * 86_400_000) }, expiresAt: { gt: now } },
    select: { id: true, referralId: true },
    orderBy: { createdAt: 'asc' },
    take: 200,
  });
  const byReferral = new Map<string, string[]>();
  for (const i of due) byReferral.set(i.referralId, [...(byReferral.get(i.referralId) ?? []), i.id]);
  let reminded = 0;
  for (const [referralId, ids] of byReferral) {
    const referral = await prisma.referral.findUnique({ where: { id: referralId }, select: { begeleiderId: true, region: { select: { code: true } } } });
    const closer = referral?.begeleiderId ? null : await prisma.referralEvent.findFirst({ where: { referralId, type: { in: ['CLOSED', 'STOPPED_EARLY'] } }, orderBy: { createdAt: 'desc' }, select: { actorId: true } });
    const to = referral?.begeleiderId ?? closer?.actorId;
    if (!to) continue;
    await prisma.$transaction(async (tx) => {
      // Conditional on "not reminded, not answered": with two instances, one of them claims them.
      const claimed = await tx.surveyInvitation.updateManyAndReturn({ where: { id: { in: ids }, uses: 0, remindedAt: null }, data: { remindedAt: now }, select: { id: true } });
      if (claimed.length === 0) return;
      await enqueue(tx, { kind: SURVEY_CODES, payload: { personId: to, referralId, invitationIds: claimed.map((c) => c.id), reminder: true }, ...(referral?.region ? { scope: referral.region.code } : {}) });
      reminded++;
    });
  }
  return reminded;
}

export async function runSchedules(prisma: DbClient, settings: ScheduleSettings, now = new Date()): Promise<{ overviews: number; reminders: number; surveyReminders: number }> {
  const overviews = await weeklyOverviews(prisma, now, settings);
  const reminders = await evaluationReminders(prisma, now);
  const surveys = await surveyReminders(prisma, now);
  if (overviews + reminders + surveys > 0) wakeOutboxWorkers();
  return { overviews, reminders, surveyReminders: surveys };
}

// What happens by the clock: the weekly overview in each dispatch channel, and the reminder to
// evaluate a running trajectory eight weeks after its start or last evaluation. Run every minute
// by the service; safe with two instances (a ScheduledRun row and conditional updates decide
// which one does it), and every message goes through the outbox.
import type { DbClient } from '../db/open.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import { DISPATCH_WEEKLY, NOTIFY_PERSON } from './kindNames.ts';

export interface ScheduleSettings {
  /** 1 = Monday … 7 = Sunday, in Belgian time. */
  overviewWeekday: number;
  /** 0–23, Belgian time. */
  overviewHour: number;
}

const REMIND_AGAIN_DAYS = 7;
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

export async function runSchedules(prisma: DbClient, settings: ScheduleSettings, now = new Date()): Promise<{ overviews: number; reminders: number }> {
  const overviews = await weeklyOverviews(prisma, now, settings);
  const reminders = await evaluationReminders(prisma, now);
  if (overviews + reminders > 0) wakeOutboxWorkers();
  return { overviews, reminders };
}

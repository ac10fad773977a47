// Correcting the last step of a trajectory (eerste contact, intake, start, an evaluation): its day
// moved, or the step undone, by the begeleider or a coordinator of the organisation that took it
// up, with a reason. The history stays append-only: a STEP_CORRECTED event names the event it
// corrects; the referral's own fields (which the figures read) are set to what is now true, and
// the reports leave out an undone evaluation and use a corrected day (reports/rows.ts).
import type { DbClient } from '../db/open.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import { mayWhere } from './access.ts';
import { enqueueChannelUpdate, noonInBrussels, stepDay } from './decide.ts';
import type { Step } from './decide.ts';
import { inBrussels } from './schedule.ts';
import { titleOf } from '../referrals/history.ts';

const STEP_EVENTS = { FIRST_CONTACT: 'FIRST_CONTACT', INTAKE: 'INTAKE', STARTED: 'START', EVALUATED: 'EVALUATE' } as const satisfies Record<string, Step>;
type StepEvent = keyof typeof STEP_EVENTS;
const EVALUATION_EVERY = 56 * 86_400_000;

export type Correction = { kind: 'redate'; on: string } | { kind: 'undo' };

export interface LastStep {
  eventId: string;
  step: Step;
  at: Date;
  by: string | null;
}

export type CorrectOutcome =
  | { ok: true; step: Step; undone: boolean; at?: Date }
  | { ok: false; reason: 'forbidden' | 'nothing' | 'changed' }
  | { ok: false; reason: 'bad-date'; message: string };

/** The steps of a referral still standing (not undone), each with its day as corrected, oldest first. */
async function standingSteps(prisma: DbClient, referralId: string): Promise<LastStep[]> {
  const events = await prisma.referralEvent.findMany({
    where: { referralId, type: { in: [...Object.keys(STEP_EVENTS), 'STEP_CORRECTED'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, type: true, createdAt: true, data: true, actor: { select: { name: true } } },
  });
  const steps = new Map<string, LastStep>();
  for (const e of events) if (e.type !== 'STEP_CORRECTED') steps.set(e.id, { eventId: e.id, step: STEP_EVENTS[e.type as StepEvent], at: e.createdAt, by: e.actor?.name ?? null });
  // Corrections after the steps they name (a correction may share its moment with a later step); an undone step stays undone.
  for (const e of events) {
    if (e.type !== 'STEP_CORRECTED') continue;
    const data = e.data !== null && typeof e.data === 'object' && !Array.isArray(e.data) ? (e.data as Record<string, unknown>) : {};
    const target = typeof data.eventId === 'string' ? steps.get(data.eventId) : undefined;
    if (!target) continue;
    if (data.undone === true) steps.delete(target.eventId);
    else if (typeof data.at === 'string') target.at = new Date(data.at);
  }
  return [...steps.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The last step that can be corrected, or null: only while the trajectory runs, and only for who may record steps. */
export async function lastStep(prisma: DbClient, referralId: string, actorId: string): Promise<LastStep | null> {
  const view = await correctionView(prisma, referralId, actorId);
  return view === null || view === 'none' ? null : { eventId: view.eventId, step: view.step, at: view.at, by: view.by };
}

export interface CorrectionView extends LastStep {
  referralId: string;
  reference: string;
  title: string;
  submittedAt: Date;
}

/** What the correction card shows: the last step, for who may correct it; `none` when there is no step yet, null when it is not this person's. */
export async function correctionView(prisma: DbClient, referralId: string, actorId: string): Promise<CorrectionView | 'none' | null> {
  const row = await prisma.referral.findFirst({ where: { AND: [{ id: referralId, status: { in: ['TAKEN_UP', 'INTAKE', 'RUNNING'] } }, mayWhere.steps(actorId)] }, select: { reference: true, subjectKind: true, answers: true, submittedAt: true, createdAt: true } });
  if (!row) return null;
  const last = (await standingSteps(prisma, referralId)).at(-1);
  if (!last) return 'none';
  return { ...last, referralId, reference: row.reference ?? '—', title: titleOf(row.subjectKind, row.answers), submittedAt: row.submittedAt ?? row.createdAt };
}

export async function correctLastStep(prisma: DbClient, d: { referralId: string; actorId: string; eventId: string; correction: Correction; reason: string; now?: Date }): Promise<CorrectOutcome> {
  const now = d.now ?? new Date();
  const row = await prisma.referral.findFirst({ where: { AND: [{ id: d.referralId, status: { in: ['TAKEN_UP', 'INTAKE', 'RUNNING'] } }, mayWhere.steps(d.actorId)] }, select: { revision: true, intakeAt: true, startedAt: true, region: { select: { code: true } } } });
  if (!row) return { ok: false, reason: 'forbidden' };
  const steps = await standingSteps(prisma, d.referralId);
  const last = steps.at(-1);
  if (!last) return { ok: false, reason: 'nothing' };
  // The card showed one step; a step noted since then is not what the person meant to correct.
  if (last.eventId !== d.eventId) return { ok: false, reason: 'changed' };
  let at: Date | undefined;
  if (d.correction.kind === 'redate') {
    const today = inBrussels(now).date;
    // The step before the last one bounds the new day, like a new step (stepDay checks the referral's fields, so it sees this step's own day: look at the one before).
    const previous = steps.at(-2);
    if (previous && d.correction.on < inBrussels(previous.at).date) return { ok: false, reason: 'bad-date', message: `Die datum ligt voor de stap ervoor (${inBrussels(previous.at).date.split('-').reverse().join('/')}).` };
    const checked = await stepDay(prisma, d.referralId, 'FIRST_CONTACT', d.correction.on, today);
    if (checked && !checked.ok && checked.reason === 'bad-date') return checked;
    at = d.correction.on === today ? now : noonInBrussels(d.correction.on);
  }
  const previousEvaluation = steps.slice(0, -1).filter((s) => s.step === 'EVALUATE').at(-1)?.at ?? null;
  const undo = d.correction.kind === 'undo';
  const fields = (() => {
    switch (last.step) {
      case 'FIRST_CONTACT':
        return { firstContactAt: undo ? null : at };
      case 'INTAKE':
        return undo ? { intakeAt: null, status: 'TAKEN_UP' as const } : { intakeAt: at };
      case 'START':
        return undo ? { startedAt: null, evaluationDueAt: null, status: row.intakeAt ? ('INTAKE' as const) : ('TAKEN_UP' as const) } : { startedAt: at, ...(at ? { evaluationDueAt: new Date(at.getTime() + EVALUATION_EVERY) } : {}) };
      case 'EVALUATE': {
        const base = undo ? (previousEvaluation ?? row.startedAt) : at;
        return { lastEvaluationAt: undo ? previousEvaluation : at, ...(base ? { evaluationDueAt: new Date(base.getTime() + EVALUATION_EVERY) } : {}) };
      }
    }
  })();
  const done = await prisma.$transaction(async (tx) => {
    const moved = await tx.referral.updateMany({ where: { AND: [{ id: d.referralId, revision: row.revision }, mayWhere.steps(d.actorId)] }, data: { ...fields, revision: { increment: 1 } } });
    if (moved.count === 0) return false;
    await tx.referralEvent.create({ data: { referralId: d.referralId, type: 'STEP_CORRECTED', actorId: d.actorId, createdAt: now, data: { eventId: last.eventId, step: last.step, reason: d.reason, ...(undo ? { undone: true } : { at: at?.toISOString() ?? null }) } } });
    await enqueueChannelUpdate(tx, d.referralId, row.region?.code ?? '');
    return true;
  });
  if (!done) return { ok: false, reason: 'changed' };
  wakeOutboxWorkers();
  return { ok: true, step: last.step, undone: undo, ...(at ? { at } : {}) };
}

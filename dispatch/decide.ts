// Decisions and steps on a referral after it was sent. Each is one transaction: a conditional
// update (the status must allow the action, and the card must show the current version), the
// event with who and when, and the outbox entries that tell others (the channel card, the
// referrer, the organisation). Two coordinators at the same moment: exactly one update matches;
// the other gets a typed "changed" result with the current state.
import type { DbClient } from '../db/open.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import { allowedFrom, nextStatus } from '../referrals/lifecycle.ts';
import type { LifecycleAction } from '../referrals/lifecycle.ts';
import { REFERRAL_STATUSES } from '../referrals/status.ts';
import type { ReferralStatus } from '../referrals/status.ts';
import { mayWhere } from './access.ts';
import { inBrussels } from './schedule.ts';
import type { DeclineReason } from './reasons.ts';
import { DISPATCH_UPDATE, NOTIFY_PERSON } from './kindNames.ts';
import type { TNotice } from './notices.ts';
import { expectedStartKey, firstDay } from './expectedStart.ts';
import type { ExpectedStart } from './expectedStart.ts';

export type Tx = Prisma.TransactionClient;

/**
 * `not-allowed`: the state does not allow it; `forbidden`: this person may not (dispatch/access.ts),
 * whatever the state — nothing was written, and the caller shows nothing of the referral.
 */
export type Outcome =
  | { ok: true; status: ReferralStatus }
  | { ok: false; reason: 'not-found' | 'changed' | 'not-allowed' | 'forbidden'; status?: ReferralStatus }
  /** The date given for a step cannot be: in the future, before the referral or before the step before it. */
  | { ok: false; reason: 'bad-date'; message: string };

const EVALUATION_EVERY_DAYS = 56;
const days = (n: number) => n * 86_400_000;
const asStatus = (s: string): ReferralStatus => REFERRAL_STATUSES.find((x) => x === s) ?? 'SUBMITTED';

export interface Move {
  referralId: string;
  action: LifecycleAction;
  actorId: string;
  /** Who may (dispatch/access.ts mayWhere): part of the conditional update, so it holds at the moment of writing. */
  allowed: Prisma.ReferralWhereInput;
  /** More conditions of the state (not of the person): when they fail, the outcome is "changed". */
  guard?: Prisma.ReferralWhereInput;
  /** The version the person was looking at; undefined for actions not taken on a card. */
  rev?: number;
  data?: Prisma.ReferralUncheckedUpdateManyInput;
  event?: Prisma.InputJsonObject;
  /** Who else hears of it, in the same transaction. */
  tell?: (tx: Tx, referral: { id: string; regionCode: string; referrerId: string; begeleiderId: string | null; organisationId: string | null; eventId: string }) => Promise<unknown>;
  now?: Date;
}

/**
 * Brings the referral's channel card up to date, inside the caller's transaction.
 * One waiting update renders the card as it is when it goes out: a second one would only repeat
 * that version (measured: a third of all channel updates) and cost the channel a turn.
 * That waiting row is locked until this commits, so a worker cannot render it in between (it
 * skips locked rows); one a worker already holds is skipped here, and a new one is added.
 */
export async function enqueueChannelUpdate(tx: Tx, referralId: string, regionCode: string): Promise<void> {
  const waiting = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "OutboxMessage"
    WHERE "kind" = ${DISPATCH_UPDATE} AND "status" = 'PENDING' AND "attempts" = 0 AND "payload"->>'referralId' = ${referralId}
      AND ("lockedUntil" IS NULL OR "lockedUntil" < ${new Date()})
    LIMIT 1 FOR UPDATE SKIP LOCKED`;
  if (waiting.length === 0) await enqueue(tx, { kind: DISPATCH_UPDATE, payload: { referralId }, scope: regionCode });
}

/** The one way a referral's state changes after it was sent (also for the afronding, dispatch/close.ts). */
export async function moveReferral(prisma: DbClient, m: Move): Promise<Outcome> {
  const now = m.now ?? new Date();
  const result = await prisma.$transaction(async (tx) => {
    const before = await tx.referral.findFirst({ where: { id: m.referralId, NOT: { status: 'DRAFT' } }, select: { status: true, revision: true } });
    if (!before) return { ok: false, reason: 'not-found' } as const;
    const to = nextStatus(m.action, asStatus(before.status));
    const moved = await tx.referral.updateMany({
      where: { AND: [{ id: m.referralId, status: { in: [...allowedFrom(m.action)] }, ...(m.rev !== undefined ? { revision: m.rev } : {}) }, m.allowed, m.guard ?? {}] },
      data: { ...(to ? { status: to } : {}), revision: { increment: 1 }, ...m.data },
    });
    if (moved.count === 0) {
      const current = await tx.referral.findUniqueOrThrow({ where: { id: m.referralId }, select: { status: true } });
      // Not this person's to do (or no longer: reassigned, removed): that comes before any state.
      if ((await tx.referral.count({ where: { AND: [{ id: m.referralId }, m.allowed] } })) === 0) return { ok: false, reason: 'forbidden' } as const;
      const status = asStatus(current.status);
      return { ok: false, reason: nextStatus(m.action, status) === null ? 'not-allowed' : 'changed', status } as const;
    }
    const referral = await tx.referral.findUniqueOrThrow({ where: { id: m.referralId }, select: { id: true, status: true, referrerId: true, begeleiderId: true, organisationId: true, region: { select: { code: true } } } });
    const event = await tx.referralEvent.create({ data: { referralId: m.referralId, type: eventType(m.action), actorId: m.actorId, createdAt: now, ...(m.event ? { data: m.event } : {}) }, select: { id: true } });
    const regionCode = referral.region?.code ?? '';
    await enqueueChannelUpdate(tx, m.referralId, regionCode);
    await m.tell?.(tx, { id: referral.id, regionCode, referrerId: referral.referrerId, begeleiderId: referral.begeleiderId, organisationId: referral.organisationId, eventId: event.id });
    return { ok: true, status: asStatus(referral.status) } as const;
  });
  // Committed: the channel update and the notices can go now rather than at the next poll.
  if (result.ok) wakeOutboxWorkers();
  return result;
}

/** The event names of the history (and of the reports that count them). */
function eventType(action: LifecycleAction): string {
  const names: Record<LifecycleAction, string> = {
    TAKE_UP: 'TAKEN_UP',
    WAITING_LIST: 'WAITING_LIST',
    DECLINE: 'DECLINED',
    WITHDRAW: 'WITHDRAWN',
    ASK_INFO: 'INFO_REQUESTED',
    ANSWER_INFO: 'INFO_ANSWERED',
    FIRST_CONTACT: 'FIRST_CONTACT',
    INTAKE: 'INTAKE',
    START: 'STARTED',
    EVALUATE: 'EVALUATED',
    CLOSE: 'CLOSED',
    STOP_EARLY: 'STOPPED_EARLY',
  };
  return names[action];
}

const notify = (tx: Tx, personId: string, notice: TNotice, scope: string) => enqueue(tx, { kind: NOTIFY_PERSON, payload: { personId, notice }, scope });

export function takeUp(prisma: DbClient, d: { referralId: string; rev: number; actorId: string; organisationId: string; begeleiderId: string; now?: Date }): Promise<Outcome> {
  const now = d.now ?? new Date();
  return moveReferral(prisma, {
    referralId: d.referralId,
    rev: d.rev,
    action: 'TAKE_UP',
    actorId: d.actorId,
    // For one of the person's own organisations in this region, with one of its people as begeleider.
    allowed: { AND: [mayWhere.decideFor(d.actorId, d.organisationId), { region: { organisations: { some: { id: d.organisationId, members: { some: { personId: d.begeleiderId } } } } } }] },
    now,
    data: { organisationId: d.organisationId, begeleiderId: d.begeleiderId, decidedAt: now, expectedStart: null },
    event: { organisationId: d.organisationId, begeleiderId: d.begeleiderId },
    tell: async (tx, r) => {
      await notify(tx, r.referrerId, { type: 'decision', referralId: r.id, eventId: r.eventId }, r.regionCode);
      // The identifying details and contact data go to the organisation, 1:1 and never in the channel.
      await notify(tx, d.begeleiderId, { type: 'details', referralId: r.id }, r.regionCode);
      if (d.begeleiderId !== d.actorId) await notify(tx, d.actorId, { type: 'details', referralId: r.id }, r.regionCode);
    },
  });
}

export function waitlist(prisma: DbClient, d: { referralId: string; rev: number; actorId: string; organisationId: string; expectedStart?: ExpectedStart; now?: Date }): Promise<Outcome> {
  const now = d.now ?? new Date();
  return moveReferral(prisma, {
    referralId: d.referralId,
    rev: d.rev,
    action: 'WAITING_LIST',
    actorId: d.actorId,
    allowed: mayWhere.decideFor(d.actorId, d.organisationId),
    now,
    data: { organisationId: d.organisationId, expectedStart: d.expectedStart ? firstDay(d.expectedStart) : null, decidedAt: now },
    // The week or month itself: the notice and the card say it in those words.
    event: { organisationId: d.organisationId, ...(d.expectedStart ? { expectedStart: expectedStartKey(d.expectedStart) } : {}) },
    tell: (tx, r) => notify(tx, r.referrerId, { type: 'decision', referralId: r.id, eventId: r.eventId }, r.regionCode),
  });
}

export function decline(prisma: DbClient, d: { referralId: string; rev: number; actorId: string; reason: DeclineReason; note?: string; instead?: string; now?: Date }): Promise<Outcome> {
  const now = d.now ?? new Date();
  return moveReferral(prisma, {
    referralId: d.referralId,
    rev: d.rev,
    action: 'DECLINE',
    actorId: d.actorId,
    allowed: mayWhere.decide(d.actorId),
    now,
    data: { declineReason: d.reason, declineNote: d.note ?? null, declineInstead: d.instead ?? null, decidedAt: now, organisationId: null, begeleiderId: null },
    // The notice to the referrer is made from this event: it carries what she is told.
    event: { reason: d.reason, ...(d.note ? { note: d.note } : {}), ...(d.instead ? { instead: d.instead } : {}) },
    tell: (tx, r) => notify(tx, r.referrerId, { type: 'decision', referralId: r.id, eventId: r.eventId }, r.regionCode),
  });
}

export function withdraw(prisma: DbClient, d: { referralId: string; referrerId: string; now?: Date }): Promise<Outcome> {
  return moveReferral(prisma, {
    referralId: d.referralId,
    action: 'WITHDRAW',
    actorId: d.referrerId,
    allowed: mayWhere.referrer(d.referrerId),
    ...(d.now ? { now: d.now } : {}),
    data: { decidedAt: d.now ?? new Date() },
  });
}

export function askInfo(prisma: DbClient, d: { referralId: string; rev: number; actorId: string; question: string; now?: Date }): Promise<Outcome> {
  return moveReferral(prisma, {
    referralId: d.referralId,
    rev: d.rev,
    action: 'ASK_INFO',
    actorId: d.actorId,
    allowed: mayWhere.decide(d.actorId),
    ...(d.now ? { now: d.now } : {}),
    tell: async (tx, r) => {
      const q = await tx.infoRequest.create({ data: { referralId: r.id, askedById: d.actorId, question: d.question } });
      await notify(tx, r.referrerId, { type: 'question', referralId: r.id, questionId: q.id }, r.regionCode);
    },
  });
}

/** The referrer's answer, once: a second answer to the same question is refused. */
export async function answerInfo(prisma: DbClient, d: { referralId: string; questionId: string; referrerId: string; answer: string; now?: Date }): Promise<Outcome | { ok: false; reason: 'answered' }> {
  const now = d.now ?? new Date();
  const outcome = await moveReferral(prisma, {
    referralId: d.referralId,
    action: 'ANSWER_INFO',
    actorId: d.referrerId,
    allowed: mayWhere.referrer(d.referrerId),
    now,
    tell: async (tx) => {
      const { count } = await tx.infoRequest.updateMany({ where: { id: d.questionId, referralId: d.referralId, answeredAt: null }, data: { answer: d.answer, answeredAt: now } });
      // Undo the whole move: the question was answered already (a second click, another device).
      if (count === 0) throw new AlreadyAnswered();
    },
  }).catch((error: unknown) => {
    if (error instanceof AlreadyAnswered) return null;
    throw error;
  });
  return outcome ?? { ok: false, reason: 'answered' };
}

class AlreadyAnswered extends Error {}

export type Step = 'FIRST_CONTACT' | 'INTAKE' | 'START' | 'EVALUATE';

const STEP_DATA: Readonly<Record<Step, (now: Date) => Prisma.ReferralUncheckedUpdateManyInput>> = {
  FIRST_CONTACT: (now) => ({ firstContactAt: now }),
  INTAKE: (now) => ({ intakeAt: now }),
  START: (now) => ({ startedAt: now, evaluationDueAt: new Date(now.getTime() + days(EVALUATION_EVERY_DAYS)) }),
  EVALUATE: (now) => ({ lastEvaluationAt: now, evaluationDueAt: new Date(now.getTime() + days(EVALUATION_EVERY_DAYS)) }),
};

/**
 * A step of the trajectory, on the day it happened (`on`, a Belgian calendar day; default today):
 * opstartduur, the sector's headline figure, is only as good as these dates. Not in the future,
 * not before the referral, not before the step it follows. A day in the past is kept at noon;
 * the event keeps when it was written down as well.
 */
export async function recordStep(prisma: DbClient, d: { referralId: string; rev?: number; actorId: string; step: Step; on?: string; now?: Date }): Promise<Outcome> {
  const now = d.now ?? new Date();
  const today = inBrussels(now).date;
  let at = now;
  let inOrder: Prisma.ReferralWhereInput = {};
  if (d.on !== undefined && d.on !== today) {
    const checked = await stepDay(prisma, d.referralId, d.step, d.on, today);
    if (checked) return checked;
    at = noonInBrussels(d.on);
    // The same order as part of the update: a step noted meanwhile (another device) cannot end up after this one.
    const endOfDay = new Date(at.getTime() + 12 * 3_600_000);
    const notAfter = (field: 'submittedAt' | 'firstContactAt' | 'intakeAt' | 'startedAt' | 'lastEvaluationAt'): Prisma.ReferralWhereInput => ({ OR: [{ [field]: null }, { [field]: { lt: endOfDay } }] });
    inOrder = { AND: ['submittedAt' as const, ...STEPS_BEFORE[d.step]].map(notAfter) };
  }
  return moveReferral(prisma, {
    referralId: d.referralId,
    ...(d.rev !== undefined ? { rev: d.rev } : {}),
    action: d.step,
    actorId: d.actorId,
    allowed: mayWhere.steps(d.actorId),
    guard: inOrder,
    now: at,
    ...(at !== now ? { event: { recordedAt: now.toISOString() } } : {}),
    data: STEP_DATA[d.step](at),
    tell: d.step === 'START' ? (tx, r) => notify(tx, r.referrerId, { type: 'decision', referralId: r.id, eventId: r.eventId }, r.regionCode) : undefined,
  });
}

/** Noon of a Belgian day, as a moment (11:00 UTC in winter, 10:00 in summer: both that day). */
export function noonInBrussels(day: string): Date {
  const utcNoon = new Date(`${day}T12:00:00Z`);
  const shown = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', hour12: false }).format(utcNoon));
  return new Date(utcNoon.getTime() - (shown - 12) * 3_600_000);
}

/** Why a day cannot be the day of this step, or null when it can. */
export async function stepDay(prisma: DbClient, referralId: string, step: Step, on: string, today: string): Promise<Outcome | null> {
  const bad = (message: string): Outcome => ({ ok: false, reason: 'bad-date', message });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on) || Number.isNaN(Date.parse(`${on}T00:00:00Z`))) return bad('Kies een datum in de kalender.');
  if (on > today) return bad('Die datum ligt in de toekomst: noteer een stap op de dag dat hij gebeurde.');
  const r = await prisma.referral.findUnique({ where: { id: referralId }, select: { submittedAt: true, firstContactAt: true, intakeAt: true, startedAt: true, lastEvaluationAt: true } });
  if (!r?.submittedAt) return null; // the move itself says what is wrong
  const day = (d: Date | null) => (d ? inBrussels(d).date : undefined);
  if (on < (day(r.submittedAt) ?? on)) return bad(`Die datum ligt voor de aanmelding (${day(r.submittedAt)?.split('-').reverse().join('/')}).`);
  for (const field of STEPS_BEFORE[step]) {
    const d = day(r[field]);
    if (d && on < d) return bad(`Die datum ligt voor ${STEP_FIELD_NAME[field]} (${d.split('-').reverse().join('/')}).`);
  }
  return null;
}

/** The fields of the steps a step follows: its day may not lie before theirs. */
const STEPS_BEFORE: Readonly<Record<Step, ReadonlyArray<'firstContactAt' | 'intakeAt' | 'startedAt' | 'lastEvaluationAt'>>> = {
  FIRST_CONTACT: [],
  INTAKE: ['firstContactAt'],
  START: ['firstContactAt', 'intakeAt'],
  EVALUATE: ['startedAt', 'lastEvaluationAt'],
};
const STEP_FIELD_NAME = { firstContactAt: 'het eerste contact', intakeAt: 'de intake', startedAt: 'de start', lastEvaluationAt: 'de vorige evaluatie' } as const;

/** A question of the dispatch on this referral, with its answer if there is one. */
export function infoQuestion(prisma: DbClient, referralId: string, questionId: string): Promise<{ id: string; question: string; answer: string | null } | null> {
  return prisma.infoRequest.findFirst({ where: { id: questionId, referralId }, select: { id: true, question: true, answer: true } });
}

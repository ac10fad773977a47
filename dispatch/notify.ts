// What a 1:1 notice needs beyond the channel's view: the referral's own title (the referrer and
// the organisation that took it up may see it), the full answers, the question asked.
import type { DbClient } from '../db/open.ts';
import { readAnswers } from '../referrals/answers.ts';
import { SUBJECT_KINDS } from '../referrals/fields.ts';
import { titleOf } from '../referrals/history.ts';
import type { DecisionFacts, DetailsView, QuestionView } from '../cards/dispatch/notices.ts';
import { DECLINE_REASONS } from './reasons.ts';
import { expectedStartPhrase } from './expectedStart.ts';
import { loadDispatchView, withoutIdentity } from './view.ts';

export async function referralTitle(prisma: DbClient, referralId: string): Promise<string> {
  const row = await prisma.referral.findUnique({ where: { id: referralId }, select: { subjectKind: true, answers: true } });
  return row ? titleOf(row.subjectKind, row.answers) : 'je aanmelding';
}

/** The events a referrer is told of, and what each was called when it happened. */
export const NOTICE_EVENTS = ['TAKEN_UP', 'WAITING_LIST', 'DECLINED', 'STARTED', 'CLOSED', 'STOPPED_EARLY'] as const;
type NoticeEvent = (typeof NOTICE_EVENTS)[number];

const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * What one decision notice says: the facts of its own event (who decided, which organisation,
 * the reason, the expected start, when), not the referral's state when the notice is sent, so a
 * waiting list followed by a take-up gives two notices, each true to its moment. Without an
 * event id (entries from before), the referral's latest such event.
 */
export async function decisionFacts(prisma: DbClient, referralId: string, eventId?: string): Promise<DecisionFacts | null> {
  const [referral, event] = await Promise.all([
    prisma.referral.findFirst({ where: { id: referralId, NOT: { status: 'DRAFT' } }, select: { reference: true, subjectKind: true, answers: true, organisationId: true, region: { select: { name: true } } } }),
    prisma.referralEvent.findFirst({
      where: { referralId, type: { in: [...NOTICE_EVENTS] }, ...(eventId ? { id: eventId } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { type: true, data: true, createdAt: true },
    }),
  ]);
  const type = NOTICE_EVENTS.find((t) => t === event?.type);
  if (!referral?.reference || !referral.region || !event || !type) return null;
  const data: Record<string, unknown> = event.data !== null && typeof event.data === 'object' && !Array.isArray(event.data) ? event.data : {};
  const who = readAnswers(referral.answers, SUBJECT_KINDS.find((k) => k === referral.subjectKind) ?? 'PUPIL').steps.who;
  // The organisation the event names; a start or closing is by the organisation that took it up.
  const organisationId = text(data.organisationId) ?? referral.organisationId;
  const begeleiderId = type === 'TAKEN_UP' ? text(data.begeleiderId) : undefined;
  const [organisation, begeleider] = await Promise.all([
    organisationId ? prisma.organisation.findUnique({ where: { id: organisationId }, select: { name: true } }) : null,
    begeleiderId ? prisma.person.findUnique({ where: { id: begeleiderId }, select: { name: true } }) : null,
  ]);
  const expectedStart = type === 'WAITING_LIST' ? text(data.expectedStart) : undefined;
  const reason = type === 'DECLINED' ? DECLINE_REASONS.find((r) => r === data.reason) : undefined;
  const note = type === 'DECLINED' ? text(data.note) : undefined;
  const instead = type === 'DECLINED' ? text(data.instead) : undefined;
  return {
    reference: referral.reference,
    regionName: referral.region.name,
    title: titleOf(referral.subjectKind, referral.answers),
    event: type satisfies NoticeEvent,
    at: event.createdAt,
    ...(organisation ? { organisation: organisation.name } : {}),
    ...(begeleider ? { begeleider: begeleider.name } : {}),
    ...(expectedStart && expectedStartPhrase(expectedStart) ? { expectedStart: expectedStartPhrase(expectedStart) } : {}),
    ...(reason ? { declineReason: reason } : {}),
    ...(note ? { declineNote: withoutIdentity(note, who) } : {}),
    ...(instead ? { declineInstead: withoutIdentity(instead, who) } : {}),
  };
}

export async function questionView(prisma: DbClient, referralId: string, questionId: string): Promise<QuestionView | null> {
  const [view, question] = await Promise.all([loadDispatchView(prisma, referralId), prisma.infoRequest.findFirst({ where: { id: questionId, referralId } })]);
  if (!view || !question) return null;
  const asker = await prisma.person.findUnique({ where: { id: question.askedById }, select: { name: true, memberships: { select: { organisation: { select: { name: true, regionId: true } } } } } });
  const org = asker?.memberships.find((m) => m.organisation.regionId === view.regionId)?.organisation.name;
  return {
    reference: view.reference,
    referralId,
    questionId,
    title: await referralTitle(prisma, referralId),
    askedBy: asker ? `${asker.name}${org ? ` (${org})` : ''}` : 'Een coördinator',
    question: question.question,
    rev: view.revision,
  };
}

export async function detailsView(prisma: DbClient, referralId: string): Promise<DetailsView | null> {
  const dispatch = await loadDispatchView(prisma, referralId);
  const row = await prisma.referral.findUnique({ where: { id: referralId }, select: { subjectKind: true, answers: true, referrer: { select: { name: true, email: true, clb: { select: { name: true } } } } } });
  if (!dispatch || !row) return null;
  const kind = SUBJECT_KINDS.find((k) => k === row.subjectKind) ?? 'PUPIL';
  const regions = await prisma.region.findMany({ select: { code: true, name: true } });
  return {
    dispatch,
    title: titleOf(row.subjectKind, row.answers),
    kind,
    steps: readAnswers(row.answers, kind).steps,
    regions: regions.map((r) => ({ value: r.code, title: r.name })),
    referrer: { name: row.referrer.name, clb: row.referrer.clb?.name ?? 'CLB', ...(row.referrer.email ? { email: row.referrer.email } : {}) },
  };
}

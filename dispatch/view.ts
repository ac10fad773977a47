// What the dispatch channel may see of a referral: what the decision needs, and no direct
// identifier of the young person (beroepsgeheim: the channel is shared by several organisations).
// No name, no initial, no birth year — also not inside what the referrer typed: a first name or
// the birth year in a free-text answer is replaced before it reaches the channel.
import type { DbClient } from '../db/open.ts';
import { readAnswers } from '../referrals/answers.ts';
import type { Steps } from '../referrals/answers.ts';
import { EDUCATION_FORMS, SUPPORT_TYPES } from '../referrals/steps.ts';
import { REFERRAL_STATUSES } from '../referrals/status.ts';
import type { ReferralStatus } from '../referrals/status.ts';
import { findEarlierReferral } from '../referrals/history.ts';
import type { EarlierReferral } from '../referrals/history.ts';
import { SUBJECT_KINDS } from '../referrals/fields.ts';
import type { SubjectKind } from '../referrals/fields.ts';
import { SURVEY_VARIANTS } from './close.ts';
import type { SurveyVariant } from './close.ts';
import { DECLINE_REASONS } from './reasons.ts';
import { expectedStartPhrase } from './expectedStart.ts';
import { regionCapacity } from './capacity.ts';
import type { DeclineReason } from './reasons.ts';

export interface DispatchView {
  referralId: string;
  reference: string;
  revision: number;
  regionId: string;
  regionName: string;
  status: ReferralStatus;
  kind: SubjectKind;
  submittedAt: Date;
  clbName: string;
  school: string;
  /** "3e jaar · Arbeidsmarktfinaliteit (bso) · ±15 jaar", or the group size, class, scope. */
  who: string;
  support: string;
  urgent: boolean;
  urgencyReason?: string;
  preferredStart?: string;
  consentIncomplete: boolean;
  consentNote?: string;
  reason: string;
  desire: string;
  engagement: string;
  earlier: EarlierReferral | null;
  questions: Array<{ question: string; askedBy: string; answer?: string; answeredAt?: Date }>;
  decision?: {
    organisation?: string;
    begeleider?: string;
    /** "in januari 2027", "in de week van 14/12/2026", "rond 20/04/2026" (dispatch/expectedStart.ts). */
    expectedStart?: string;
    declineReason?: DeclineReason;
    declineNote?: string;
    declineInstead?: string;
    decidedAt?: Date;
    by?: string;
    /** The person who made the latest decision, and when: so a second click of her own is told so. */
    byId?: string;
    byAt?: Date;
  };
  /** The organisations' places, for a referral still to be decided (dispatch/capacity.ts). */
  capacity?: string;
  progress: { firstContactAt?: Date; intakeAt?: Date; startedAt?: Date; lastEvaluationAt?: Date };
  /**
   * After the afronding: when, and per survey whether it was answered — counts only, never an
   * answer. The outcome and the stop reason are not here: they are not for the channel.
   */
  closing?: { closedAt: Date; survey: SurveyState[] };
}

export interface SurveyState {
  variant: SurveyVariant;
  /** Answers so far; for a group or class code up to `maxUses`. */
  uses: number;
  maxUses: number;
}

const SHORT = 300;
const cut = (text: string, max = SHORT): string => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces the pupil's first name (with the initial after it) and birth year in typed text. Only
 * whole words: "Ali" does not touch "Alicante".
 */
/** Does a sentence start at `offset` (only spaces before it, or after . ! ? :)? */
const sentenceStart = (whole: string, offset: number) => /^\s*$|[.!?:]\s*$/.test(whole.slice(0, offset));

export function withoutIdentity(text: string, who: Readonly<Record<string, unknown>> | undefined): string {
  let out = text;
  const first = typeof who?.firstName === 'string' ? who.firstName.trim() : '';
  const initial = typeof who?.lastInitial === 'string' ? who.lastInitial.trim() : '';
  if (first.length > 0) {
    // "Amira's moeder" → "de moeder van de leerling" (not "de leerling's moeder").
    const possessive = new RegExp(`(?<![\\p{L}\\p{N}])${escape(first)}(?:\\s+${escape(initial)}\\.?)?(?:['’]s?)\\s+(\\p{L}+)`, 'giu');
    out = out.replace(possessive, (_match: string, noun: string, offset: number, whole: string) => `${sentenceStart(whole, offset) ? 'De' : 'de'} ${noun} van de leerling`);
    const name = new RegExp(`(?<![\\p{L}\\p{N}])${escape(first)}(?:\\s+${escape(initial)}\\.?)?(?![\\p{L}\\p{N}])`, 'giu');
    // At the start of a sentence it is "De leerling".
    out = out.replace(name, (_match: string, offset: number, whole: string) => (sentenceStart(whole, offset) ? 'De leerling' : 'de leerling'));
  }
  const year = who?.birthYear !== undefined ? String(who.birthYear) : '';
  if (/^\d{4}$/.test(year)) out = out.replace(new RegExp(`(?<!\\d)${year}(?!\\d)`, 'g'), '[jaartal]');
  return out;
}

const titleOf = (options: ReadonlyArray<{ value: string; title: string }>, value: unknown) => options.find((o) => o.value === value)?.title ?? String(value ?? '');
const yearsOld = (birthYear: unknown, at: Date) => (typeof birthYear === 'number' ? `±${at.getFullYear() - birthYear} jaar` : undefined);

function whoLine(kind: SubjectKind, steps: Steps, at: Date): string {
  const who = steps.who ?? {};
  const schoolYear = who.schoolYear !== undefined ? `${String(who.schoolYear)}e jaar` : undefined;
  const form = who.educationForm !== undefined ? titleOf(EDUCATION_FORMS, who.educationForm) : undefined;
  const extra =
    kind === 'PUPIL' ? yearsOld(who.birthYear, at) : kind === 'GROUP' ? `groep van ${String(who.groupSize ?? '?')}` : kind === 'CLASS' ? `klas ${String(who.className ?? '?')}` : undefined;
  const scope = kind === 'SCHOOL' && typeof who.schoolScope === 'string' ? cut(who.schoolScope, 160) : undefined;
  return [schoolYear, form, extra, scope].filter((p) => p !== undefined).join(' · ');
}

const yesNo = (v: unknown) => (v === 'YES' ? 'ja' : v === 'PARTLY' ? 'gedeeltelijk' : v === 'NO' ? 'nee' : '?');
const CAPACITY: Readonly<Record<string, string>> = { ENOUGH: 'voldoende', LIMITED: 'beperkt', EXHAUSTED: 'bijna op' };

/** The expected start as the waiting-list decision put it (a week or a month), else the day kept on the referral. */
function expectedStartOf(decider: { type: string; data: unknown } | null, day: Date): string {
  const data = decider?.type === 'WAITING_LIST' && typeof decider.data === 'object' && decider.data !== null ? (decider.data as Record<string, unknown>) : {};
  const key = typeof data.expectedStart === 'string' ? data.expectedStart : day.toISOString().slice(0, 10);
  return expectedStartPhrase(key) ?? `rond ${day.toISOString().slice(0, 10).split('-').reverse().join('/')}`;
}

export async function loadDispatchView(prisma: DbClient, referralId: string, now = new Date()): Promise<DispatchView | null> {
  const row = await prisma.referral.findFirst({
    where: { id: referralId, NOT: { status: 'DRAFT' } },
    include: {
      region: true,
      referrer: { include: { clb: true } },
      organisation: true,
      begeleider: true,
      infoRequests: { orderBy: { createdAt: 'asc' } },
    },
  });
  if (!row?.region || !row.reference) return null;
  const kind = SUBJECT_KINDS.find((k) => k === row.subjectKind) ?? 'PUPIL';
  const status = REFERRAL_STATUSES.find((s) => s === row.status) ?? 'SUBMITTED';
  const { steps } = readAnswers(row.answers, kind);
  const scrub = (v: unknown, max = SHORT) => (typeof v === 'string' ? cut(withoutIdentity(v, steps.who), max) : '');
  const support = steps.support ?? {};
  const care = steps.care ?? {};
  const engagement = steps.engagement ?? {};
  const askers = row.infoRequests.length === 0 ? [] : await prisma.person.findMany({ where: { id: { in: row.infoRequests.map((q) => q.askedById) } }, select: { id: true, name: true } });
  const decider = row.decidedAt === null ? null : await prisma.referralEvent.findFirst({
    where: { referralId, type: { in: ['TAKEN_UP', 'WAITING_LIST', 'DECLINED', 'WITHDRAWN'] } },
    orderBy: { createdAt: 'desc' },
    include: { actor: true },
  });
  const closed = (status === 'CLOSED' || status === 'STOPPED_EARLY') && row.closedAt !== null;
  const capacity = status === 'SUBMITTED' || status === 'WAITING_LIST' ? await regionCapacity(prisma, row.region.id, now) : undefined;
  const survey = closed ? await prisma.surveyInvitation.findMany({ where: { referralId }, select: { variant: true, uses: true, maxUses: true } }) : [];
  return {
    referralId: row.id,
    reference: row.reference,
    revision: row.revision,
    regionId: row.region.id,
    regionName: row.region.name,
    status,
    kind,
    submittedAt: row.submittedAt ?? row.createdAt,
    clbName: row.referrer.clb?.name ?? 'CLB',
    school: [steps.who?.schoolName, steps.who?.schoolTown].filter((p) => typeof p === 'string').map(String).join(', '),
    who: whoLine(kind, steps, now),
    support: Array.isArray(support.supportTypes) ? support.supportTypes.map((t) => titleOf(SUPPORT_TYPES, t)).join(', ') : '',
    urgent: support.urgency === 'URGENT',
    ...(typeof support.urgencyReason === 'string' ? { urgencyReason: scrub(support.urgencyReason, 200) } : {}),
    ...(typeof support.preferredStart === 'string' ? { preferredStart: support.preferredStart.split('-').reverse().join('/') } : {}),
    consentIncomplete: row.consentFlag,
    ...(typeof care.consentNote === 'string' ? { consentNote: scrub(care.consentNote, 200) } : {}),
    reason: scrub(steps.reason?.about),
    desire: scrub(steps.desire?.youngPersonWants),
    engagement: [`school werkt mee: ${yesNo(engagement.schoolWilling)}`, `draagkracht: ${CAPACITY[String(engagement.capacity)] ?? '?'}`, scrub(engagement.alreadyDone, 200)]
      .filter((p) => p.length > 0)
      .join(' · '),
    earlier: await findEarlierReferral(prisma, row.subjectKey, row.id),
    questions: row.infoRequests.map((q) => ({
      question: q.question,
      askedBy: askers.find((a) => a.id === q.askedById)?.name ?? 'een coördinator',
      ...(q.answer ? { answer: withoutIdentity(q.answer, steps.who) } : {}),
      ...(q.answeredAt ? { answeredAt: q.answeredAt } : {}),
    })),
    ...(row.organisation || row.declineReason || status === 'WITHDRAWN'
      ? {
          decision: {
            ...(row.organisation ? { organisation: row.organisation.name } : {}),
            ...(row.begeleider ? { begeleider: row.begeleider.name } : {}),
            ...(row.expectedStart ? { expectedStart: expectedStartOf(decider, row.expectedStart) } : {}),
            ...(row.declineReason ? { declineReason: DECLINE_REASONS.find((r) => r === row.declineReason) ?? 'OTHER' } : {}),
            ...(row.declineNote ? { declineNote: withoutIdentity(row.declineNote, steps.who) } : {}),
            ...(row.declineInstead ? { declineInstead: withoutIdentity(row.declineInstead, steps.who) } : {}),
            ...(row.decidedAt ? { decidedAt: row.decidedAt } : {}),
            ...(decider?.actor ? { by: decider.actor.name, byId: decider.actor.id, byAt: decider.createdAt } : {}),
          },
        }
      : {}),
    ...(capacity ? { capacity } : {}),
    progress: {
      ...(row.firstContactAt ? { firstContactAt: row.firstContactAt } : {}),
      ...(row.intakeAt ? { intakeAt: row.intakeAt } : {}),
      ...(row.startedAt ? { startedAt: row.startedAt } : {}),
      ...(row.lastEvaluationAt ? { lastEvaluationAt: row.lastEvaluationAt } : {}),
    },
    ...(closed && row.closedAt
      ? {
          closing: {
            closedAt: row.closedAt,
            survey: survey
              .map((i) => ({ variant: SURVEY_VARIANTS.find((v) => v === i.variant) ?? 'SCHOOL', uses: i.uses, maxUses: i.maxUses }))
              .sort((a, b) => SURVEY_VARIANTS.indexOf(a.variant) - SURVEY_VARIANTS.indexOf(b.variant)),
          },
        }
      : {}),
  };
}

// What a referrer may see of referrals: their own list, and for a possible re-referral only the
// date and status of the other one (it may be someone else's, under beroepsgeheim).
import type { DbClient } from '../db/open.ts';
import { OPEN_STATUSES, REFERRAL_STATUSES } from './status.ts';
import type { ReferralStatus } from './status.ts';
import { ZReferralAnswers } from './answers.ts';

export interface EarlierReferral {
  date: Date;
  status: ReferralStatus;
}

const asStatus = (s: string): ReferralStatus => (REFERRAL_STATUSES as readonly string[]).includes(s) ? (s as ReferralStatus) : 'SUBMITTED';

/** The most recent open referral, or one submitted in the last 12 months, for the same pupil. */
export async function findEarlierReferral(prisma: DbClient, subjectKey: string | null, excludeId: string, now = new Date()): Promise<EarlierReferral | null> {
  if (!subjectKey) return null;
  const yearAgo = new Date(now);
  yearAgo.setFullYear(yearAgo.getFullYear() - 1);
  const row = await prisma.referral.findFirst({
    where: {
      subjectKey,
      id: { not: excludeId },
      NOT: { status: 'DRAFT' },
      OR: [{ status: { in: [...OPEN_STATUSES] } }, { submittedAt: { gte: yearAgo } }],
    },
    orderBy: { submittedAt: 'desc' },
    select: { submittedAt: true, createdAt: true, status: true },
  });
  return row ? { date: row.submittedAt ?? row.createdAt, status: asStatus(row.status) } : null;
}

export interface ReferralListItem {
  id: string;
  reference: string | null;
  status: ReferralStatus;
  date: Date;
  /** Short, for the referrer's own eyes: "Leerling Youssef E. — Sint-Lucas". */
  title: string;
  /** Who decided: the organisation that took it up or put it on its waiting list, or the coordinator who declined it. */
  decidedBy?: string;
}

const DECIDED_SELECT = { organisation: { select: { name: true } }, events: { where: { type: 'DECLINED' }, orderBy: { createdAt: 'desc' as const }, take: 1, select: { actor: { select: { name: true } } } } } as const;

function decidedBy(r: { status: string; organisation: { name: string } | null; events: Array<{ actor: { name: string } | null }> }): { decidedBy?: string } {
  if (r.status === 'SUBMITTED' || r.status === 'WITHDRAWN') return {};
  if (r.status === 'DECLINED') {
    const name = r.events[0]?.actor?.name;
    return name ? { decidedBy: name } : {};
  }
  return r.organisation ? { decidedBy: r.organisation.name } : {};
}

export interface ReferralPage {
  items: ReferralListItem[];
  page: number;
  pageCount: number;
  total: number;
}

export const PAGE_SIZE = 8;

/** A title inside a sentence: "het traject voor leerling Amira B." — our own first word in lower case, the typed part untouched. */
export function titleInSentence(title: string): string {
  return /^(Leerling|Groep|Klas|Schoolondersteuning|Eén|Een) /.test(title) ? `${title.charAt(0).toLowerCase()}${title.slice(1)}` : title;
}

export function titleOf(kind: string, answers: unknown): string {
  const who = ZReferralAnswers.safeParse(answers).data?.steps.who ?? {};
  const school = typeof who.schoolName === 'string' ? ` — ${who.schoolName}` : ' — school nog niet ingevuld';
  switch (kind) {
    case 'PUPIL':
      return who.firstName === undefined ? `Eén leerling${school}` : `Leerling ${String(who.firstName)} ${String(who.lastInitial ?? '')}.${school}`;
    case 'GROUP':
      return who.groupSize === undefined ? `Een groep leerlingen${school}` : `Groep van ${String(who.groupSize)} leerlingen${school}`;
    case 'CLASS':
      return who.className === undefined ? `Een klas${school}` : `Klas ${String(who.className)}${school}`;
    default:
      return `Schoolondersteuning${school}`;
  }
}

/** One submitted referral of this referrer, for its status card. */
export async function referralOf(prisma: DbClient, referrerId: string, referralId: string): Promise<ReferralListItem | null> {
  if (!/^[0-9a-f-]{36}$/i.test(referralId)) return null;
  const row = await prisma.referral.findFirst({ where: { id: referralId, referrerId, NOT: { status: 'DRAFT' } }, include: DECIDED_SELECT });
  return row ? { id: row.id, reference: row.reference, status: asStatus(row.status), date: row.submittedAt ?? row.createdAt, title: titleOf(row.subjectKind, row.answers), ...decidedBy(row) } : null;
}

/** Submitted referrals of one referrer, newest first (drafts are listed separately). */
export async function myReferrals(prisma: DbClient, referrerId: string, page: number): Promise<ReferralPage> {
  const where = { referrerId, NOT: { status: 'DRAFT' as const } };
  const total = await prisma.referral.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await prisma.referral.findMany({
    where,
    orderBy: [{ submittedAt: 'desc' }, { createdAt: 'desc' }],
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    include: DECIDED_SELECT,
  });
  return {
    items: rows.map((r) => ({ id: r.id, reference: r.reference, status: asStatus(r.status), date: r.submittedAt ?? r.createdAt, title: titleOf(r.subjectKind, r.answers), ...decidedBy(r) })),
    page: current,
    pageCount,
    total,
  };
}

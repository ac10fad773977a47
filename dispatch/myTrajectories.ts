// "mijn trajecten": what a coordinator or begeleider has to do this week, in her 1:1 chat — the
// running trajectories of her organisation(s) with the next evaluation, its waiting list with the
// days waited, and the questions she asked that wait for an answer. Only referrals her
// organisation took up or has on its waiting list (the details rule of dispatch/access.ts), so
// the referral's own title (a first name) may be shown; questions elsewhere show only a reference.
import type { DbClient } from '../db/open.ts';
import { titleOf } from '../referrals/history.ts';
import { expectedStartPhrase } from './expectedStart.ts';
import { channelMessageLink } from './overview.ts';
import { mayWhere } from './access.ts';

const DAY = 86_400_000;

export interface TrajectoryItem {
  reference: string;
  title: string;
  /** What it needs next, in words: "eerste contact noteren", "evaluatie 3 dagen over tijd". */
  next: string;
  /** Overdue or long waiting: shown first and marked. */
  urgent: boolean;
  begeleider?: string;
  link?: string;
}

export interface MyTrajectories {
  organisations: string[];
  running: TrajectoryItem[];
  waiting: TrajectoryItem[];
  questions: TrajectoryItem[];
}

const linkOf = (r: { dispatchConversationId: string | null; dispatchActivityId: string | null }) =>
  r.dispatchConversationId && r.dispatchActivityId ? { link: channelMessageLink(r.dispatchConversationId, r.dispatchActivityId) } : {};

const days = (n: number) => (n === 1 ? '1 dag' : `${n} dagen`);

function nextOf(r: { status: string; firstContactAt: Date | null; evaluationDueAt: Date | null }, now: Date): { next: string; urgent: boolean } {
  switch (r.status) {
    case 'TAKEN_UP':
      return { next: r.firstContactAt ? 'intake of start noteren' : 'eerste contact noteren', urgent: false };
    case 'INTAKE':
      return { next: 'start noteren', urgent: false };
    default: {
      if (!r.evaluationDueAt) return { next: 'evaluatie noteren of afronden', urgent: false };
      const late = Math.floor((now.getTime() - r.evaluationDueAt.getTime()) / DAY);
      const left = Math.floor((r.evaluationDueAt.getTime() - now.getTime()) / DAY);
      return now > r.evaluationDueAt ? { next: late === 0 ? 'evaluatie sinds vandaag over tijd' : `evaluatie ${days(late)} over tijd`, urgent: true } : { next: left === 0 ? 'evaluatie vandaag' : `evaluatie binnen ${days(left)}`, urgent: false };
    }
  }
}

/** Null when the person is no coordinator or begeleider of any organisation. */
export async function myTrajectories(prisma: DbClient, aadObjectId: string | undefined, now = new Date()): Promise<MyTrajectories | null> {
  if (!aadObjectId) return null;
  const person = await prisma.person.findUnique({ where: { aadObjectId }, select: { id: true, role: true, memberships: { select: { organisation: { select: { id: true, name: true } } } } } });
  if (!person || (person.role !== 'COORDINATOR' && person.role !== 'BEGELEIDER')) return null;
  const select = { reference: true, subjectKind: true, answers: true, status: true, firstContactAt: true, evaluationDueAt: true, decidedAt: true, dispatchConversationId: true, dispatchActivityId: true, begeleider: { select: { name: true } }, events: { where: { type: 'WAITING_LIST' }, orderBy: { createdAt: 'desc' as const }, take: 1, select: { createdAt: true, data: true } } } as const;
  // Hers by the rule of dispatch/access.ts: her own as begeleider, her organisations' as coordinator.
  const mine = mayWhere.steps(person.id);
  const [open, questions] = await Promise.all([
    prisma.referral.findMany({ where: { AND: [mine, { status: { in: ['TAKEN_UP', 'INTAKE', 'RUNNING', 'WAITING_LIST'] } }] }, select, orderBy: { submittedAt: 'asc' }, take: 200 }),
    prisma.infoRequest.findMany({
      where: { askedById: person.id, answeredAt: null, referral: { status: { in: ['SUBMITTED', 'WAITING_LIST'] } } },
      select: { createdAt: true, referral: { select: { reference: true, dispatchConversationId: true, dispatchActivityId: true } } },
      orderBy: { createdAt: 'asc' },
      take: 50,
    }),
  ]);
  const running: TrajectoryItem[] = [];
  const waiting: TrajectoryItem[] = [];
  for (const r of open) {
    const base = { reference: r.reference ?? '—', title: titleOf(r.subjectKind, r.answers), ...(r.begeleider ? { begeleider: r.begeleider.name } : {}), ...linkOf(r) };
    if (r.status === 'WAITING_LIST') {
      const placed = r.events[0];
      const waited = Math.max(0, Math.floor((now.getTime() - (placed?.createdAt ?? r.decidedAt ?? now).getTime()) / DAY));
      const data = placed?.data !== null && typeof placed?.data === 'object' && !Array.isArray(placed.data) ? placed.data : {};
      const expected = typeof data.expectedStart === 'string' ? expectedStartPhrase(data.expectedStart) : undefined;
      waiting.push({ ...base, next: `${waited === 0 ? 'sinds vandaag' : `wacht ${days(waited)}`} op een plaats${expected ? `, start verwacht ${expected}` : ''}`, urgent: waited > 28 });
    } else running.push({ ...base, ...nextOf(r, now) });
  }
  // Overdue first, then the order of referral.
  running.sort((a, b) => Number(b.urgent) - Number(a.urgent));
  return {
    organisations: person.memberships.map((m) => m.organisation.name),
    running,
    waiting,
    questions: questions.map((q) => {
      const asked = Math.floor((now.getTime() - q.createdAt.getTime()) / DAY);
      return { reference: q.referral.reference ?? '—', title: '', next: `je vraag wacht ${asked === 0 ? 'sinds vandaag' : `al ${days(asked)}`} op een antwoord van de aanmelder`, urgent: asked > 5, ...linkOf(q.referral) };
    }),
  };
}

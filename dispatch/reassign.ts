// Another begeleider for a trajectory (the take-up form promises "kan later nog wijzigen"): a
// coordinator of the organisation that took it up hands it to one of its people. One conditional
// update (the coordinator's right, the new begeleider's membership and the state are part of it,
// so it cannot race a closing or another reassignment), the event with who, from whom, to whom and
// why, the channel card, and the identifying details in a 1:1 message to the new begeleider only.
// The old begeleider loses access with the update itself (dispatch/access.ts: steps and details
// are for the begeleider and the organisation's coordinators).
import type { DbClient } from '../db/open.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import { mayWhere } from './access.ts';
import { enqueueChannelUpdate } from './decide.ts';
import { NOTIFY_PERSON } from './kindNames.ts';
import { titleOf } from '../referrals/history.ts';

const REASSIGNABLE = ['TAKEN_UP', 'INTAKE', 'RUNNING'] as const;

export type ReassignOutcome =
  | { ok: true; from: string | null; to: string; toName: string; reference: string }
  | { ok: false; reason: 'not-found' | 'forbidden' | 'not-member' | 'same' | 'not-open' };

export interface ReassignView {
  referralId: string;
  reference: string;
  title: string;
  current?: string;
  /** The organisation's people who could take it over (not the current begeleider). */
  people: Array<{ value: string; title: string }>;
}

/** What the coordinator chooses from, or null when this person may not hand it over (then nothing of the referral is shown). */
export async function reassignView(prisma: DbClient, referralId: string, actorId: string): Promise<ReassignView | null> {
  const row = await prisma.referral.findFirst({
    where: { AND: [{ id: referralId, status: { in: [...REASSIGNABLE] } }, mayWhere.reassign(actorId)] },
    select: { id: true, reference: true, subjectKind: true, answers: true, organisationId: true, begeleiderId: true, begeleider: { select: { name: true } } },
  });
  if (!row?.organisationId || !row.reference) return null;
  const people = await prisma.person.findMany({
    where: { role: { in: ['COORDINATOR', 'BEGELEIDER'] }, memberships: { some: { organisationId: row.organisationId } }, ...(row.begeleiderId ? { NOT: { id: row.begeleiderId } } : {}) },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
  return { referralId: row.id, reference: row.reference, title: titleOf(row.subjectKind, row.answers), ...(row.begeleider ? { current: row.begeleider.name } : {}), people: people.map((p) => ({ value: p.id, title: p.name })) };
}

export async function reassign(prisma: DbClient, d: { referralId: string; actorId: string; begeleiderId: string; reason?: string; now?: Date }): Promise<ReassignOutcome> {
  const now = d.now ?? new Date();
  const result = await prisma.$transaction(async (tx) => {
    const before = await tx.referral.findFirst({ where: { id: d.referralId, NOT: { status: 'DRAFT' } }, select: { reference: true, status: true, begeleiderId: true, organisationId: true, region: { select: { code: true } } } });
    if (!before) return { ok: false, reason: 'not-found' } as const;
    const moved = await tx.referral.updateMany({
      where: {
        AND: [
          { id: d.referralId, status: { in: [...REASSIGNABLE] }, begeleiderId: before.begeleiderId, NOT: { begeleiderId: d.begeleiderId } },
          mayWhere.reassign(d.actorId),
          { organisation: { members: { some: { personId: d.begeleiderId, person: { role: { in: ['COORDINATOR', 'BEGELEIDER'] } } } } } },
        ],
      },
      data: { begeleiderId: d.begeleiderId, revision: { increment: 1 } },
    });
    if (moved.count === 0) {
      // The rule first: a refusal of someone without the right says nothing of the state.
      if ((await tx.referral.count({ where: { AND: [{ id: d.referralId }, mayWhere.reassign(d.actorId)] } })) === 0) return { ok: false, reason: 'forbidden' } as const;
      const now2 = await tx.referral.findUniqueOrThrow({ where: { id: d.referralId }, select: { status: true, begeleiderId: true } });
      if (!REASSIGNABLE.some((s) => s === now2.status)) return { ok: false, reason: 'not-open' } as const;
      if (now2.begeleiderId === d.begeleiderId) return { ok: false, reason: 'same' } as const;
      return { ok: false, reason: 'not-member' } as const;
    }
    await tx.referralEvent.create({ data: { referralId: d.referralId, type: 'REASSIGNED', actorId: d.actorId, createdAt: now, data: { from: before.begeleiderId, to: d.begeleiderId, ...(d.reason ? { reason: d.reason } : {}) } } });
    const scope = before.region?.code ?? '';
    await enqueueChannelUpdate(tx, d.referralId, scope);
    await enqueue(tx, { kind: NOTIFY_PERSON, payload: { personId: d.begeleiderId, notice: { type: 'details', referralId: d.referralId } }, scope });
    const to = await tx.person.findUniqueOrThrow({ where: { id: d.begeleiderId }, select: { name: true } });
    return { ok: true, from: before.begeleiderId, to: d.begeleiderId, toName: to.name, reference: before.reference ?? '' } as const;
  });
  if (result.ok) wakeOutboxWorkers();
  return result;
}

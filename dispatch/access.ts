// Who may see and do what on a sent referral, decided here and nowhere else. Teams does not sign
// the data of a card action, so anyone in a chat with the bot can send any verb with any
// referralId: every button is checked against the referral itself before anything is read or
// shown, and every operation that changes a referral repeats the check inside its conditional
// update (the where fragments below), so a decision cannot race a change of organisation.
//
// - see:     the channel card (no direct identifiers): the region's partners and the referrer;
// - decide:  take up, waiting list, decline, ask: coordinators and begeleiders of the region's partners;
// - steps:   first contact, intake, start, evaluations, afronding: the organisation that took it
//            up (its coordinators) and its begeleider — not its other begeleiders: a begeleider who
//            hands a trajectory over no longer sees it;
// - details: who the young person is and every answer: the referrer and the organisation that took it up;
// - answer:  the referrer, to a question of the dispatch.
import type { DbClient } from '../db/open.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { REFERRAL_STATUSES } from '../referrals/status.ts';
import type { ReferralStatus } from '../referrals/status.ts';
import { partnerIn } from './people.ts';
import type { Partner } from './people.ts';

export type Right = 'see' | 'decide' | 'steps' | 'details' | 'answer';

export interface ReferralAccess {
  referralId: string;
  regionId: string;
  status: ReferralStatus;
  /** The acting person, when they are known at all. */
  personId: string | undefined;
  /** A coordinator or begeleider of a partner of the referral's region. */
  partner: Partner | null;
  referrer: boolean;
  /** A coordinator of the organisation that took it up (or has it on its waiting list), or its begeleider. */
  owner: boolean;
}

export function allows(access: ReferralAccess, right: Right): boolean {
  switch (right) {
    case 'see':
      return access.partner !== null || access.referrer;
    case 'decide':
      return access.partner !== null;
    case 'steps':
      return access.owner;
    case 'details':
      return access.owner || access.referrer;
    case 'answer':
      return access.referrer;
  }
}

/**
 * What this person may do on this referral; null when there is no such sent referral (a draft is
 * nobody's business but its author's, see referrals/drafts.ts). Two small reads, cached where
 * they can be (partnerIn), and nothing of the referral's content.
 */
export async function accessTo(prisma: DbClient, aadObjectId: string | undefined, referralId: string): Promise<ReferralAccess | null> {
  const row = await prisma.referral.findFirst({
    where: { id: referralId, NOT: { status: 'DRAFT' } },
    select: { id: true, regionId: true, status: true, referrerId: true, organisationId: true, begeleiderId: true },
  });
  if (!row?.regionId) return null;
  const person = aadObjectId ? await prisma.person.findUnique({ where: { aadObjectId }, select: { id: true } }) : null;
  const partner = person ? await partnerIn(prisma, aadObjectId, row.regionId) : null;
  const owner =
    person !== null &&
    (row.begeleiderId === person.id || (row.organisationId !== null && partner?.role === 'COORDINATOR' && partner.organisations.some((o) => o.id === row.organisationId)));
  return {
    referralId: row.id,
    regionId: row.regionId,
    status: REFERRAL_STATUSES.find((s) => s === row.status) ?? 'SUBMITTED',
    personId: person?.id,
    partner,
    referrer: person !== null && row.referrerId === person.id,
    owner,
  };
}

const PARTNER_ROLES = ['COORDINATOR', 'BEGELEIDER'] as const;

/** The same rules as conditions on the referral row, for the conditional updates of dispatch/decide.ts. */
export const mayWhere = {
  decide: (personId: string): Prisma.ReferralWhereInput => ({
    region: { organisations: { some: { members: { some: { personId, person: { role: { in: [...PARTNER_ROLES] } } } } } } },
  }),
  /** Deciding for one organisation: it must be the person's own, in the referral's region. */
  decideFor: (personId: string, organisationId: string): Prisma.ReferralWhereInput => ({
    region: { organisations: { some: { id: organisationId, members: { some: { personId, person: { role: { in: [...PARTNER_ROLES] } } } } } } },
  }),
  steps: (personId: string): Prisma.ReferralWhereInput => ({
    OR: [{ begeleiderId: personId }, { organisation: { members: { some: { personId, person: { role: 'COORDINATOR' } } } } }],
  }),
  /** Handing a trajectory to another begeleider: a coordinator of the organisation that took it up. */
  reassign: (personId: string): Prisma.ReferralWhereInput => ({
    organisation: { members: { some: { personId, person: { role: 'COORDINATOR' } } } },
  }),
  referrer: (personId: string): Prisma.ReferralWhereInput => ({ referrerId: personId }),
} as const;

// Who may do what at dispatch: coordinators (and begeleiders) of the partner organisations of a
// region decide on its referrals; the organisation that took a referral up records its steps.
import type { DbClient } from '../db/open.ts';
import { ttlCache } from '../db/ttlCache.ts';
import type { Option } from '../referrals/fields.ts';

/**
 * Who works where is read on every click of every coordinator and changes rarely: kept for a
 * minute (a new colleague can act, or a departed one no longer, within a minute).
 */
const partners = ttlCache<Partner | null>(60_000);
const refreshIds = ttlCache<string[]>(60_000);

export interface Partner {
  personId: string;
  name: string;
  /** The person's organisations in this region. */
  organisations: Array<{ id: string; name: string }>;
  role: 'COORDINATOR' | 'BEGELEIDER';
}

/** A coordinator or begeleider of at least one partner organisation of the region, or null. */
export function partnerIn(prisma: DbClient, aadObjectId: string | undefined, regionId: string): Promise<Partner | null> {
  if (!aadObjectId) return Promise.resolve(null);
  return partners(prisma, `${aadObjectId}|${regionId}`, () => loadPartner(prisma, aadObjectId, regionId));
}

async function loadPartner(prisma: DbClient, aadObjectId: string, regionId: string): Promise<Partner | null> {
  const person = await prisma.person.findUnique({
    where: { aadObjectId },
    select: { id: true, name: true, role: true, memberships: { where: { organisation: { regionId } }, select: { organisation: { select: { id: true, name: true } } } } },
  });
  if (!person || (person.role !== 'COORDINATOR' && person.role !== 'BEGELEIDER') || person.memberships.length === 0) return null;
  return { personId: person.id, name: person.name, organisations: person.memberships.map((m) => m.organisation), role: person.role };
}

/** Is this person a coordinator anywhere (for linking a channel)? Their regions, by id. */
export async function coordinatorRegions(prisma: DbClient, aadObjectId: string | undefined): Promise<{ personId: string; regionIds: string[] } | null> {
  if (!aadObjectId) return null;
  const person = await prisma.person.findUnique({ where: { aadObjectId }, select: { id: true, role: true, memberships: { select: { organisation: { select: { regionId: true } } } } } });
  if (!person || person.role !== 'COORDINATOR') return null;
  return { personId: person.id, regionIds: [...new Set(person.memberships.map((m) => m.organisation.regionId))] };
}

/** Who can be the begeleider: the coordinator first ("ikzelf"), then the others of those organisations. */
export async function begeleiderOptions(prisma: DbClient, partner: Partner): Promise<Option[]> {
  const people = await prisma.person.findMany({
    where: { id: { not: partner.personId }, role: { in: ['COORDINATOR', 'BEGELEIDER'] }, memberships: { some: { organisationId: { in: partner.organisations.map((o) => o.id) } } } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
  return [{ value: partner.personId, title: `Ikzelf (${partner.name})` }, ...people.map((p) => ({ value: p.id, title: p.name }))];
}

/** Is the person the begeleider of this referral, or a coordinator of the organisation that took it up? (dispatch/access.ts) */
export async function mayRecordSteps(prisma: DbClient, personId: string, referralId: string): Promise<boolean> {
  const referral = await prisma.referral.findUnique({ where: { id: referralId }, select: { organisationId: true, begeleiderId: true } });
  if (!referral) return false;
  if (referral.begeleiderId === personId) return true;
  if (!referral.organisationId) return false;
  return (await prisma.membership.count({ where: { personId, organisationId: referral.organisationId, person: { role: 'COORDINATOR' } } })) === 1;
}

/** Teams user ids of the region's partners, for whom a dispatch card refreshes itself (max. 60). */
export function refreshUserIds(prisma: DbClient, regionId: string): Promise<string[]> {
  return refreshIds(prisma, regionId, () => loadRefreshIds(prisma, regionId));
}

async function loadRefreshIds(prisma: DbClient, regionId: string): Promise<string[]> {
  const people = await prisma.person.findMany({
    where: { teamsUserId: { not: null }, memberships: { some: { organisation: { regionId } } } },
    select: { teamsUserId: true },
    take: 60,
  });
  return people.map((p) => p.teamsUserId).filter((id): id is string => id !== null);
}

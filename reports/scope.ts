// Who sees what (issue #19): a domain decision on the acting person, whatever surface asks.
//   - coordinators and begeleiders: their organisations' figures, and their regions' totals
//     (other organisations are summed as "Andere organisaties", never shown one by one);
//   - CLB staff: their CLB's totals (referrals made by anyone of their CLB) and the statuses of
//     their own referrals;
//   - anyone else, or an unknown person: nothing, with a typed refusal.
import type { DbClient } from '../db/open.ts';
import type { ReportFilter, ReportScope, ScopeRefusal, ScopeRefusalReason } from './model.ts';

const MESSAGES: Readonly<Record<ScopeRefusalReason, string>> = {
  'unknown-person': 'We kennen je niet als gebruiker van NAFT: je kunt geen rapport bekijken.',
  'no-report-role': 'Rapporten zijn er voor coördinatoren, begeleiders en CLB-medewerkers.',
  'no-organisation': 'Je bent aan geen enkele partnerorganisatie gekoppeld: vraag je coördinator om je toe te voegen.',
  'no-clb': 'Je bent aan geen CLB gekoppeld: vraag de beheerder om dat in orde te brengen.',
  'outside-scope': 'Deze cijfers vallen buiten wat je mag zien: kies je eigen organisatie of regio.',
};

export function refusal(reason: ScopeRefusalReason): ScopeRefusal {
  return { refused: true, reason, message: MESSAGES[reason] };
}

export async function reportScopeFor(prisma: DbClient, personId: string): Promise<ReportScope | ScopeRefusal> {
  const person = await prisma.person.findUnique({
    where: { id: personId },
    select: { id: true, role: true, clb: { select: { id: true, name: true } }, memberships: { select: { organisation: { select: { code: true, region: { select: { code: true } } } } } } },
  });
  if (!person) return refusal('unknown-person');
  if (person.role === 'CLB_STAFF') {
    if (!person.clb) return refusal('no-clb');
    return { kind: 'clb', personId: person.id, clbId: person.clb.id, clbName: person.clb.name };
  }
  if (person.role === 'COORDINATOR' || person.role === 'BEGELEIDER') {
    const organisations = person.memberships.map((m) => m.organisation.code).sort();
    if (organisations.length === 0) return refusal('no-organisation');
    const regions = [...new Set(person.memberships.map((m) => m.organisation.region.code))].sort();
    return { kind: 'organisation', personId: person.id, organisations, regions };
  }
  return refusal('no-report-role');
}

/** Whether a filter stays inside the scope; a refusal when it asks for someone else's figures. */
export function checkFilter(scope: ReportScope, filter: ReportFilter, regionOf: (organisationCode: string) => string | undefined): ScopeRefusal | undefined {
  if (scope.kind === 'clb') {
    // CLB staff see their CLB's totals: no breakdown by organisation or region beyond that.
    return filter.organisation ? refusal('outside-scope') : undefined;
  }
  if (filter.organisation && !scope.organisations.includes(filter.organisation)) return refusal('outside-scope');
  if (filter.region && !scope.regions.includes(filter.region)) return refusal('outside-scope');
  if (filter.organisation && filter.region && regionOf(filter.organisation) !== filter.region) return refusal('outside-scope');
  return undefined;
}

export interface FilterChoices {
  regions: Array<{ code: string; name: string }>;
  organisations: Array<{ code: string; name: string }>;
}

/**
 * What the filters may offer this person: only choices `checkFilter` lets through, so a list never
 * names an organisation whose figures would be refused (nor tells who else is in the sector).
 */
export async function filterChoicesFor(prisma: DbClient, personId: string): Promise<FilterChoices> {
  const scope = await reportScopeFor(prisma, personId);
  if ('refused' in scope) return { regions: [], organisations: [] };
  const byName = { orderBy: { name: 'asc' as const }, select: { code: true, name: true } };
  if (scope.kind === 'clb') return { regions: await prisma.region.findMany(byName), organisations: [] };
  const [regions, organisations] = await Promise.all([prisma.region.findMany({ ...byName, where: { code: { in: scope.regions } } }), prisma.organisation.findMany({ ...byName, where: { code: { in: scope.organisations } } })]);
  return { regions, organisations };
}

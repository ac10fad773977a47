// Reference data every installation needs (the region and its partners), plus, for local use,
// the demo people of the Agents Playground. Idempotent: upserts on natural keys only.
import type { DbClient } from './open.ts';
import { demoPeople, demoReportHistory } from './demo.ts';
import { generateReportData } from './reportData.ts';

export const REGIONS = [
  {
    code: 'GR',
    name: 'NAFT Gent en Rand',
    organisations: [
      { code: 'APART', name: 'aPart' },
      { code: 'LEJO', name: 'LEJO' },
      { code: 'INTRO', name: 'Groep INTRO' },
      { code: 'JES', name: 'JES' },
    ],
  },
] as const;

export interface SeedResult {
  /**
   * `refused`: demo people were asked for, but the database already holds people who are not in
   * the demo list, so it is taken for a real one and none were added.
   */
  demoPeople: 'seeded' | 'not requested' | 'refused';
  /** Why demo people were refused, as one log line; set only with `refused`. */
  refusal?: string;
}

export async function seed(prisma: DbClient, opts: { demo: boolean }): Promise<SeedResult> {
  for (const region of REGIONS) {
    const saved = await prisma.region.upsert({ where: { code: region.code }, create: { code: region.code, name: region.name }, update: { name: region.name } });
    for (const org of region.organisations) {
      await prisma.organisation.upsert({
        where: { code: org.code },
        create: { code: org.code, name: org.name, regionId: saved.id },
        update: { name: org.name, regionId: saved.id },
      });
    }
  }
  if (!opts.demo) return { demoPeople: 'not requested' };
  const refusal = await demoRefusal(prisma);
  if (refusal) return { demoPeople: 'refused', refusal };
  await seedDemoPeople(prisma);
  return { demoPeople: 'seeded' };
}

/**
 * Demo people never go into a database that holds real people: a CLB user with a made-up name
 * next to real referrals would be an identity anyone can pick in the playground, and demo
 * coordinators would receive real dispatch posts. Anyone not in the demo list counts as real.
 */
async function demoRefusal(prisma: DbClient): Promise<string | undefined> {
  const others = await prisma.person.count({ where: { aadObjectId: { notIn: demoPeople.map((p) => p.aadObjectId) } } });
  if (others === 0) return undefined;
  return `Demo people NOT seeded: the Person table holds ${others} ${others === 1 ? 'person' : 'people'} outside the demo list, so this database is taken for a real one (DEMO_DATA=on is only for a local or empty database).`;
}

async function seedDemoPeople(prisma: DbClient): Promise<void> {
  for (const person of demoPeople) {
    const clb = person.clbName ? await prisma.clb.upsert({ where: { name: person.clbName }, create: { name: person.clbName }, update: {} }) : null;
    const organisations = await prisma.organisation.findMany({ where: { code: { in: [...(person.organisationCodes ?? [])] } }, select: { id: true } });
    const data = { name: person.name, email: person.email, role: person.role, clbId: clb?.id ?? null };
    const saved = await prisma.person.upsert({ where: { aadObjectId: person.aadObjectId }, create: { aadObjectId: person.aadObjectId, ...data }, update: data });
    await prisma.membership.createMany({ data: organisations.map((o) => ({ personId: saved.id, organisationId: o.id })), skipDuplicates: true });
  }
}

/** npm start seeds only a database that has never been seeded; undefined when it did nothing. */
export async function seedOnFirstStart(prisma: DbClient, opts: { demo: boolean; reports?: boolean; now?: Date }): Promise<SeedResult | undefined> {
  if ((await prisma.region.count()) > 0) return undefined;
  const result = await seed(prisma, opts);
  if (result.demoPeople === 'seeded' && opts.reports) await seedDemoReports(prisma, opts.now ?? new Date());
  return result;
}

/**
 * A year of referral history for the reports (DEMO_REPORTS), referred by the second demo CLB
 * user so the playground's own user starts with an empty list; nothing is left waiting for the
 * dispatch. JES gets few on purpose, so some figures show "< 5".
 */
export async function seedDemoReports(prisma: DbClient, now: Date): Promise<void> {
  const h = demoReportHistory;
  const referrer = await prisma.person.findUnique({ where: { aadObjectId: h.referrerAadObjectId }, select: { id: true } });
  if (!referrer) return;
  const year = now.getUTCFullYear();
  await generateReportData(prisma, {
    seed: 2026,
    referrals: h.referrals,
    start: new Date(Date.UTC(year - 1, now.getUTCMonth(), 1)),
    end: new Date(now.getTime() - 14 * 86_400_000),
    now,
    regionCode: 'GR',
    organisations: h.organisations,
    referrerIds: [referrer.id],
    targets: h.targets.map((t) => ({ ...t, year })),
    settled: true,
  });
}

/** Whether the database was seeded now (it had never been). */
export async function seedIfEmpty(prisma: DbClient, opts: { demo: boolean }): Promise<boolean> {
  return (await seedOnFirstStart(prisma, opts)) !== undefined;
}

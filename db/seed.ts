// Reference data every installation needs (the region and its partners), plus, for local use,
// the demo people of the Agents Playground. Idempotent: upserts on natural keys only.
import type { DbClient } from './open.ts';
import { demoPeople } from '../playground/demo.ts';

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

export async function seed(prisma: DbClient, opts: { demo: boolean }): Promise<void> {
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
  if (opts.demo) await seedDemoPeople(prisma);
}

async function seedDemoPeople(prisma: DbClient): Promise<void> {
  for (const person of demoPeople) {
    const clb = person.clbName ? await prisma.clb.upsert({ where: { name: person.clbName }, create: { name: person.clbName }, update: {} }) : null;
    const organisation = person.organisationCode ? await prisma.organisation.findUniqueOrThrow({ where: { code: person.organisationCode } }) : null;
    const data = { name: person.name, email: person.email, role: person.role, clbId: clb?.id ?? null, organisationId: organisation?.id ?? null };
    await prisma.person.upsert({ where: { aadObjectId: person.aadObjectId }, create: { aadObjectId: person.aadObjectId, ...data }, update: data });
  }
}

/** npm start seeds only a database that has never been seeded. */
export async function seedIfEmpty(prisma: DbClient, opts: { demo: boolean }): Promise<boolean> {
  if ((await prisma.region.count()) > 0) return false;
  await seed(prisma, opts);
  return true;
}

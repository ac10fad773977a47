// Who may refer: only CLB staff, recognised by the Entra ID Teams sends with every activity.
import type { DbClient } from '../db/open.ts';

export interface Referrer {
  id: string;
  name: string;
  clbName: string;
}

export async function findReferrer(prisma: DbClient, aadObjectId: string | undefined): Promise<Referrer | null> {
  if (!aadObjectId) return null;
  const person = await prisma.person.findUnique({ where: { aadObjectId }, include: { clb: true } });
  if (!person || person.role !== 'CLB_STAFF' || !person.clb) return null;
  return { id: person.id, name: person.name, clbName: person.clb.name };
}

// Who may refer: only CLB staff, recognised by the Entra ID Teams sends with every activity.
import type { DbClient } from '../db/open.ts';

export interface Referrer {
  id: string;
  name: string;
  clbName: string;
}

/**
 * Every turn asks who is acting; people and roles change a few times a year. So the answer is
 * kept for a minute (a new CLB colleague can refer, or a removed one can no longer, within a
 * minute). Bounded: the oldest entries go first.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const cacheByDb = new WeakMap<DbClient, Map<string, { at: number; referrer: Promise<Referrer | null> }>>();

export async function findReferrer(prisma: DbClient, aadObjectId: string | undefined): Promise<Referrer | null> {
  if (!aadObjectId) return null;
  let cache = cacheByDb.get(prisma);
  if (!cache) cacheByDb.set(prisma, (cache = new Map()));
  const hit = cache.get(aadObjectId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.referrer;
  const referrer = lookUp(prisma, aadObjectId);
  cache.delete(aadObjectId);
  cache.set(aadObjectId, { at: Date.now(), referrer });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value ?? '');
  // A failed read is not remembered: the next turn asks the database again.
  referrer.catch(() => cache.delete(aadObjectId));
  return referrer;
}

async function lookUp(prisma: DbClient, aadObjectId: string): Promise<Referrer | null> {
  const person = await prisma.person.findUnique({ where: { aadObjectId }, select: { id: true, name: true, role: true, clb: { select: { name: true } } } });
  if (!person || person.role !== 'CLB_STAFF' || !person.clb) return null;
  return { id: person.id, name: person.name, clbName: person.clb.name };
}

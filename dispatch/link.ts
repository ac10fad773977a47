// Linking a team channel as a region's dispatch channel ("@bot koppel dispatch Gent en Rand").
// Only coordinators of the region may; a region has one channel and a channel serves one region.
// Referrals that waited for a channel are posted as soon as one is linked.
import type { DbClient } from '../db/open.ts';
import { nudge } from '../outbox/enqueue.ts';
import { normalizeKey } from '../referrals/subject.ts';
import { coordinatorRegions } from './people.ts';
import { DISPATCH_POST } from './kindNames.ts';

export type LinkResult =
  | { ok: true; regionName: string; moved: boolean; waiting: number }
  | { ok: false; reason: 'already'; regionName: string }
  | { ok: false; reason: 'unknown-region'; regions: string[] }
  | { ok: false; reason: 'not-coordinator'; regionName?: string }
  | { ok: false; reason: 'channel-taken'; regionName: string };

/** "gent en rand", "NAFT Gent en Rand" and "GR" all find NAFT Gent en Rand. */
export async function findRegion(prisma: DbClient, name: string): Promise<{ id: string; code: string; name: string } | null> {
  const wanted = normalizeKey(name);
  const regions = await prisma.region.findMany({ select: { id: true, code: true, name: true } });
  return regions.find((r) => [r.name, r.name.replace(/^NAFT\s+/i, ''), r.code].some((n) => normalizeKey(n) === wanted)) ?? null;
}

export async function regionNames(prisma: DbClient): Promise<string[]> {
  return (await prisma.region.findMany({ orderBy: { name: 'asc' }, select: { name: true } })).map((r) => r.name);
}

export async function linkChannel(prisma: DbClient, d: { regionName: string; conversationId: string; teamId: string | null; aadObjectId: string | undefined }): Promise<LinkResult> {
  const region = await findRegion(prisma, d.regionName);
  if (!region) return { ok: false, reason: 'unknown-region', regions: await regionNames(prisma) };
  const coordinator = await coordinatorRegions(prisma, d.aadObjectId);
  if (!coordinator?.regionIds.includes(region.id)) return { ok: false, reason: 'not-coordinator', regionName: region.name };
  const existing = await prisma.dispatchLink.findFirst({ where: { OR: [{ regionId: region.id }, { conversationId: d.conversationId }] }, include: { region: true } });
  if (existing?.conversationId === d.conversationId) {
    return existing.regionId === region.id ? { ok: false, reason: 'already', regionName: region.name } : { ok: false, reason: 'channel-taken', regionName: existing.region.name };
  }
  await prisma.dispatchLink.upsert({
    where: { regionId: region.id },
    create: { regionId: region.id, conversationId: d.conversationId, teamId: d.teamId, linkedById: coordinator.personId },
    update: { conversationId: d.conversationId, teamId: d.teamId, linkedById: coordinator.personId, linkedAt: new Date() },
  });
  // Referrals that were waiting for a channel go out now.
  const waiting = await nudge(prisma, { kind: DISPATCH_POST, scope: region.code });
  return { ok: true, regionName: region.name, moved: existing !== null, waiting };
}

export async function unlinkChannel(prisma: DbClient, d: { conversationId: string; aadObjectId: string | undefined }): Promise<{ ok: true; regionName: string } | { ok: false; reason: 'not-linked' | 'not-coordinator' }> {
  const link = await prisma.dispatchLink.findUnique({ where: { conversationId: d.conversationId }, include: { region: true } });
  if (!link) return { ok: false, reason: 'not-linked' };
  const coordinator = await coordinatorRegions(prisma, d.aadObjectId);
  if (!coordinator?.regionIds.includes(link.regionId)) return { ok: false, reason: 'not-coordinator' };
  await prisma.dispatchLink.delete({ where: { id: link.id } });
  return { ok: true, regionName: link.region.name };
}

/** The region whose dispatch channel this is, if any. */
export async function regionOfChannel(prisma: DbClient, conversationId: string): Promise<{ id: string; code: string; name: string } | null> {
  const link = await prisma.dispatchLink.findUnique({ where: { conversationId }, include: { region: true } });
  return link ? { id: link.region.id, code: link.region.code, name: link.region.name } : null;
}

// Confirming a referral: the referral, its history and the message to the region's dispatch
// channel are committed in one transaction, so a referral can never be "submitted" without the
// dispatch hearing of it (the outbox worker delivers; see OutboxMessage).
import type { DbClient } from '../db/open.ts';
import { getDraft, nextStep } from './drafts.ts';

export const DISPATCH_POST = 'dispatch.post';

export type SubmitResult =
  | { ok: true; referralId: string; reference: string; regionName: string; alreadySubmitted: boolean }
  | { ok: false; reason: 'not-found' | 'incomplete' | 'no-region' };

/** The year in Flanders, so a referral at 00:30 on 1 January counts for the new year. */
function brusselsYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(at));
}

export function formatReference(regionCode: string, year: number, n: number): string {
  return `${regionCode}-${year}-${String(n).padStart(4, '0')}`;
}

export async function submitReferral(prisma: DbClient, referrerId: string, draftId: string, now = new Date()): Promise<SubmitResult> {
  const draft = await getDraft(prisma, referrerId, draftId);
  if (!draft) return alreadySubmitted(prisma, referrerId, draftId);
  if (nextStep(draft) !== 'summary') return { ok: false, reason: 'incomplete' };
  if (!draft.regionId) return { ok: false, reason: 'no-region' };
  const regionId = draft.regionId;
  const year = brusselsYear(now);

  const result = await prisma.$transaction(async (tx) => {
    const region = await tx.region.findUniqueOrThrow({ where: { id: regionId } });
    // Only one transaction can move the draft out of DRAFT; a concurrent double submit loses here.
    const moved = await tx.referral.updateMany({ where: { id: draft.id, status: 'DRAFT' }, data: { status: 'SUBMITTED', submittedAt: now } });
    if (moved.count === 0) return null;
    // One statement, so two submits in the same region never get the same number.
    const [counter] = await tx.$queryRaw<Array<{ last: number }>>`
      INSERT INTO "ReferenceCounter" ("regionId", "year", "last") VALUES (${regionId}::uuid, ${year}, 1)
      ON CONFLICT ("regionId", "year") DO UPDATE SET "last" = "ReferenceCounter"."last" + 1
      RETURNING "last"`;
    if (!counter) throw new Error('Reference counter returned no row');
    const reference = formatReference(region.code, year, Number(counter.last));
    await tx.referral.update({ where: { id: draft.id }, data: { reference } });
    await tx.referralEvent.create({ data: { referralId: draft.id, type: 'SUBMITTED', actorId: referrerId, data: { reference } } });
    await tx.outboxMessage.create({ data: { kind: DISPATCH_POST, payload: { referralId: draft.id, regionCode: region.code } } });
    return { ok: true, referralId: draft.id, reference, regionName: region.name, alreadySubmitted: false } as const;
  });
  // Lost the race against a simultaneous click on the same button: that one submitted it.
  return result ?? alreadySubmitted(prisma, referrerId, draftId);
}

/** A second click on "bevestigen" finds the referral already submitted and answers the same. */
async function alreadySubmitted(prisma: DbClient, referrerId: string, draftId: string): Promise<SubmitResult> {
  const done = await prisma.referral.findFirst({ where: { id: draftId, referrerId, NOT: { status: 'DRAFT' } }, include: { region: true } });
  if (done?.reference && done.region) return { ok: true, referralId: done.id, reference: done.reference, regionName: done.region.name, alreadySubmitted: true };
  return { ok: false, reason: 'not-found' };
}

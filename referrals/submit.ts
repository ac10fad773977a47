// Confirming a referral: the referral, its history and the message to the region's dispatch
// channel are committed in one transaction, so a referral can never be "submitted" without the
// dispatch hearing of it (the outbox worker delivers; see OutboxMessage).
//
// The overview card carries the revision it showed; only that revision is submitted. The flags
// and keys that reports and dispatch query (region, consent flag, re-referral key) are derived
// here from exactly the answers that are sent, so nothing hidden or stale can set them.
import { z } from 'zod';
import type { DbClient } from '../db/open.ts';
import { DISPATCH_POST } from '../dispatch/kindNames.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import { getDraft, nextStep } from './drafts.ts';
import { consentIncomplete } from './steps.ts';
import { subjectKeyOf } from './subject.ts';

const ZUuid = z.uuid();
const yearInBrussels = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Brussels', year: 'numeric' });

export type SubmitResult =
  | { ok: true; referralId: string; reference: string; regionName: string; alreadySubmitted: boolean }
  | { ok: false; reason: 'not-found' | 'incomplete' | 'no-region' | 'changed' };

/** The year in Flanders, so a referral at 00:30 on 1 January counts for the new year. */
function brusselsYear(at: Date): number {
  return Number(yearInBrussels.format(at));
}

export function formatReference(regionCode: string, year: number, n: number): string {
  return `${regionCode}-${year}-${String(n).padStart(4, '0')}`;
}

export async function submitReferral(prisma: DbClient, opts: { referrerId: string; draftId: string; revision: number; now?: Date }): Promise<SubmitResult> {
  const { referrerId, draftId } = opts;
  const now = opts.now ?? new Date();
  if (!ZUuid.safeParse(draftId).success) return { ok: false, reason: 'not-found' };
  const draft = await getDraft(prisma, referrerId, draftId);
  if (!draft) return alreadySubmitted(prisma, referrerId, draftId);
  if (draft.revision !== opts.revision) return { ok: false, reason: 'changed' };
  if (nextStep(draft) !== 'summary') return { ok: false, reason: 'incomplete' };
  const regionCode = draft.steps.who?.regionCode;
  const region = typeof regionCode === 'string' ? await prisma.region.findUnique({ where: { code: regionCode } }) : null;
  if (!region) return { ok: false, reason: 'no-region' };
  const year = brusselsYear(now);

  const result = await prisma.$transaction(async (tx) => {
    // Only one transaction can move the draft out of DRAFT, and only if nobody changed it since
    // it was read: a double submit, or a save from another device in between, loses here.
    const moved = await tx.referral.updateMany({
      where: { id: draft.id, status: 'DRAFT', revision: draft.revision },
      data: {
        status: 'SUBMITTED',
        submittedAt: now,
        regionId: region.id,
        subjectKey: subjectKeyOf(draft.kind, draft.steps.who),
        consentFlag: draft.steps.care !== undefined && consentIncomplete(draft.steps.care),
        liveCardId: null,
        liveCardView: null,
      },
    });
    if (moved.count === 0) return null;
    // One statement, so two submits in the same region never get the same number.
    const [counter] = await tx.$queryRaw<Array<{ last: number }>>`
      INSERT INTO "ReferenceCounter" ("regionId", "year", "last") VALUES (${region.id}::uuid, ${year}, 1)
      ON CONFLICT ("regionId", "year") DO UPDATE SET "last" = "ReferenceCounter"."last" + 1
      RETURNING "last"`;
    if (!counter) throw new Error('Reference counter returned no row');
    const reference = formatReference(region.code, year, Number(counter.last));
    await tx.referral.update({ where: { id: draft.id }, data: { reference } });
    await tx.referralEvent.create({ data: { referralId: draft.id, type: 'SUBMITTED', actorId: referrerId, data: { reference }, createdAt: now } });
    await enqueue(tx, { kind: DISPATCH_POST, payload: { referralId: draft.id }, scope: region.code });
    return { ok: true, referralId: draft.id, reference, regionName: region.name, alreadySubmitted: false } as const;
  });
  if (result) {
    wakeOutboxWorkers();
    return result;
  }
  // Lost a race: either a simultaneous click submitted it, or it was changed in the meantime.
  const after = await alreadySubmitted(prisma, referrerId, draftId);
  return after.ok ? after : (await getDraft(prisma, referrerId, draftId)) ? { ok: false, reason: 'changed' } : after;
}

/** A second click on "bevestigen" finds the referral already submitted and answers the same. */
async function alreadySubmitted(prisma: DbClient, referrerId: string, draftId: string): Promise<SubmitResult> {
  const done = await prisma.referral.findFirst({ where: { id: draftId, referrerId, NOT: { status: 'DRAFT' } }, include: { region: true } });
  if (done?.reference && done.region) return { ok: true, referralId: done.id, reference: done.reference, regionName: done.region.name, alreadySubmitted: true };
  return { ok: false, reason: 'not-found' };
}

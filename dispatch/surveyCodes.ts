// "Nieuwe code" and "Toon de code opnieuw" for a closed trajectory's survey (issue #15): the
// survey page tells a young person whose code got lost or too old to ask the begeleider for a new
// one, so the begeleider must be able to make one.
// - again: the QR card once more, with a fresh token for each code that still works; codes
//   shown or printed before keep working (every token of an invitation shares its answers).
// - new: every earlier token of the invitation stops working at once, an expired code gets a new
//   period (SURVEY_DAYS), and the card brings the one new code.
// Tokens are still minted only when the card is sent (dispatch/surveyKinds.ts). A code that was
// answered (or a group code that is full) gets nothing: a new code must not allow a second answer.
// Who may: the organisation that took the referral up (its coordinators and the begeleider), as
// for the steps. A refusal says nothing about the trajectory: no title, no name, no state.
import type { DbClient } from '../db/open.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { SURVEY_CODES } from './kindNames.ts';
import { mayRecordSteps } from './people.ts';
import type { TSurveyCodes } from './surveyKinds.ts';

export type SurveyCodeMode = 'new' | 'again';

export type SurveyCodeOutcome =
  | { ok: true; invitations: number }
  /** not-allowed: not this person's (or no such referral — the same answer, so nothing is revealed). */
  | { ok: false; reason: 'not-allowed' | 'not-closed' | 'nothing-open' };

export interface SurveyCodeRequest {
  referralId: string;
  /** The acting person (Person.id): the domain decides whether they may. */
  actorId: string;
  mode: SurveyCodeMode;
  surveyDays: number;
  now?: Date;
}

const DAY = 86_400_000;

export async function surveyCodesAgain(prisma: DbClient, r: SurveyCodeRequest): Promise<SurveyCodeOutcome> {
  const now = r.now ?? new Date();
  if (!(await mayRecordSteps(prisma, r.actorId, r.referralId))) return { ok: false, reason: 'not-allowed' };
  const referral = await prisma.referral.findUnique({ where: { id: r.referralId }, select: { status: true, region: { select: { code: true } } } });
  if (!referral) return { ok: false, reason: 'not-allowed' };
  if (referral.status !== 'CLOSED' && referral.status !== 'STOPPED_EARLY') return { ok: false, reason: 'not-closed' };
  const invitations = await prisma.surveyInvitation.findMany({ where: { referralId: r.referralId }, select: { id: true, uses: true, maxUses: true, expiresAt: true } });
  // "Again" shows what still works; "new" may also bring back a code that is too old.
  const open = invitations.filter((i) => i.uses < i.maxUses && (r.mode === 'new' || i.expiresAt > now));
  if (open.length === 0) return { ok: false, reason: 'nothing-open' };
  const ids = open.map((i) => i.id);
  await prisma.$transaction(async (tx) => {
    if (r.mode === 'new') {
      await tx.surveyToken.deleteMany({ where: { invitationId: { in: ids } } });
      const stale = open.filter((i) => i.expiresAt <= now).map((i) => i.id);
      if (stale.length > 0) await tx.surveyInvitation.updateMany({ where: { id: { in: stale } }, data: { expiresAt: new Date(now.getTime() + r.surveyDays * DAY) } });
    }
    const payload: TSurveyCodes = { personId: r.actorId, referralId: r.referralId, invitationIds: ids, renewed: r.mode };
    await enqueue(tx, { kind: SURVEY_CODES, payload, ...(referral.region ? { scope: referral.region.code } : {}) });
  });
  return { ok: true, invitations: ids.length };
}

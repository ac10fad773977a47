// Storing one answer, exactly and anonymously, in one transaction:
// 1. a conditional update takes one use of the invitation (uses < maxUses, not expired); with two
//    submits racing on a single-use code the database lets exactly one through (the second waits
//    for the first row lock, then sees uses = maxUses and matches nothing);
// 2. the answer row is written with only what reports need: no token, no invitation, referral or
//    person, no address or browser, and the day (Belgian date) rather than the time;
// 3. the referral's card is brought up to date (survey/answered.ts).
// Nothing here logs: neither the token nor the answers may end up in a log line.
import type { DbClient } from '../db/open.ts';
import { inBrussels } from '../dispatch/schedule.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import { afterSurveyAnswer } from './answered.ts';
import type { Answers } from './form.ts';
import { stateOf } from './invitation.ts';
import type { TokenState } from './invitation.ts';
import { questionSetFor } from './questions.ts';
import type { Language } from './routes.ts';
import { hashToken, TOKEN_PATTERN } from './tokens.ts';

export type SubmitResult = { ok: true } | { ok: false; state: Exclude<TokenState, { state: 'open' }> };

/** The Belgian calendar day of a moment, as a date-only value (midnight UTC, as @db.Date stores it). */
export function dayOf(now: Date): Date {
  return new Date(`${inBrussels(now).date}T00:00:00.000Z`);
}

export async function submitAnswers(prisma: DbClient, d: { token: string; answers: Answers; language: Language; now: Date }): Promise<SubmitResult> {
  if (!TOKEN_PATTERN.test(d.token)) return { ok: false, state: { state: 'unknown' } };
  const tokenHash = hashToken(d.token);
  const result = await prisma.$transaction(async (tx): Promise<SubmitResult> => {
    const row = await tx.surveyToken.findUnique({ where: { tokenHash }, select: { invitationId: true } });
    if (!row) return { ok: false, state: { state: 'unknown' } };
    const taken = await tx.$executeRaw`
      UPDATE "SurveyInvitation" SET "uses" = "uses" + 1
      WHERE "id" = ${row.invitationId}::uuid AND "uses" < "maxUses" AND "expiresAt" > ${d.now}`;
    const invitation = await tx.surveyInvitation.findUniqueOrThrow({
      where: { id: row.invitationId },
      select: { id: true, variant: true, maxUses: true, uses: true, expiresAt: true, organisationId: true, regionId: true, trajectoryType: true, closingMonth: true, referralId: true, referral: { select: { region: { select: { code: true } } } } },
    });
    if (taken !== 1) {
      const state = stateOf(invitation, d.now);
      // Not taken, yet it reads as open: only possible in the instant it expired; call it that.
      return { ok: false, state: state.state === 'open' ? { state: 'expired' } : state };
    }
    await tx.surveyResponse.create({
      data: {
        organisationId: invitation.organisationId,
        regionId: invitation.regionId,
        variant: invitation.variant,
        trajectoryType: invitation.trajectoryType,
        closingMonth: invitation.closingMonth,
        questionSet: questionSetFor(invitation.variant).id,
        language: d.language,
        answers: d.answers,
        submittedOn: dayOf(d.now),
      },
      select: { id: true },
    });
    await afterSurveyAnswer(tx, { referralId: invitation.referralId, regionCode: invitation.referral.region?.code ?? '' });
    return { ok: true };
  });
  if (result.ok) wakeOutboxWorkers();
  return result;
}

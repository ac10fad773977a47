// Storing one answer, exactly and anonymously, in ONE statement (one round trip, atomic on its own):
// 1. `taken`: a conditional update takes one use of the invitation its token belongs to (uses <
//    maxUses, not expired, the variant whose questions were checked). Two submits racing on a
//    single-use code: the second waits for the first one's row lock, then sees uses = maxUses and
//    matches nothing, so exactly one counts;
// 2. `answer`: the response row, with only what reports need — no token, no invitation, referral or
//    person, no address or browser, and the (Belgian) day rather than the time;
// 3. `waiting`/`card`: the referral's channel card is brought up to date ("answered: yes"), the same
//    way as dispatch/decide.ts enqueueChannelUpdate — one waiting update serves every change.
// Why not an interactive transaction: a burst of 200 young people sending at once (a class after a
// lesson) held a pool connection per transaction for ~8 round trips, and Prisma gave up on the
// ones that waited over 2 s for a connection — answers lost (bench:survey, PostgreSQL).
// Nothing here logs: neither the token nor the answers may end up in a log line.
import type { DbClient } from '../db/open.ts';
import type { SurveyVariant } from '../dispatch/close.ts';
import { DISPATCH_UPDATE } from '../dispatch/kindNames.ts';
import { inBrussels } from '../dispatch/schedule.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import type { Answers } from './form.ts';
import { tokenState } from './invitation.ts';
import type { TokenState } from './invitation.ts';
import { questionSetFor } from './questions.ts';
import type { Language } from './routes.ts';
import { hashToken, TOKEN_PATTERN } from './tokens.ts';

export type SubmitResult = { ok: true } | { ok: false; state: Exclude<TokenState, { state: 'open' }> };

export interface Submission {
  token: string;
  /** The variant whose questions the answers were checked against. */
  variant: SurveyVariant;
  answers: Answers;
  language: Language;
  now: Date;
}

export async function submitAnswers(prisma: DbClient, d: Submission): Promise<SubmitResult> {
  if (!TOKEN_PATTERN.test(d.token)) return { ok: false, state: { state: 'unknown' } };
  const rows = await prisma.$queryRaw<Array<{ taken: number }>>`
    WITH taken AS (
      UPDATE "SurveyInvitation" AS i SET "uses" = i."uses" + 1
      FROM "SurveyToken" AS t
      WHERE t."tokenHash" = ${hashToken(d.token)} AND i."id" = t."invitationId"
        AND i."variant"::text = ${d.variant} AND i."uses" < i."maxUses" AND i."expiresAt" > ${d.now}
      RETURNING i."referralId", i."variant", i."organisationId", i."regionId", i."trajectoryType", i."closingMonth"
    ), answer AS (
      INSERT INTO "SurveyResponse" ("id", "organisationId", "regionId", "variant", "trajectoryType", "closingMonth", "questionSet", "language", "answers", "submittedOn")
      SELECT gen_random_uuid(), "organisationId", "regionId", "variant", "trajectoryType", "closingMonth",
             ${questionSetFor(d.variant).id}, ${d.language}, ${JSON.stringify(d.answers)}::jsonb, ${inBrussels(d.now).date}::date
      FROM taken
    ), waiting AS (
      SELECT o."id" FROM "OutboxMessage" AS o JOIN taken ON o."payload"->>'referralId' = taken."referralId"::text
      WHERE o."kind" = ${DISPATCH_UPDATE} AND o."status" = 'PENDING' AND o."attempts" = 0
        AND (o."lockedUntil" IS NULL OR o."lockedUntil" < ${d.now})
      LIMIT 1 FOR UPDATE OF o SKIP LOCKED
    ), card AS (
      INSERT INTO "OutboxMessage" ("id", "kind", "payload", "scope")
      SELECT gen_random_uuid(), ${DISPATCH_UPDATE}, jsonb_build_object('referralId', taken."referralId"::text), r."code"
      FROM taken JOIN "Referral" AS ref ON ref."id" = taken."referralId" LEFT JOIN "Region" AS r ON r."id" = ref."regionId"
      WHERE NOT EXISTS (SELECT 1 FROM waiting)
    )
    SELECT count(*)::int AS "taken" FROM taken`;
  if ((rows[0]?.taken ?? 0) === 1) {
    wakeOutboxWorkers();
    return { ok: true };
  }
  // Not taken: say why (a read only on this rare path). If it still reads as open, it expired in
  // that very instant, or the form was for another variant (a forged post): call it expired.
  const state = await tokenState(prisma, d.token, d.now);
  return { ok: false, state: state.state === 'open' ? { state: 'expired' } : state };
}

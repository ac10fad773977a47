// Taking one use and holding one answer, exactly, in ONE statement (one round trip, atomic on its own):
// 1. `taken`: a conditional update takes one use of the invitation its token belongs to (uses <
//    maxUses, not expired, the variant whose questions were checked). Two submits racing on a
//    single-use code: the second waits for the first one's row lock, then sees uses = maxUses and
//    matches nothing, so exactly one counts;
// 2. `waitingGroup`/`held`: the answer joins the hold (survey/hold.ts), never SurveyResponse: this
//    statement's xmin is the use's. The group's earlier held answers are rewritten with it, in
//    random order, so held rows do not keep the xmin of their own use (they share the latest one);
// 3. `waiting`/`card`: the referral's channel card is brought up to date ("answered: yes"), the same
//    way as dispatch/decide.ts enqueueChannelUpdate — one waiting update serves every change. It
//    concerns the invitation (a yes/no), not the answer.
// The move to SurveyResponse is a statement of its own, run after this one (moveHeldAnswers).
// Why not an interactive transaction: a burst of 200 young people sending at once (a class after a
// lesson) held a pool connection per transaction for ~8 round trips, and Prisma gave up on the
// ones that waited over 2 s for a connection — answers lost (bench:survey, PostgreSQL).
// Nothing here logs: neither the token nor the answers may end up in a log line.
import type { DbClient } from '../db/open.ts';
import type { SurveyVariant } from '../dispatch/close.ts';
import { DISPATCH_UPDATE } from '../dispatch/kindNames.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';
import type { Answers } from './form.ts';
import type { HoldGroup } from './hold.ts';
import { tokenState } from './invitation.ts';
import type { TokenState } from './invitation.ts';
import { questionSetFor } from './questions.ts';
import type { Language } from './routes.ts';
import { hashToken, TOKEN_PATTERN } from './tokens.ts';

/** `group`: where the answer waits, for the move that may follow (moveHeldAnswers). */
export type SubmitResult = { ok: true; group: HoldGroup } | { ok: false; state: Exclude<TokenState, { state: 'open' }> };

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
  const set = questionSetFor(d.variant).id;
  const rows = await prisma.$queryRaw<Array<{ organisationId: string; regionId: string; variant: SurveyVariant; trajectoryType: string; closingQuarter: string }>>`
    WITH taken AS (
      UPDATE "SurveyInvitation" AS i SET "uses" = i."uses" + 1
      FROM "SurveyToken" AS t
      WHERE t."tokenHash" = ${hashToken(d.token)} AND i."id" = t."invitationId"
        AND i."variant"::text = ${d.variant} AND i."uses" < i."maxUses" AND i."expiresAt" > ${d.now}
      RETURNING i."referralId", i."variant", i."organisationId", i."regionId", i."trajectoryType",
        substr(i."closingMonth", 1, 4) || '-Q' || ((substr(i."closingMonth", 6, 2)::int - 1) / 3 + 1)::text AS "closingQuarter"
    ), waitingGroup AS (
      DELETE FROM "SurveyHeldAnswer" AS h USING taken
      WHERE h."organisationId" = taken."organisationId" AND h."regionId" = taken."regionId" AND h."variant" = taken."variant"
        AND h."trajectoryType" = taken."trajectoryType" AND h."closingQuarter" = taken."closingQuarter" AND h."questionSet" = ${set}
      RETURNING h."organisationId", h."regionId", h."variant", h."trajectoryType", h."closingQuarter", h."questionSet", h."language", h."answers"
    ), held AS (
      INSERT INTO "SurveyHeldAnswer" ("id", "organisationId", "regionId", "variant", "trajectoryType", "closingQuarter", "questionSet", "language", "answers")
      SELECT gen_random_uuid(), g.* FROM (
        SELECT * FROM waitingGroup
        UNION ALL
        SELECT "organisationId", "regionId", "variant", "trajectoryType", "closingQuarter", ${set}, ${d.language}, ${JSON.stringify(d.answers)}::jsonb FROM taken
      ) AS g ORDER BY random()
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
    SELECT "organisationId"::text AS "organisationId", "regionId"::text AS "regionId", "variant", "trajectoryType", "closingQuarter" FROM taken`;
  const taken = rows[0];
  if (taken) {
    wakeOutboxWorkers();
    return { ok: true, group: { ...taken, questionSet: set } };
  }
  // Not taken: say why (a read only on this rare path). If it still reads as open, it expired in
  // that very instant, or the form was for another variant (a forged post): call it expired.
  const state = await tokenState(prisma, d.token, d.now);
  return { ok: false, state: state.state === 'open' ? { state: 'expired' } : state };
}

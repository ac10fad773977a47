// The survey's anonymity, tried as a database administrator would (issue #15): twelve young people
// of one organisation answer in a known order, each with a recognisable answer; then every trace
// the database keeps — xmin, physical order (ctid), every timestamp, the outbox rows — is used to
// link an answer to its invitation. Every attempt must leave at least k candidates. On both
// databases (PGlite has xmin and ctid too), PostgreSQL being the one production runs.
import { describe, expect, it } from 'vitest';
import { DISPATCH_UPDATE } from '../dispatch/kindNames.ts';
import { heldAnswers, moveHeldAnswers, quarterOf } from '../survey/hold.ts';
import { submitAnswers } from '../survey/submit.ts';
import { closedTrajectory, postForm, useSurveyService } from './support/closedTrajectory.ts';
import type { ClosedTrajectory } from './support/closedTrajectory.ts';
import { DATABASE_KINDS } from './support/databases.ts';

const K = 5;
const YOUNG_PEOPLE = 12;

interface ResponseTrace {
  why: string;
  xmin: bigint;
  ctid: string;
  submittedOn: Date;
}

describe.each(DATABASE_KINDS)('anonymity of survey answers on %s', (kind) => {
  const fixture = useSurveyService(kind, { SURVEY_RATE_PER_MINUTE: '10000', PRIVACY_MIN_COUNT: String(K) });
  const prisma = () => fixture.service.db.prisma;
  const at = (path: string) => `${fixture.service.url}${path}`;

  it(`leaves every answer at least ${K} candidate invitations, whatever the administrator joins on`, async () => {
    const closed: ClosedTrajectory[] = [];
    for (let i = 0; i < YOUNG_PEOPLE; i++) closed.push(await closedTrajectory(prisma(), { kind: 'PUPIL' }));
    const organisationId = closed[0]?.organisationId ?? '';
    expect(closed.every((t) => t.organisationId === organisationId)).toBe(true);
    // In a known order, each answer recognisable by its text.
    for (const [i, t] of closed.entries()) {
      const sent = await postForm(at(`/s/${t.tokens.YOUNG_PERSON}`), { taal: 'nl', score: String((i % 5) + 1), why: `antwoord-${i}` });
      expect(sent.status).toBe(303);
    }
    const answerOf = (i: number) => `antwoord-${i}`;
    const invitationOf = new Map(closed.map((t, i) => [answerOf(i), t.invitationIds.YOUNG_PERSON ?? '']));

    // Two full groups of five moved; the last two wait, and are counted, never shown.
    const responses = await prisma().$queryRaw<ResponseTrace[]>`
      SELECT "answers"->>'why' AS "why", xmin::text::bigint AS "xmin", ctid::text AS "ctid", "submittedOn"
      FROM "SurveyResponse" WHERE "organisationId" = ${organisationId}::uuid AND "variant" = 'YOUNG_PERSON' ORDER BY ctid`;
    expect(responses).toHaveLength(10);
    expect(new Set(responses.map((r) => r.why))).toEqual(new Set(Array.from({ length: 10 }, (_, i) => answerOf(i))));
    const quarter = quarterOf((await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: invitationOf.get(answerOf(0)) ?? '' } })).closingMonth);
    expect(await heldAnswers(prisma(), { organisationId })).toEqual([expect.objectContaining({ organisationId, variant: 'YOUNG_PERSON', trajectoryType: 'INDIVIDUAL', closingQuarter: quarter, held: 2 })]);

    // 1. xmin: every response shares it with at least k−1 others, and with no row of any other table.
    const batches = new Map<bigint, ResponseTrace[]>();
    for (const r of responses) batches.set(r.xmin, [...(batches.get(r.xmin) ?? []), r]);
    expect([...batches.values()].map((b) => b.length)).toEqual([K, K]);
    const tables = (await prisma().$queryRaw<Array<{ name: string }>>`SELECT tablename AS "name" FROM pg_tables WHERE schemaname = 'public'`).map((t) => t.name);
    for (const table of tables.filter((t) => t !== 'SurveyResponse')) {
      const shared = await prisma().$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "${table}" WHERE xmin::text = ANY($1::text[])`, [...batches.keys()].map(String));
      expect(shared[0]?.n, `rows of ${table} sharing a response's xmin`).toBe(0);
    }

    // 2. Transaction order: the administrator's best use of xmin. A response was written after the
    //    use of its invitation (xid order), and after the previous batch: the uses of the group
    //    between the previous move and this one are the candidates. There must be at least k.
    const uses = await prisma().$queryRaw<Array<{ id: string; xmin: bigint }>>`
      SELECT "id"::text AS "id", xmin::text::bigint AS "xmin" FROM "SurveyInvitation"
      WHERE "organisationId" = ${organisationId}::uuid AND "variant" = 'YOUNG_PERSON' AND "uses" > 0`;
    const moves = [...batches.keys()].sort((a, b) => (a < b ? -1 : 1));
    for (const [n, move] of moves.entries()) {
      const previous = moves[n - 1] ?? 0n;
      const candidates = uses.filter((u) => u.xmin < move && u.xmin > previous);
      expect(candidates.length).toBeGreaterThanOrEqual(K);
      // Each answer of the batch is indeed among them, and nothing narrows it further.
      for (const r of batches.get(move) ?? []) expect(candidates.map((c) => c.id)).toContain(invitationOf.get(r.why));
    }

    // 3. Physical order: within a batch the rows lie in random order, so "the n-th row is the n-th
    //    use" is a guess among k! orders. (That it never gets all ten right is a check with a chance
    //    of 1 in 14 400 to fail by bad luck.)
    const byUse = (why: string) => Number(why.replace('antwoord-', ''));
    const guessedRight = [...batches.values()].every((b) => b.every((r, i) => i === 0 || byUse(b[i - 1]?.why ?? '') < byUse(r.why)));
    expect(guessedRight).toBe(false);

    // 4. Timestamps: a response keeps a day only, the same for its whole batch; the outbox tells
    //    to the millisecond when each referral's young person answered (a use is no secret: the
    //    card shows ✓), but every use of the group on or before that day stays a candidate.
    for (const batch of batches.values()) expect(new Set(batch.map((r) => r.submittedOn.toISOString())).size).toBe(1);
    const cardTimes = await prisma().outboxMessage.findMany({ where: { kind: DISPATCH_UPDATE, OR: closed.map((t) => ({ payload: { path: ['referralId'], equals: t.referralId } })) }, select: { createdAt: true } });
    expect(cardTimes.length).toBeGreaterThanOrEqual(YOUNG_PEOPLE);
    for (const r of responses) {
      // The end of that Belgian day, at the latest.
      const endOfDay = new Date(r.submittedOn.getTime() + 26 * 3_600_000);
      expect(cardTimes.filter((c) => c.createdAt < endOfDay).length).toBeGreaterThanOrEqual(K);
    }

    // 5. No column of a response names its invitation, referral or token, and no row elsewhere
    //    points at a response (nothing refers to its id).
    const ids = (await prisma().surveyResponse.findMany({ select: { id: true } })).map((r) => r.id);
    for (const table of tables.filter((t) => t !== 'SurveyResponse')) {
      const text = await prisma().$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "${table}" AS x WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS id WHERE row_to_json(x)::text LIKE '%' || id || '%')`, ids);
      expect(text[0]?.n, `rows of ${table} naming a response`).toBe(0);
    }

    // The held answers: they share one xmin (the latest use's), not each their own use's.
    const held = await prisma().$queryRaw<Array<{ xmin: string }>>`SELECT xmin::text AS "xmin" FROM "SurveyHeldAnswer" WHERE "organisationId" = ${organisationId}::uuid`;
    expect(held).toHaveLength(2);
    expect(new Set(held.map((h) => h.xmin)).size).toBe(1);
  });

  it('never moves fewer than k answers together, when sends and moves of one group race', async () => {
    const closed: ClosedTrajectory[] = [];
    for (let i = 0; i < 13; i++) closed.push(await closedTrajectory(prisma(), { kind: 'PUPIL', now: new Date('2026-02-10T10:00:00Z'), surveyDays: 3650 }));
    const organisationId = closed[0]?.organisationId ?? '';
    const now = new Date();
    await Promise.all(
      closed.map(async (t, i) => {
        const saved = await submitAnswers(prisma(), { token: t.tokens.YOUNG_PERSON ?? '', variant: 'YOUNG_PERSON', answers: { score: '3', why: `race-${i}` }, language: 'nl', now });
        if (saved.ok) await moveHeldAnswers(prisma(), { minCount: K, group: saved.group, now });
      }),
    );
    // The minute's sweep moves a group that reached k while its rows were busy.
    await moveHeldAnswers(prisma(), { minCount: K, now });
    const moved = await prisma().$queryRaw<Array<{ xmin: string; n: number }>>`
      SELECT xmin::text AS "xmin", count(*)::int AS "n" FROM "SurveyResponse" WHERE "closingQuarter" = '2026-Q1' GROUP BY 1`;
    for (const batch of moved) expect(batch.n).toBeGreaterThanOrEqual(K);
    const held = (await heldAnswers(prisma(), { organisationId })).find((h) => h.closingQuarter === '2026-Q1')?.held ?? 0;
    expect(held).toBeLessThan(K);
    expect(moved.reduce((sum, b) => sum + b.n, 0) + held).toBe(13);
  });
});

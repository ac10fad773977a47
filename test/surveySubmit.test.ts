// Sending the survey through the real service, on both databases: bad input in every field comes
// back as the form with the answers kept and the problem next to the question; oversized bodies,
// posts from other sites and forged fields are refused; two sends racing on one code count once;
// and a stored answer holds nothing that could lead back to the young person.
import { describe, expect, it } from 'vitest';
import { DISPATCH_UPDATE } from '../dispatch/kindNames.ts';
import { CATALOGUES } from '../survey/i18n/index.ts';
import { quarterOf } from '../survey/hold.ts';
import { submitAnswers } from '../survey/submit.ts';
import { hashToken } from '../survey/tokens.ts';
import { closedTrajectory, getPage, postForm, useSurveyService } from './support/closedTrajectory.ts';
import { storedAnswerCount, storedAnswers } from './support/storedAnswers.ts';
import { DATABASE_KINDS } from './support/databases.ts';

const nl = CATALOGUES.nl;
const h1 = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
const USER_AGENT = 'SurveyTest/1.0 (unique-agent-7f3a)';

describe.each(DATABASE_KINDS)('sending the survey on %s', (kind) => {
  const fixture = useSurveyService(kind, { SURVEY_RATE_PER_MINUTE: '10000' });
  const prisma = () => fixture.service.db.prisma;
  const at = (path: string) => `${fixture.service.url}${path}`;
  const responses = () => storedAnswerCount(prisma());

  it('stores the answers of a young person exactly, cleaned, with only what reports need, and brings the card up to date', async () => {
    const t = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    // The card updates of the afronding itself count as delivered, so the answer needs a new one
    // (which the service's worker may pick up at once: it is counted whatever its status).
    const cardUpdates = { kind: DISPATCH_UPDATE, payload: { path: ['referralId'], equals: t.referralId } };
    await prisma().outboxMessage.updateMany({ where: cardUpdates, data: { status: 'SENT' } });
    const earlier = (await prisma().outboxMessage.findMany({ where: cardUpdates, select: { id: true } })).map((m) => m.id);
    const better = 'Meer tijd\u0000 met mijn begeleider\u202e <script>alert(1)</script>';
    const sent = await postForm(
      at(`/s/${t.tokens.YOUNG_PERSON}`),
      { taal: 'nl', talk: 'yes', helped: 'somewhat', decide: 'no', ownGoals: 'unsure', score: '4', recommend: 'maybe', why: '  Het hielp een beetje.  ', better, token: 'forged', referralId: t.referralId, extra: 'x' },
      { 'user-agent': USER_AGENT },
    );
    expect(sent.status).toBe(303);
    const rows = await storedAnswers(prisma(), { organisationId: t.organisationId, variant: 'YOUNG_PERSON', answers: { path: ['recommend'], equals: 'maybe' } });
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.answers).toEqual({ talk: 'yes', helped: 'somewhat', decide: 'no', ownGoals: 'unsure', score: '4', recommend: 'maybe', why: 'Het hielp een beetje.', better: 'Meer tijd met mijn begeleider <script>alert(1)</script>' });
    expect(row).toMatchObject({ variant: 'YOUNG_PERSON', questionSet: 'jongere-2026-1', language: 'nl', trajectoryType: 'INDIVIDUAL', regionId: t.regionId });
    expect(row?.closingQuarter).toMatch(/^\d{4}-Q[1-4]$/);
    const invitation = await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: t.invitationIds.YOUNG_PERSON ?? '' } });
    expect(invitation.uses).toBe(1);
    expect(row?.closingQuarter).toBe(quarterOf(invitation.closingMonth));
    // The card of the referral shows "answered" (an update enqueued by the same statement).
    expect(await prisma().outboxMessage.count({ where: { ...cardUpdates, id: { notIn: earlier } } })).toBe(1);
    // Neither the code nor the answers end up in the log.
    const log = fixture.log.join('\n');
    expect(log).not.toContain(t.tokens.YOUNG_PERSON);
    expect(log).not.toContain('Het hielp');
  });

  it('keeps a response row to the allowed columns, with no value that leads back to the code, the address, the browser or the time', async () => {
    const t = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const token = t.tokens.YOUNG_PERSON ?? '';
    expect((await postForm(at(`/s/${token}`), { taal: 'en', score: '5', why: 'ok' }, { 'user-agent': USER_AGENT })).status).toBe(303);
    const columnsOf = (table: string) => prisma().$queryRaw<Array<{ column_name: string; data_type: string }>>`
      SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ${table} ORDER BY column_name`;
    const columns = await columnsOf('SurveyResponse');
    expect(columns.map((c) => c.column_name).sort()).toEqual(['answers', 'closingQuarter', 'id', 'language', 'organisationId', 'questionSet', 'regionId', 'submittedOn', 'trajectoryType', 'variant'].sort());
    expect(columns.find((c) => c.column_name === 'submittedOn')?.data_type).toBe('date');
    // The hold keeps even less: no day at all.
    expect((await columnsOf('SurveyHeldAnswer')).map((c) => c.column_name).sort()).toEqual(['answers', 'closingQuarter', 'id', 'language', 'organisationId', 'questionSet', 'regionId', 'trajectoryType', 'variant'].sort());
    // No foreign key to an invitation, a referral or a person (the hold has none at all).
    const keysOf = (table: string) => prisma().$queryRaw<Array<{ target: string }>>`
      SELECT ccu.table_name AS target FROM information_schema.table_constraints tc
      JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name
      WHERE tc.table_name = ${table} AND tc.constraint_type = 'FOREIGN KEY'`;
    expect((await keysOf('SurveyResponse')).map((k) => k.target).sort()).toEqual(['Organisation']);
    expect(await keysOf('SurveyHeldAnswer')).toEqual([]);

    const held = await prisma().$queryRaw<Array<Record<string, unknown>>>`SELECT * FROM "SurveyHeldAnswer"`;
    const moved = await prisma().$queryRaw<Array<Record<string, unknown>>>`SELECT * FROM "SurveyResponse"`;
    expect(held.length + moved.length).toBeGreaterThan(0);
    const forbidden = [token, hashToken(token), t.invitationIds.YOUNG_PERSON, t.invitationIds.SCHOOL, t.referralId, '127.0.0.1', '::1', '::ffff:127.0.0.1', USER_AGENT, 'unique-agent'];
    for (const row of [...held, ...moved]) {
      const text = JSON.stringify(row);
      for (const value of forbidden) expect(text).not.toContain(value);
      // A random id (UUID v4), so not even its value tells when the row was written.
      expect(String(row.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    for (const row of moved) {
      const day = row.submittedOn instanceof Date ? row.submittedOn : new Date(String(row.submittedOn));
      expect(day.getUTCHours() + day.getUTCMinutes() + day.getUTCSeconds() + day.getUTCMilliseconds()).toBe(0);
    }
  });

  it('comes back with the form, the answers kept and the problem next to each question, for bad input in every field', async () => {
    const t = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const url = at(`/s/${t.tokens.YOUNG_PERSON}`);
    const before = await responses();
    const longText = `${'Dit is echt veel te lang. '.repeat(25)}<b>einde</b>`;
    const page = await postForm(url, { taal: 'nl', talk: 'ja!', helped: '1', decide: 'yes', ownGoals: "yes' OR 1=1", recommend: 'altijd', why: longText, better: '<script>alert("x")</script>' });
    expect(page.status).toBe(422);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain(`<title>${nl.form.errorTitle}: ${nl.form.titleYoung.replace('{organisation}', 'aPart')} · NAFT</title>`);
    // The summary at the top links to each question with a problem.
    expect(page.html).toContain('<div class="summary" role="alert">');
    for (const id of ['talk', 'helped', 'ownGoals', 'recommend']) {
      expect(page.html).toContain(`<p class="error" id="v-${id}-error">${nl.errors.choiceInvalid}</p>`);
      expect(page.html).toMatch(new RegExp(`<a href="#q-${id}">[^<]+ — ${nl.errors.choiceInvalid}</a>`));
    }
    expect(page.html).toContain(`<p class="error" id="v-score-error">${nl.errors.scoreMissing}</p>`);
    expect(page.html).toContain(`<a href="#q-score">${nl.young.score.label} — ${nl.errors.scoreMissing}</a>`);
    expect(page.html).toContain(`<p class="error" id="v-why-error">${nl.errors.textTooLong}</p>`);
    expect(page.html).not.toContain('id="v-decide-error"');
    expect(page.html).not.toContain('id="v-better-error"');
    // Kept: the valid choice checked, the texts as typed, shown literally.
    expect(page.html).toContain('<input type="radio" id="v-decide-yes" name="decide" value="yes" checked>');
    expect(page.html).toContain(`>${longText.replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</textarea>`);
    expect(page.html).toContain('>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</textarea>');
    expect(page.html).not.toContain('<script>');
    expect(page.html).not.toContain('<b>einde</b>');
    expect(page.html).toContain('aria-invalid="true"');

    // A forged score, and a score too.
    for (const score of ['6', '0', '4.5', 'vijf', '<x>']) {
      const forged = await postForm(url, { taal: 'fr', score });
      expect(forged.status, score).toBe(422);
      expect(forged.html).toContain(`<p class="error" id="v-score-error">${CATALOGUES.fr.errors.scoreInvalid}</p>`);
      expect(forged.html).toContain('<html lang="fr"');
    }
    expect(await responses()).toBe(before);
    expect((await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: t.invitationIds.YOUNG_PERSON ?? '' } })).uses).toBe(0);
    // Mended, it goes through.
    expect((await postForm(url, { taal: 'nl', decide: 'yes', score: '3', better: '<script>alert("x")</script>' })).status).toBe(303);
    expect(await responses()).toBe(before + 1);
  });

  it('checks the school set against its own questions', async () => {
    const t = await closedTrajectory(prisma(), { kind: 'SCHOOL' });
    const url = at(`/s/${t.tokens.SCHOOL}`);
    const wrong = await postForm(url, { taal: 'nl', cooperation: 'unsure', score: '4' });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain(`<p class="error" id="v-cooperation-error">${nl.errors.choiceInvalid}</p>`);
    expect((await postForm(url, { taal: 'nl', cooperation: 'yes', effect: 'somewhat', involved: 'no', score: '4', recommend: 'yes', talk: 'yes' })).status).toBe(303);
    const [row] = await storedAnswers(prisma(), { variant: 'SCHOOL', organisationId: t.organisationId, answers: { path: ['involved'], equals: 'no' } });
    expect(row?.questionSet).toBe('school-2026-1');
    expect(row?.trajectoryType).toBe('SCHOOL');
    expect(row?.answers).toEqual({ cooperation: 'yes', effect: 'somewhat', involved: 'no', score: '4', recommend: 'yes' });
  });

  it('refuses an oversized body with 413, another content type, and a post from another site with 403, storing nothing', async () => {
    const t = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const url = at(`/s/${t.tokens.YOUNG_PERSON}`);
    const before = await responses();
    const huge = await postForm(url, { taal: 'nl', score: '4', better: 'x'.repeat(10_000) });
    expect(huge.status).toBe(413);
    expect(h1(huge.html)).toBe(nl.pages.tooLarge.title);
    expect(huge.headers.get('content-security-policy')).toContain("default-src 'none'");
    const json = await fetch(url, { method: 'POST', body: JSON.stringify({ score: '4' }), headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(415);

    const crossSite: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'http://127.0.0.1.evil.example' },
      { 'sec-fetch-site': 'cross-site', origin: 'null' },
    ];
    for (const headers of crossSite) {
      const page = await postForm(url, { taal: 'en', score: '1' }, headers);
      expect(page.status, JSON.stringify(headers)).toBe(403);
      expect(h1(page.html)).toBe(nl.pages.forbidden.title);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect(await responses()).toBe(before);
    expect((await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: t.invitationIds.YOUNG_PERSON ?? '' } })).uses).toBe(0);
    // Our own page's post as a browser sends it: same origin, and Origin "null" under no-referrer.
    const own = await postForm(url, { taal: 'nl', score: '4' }, { 'sec-fetch-site': 'same-origin', origin: 'null' });
    expect(own.status).toBe(303);
  });

  it('accepts the post of its own origin', async () => {
    const t = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const sent = await postForm(at(`/s/${t.tokens.YOUNG_PERSON}`), { taal: 'nl', score: '4' }, { origin: fixture.service.url, 'sec-fetch-site': 'same-origin' });
    expect(sent.status).toBe(303);
  });

  it('counts exactly one of ten sends racing on a single-use code, and exactly as many as a group code allows', async () => {
    const t = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const before = await responses();
    const url = at(`/s/${t.tokens.YOUNG_PERSON}`);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => postForm(url, { taal: 'nl', score: String((i % 5) + 1) })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    for (const r of results.filter((x) => x.status === 409)) expect(h1(r.html)).toBe(nl.pages.already.title);
    expect(await responses()).toBe(before + 1);
    expect((await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: t.invitationIds.YOUNG_PERSON ?? '' } })).uses).toBe(1);

    const group = await closedTrajectory(prisma(), { kind: 'GROUP', pupils: 4 });
    const groupUrl = at(`/s/${group.tokens.GROUP}`);
    const groupResults = await Promise.all(Array.from({ length: 12 }, () => postForm(groupUrl, { taal: 'nl', score: '5' })));
    expect(groupResults.filter((r) => r.status === 303)).toHaveLength(4);
    expect(groupResults.filter((r) => r.status === 409)).toHaveLength(8);
    expect(await responses()).toBe(before + 5);
    expect((await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: group.invitationIds.GROUP ?? '' } })).uses).toBe(4);
    expect((await getPage(groupUrl)).status).toBe(410);
  });

  it('lets the database decide a race even when every send found the code open beforehand', async () => {
    // Straight to the transaction, without the page's look-up first: only the conditional update stands between them.
    const t = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const before = await responses();
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 10 }, () => submitAnswers(prisma(), { token: t.tokens.YOUNG_PERSON ?? '', variant: 'YOUNG_PERSON', answers: { score: '4' }, language: 'nl', now })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.state.state))).toEqual(Array.from({ length: 9 }, () => 'used'));
    expect(await responses()).toBe(before + 1);
  });
});

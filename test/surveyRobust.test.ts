// The survey pages when something is off: HEAD wherever GET works, another method on a real code
// says what is wrong, a doctored form with a question twice is refused, and a send while the
// database is away brings the form back with every answer kept.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.ts';
import { startService } from '../server/app.ts';
import { silentLogger } from '../server/log.ts';
import { CATALOGUES } from '../survey/i18n/index.ts';
import { closedTrajectory, getPage, postForm, useSurveyService } from './support/closedTrajectory.ts';
import { createTestDatabase, DATABASE_KINDS, runsOn, setPostgresDatabaseDown } from './support/databases.ts';
import { storedAnswerCount } from './support/storedAnswers.ts';

const nl = CATALOGUES.nl;
const WHY = 'Omdat mijn begeleider echt luisterde.';

describe.each(DATABASE_KINDS)('the survey pages when something is off, on %s', (kind) => {
  const fixture = useSurveyService(kind, { SURVEY_RATE_PER_MINUTE: '10000' });
  const at = (path: string) => `${fixture.service.url}${path}`;

  it('answers HEAD wherever GET works, with the same status and headers and no body', async () => {
    const t = await closedTrajectory(fixture.service.db.prisma, { kind: 'PUPIL' });
    for (const path of [`/s/${t.tokens.YOUNG_PERSON}`, `/s/${t.tokens.YOUNG_PERSON}/afdruk`, '/s/bedankt', '/s/stijl.css', '/s', '/favicon.ico', '/s/onbekende-code-1234567890']) {
      const get = await fetch(at(path));
      const head = await fetch(at(path), { method: 'HEAD' });
      expect([path, head.status]).toEqual([path, get.status]);
      expect(head.headers.get('content-security-policy')).toBe(get.headers.get('content-security-policy'));
      expect(await head.text()).toBe('');
    }
  });

  it('says a real code was asked the wrong way (405), not that the code is unknown', async () => {
    const t = await closedTrajectory(fixture.service.db.prisma, { kind: 'PUPIL' });
    const res = await fetch(at(`/s/${t.tokens.YOUNG_PERSON}`), { method: 'PUT', body: 'score=4' });
    const html = await res.text();
    expect(res.status).toBe(405);
    expect(html).toContain(nl.pages.methodNotAllowed.title);
    expect(html).not.toContain(nl.pages.notFound.title);
  });

  it('refuses a question sent twice with 422 and stores nothing', async () => {
    const prisma = fixture.service.db.prisma;
    const t = await closedTrajectory(prisma, { kind: 'PUPIL' });
    const before = await storedAnswerCount(prisma);
    const page = await postForm(at(`/s/${t.tokens.YOUNG_PERSON}`), 'taal=nl&score=3&score=5');
    expect(page.status).toBe(422);
    expect(page.html).toContain(nl.errors.repeated);
    expect(await storedAnswerCount(prisma)).toBe(before);
    // The same form, honest, goes through.
    expect((await postForm(at(`/s/${t.tokens.YOUNG_PERSON}`), 'taal=nl&score=5')).status).toBe(303);
  });
});

describe.runIf(runsOn('postgres'))('a survey send while the database is away', () => {
  it('brings the form back with every answer kept and a word on top, and the same send works once it is back', async () => {
    const testDb = await createTestDatabase('postgres');
    const service = await startService({ ...loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'on', SURVEY_RATE_PER_MINUTE: '10000' }), database: testDb.settings }, silentLogger);
    const name = new URL((testDb.settings as { url: string }).url).pathname.slice(1);
    try {
      const t = await closedTrajectory(service.db.prisma, { kind: 'PUPIL' });
      const form = { taal: 'nl', vragenlijst: 'jongere-2026-1', score: '4', why: WHY };
      const url = `${service.url}/s/${t.tokens.YOUNG_PERSON}`;
      await setPostgresDatabaseDown(name, true);
      const away = await postForm(url, form);
      expect(away.status).toBe(503);
      expect(away.html).toContain(nl.form.unavailable);
      expect(away.html).toContain(WHY);
      expect(away.html).toMatch(/value="4"[^>]*checked|checked[^>]*value="4"/);

      await setPostgresDatabaseDown(name, false);
      expect((await postForm(url, form)).status).toBe(303);
      expect(await storedAnswerCount(service.db.prisma)).toBe(1);
      expect((await getPage(url)).status).toBe(410);
    } finally {
      await setPostgresDatabaseDown(name, false).catch(() => {});
      await service.close().catch(() => {});
      await testDb.destroy();
    }
  });
});

// The per-address rate limit of the survey (in memory only), through the real service on both
// databases: sends above SURVEY_RATE_PER_MINUTE get a friendly 429 with Retry-After, page views
// get ten times as many; and the setting itself is checked at start-up.
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SURVEY_RATE_PER_MINUTE, loadConfig } from '../config/env.ts';
import { CATALOGUES } from '../survey/i18n/index.ts';
import { CONTENT_SECURITY_POLICY } from '../survey/http.ts';
import { closedTrajectory, getPage, postForm, useSurveyService } from './support/closedTrajectory.ts';
import { DATABASE_KINDS, runsOn } from './support/databases.ts';
import { storedAnswerCount } from './support/storedAnswers.ts';

// Pure: once per run (in the PGlite project), not once per database kind.
describe.runIf(runsOn('pglite'))('SURVEY_RATE_PER_MINUTE', () => {
  it('defaults to a class at once, and refuses what is not a positive whole number', () => {
    expect(loadConfig({}).surveyRatePerMinute).toBe(DEFAULT_SURVEY_RATE_PER_MINUTE);
    expect(loadConfig({ SURVEY_RATE_PER_MINUTE: '120' }).surveyRatePerMinute).toBe(120);
    expect(loadConfig({ SURVEY_RATE_PER_MINUTE: '' }).surveyRatePerMinute).toBe(DEFAULT_SURVEY_RATE_PER_MINUTE);
    for (const wrong of ['0', '-5', '2.5', 'veel', '1000000']) {
      expect(() => loadConfig({ SURVEY_RATE_PER_MINUTE: wrong }), wrong).toThrow(ConfigError);
      try {
        loadConfig({ SURVEY_RATE_PER_MINUTE: wrong });
      } catch (error) {
        expect((error as ConfigError).problems[0]).toContain('SURVEY_RATE_PER_MINUTE must be a whole number');
      }
    }
  });
});

describe.each(DATABASE_KINDS)('the survey rate limit on %s', (kind) => {
  const fixture = useSurveyService(kind, { SURVEY_RATE_PER_MINUTE: '3' });
  const at = (path: string) => `${fixture.service.url}${path}`;

  it('lets three sends a minute through from one address, then asks to wait a minute, storing nothing more', async () => {
    const prisma = fixture.service.db.prisma;
    const t = await closedTrajectory(prisma, { kind: 'GROUP', pupils: 10 });
    const url = at(`/s/${t.tokens.GROUP}`);
    for (let i = 0; i < 3; i++) expect((await postForm(url, { taal: 'nl', score: '4' })).status).toBe(303);
    const limited = await postForm(url, { taal: 'nl', score: '4' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(limited.html).toContain(`<h1>${CATALOGUES.nl.pages.rateLimited.title}</h1>`);
    expect(await storedAnswerCount(prisma)).toBe(3);

    // Looking is still allowed: ten times the sends.
    const views = [];
    for (let i = 0; i < 31; i++) views.push((await getPage(`${url}?taal=en`)).status);
    expect(views.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(views[30]).toBe(429);
    const page = await getPage(`${url}?taal=en`);
    expect(page.html).toContain(`<h1>${CATALOGUES.en.pages.rateLimited.title}</h1>`);
    // The stylesheet is not counted: a limited page still looks right.
    expect((await getPage(at('/s/stijl.css'))).status).toBe(200);
  });
});

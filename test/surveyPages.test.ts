// The survey pages through the real service, on both databases: every state a code can be in,
// the thank-you page, a double send, a group code filling up, the languages (Arabic right to
// left), the print page, the stylesheet and the security headers on every response.
import { describe, expect, it } from 'vitest';
import { untilDay } from '../survey/pages.ts';
import { CATALOGUES } from '../survey/i18n/index.ts';
import { CONTENT_SECURITY_POLICY } from '../survey/http.ts';
import { LANGUAGES } from '../survey/routes.ts';
import { STYLESHEET_VERSION } from '../survey/style.ts';
import { closedTrajectory, getPage, postForm, useSurveyService } from './support/closedTrajectory.ts';
import { storedAnswerCount, storedAnswers } from './support/storedAnswers.ts';
import type { PageResponse } from './support/closedTrajectory.ts';
import { DATABASE_KINDS } from './support/databases.ts';

const DAY = 86_400_000;
const nl = CATALOGUES.nl;
// The heading as read: the organisation's name inside it sits in <bdi> (its own direction).
const h1 = (html: string) => /<h1>(.*?)<\/h1>/s.exec(html)?.[1]?.replace(/<\/?bdi>/g, '');

/** What every survey response must carry, whatever its status. */
function expectSecurityHeaders(page: PageResponse, cache: 'no-store' | 'long' = 'no-store') {
  expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  expect(page.headers.get('set-cookie')).toBeNull();
  if (cache === 'no-store') expect(page.headers.get('cache-control')).toBe('no-store');
  else expect(page.headers.get('cache-control')).toContain('max-age=31536000');
  // No inline script or style anywhere, and nothing from another site.
  expect(page.html).not.toMatch(/<script|\sstyle=|\son\w+=/i);
  expect(page.html).not.toMatch(/(src|href|action)="(https?:)?\/\//i);
}

describe.each(DATABASE_KINDS)('the survey pages on %s', (kind) => {
  const fixture = useSurveyService(kind, { SURVEY_RATE_PER_MINUTE: '10000' });
  const prisma = () => fixture.service.db.prisma;
  const at = (path: string) => `${fixture.service.url}${path}`;

  it('shows the young person the form in Dutch, with the smileys as labelled radio buttons and only the score required', async () => {
    const { tokens } = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const page = await getPage(at(`/s/${tokens.YOUNG_PERSON}`));
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    expect(page.html).toContain('<html lang="nl" dir="ltr">');
    expect(h1(page.html)).toBe(nl.form.titleYoung.replace('{organisation}', 'aPart'));
    expect(page.html).toContain(nl.form.skip);
    expect(page.html).toContain(`<form id="vragen" method="post" action="/s/${tokens.YOUNG_PERSON}">`);
    for (const q of Object.values(nl.young)) expect(page.html).toContain(q.label);
    for (const score of ['1', '2', '3', '4', '5'] as const) {
      expect(page.html).toContain(`<label class="option score-${score}" for="v-score-${score}"><input type="radio" id="v-score-${score}" name="score" value="${score}">`);
      expect(page.html).toContain(`<span>${nl.scores[score]}</span>`);
    }
    expect(page.html.match(/<fieldset/g)).toHaveLength(6);
    // The faces come first, right under the title; "may be skipped" is said once, not per question.
    expect(page.html.indexOf('id="q-score"')).toBeLessThan(page.html.indexOf('id="q-talk"'));
    expect(page.html.split(nl.form.skip)).toHaveLength(2);
    expect(page.html.match(/<textarea/g)).toHaveLength(2);
    expect(page.html).toContain(`<link rel="stylesheet" href="/s/stijl.css?v=${STYLESHEET_VERSION}">`);
    // Viewing does not use the code.
    expect((await getPage(at(`/s/${tokens.YOUNG_PERSON}`))).status).toBe(200);
  });

  it('shows the school its own short set', async () => {
    const { tokens } = await closedTrajectory(prisma(), { kind: 'SCHOOL' });
    const page = await getPage(at(`/s/${tokens.SCHOOL}`));
    expect(page.status).toBe(200);
    expect(h1(page.html)).toBe(nl.form.titleSchool.replace('{organisation}', 'aPart'));
    expect(page.html).toContain(nl.school.recommend.label);
    expect(page.html).not.toContain(nl.young.ownGoals.label);
  });

  it('sends, thanks warmly on a page without the code, and answers a second send with "al ingevuld"', async () => {
    const { tokens } = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const url = at(`/s/${tokens.YOUNG_PERSON}`);
    const sent = await postForm(url, { taal: 'nl', talk: 'yes', helped: 'somewhat', score: '5', recommend: 'yes', why: 'Ze luisterde echt.' });
    expect(sent.status).toBe(303);
    expectSecurityHeaders(sent);
    expect(sent.headers.get('location')).toBe('/s/bedankt?taal=nl');
    const thanks = await getPage(at('/s/bedankt?taal=nl'));
    expect(thanks.status).toBe(200);
    expectSecurityHeaders(thanks);
    expect(h1(thanks.html)).toBe(nl.pages.thanks.title);
    expect(thanks.html).not.toContain(tokens.YOUNG_PERSON ?? '-');

    const again = await postForm(url, { taal: 'nl', score: '1' });
    expect(again.status).toBe(409);
    expectSecurityHeaders(again);
    expect(h1(again.html)).toBe('Je hebt dit al ingevuld. Dank je!');
    // Opening it again: used, with what to do.
    const used = await getPage(url);
    expect(used.status).toBe(410);
    expectSecurityHeaders(used);
    expect(h1(used.html)).toBe(nl.pages.used.title);
    // No promise of a new code: one young person answers once.
    expect(used.html).not.toContain('nieuwe code');
    expect(used.html).not.toContain('<form');
  });

  it('answers an unknown or malformed code with 404 and an expired one with 410, each saying what to do and nothing else', async () => {
    for (const path of ['/s/AAAAAAAAAAAAAAAAAAAAAA', '/s/kort', '/s/%3Cscript%3E', `/s/${'x'.repeat(300)}`, '/s/AAAAAAAAAAAAAAAAAAAAAA/iets/anders']) {
      const page = await getPage(at(path));
      expect(page.status, path).toBe(404);
      expect(page.html, path).toContain('<html');
      expectSecurityHeaders(page);
      expect(h1(page.html)).toBe(nl.pages.notFound.title);
      expect(page.html).toContain('Vraag je begeleider om een nieuwe code.');
      expect(page.html).not.toContain('<script>');
      // A long or odd path is not repeated in the page (its language links point to /s).
      if (path.length > 64 || path.includes('%')) expect(page.html).not.toContain(path.slice(3, 40));
    }
    // Outside /s/ too, and the address without a code: the survey's own pages, never restify's JSON.
    for (const path of ['/', '/s', '/s/', '/iets', '/api/niets', `/${'y'.repeat(5000)}`]) {
      const page = await getPage(at(path));
      expect(page.status, path).toBe(['/', '/s', '/s/'].includes(path) ? 200 : 404);
      expectSecurityHeaders(page);
      expect(h1(page.html), path).toBe(['/', '/s', '/s/'].includes(path) ? nl.pages.home.title : nl.pages.notFound.title);
      expect(page.html).not.toContain('yyyyyyyy');
    }
    const icon = await fetch(at('/favicon.ico'));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await icon.text()).toMatch(/^<svg /);
    const unknownSend = await postForm(at('/s/AAAAAAAAAAAAAAAAAAAAAA'), { score: '3' });
    expect(unknownSend.status).toBe(404);
    // Another method on a survey address: a page with the same headers that says what is wrong, not the router's JSON.
    const put = await fetch(at('/s/AAAAAAAAAAAAAAAAAAAAAA'), { method: 'PUT', body: 'score=3' });
    expect(put.status).toBe(405);
    expect(put.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await put.text()).toContain(`<h1>${nl.pages.methodNotAllowed.title}</h1>`);

    const old = await closedTrajectory(prisma(), { kind: 'PUPIL', now: new Date(Date.now() - 31 * DAY), surveyDays: 30 });
    const expired = await getPage(at(`/s/${old.tokens.YOUNG_PERSON}`));
    expect(expired.status).toBe(410);
    expectSecurityHeaders(expired);
    expect(h1(expired.html)).toBe(nl.pages.expired.title);
    const expiredSend = await postForm(at(`/s/${old.tokens.YOUNG_PERSON}`), { taal: 'en', score: '3' });
    expect(expiredSend.status).toBe(410);
    expect(h1(expiredSend.html)).toBe(CATALOGUES.en.pages.expired.title);
    expect((await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: old.invitationIds.YOUNG_PERSON ?? '' } })).uses).toBe(0);
  });

  it('lets a group code be used up to the group size, then says the code is full', async () => {
    const { tokens, invitationIds } = await closedTrajectory(prisma(), { kind: 'GROUP', pupils: 3 });
    const url = at(`/s/${tokens.GROUP}`);
    const page = await getPage(url);
    expect(h1(page.html)).toBe(nl.form.titleYoung.replace('{organisation}', 'aPart'));
    for (const score of ['2', '4', '5']) expect((await postForm(url, { taal: 'nl', score })).status).toBe(303);
    const fourth = await postForm(url, { taal: 'nl', score: '3' });
    expect(fourth.status).toBe(409);
    expect(h1(fourth.html)).toBe(nl.pages.full.title);
    const full = await getPage(url);
    expect(full.status).toBe(410);
    expect(h1(full.html)).toBe(nl.pages.full.title);
    expect((await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: invitationIds.GROUP ?? '' } })).uses).toBe(3);
  });

  it('switches language on every page with visible links, keeps the language through the send, and lays Arabic out right to left', async () => {
    const { tokens } = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const url = at(`/s/${tokens.YOUNG_PERSON}`);
    for (const lang of LANGUAGES) {
      const page = await getPage(`${url}?taal=${lang}`);
      expect(page.status).toBe(200);
      const t = CATALOGUES[lang];
      expect(page.html).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
      expect(h1(page.html)).toBe(t.form.titleYoung.replace('{organisation}', 'aPart'));
      // The Latin name in an Arabic sentence (and the other way round) keeps its own direction.
      expect(page.html).toContain('<bdi>aPart</bdi>');
      expect(page.html).toContain(`<input type="hidden" name="taal" value="${lang}">`);
      expect(page.html).toContain(`aria-label="${t.languageNav}"`);
      for (const [code, name] of [['nl', 'Nederlands'], ['en', 'English'], ['fr', 'Français'], ['tr', 'Türkçe'], ['ar', 'العربية']]) {
        // On the form, the other languages are buttons that post what was chosen so far (kept on switching).
        if (code === lang) expect(page.html).toMatch(new RegExp(`<a href="/s/${tokens.YOUNG_PERSON}\\?taal=${code}" lang="${code}" hreflang="${code}"[^>]*>${name}</a>`));
        else expect(page.html).toContain(`form="vragen" formaction="/s/${tokens.YOUNG_PERSON}${code === 'nl' ? '' : `?taal=${code}`}${code === 'nl' ? '?' : '&amp;'}wissel=${code}" formnovalidate lang="${code}" dir="${code === 'ar' ? 'rtl' : 'ltr'}">${name}</button>`);
      }
    }
    // Changing the language keeps the answers given so far, without JavaScript, and sends nothing.
    const before = await storedAnswerCount(prisma());
    const switched = await postForm(`${url}?taal=ar&wissel=ar`, { taal: 'nl', score: '2', talk: 'somewhat', why: 'Soms <b>moeilijk</b>' });
    expect(switched.status).toBe(200);
    expect(switched.html).toContain('<html lang="ar" dir="rtl">');
    expect(switched.html).toContain('<input type="hidden" name="taal" value="ar">');
    expect(switched.html).toContain('value="2" checked>');
    expect(switched.html).toContain('id="v-talk-somewhat" name="talk" value="somewhat" checked>');
    expect(switched.html).toContain('>Soms &lt;b&gt;moeilijk&lt;/b&gt;</textarea>');
    expect(switched.html).not.toContain('class="error"');
    expect(await storedAnswerCount(prisma())).toBe(before);
    // An unknown language falls back to Dutch.
    expect((await getPage(`${url}?taal=xx`)).html).toContain('<html lang="nl"');

    const sent = await postForm(url, { taal: 'ar', score: '4' });
    expect(sent.headers.get('location')).toBe('/s/bedankt?taal=ar');
    const thanks = await getPage(at('/s/bedankt?taal=ar'));
    expect(thanks.html).toContain('<html lang="ar" dir="rtl">');
    expect(h1(thanks.html)).toBe(CATALOGUES.ar.pages.thanks.title);
    expect((await storedAnswers(prisma(), { language: 'ar' }))[0]?.questionSet).toBe('jongere-2026-1');
    // The error pages speak the chosen language too.
    const used = await getPage(`${url}?taal=tr`);
    expect(h1(used.html)).toBe(CATALOGUES.tr.pages.used.title);
    expect(used.html).toContain(`<a href="/s/${tokens.YOUNG_PERSON}?taal=fr" lang="fr" hreflang="fr"`);
  });

  it('prints the code large (A4 and card) with two lines of text, without using it', async () => {
    const { tokens, invitationIds } = await closedTrajectory(prisma(), { kind: 'CLASS' });
    for (const suffix of ['', '?formaat=kaart']) {
      const page = await getPage(at(`/s/${tokens.GROUP}/afdruk${suffix}`));
      expect(page.status).toBe(200);
      expectSecurityHeaders(page);
      expect(page.html).toContain(`<main class="${suffix ? 'kaart' : 'a4'}">`);
      expect(h1(page.html)).toBe(nl.print.group[0]);
      // How to print, on screen only (no script, so no print button); the print rules hide it.
      expect(page.html).toContain(`<p class="howto">${nl.print.howTo}</p>`);
      expect(page.html).toContain(nl.print.group[1]);
      expect(page.html).toMatch(/<div class="qr" role="img" aria-label="[^"]+"><svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
      // In local mode the code points to this service as the browser reached it.
      // The code in its own unbreakable span: a break after one of its hyphens would read as hyphenation.
      expect(page.html).toContain(`<p class="link">${fixture.service.url}/s/<span class="code">${tokens.GROUP}</span></p>`);
      // The short code to type by hand, and the last day it works.
      expect(page.html).toContain(`<p class="short">${nl.print.code}: <span class="code" dir="ltr">${tokens.GROUP}</span></p>`);
      const expiresAt = (await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: invitationIds.GROUP ?? '' } })).expiresAt;
      expect(page.html).toContain(`<p class="until">${nl.print.until.replace('{date}', untilDay('nl', expiresAt))}</p>`);
      expect(untilDay('nl', expiresAt)).toMatch(/^\d{1,2} [a-z]+ \d{4}$/);
    }
    const english = await getPage(at(`/s/${tokens.SCHOOL}/afdruk?formaat=kaart&taal=en`));
    expect(h1(english.html)).toBe(CATALOGUES.en.print.school[0]);
    expect(english.html).toContain(`href="/s/${tokens.SCHOOL}/afdruk?formaat=kaart&amp;taal=nl"`);
    // An English print page leads to the English form, and that form keeps English through the send.
    expect(english.html).toContain(`<span class="code">${tokens.SCHOOL}?taal=en</span>`);
    expect((await getPage(at(`/s/${tokens.SCHOOL}?taal=en`))).html).toContain(`<form id="vragen" method="post" action="/s/${tokens.SCHOOL}?taal=en">`);
    expect((await prisma().surveyInvitation.findUniqueOrThrow({ where: { id: invitationIds.GROUP ?? '' } })).uses).toBe(0);
    expect((await getPage(at('/s/AAAAAAAAAAAAAAAAAAAAAA/afdruk'))).status).toBe(404);
  });

  it('serves the one stylesheet with a long cache and print rules', async () => {
    const css = await getPage(at(`/s/stijl.css?v=${STYLESHEET_VERSION}`));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expectSecurityHeaders(css, 'long');
    expect(css.html).toContain('@page');
    expect(css.html).toContain('min-height:48px');
  });
});

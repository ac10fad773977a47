// The survey pages in a phone browser (issue #9's quality bar): Debian's Chromium at 360×640
// against the real service on PGlite. A young person fills in and sends the survey in Dutch and in
// Arabic (right to left), and with JavaScript off; sends it without the one required answer and
// gets the form back with the rest kept; opens a used, an expired and an unknown code. Every page
// is audited with axe-core (WCAG 2.2 A and AA: zero violations), must not scroll sideways, must
// load nothing from any other origin and trip no Content-Security-Policy; every page is
// photographed into test-output/survey/.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CATALOGUES, LANGUAGE_NAMES } from '../survey/i18n/index.ts';
import { LANGUAGES, printPath, surveyPath, thanksPath } from '../survey/routes.ts';
import type { Language } from '../survey/routes.ts';
import { axeViolations, cspViolations, describeViolations, foreignRequests, launchChromium, PHONE, phoneTab, sidewaysOverflow } from './support/browser.ts';
import type { PhoneTab } from './support/browser.ts';
import { closedTrajectory } from './support/closedTrajectory.ts';
import { storedAnswerCount, storedAnswers } from './support/storedAnswers.ts';
import { useService } from './support/serviceFixture.ts';

const SHOTS = resolve(import.meta.dirname, '..', 'test-output', 'survey');
const { nl, fr, tr, ar } = CATALOGUES;
/** A finger, not a mouse pointer: the smallest tap target we accept, in CSS pixels. */
const MIN_TARGET_PX = 44;
const DAY = 86_400_000;

describe('the survey pages in a phone browser (PGlite)', () => {
  const fixture = useService('pglite');
  let browser: Browser;
  const tabs: PhoneTab[] = [];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const origin = () => new URL(fixture.service.url).origin;
  const prisma = () => fixture.service.db.prisma;

  /** A fresh phone; every tab's requests and console lines are checked at the end of the file as well. */
  async function phone(options: { javaScriptEnabled?: boolean } = {}): Promise<PhoneTab> {
    const tab = await phoneTab(browser, options);
    tabs.push(tab);
    return tab;
  }

  async function youngPersonToken(options: { closedDaysAgo?: number } = {}): Promise<string> {
    const closed = await closedTrajectory(prisma(), { kind: 'PUPIL', ...(options.closedDaysAgo ? { now: new Date(Date.now() - options.closedDaysAgo * DAY) } : {}) });
    if (!closed.tokens.YOUNG_PERSON) throw new Error('a pupil trajectory without a code for the young person');
    return closed.tokens.YOUNG_PERSON;
  }

  async function go(tab: PhoneTab, path: string): Promise<number> {
    const response = await tab.page.goto(`${fixture.service.url}${path}`);
    return response?.status() ?? 0;
  }

  /**
   * What every page must be: axe-clean (WCAG 2.2 A/AA), in the right language and direction, not
   * wider than the phone, loaded from the service alone, without a CSP complaint. Then its photo.
   */
  async function checkPage(tab: PhoneTab, shot: string, language: Language): Promise<void> {
    const page = tab.page;
    const violations = await axeViolations(page);
    expect(violations, `axe-core on ${shot} (${page.url()}):\n${describeViolations(violations)}`).toEqual([]);
    expect(await page.locator('html').getAttribute('lang'), `lang of ${shot}`).toBe(language);
    expect((await page.locator('html').getAttribute('dir')) ?? 'ltr', `dir of ${shot}`).toBe(CATALOGUES[language].dir);
    expect(await sidewaysOverflow(page), `${shot} scrolls sideways at 360 px`).toBe(0);
    expect(foreignRequests(tab.requests, origin()), `requests of ${shot} to other origins`).toEqual([]);
    expect(cspViolations(tab.console), `CSP violations on ${shot}`).toEqual([]);
    await page.screenshot({ path: resolve(SHOTS, `${shot}.png`), fullPage: true });
  }

  /** The visible text of the page, whitespace folded (for finding catalogue sentences). */
  const textOf = async (page: Page) => (await page.locator('body').innerText()).replace(/\s+/g, ' ');

  /** Taps the answer as a finger would: on its label, which must be a big enough target. */
  async function choose(page: Page, name: string, value: string): Promise<void> {
    const input = page.locator(`input[type="radio"][name="${name}"][value="${value}"]`);
    const id = await input.getAttribute('id');
    const label = id ? page.locator(`label[for="${id}"]`) : page.locator('label', { has: input });
    const box = await label.boundingBox();
    expect(box, `the label of ${name}=${value} is visible`).not.toBeNull();
    expect(Math.min(box?.width ?? 0, box?.height ?? 0), `tap target of ${name}=${value} (px)`).toBeGreaterThanOrEqual(MIN_TARGET_PX);
    await label.tap();
    expect(await input.isChecked(), `${name}=${value} is chosen after a tap`).toBe(true);
  }

  /** The young person's answers, every question answered. */
  async function fillInYoung(page: Page, texts: { why: string; better: string }, score = '4'): Promise<void> {
    await choose(page, 'talk', 'yes');
    await choose(page, 'helped', 'somewhat');
    await choose(page, 'decide', 'yes');
    await choose(page, 'ownGoals', 'unsure');
    if (score) await choose(page, 'score', score);
    await choose(page, 'recommend', 'maybe');
    await page.locator('textarea[name="why"]').fill(texts.why);
    await page.locator('textarea[name="better"]').fill(texts.better);
  }

  async function send(page: Page): Promise<number> {
    const button = page.locator('form[method="post" i] button[type="submit"], form[method="post" i] input[type="submit"]').first();
    const box = await button.boundingBox();
    expect(box?.height ?? 0, 'the send button is a big target').toBeGreaterThanOrEqual(MIN_TARGET_PX);
    const [response] = await Promise.all([page.waitForNavigation(), button.tap()]);
    return response?.status() ?? 0;
  }

  const responsesIn = (language: Language) => storedAnswers(prisma(), { language });

  it('shows the start page in each of the five languages, each offering the other four, Arabic right to left', async () => {
    const token = await youngPersonToken();
    const tab = await phone();
    for (const language of LANGUAGES) {
      expect(await go(tab, surveyPath(token, language)), `start page in ${language}`).toBe(200);
      const m = CATALOGUES[language];
      expect(await tab.page.locator('h1').innerText()).toContain(m.form.titleYoung.replace('{organisation}', 'aPart'));
      // The hidden field carries the language into the answer.
      expect(await tab.page.locator('form[method="post" i] input[name="taal"]').inputValue()).toBe(language);
      // Each other language by its own name (a reader finds their own): a button that posts the
      // answers so far and brings the form back in that language.
      for (const other of LANGUAGES.filter((l) => l !== language)) {
        const button = tab.page.getByRole('button', { name: LANGUAGE_NAMES[other], exact: true });
        expect(await button.count(), `a button to ${other} on the ${language} page`).toBe(1);
        expect(await button.getAttribute('formaction')).toContain(`wissel=${other}`);
      }
      await checkPage(tab, `start-${language}`, language);
      // The smallest phones still in use: 320 px, nothing to scroll sideways in any language.
      await tab.page.setViewportSize({ width: 320, height: 568 });
      expect(await sidewaysOverflow(tab.page), `the ${language} start page scrolls sideways at 320 px`).toBe(0);
      await tab.page.setViewportSize(PHONE);
    }
    // The switch keeps what was chosen: a face and a text in Dutch, then Arabic.
    await go(tab, surveyPath(token, 'nl'));
    await choose(tab.page, 'score', '2');
    await tab.page.locator('textarea[name="why"]').fill('Soms moeilijk');
    await Promise.all([tab.page.waitForNavigation(), tab.page.getByRole('button', { name: LANGUAGE_NAMES.ar, exact: true }).tap()]);
    expect(await tab.page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await tab.page.locator('h1').innerText()).toContain(ar.form.titleYoung.replace('{organisation}', 'aPart'));
    expect(await tab.page.locator('input[name="score"][value="2"]').isChecked()).toBe(true);
    expect(await tab.page.locator('textarea[name="why"]').inputValue()).toBe('Soms moeilijk');
  });

  it('puts the faces on the first screen at 360×640, one tap, and the send button within three screens, in Dutch and Arabic', async () => {
    const token = await youngPersonToken();
    for (const language of ['nl', 'ar'] as const) {
      const tab = await phone({ javaScriptEnabled: false });
      expect(await go(tab, surveyPath(token, language))).toBe(200);
      await tab.page.screenshot({ path: resolve(SHOTS, `first-screen-${language}.png`) });
      for (const score of ['1', '2', '3', '4', '5']) {
        const box = await tab.page.locator(`label[for="v-score-${score}"]`).boundingBox();
        expect((box?.y ?? 9999) + (box?.height ?? 0), `face ${score} on the first screen (${language})`).toBeLessThanOrEqual(PHONE.height);
        expect(Math.min(box?.width ?? 0, box?.height ?? 0), `face ${score} is thumb-sized`).toBeGreaterThanOrEqual(MIN_TARGET_PX);
      }
      const send = await tab.page.locator('button.send').boundingBox();
      expect((send?.y ?? 9999) + (send?.height ?? 0), `send within three screens (${language})`).toBeLessThanOrEqual(3 * PHONE.height);
      // "May be skipped" once, not per question.
      expect((await textOf(tab.page)).split(CATALOGUES[language].form.skip)).toHaveLength(2);
      // Every face its own colour: no two alike.
      const fills = await tab.page.locator('svg.face > circle').evaluateAll((circles) => circles.map((c) => c.getAttribute('fill')));
      expect(new Set(fills).size).toBe(5);
    }
  });

  it('takes the survey in Dutch: the thank-you page, and one response stored in Dutch with the answers given', async () => {
    const token = await youngPersonToken();
    const tab = await phone();
    const before = (await responsesIn('nl')).length;
    expect(await go(tab, surveyPath(token))).toBe(200);
    const texts = { why: 'Mijn begeleider nam me serieus.', better: 'Meer tijd op school zelf.' };
    await fillInYoung(tab.page, texts, '5');
    expect(await send(tab.page)).toBe(200);
    expect(new URL(tab.page.url()).pathname + new URL(tab.page.url()).search).toBe(thanksPath('nl'));
    expect(await textOf(tab.page)).toContain(nl.pages.thanks.title);
    await checkPage(tab, 'thanks-nl', 'nl');
    const after = await responsesIn('nl');
    expect(after).toHaveLength(before + 1);
    const stored = JSON.stringify(after.map((r) => r.answers));
    expect(stored).toContain(texts.why);
    expect(stored).toContain(texts.better);
  });

  it('takes the survey in Arabic, right to left: the Arabic thank-you page, and a response stored with language "ar"', async () => {
    const token = await youngPersonToken();
    const tab = await phone();
    const before = (await responsesIn('ar')).length;
    expect(await go(tab, surveyPath(token, 'ar'))).toBe(200);
    expect(await tab.page.locator('html').getAttribute('dir')).toBe('rtl');
    const texts = { why: 'ساعدني كثيرا في المدرسة', better: 'المزيد من الوقت' };
    await fillInYoung(tab.page, texts, '4');
    expect(await send(tab.page)).toBe(200);
    expect(new URL(tab.page.url()).search).toBe('?taal=ar');
    expect(await textOf(tab.page)).toContain(ar.pages.thanks.title);
    await checkPage(tab, 'thanks-ar', 'ar');
    const after = await responsesIn('ar');
    expect(after).toHaveLength(before + 1);
    expect(JSON.stringify(after.map((r) => r.answers))).toContain(texts.why);
  });

  it('works without JavaScript: the plain form sends and the answer is stored', async () => {
    const token = await youngPersonToken();
    const tab = await phone({ javaScriptEnabled: false });
    const before = await storedAnswerCount(prisma());
    expect(await go(tab, surveyPath(token, 'fr'))).toBe(200);
    await fillInYoung(tab.page, { why: 'Sans JavaScript, ça marche.', better: 'Rien.' }, '3');
    expect(await send(tab.page)).toBe(200);
    expect(new URL(tab.page.url()).search).toBe('?taal=fr');
    expect(await textOf(tab.page)).toContain(fr.pages.thanks.title);
    expect(await storedAnswerCount(prisma())).toBe(before + 1);
    expect(foreignRequests(tab.requests, origin())).toEqual([]);
    await tab.page.screenshot({ path: resolve(SHOTS, 'thanks-fr-no-javascript.png'), fullPage: true });
  });

  it('sends without the score: the form comes back (422) saying so, with every other answer kept; then it sends', async () => {
    const token = await youngPersonToken();
    const tab = await phone();
    const before = await storedAnswerCount(prisma());
    expect(await go(tab, surveyPath(token))).toBe(200);
    const texts = { why: 'Omdat het hielp.', better: 'Sneller starten <na> "de" zomer & zo.' };
    await fillInYoung(tab.page, texts, '');
    expect(await send(tab.page)).toBe(422);
    const text = await textOf(tab.page);
    expect(text).toContain(nl.errors.scoreMissing);
    expect(text).toContain(nl.form.errorSummary);
    // Kept: every choice and both texts exactly as typed (escaped by the template, not lost or doubled).
    for (const [name, value] of [['talk', 'yes'], ['helped', 'somewhat'], ['decide', 'yes'], ['ownGoals', 'unsure'], ['recommend', 'maybe']] as const) {
      expect(await tab.page.locator(`input[name="${name}"][value="${value}"]`).isChecked(), `${name} kept`).toBe(true);
    }
    expect(await tab.page.locator('textarea[name="why"]').inputValue()).toBe(texts.why);
    expect(await tab.page.locator('textarea[name="better"]').inputValue()).toBe(texts.better);
    expect(await tab.page.locator('input[name="score"]:checked').count()).toBe(0);
    // The problem links to the whole question (the faces with their label): tapping it brings
    // the label into view.
    const problem = tab.page.locator('[role="alert"] a[href^="#"]');
    expect(await problem.count()).toBe(1);
    const target = (await problem.getAttribute('href'))?.slice(1) ?? '';
    expect(await tab.page.locator(`fieldset[id="${target}"] input[name="score"]`).count(), `the problem links to #${target}`).toBe(5);
    await tab.page.locator('button.send').scrollIntoViewIfNeeded();
    await problem.tap();
    const legend = await tab.page.locator(`#${target} legend`).boundingBox();
    expect(legend?.y ?? -1, 'the label of the question is in view').toBeGreaterThanOrEqual(0);
    expect((legend?.y ?? 9999) + (legend?.height ?? 0)).toBeLessThanOrEqual(PHONE.height);
    await checkPage(tab, 'validation-error-nl', 'nl');
    expect(await storedAnswerCount(prisma())).toBe(before);
    // Fixed and sent: it counts once.
    await choose(tab.page, 'score', '2');
    expect(await send(tab.page)).toBe(200);
    expect(await textOf(tab.page)).toContain(nl.pages.thanks.title);
    expect(await storedAnswerCount(prisma())).toBe(before + 1);
  });

  it('a used code: opening it says so; sending a form that was still open says "al ingevuld", and nothing more is stored', async () => {
    const token = await youngPersonToken();
    const stale = await phone();
    expect(await go(stale, surveyPath(token))).toBe(200);
    // Someone else (or another tab) sends it first.
    const first = await phone();
    expect(await go(first, surveyPath(token))).toBe(200);
    await fillInYoung(first.page, { why: 'Eerst.', better: '' }, '4');
    expect(await send(first.page)).toBe(200);
    const before = await storedAnswerCount(prisma());

    await fillInYoung(stale.page, { why: 'Tweede keer.', better: '' }, '1');
    await send(stale.page);
    expect(await textOf(stale.page)).toContain(nl.pages.already.title);
    await checkPage(stale, 'already-nl', 'nl');
    expect(await storedAnswerCount(prisma())).toBe(before);

    const used = await phone();
    expect(await go(used, surveyPath(token))).toBe(410);
    expect(await textOf(used.page)).toContain(nl.pages.used.title);
    expect(await used.page.locator('form[method="post" i]').count(), 'no form on a used code').toBe(0);
    await checkPage(used, 'used-nl', 'nl');
  });

  it('an expired code and an unknown one get a friendly page that says what to do, in the chosen language', async () => {
    const expired = await youngPersonToken({ closedDaysAgo: 31 });
    const tab = await phone();
    expect(await go(tab, surveyPath(expired))).toBe(410);
    expect(await textOf(tab.page)).toContain(nl.pages.expired.title);
    expect(await tab.page.locator('form[method="post" i]').count()).toBe(0);
    await checkPage(tab, 'expired-nl', 'nl');
    expect(await go(tab, surveyPath(expired, 'ar'))).toBe(410);
    expect(await textOf(tab.page)).toContain(ar.pages.expired.title);
    await checkPage(tab, 'expired-ar', 'ar');

    // Well-formed but never issued, and malformed: the same page, no hint which.
    expect(await go(tab, surveyPath('AAAAAAAAAAAAAAAAAAAAAA'))).toBe(404);
    const unknown = await textOf(tab.page);
    expect(unknown).toContain(nl.pages.notFound.title);
    await checkPage(tab, 'unknown-nl', 'nl');
    expect(await go(tab, '/s/kapot')).toBe(404);
    expect(await textOf(tab.page)).toBe(unknown);
    expect(await go(tab, surveyPath('AAAAAAAAAAAAAAAAAAAAAA', 'tr'))).toBe(404);
    expect(await textOf(tab.page)).toContain(tr.pages.notFound.title);
    await checkPage(tab, 'unknown-tr', 'tr');
  });

  it('the print pages, A4 and card, show the QR code large with its two lines', async () => {
    const token = await youngPersonToken();
    const tab = await phone();
    for (const format of ['a4', 'kaart'] as const) {
      expect(await go(tab, printPath(token, format)), `print page ${format}`).toBe(200);
      const text = await textOf(tab.page);
      expect(text).toContain(nl.print.young[0]);
      expect(text).toContain(nl.print.young[1]);
      const qr = tab.page.getByRole('img', { name: nl.print.qrLabel });
      const box = await qr.boundingBox();
      expect(Math.min(box?.width ?? 0, box?.height ?? 0), `QR size on ${format} (px)`).toBeGreaterThanOrEqual(150);
      await checkPage(tab, `print-${format}`, 'nl');
      // On paper: the language links and footer stay off, and it is one sheet (A4, or the A6 card).
      await tab.page.emulateMedia({ media: 'print' });
      expect(await tab.page.getByRole('navigation').isVisible(), `language links printed on ${format}`).toBe(false);
      const pdf = (await tab.page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length, `sheets printed for ${format}`).toBe(1);
      const [width, height] = (/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf) ?? []).slice(1).map((pt) => Math.round((Number(pt) * 25.4) / 72));
      expect([width, height], `paper size of ${format} in mm`).toEqual(format === 'a4' ? [210, 297] : [105, 148]);
      await tab.page.emulateMedia({ media: 'screen' });
    }
  });

  it('the school contact\'s form: its own questions, axe-clean, and it sends', async () => {
    const closed = await closedTrajectory(prisma(), { kind: 'PUPIL' });
    const tab = await phone();
    expect(await go(tab, surveyPath(closed.tokens.SCHOOL ?? ''))).toBe(200);
    expect(await tab.page.locator('h1').innerText()).toContain(nl.form.titleSchool.replace('{organisation}', 'aPart'));
    expect(await textOf(tab.page)).toContain(nl.school.recommend.label);
    await checkPage(tab, 'start-school-nl', 'nl');
    await choose(tab.page, 'cooperation', 'yes');
    await choose(tab.page, 'score', '5');
    expect(await send(tab.page)).toBe(200);
    expect(await textOf(tab.page)).toContain(nl.pages.thanks.title);
  });

  it('a group code once the whole group answered, and a validation error in Turkish, are friendly and axe-clean', async () => {
    const group = await closedTrajectory(prisma(), { kind: 'GROUP', pupils: 1 });
    const tab = await phone();
    expect(await go(tab, surveyPath(group.tokens.GROUP ?? '', 'tr'))).toBe(200);
    await choose(tab.page, 'talk', 'yes');
    expect(await send(tab.page)).toBe(422);
    expect(await tab.page.locator('html').getAttribute('lang')).toBe('tr');
    expect(await textOf(tab.page)).toContain(tr.errors.scoreMissing);
    await checkPage(tab, 'validation-error-tr', 'tr');
    await choose(tab.page, 'score', '4');
    expect(await send(tab.page)).toBe(200);
    expect(await go(tab, surveyPath(group.tokens.GROUP ?? ''))).toBe(410);
    expect(await textOf(tab.page)).toContain(nl.pages.full.title);
    await checkPage(tab, 'full-nl', 'nl');
  });

  it('too much text (413) and a post that is not from the form (403) get a friendly page, axe-clean', async () => {
    const token = await youngPersonToken();
    const tab = await phone();
    expect(await go(tab, surveyPath(token))).toBe(200);
    await choose(tab.page, 'score', '3');
    // The text areas stop at 500 characters, so only a doctored request is this large.
    await tab.page.route('**/s/*', (route) => (route.request().method() === 'POST' ? route.continue({ postData: `${route.request().postData() ?? ''}&better=${'x'.repeat(20_000)}` }) : route.continue()));
    expect(await send(tab.page)).toBe(413);
    expect(await textOf(tab.page)).toContain(nl.pages.tooLarge.title);
    await checkPage(tab, 'too-large-nl', 'nl');
    await tab.page.unrouteAll();

    // Another site's page that posts to the survey (its own origin: localhost, not 127.0.0.1).
    const elsewhere = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="nl"><title>Win een gsm</title><form method="post" action="${fixture.service.url}${surveyPath(token)}"><input type="hidden" name="taal" value="nl"><input type="hidden" name="score" value="1"><button type="submit">Win</button></form></html>`);
    });
    await new Promise<void>((done) => elsewhere.listen(0, '127.0.0.1', done));
    try {
      const address = elsewhere.address();
      // Not through phone(): this tab visits another origin on purpose.
      const victim = await phoneTab(browser);
      try {
        await victim.page.goto(`http://localhost:${typeof address === 'object' && address ? address.port : 0}/`);
        const [posted] = await Promise.all([victim.page.waitForNavigation(), victim.page.locator('button').tap()]);
        expect(posted?.status()).toBe(403);
        expect(await textOf(victim.page)).toContain(nl.pages.forbidden.title);
        await checkPage({ ...victim, requests: [] }, 'forbidden-nl', 'nl');
      } finally {
        await victim.close();
      }
    } finally {
      elsewhere.close();
    }
    // Neither counted: the code still opens.
    expect(await go(tab, surveyPath(token))).toBe(200);
  });

  // Last: it uses up this address's sends for the minute.
  it('too many sends from one address (429): a friendly page that says to wait, axe-clean, and nothing stored', async () => {
    const token = await youngPersonToken();
    const tab = await phone();
    expect(await go(tab, surveyPath(token))).toBe(200);
    await choose(tab.page, 'score', '4');
    const before = await storedAnswerCount(prisma());
    const flood = () => fetch(`${fixture.service.url}${surveyPath('AAAAAAAAAAAAAAAAAAAAAA')}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'taal=nl' }).then((r) => r.status);
    let status = 0;
    for (let i = 0; i < 1000 && status !== 429; i++) status = await flood();
    expect(status, 'the rate limit answers 429 at some point').toBe(429);
    expect(await send(tab.page)).toBe(429);
    expect(await textOf(tab.page)).toContain(nl.pages.rateLimited.title);
    await checkPage(tab, 'rate-limited-nl', 'nl');
    expect(await storedAnswerCount(prisma())).toBe(before);
  });

  it('no tab ever requested anything from another origin or tripped the Content-Security-Policy', () => {
    expect(tabs.length).toBeGreaterThan(5);
    expect(tabs.flatMap((t) => foreignRequests(t.requests, origin()))).toEqual([]);
    expect(tabs.flatMap((t) => cspViolations(t.console))).toEqual([]);
    // No script error anywhere (a 4xx page may log its own status line, which is Chromium's, not the page's).
    expect(tabs.flatMap((t) => t.console.filter((c) => c.type === 'pageerror'))).toEqual([]);
  });
});

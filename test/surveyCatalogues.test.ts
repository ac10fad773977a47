// The survey's texts and question sets, without a server: every language really translated (no
// Dutch left behind), short enough for a phone, the young person's set within eight questions
// with only the score required, and every page small.
import { describe, expect, it } from 'vitest';
import { readForm } from '../survey/form.ts';
import { CATALOGUES } from '../survey/i18n/index.ts';
import { formPage, messagePage, printPage } from '../survey/pages.ts';
import type { PageKind } from '../survey/i18n/index.ts';
import { questionSetFor, SCHOOL_SET, YOUNG_SET } from '../survey/questions.ts';
import { LANGUAGES } from '../survey/routes.ts';
import { STYLESHEET } from '../survey/style.ts';

/** Every text of a catalogue with its path, e.g. ["pages.used.title", "Deze code is al gebruikt"]. */
function leaves(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => leaves(v, path ? `${path}.${key}` : key));
}

const SAME_IN_EVERY_LANGUAGE = new Set(['dir', 'siteName', 'print.code']);

describe('the survey texts', () => {
  const dutch = new Map(leaves(CATALOGUES.nl));

  it('are translated into every language: the same keys, none empty, none left in Dutch', () => {
    for (const language of LANGUAGES) {
      const texts = leaves(CATALOGUES[language]);
      expect(texts.map(([path]) => path), language).toEqual([...dutch.keys()]);
      for (const [path, text] of texts) {
        expect(text.trim(), `${language} ${path}`).not.toBe('');
        if (language !== 'nl' && !SAME_IN_EVERY_LANGUAGE.has(path)) expect(text, `${language} ${path}`).not.toBe(dutch.get(path));
      }
    }
    expect(CATALOGUES.ar.dir).toBe('rtl');
    for (const language of ['nl', 'en', 'fr', 'tr'] as const) expect(CATALOGUES[language].dir).toBe('ltr');
  });

  it('keep sentences short (B1: a phone screen, a young reader)', () => {
    for (const [path, text] of leaves(CATALOGUES.nl)) {
      for (const sentence of text.split(/(?<=[.?!])\s+/)) expect(sentence.split(/\s+/).length, `${path}: ${sentence}`).toBeLessThanOrEqual(16);
    }
  });

  it('ask the young person at most eight questions, the school fewer, and only the score is required', () => {
    expect(YOUNG_SET.questions.length).toBeLessThanOrEqual(8);
    expect(SCHOOL_SET.questions.length).toBeLessThan(YOUNG_SET.questions.length);
    expect(questionSetFor('GROUP')).toBe(YOUNG_SET);
    expect(questionSetFor('SCHOOL')).toBe(SCHOOL_SET);
    for (const set of [YOUNG_SET, SCHOOL_SET]) {
      const only = readForm('score=3', set);
      expect(only).toEqual({ ok: true, language: 'nl', answers: { score: '3' } });
      const none = readForm('', set);
      expect(none.ok ? [] : Object.entries(none.errors)).toEqual([['score', 'scoreMissing']]);
    }
  });
});

describe('the survey pages, rendered', () => {
  it('stay small: every page and the stylesheet together well under 30 KB', () => {
    const kinds: PageKind[] = ['thanks', 'notFound', 'used', 'full', 'expired', 'already', 'tooLarge', 'forbidden', 'rateLimited', 'error'];
    for (const language of LANGUAGES) {
      const form = formPage({ language, organisation: 'aPart', set: YOUNG_SET, path: '/s/AAAAAAAAAAAAAAAAAAAAAA' });
      expect(Buffer.byteLength(form) + Buffer.byteLength(STYLESHEET), language).toBeLessThan(20_000);
      for (const kind of kinds) expect(Buffer.byteLength(messagePage(language, kind, '/s/bedankt')), `${language} ${kind}`).toBeLessThan(6_000);
      const print = printPage({ language, variant: 'GROUP', path: '/s/x/afdruk', qrSvg: '<svg></svg>', link: 'https://naft.example.be/s/x', format: 'a4', expiresAt: new Date('2027-01-07T23:00:00Z') });
      expect(print).toContain(CATALOGUES[language].print.group[0].replaceAll("'", '&#39;'));
    }
  });

  it('show typed text literally: nothing a person typed becomes markup', () => {
    const typed = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const html = formPage({ language: 'nl', organisation: 'aPart', set: YOUNG_SET, path: '/s/x', values: { better: typed, why: typed, score: '"><b>' }, errors: { score: 'scoreInvalid' } });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;</textarea>');
  });
});

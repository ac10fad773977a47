// Every survey page as HTML: the words from the catalogue of the chosen language, put into the
// templates (survey/templates.ts). What varies per page is prepared here, so the templates
// only loop and print.
import type { SurveyVariant } from '../dispatch/close.ts';
import { CATALOGUES, LANGUAGE_NAMES } from './i18n/index.ts';
import type { Messages, PageKind } from './i18n/index.ts';
import type { QuestionText } from './i18n/messages.ts';
import { SCORES, TEXT_MAX } from './questions.ts';
import type { Question, QuestionSet } from './questions.ts';
import { DEFAULT_LANGUAGE, LANGUAGE_PARAM, LANGUAGES, SURVEY_STYLESHEET } from './routes.ts';
import type { Language } from './routes.ts';
import { STYLESHEET_VERSION } from './style.ts';
import { FACES, renderTemplate } from './templates.ts';

/** What is wrong with one answer: a key of the catalogue's `errors`. */
export type AnswerError = keyof Messages['errors'];

interface Frame {
  language: Language;
  /** The page's path without query: the language links point there with `?taal=`. */
  path: string;
  title: string;
  body: string;
  mainClass?: string;
  /**
   * On the form: the id of the form, so the languages are buttons that post what was chosen so
   * far and the page comes back in the other language with the answers kept (no script needed).
   */
  languageForm?: { id: string; action: (language: Language) => string };
}

function layout(f: Frame): string {
  const t = CATALOGUES[f.language];
  return renderTemplate('@layout', {
    lang: f.language,
    dir: t.dir,
    title: f.title,
    siteName: t.siteName,
    languageNav: t.languageNav,
    footer: t.footer,
    stylesheet: `${SURVEY_STYLESHEET}?v=${STYLESHEET_VERSION}`,
    languages: LANGUAGES.map((code) => ({
      code,
      name: LANGUAGE_NAMES[code],
      dir: CATALOGUES[code].dir,
      href: `${f.path}${f.path.includes('?') ? '&' : '?'}${LANGUAGE_PARAM}=${code}`,
      action: f.languageForm?.action(code),
      current: code === f.language,
    })),
    languageForm: f.languageForm?.id,
    body: f.body,
    mainClass: f.mainClass,
  });
}

/** A page with a title and one short paragraph: thanks, and every kind of "this did not work". */
export function messagePage(language: Language, kind: PageKind, path: string): string {
  const text = CATALOGUES[language].pages[kind];
  return layout({ language, path, title: text.title, body: renderTemplate('@message', text) });
}

export interface FormState {
  language: Language;
  set: QuestionSet;
  /** The organisation that helped, named in the page's question. */
  organisation: string;
  /** The form posts back to its own address. */
  path: string;
  /** What was typed or chosen (after a failed send, or a change of language), by question id. */
  values?: Readonly<Record<string, string>>;
  errors?: Readonly<Record<string, AnswerError>>;
  /** The answers could not be stored (the database was away): said on top, everything kept. */
  unavailable?: boolean;
}

/** The form's id, for the language buttons in the header (`form="…"`). */
const FORM_ID = 'vragen';
/** The field of a language button: the form comes back in that language, nothing is sent. */
export const SWITCH_PARAM = 'wissel';

export function formPage(s: FormState): string {
  const t = CATALOGUES[s.language];
  const texts: Readonly<Record<string, QuestionText>> = s.set.audience === 'school' ? t.school : t.young;
  const values = s.values ?? {};
  const errors = s.errors ?? {};
  // The faces first: the one answer that is needed is on the first screen, one tap.
  const ordered = [...s.set.questions.filter((q) => q.kind === 'score'), ...s.set.questions.filter((q) => q.kind !== 'score')];
  const questions = ordered.map((q) => questionView(q, texts[q.id] ?? { label: q.id }, t, values[q.id] ?? '', errors[q.id]));
  const problems = questions.filter((q) => q.error).map((q) => ({ anchor: q.box, text: `${q.label} — ${q.error ?? ''}` }));
  const pattern = s.set.audience === 'school' ? t.form.titleSchool : t.form.titleYoung;
  const title = pattern.replace('{organisation}', s.organisation);
  const [before = '', after = ''] = pattern.split('{organisation}');
  const actionFor = (language: Language) => (language === DEFAULT_LANGUAGE ? s.path : `${s.path}?${LANGUAGE_PARAM}=${language}`);
  const body = renderTemplate('@form', {
    id: FORM_ID,
    heading: { before, organisation: s.organisation, after },
    skip: t.form.skip,
    anonymous: t.form.anonymous,
    errorSummary: t.form.errorSummary,
    send: t.form.send,
    problems,
    notice: s.unavailable ? t.form.unavailable : undefined,
    // Which questions these are: if the database is away when they are sent, the form can come back as it was.
    setId: s.set.id,
    // The language rides along, so a page after the send (too many sends, too large) speaks it too.
    action: actionFor(s.language),
    lang: s.language,
    questions,
  });
  return layout({
    language: s.language,
    path: s.path,
    title: problems.length > 0 ? `${t.form.errorTitle}: ${title}` : title,
    body,
    languageForm: { id: FORM_ID, action: (language) => `${actionFor(language)}${language === DEFAULT_LANGUAGE ? '?' : '&'}${SWITCH_PARAM}=${language}` },
  });
}

function questionView(q: Question, text: QuestionText, t: Messages, value: string, error: AnswerError | undefined) {
  const anchor = `v-${q.id}`;
  const errorText = error ? t.errors[error] : undefined;
  const hint = q.kind === 'text' ? t.form.textLimit : text.hint;
  const describedBy = [hint ? `${anchor}-hint` : '', errorText ? `${anchor}-error` : ''].filter(Boolean).join(' ');
  const options =
    q.kind === 'choice'
      ? q.options.map((code) => ({ value: code, label: t.options[code], id: `${anchor}-${code}`, checked: value === code, face: undefined, score: undefined }))
      : q.kind === 'score'
        ? SCORES.map((score, i) => ({ value: score, label: t.scores[score], id: `${anchor}-${score}`, checked: value === score, face: FACES[i], score }))
        : [];
  return {
    id: q.id,
    kind: q.kind,
    anchor,
    // The summary links to the whole question (its box), so its label comes into view with it.
    box: `q-${q.id}`,
    label: text.label,
    hint,
    error: errorText,
    describedBy,
    options,
    columns: q.kind === 'choice' ? Math.min(q.options.length, 3) : 5,
    value,
    maxLength: TEXT_MAX,
  };
}

export interface PrintState {
  language: Language;
  variant: SurveyVariant;
  path: string;
  qrSvg: string;
  link: string;
  format: 'a4' | 'kaart';
  /** Until when the code works (the last moment; shown as a day in Brussels). */
  expiresAt: Date;
}

const DATE_LOCALE: Readonly<Record<Language, string>> = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE', tr: 'tr-TR', ar: 'ar' };
/** The last day a code works, in the page's language ("7 januari 2027"). */
export function untilDay(language: Language, expiresAt: Date): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Brussels' }).format(new Date(expiresAt.getTime() - 1));
}

/** The print page a begeleider hands out: the QR code large with two lines of text. */
export function printPage(s: PrintState): string {
  const t = CATALOGUES[s.language].print;
  const [line1, line2] = s.variant === 'SCHOOL' ? t.school : s.variant === 'GROUP' ? t.group : t.young;
  // The code itself never breaks over two lines: a break after one of its hyphens reads as hyphenation.
  const cut = s.link.lastIndexOf('/') + 1;
  const code = s.link.slice(cut).split('?')[0] ?? '';
  const body = renderTemplate('@print', { line1, line2, qrLabel: t.qrLabel, qrSvg: s.qrSvg, howTo: t.howTo, linkBase: s.link.slice(0, cut), linkCode: s.link.slice(cut), codeLabel: t.code, code, until: t.until.replace('{date}', untilDay(s.language, s.expiresAt)) });
  return layout({ language: s.language, path: s.path, title: line1, body, mainClass: s.format === 'kaart' ? 'kaart' : 'a4' });
}

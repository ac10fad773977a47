// The shape of a survey catalogue. Dutch (nl.ts) is the source; every language must fill in
// every key, so the type checker finds a missing translation before a young person does.
import type { ChoiceCode, SchoolQuestionId, Score, YoungQuestionId } from '../questions.ts';

export interface QuestionText {
  label: string;
  /** A short help line under the question, if it needs one. */
  hint?: string;
}

export interface PageText {
  title: string;
  body: string;
}

/** Every page that is not the form itself. */
export type PageKind = 'home' | 'thanks' | 'notFound' | 'methodNotAllowed' | 'used' | 'full' | 'expired' | 'already' | 'tooLarge' | 'forbidden' | 'rateLimited' | 'error';

export interface Messages {
  dir: 'ltr' | 'rtl';
  /** In the header of every page. */
  siteName: string;
  /** The accessible name of the language links. */
  languageNav: string;
  form: {
    /** The page's question, with `{organisation}`: the organisation that helped (so the young person knows what it is about). */
    titleYoung: string;
    titleSchool: string;
    /** Said once, under the faces: only the faces are needed, everything else may be skipped. */
    skip: string;
    anonymous: string;
    textLimit: string;
    send: string;
    /** Above the list of problems after a failed send. */
    errorSummary: string;
    /** Before the page title when the form came back with a problem. */
    errorTitle: string;
    /** On top of the form when the database could not store the answers: they are kept. */
    unavailable: string;
  };
  options: Record<ChoiceCode, string>;
  scores: Record<Score, string>;
  young: Record<YoungQuestionId, QuestionText>;
  school: Record<SchoolQuestionId, QuestionText>;
  errors: {
    scoreMissing: string;
    scoreInvalid: string;
    choiceInvalid: string;
    textTooLong: string;
    /** A field sent twice (a doctored form): one answer per question. */
    repeated: string;
  };
  pages: Record<PageKind, PageText>;
  /** The two lines of text on the print page, per who scans it. */
  print: {
    young: [string, string];
    group: [string, string];
    school: [string, string];
    /** The accessible name of the QR code. */
    qrLabel: string;
    /** Before the short code, for typing it in by hand. */
    code: string;
    /** With `{date}`: the last day the code works. */
    until: string;
    /** On screen only, for the begeleider: how to print (the page has no script, so no print button). */
    howTo: string;
  };
  footer: string;
}

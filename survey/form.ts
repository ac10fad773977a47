// Reading a sent form: only the fields of the question set count (anything else is ignored),
// every value is checked with zod against what the form could have sent, and typed text is
// cleaned (control and bidi characters out) and limited. A problem is returned per question as
// a catalogue key, so the form comes back in the reader's language with their answers kept.
import { z } from 'zod';
import { charCount, cleanText } from '../referrals/text.ts';
import type { AnswerError } from './pages.ts';
import { SCORES, TEXT_MAX } from './questions.ts';
import type { Question, QuestionSet } from './questions.ts';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_PARAM } from './routes.ts';
import type { Language } from './routes.ts';

export type Answers = Record<string, string>;

export type FormRead =
  | { ok: true; language: Language; answers: Answers }
  | { ok: false; language: Language; values: Answers; errors: Record<string, AnswerError> };

/** An empty field, or one not sent: not answered (every question may be skipped but the score). */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

function schemaOf(q: Question): z.ZodType<string | undefined> {
  switch (q.kind) {
    case 'choice':
      return z.preprocess(blank, z.enum(q.options, { message: 'choiceInvalid' satisfies AnswerError }).optional());
    case 'score':
      return z.preprocess(blank, z.enum(SCORES, { error: (issue) => (issue.input === undefined ? ('scoreMissing' satisfies AnswerError) : ('scoreInvalid' satisfies AnswerError)) }));
    case 'text':
      return z.preprocess(
        (v) => blank(typeof v === 'string' ? cleanText(v) : v),
        z
          .string()
          .refine((text) => charCount(text) <= TEXT_MAX, { message: 'textTooLong' satisfies AnswerError })
          .optional(),
      );
  }
}

const schemas = new Map<string, z.ZodType<Record<string, string | undefined>>>();

function formSchema(set: QuestionSet): z.ZodType<Record<string, string | undefined>> {
  let schema = schemas.get(set.id);
  if (!schema) {
    // z.object drops keys it does not know: a forged extra field never reaches the answers.
    schema = z.object(Object.fromEntries(set.questions.map((q) => [q.id, schemaOf(q)])));
    schemas.set(set.id, schema);
  }
  return schema;
}

const ERROR_KEYS: readonly AnswerError[] = ['scoreMissing', 'scoreInvalid', 'choiceInvalid', 'textTooLong'];
const asError = (message: string): AnswerError => ERROR_KEYS.find((k) => k === message) ?? 'choiceInvalid';

/** The body of a POST (application/x-www-form-urlencoded), read against one question set. */
export function readForm(body: string, set: QuestionSet): FormRead {
  const params = new URLSearchParams(body);
  const taal = params.get(LANGUAGE_PARAM);
  const language = isLanguage(taal) ? taal : DEFAULT_LANGUAGE;
  // The first value of each field the set knows; a field sent twice (score=3&score=5: a doctored
  // form, a browser gives one) is refused, so no one answer can stand for two.
  const sent: Record<string, string> = {};
  const repeated: string[] = [];
  for (const q of set.questions) {
    const all = params.getAll(q.id);
    if (all[0] !== undefined) sent[q.id] = all[0];
    if (all.length > 1) repeated.push(q.id);
  }
  const parsed = formSchema(set).safeParse(sent);
  if (parsed.success && repeated.length === 0) {
    const answers: Answers = {};
    for (const [id, value] of Object.entries(parsed.data)) if (value !== undefined) answers[id] = value;
    return { ok: true, language, answers };
  }
  const errors: Record<string, AnswerError> = {};
  for (const id of repeated) errors[id] = 'repeated';
  for (const issue of parsed.error?.issues ?? []) {
    const id = String(issue.path[0] ?? '');
    if (id && !errors[id]) errors[id] = asError(issue.message);
  }
  // Shown again as typed (cleaned), so nobody has to type it twice; eta escapes it.
  const values: Answers = {};
  for (const [id, value] of Object.entries(sent)) values[id] = cleanText(value);
  return { ok: false, language, values, errors };
}

/** What was chosen or typed so far, cleaned, for a change of language before sending (nothing is checked or stored). */
export function keptValues(body: string, set: QuestionSet): Answers {
  const params = new URLSearchParams(body);
  const values: Answers = {};
  for (const q of set.questions) {
    const value = params.get(q.id);
    if (value !== null) values[q.id] = cleanText(value).slice(0, 4 * TEXT_MAX);
  }
  return values;
}

// Server-side check of one submitted step. The card limits lengths, but a card can be old,
// edited or forged: this is the check that counts. Messages are whole Dutch sentences, shown
// right under the field they are about, and never repeat what was sent (it may be huge).
import { z } from 'zod';
import { appliesTo, boundOf } from './fields.ts';
import type { Field, SubjectKind } from './fields.ts';
import { stepById } from './steps.ts';
import type { StepId } from './steps.ts';
import { charCount, cleanText, clip, hasLetter } from './text.ts';

/** What a step stores: strings, string lists (multi-choice), numbers and booleans only. */
export type StepValue = string | number | boolean | string[];
export type StepAnswers = Record<string, StepValue>;
/** What the card's inputs held, cleaned and cut to the field's size: safe to put back. */
export type RawInputs = Record<string, string>;

export type StepCheck =
  | { ok: true; answers: StepAnswers; raw: RawInputs }
  | { ok: false; errors: Record<string, string>; raw: RawInputs };

/** Card inputs arrive as strings (numbers sometimes as numbers); anything else is not an input. */
const ZRawValue = z.union([z.string(), z.number(), z.boolean()]);

const tekens = (n: number) => (n === 1 ? '1 teken' : `${n} tekens`);
const dayMs = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dutchDay = (iso: string) => iso.split('-').reverse().join('/');

/** How long a put-back value may be: a field's own limit, or a little for short inputs. */
function rawLimit(field: Field): number {
  switch (field.type) {
    case 'text':
      return field.max;
    case 'choice':
      return field.multi ? 40 * field.options.length : 40;
    default:
      return 20;
  }
}

/**
 * Building a zod schema costs more than using one, and each is used on every turn: keep them,
 * per field, for the day (the bounds of dates and birth years move with the calendar).
 */
const schemas = new Map<Field, { day: string; schema: z.ZodType<StepValue> }>();
function schemaOf(field: Field): z.ZodType<StepValue> {
  const day = isoDay(new Date());
  const kept = schemas.get(field);
  if (kept?.day === day) return kept.schema;
  const schema = buildSchema(field);
  schemas.set(field, { day, schema });
  return schema;
}

function buildSchema(field: Field): z.ZodType<StepValue> {
  switch (field.type) {
    case 'text': {
      let s = z
        .string()
        .refine((v) => charCount(v) >= field.min, `Schrijf minstens ${tekens(field.min)}.`)
        .refine((v) => charCount(v) <= field.max, `Schrijf hoogstens ${tekens(field.max)}.`);
      if (field.needsLetter) s = s.refine(hasLetter, 'Gebruik minstens één letter.');
      if (field.pattern) s = s.regex(field.pattern.regex, field.pattern.message);
      return s;
    }
    case 'choice': {
      const allowed = new Set(field.options.map((o) => o.value));
      const one = z.string().refine((v) => allowed.has(v), 'Kies een van de mogelijkheden.');
      if (!field.multi) return one;
      return z
        .string()
        .transform((v) => [...new Set(v.split(',').map((x) => x.trim()).filter((x) => x.length > 0))])
        .pipe(z.array(one).min(1, 'Kies er minstens één.'));
    }
    case 'number': {
      const min = boundOf(field.min);
      const max = boundOf(field.max);
      const range = `Vul een getal tussen ${min} en ${max} in.`;
      // Digits only: Number("2e3") is 2000 and Number("0x7DB") is 2011, neither is what was meant.
      return z
        .string()
        .regex(/^\d{1,6}$/, `Vul alleen cijfers in: een getal tussen ${min} en ${max}.`)
        .transform(Number)
        .pipe(z.number().min(min, range).max(max, range));
    }
    case 'date': {
      const today = isoDay(new Date());
      const last = field.maxDaysAhead === undefined ? undefined : isoDay(new Date(Date.now() + field.maxDaysAhead * dayMs));
      return z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Kies een datum in de kalender.')
        // Date.parse("2026-02-31") is 3 March: only a date that survives the round trip exists.
        .refine((d) => !Number.isNaN(Date.parse(d)) && isoDay(new Date(d)) === d, 'Die datum bestaat niet. Kies een datum in de kalender.')
        .refine((d) => !field.notInPast || d >= today, 'Kies vandaag of een latere datum.')
        .refine((d) => last === undefined || d <= last, `Kies een datum voor ${dutchDay(last ?? today)}.`);
    }
    case 'toggle':
      return z
        .string()
        .transform((v) => v === 'true')
        .refine((v) => !field.mustBeOn || v, field.mustBeOn ?? '');
    case 'region':
      return z.string().regex(/^[A-Z0-9_]{1,12}$/, 'Kies een werkingsgebied.');
  }
}

/** The fields of a step that apply to this kind of referral, in card order. */
export function fieldsFor(stepId: StepId, kind: SubjectKind): Field[] {
  return stepById(stepId).fields.filter((f) => appliesTo(f, kind));
}

/** The inputs of a step as they came from the card: cleaned, cut to size, unknown keys dropped. */
export function rawInputs(stepId: StepId, kind: SubjectKind, input: Readonly<Record<string, unknown>>): RawInputs {
  const raw: RawInputs = {};
  for (const field of fieldsFor(stepId, kind)) {
    const parsed = ZRawValue.safeParse(input[field.id]);
    // A toggle that was never touched is not sent at all: that is "off".
    const value = parsed.success ? cleanText(String(parsed.data)) : field.type === 'toggle' ? 'false' : '';
    raw[field.id] = clip(value, rawLimit(field) + 1);
  }
  return raw;
}

export function isRequired(field: Field, raw: Readonly<Record<string, unknown>>): boolean {
  return field.required || (field.requiredWhen?.(raw) ?? false);
}

export function checkStep(stepId: StepId, kind: SubjectKind, input: Readonly<Record<string, unknown>>): StepCheck {
  const fields = fieldsFor(stepId, kind);
  const raw = rawInputs(stepId, kind, input);
  const errors: Record<string, string> = {};
  const answers: StepAnswers = {};
  for (const field of fields) {
    const value = raw[field.id] ?? '';
    if (field.type === 'toggle' && field.mustBeOn && value !== 'true') {
      errors[field.id] = field.mustBeOn;
      continue;
    }
    if (value === '' || (field.type === 'toggle' && value === 'false')) {
      if (value === '' && isRequired(field, raw)) errors[field.id] = field.type === 'choice' || field.type === 'region' || field.type === 'date' ? 'Kies hier een antwoord.' : 'Vul dit nog in.';
      continue;
    }
    const result = schemaOf(field).safeParse(value);
    if (result.success) answers[field.id] = result.data;
    else errors[field.id] = result.error.issues[0]?.message ?? 'Dit antwoord klopt niet.';
  }
  // What goes back into the card is never longer than the card itself allows.
  for (const field of fields) if (raw[field.id] !== undefined) raw[field.id] = clip(raw[field.id] ?? '', rawLimit(field));
  return Object.keys(errors).length > 0 ? { ok: false, errors, raw } : { ok: true, answers, raw };
}

// Server-side check of one submitted step. The card already marks required fields and limits
// lengths, but a card can be old, edited or forged: this is the check that counts.
import { z } from 'zod';
import { appliesTo, boundOf, textFor } from './fields.ts';
import type { Field, SubjectKind } from './fields.ts';
import { stepById } from './steps.ts';
import type { StepId } from './steps.ts';

/** What a step stores: strings, string lists (multi-choice), numbers and booleans only. */
export type StepValue = string | number | boolean | string[];
export type StepAnswers = Record<string, StepValue>;

export type StepCheck =
  | { ok: true; answers: StepAnswers }
  | { ok: false; errors: Record<string, string>; /** what was typed, to put back in the card */ raw: Record<string, string> };

/** Card inputs arrive as strings (numbers sometimes as numbers); anything else is not an input. */
const ZRawValue = z.union([z.string(), z.number(), z.boolean()]);

function fieldSchema(field: Field): z.ZodType<StepValue> {
  switch (field.type) {
    case 'text': {
      let s = z
        .string()
        .min(field.min, field.min === 1 ? 'Vul dit in.' : `Minstens ${field.min} tekens.`)
        .max(field.max, `Hoogstens ${field.max} tekens.`);
      if (field.pattern) s = s.regex(field.pattern.regex, field.pattern.message);
      return s;
    }
    case 'choice': {
      const allowed = new Set(field.options.map((o) => o.value));
      const one = z.string().refine((v) => allowed.has(v), 'Kies een van de mogelijkheden.');
      if (!field.multi) return one;
      return z
        .string()
        .transform((v) => v.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
        .pipe(z.array(z.string().refine((v) => allowed.has(v), 'Kies een van de mogelijkheden.')).min(1, 'Kies er minstens één.'));
    }
    case 'number': {
      const min = boundOf(field.min);
      const max = boundOf(field.max);
      return z.coerce.number({ message: 'Vul een getal in.' }).int('Vul een geheel getal in.').min(min, `Tussen ${min} en ${max}.`).max(max, `Tussen ${min} en ${max}.`);
    }
    case 'date':
      return z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Kies een datum.')
        .refine((d) => !Number.isNaN(Date.parse(d)), 'Kies een bestaande datum.')
        .refine((d) => !field.notInPast || d >= new Date().toISOString().slice(0, 10), 'Kies vandaag of een latere datum.');
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

export function checkStep(stepId: StepId, kind: SubjectKind, input: Readonly<Record<string, unknown>>): StepCheck {
  const fields = fieldsFor(stepId, kind);
  const raw: Record<string, string> = {};
  for (const field of fields) {
    const parsed = ZRawValue.safeParse(input[field.id]);
    // A toggle that was never touched is not sent at all: that is "off".
    const value = parsed.success ? String(parsed.data).trim() : field.type === 'toggle' ? 'false' : '';
    raw[field.id] = value;
  }
  const errors: Record<string, string> = {};
  const answers: StepAnswers = {};
  for (const field of fields) {
    const value = raw[field.id] ?? '';
    const required = field.required || (field.requiredWhen?.(raw) ?? false);
    if (value === '' || (field.type === 'toggle' && value === 'false' && !field.mustBeOn)) {
      if (required && field.type !== 'toggle') errors[field.id] = `${textFor(field.label, kind)}: dit is verplicht.`;
      if (field.type === 'toggle' && field.mustBeOn) errors[field.id] = field.mustBeOn;
      continue;
    }
    const result = fieldSchema(field).safeParse(value);
    if (result.success) answers[field.id] = result.data;
    else errors[field.id] = result.error.issues[0]?.message ?? 'Ongeldige waarde.';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, raw } : { ok: true, answers };
}

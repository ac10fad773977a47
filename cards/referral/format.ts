// Turns stored answers back into what the referrer chose or typed, for cards.
import { textFor } from '../../referrals/fields.ts';
import type { Field, Option, SubjectKind } from '../../referrals/fields.ts';
import type { StepId } from '../../referrals/steps.ts';
import { fieldsFor, isRequired } from '../../referrals/validate.ts';
import type { StepAnswers, StepValue } from '../../referrals/validate.ts';

export const KIND_TITLE: Readonly<Record<SubjectKind, string>> = {
  PUPIL: 'Eén leerling',
  GROUP: 'Een groep leerlingen',
  CLASS: 'Een klas',
  SCHOOL: 'Ondersteuning van de school',
};

/** "een klas" in a sentence. */
export const KIND_IN_SENTENCE: Readonly<Record<SubjectKind, string>> = {
  PUPIL: 'één leerling',
  GROUP: 'een groep leerlingen',
  CLASS: 'een klas',
  SCHOOL: 'ondersteuning van de school',
};

const tekens = (n: number) => (n === 1 ? '1 teken' : `${n} tekens`);

/**
 * The label a card shows: the question, a * when it is always required, and for long answers the
 * length limits, so the referrer knows before sending.
 */
export function labelOf(field: Field, kind: SubjectKind, opts: { limits?: boolean } = {}): string {
  const label = textFor(field.label, kind);
  if (opts.limits === false) return label;
  const star = isRequired(field, {}) ? ' *' : '';
  // A name or a town fits anyway (the card stops at the maximum); a long answer wants to know.
  if (field.type !== 'text' || !field.multiline) return `${label}${star}`;
  const limits = field.min > 1 ? `${field.min} tot ${field.max} tekens` : `max. ${tekens(field.max)}`;
  return `${label}${star} (${limits})`;
}

/** "Ja" on a button, "ja" after a label ("Toestemming: ja"), as a toggle's answer reads too. */
const answerWord = (title: string) => (/^(Ja|Nee|Gedeeltelijk)(\b|,)/.test(title) ? `${title.charAt(0).toLowerCase()}${title.slice(1)}` : title);

export function displayValue(field: Field, value: StepValue | undefined, regions: readonly Option[]): string {
  if (value === undefined || value === '') return '—';
  const titleOf = (options: readonly Option[], v: string) => options.find((o) => o.value === v)?.title ?? v;
  switch (field.type) {
    case 'choice':
      return Array.isArray(value) ? value.map((v) => titleOf(field.options, v)).join(', ') : answerWord(titleOf(field.options, String(value)));
    case 'region':
      return titleOf(regions, String(value));
    case 'toggle':
      return value === true ? 'ja' : 'nee';
    case 'date': {
      const [y, m, d] = String(value).split('-');
      return `${d}/${m}/${y}`;
    }
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}

/** The value an input shows when the card is drawn again (after an error, or to edit). */
export function inputValue(value: StepValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** How long one overview line may be: one line on a laptop, two on a phone. */
export const SHORT_LINE_MAX = 140;

/** One line for a section of the overview: the answers in card order, the typed ones shortened. */
export function shortLine(stepId: StepId, kind: SubjectKind, answers: StepAnswers, regions: readonly Option[]): string {
  const parts = fieldsFor(stepId, kind)
    .filter((f) => answers[f.id] !== undefined && f.type !== 'toggle')
    .map((f) => {
      const value = displayValue(f, answers[f.id], regions).replace(/\s+/g, ' ');
      // "Ja" alone says nothing in one line: a chosen answer goes with its short label.
      return f.type === 'choice' && f.short ? `${f.short}: ${value.charAt(0).toLowerCase()}${value.slice(1)}` : value;
    });
  const text = parts.join(' · ');
  const chars = [...text];
  return chars.length <= SHORT_LINE_MAX ? text : `${chars.slice(0, SHORT_LINE_MAX - 1).join('').trimEnd()}…`;
}

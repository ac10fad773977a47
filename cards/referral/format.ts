// Turns stored answers back into what the referrer chose or typed, for cards.
import { textFor } from '../../referrals/fields.ts';
import type { Field, Option, SubjectKind } from '../../referrals/fields.ts';
import type { StepValue } from '../../referrals/validate.ts';

export const KIND_TITLE: Readonly<Record<SubjectKind, string>> = {
  PUPIL: 'Eén leerling',
  GROUP: 'Een groep leerlingen',
  CLASS: 'Een klas',
  SCHOOL: 'Ondersteuning van de school',
};

/** "Wat werkte wel, wat niet?" with its length limits, so the referrer knows before submitting. */
export function labelOf(field: Field, kind: SubjectKind, opts: { limits?: boolean } = {}): string {
  const label = textFor(field.label, kind);
  if (opts.limits === false) return label;
  if (field.type !== 'text' || field.max <= 1) return label;
  return field.min > 1 ? `${label} (${field.min}–${field.max} tekens)` : `${label} (max. ${field.max} tekens)`;
}

export function displayValue(field: Field, value: StepValue | undefined, regions: readonly Option[]): string {
  if (value === undefined || value === '') return '—';
  const titleOf = (options: readonly Option[], v: string) => options.find((o) => o.value === v)?.title ?? v;
  switch (field.type) {
    case 'choice':
      return Array.isArray(value) ? value.map((v) => titleOf(field.options, v)).join(', ') : titleOf(field.options, String(value));
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

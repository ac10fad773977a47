// The building blocks of the referral form. One declarative description per field feeds both
// the Adaptive Card (labels, limits, required marks) and the server-side zod check, so what the
// card promises and what the server accepts cannot drift apart.

export const SUBJECT_KINDS = ['PUPIL', 'GROUP', 'CLASS', 'SCHOOL'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface Option {
  value: string;
  title: string;
}

/** A label that may differ by who is referred ("de leerling" vs "de klas"). */
export type KindText = string | ({ default: string } & Partial<Record<SubjectKind, string>>);

export function textFor(text: KindText, kind: SubjectKind): string {
  return typeof text === 'string' ? text : (text[kind] ?? text.default);
}

interface FieldBase {
  id: string;
  label: KindText;
  /** A shorter label for the overview, where a long question would crowd the answer. */
  short?: string;
  /** Shown under the label: why it is asked or what a good answer looks like. */
  hint?: KindText;
  /** Only for these kinds of referral; absent means all kinds. */
  kinds?: readonly SubjectKind[];
  required: boolean;
  /** Required only when the other answers of the step say so (e.g. a reason for "dringend"). */
  requiredWhen?: (values: Readonly<Record<string, unknown>>) => boolean;
  /** Said on the card before sending, since a card cannot make a field required on the fly. */
  requiredWhenText?: string;
}

export interface TextField extends FieldBase {
  type: 'text';
  min: number;
  max: number;
  multiline?: boolean;
  placeholder?: string;
  pattern?: { regex: RegExp; message: string };
  /** Names and places: refuse an answer without a single letter ("…", "123"). */
  needsLetter?: boolean;
}

export interface ChoiceField extends FieldBase {
  type: 'choice';
  options: readonly Option[];
  multi?: boolean;
  /** Radio buttons for short lists; a drop-down for long ones. */
  expanded?: boolean;
  /** Preselected on a new card: the answer most referrals give, one click less. */
  preset?: string;
}

/** A whole number typed as digits only (so "2e3" or "0x7DB" is not a year). */
export interface NumberField extends FieldBase {
  type: 'number';
  min: number | (() => number);
  max: number | (() => number);
  placeholder?: string;
}

export interface DateField extends FieldBase {
  type: 'date';
  /** The date may not lie before today. */
  notInPast?: boolean;
  /** At most this many days after today (a start in the year 9999 is a typo). */
  maxDaysAhead?: number;
}

export interface ToggleField extends FieldBase {
  type: 'toggle';
  /** The toggle must be on; the message says why. */
  mustBeOn?: string;
}

/** Chosen from the regions in the database; "AUTO" means: derive from the school's town. */
export interface RegionField extends FieldBase {
  type: 'region';
}

export type Field = TextField | ChoiceField | NumberField | DateField | ToggleField | RegionField;

export const boundOf = (b: number | (() => number)): number => (typeof b === 'function' ? b() : b);

export function appliesTo(field: Field, kind: SubjectKind): boolean {
  return !field.kinds || field.kinds.includes(kind);
}

export const YES_NO: readonly Option[] = [
  { value: 'YES', title: 'Ja' },
  { value: 'NO', title: 'Nee' },
];

export const YES_PARTLY_NO: readonly Option[] = [
  { value: 'YES', title: 'Ja' },
  { value: 'PARTLY', title: 'Gedeeltelijk' },
  { value: 'NO', title: 'Nee' },
];

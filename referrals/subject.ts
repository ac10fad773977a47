// Who a referral is about, as far as the rules need it, derived from the answers of "wie".
import type { SubjectKind } from './fields.ts';
import type { StepAnswers } from './validate.ts';

/** "Sint-Lucas  Gent" and "sint lucas gent" are the same school: no accents, case or punctuation. */
export function normalizeKey(value: unknown): string {
  return String(value ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** School, first name, initial and birth year, normalised: how a re-referral is recognised. */
export function subjectKeyOf(kind: SubjectKind, who: StepAnswers | undefined): string | null {
  if (kind !== 'PUPIL' || !who) return null;
  const norm = normalizeKey;
  return [norm(who.schoolName), norm(who.firstName), norm(who.lastInitial), norm(who.birthYear)].join('|');
}

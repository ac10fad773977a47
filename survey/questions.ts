// The question sets of the tevredenheidsbevraging. Each set has an id with its version, stored
// with every answer, so a later change of wording never mixes with earlier answers in reports
// (change a question: add a new set id). Texts are in the catalogues (survey/i18n/), keyed by id.
//
// The young person's set covers what the quality framework asks: the help process (talk), the
// help itself (helped), having a say (decide, ownGoals — goals were often unclear to young
// people, hence "unsure"), an overall score, recommending, and what could be better.
import type { SurveyVariant } from '../dispatch/close.ts';

export const TEXT_MAX = 500;

/** Answer codes as stored; the words are in the catalogues. */
export const AGREE = ['yes', 'somewhat', 'no'] as const;
export const GOALS = ['yes', 'somewhat', 'no', 'unsure'] as const;
export const RECOMMEND = ['yes', 'maybe', 'no'] as const;
export const SCORES = ['1', '2', '3', '4', '5'] as const;
export type ChoiceCode = (typeof GOALS)[number] | (typeof RECOMMEND)[number];
export type Score = (typeof SCORES)[number];

export type Question<Id extends string = string> =
  | { id: Id; kind: 'choice'; options: readonly ChoiceCode[] }
  | { id: Id; kind: 'score' }
  | { id: Id; kind: 'text' };

export const YOUNG_QUESTIONS = [
  { id: 'talk', kind: 'choice', options: AGREE },
  { id: 'helped', kind: 'choice', options: AGREE },
  { id: 'decide', kind: 'choice', options: AGREE },
  { id: 'ownGoals', kind: 'choice', options: GOALS },
  { id: 'score', kind: 'score' },
  { id: 'recommend', kind: 'choice', options: RECOMMEND },
  { id: 'why', kind: 'text' },
  { id: 'better', kind: 'text' },
] as const satisfies readonly Question[];

export const SCHOOL_QUESTIONS = [
  { id: 'cooperation', kind: 'choice', options: AGREE },
  { id: 'effect', kind: 'choice', options: AGREE },
  { id: 'involved', kind: 'choice', options: AGREE },
  { id: 'score', kind: 'score' },
  { id: 'recommend', kind: 'choice', options: RECOMMEND },
  { id: 'why', kind: 'text' },
  { id: 'better', kind: 'text' },
] as const satisfies readonly Question[];

export type YoungQuestionId = (typeof YOUNG_QUESTIONS)[number]['id'];
export type SchoolQuestionId = (typeof SCHOOL_QUESTIONS)[number]['id'];

export type Audience = 'young' | 'school';

export interface QuestionSet {
  /** Stored with every answer: which questions, in which wording. */
  id: string;
  audience: Audience;
  questions: readonly Question[];
}

export const YOUNG_SET: QuestionSet = { id: 'jongere-2026-1', audience: 'young', questions: YOUNG_QUESTIONS };
export const SCHOOL_SET: QuestionSet = { id: 'school-2026-1', audience: 'school', questions: SCHOOL_QUESTIONS };

/** A whole group or class answers the young person's questions, each pupil once. */
export function questionSetFor(variant: SurveyVariant): QuestionSet {
  return variant === 'SCHOOL' ? SCHOOL_SET : YOUNG_SET;
}

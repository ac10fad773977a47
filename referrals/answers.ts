// The shape of Referral.answers, and the rules that keep answers tied to the question they
// answered: only the fields of a step (for this kind of referral) are ever read back, so a value
// that no longer belongs to any question can neither be shown nor drive a flag.
import { z } from 'zod';
import { appliesTo, textFor } from './fields.ts';
import type { SubjectKind } from './fields.ts';
import { STEP_IDS, stepById } from './steps.ts';
import type { StepId } from './steps.ts';
import { checkStep, fieldsFor } from './validate.ts';
import type { RawInputs, StepAnswers, StepValue } from './validate.ts';

const ZStepAnswers = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]));
const ZRaw = z.record(z.string(), z.string());

/**
 * `steps`: completed, validated steps. `pending`: what was on a step's card when the referrer
 * paused or went back before it was complete (or what still fits after a change of kind), put
 * back in the card next time so nothing typed is lost.
 */
export const ZReferralAnswers = z.object({
  steps: z.partialRecord(z.enum(STEP_IDS), ZStepAnswers).default({}),
  pending: z.partialRecord(z.enum(STEP_IDS), ZRaw).default({}),
});
export type TReferralAnswers = z.infer<typeof ZReferralAnswers>;
export type Steps = Partial<Record<StepId, StepAnswers>>;
export type Pending = Partial<Record<StepId, RawInputs>>;

function only<T>(values: Readonly<Record<string, T>>, ids: ReadonlySet<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(values).filter(([id]) => ids.has(id)));
}

/** Reads stored answers back, keeping only what a current question of this kind asked. */
export function readAnswers(stored: unknown, kind: SubjectKind): { steps: Steps; pending: Pending } {
  const parsed = ZReferralAnswers.safeParse(stored ?? {});
  const { steps, pending } = parsed.success ? parsed.data : { steps: {}, pending: {} };
  const out: { steps: Steps; pending: Pending } = { steps: {}, pending: {} };
  for (const id of STEP_IDS) {
    const ids = new Set(fieldsFor(id, kind).map((f) => f.id));
    const done = steps[id];
    const open = pending[id];
    if (done) out.steps[id] = only(done, ids);
    if (open) out.pending[id] = only(open, ids);
  }
  return out;
}

/** A stored value as a card input holds it. */
export function toRaw(value: StepValue): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

export interface KindChange {
  steps: Steps;
  pending: Pending;
  /** Steps that were complete and no longer are: the referrer is told to redo them. */
  redo: StepId[];
}

/**
 * From one kind of referral to another (one pupil → a class). An answer survives only when the
 * new kind asks the very same question (same field, same wording); a step that is then no longer
 * complete keeps what still fits as pending and is listed to redo.
 */
export function reconcileKind(current: { steps: Steps; pending: Pending }, from: SubjectKind, to: SubjectKind): KindChange {
  const sameQuestion = (stepId: StepId) =>
    new Set(
      stepById(stepId)
        .fields.filter((f) => appliesTo(f, from) && appliesTo(f, to) && textFor(f.label, from) === textFor(f.label, to))
        .map((f) => f.id),
    );
  const result: KindChange = { steps: {}, pending: {}, redo: [] };
  for (const id of STEP_IDS) {
    const keep = sameQuestion(id);
    const open = current.pending[id];
    const done = current.steps[id];
    if (done) {
      const raw = Object.fromEntries(Object.entries(only(done, keep)).map(([k, v]) => [k, toRaw(v)]));
      const checked = checkStep(id, to, raw);
      if (checked.ok) result.steps[id] = checked.answers;
      else {
        result.redo.push(id);
        result.pending[id] = only(raw, keep);
      }
    }
    if (open && !result.pending[id]) result.pending[id] = only(open, keep);
  }
  return result;
}

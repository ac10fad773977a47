// The data every referral card button sends back. Teams merges the card's inputs into it, so a
// submit is `{ naft: "referral", op, ...ids, ...inputs }`; ZReferralAction checks the envelope,
// the step validator checks the inputs.
import { z } from 'zod';
import { SUBJECT_KINDS } from '../../referrals/fields.ts';
import { STEP_IDS } from '../../referrals/steps.ts';

const draftId = z.string().min(1).max(64);
const step = z.enum(STEP_IDS);

export const ZReferralAction = z.discriminatedUnion('op', [
  z.object({ op: z.literal('new') }),
  /** `change`: the kind card of an existing draft ("andere keuze"), not of a new one. */
  z.object({ op: z.literal('kind'), kind: z.enum(SUBJECT_KINDS), draftId, change: z.boolean().optional() }),
  /** `skipDone`: after saving, go on to the first step still open rather than the next one. */
  /** `kind`: the kind of referral the card asked for, so the answers are checked without a read. */
  z.object({ op: z.literal('step'), draftId, step, kind: z.enum(SUBJECT_KINDS).optional(), fromSummary: z.boolean().optional(), skipDone: z.boolean().optional() }),
  /** "Vorige": the inputs of `step` are kept (saved if complete, else kept as not yet complete). */
  z.object({ op: z.literal('back'), draftId, step }),
  /** "Aanpassen" / "Andere keuze"; with `keep`, the inputs of that step on the card are kept first. */
  z.object({ op: z.literal('edit'), draftId, step: z.union([step, z.literal('kind')]), keep: step.optional() }),
  z.object({ op: z.literal('confirm'), draftId, rev: z.number().int().min(0) }),
  z.object({ op: z.literal('pause'), draftId: draftId.optional(), step: step.optional() }),
  z.object({ op: z.literal('cancel'), draftId }),
  z.object({ op: z.literal('discard'), draftId }),
  /** `closes`: the card with this button (e.g. "concept verwijderen?") has done its job. */
  z.object({ op: z.literal('resume'), draftId: draftId.optional(), closes: z.boolean().optional() }),
  z.object({ op: z.literal('drafts') }),
  z.object({ op: z.literal('list'), page: z.number().int().min(1).max(10_000).default(1) }),
  z.object({ op: z.literal('status'), referralId: draftId }),
  /** Withdraw a referral the dispatch has not taken up yet: first asks, then does. */
  z.object({ op: z.literal('withdraw'), referralId: draftId }),
  z.object({ op: z.literal('withdrawConfirm'), referralId: draftId }),
]);
export type TReferralAction = z.infer<typeof ZReferralAction>;

export const REFERRAL_FLOW = 'referral';

/** The data of a button: tagged with its flow so the registry can route it. */
export function actionData(action: TReferralAction): Record<string, unknown> {
  return { naft: REFERRAL_FLOW, ...action };
}

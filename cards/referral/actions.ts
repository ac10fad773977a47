// The data every referral card button sends back. Teams merges the card's inputs into it, so a
// submit is `{ naft: "referral", op, ...ids, ...inputs }`; ZReferralAction checks the envelope,
// the step validator checks the inputs.
import { z } from 'zod';
import { SUBJECT_KINDS } from '../../referrals/fields.ts';
import { STEP_IDS } from '../../referrals/steps.ts';

const draftId = z.string().min(1).max(64);

export const ZReferralAction = z.discriminatedUnion('op', [
  z.object({ op: z.literal('new') }),
  z.object({ op: z.literal('kind'), kind: z.enum(SUBJECT_KINDS), draftId: draftId.optional() }),
  z.object({ op: z.literal('step'), draftId, step: z.enum(STEP_IDS), fromSummary: z.boolean().optional() }),
  z.object({ op: z.literal('back'), draftId, step: z.enum(STEP_IDS) }),
  z.object({ op: z.literal('edit'), draftId, step: z.union([z.enum(STEP_IDS), z.literal('kind')]) }),
  z.object({ op: z.literal('confirm'), draftId }),
  z.object({ op: z.literal('pause'), draftId: draftId.optional() }),
  z.object({ op: z.literal('cancel'), draftId }),
  z.object({ op: z.literal('discard'), draftId }),
  z.object({ op: z.literal('resume'), draftId: draftId.optional() }),
  z.object({ op: z.literal('drafts') }),
  z.object({ op: z.literal('list'), page: z.number().int().min(1).max(10_000).default(1) }),
  z.object({ op: z.literal('status'), referralId: draftId }),
]);
export type TReferralAction = z.infer<typeof ZReferralAction>;

export const REFERRAL_ACTION_TAG = 'referral';

/** The data of a button: tagged so the bot can tell referral cards from other cards. */
export function actionData(action: TReferralAction): Record<string, unknown> {
  return { naft: REFERRAL_ACTION_TAG, ...action };
}

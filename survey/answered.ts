// What else happens when a survey is answered, inside the answer's own transaction: the
// referral's channel card shows "answered: yes" (never the answers). The afronding may add to
// this; keep the signature.
import { enqueueChannelUpdate } from '../dispatch/decide.ts';
import type { Tx } from '../dispatch/decide.ts';

export async function afterSurveyAnswer(tx: Tx, d: { referralId: string; regionCode: string }): Promise<void> {
  await enqueueChannelUpdate(tx, d.referralId, d.regionCode);
}

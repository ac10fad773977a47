// What a person is told in their 1:1 chat, as stored in an outbox entry: only ids. A decision
// notice names the event it is about (its facts are in the event's row), so two decisions in
// quick succession give two notices, each about its own decision, whatever the state when they
// are sent. Entries written before events were named fall back to the latest decision event.
import { z } from 'zod';

export const ZNotice = z.discriminatedUnion('type', [
  /** To the referrer: the dispatch decided (taken up, waiting list, not taken up) or it started. */
  z.object({ type: z.literal('decision'), referralId: z.uuid(), eventId: z.uuid().optional() }),
  /** To the organisation that took it up: who the young person is and how to reach everyone. */
  z.object({ type: z.literal('details'), referralId: z.uuid() }),
  /** To the referrer: a question from the dispatch, to answer on the card. */
  z.object({ type: z.literal('question'), referralId: z.uuid(), questionId: z.uuid() }),
  /** To the begeleider: eight weeks since the start or the last evaluation. */
  z.object({ type: z.literal('evaluation'), referralId: z.uuid() }),
]);
export type TNotice = z.infer<typeof ZNotice>;

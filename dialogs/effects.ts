// What a flow handler returns instead of talking to Teams itself: send these, replace that card.
// One small piece in bot/ (applyEffects) carries them out, so handlers are plain async functions
// of (turn, input) that tests can call without a connector, and the bot SDK stays swappable.
import type { AdaptiveCard } from '../cards/adaptiveCard.ts';

export type OutMessage = { card: AdaptiveCard } | { text: string };

export type Effect =
  | {
      type: 'send';
      message: OutMessage;
      /** Called with the id Teams gave the sent message (e.g. to remember the live card). */
      onSent?: (activityId: string) => Promise<Effect[]>;
    }
  | {
      type: 'replace';
      activityId: string;
      message: OutMessage;
      /** When Teams refuses the update, send it as a new message instead of dropping it. */
      orSend?: boolean;
    };

/** Who acts, where, and on which card (for a button press). */
export interface Turn {
  aadObjectId: string | undefined;
  name: string | undefined;
  personal: boolean;
  /** The message whose button was pressed. */
  replyToId: string | undefined;
}

export const send = (message: OutMessage, onSent?: (activityId: string) => Promise<Effect[]>): Effect => ({ type: 'send', message, ...(onSent ? { onSent } : {}) });
export const sendText = (text: string): Effect => send({ text });
export const sendCard = (card: AdaptiveCard, onSent?: (activityId: string) => Promise<Effect[]>): Effect => send({ card }, onSent);
export const replaceCard = (activityId: string, card: AdaptiveCard, opts: { orSend?: boolean } = {}): Effect => ({ type: 'replace', activityId, message: { card }, ...opts });

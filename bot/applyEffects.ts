// Carries out what a flow handler returned: the one place where flows' output meets Teams.
import { CardFactory, MessageFactory } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import type { Effect, OutMessage } from '../dialogs/effects.ts';
import type { Logger } from '../server/log.ts';

function toActivity(message: OutMessage): Partial<Activity> {
  return 'card' in message ? MessageFactory.attachment(CardFactory.adaptiveCard(message.card)) : MessageFactory.text(message.text);
}

export async function applyEffects(context: TurnContext, effects: readonly Effect[], logger: Logger): Promise<void> {
  for (const effect of effects) {
    if (effect.type === 'send') {
      const sent = await context.sendActivity(toActivity(effect.message));
      if (effect.onSent && sent?.id) await applyEffects(context, await effect.onSent(sent.id), logger);
      continue;
    }
    const update = toActivity(effect.message);
    update.id = effect.activityId;
    try {
      await context.updateActivity(update);
    } catch (error) {
      // Replacing an old card is cosmetic (its buttons keep working, every card carries its
      // draft id) unless the replacement itself is the answer: then it is sent instead.
      logger.debug(`Could not update activity ${effect.activityId}: ${error instanceof Error ? error.message : String(error)}`);
      if (effect.orSend) await context.sendActivity(toActivity(effect.message));
    }
  }
}

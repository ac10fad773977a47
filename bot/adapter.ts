// The Bot Framework adapter. With credentials every request to /api/messages must carry a valid
// Bot Framework token; without them the service runs in local mode for the playground.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import type { TurnContext } from 'botbuilder';
import type { BotCredentials } from '../config/env.ts';
import type { Logger } from '../server/log.ts';

export const TURN_ERROR_MESSAGE =
  'Sorry, er ging iets mis aan onze kant. Wat je eerder bewaarde, blijft bewaard, en wat je op de kaart typte staat er nog: klik over een ogenblik gewoon opnieuw op de knop. Blijft het misgaan, meld het dan aan je beheerder.';

export function createAdapter(credentials: BotCredentials | undefined, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    credentials
      ? {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppPassword: credentials.appPassword,
          MicrosoftAppTenantId: credentials.tenantId,
          MicrosoftAppType: credentials.appType,
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(`Turn failed (${context.activity.type} in ${context.activity.conversation?.id ?? '?'})`, error);
    // Answer only messages and card submits: a failed install event has nobody waiting.
    if (context.activity.type !== 'message' && context.activity.type !== 'invoke') return;
    await context.sendActivity(MessageFactory.text(TURN_ERROR_MESSAGE)).catch((sendError: unknown) => logger.error('Could not tell the user about the failure', sendError));
  };
  return adapter;
}

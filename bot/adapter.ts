// The Bot Framework adapter. With credentials every request to /api/messages must carry a valid
// Bot Framework token; without them the service runs in local mode for the playground.
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { BotCredentials } from '../config/env.ts';
import type { Logger } from '../server/log.ts';

export const TURN_ERROR_MESSAGE =
  'Sorry, er ging iets mis aan onze kant. Wat je eerder bewaarde, blijft bewaard, en wat je op de kaart typte staat er nog: klik over een ogenblik gewoon opnieuw op de knop. Blijft het misgaan, meld het dan aan je beheerder.';

/**
 * The Bot Framework authentication of this bot: validates incoming requests and builds connector
 * clients. One instance serves the adapter and the outbox transport (bot/outboxTransport.ts), so
 * both act with the same credentials.
 */
export function createBotAuthentication(credentials: BotCredentials | undefined): ConfigurationBotFrameworkAuthentication {
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
  reuseClients(auth);
  return auth;
}

/**
 * CloudAdapter.process answers every failure itself: a 500 whose body is the internal error text
 * (e.g. the failed fetch of Microsoft's signing keys) and a stack trace on the console per request.
 * The endpoint (bot/index.ts) runs the turn itself instead and decides what a caller is told.
 */
export class NaftAdapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(credentials: BotCredentials | undefined, logger: Logger, auth: ConfigurationBotFrameworkAuthentication = createBotAuthentication(credentials)): NaftAdapter {
  const adapter = new NaftAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(`Turn failed (${context.activity.type} in ${context.activity.conversation?.id ?? '?'})`, error);
    // A card button (Universal Action) waits for an invoke response: answer with an error there,
    // not with a chat message next to the card.
    if (context.activity.type === 'invoke') {
      const body = { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: 'Er ging iets mis aan onze kant. Probeer het over een ogenblik opnieuw.' } };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 500, body } }).catch((sendError: unknown) => logger.error('Could not answer the invoke', sendError));
      return;
    }
    // Answer only messages: a failed install event has nobody waiting.
    if (context.activity.type !== 'message') return;
    await context.sendActivity(MessageFactory.text(TURN_ERROR_MESSAGE)).catch((sendError: unknown) => logger.error('Could not tell the user about the failure', sendError));
  };
  return adapter;
}

type Auth = ConfigurationBotFrameworkAuthentication;
type ConnectorFactory = NonNullable<Awaited<ReturnType<Auth['authenticateRequest']>>['connectorFactory']>;

/**
 * botbuilder builds a new connector client (an HTTP pipeline) and a new user-token client for
 * every incoming activity: about a third of the CPU of a simple turn. This service is one bot
 * with no skills, so the clients for a given service URL and audience are the same on every turn
 * (tokens are cached and refreshed inside their credentials): build them once and reuse them.
 */
function reuseClients(auth: Auth): void {
  const connectors = new Map<string, ReturnType<ConnectorFactory['create']>>();
  const reuse = (factory: ConnectorFactory): ConnectorFactory => {
    const create: ConnectorFactory['create'] = (serviceUrl, audience) => {
      const key = `${serviceUrl}|${audience ?? ''}`;
      let client = connectors.get(key);
      if (!client) {
        client = factory.create(serviceUrl, audience);
        connectors.set(key, client);
        // A failed creation (e.g. credentials not reachable) is tried again next turn.
        client.catch(() => connectors.delete(key));
        if (connectors.size > 100) connectors.delete(connectors.keys().next().value ?? '');
      }
      return client;
    };
    return Object.assign(Object.create(factory) as ConnectorFactory, { create });
  };
  const authenticateRequest = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: reuse(result.connectorFactory) } : result;
  };
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  let userTokenClient: ReturnType<Auth['createUserTokenClient']> | undefined;
  auth.createUserTokenClient = (claims) => {
    userTokenClient ??= createUserTokenClient(claims);
    userTokenClient.catch(() => (userTokenClient = undefined));
    return userTokenClient;
  };
}

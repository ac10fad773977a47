// The Teams-facing bot: turns activities into calls on the domain and answers with cards.
// Business rules do not live here; this file only routes.
import { CardFactory, MessageFactory, TeamsActivityHandler, TurnContext } from 'botbuilder';
import type { BotState } from 'botbuilder';
import { welcomeCard, UNKNOWN_INPUT_HINT } from '../cards/welcome.ts';
import type { WelcomeView } from '../cards/welcome.ts';
import type { DbClient } from '../db/open.ts';
import { rememberConversation } from './conversationRefs.ts';

export interface NaftBotDeps {
  prisma: DbClient;
  conversationState: BotState;
  userState: BotState;
}

const HELP_WORDS = new Set(['help', 'hulp', '?', 'menu', 'start', 'hallo', 'hoi', 'dag']);

export class NaftBot extends TeamsActivityHandler {
  constructor(private readonly deps: NaftBotDeps) {
    super();

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.sendWelcome(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      const text = normalise(context);
      if (HELP_WORDS.has(text)) await this.sendWelcome(context);
      else await context.sendActivity(MessageFactory.text(UNKNOWN_INPUT_HINT));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await rememberConversation(this.deps.prisma, context.activity);
    await super.run(context);
    await this.deps.conversationState.saveChanges(context);
    await this.deps.userState.saveChanges(context);
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const view: WelcomeView = {
      scope: context.activity.conversation.conversationType === 'personal' || !context.activity.conversation.conversationType ? 'personal' : 'team',
      firstName: context.activity.conversation.conversationType === 'channel' ? undefined : firstName(context.activity.from?.name),
    };
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(welcomeCard(view))));
  }
}

/** The command word, without the @mention Teams puts in front of it in channels. */
function normalise(context: TurnContext): string {
  const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  return text.replace(/<[^>]+>/g, '').trim().toLowerCase();
}

function firstName(fullName: string | undefined): string | undefined {
  const first = fullName?.trim().split(/\s+/)[0];
  return first && first.length > 0 ? first : undefined;
}

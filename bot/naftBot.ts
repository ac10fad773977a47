// The Teams-facing bot: turns activities into calls on the flows and applies what they return.
// Business rules do not live here; this file only routes.
import { TeamsActivityHandler, TurnContext } from 'botbuilder';
import { parseCommand } from '../cards/commands.ts';
import { welcomeCard, UNKNOWN_INPUT_HINT } from '../cards/welcome.ts';
import type { WelcomeView } from '../cards/welcome.ts';
import { REFERRAL_FLOW } from '../cards/referral/actions.ts';
import type { DbClient } from '../db/open.ts';
import { sendCard, sendText } from '../dialogs/effects.ts';
import type { Effect, Turn } from '../dialogs/effects.ts';
import { ONLY_IN_PERSONAL_CHAT, UNKNOWN_CARD } from '../dialogs/messages.ts';
import { ReferralFlow } from '../dialogs/referral/flow.ts';
import { CardActionRegistry } from '../dialogs/registry.ts';
import type { Logger } from '../server/log.ts';
import { applyEffects } from './applyEffects.ts';
import { rememberConversation } from './conversationRefs.ts';

export interface NaftBotDeps {
  prisma: DbClient;
  logger: Logger;
}

export class NaftBot extends TeamsActivityHandler {
  private readonly referrals: ReferralFlow;
  private readonly cardActions = new CardActionRegistry();

  constructor(private readonly deps: NaftBotDeps) {
    super();
    this.referrals = new ReferralFlow(deps.prisma);
    // Referring happens in a 1:1 chat only (beroepsgeheim); the registry routes by flow.
    this.cardActions.register(REFERRAL_FLOW, async (turn, value) => (turn.personal ? this.referrals.action(turn, value) : [sendText(ONLY_IN_PERSONAL_CHAT)]));

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await applyEffects(context, await this.welcome(context), deps.logger);
      await next();
    });

    this.onMessage(async (context, next) => {
      await applyEffects(context, await this.route(context), deps.logger);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await rememberConversation(this.deps.prisma, context.activity);
    await super.run(context);
  }

  private async route(context: TurnContext): Promise<Effect[]> {
    const turn = turnOf(context);
    // A card button (Action.Submit) arrives as a message with a value and usually no text.
    const value: unknown = context.activity.value;
    if (value !== undefined && value !== null) {
      const routed = this.cardActions.handlerFor(value);
      return routed ? routed.handler(turn, routed.value) : [sendText(UNKNOWN_CARD)];
    }
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const command = parseCommand(text.replace(/<[^>]+>/g, ''));
    if (command?.id === 'help') return this.welcome(context);
    if (command) return turn.personal ? this.referrals.command(turn, command.id) : [sendText(ONLY_IN_PERSONAL_CHAT)];
    if (turn.personal) {
      const pointed = await this.referrals.freeText(turn);
      if (pointed) return pointed;
    }
    return [sendText(UNKNOWN_INPUT_HINT)];
  }

  private async welcome(context: TurnContext): Promise<Effect[]> {
    const personal = isPersonal(context);
    // An install event may come without a display name; the people table usually knows it.
    let name: string | undefined = context.activity.from?.name;
    const aadObjectId = context.activity.from?.aadObjectId;
    if (personal && !name && aadObjectId) name = (await this.deps.prisma.person.findUnique({ where: { aadObjectId }, select: { name: true } }))?.name;
    const view: WelcomeView = { scope: personal ? 'personal' : 'team', firstName: personal ? firstName(name) : undefined };
    return [sendCard(welcomeCard(view))];
  }
}

function turnOf(context: TurnContext): Turn {
  const { from, replyToId } = context.activity;
  return { aadObjectId: from?.aadObjectId, name: from?.name, personal: isPersonal(context), replyToId: context.activity.value !== undefined ? replyToId : undefined };
}

function isPersonal(context: TurnContext): boolean {
  const type = context.activity.conversation.conversationType;
  return type === 'personal' || !type;
}

function firstName(fullName: string | undefined): string | undefined {
  const first = fullName?.trim().split(/\s+/)[0];
  return first && first.length > 0 ? first : undefined;
}

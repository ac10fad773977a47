// The Teams-facing bot: turns activities into calls on the domain and answers with cards.
// Business rules do not live here; this file only routes.
import { CardFactory, MessageFactory, TeamsActivityHandler, TurnContext } from 'botbuilder';
import type { BotState } from 'botbuilder';
import { welcomeCard, UNKNOWN_INPUT_HINT } from '../cards/welcome.ts';
import type { WelcomeView } from '../cards/welcome.ts';
import type { DbClient } from '../db/open.ts';
import { rememberConversation } from './conversationRefs.ts';
import { ReferralFlow } from '../dialogs/referralFlow.ts';
import type { ActiveReferral, ReferralCommand } from '../dialogs/referralFlow.ts';
import { ONLY_IN_PERSONAL_CHAT, UNKNOWN_CARD } from '../dialogs/messages.ts';

export interface NaftBotDeps {
  prisma: DbClient;
  conversationState: BotState;
  userState: BotState;
}

const HELP_WORDS = new Set(['help', 'hulp', '?', 'menu', 'start', 'hallo', 'hoi', 'dag']);

/** Typed commands of the referral flow, with the variants people actually type. */
const REFERRAL_COMMANDS: ReadonlyMap<string, ReferralCommand> = new Map([
  ['nieuwe aanmelding', 'new'],
  ['nieuw', 'new'],
  ['aanmelden', 'new'],
  ['aanmelding', 'new'],
  ['verder', 'resume'],
  ['hervat', 'resume'],
  ['stop', 'pause'],
  ['pauze', 'pause'],
  ['pauzeer', 'pause'],
  ['annuleer', 'cancel'],
  ['annuleren', 'cancel'],
  ['mijn aanmeldingen', 'list'],
  ['aanmeldingen', 'list'],
  ['concepten', 'drafts'],
  ['mijn concepten', 'drafts'],
]);

export class NaftBot extends TeamsActivityHandler {
  private readonly referrals: ReferralFlow;

  constructor(private readonly deps: NaftBotDeps) {
    super();
    this.referrals = new ReferralFlow(deps.prisma, deps.conversationState.createProperty<ActiveReferral>('activeReferral'));

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.sendWelcome(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.route(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await rememberConversation(this.deps.prisma, context.activity);
    await super.run(context);
    await this.deps.conversationState.saveChanges(context);
    await this.deps.userState.saveChanges(context);
  }

  private async route(context: TurnContext): Promise<void> {
    const personal = isPersonal(context);
    // A card button (Action.Submit) arrives as a message with a value and usually no text.
    const value: unknown = context.activity.value;
    if (value !== undefined && value !== null) {
      if (!ReferralFlow.isReferralSubmit(value)) return void (await context.sendActivity(MessageFactory.text(UNKNOWN_CARD)));
      if (!personal) return void (await context.sendActivity(MessageFactory.text(ONLY_IN_PERSONAL_CHAT)));
      return this.referrals.submit(context, value);
    }
    const text = normalise(context);
    if (HELP_WORDS.has(text)) return this.sendWelcome(context);
    const command = REFERRAL_COMMANDS.get(text);
    if (command) {
      if (!personal) return void (await context.sendActivity(MessageFactory.text(ONLY_IN_PERSONAL_CHAT)));
      return this.referrals.command(context, command);
    }
    if (personal && (await this.referrals.freeText(context))) return;
    await context.sendActivity(MessageFactory.text(UNKNOWN_INPUT_HINT));
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const personal = isPersonal(context);
    // An install event may come without a display name; the people table usually knows it.
    let name: string | undefined = context.activity.from?.name;
    const aadObjectId = context.activity.from?.aadObjectId;
    if (personal && !name && aadObjectId) name = (await this.deps.prisma.person.findUnique({ where: { aadObjectId }, select: { name: true } }))?.name;
    const view: WelcomeView = { scope: personal ? 'personal' : 'team', firstName: personal ? firstName(name) : undefined };
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(welcomeCard(view))));
  }
}

function isPersonal(context: TurnContext): boolean {
  const type = context.activity.conversation.conversationType;
  return type === 'personal' || !type;
}

/** The command word, without the @mention Teams puts in front of it in channels. */
function normalise(context: TurnContext): string {
  const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  return text.replace(/<[^>]+>/g, '').replace(/[.!]+$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function firstName(fullName: string | undefined): string | undefined {
  const first = fullName?.trim().split(/\s+/)[0];
  return first && first.length > 0 ? first : undefined;
}

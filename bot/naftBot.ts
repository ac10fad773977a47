// The Teams-facing bot: turns activities into calls on the flows and applies what they return.
// Business rules do not live here; this file only routes.
import { CorrectDialog } from '../dialogs/dispatch/correct.ts';
import { CORRECT_FLOW } from '../cards/dispatch/correctCard.ts';
import { ReassignDialog } from '../dialogs/dispatch/reassign.ts';
import { REASSIGN_FLOW } from '../cards/dispatch/reassignCard.ts';
import { TeamsActivityHandler, TurnContext } from 'botbuilder';
import type { InvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { parseCommand } from '../cards/commands.ts';
import { DISPATCH_FLOW } from '../cards/dispatch/actions.ts';
import { OUTBOX_RETRY } from '../cards/dispatch/statusCard.ts';
import { welcomeCard, UNKNOWN_INPUT_HINT } from '../cards/welcome.ts';
import type { WelcomeView } from '../cards/welcome.ts';
import { REFERRAL_FLOW } from '../cards/referral/actions.ts';
import type { DbClient } from '../db/open.ts';
import { DispatchChannel } from '../dialogs/dispatch/channel.ts';
import { CLOSE_IN_PERSONAL_CHAT } from '../dialogs/dispatch/close.ts';
import type { ChannelTurn } from '../dialogs/dispatch/channel.ts';
import { DispatchFlow } from '../dialogs/dispatch/flow.ts';
import type { InvokeResult } from '../dialogs/dispatch/flow.ts';
import { sendCard, sendText } from '../dialogs/effects.ts';
import type { Effect, Turn } from '../dialogs/effects.ts';
import { ONLY_IN_PERSONAL_CHAT, UNKNOWN_CARD } from '../dialogs/messages.ts';
import { ReferralFlow } from '../dialogs/referral/flow.ts';
import { reportCommand } from '../dialogs/reports/reportCommand.ts';
import type { ReportCommandDeps } from '../dialogs/reports/reportCommand.ts';
import { CardActionRegistry } from '../dialogs/registry.ts';
import type { Logger } from '../server/log.ts';
import { applyEffects } from './applyEffects.ts';
import { rememberConversation, rememberTeamsUser } from './conversationRefs.ts';

export interface NaftBotDeps {
  prisma: DbClient;
  logger: Logger;
  /** How long the survey codes of an afronding work (SURVEY_DAYS); 30 when not given. */
  surveyDays?: number;
  /** `rapport`: the small-group thresholds and the tab's address (issue #19). */
  reports?: ReportCommandDeps;
}

/** The invoke an Action.Execute sends; anything else gets a 400 with a short reason. */
const ZExecute = z.object({ action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(64), data: z.unknown() }) });

type Invoker = (turn: Turn, verb: string, data: unknown) => Promise<InvokeResult>;

const ONLY_IN_CHANNEL = 'Dit typ je in het dispatchkanaal van je team, met @NAFT-aanmeldbot ervoor.';

export class NaftBot extends TeamsActivityHandler {
  private readonly referrals: ReferralFlow;
  private readonly dispatch: DispatchFlow;
  private readonly reassign: ReassignDialog;
  private readonly correct: CorrectDialog;
  private readonly channel: DispatchChannel;
  private readonly cardActions = new CardActionRegistry();
  private readonly invokers = new Map<string, Invoker>();

  constructor(private readonly deps: NaftBotDeps) {
    super();
    this.referrals = new ReferralFlow(deps.prisma);
    this.dispatch = new DispatchFlow(deps.prisma, deps.surveyDays);
    this.reassign = new ReassignDialog(deps.prisma);
    this.correct = new CorrectDialog(deps.prisma);
    this.channel = new DispatchChannel(deps.prisma);
    // Referring happens in a 1:1 chat only (beroepsgeheim); the registry routes by flow.
    this.cardActions.register(CORRECT_FLOW, async (turn, value) => (turn.personal ? this.correct.submit(turn, value) : [sendText(ONLY_IN_PERSONAL_CHAT)]));
    this.cardActions.register(REASSIGN_FLOW, async (turn, value) => (turn.personal ? this.reassign.submit(turn, value) : [sendText(ONLY_IN_PERSONAL_CHAT)]));
    this.cardActions.register(REFERRAL_FLOW, async (turn, value) => (turn.personal ? this.referrals.action(turn, value) : [sendText(ONLY_IN_PERSONAL_CHAT)]));
    this.invokers.set(DISPATCH_FLOW, (turn, verb, data) => this.dispatch.invoke(turn, verb, data));

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
    await rememberTeamsUser(this.deps.prisma, context.activity);
    await super.run(context);
  }

  /** Universal Actions: the answer is the card to show (or an invoke error), never a chat message. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const parsed = ZExecute.safeParse(context.activity.value);
    const data = parsed.data?.action.data;
    const flow = typeof data === 'object' && data !== null ? (data as { naft?: unknown }).naft : undefined;
    const invoker = typeof flow === 'string' ? this.invokers.get(flow) : undefined;
    if (!parsed.success || !invoker) return invokeError(400, 'Deze knop begrijp ik niet (meer).');
    const result = await invoker(turnOf(context), parsed.data.action.verb, data);
    if ('error' in result) return invokeError(result.error.status, result.error.message);
    // Teams shows the message and leaves the card as it was (how refusals are answered).
    if ('message' in result) return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.message } };
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card } };
  }

  private async route(context: TurnContext): Promise<Effect[]> {
    const turn = turnOf(context);
    // A card button (Action.Submit) arrives as a message with a value and usually no text.
    const value: unknown = context.activity.value;
    if (value !== undefined && value !== null) {
      // "Opnieuw proberen" on the status card: a channel action (the registry's flows are 1:1 turns).
      if (typeof value === 'object' && (value as { naft?: unknown }).naft === OUTBOX_RETRY.naft) {
        const channel = channelTurnOf(context, turn);
        return channel ? this.channel.retry(channel) : [sendText(ONLY_IN_CHANNEL)];
      }
      const routed = this.cardActions.handlerFor(value);
      return routed ? routed.handler(turn, routed.value) : [sendText(UNKNOWN_CARD)];
    }
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const parsed = parseCommand(text.replace(/<[^>]+>/g, ''));
    const command = parsed?.command;
    if (command?.id === 'help') return this.welcome(context);
    if (command?.id === 'report') return reportCommand(this.deps.prisma, this.deps.reports ?? { privacy: { minCount: 5, minN: 10 } }, turn, parsed?.argument ?? '');
    if (command && command.scopes.includes('team') && !command.scopes.includes('personal')) {
      const channel = channelTurnOf(context, turn);
      if (!channel) return [sendText(ONLY_IN_CHANNEL)];
      switch (command.id) {
        case 'link':
          return this.channel.link(channel, parsed?.argument ?? '');
        case 'unlink':
          return this.channel.unlink(channel);
        case 'overview':
          return this.channel.overview(channel);
        case 'status':
          return this.channel.status(channel);
        case 'capacity':
          return this.channel.capacity(channel, parsed?.argument ?? '');
      }
    }
    if (command) {
      if (!turn.personal) return [sendText(command.id === 'close' ? CLOSE_IN_PERSONAL_CHAT : ONLY_IN_PERSONAL_CHAT)];
      switch (command.id) {
        case 'new':
        case 'resume':
        case 'pause':
        case 'cancel':
        case 'list':
        case 'drafts':
          return this.referrals.command(turn, command.id);
        case 'close':
          return this.dispatch.closeCommand(turn, parsed?.argument ?? '');
        case 'trajectories':
          return this.dispatch.trajectoriesCommand(turn);
        case 'reassign':
          return this.reassign.command(turn, parsed?.argument ?? '');
        case 'correct':
          return this.correct.command(turn, parsed?.argument ?? '');
      }
    }
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
    const person = personal && aadObjectId ? await this.deps.prisma.person.findUnique({ where: { aadObjectId }, select: { name: true, role: true } }) : null;
    name ||= person?.name;
    const partner = person?.role === 'COORDINATOR' || person?.role === 'BEGELEIDER';
    const view: WelcomeView = { scope: personal ? 'personal' : 'team', firstName: personal ? firstName(name) : undefined, ...(partner ? { partner } : {}) };
    return [sendCard(welcomeCard(view))];
  }
}

function invokeError(status: 400 | 404 | 500, message: string): InvokeResponse {
  return { status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code: status === 404 ? 'NotFound' : status === 500 ? 'InternalError' : 'BadRequest', message } } };
}

function turnOf(context: TurnContext): Turn {
  const { from, replyToId } = context.activity;
  return { aadObjectId: from?.aadObjectId, name: from?.name, personal: isPersonal(context), replyToId: context.activity.value !== undefined ? replyToId : undefined };
}

interface TeamsChannelData {
  team?: { id?: string };
  channel?: { id?: string };
}

/** In a team channel: the channel itself (a message in a thread has ";messageid=" on its id). */
function channelTurnOf(context: TurnContext, turn: Turn): ChannelTurn | null {
  if (context.activity.conversation.conversationType !== 'channel') return null;
  const data = (context.activity.channelData ?? {}) as TeamsChannelData;
  const channelId = data.channel?.id ?? context.activity.conversation.id.split(';messageid=')[0] ?? context.activity.conversation.id;
  return { ...turn, channelId, teamId: data.team?.id ?? null };
}

function isPersonal(context: TurnContext): boolean {
  const type = context.activity.conversation.conversationType;
  return type === 'personal' || !type;
}

function firstName(fullName: string | undefined): string | undefined {
  const first = fullName?.trim().split(/\s+/)[0];
  return first && first.length > 0 ? first : undefined;
}

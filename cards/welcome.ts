// The card the bot shows when it is installed and when someone asks for help.
import { BOT_COMMANDS } from './commands.ts';
import { card } from './adaptiveCard.ts';
import type { AdaptiveCard, CardAction } from './adaptiveCard.ts';
import { actionData } from './referral/actions.ts';

export interface WelcomeView {
  /** In a team the bot speaks to coordinators at dispatch; in a 1:1 chat to one person. */
  scope: 'personal' | 'team';
  firstName?: string;
  /** In a 1:1 chat: a partner (coordinator, begeleider) cannot refer, so gets no referral buttons. */
  partner?: boolean;
}

export function welcomeCard(view: WelcomeView): AdaptiveCard {
  const greeting = view.firstName ? `Hallo ${view.firstName}!` : 'Hallo!';
  const purpose =
    view.scope === 'personal' && view.partner
      ? 'Hier krijg je van mij de gegevens van elke aanmelding die jullie opnemen (alleen voor jou, niet in het kanaal), herinneringen voor de evaluatie van lopende trajecten en de QR-codes voor de tevredenheidsbevraging; je kunt er de stappen van een traject noteren en het afronden. Beslissen over nieuwe aanmeldingen doe je op hun kaart in het dispatchkanaal van je team.'
      : view.scope === 'personal'
      ? 'Ik help CLB-medewerkers om een leerling, een groep, een klas of een school aan te melden bij NAFT, samen met een goede vraagverheldering. Je kunt hier ook volgen wat er met je aanmeldingen gebeurt.'
      : 'In dit team post ik elke nieuwe NAFT-aanmelding voor de wekelijkse dispatch. Coördinatoren kunnen een aanmelding opnemen, op de wachtlijst zetten, niet opnemen met een reden of om meer informatie vragen; de aanmelder wordt telkens op de hoogte gehouden.';
  // A partner in 1:1 sees the partner commands (and help), a referrer the referral commands.
  const commands = BOT_COMMANDS.filter((c) => c.scopes.includes(view.scope) && (view.scope !== 'personal' || c.id === 'help' || (view.partner ? c.forPartners === true : c.forPartners !== true)));
  // In a 1:1 chat the most common next steps are one click away; a channel gets no referral buttons.
  const actions: CardAction[] =
    view.scope === 'personal' && !view.partner
      ? [
          { type: 'Action.Submit', title: 'Nieuwe aanmelding', style: 'positive', data: actionData({ op: 'new' }) },
          { type: 'Action.Submit', title: 'Verder met concept', data: actionData({ op: 'resume' }) },
          { type: 'Action.Submit', title: 'Mijn aanmeldingen', data: actionData({ op: 'list', page: 1 }) },
        ]
      : [];
  return card([
    { type: 'TextBlock', text: greeting, size: 'large', weight: 'bolder', wrap: true },
    { type: 'TextBlock', text: 'Welkom bij NAFT-aanmelding.', wrap: true, spacing: 'none' },
    { type: 'TextBlock', text: purpose, wrap: true },
    { type: 'TextBlock', text: 'Wat je kunt typen', weight: 'bolder', wrap: true, spacing: 'medium' },
    // In a channel Teams only hands the bot messages that mention it.
    ...(view.scope === 'team' ? [{ type: 'TextBlock' as const, text: 'In een kanaal noem je me eerst: typ **@NAFT-aanmeldbot** en dan het commando, bv. *@NAFT-aanmeldbot overzicht*.', wrap: true, spacing: 'none' as const }] : []),
    { type: 'FactSet', facts: commands.map((c) => ({ title: c.title, value: c.description })) },
    {
      type: 'TextBlock',
      text: 'Deel in Teams alleen wat nodig is: de namen van leerlingen en gevoelige details horen niet in een gedeeld kanaal.',
      wrap: true,
      isSubtle: true,
      size: 'small',
      spacing: 'medium',
    },
  ], actions);
}

export const UNKNOWN_INPUT_HINT = 'Dat begrijp ik niet helemaal. Typ **help** om te zien wat ik voor je kan doen.';

// The card the bot shows when it is installed and when someone asks for help.
import { BOT_COMMANDS } from './commands.ts';
import { card } from './adaptiveCard.ts';
import type { AdaptiveCard } from './adaptiveCard.ts';

export interface WelcomeView {
  /** In a team the bot speaks to coordinators at dispatch; in a 1:1 chat to one person. */
  scope: 'personal' | 'team';
  firstName?: string;
}

export function welcomeCard(view: WelcomeView): AdaptiveCard {
  const greeting = view.firstName ? `Hallo ${view.firstName}!` : 'Hallo!';
  const purpose =
    view.scope === 'personal'
      ? 'Ik help CLB-medewerkers om een leerling, een groep, een klas of een school aan te melden bij NAFT, samen met een goede vraagverheldering. Je kunt hier ook volgen wat er met je aanmeldingen gebeurt.'
      : 'In dit team post ik elke nieuwe NAFT-aanmelding voor de wekelijkse dispatch. Coördinatoren kunnen een aanmelding opnemen, op de wachtlijst zetten, niet opnemen met een reden of om meer informatie vragen; de aanmelder wordt telkens op de hoogte gehouden.';
  const commands = BOT_COMMANDS.filter((c) => c.scopes.includes(view.scope));
  return card([
    { type: 'TextBlock', text: greeting, size: 'large', weight: 'bolder', wrap: true },
    { type: 'TextBlock', text: 'Welkom bij NAFT-aanmelding.', wrap: true, spacing: 'none' },
    { type: 'TextBlock', text: purpose, wrap: true },
    { type: 'TextBlock', text: 'Wat je kunt typen', weight: 'bolder', wrap: true, spacing: 'medium' },
    { type: 'FactSet', facts: commands.map((c) => ({ title: c.title, value: c.description })) },
    {
      type: 'TextBlock',
      text: 'Deel in Teams alleen wat nodig is: de namen van leerlingen en gevoelige details horen niet in een gedeeld kanaal.',
      wrap: true,
      isSubtle: true,
      size: 'small',
      spacing: 'medium',
    },
  ]);
}

export const UNKNOWN_INPUT_HINT = 'Dat begrijp ik niet helemaal. Typ **help** om te zien wat ik voor je kan doen.';

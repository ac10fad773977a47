/**
 * The commands the bot understands. One list feeds the welcome card, the help answer and the
 * Teams manifest's command menu, so the three can never disagree.
 * Titles are what the user types (Teams limits them to 32 characters, descriptions to 128).
 */
export interface BotCommand {
  title: string;
  description: string;
  /** Where Teams offers the command in its menu. */
  scopes: ReadonlyArray<'personal' | 'team'>;
}

export const BOT_COMMANDS: ReadonlyArray<BotCommand> = [
  {
    title: 'help',
    description: 'Wat deze bot doet en welke opdrachten er zijn',
    scopes: ['personal', 'team'],
  },
];

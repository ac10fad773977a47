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
    title: 'nieuwe aanmelding',
    description: 'Een leerling, groep, klas of school aanmelden bij NAFT, met vraagverheldering',
    scopes: ['personal'],
  },
  {
    title: 'verder',
    description: 'Verdergaan met je laatst bewaarde concept',
    scopes: ['personal'],
  },
  {
    title: 'mijn aanmeldingen',
    description: 'Je verstuurde aanmeldingen met hun status',
    scopes: ['personal'],
  },
  {
    title: 'concepten',
    description: 'Je bewaarde concepten openen of verwijderen',
    scopes: ['personal'],
  },
  {
    title: 'stop',
    description: 'Pauzeren: je concept blijft bewaard',
    scopes: ['personal'],
  },
  {
    title: 'annuleer',
    description: 'Het open concept verwijderen (na bevestiging)',
    scopes: ['personal'],
  },
  {
    title: 'help',
    description: 'Wat deze bot doet en welke opdrachten er zijn',
    scopes: ['personal', 'team'],
  },
];

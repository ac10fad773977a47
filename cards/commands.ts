/**
 * The commands the bot understands. One list feeds the parser, the welcome card, the help answer
 * and the Teams manifest's command menu, so they can never disagree.
 * Titles are what the user types (Teams limits them to 32 characters, descriptions to 128);
 * aliases are the variants people actually type.
 */
export type CommandId = 'new' | 'resume' | 'list' | 'drafts' | 'pause' | 'cancel' | 'help';

export interface BotCommand {
  id: CommandId;
  title: string;
  aliases: readonly string[];
  description: string;
  /** Where Teams offers the command in its menu. */
  scopes: ReadonlyArray<'personal' | 'team'>;
}

export const BOT_COMMANDS: ReadonlyArray<BotCommand> = [
  {
    id: 'new',
    title: 'nieuwe aanmelding',
    aliases: ['nieuw', 'aanmelden', 'aanmelding'],
    description: 'Een leerling, groep, klas of school aanmelden bij NAFT, met vraagverheldering',
    scopes: ['personal'],
  },
  { id: 'resume', title: 'verder', aliases: ['hervat', 'hervatten'], description: 'Verdergaan met je laatst bewaarde concept', scopes: ['personal'] },
  { id: 'list', title: 'mijn aanmeldingen', aliases: ['aanmeldingen'], description: 'Je verstuurde aanmeldingen met hun status', scopes: ['personal'] },
  { id: 'drafts', title: 'concepten', aliases: ['mijn concepten'], description: 'Je bewaarde concepten openen of verwijderen', scopes: ['personal'] },
  { id: 'pause', title: 'stop', aliases: ['pauze', 'pauzeer', 'pauzeren'], description: 'Pauzeren: je concept blijft bewaard', scopes: ['personal'] },
  { id: 'cancel', title: 'annuleer', aliases: ['annuleren'], description: 'Het open concept verwijderen (na bevestiging)', scopes: ['personal'] },
  {
    id: 'help',
    title: 'help',
    aliases: ['hulp', '?', 'menu', 'start', 'hallo', 'hoi', 'dag'],
    description: 'Wat deze bot doet en welke opdrachten er zijn',
    scopes: ['personal', 'team'],
  },
];

const BY_WORDS: ReadonlyMap<string, BotCommand> = new Map(BOT_COMMANDS.flatMap((c) => [c.title, ...c.aliases].map((w) => [w, c] as const)));

/** "Nieuwe aanmelding!" → the "new" command; anything else → undefined. */
export function parseCommand(text: string): BotCommand | undefined {
  return BY_WORDS.get(text.replace(/[.!]+$/, '').replace(/\s+/g, ' ').trim().toLowerCase());
}

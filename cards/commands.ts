/**
 * The commands the bot understands. One list feeds the parser, the welcome card, the help answer
 * and the Teams manifest's command menu, so they can never disagree.
 * Titles are what the user types (Teams limits them to 32 characters, descriptions to 128);
 * aliases are the variants people actually type.
 */
export type CommandId = 'new' | 'resume' | 'list' | 'drafts' | 'pause' | 'cancel' | 'help' | 'link' | 'unlink' | 'overview' | 'status' | 'close' | 'report' | 'trajectories' | 'capacity' | 'reassign' | 'correct';

export interface BotCommand {
  id: CommandId;
  title: string;
  aliases: readonly string[];
  description: string;
  /** Where Teams offers the command in its menu. */
  scopes: ReadonlyArray<'personal' | 'team'>;
  /** Takes the rest of the line as its argument ("koppel dispatch Gent en Rand"). */
  argument?: string;
  /** For the partners (coordinators, begeleiders) in their 1:1 chat, not for referrers. */
  forPartners?: boolean;
  /** False: understood and listed by help, but not in Teams' command menu (at most 10 per scope). */
  menu?: boolean;
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
  { id: 'cancel', title: 'annuleer', aliases: ['annuleren'], description: 'Het open concept verwijderen (na bevestiging)', scopes: ['personal'], menu: false },
  {
    id: 'trajectories',
    title: 'mijn trajecten',
    aliases: ['trajecten', 'mijn wachtlijst', 'te doen'],
    description: 'Je lopende trajecten met de volgende evaluatie, de wachtlijst en je open vragen',
    scopes: ['personal'],
    forPartners: true,
  },
  {
    id: 'reassign',
    title: 'begeleider',
    aliases: ['andere begeleider', 'wijzig begeleider', 'overdragen'],
    description: 'Een traject aan een andere begeleider van je organisatie overdragen (coördinatoren), bv. begeleider GR-2026-0007',
    scopes: ['personal'],
    argument: 'referentie',
    forPartners: true,
  },
  {
    id: 'correct',
    title: 'corrigeer',
    aliases: ['corrigeren', 'correctie'],
    description: 'De laatste stap van een traject een andere datum geven of ongedaan maken, bv. corrigeer GR-2026-0007',
    scopes: ['personal'],
    argument: 'referentie',
    forPartners: true,
    menu: false,
  },
  {
    id: 'close',
    title: 'afronden',
    aliases: ['afsluiten', 'traject afronden'],
    description: 'Een traject afronden (afgerond of voortijdig gestopt) en de QR-codes voor de bevraging krijgen, bv. afronden GR-2026-0007',
    scopes: ['personal'],
    argument: 'referentie',
    forPartners: true,
  },
  {
    id: 'link',
    title: 'koppel dispatch',
    aliases: ['koppel'],
    description: 'Dit kanaal koppelen als dispatchkanaal van een werkingsgebied (coördinatoren)',
    scopes: ['team'],
    argument: 'werkingsgebied',
  },
  { id: 'unlink', title: 'ontkoppel dispatch', aliases: ['ontkoppel'], description: 'Dit kanaal loskoppelen als dispatchkanaal (coördinatoren)', scopes: ['team'] },
  { id: 'overview', title: 'overzicht', aliases: ['wachtlijst', 'wat wacht'], description: 'Alle aanmeldingen die nog op een beslissing wachten, oudste eerst', scopes: ['team'] },
  {
    id: 'capacity',
    title: 'capaciteit',
    aliases: ['plaatsen'],
    description: 'Hoeveel plaatsen je organisatie vrij heeft, bv. capaciteit 3 of capaciteit vol tot 15/01/2027 (coördinatoren)',
    scopes: ['team'],
    argument: 'plaatsen',
  },
  { id: 'status', title: 'status dispatch', aliases: ['status'], description: 'Is dit kanaal gekoppeld, en komen alle berichten aan?', scopes: ['team'] },
  {
    id: 'report',
    title: 'rapport',
    aliases: ['rapportage', 'cijfers'],
    description: 'De kerncijfers van een periode (bv. rapport 2026 of rapport 2026-03) en een link naar alle cijfers',
    scopes: ['personal', 'team'],
    argument: 'periode',
  },
  {
    id: 'help',
    title: 'help',
    aliases: ['hulp', '?', 'menu', 'start', 'hallo', 'hoi', 'dag'],
    description: 'Wat deze bot doet en welke opdrachten er zijn',
    scopes: ['personal', 'team'],
  },
];

const normal = (text: string) => text.replace(/[.!]+$/, '').replace(/\s+/g, ' ').trim();
const BY_WORDS: ReadonlyMap<string, BotCommand> = new Map(BOT_COMMANDS.flatMap((c) => [c.title, ...c.aliases].map((w) => [w, c] as const)));
const WITH_ARGUMENT = BOT_COMMANDS.filter((c) => c.argument !== undefined).flatMap((c) => [c.title, ...c.aliases].map((w) => [w, c] as const));

/** "Nieuwe aanmelding!" → the "new" command; "koppel dispatch Gent" → "link" with "Gent". */
export function parseCommand(text: string): { command: BotCommand; argument: string } | undefined {
  const line = normal(text);
  const exact = BY_WORDS.get(line.toLowerCase());
  if (exact) return { command: exact, argument: '' };
  const lower = line.toLowerCase();
  const prefixed = WITH_ARGUMENT.find(([w]) => lower.startsWith(`${w} `));
  return prefixed ? { command: prefixed[1], argument: line.slice(prefixed[0].length + 1).trim() } : undefined;
}

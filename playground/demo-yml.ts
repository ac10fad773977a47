// Renders `.m365agentsplayground.yml` from demo.ts and checks that the file on disk
// still matches it, so the playground and the database seed never disagree on ids.
//
//   tsx playground/demo-yml.ts --write   rewrite the yml from demo.ts
//   tsx playground/demo-yml.ts --check   exit 1 when the yml has drifted
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  demoPeople,
  demoPlayground,
  demoTeam,
  demoTeamsUserId,
  partnerOrganisationNames,
  personalChatIdOf,
  type DemoPerson,
} from './demo.ts';

function defaultCurrentUser(): DemoPerson {
  const current = demoPeople.find((p) => p.aadObjectId === demoPlayground.currentUserAadObjectId);
  if (current === undefined) throw new Error('demoPlayground.currentUserAadObjectId is not in demoPeople');
  return current;
}

export const defaultPlaygroundConfigPath = fileURLToPath(
  new URL('../.m365agentsplayground.yml', import.meta.url),
);

// JSON strings are valid YAML double-quoted scalars: no YAML escaping rules to get wrong
// for ids full of ':' and '@'.
const q = (value: string): string => JSON.stringify(value);

function splitName(name: string): { givenName: string; surname: string } {
  // Flemish surnames keep their particles ("Van Damme", "De Smet"): split at the first space.
  const space = name.indexOf(' ');
  return space < 0
    ? { givenName: name, surname: name }
    : { givenName: name.slice(0, space), surname: name.slice(space + 1) };
}

// `first` prefixes the first line ("  - " for a list item), `rest` the others.
function userLines(person: DemoPerson, first: string, rest: string): string[] {
  const { givenName, surname } = splitName(person.name);
  return [
    `id: ${q(demoTeamsUserId(person))}`,
    `name: ${q(person.name)}`,
    // "userPrincipleName" (sic) is the key the playground's schema requires.
    `userPrincipleName: ${q(person.email)}`,
    `aadObjectId: ${q(person.aadObjectId)}`,
    `givenName: ${q(givenName)}`,
    `surname: ${q(surname)}`,
    `email: ${q(person.email)}`,
  ].map((line, i) => (i === 0 ? first : rest) + line);
}

function describe(person: DemoPerson): string {
  if (person.role === 'CLB_STAFF') return `CLB staff, ${person.clbName ?? '?'}`;
  return `coordinator, ${(person.organisationCodes ?? []).map((code) => partnerOrganisationNames[code]).join(' en ') || '?'}`;
}

/**
 * The playground set-up with `current` as its current user (Sofie Claes, the CLB user, unless
 * `PLAYGROUND_USER` names another demo person): the only user with a 1:1 chat with the bot and
 * the one whose name the web UI writes and clicks in. The other five are the schema's `users`.
 */
export function renderPlaygroundYml(current: DemoPerson = defaultCurrentUser()): string {
  const others = demoPeople.filter((p) => p.aadObjectId !== current.aadObjectId);
  if (others.length !== demoPeople.length - 1) throw new Error(`${current.name} is not in demoPeople`);
  const lines = [
    '# yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json',
    '# Microsoft 365 Agents Playground: mock tenant, users, team and channels.',
    '# GENERATED from playground/demo.ts by `tsx playground/demo-yml.ts --write`: edit demo.ts, not this file.',
    '# The schema wants exactly 5 `users` (besides currentUser); all of them, and the current',
    '# user, are members of the team and of the group chat.',
    'version: "0.1.1"',
    `tenantId: ${q(demoTeam.tenantId)}`,
    'bot:',
    `  id: ${q(demoPlayground.botId)}`,
    `  name: ${q(demoPlayground.botName)}`,
    `# ${current.role === 'CLB_STAFF' ? 'CLB staff member' : `C${describe(current).slice(1)}`}; the only user with a 1:1 (personal) chat with the bot.`,
    'currentUser:',
    ...userLines(current, '  ', '  '),
    'users:',
    ...others.flatMap((person) => [
      `  # ${describe(person)}`,
      ...userLines(person, '  - ', '    '),
    ]),
    'personalChat:',
    `  id: ${q(personalChatIdOf(current))}`,
    'groupChat:',
    `  id: ${q(demoPlayground.groupChatId)}`,
    `  name: ${q(demoPlayground.groupChatName)}`,
    '# The General channel has no entry of its own: its conversation id is the team id.',
    '# The schema allows one extra channel.',
    'team:',
    `  id: ${q(demoTeam.teamId)}`,
    `  name: ${q(demoTeam.name)}`,
    `  aadGroupId: ${q(demoPlayground.teamAadGroupId)}`,
    '  channels:',
    `    - id: ${q(demoTeam.dispatchChannelId)}`,
    `      name: ${q(demoTeam.dispatchChannelName)}`,
  ];
  return `${lines.join('\n')}\n`;
}

const normalise = (text: string): string[] =>
  text.replace(/\r\n/g, '\n').trimEnd().split('\n').map((line) => line.trimEnd());

/**
 * Compares a `.m365agentsplayground.yml` text with what demo.ts renders.
 * Returns the differences (empty when they match), so a test can
 * `expect(checkDemoConfigMatches(text)).toEqual([])` and show what drifted.
 */
export function checkDemoConfigMatches(ymlText: string): string[] {
  const expected = normalise(renderPlaygroundYml());
  const actual = normalise(ymlText);
  const problems: string[] = [];
  for (let i = 0; i < Math.max(expected.length, actual.length) && problems.length < 5; i++) {
    if (expected[i] !== actual[i]) {
      problems.push(`line ${i + 1}: expected ${q(expected[i] ?? '<end of file>')}, found ${q(actual[i] ?? '<end of file>')}`);
    }
  }
  if (problems.length > 0) problems.push('run `tsx playground/demo-yml.ts --write` to regenerate it from playground/demo.ts');
  return problems;
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runDirectly) {
  const mode = process.argv[2];
  if (mode === '--write') {
    writeFileSync(defaultPlaygroundConfigPath, renderPlaygroundYml());
    console.log(`Wrote ${defaultPlaygroundConfigPath}`);
  } else if (mode === '--check') {
    const problems = checkDemoConfigMatches(readFileSync(defaultPlaygroundConfigPath, 'utf8'));
    for (const problem of problems) console.error(problem);
    process.exitCode = problems.length === 0 ? 0 : 1;
  } else {
    console.error('Usage: tsx playground/demo-yml.ts --write | --check');
    process.exitCode = 2;
  }
}

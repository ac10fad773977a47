// Demo set-up of the Microsoft 365 Agents Playground. The people and the team live in
// db/demo.ts (the database seed needs them too, and production code never imports
// playground/); this file re-exports them and adds what only the playground uses.
// `.m365agentsplayground.yml` is rendered from here (`tsx playground/demo-yml.ts --write`)
// and `checkDemoConfigMatches` in demo-yml.ts fails when the two drift apart.
import { demoCurrentUser, demoPeople } from '../db/demo.ts';
import type { DemoPerson } from '../db/demo.ts';

export { demoCurrentUser, demoPeople, demoTeam, partnerOrganisationNames } from '../db/demo.ts';
export type { DemoPerson, DemoRole, DemoTeam, PartnerCode } from '../db/demo.ts';

/** Playground-only settings that have no place in the database seed. */
export const demoPlayground = {
  currentUserAadObjectId: demoCurrentUser.aadObjectId,
  // Teams bot ids are "28:<Microsoft App ID>".
  botId: '28:a45f9cc6-b6ed-44ee-a9ad-086f623ab391',
  botName: 'NAFT-aanmeldbot',
  personalChatId: personalChatIdOf(demoCurrentUser),
  groupChatId: '19:naft-demo-groupchat@thread.v2',
  groupChatName: 'Overleg NAFT Gent en Rand',
  teamAadGroupId: '6f78973c-4840-4312-aaa0-f3e3c50e6310',
} as const;

/**
 * The Bot Framework user id (`from.id`) the playground uses for a person. Derived, so
 * there is nothing to keep in sync; the bot should key on `from.aadObjectId` anyway.
 */
export function demoTeamsUserId(person: Pick<DemoPerson, 'aadObjectId'>): string {
  return `29:${person.aadObjectId}`;
}

/**
 * The 1:1 chat of a person when the playground is started with them as its current user
 * (`PLAYGROUND_USER`): one id per person, so the bot never takes one person's chat for another's.
 */
export function personalChatIdOf(person: Pick<DemoPerson, 'name'>): string {
  const slug = person.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `a:naft-demo-personal-chat-${slug}`;
}

/**
 * The demo person called `name` (case and spacing do not matter), for `PLAYGROUND_USER`.
 * Throws with every demo name when there is none.
 */
export function demoPersonNamed(name: string): DemoPerson {
  const wanted = name.trim().replace(/\s+/g, ' ').toLowerCase();
  const found = demoPeople.find((person) => person.name.toLowerCase() === wanted);
  if (found) return found;
  throw new PlaygroundUserError(`PLAYGROUND_USER must be one of the demo people: ${demoPeople.map((p) => p.name).join(', ')} (got "${name}")`);
}

export class PlaygroundUserError extends Error {
  override name = 'PlaygroundUserError';
}

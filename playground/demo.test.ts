import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoPeople, demoPersonNamed, demoPlayground, demoTeam, personalChatIdOf, PlaygroundUserError, type PartnerCode } from './demo.ts';
import { checkDemoConfigMatches, defaultPlaygroundConfigPath, renderPlaygroundYml } from './demo-yml.ts';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('.m365agentsplayground.yml', () => {
  it('is what playground/demo.ts renders', () => {
    expect(checkDemoConfigMatches(readFileSync(defaultPlaygroundConfigPath, 'utf8'))).toEqual([]);
  });

  it('reports a drifted id with its line', () => {
    const drifted = renderPlaygroundYml().replace(demoTeam.dispatchChannelId, '19:other@thread.tacv2');
    const problems = checkDemoConfigMatches(drifted);
    expect(problems[0]).toMatch(/^line \d+: expected .*naft-gent-en-rand-dispatch.*, found .*19:other/);
  });

  it('ignores line-ending differences', () => {
    expect(checkDemoConfigMatches(renderPlaygroundYml().replace(/\n/g, '\r\n'))).toEqual([]);
  });
});

describe('demo people', () => {
  it('have unique GUID aadObjectIds and unique emails', () => {
    for (const person of demoPeople) expect(person.aadObjectId).toMatch(guid);
    expect(new Set(demoPeople.map((p) => p.aadObjectId)).size).toBe(demoPeople.length);
    expect(new Set(demoPeople.map((p) => p.email)).size).toBe(demoPeople.length);
  });

  it('have a coordinator for every partner organisation (one for two), without a CLB', () => {
    const coordinators = demoPeople.filter((p) => p.role === 'COORDINATOR');
    const codes = new Set(coordinators.flatMap((p) => p.organisationCodes ?? []));
    expect([...codes].sort()).toEqual<PartnerCode[]>(['APART', 'INTRO', 'JES', 'LEJO']);
    expect(coordinators.some((p) => (p.organisationCodes?.length ?? 0) > 1)).toBe(true);
    for (const person of coordinators) expect(person.clbName).toBeUndefined();
  });

  it('name a CLB for every CLB staff member, and no organisation', () => {
    for (const person of demoPeople.filter((p) => p.role === 'CLB_STAFF')) {
      expect(person.clbName).toMatch(/^CLB /);
      expect(person.organisationCodes).toBeUndefined();
    }
  });

  it('make a CLB staff member the current user, plus the five other users the playground requires', () => {
    const current = demoPeople.find((p) => p.aadObjectId === demoPlayground.currentUserAadObjectId);
    expect(current?.role).toBe('CLB_STAFF');
    expect(demoPeople.length - 1).toBe(5);
  });
});

describe('demo team', () => {
  it('uses a GUID tenant and distinct team and channel ids', () => {
    expect(demoTeam.tenantId).toMatch(guid);
    expect(demoTeam.dispatchChannelId).not.toBe(demoTeam.teamId);
  });
});

describe('PLAYGROUND_USER', () => {
  it('names a demo person in any case and spacing', () => {
    expect(demoPersonNamed('  lotte   VERMEULEN ').name).toBe('Lotte Vermeulen');
    expect(demoPersonNamed('Pieter De Smet').organisationCodes).toEqual(['LEJO', 'JES']);
  });

  it('says which names there are when it names nobody', () => {
    expect(() => demoPersonNamed('Lotte')).toThrow(PlaygroundUserError);
    expect(() => demoPersonNamed('Lotte')).toThrow(`PLAYGROUND_USER must be one of the demo people: ${demoPeople.map((p) => p.name).join(', ')} (got "Lotte")`);
  });

  it('gives the playground that person as its current user, the five others as users, and a 1:1 chat of their own', () => {
    const lotte = demoPersonNamed('Lotte Vermeulen');
    const yml = renderPlaygroundYml(lotte);
    const section = (key: string) => yml.split(`\n${key}:\n`)[1]?.split(/\n(?=\S)/)[0] ?? '';
    expect(section('currentUser')).toContain(`aadObjectId: "${lotte.aadObjectId}"`);
    const users = section('users');
    expect(users.match(/^ {2}- id:/gm)).toHaveLength(5);
    expect(users).not.toContain(lotte.aadObjectId);
    expect(users).toContain('name: "Sofie Claes"');
    expect(section('personalChat')).toBe(`  id: "${personalChatIdOf(lotte)}"`);
    expect(personalChatIdOf(lotte)).not.toBe(demoPlayground.personalChatId);
    expect(new Set(demoPeople.map(personalChatIdOf)).size).toBe(demoPeople.length);
  });

  it('leaves .m365agentsplayground.yml as it is for Sofie Claes', () => {
    expect(renderPlaygroundYml(demoPersonNamed('sofie claes'))).toBe(renderPlaygroundYml());
    expect(personalChatIdOf(demoPersonNamed('Sofie Claes'))).toBe('a:naft-demo-personal-chat-sofie-claes');
  });
});

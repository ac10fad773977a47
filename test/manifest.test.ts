import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { BOT_COMMANDS } from '../cards/commands.ts';
import {
  buildAppPackage,
  commandListsFrom,
  InvalidManifestError,
  MANIFEST_DIR,
  renderManifest,
  type TeamsManifest,
} from '../manifest/build.ts';
import { parseManifestEnv } from '../manifest/env.ts';
import { ACCENT_COLOR, drawColorIcon, drawOutlineIcon } from '../manifest/icons.ts';
import { decodePng, readPngHeader } from '../manifest/png.ts';
import { bundledSchemaPath, MANIFEST_SCHEMA_VERSION, validateManifest } from '../manifest/validate.ts';

const BOT_ID = '3f2b6c1e-8d4a-4b7e-9c21-5a6d7e8f9012';
const HOST = 'naft.example.org';
const REPO_ROOT = resolve(import.meta.dirname, '..');

function render(): TeamsManifest {
  return renderManifest({ botId: BOT_ID, hostName: HOST, appVersion: '1.2.3' });
}

async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const archive = await JSZip.loadAsync(zip);
  const files = new Map<string, Buffer>();
  for (const file of Object.values(archive.files)) {
    if (!file.dir) files.set(file.name, await file.async('nodebuffer'));
  }
  return files;
}

describe('rendered manifest', () => {
  it('validates against the bundled Teams schema', () => {
    expect(validateManifest(render())).toEqual({ ok: true });
  });

  it('uses the newest numbered schema version bundled in @microsoft/app-manifest', () => {
    const versions = readdirSync(dirname(dirname(bundledSchemaPath())))
      .filter((name) => /^v\d+\.\d+$/.test(name))
      .map((name) => name.slice(1).split('.').map(Number) as [number, number])
      .sort(([aMajor, aMinor], [bMajor, bMinor]) => aMajor - bMajor || aMinor - bMinor);
    expect(versions.at(-1)?.join('.')).toBe(MANIFEST_SCHEMA_VERSION);
    expect(render().manifestVersion).toBe(MANIFEST_SCHEMA_VERSION);
  });

  it('fills the bot id, host name and version, keeping the Teams app id separate', () => {
    const manifest = render();
    expect(manifest.bots?.[0]?.botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual([HOST]);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.id).toMatch(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
    expect(manifest.id).not.toBe(BOT_ID);
    // Stable across builds: Teams treats a new id as a different app.
    expect(renderManifest({ botId: 'c0ffee00-0000-4000-8000-000000000000', hostName: 'x.example' }).id).toBe(
      manifest.id,
    );
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('declares the report tab: personal, configurable in a team channel, and its SSO resource', () => {
    const manifest = render();
    expect(manifest.staticTabs).toEqual([
      { entityId: 'rapport', name: 'Rapport', contentUrl: `https://${HOST}/rapport`, websiteUrl: `https://${HOST}/rapport`, scopes: ['personal'] },
    ]);
    expect(manifest.configurableTabs).toEqual([
      { configurationUrl: `https://${HOST}/rapport/instellen`, canUpdateConfiguration: true, scopes: ['team'], context: ['channelTab'] },
    ]);
    // The id URI the tab's token is for: what the service requires as audience (config/env.ts
    // derives it the same way from PUBLIC_BASE_URL and MicrosoftAppId).
    expect(manifest.webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://${HOST}/${BOT_ID}` });
    // Teams loads tab pages only from the app's valid domains.
    for (const url of [manifest.staticTabs?.[0]?.contentUrl, manifest.configurableTabs?.[0]?.configurationUrl]) {
      expect(manifest.validDomains).toContain(new URL(url ?? '').host);
    }
  });

  it('defaults developer links to the host and accepts overrides', () => {
    expect(render().developer.privacyUrl).toBe(`https://${HOST}/privacy`);
    const manifest = renderManifest({
      botId: BOT_ID,
      hostName: HOST,
      developer: { name: 'NAFT Gent en Rand', privacyUrl: 'https://naft.example.be/privacy' },
    });
    expect(manifest.developer.name).toBe('NAFT Gent en Rand');
    expect(manifest.developer.privacyUrl).toBe('https://naft.example.be/privacy');
    expect(manifest.developer.termsOfUseUrl).toBe(`https://${HOST}/gebruiksvoorwaarden`);
  });

  it('offers exactly BOT_COMMANDS in the bot command menu, one list per scope', () => {
    const lists = render().bots?.[0]?.commandLists ?? [];
    for (const list of lists) expect(list.scopes).toHaveLength(1);
    const fromManifest = new Map<string, { description?: string; scopes: string[] }>();
    for (const list of lists) {
      for (const command of list.commands) {
        const entry = fromManifest.get(command.title) ?? { description: command.description, scopes: [] };
        entry.scopes.push(...list.scopes);
        fromManifest.set(command.title, entry);
      }
    }
    expect(fromManifest).toEqual(
      new Map(BOT_COMMANDS.filter((c) => c.menu !== false).map((c) => [c.title, { description: c.description, scopes: [...c.scopes] }])),
    );
  });

  it('keeps commands within the limits Teams shows in its menu', () => {
    for (const list of commandListsFrom(BOT_COMMANDS)) expect(list.commands.length, list.scopes.join()).toBeLessThanOrEqual(10);
    for (const command of BOT_COMMANDS) {
      expect(command.title.length, command.title).toBeLessThanOrEqual(32);
      expect(command.description.length, command.title).toBeLessThanOrEqual(128);
    }
  });
});

function firstBot(manifest: TeamsManifest) {
  const bot = manifest.bots?.[0];
  if (!bot) throw new Error('the rendered manifest has no bot');
  return bot;
}

describe('validateManifest', () => {
  const broken: Array<[string, (m: TeamsManifest) => void, RegExp]> = [
    ['no bot id', (m) => { delete (firstBot(m) as { botId?: string }).botId; }, /\/bots\/0 must have required property 'botId'/],
    ['a bot id that is no GUID', (m) => { firstBot(m).botId = 'not-a-guid'; }, /\/bots\/0\/botId must match pattern/],
    ['a version Teams rejects', (m) => { m.version = '1.0'; }, /\/version must match pattern/],
    ['another manifest version', (m) => { m.manifestVersion = '1.17' as '1.30'; }, /\/manifestVersion must be equal to constant: "1.30"/],
    ['an unknown property', (m) => { Object.assign(m, { colour: 'blue' }); }, /must NOT have additional properties: "colour"/],
    ['a short description over 80 characters', (m) => { m.description.short = 'x'.repeat(81); }, /\/description\/short must NOT have more than 80 characters/],
  ];

  it.each(broken)('rejects a manifest with %s, saying where', (_name, breakIt, message) => {
    const manifest = render();
    breakIt(manifest);
    const result = validateManifest(manifest);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(message);
  });

  it('rejects something that is not a manifest at all', () => {
    expect(validateManifest('manifest.json')).toEqual({ ok: false, errors: ['(manifest root) must be object'] });
  });
});

describe('app package', () => {
  it('holds exactly manifest.json and the two icons at the root, placeholders filled', async () => {
    const files = await unzip(await buildAppPackage({ manifest: render() }));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = files.get('manifest.json')?.toString('utf8') ?? '';
    expect(text).not.toContain('{{');
    const manifest = JSON.parse(text) as TeamsManifest;
    expect(manifest.bots?.[0]?.botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual([HOST]);
    expect(files.get('color.png')?.equals(readFileSync(join(MANIFEST_DIR, 'color.png')))).toBe(true);
  });

  it('refuses to zip an invalid manifest', async () => {
    const manifest = render();
    manifest.version = 'v1';
    await expect(buildAppPackage({ manifest })).rejects.toBeInstanceOf(InvalidManifestError);
    await expect(buildAppPackage({ manifest })).rejects.toThrow(/\/version must match pattern/);
  });
});

describe('icons', () => {
  const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
  const outline = readFileSync(join(MANIFEST_DIR, 'outline.png'));

  it('have the sizes Teams requires', () => {
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32 });
  });

  it('colour icon is opaque, on the manifest accent colour', () => {
    const { rgba } = decodePng(color);
    for (let i = 3; i < rgba.length; i += 4) expect(rgba[i]).toBe(255);
    const corner = `#${[...rgba.subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    expect(corner.toUpperCase()).toBe(ACCENT_COLOR.toUpperCase());
    expect(render().accentColor.toUpperCase()).toBe(ACCENT_COLOR.toUpperCase());
  });

  it('outline icon is white on transparent only', () => {
    const { rgba } = decodePng(outline);
    let visible = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] === 0) continue;
      visible++;
      expect([...rgba.subarray(i, i + 3)]).toEqual([255, 255, 255]);
    }
    expect(rgba[3]).toBe(0); // top-left corner is background
    expect(visible).toBeGreaterThan(0);
  });

  it('match what manifest/make-icons.ts draws (regenerate after changing icons.ts)', () => {
    expect(decodePng(color)).toEqual(drawColorIcon());
    expect(decodePng(outline)).toEqual(drawOutlineIcon());
  });
});

describe('parseManifestEnv', () => {
  it('accepts the required values and normalises the host name', () => {
    const result = parseManifestEnv({ MicrosoftAppId: BOT_ID, BOT_HOSTNAME: ' NAFT.Example.org ' });
    expect(result).toMatchObject({ ok: true, env: { MicrosoftAppId: BOT_ID, BOT_HOSTNAME: HOST } });
  });

  it('treats an empty value as missing', () => {
    const result = parseManifestEnv({ MicrosoftAppId: '', BOT_HOSTNAME: HOST });
    expect(result).toEqual({ ok: false, errors: [expect.stringMatching(/^MicrosoftAppId is missing/)] });
  });

  it.each([
    ['BOT_HOSTNAME', 'https://naft.example.org'],
    ['BOT_HOSTNAME', 'naft.example.org/api'],
    ['BOT_HOSTNAME', 'localhost:3978'],
    ['APP_VERSION', '1.0.0-beta.1'],
    ['MANIFEST_PRIVACY_URL', 'http://naft.example.org/privacy'],
  ])('rejects %s=%s, naming the variable', (name, value) => {
    const result = parseManifestEnv({ MicrosoftAppId: BOT_ID, BOT_HOSTNAME: HOST, [name]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.stringContaining(`${name} must be`)]);
  });
});

describe('npm run manifest (scripts/build-manifest.ts)', () => {
  const outDirs: string[] = [];
  afterAll(() => {
    for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** The script in a child process with only the given manifest variables set. */
  function runScript(vars: Record<string, string>) {
    const ours = /^(MicrosoftAppId|BOT_HOSTNAME|APP_VERSION|MANIFEST_.*)$/;
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !ours.test(key)));
    return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-manifest.ts'], {
      cwd: REPO_ROOT,
      env: { ...env, ...vars },
      encoding: 'utf8',
    });
  }

  it('fails with a clear message and no stack trace when MicrosoftAppId is missing', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'naft-manifest-'));
    outDirs.push(outDir);
    const run = runScript({ BOT_HOSTNAME: HOST, MANIFEST_OUT_DIR: outDir });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('MicrosoftAppId is missing');
    expect(run.stderr).toContain('GUID');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(outDir)).toEqual([]);
  }, 30_000);

  it('writes the package to MANIFEST_OUT_DIR with valid env', async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'naft-manifest-')), 'nested');
    outDirs.push(dirname(outDir));
    const run = runScript({ MicrosoftAppId: BOT_ID, BOT_HOSTNAME: HOST, MANIFEST_OUT_DIR: outDir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const zipPath = join(outDir, 'naft-aanmelding.zip');
    expect(run.stdout).toContain(zipPath);
    const files = await unzip(readFileSync(zipPath));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '') as TeamsManifest;
    expect(manifest.bots?.[0]?.botId).toBe(BOT_ID);
    expect(manifest.version).toBe(
      (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  }, 30_000);
});

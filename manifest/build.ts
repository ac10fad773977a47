/**
 * Fills manifest.template.json and zips the Teams app package. No environment access here:
 * scripts/build-manifest.ts reads and checks the environment, tests call these directly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import { BOT_COMMANDS, type BotCommand } from '../cards/commands.ts';
import packageJson from '../package.json' with { type: 'json' };
import { readPngHeader } from './png.ts';
import { validateManifest } from './validate.ts';

export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;
type CommandList = TeamsManifestV1D30.CommandList;

export const MANIFEST_DIR = import.meta.dirname;
export const TEMPLATE_PATH = join(MANIFEST_DIR, 'manifest.template.json');

/** Teams' icon rules: colour 192x192, outline 32x32. */
const ICON_SIZES = { color: 192, outline: 32 } as const;

export interface DeveloperInfo {
  name: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

export interface ManifestOptions {
  /** The bot's Microsoft App ID (Azure Bot registration), not the Teams app id. */
  botId: string;
  /** Host name only (naft.example.org): goes into validDomains. */
  hostName: string;
  /** MAJOR.MINOR.PATCH; defaults to package.json's version. */
  appVersion?: string;
  developer?: Partial<DeveloperInfo>;
  commands?: ReadonlyArray<BotCommand>;
}

/** Pages the bot's own server is expected to serve when nothing else is configured. */
export function defaultDeveloper(hostName: string): DeveloperInfo {
  return {
    name: 'NAFT',
    websiteUrl: `https://${hostName}/`,
    privacyUrl: `https://${hostName}/privacy`,
    termsOfUseUrl: `https://${hostName}/gebruiksvoorwaarden`,
  };
}

/** One command list per scope, as the manifest schema recommends; empty scopes are left out. */
export function commandListsFrom(commands: ReadonlyArray<BotCommand>): CommandList[] {
  const scopes = [...new Set(commands.flatMap((command) => command.scopes))];
  return scopes.map((scope) => ({
    scopes: [scope],
    commands: commands
      // Teams shows at most ten commands per scope in its menu.
      .filter((command) => command.scopes.includes(scope) && command.menu !== false)
      .map(({ title, description }) => ({ title, description })),
  }));
}

const PLACEHOLDER = /\{\{([A-Z_]+)\}\}/g;

/**
 * Replaces {{NAME}} inside string values of the parsed template. Working on parsed JSON rather
 * than on the raw text means a value can never break the JSON or inject properties.
 */
function fill(value: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_match, name: string) => {
      const replacement = values[name];
      if (replacement === undefined) throw new Error(`Template placeholder {{${name}}} has no value`);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)]));
  }
  return value;
}

export function renderManifest(options: ManifestOptions): TeamsManifest {
  const developer = { ...defaultDeveloper(options.hostName), ...options.developer };
  const template: unknown = JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8'));
  // The cast describes the template's shape; validateManifest is what proves it (the build
  // refuses to zip an invalid manifest and the tests validate the rendered template).
  const manifest = fill(template, {
    BOT_ID: options.botId,
    HOST_NAME: options.hostName,
    APP_VERSION: options.appVersion ?? packageJson.version,
    DEVELOPER_NAME: developer.name,
    WEBSITE_URL: developer.websiteUrl,
    PRIVACY_URL: developer.privacyUrl,
    TERMS_URL: developer.termsOfUseUrl,
  }) as TeamsManifest;

  const bot = manifest.bots?.[0];
  if (!bot) throw new Error(`${TEMPLATE_PATH} must declare the bot in "bots"`);
  // Built from cards/commands.ts so the Teams command menu, the welcome card and the help
  // answer share one list.
  const commandLists = commandListsFrom(options.commands ?? BOT_COMMANDS);
  if (commandLists.length > 0) bot.commandLists = commandLists;
  return manifest;
}

export class InvalidManifestError extends Error {
  readonly errors: string[];

  constructor(errors: string[]) {
    super(`The Teams app manifest is invalid:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'InvalidManifestError';
    this.errors = errors;
  }
}

export interface PackageOptions {
  manifest: TeamsManifest;
  /** Where the icon files named in manifest.icons live. */
  iconDir?: string;
}

/** Zips manifest.json and both icons at the zip root, which is where Teams looks for them. */
export async function buildAppPackage({ manifest, iconDir = MANIFEST_DIR }: PackageOptions): Promise<Buffer> {
  // Checked here, not only by the caller, so an invalid package cannot be produced at all.
  const validation = validateManifest(manifest);
  if (!validation.ok) throw new InvalidManifestError(validation.errors);

  const zip = new JSZip();
  // A fixed timestamp makes the same input give the same zip, so rebuilds are comparable.
  const date = new Date(2000, 0, 1);
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const kind of ['color', 'outline'] as const) {
    const file = manifest.icons[kind];
    const png = readFileSync(join(iconDir, file));
    const { width, height } = readPngHeader(png);
    const size = ICON_SIZES[kind];
    if (width !== size || height !== size) {
      throw new Error(`Icon ${file} is ${width}x${height}; Teams needs ${size}x${size}`);
    }
    zip.file(file, png, { date });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * `npm run manifest`: builds the Teams app package (build/naft-aanmelding.zip) to upload in
 * Teams or the Teams admin center.
 *
 * Env: MicrosoftAppId (required, bot GUID), BOT_HOSTNAME (required, host name only),
 * APP_VERSION (optional, default package.json version), MANIFEST_DEVELOPER_NAME,
 * MANIFEST_WEBSITE_URL, MANIFEST_PRIVACY_URL, MANIFEST_TERMS_URL (optional, default to pages
 * on BOT_HOSTNAME), MANIFEST_OUT_DIR (optional, default build/ in the repository).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { buildAppPackage, InvalidManifestError, renderManifest } from '../manifest/build.ts';
import { parseManifestEnv } from '../manifest/env.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..');
const PACKAGE_FILE = 'naft-aanmelding.zip';

class UsageError extends Error {}

async function main(): Promise<void> {
  const parsed = parseManifestEnv(process.env);
  if (!parsed.ok) {
    throw new UsageError(
      `Cannot build the Teams app package; fix these environment variables:\n${parsed.errors
        .map((error) => `  - ${error}`)
        .join('\n')}`,
    );
  }
  const { env } = parsed;

  const manifest = renderManifest({
    botId: env.MicrosoftAppId,
    hostName: env.BOT_HOSTNAME,
    appVersion: env.APP_VERSION,
    developer: {
      ...(env.MANIFEST_DEVELOPER_NAME && { name: env.MANIFEST_DEVELOPER_NAME }),
      ...(env.MANIFEST_WEBSITE_URL && { websiteUrl: env.MANIFEST_WEBSITE_URL }),
      ...(env.MANIFEST_PRIVACY_URL && { privacyUrl: env.MANIFEST_PRIVACY_URL }),
      ...(env.MANIFEST_TERMS_URL && { termsOfUseUrl: env.MANIFEST_TERMS_URL }),
    },
  });
  const zip = await buildAppPackage({ manifest });

  const outDir = env.MANIFEST_OUT_DIR ? resolve(env.MANIFEST_OUT_DIR) : join(REPO_ROOT, 'build');
  await mkdir(outDir, { recursive: true });
  const outFile = join(outDir, PACKAGE_FILE);
  await writeFile(outFile, zip);

  const shown = relative(process.cwd(), outFile);
  const lists = manifest.bots?.[0]?.commandLists ?? [];
  const commands = new Set(lists.flatMap((list) => list.commands.map((command) => command.title))).size;
  console.log(`Wrote ${shown.startsWith('..') ? outFile : shown}`);
  console.log(
    `${manifest.name.short} ${manifest.version} (manifest v${manifest.manifestVersion}, app id ${manifest.id}): ` +
      `bot ${env.MicrosoftAppId} on ${env.BOT_HOSTNAME}, ${commands} command(s), ${zip.length} bytes.`,
  );
  if (!env.MANIFEST_PRIVACY_URL || !env.MANIFEST_TERMS_URL || !env.MANIFEST_WEBSITE_URL) {
    console.log(
      `Note: developer links default to https://${env.BOT_HOSTNAME}/...; set MANIFEST_WEBSITE_URL, ` +
        'MANIFEST_PRIVACY_URL and MANIFEST_TERMS_URL if those pages live elsewhere.',
    );
  }
}

try {
  await main();
} catch (error) {
  // Expected failures get their message only; a stack trace would bury it.
  if (error instanceof UsageError || error instanceof InvalidManifestError) {
    console.error(error.message);
  } else {
    console.error(`Cannot build the Teams app package: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}

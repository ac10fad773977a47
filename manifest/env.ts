/**
 * The environment of `npm run manifest`, checked once. Messages are in English (developers and
 * admins read them) and name the variable and what it should hold.
 */
import { z } from 'zod';

/** Unset and empty ("MicrosoftAppId=" in an env file) both mean "missing". */
const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const got = (input: unknown): string => (input === undefined ? '' : ` (got ${JSON.stringify(input)})`);

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// Teams' manifest schema accepts MAJOR.MINOR.PATCH only: no pre-release or build suffix.
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function httpsUrl(name: string, what: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .url({
        protocol: /^https$/,
        error: (issue) => `${name} must be an https:// URL of ${what}${got(issue.input)}.`,
      })
      .optional(),
  );
}

export const ZManifestEnv = z.object({
  MicrosoftAppId: z.preprocess(
    blankToUndefined,
    z.guid({
      error: (issue) =>
        issue.input === undefined
          ? 'MicrosoftAppId is missing: set it to the bot\'s Microsoft App ID from its Azure Bot ' +
            'registration, a GUID like 00000000-0000-0000-0000-000000000000.'
          : `MicrosoftAppId must be the bot's Microsoft App ID, a GUID like ` +
            `00000000-0000-0000-0000-000000000000${got(issue.input)}.`,
    }),
  ),
  BOT_HOSTNAME: z.preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      return typeof blank === 'string' ? blank.trim().toLowerCase() : blank;
    },
    z
      .string({
        error: 'BOT_HOSTNAME is missing: set it to the public host name of the bot, without ' +
          'scheme or path, e.g. naft.example.org.',
      })
      .regex(HOST_NAME, {
        error: (issue) =>
          `BOT_HOSTNAME must be a host name without scheme, port or path, e.g. naft.example.org${got(issue.input)}.`,
      }),
  ),
  APP_VERSION: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(VERSION, {
        error: (issue) =>
          `APP_VERSION must be MAJOR.MINOR.PATCH, e.g. 1.2.0; Teams accepts no pre-release suffix${got(issue.input)}.`,
      })
      .optional(),
  ),
  MANIFEST_DEVELOPER_NAME: z.preprocess(
    blankToUndefined,
    z.string().max(32, { error: 'MANIFEST_DEVELOPER_NAME must be at most 32 characters (Teams limit).' }).optional(),
  ),
  MANIFEST_WEBSITE_URL: httpsUrl('MANIFEST_WEBSITE_URL', 'the app\'s website or support page'),
  MANIFEST_PRIVACY_URL: httpsUrl('MANIFEST_PRIVACY_URL', 'the privacy statement'),
  MANIFEST_TERMS_URL: httpsUrl('MANIFEST_TERMS_URL', 'the terms of use'),
  MANIFEST_OUT_DIR: z.preprocess(blankToUndefined, z.string().optional()),
});

export type TManifestEnv = z.infer<typeof ZManifestEnv>;

export type ManifestEnvResult = { ok: true; env: TManifestEnv } | { ok: false; errors: string[] };

export function parseManifestEnv(env: Readonly<Record<string, string | undefined>>): ManifestEnvResult {
  const result = ZManifestEnv.safeParse(env);
  if (result.success) return { ok: true, env: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => issue.message) };
}

// The service's configuration: read once at start-up, validated with zod, never read again from
// process.env elsewhere. A wrong value stops the service with a message naming the variable.
import { z } from 'zod';

// Deployment tools often write `NAME=` for "not set"; treat empty as absent.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const guid = (name: string) =>
  z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, `${name} must be a GUID such as 00000000-0000-0000-0000-000000000000`);

const port = (name: string) => {
  const message = `${name} must be a whole number between 0 and 65535 (0 picks a free port)`;
  return optional(z.coerce.number({ message }).int(message).min(0, message).max(65535, message));
};

/** A privacy threshold: a whole number, never below 3 (a group of two singles out the other). */
const threshold = (name: string) => {
  const message = `${name} must be a whole number between 3 and 1000`;
  return optional(z.coerce.number({ message }).int(message).min(3, message).max(1000, message));
};

export const defaultPort = 3978;
export const DEFAULT_PRIVACY_MIN_COUNT = 5;
export const DEFAULT_PRIVACY_MIN_N = 10;
export const defaultPlaygroundPort = 56150;
/** Microsoft Entra's signing keys for v2.0 tokens of every tenant. */
export const DEFAULT_SSO_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
/** A class code serves up to 60 pupils (dispatch/close.ts MAX_GROUP_USES), often behind one school address. */
export const DEFAULT_SURVEY_RATE_PER_MINUTE = 60;

const DAYS = [
  ['maandag', 'monday'],
  ['dinsdag', 'tuesday'],
  ['woensdag', 'wednesday'],
  ['donderdag', 'thursday'],
  ['vrijdag', 'friday'],
  ['zaterdag', 'saturday'],
  ['zondag', 'sunday'],
] as const;
const WEEKLY = new RegExp(`^(${DAYS.flat().join('|')})\\s+([01]?\\d|2[0-3])(:00)?$`);

/** "maandag 09:00" → weekday 1 (Monday) … 7, hour 9 (Belgian time). */
function parseWeekly(value: string): { weekday: number; hour: number } {
  const match = WEEKLY.exec(value);
  const day = DAYS.findIndex((names) => names.some((n) => n === match?.[1]));
  return { weekday: day + 1, hour: Number(match?.[2] ?? 9) };
}

export const ZEnv = z
  .object({
    PORT: port('PORT'),
    DATABASE_URL: optional(
      z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'DATABASE_URL must be a PostgreSQL URL such as postgresql://user@host:5432/naft (leave it unset to use the embedded database)'),
    ),
    DATA_DIR: optional(z.string()),
    MicrosoftAppId: optional(guid('MicrosoftAppId')),
    MicrosoftAppPassword: optional(z.string()),
    MicrosoftAppTenantId: optional(guid('MicrosoftAppTenantId')),
    MicrosoftAppType: optional(
      z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI'], { message: 'MicrosoftAppType must be SingleTenant, MultiTenant or UserAssignedMSI' }),
    ),
    PLAYGROUND: optional(z.enum(['on', 'off'], { message: 'PLAYGROUND must be "on" or "off"' })),
    PLAYGROUND_PORT: port('PLAYGROUND_PORT'),
    // Which demo person the playground makes its current user; the name is checked against the
    // demo people when the playground is loaded (server/main.ts), since config knows none of them.
    PLAYGROUND_USER: optional(z.string().transform((v) => v.trim() || undefined)),
    DEMO_DATA: optional(z.enum(['on', 'off'], { message: 'DEMO_DATA must be "on" or "off"' })),
    DEMO_REPORTS: optional(z.enum(['on', 'off'], { message: 'DEMO_REPORTS must be "on" or "off"' })),
    LOG_LEVEL: optional(z.enum(['debug', 'info', 'warn', 'error'], { message: 'LOG_LEVEL must be debug, info, warn or error' })),
    PUBLIC_BASE_URL: optional(
      z
        .url({ protocol: /^https?$/, message: 'PUBLIC_BASE_URL must be the public address of this service, such as https://naft.example.be (the survey links and QR codes point there)' })
        .transform((u) => u.replace(/\/+$/, '')),
    ),
    SURVEY_DAYS: optional(
      z.coerce
        .number({ message: 'SURVEY_DAYS must be a whole number of days between 1 and 365' })
        .int('SURVEY_DAYS must be a whole number of days between 1 and 365')
        .min(1, 'SURVEY_DAYS must be a whole number of days between 1 and 365')
        .max(365, 'SURVEY_DAYS must be a whole number of days between 1 and 365'),
    ),
    SURVEY_RATE_PER_MINUTE: optional(
      z.coerce
        .number({ message: 'SURVEY_RATE_PER_MINUTE must be a whole number of survey answers per address and minute, between 1 and 100000' })
        .int('SURVEY_RATE_PER_MINUTE must be a whole number of survey answers per address and minute, between 1 and 100000')
        .min(1, 'SURVEY_RATE_PER_MINUTE must be a whole number of survey answers per address and minute, between 1 and 100000')
        .max(100_000, 'SURVEY_RATE_PER_MINUTE must be a whole number of survey answers per address and minute, between 1 and 100000'),
    ),
    OUTBOX_RETRY_HOURS: optional(
      z.coerce
        .number({ message: 'OUTBOX_RETRY_HOURS must be a whole number of hours between 1 and 720' })
        .int('OUTBOX_RETRY_HOURS must be a whole number of hours between 1 and 720')
        .min(1, 'OUTBOX_RETRY_HOURS must be a whole number of hours between 1 and 720')
        .max(720, 'OUTBOX_RETRY_HOURS must be a whole number of hours between 1 and 720'),
    ),
    // Small groups: counts below PRIVACY_MIN_COUNT are hidden in reports and survey answers are
    // stored only among at least that many; rates, means and distributions need PRIVACY_MIN_N.
    PRIVACY_MIN_COUNT: threshold('PRIVACY_MIN_COUNT'),
    PRIVACY_MIN_N: threshold('PRIVACY_MIN_N'),
    // The report tab's Teams SSO (tab/sso.ts). The audience defaults to the id URI Teams uses,
    // api://<host of PUBLIC_BASE_URL>/<MicrosoftAppId>; the tenants to the bot's own tenant.
    SSO_APP_ID_URI: optional(
      z.string().trim().regex(/^api:\/\/\S+$/, 'SSO_APP_ID_URI must be the app\'s Application ID URI, such as api://naft.example.be/00000000-0000-0000-0000-000000000000'),
    ),
    SSO_TENANT_IDS: optional(
      z
        .string()
        .transform((v) => v.split(',').map((t) => t.trim()).filter((t) => t !== ''))
        .pipe(z.array(guid('SSO_TENANT_IDS').transform((t) => t.toLowerCase()), { message: 'SSO_TENANT_IDS must be a comma-separated list of tenant GUIDs' })),
    ),
    // Only tests point this elsewhere (a JWKS on loopback); keys are never fetched over plain
    // http from anywhere else, since whoever serves them decides who may sign in.
    SSO_JWKS_URL: optional(
      z.url({ protocol: /^https?$/, message: 'SSO_JWKS_URL must be an https URL (http only on 127.0.0.1 or localhost, for tests)' }).refine(
        (u) => new URL(u).protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(u).hostname),
        'SSO_JWKS_URL must be an https URL (http only on 127.0.0.1 or localhost, for tests)',
      ),
    ),
    DISPATCH_OVERVIEW: optional(
      z
        .string()
        .transform((v) => v.trim().toLowerCase())
        .pipe(z.string().regex(WEEKLY, 'DISPATCH_OVERVIEW must be a weekday and an hour in Belgian time, such as "maandag 09:00" (or "monday 9")'))
        .transform(parseWeekly),
    ),
  })
  .superRefine((env, ctx) => {
    const playgroundPort = env.PLAYGROUND_PORT ?? defaultPlaygroundPort;
    if (!env.MicrosoftAppId && env.PLAYGROUND !== 'off' && playgroundPort !== 0 && playgroundPort === (env.PORT ?? defaultPort)) {
      ctx.addIssue({ code: 'custom', path: ['PLAYGROUND_PORT'], message: `PLAYGROUND_PORT must differ from PORT (both are ${playgroundPort})` });
    }
    if (!env.MicrosoftAppId) return;
    // Behind Teams the service's own address is not what a phone can open: QR codes need the public one.
    if (!env.PUBLIC_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'PUBLIC_BASE_URL is required when MicrosoftAppId is set: the public https address of this service, such as https://naft.example.be (survey links and QR codes point there)' });
    }
    const type = env.MicrosoftAppType ?? 'SingleTenant';
    if (type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: `MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is ${type}` });
    }
    if (type !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `MicrosoftAppTenantId is required when MicrosoftAppId is set and MicrosoftAppType is ${type}` });
    }
    // Run even when other variables are wrong, so one start-up reports every problem at once.
  }, { when: () => true });
export type TEnv = z.infer<typeof ZEnv>;

export interface BotCredentials {
  appId: string;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
}

/** How the report tab checks a Teams SSO token (tab/sso.ts). */
export interface SsoSettings {
  /**
   * The Application ID URI the token must be for. Undefined when neither SSO_APP_ID_URI nor
   * PUBLIC_BASE_URL is set: then every token is refused (server/app.ts warns at start).
   */
  audience: string | undefined;
  /** Lower-case tenant GUIDs whose users may open the tab; empty refuses everyone. */
  tenantIds: string[];
  jwksUrl: string;
}

export interface Config {
  port: number;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  /** Undefined in local mode: Bot Framework authentication is off. */
  bot: BotCredentials | undefined;
  playground: boolean;
  /** Port of the Agents Playground that `npm start` launches in local mode. */
  playgroundPort: number;
  /** PLAYGROUND_USER: the demo person the playground makes its current user (default: the CLB user). */
  playgroundUser: string | undefined;
  demoData: boolean;
  /**
   * DEMO_REPORTS: a year of generated referral history (decisions, steps, afronding, survey
   * answers) so the reports show every figure. Default: on only when the demo data is on by
   * default (plain `npm start` in local mode), so tests that ask for DEMO_DATA=on get none.
   */
  demoReports: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** The weekly overview in each dispatch channel: weekday (1 = Monday) and hour, Belgian time. */
  dispatchOverview: { weekday: number; hour: number };
  /**
   * Where young people open the survey (QR codes and links). Undefined: the service's own address
   * (fine in local mode, where the QR works on this machine).
   */
  publicBaseUrl: string | undefined;
  /** How long the outbox keeps retrying a message before it is given up (OUTBOX_RETRY_HOURS), in ms. */
  outboxRetryMs: number;
  /** How long a survey code works, in days. */
  surveyDays: number;
  /**
   * Survey answers (POSTs) one address may send per minute; page views may be ten times that.
   * A whole class behind one school address answers at once, so not too low.
   */
  surveyRatePerMinute: number;
  /**
   * Small groups (PRIVACY_MIN_COUNT, PRIVACY_MIN_N): a count under minCount is shown as "< minCount"
   * and a survey answer is stored only among at least minCount others; percentages, means, medians
   * and distributions need at least minN.
   */
  privacy: { minCount: number; minN: number };
  /** The report tab's Teams SSO; undefined in local mode, where the tab offers the demo people instead. */
  sso: SsoSettings | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The database URL for the Prisma CLI (prisma.config.ts), checked like the service's own: only
 * DATABASE_URL is read, so a CLI run needs none of the service's other settings.
 */
export function cliDatabaseUrl(source: Record<string, string | undefined> = process.env): string {
  const parsed = ZEnv.shape.DATABASE_URL.safeParse(source.DATABASE_URL);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  return parsed.data ?? 'postgresql://localhost:5432/naft';
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const got = source[name];
        // Never echo secrets back into logs.
        const shown = got === undefined || /password/i.test(name) ? '' : ` (got "${got}")`;
        return `${issue.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  const bot: BotCredentials | undefined = env.MicrosoftAppId
    ? { appId: env.MicrosoftAppId, appPassword: env.MicrosoftAppPassword, tenantId: env.MicrosoftAppTenantId, appType: env.MicrosoftAppType ?? 'SingleTenant' }
    : undefined;
  return {
    port: env.PORT ?? defaultPort,
    database: env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.DATA_DIR ?? './data' },
    bot,
    // The playground stands in for Teams only when there is no real Teams to talk to.
    playground: !bot && env.PLAYGROUND !== 'off',
    playgroundPort: env.PLAYGROUND_PORT ?? defaultPlaygroundPort,
    playgroundUser: env.PLAYGROUND_USER,
    demoData: env.DEMO_DATA ? env.DEMO_DATA === 'on' : !bot,
    demoReports: env.DEMO_REPORTS ? env.DEMO_REPORTS === 'on' : env.DEMO_DATA === undefined && !bot,
    logLevel: env.LOG_LEVEL ?? 'info',
    dispatchOverview: env.DISPATCH_OVERVIEW ?? { weekday: 1, hour: 9 },
    publicBaseUrl: env.PUBLIC_BASE_URL,
    outboxRetryMs: (env.OUTBOX_RETRY_HOURS ?? 24) * 3_600_000,
    surveyDays: env.SURVEY_DAYS ?? 30,
    surveyRatePerMinute: env.SURVEY_RATE_PER_MINUTE ?? DEFAULT_SURVEY_RATE_PER_MINUTE,
    privacy: { minCount: env.PRIVACY_MIN_COUNT ?? DEFAULT_PRIVACY_MIN_COUNT, minN: env.PRIVACY_MIN_N ?? DEFAULT_PRIVACY_MIN_N },
    sso: bot
      ? {
          audience: env.SSO_APP_ID_URI ?? (env.PUBLIC_BASE_URL ? `api://${new URL(env.PUBLIC_BASE_URL).host}/${bot.appId}` : undefined),
          tenantIds: env.SSO_TENANT_IDS ?? (bot.tenantId ? [bot.tenantId.toLowerCase()] : []),
          jwksUrl: env.SSO_JWKS_URL ?? DEFAULT_SSO_JWKS_URL,
        }
      : undefined,
  };
}

import { describe, expect, it } from 'vitest';
import { cliDatabaseUrl, ConfigError, loadConfig } from './env.ts';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs locally with nothing set: embedded database, no auth, playground on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, database: { kind: 'pglite', dataDir: './data' }, bot: undefined, playground: true, playgroundPort: 56150, demoData: true, logLevel: 'info' });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ', MicrosoftAppId: '' }).bot).toBeUndefined();
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@localhost:5432/naft' }).database).toEqual({ kind: 'postgres', url: 'postgresql://u@localhost:5432/naft' });
  });

  it('turns authentication on, and the playground and demo data off, with credentials', () => {
    const config = loadConfig({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000',
      PUBLIC_BASE_URL: 'https://naft.example.be/',
    });
    expect(config.publicBaseUrl).toBe('https://naft.example.be');
    expect(config.bot).toEqual({ appId: '11111111-2222-3333-4444-555555555555', appPassword: 'secret', tenantId: '66666666-7777-8888-9999-000000000000', appType: 'SingleTenant' });
    expect(config.playground).toBe(false);
    expect(config.demoData).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number between 0 and 65535 (0 picks a free port) (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a whole number between 0 and 65535 (0 picks a free port) (got "70000")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a PostgreSQL URL'],
    [{ MicrosoftAppId: 'not-a-guid' }, 'MicrosoftAppId must be a GUID'],
    [{ PLAYGROUND: 'yes' }, 'PLAYGROUND must be "on" or "off" (got "yes")'],
    [{ PLAYGROUND_PORT: 'x' }, 'PLAYGROUND_PORT must be a whole number between 0 and 65535 (0 picks a free port) (got "x")'],
    [{ PLAYGROUND_PORT: '-1' }, 'PLAYGROUND_PORT must be a whole number between 0 and 65535 (0 picks a free port) (got "-1")'],
    [{ PORT: '4000', PLAYGROUND_PORT: '4000' }, 'PLAYGROUND_PORT must differ from PORT (both are 4000)'],
    [{ PLAYGROUND_PORT: '3978' }, 'PLAYGROUND_PORT must differ from PORT (both are 3978)'],
    [{ MicrosoftAppType: 'Other' }, 'MicrosoftAppType must be SingleTenant, MultiTenant or UserAssignedMSI'],
    [{ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000' }, 'MicrosoftAppPassword is required when MicrosoftAppId is set'],
    [{ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x' }, 'MicrosoftAppTenantId is required when MicrosoftAppId is set and MicrosoftAppType is SingleTenant'],
    [{ SSO_TENANT_IDS: '49b70a79-63c0-4919-b15e-f83ad630ec36, contoso' }, 'SSO_TENANT_IDS must be a GUID'],
    [{ SSO_APP_ID_URI: 'https://naft.example.be' }, "SSO_APP_ID_URI must be the app's Application ID URI"],
    [{ SSO_JWKS_URL: 'http://keys.example.be/keys' }, 'SSO_JWKS_URL must be an https URL (http only on 127.0.0.1 or localhost, for tests)'],
    [{ SSO_JWKS_URL: 'file:///etc/keys' }, 'SSO_JWKS_URL must be an https URL'],
  ])('rejects %o with a message naming the variable', (env, expected) => {
    expect(problemsOf(env).join('\n')).toContain(expected);
  });

  it('reads the tab SSO settings: tenant list, id URI, a loopback JWKS for tests; none in local mode', () => {
    const config = loadConfig({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'x',
      MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000',
      SSO_TENANT_IDS: '49B70A79-63C0-4919-B15E-F83AD630EC36, 66666666-7777-8888-9999-000000000000',
      SSO_APP_ID_URI: 'api://naft.example.be/11111111-2222-3333-4444-555555555555',
      SSO_JWKS_URL: 'http://127.0.0.1:4000/keys',
      PUBLIC_BASE_URL: 'https://naft.example.be',
    });
    expect(config.sso).toEqual({
      audience: 'api://naft.example.be/11111111-2222-3333-4444-555555555555',
      tenantIds: ['49b70a79-63c0-4919-b15e-f83ad630ec36', '66666666-7777-8888-9999-000000000000'],
      jwksUrl: 'http://127.0.0.1:4000/keys',
    });
    expect(loadConfig({ SSO_TENANT_IDS: '49b70a79-63c0-4919-b15e-f83ad630ec36' }).sso).toBeUndefined();
  });

  it('reports every problem at once and never echoes a password', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'hunter2' });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toContain('PUBLIC_BASE_URL is required when MicrosoftAppId is set');
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('takes the playground port from PLAYGROUND_PORT, and lets it equal PORT when no playground starts', () => {
    expect(loadConfig({ PLAYGROUND_PORT: '56999' }).playgroundPort).toBe(56999);
    expect(loadConfig({ PORT: '0', PLAYGROUND_PORT: '0' }).playgroundPort).toBe(0);
    expect(loadConfig({ PORT: '4000', PLAYGROUND_PORT: '4000', PLAYGROUND: 'off' }).playground).toBe(false);
  });

  it('reads PLAYGROUND_USER trimmed, and blank as unset', () => {
    expect(loadConfig({ PLAYGROUND_USER: '  Lotte Vermeulen ' }).playgroundUser).toBe('Lotte Vermeulen');
    expect(loadConfig({ PLAYGROUND_USER: '   ' }).playgroundUser).toBeUndefined();
    expect(loadConfig({}).playgroundUser).toBeUndefined();
  });

  it('gives the Prisma CLI a checked DATABASE_URL and nothing else', () => {
    expect(cliDatabaseUrl({ DATABASE_URL: 'postgresql://u@db:5432/naft', MicrosoftAppId: 'not-a-guid' })).toBe('postgresql://u@db:5432/naft');
    expect(cliDatabaseUrl({})).toBe('postgresql://localhost:5432/naft');
    expect(() => cliDatabaseUrl({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
  });

  it('needs no password for a managed identity', () => {
    const config = loadConfig({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000', PUBLIC_BASE_URL: 'https://naft.example.be' });
    expect(config.bot?.appType).toBe('UserAssignedMSI');
  });

  it('reads the weekly overview time in Dutch or English, and refuses an hour that does not exist', () => {
    expect(loadConfig({}).dispatchOverview).toEqual({ weekday: 1, hour: 9 });
    expect(loadConfig({ DISPATCH_OVERVIEW: 'Donderdag 14:00' }).dispatchOverview).toEqual({ weekday: 4, hour: 14 });
    expect(loadConfig({ DISPATCH_OVERVIEW: 'sunday 7' }).dispatchOverview).toEqual({ weekday: 7, hour: 7 });
    expect(() => loadConfig({ DISPATCH_OVERVIEW: 'woensdag 25' })).toThrow(/DISPATCH_OVERVIEW must be a weekday and an hour/);
    expect(() => loadConfig({ DISPATCH_OVERVIEW: 'elke maandag' })).toThrow(/DISPATCH_OVERVIEW/);
  });
});

describe('privacy thresholds', () => {
  it('defaults to counts from 5 and rates from 10, and takes other values from 3 up', () => {
    expect(loadConfig({}).privacy).toEqual({ minCount: 5, minN: 10 });
    expect(loadConfig({ PRIVACY_MIN_COUNT: '3', PRIVACY_MIN_N: '20' }).privacy).toEqual({ minCount: 3, minN: 20 });
  });

  it.each(['2', '0', 'vijf', '4.5'])('refuses %s, naming the variable', (wrong) => {
    expect(problemsOf({ PRIVACY_MIN_COUNT: wrong })[0]).toContain('PRIVACY_MIN_COUNT must be a whole number between 3 and 1000');
    expect(problemsOf({ PRIVACY_MIN_N: wrong })[0]).toContain('PRIVACY_MIN_N must be a whole number between 3 and 1000');
  });
});

describe('with bot credentials', () => {
  const credentials = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000' };

  it('needs PUBLIC_BASE_URL: a QR code must lead to where a phone can reach the survey, never to this machine', () => {
    expect(problemsOf(credentials)).toEqual([
      'PUBLIC_BASE_URL is required when MicrosoftAppId is set: the public https address of this service, such as https://naft.example.be (survey links and QR codes point there)',
    ]);
    expect(loadConfig({ ...credentials, PUBLIC_BASE_URL: 'https://naft.example.be' }).publicBaseUrl).toBe('https://naft.example.be');
  });

  it('retries outbox messages for OUTBOX_RETRY_HOURS (default a day)', () => {
    expect(loadConfig({}).outboxRetryMs).toBe(24 * 3_600_000);
    expect(loadConfig({ OUTBOX_RETRY_HOURS: '72' }).outboxRetryMs).toBe(72 * 3_600_000);
    expect(problemsOf({ OUTBOX_RETRY_HOURS: '0' })[0]).toContain('OUTBOX_RETRY_HOURS must be a whole number of hours between 1 and 720');
  });
});

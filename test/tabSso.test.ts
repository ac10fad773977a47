// Teams SSO for the report tab (tab/sso.ts): a token signed by a local key served as a JWKS on
// loopback passes; each way a token can be wrong is refused with 401 or 403 and no person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.ts';
import { demoPeople } from '../db/demo.ts';
import { createSsoVerifier } from '../tab/sso.ts';
import type { SsoVerifier } from '../tab/sso.ts';
import { OTHER_TENANT, startEntraStub, TEST_APP_ID, TEST_AUDIENCE, TEST_TENANT } from './support/entraStub.ts';
import type { EntraStub, TokenOptions } from './support/entraStub.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { useSeededDatabase } from './support/seededDatabase.ts';

const lotte = demoPeople.find((p) => p.name === 'Lotte Vermeulen');
if (!lotte) throw new Error('demo person Lotte Vermeulen is missing');
const UNKNOWN_OID = '99999999-8888-7777-6666-555555555555';

describe.each(DATABASE_KINDS)('the tab SSO token check on %s', (kind) => {
  const fixture = useSeededDatabase(kind);
  let entra: EntraStub;
  let verifier: SsoVerifier;

  beforeAll(async () => {
    entra = await startEntraStub();
    const config = loadConfig({
      MicrosoftAppId: TEST_APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: TEST_TENANT,
      PUBLIC_BASE_URL: 'https://naft.example.be',
      SSO_JWKS_URL: entra.jwksUrl,
    });
    if (!config.sso) throw new Error('no SSO settings with credentials');
    verifier = createSsoVerifier(config.sso, fixture.db.prisma);
  });
  afterAll(async () => {
    await entra?.close();
  });

  const bearer = async (o: TokenOptions = {}) => `Bearer ${await entra.token({ oid: lotte.aadObjectId, ...o })}`;

  it('accepts a good token and maps its oid to the known person', async () => {
    const person = await fixture.db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: lotte.aadObjectId } });
    const result = await verifier.verify(await bearer());
    expect(result).toEqual({ ok: true, personId: person.id, aadObjectId: lotte.aadObjectId });
    expect(entra.fetches()).toBeGreaterThan(0);
  });

  it.each<[string, TokenOptions, number, string]>([
    ['expired', { expiresIn: -600 }, 401, 'expired'],
    ['for another audience', { audience: `api://elders.example.be/${TEST_APP_ID}` }, 401, 'invalid'],
    ['from the wrong issuer', { issuer: `https://sts.windows.net/${TEST_TENANT}/` }, 401, 'invalid'],
    ["from another tenant's issuer", { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }, 401, 'invalid'],
    ['from a tenant not in the allowlist', { tid: OTHER_TENANT }, 403, 'tenant'],
    ['unsigned (alg: none)', { unsigned: true }, 401, 'invalid'],
    ['signed by another key', { foreignKey: true }, 401, 'invalid'],
    ['without the access_as_user scope', { scp: 'User.Read' }, 403, 'scope'],
    ['of nobody the service knows', { oid: UNKNOWN_OID }, 403, 'unknown-person'],
  ])('refuses a token %s', async (_what, options, status, reason) => {
    expect(await verifier.verify(await bearer(options))).toEqual({ ok: false, status, reason });
  });

  it.each([
    ['no header', undefined],
    ['an empty Bearer', 'Bearer '],
    ['Basic credentials', 'Basic dXNlcjpwYXNz'],
    ['garbage', 'Bearer not.a.jwt'],
  ])('refuses %s with 401', async (_what, header) => {
    const result = await verifier.verify(header);
    expect(result).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a token that was tampered with after signing (another oid)', async () => {
    const [head, , signature] = (await entra.token({ oid: lotte.aadObjectId })).split('.');
    const payload = JSON.parse(Buffer.from((await entra.token({ oid: UNKNOWN_OID })).split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...payload, oid: demoPeople[2]?.aadObjectId })).toString('base64url')}.${signature}`;
    expect(await verifier.verify(`Bearer ${forged}`)).toEqual({ ok: false, status: 401, reason: 'invalid' });
  });

  it('refuses every token when no audience can be known (no SSO_APP_ID_URI, no PUBLIC_BASE_URL)', async () => {
    // With credentials the configuration demands PUBLIC_BASE_URL; the verifier still refuses on its own without an audience.
    expect(() => loadConfig({ MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TEST_TENANT, SSO_JWKS_URL: entra.jwksUrl })).toThrow(/PUBLIC_BASE_URL is required/);
    const config = loadConfig({ MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TEST_TENANT, SSO_JWKS_URL: entra.jwksUrl, PUBLIC_BASE_URL: 'https://naft.example.be' });
    if (!config.sso) throw new Error('no SSO settings');
    const unconfigured = createSsoVerifier({ ...config.sso, audience: undefined }, fixture.db.prisma);
    expect(await unconfigured.verify(await bearer())).toEqual({ ok: false, status: 401, reason: 'not-configured' });
  });

  it('derives the audience from PUBLIC_BASE_URL and the tenant from MicrosoftAppTenantId', () => {
    const config = loadConfig({ MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TEST_TENANT.toUpperCase(), PUBLIC_BASE_URL: 'https://naft.example.be/' });
    expect(config.sso).toEqual({ audience: TEST_AUDIENCE, tenantIds: [TEST_TENANT], jwksUrl: 'https://login.microsoftonline.com/common/discovery/v2.0/keys' });
  });
});

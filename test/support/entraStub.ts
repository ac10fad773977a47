// A stand-in for Microsoft Entra ID in tests: a locally generated RSA key, its public half served
// as a JWKS on loopback (what SSO_JWKS_URL points to), and tokens shaped like the v2.0 access
// tokens Teams SSO hands a tab. `token()` makes a good one; each option spoils one thing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';

export const TEST_TENANT = '49b70a79-63c0-4919-b15e-f83ad630ec36';
export const OTHER_TENANT = '0c0c0c0c-1111-2222-3333-444444444444';
export const TEST_APP_ID = '11111111-2222-3333-4444-555555555555';
export const TEST_AUDIENCE = `api://naft.example.be/${TEST_APP_ID}`;
const KID = 'test-key-1';

export interface TokenOptions {
  oid?: string;
  tid?: string;
  audience?: string;
  issuer?: string;
  scp?: string;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
  /** Sign with a key the JWKS does not hold (same kid): a bad signature. */
  foreignKey?: boolean;
  /** An unsigned token (`alg: none`). */
  unsigned?: boolean;
}

export interface EntraStub {
  jwksUrl: string;
  /** How often the JWKS was fetched (jose caches it). */
  fetches(): number;
  token(options?: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startEntraStub(): Promise<EntraStub> {
  const own = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(own.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server = createServer((req, res) => {
    fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  async function token(o: TokenOptions = {}): Promise<string> {
    const tid = o.tid ?? TEST_TENANT;
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (o.expiresIn ?? 3600);
    const claims: JWTPayload & Record<string, unknown> = { tid, oid: o.oid, scp: o.scp ?? 'access_as_user', ver: '2.0' };
    if (o.unsigned) {
      const body = { ...claims, aud: o.audience ?? TEST_AUDIENCE, iss: o.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`, iat: now - 60, nbf: now - 60, exp };
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(body)}.`;
    }
    const key: CryptoKey = o.foreignKey ? foreign.privateKey : own.privateKey;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .setIssuer(o.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`)
      .setAudience(o.audience ?? TEST_AUDIENCE)
      .setIssuedAt(Math.min(now, exp) - 60)
      .setNotBefore(Math.min(now, exp) - 60)
      .setExpirationTime(exp)
      .sign(key);
  }

  return {
    jwksUrl: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    fetches: () => fetches,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

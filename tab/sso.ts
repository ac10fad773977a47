// Teams SSO for the report tab: the token the tab gets from `authentication.getAuthToken()` is an
// Entra ID v2.0 access token for this app. It is checked here with jose against Entra's published
// keys, and its `oid` mapped to a known person. Nothing in the token is trusted before jwtVerify
// has checked its signature, issuer, audience and lifetime.
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { SsoSettings } from '../config/env.ts';
import type { DbClient } from '../db/open.ts';

/** The scope the manifest's webApplicationInfo exposes; a token without it was not meant for the tab. */
export const SSO_SCOPE = 'access_as_user';
/** Entra signs with RS256; refusing everything else also refuses `alg: none` and HMAC tricks. */
const ALGORITHMS = ['RS256'];
/** Seconds of clock difference with Entra that are forgiven. */
const CLOCK_TOLERANCE_S = 60;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZClaims = z.object({
  tid: z.string().regex(GUID),
  oid: z.string().regex(GUID),
  scp: z.string(),
});

export type SsoRefusal =
  /** No token, a malformed one, a bad signature, expired, wrong audience or issuer: sign in again. */
  | { ok: false; status: 401; reason: 'missing' | 'invalid' | 'expired' | 'not-configured' }
  /** A valid token, but not for the tab, from a tenant we do not serve, or of nobody we know. */
  | { ok: false; status: 403; reason: 'scope' | 'tenant' | 'unknown-person' };
export type SsoResult = { ok: true; personId: string; aadObjectId: string } | SsoRefusal;

export interface SsoVerifier {
  verify(authorization: string | undefined): Promise<SsoResult>;
}

/** The Bearer token of an Authorization header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/**
 * Only a tenant from the allowlist is looked at: the issuer is then the one Entra uses for that
 * tenant, so a token another tenant's Entra signed can never pass as ours.
 */
export function createSsoVerifier(settings: SsoSettings, prisma: DbClient, keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(settings.jwksUrl))): SsoVerifier {
  const tenants = new Set(settings.tenantIds);
  return {
    async verify(authorization) {
      const token = bearerToken(authorization);
      if (!token) return { ok: false, status: 401, reason: 'missing' };
      if (!settings.audience) return { ok: false, status: 401, reason: 'not-configured' };
      // Read the tenant unverified only to pick the issuer to require; jwtVerify then proves it.
      let tid: unknown;
      try {
        tid = decodeJwt(token).tid;
      } catch {
        return { ok: false, status: 401, reason: 'invalid' };
      }
      if (typeof tid !== 'string' || !GUID.test(tid)) return { ok: false, status: 401, reason: 'invalid' };
      if (!tenants.has(tid.toLowerCase())) return { ok: false, status: 403, reason: 'tenant' };
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: `https://login.microsoftonline.com/${tid}/v2.0`,
          audience: settings.audience,
          algorithms: ALGORITHMS,
          clockTolerance: CLOCK_TOLERANCE_S,
          requiredClaims: ['exp', 'iat', 'nbf'],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) return { ok: false, status: 401, reason: 'expired' };
        return { ok: false, status: 401, reason: 'invalid' };
      }
      const claims = ZClaims.safeParse(payload);
      if (!claims.success) return { ok: false, status: 401, reason: 'invalid' };
      if (!claims.data.scp.split(' ').includes(SSO_SCOPE)) return { ok: false, status: 403, reason: 'scope' };
      const person = await prisma.person.findUnique({ where: { aadObjectId: claims.data.oid }, select: { id: true } });
      if (!person) return { ok: false, status: 403, reason: 'unknown-person' };
      return { ok: true, personId: person.id, aadObjectId: claims.data.oid };
    },
  };
}

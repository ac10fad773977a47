// The HTTP edges of the survey pages: the headers every survey response carries, reading a form
// body with a size limit, refusing posts from other sites, and the per-address rate limit (in
// memory only: nothing about who visited is ever stored).
import type { IncomingMessage } from 'node:http';
import type { Response } from 'restify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** A survey form is a few choices and two texts of at most 500 characters: 8 KB is plenty. */
export const MAX_FORM_BYTES = 8 * 1024;

export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface Reply {
  status: number;
  /** HTML, or the stylesheet when `type` says so. */
  body: string;
  type?: 'html' | 'css' | 'svg';
  headers?: Readonly<Record<string, string>>;
}

const CONTENT_TYPES = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' } as const;

/** Writes a reply with the survey's security headers; token pages are never cached anywhere. */
export function send(res: Response, reply: Reply): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Content-Type', CONTENT_TYPES[reply.type ?? 'html']);
  if (reply.type === undefined || reply.type === 'html') res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  // sendRaw: restify's formatters know no HTML, and restify must see the response as sent.
  res.sendRaw(reply.status, reply.body);
}

export type BodyRead = { ok: true; body: string } | { ok: false; status: 413 | 415 };

/**
 * The form as text. An oversized body is read on (up to a bound) rather than cut off, so the
 * browser shows the 413 page instead of a reset connection.
 */
export async function readFormBody(req: IncomingMessage): Promise<BodyRead> {
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return { ok: false, status: 415 };
  const declared = Number(req.headers['content-length']);
  let tooLarge = Number.isFinite(declared) && declared > MAX_FORM_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) tooLarge = true;
    if (tooLarge) {
      chunks.length = 0;
      if (size > 16 * MAX_FORM_BYTES) break;
    } else {
      chunks.push(chunk);
    }
  }
  return tooLarge ? { ok: false, status: 413 } : { ok: true, body: Buffer.concat(chunks).toString('utf8') };
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * A post made by another site's page (there are no cookies, but a forged post could still fill
 * in a survey for whoever holds a code). Browsers say where a request comes from in
 * Sec-Fetch-Site; older ones only in Origin. With `Referrer-Policy: no-referrer`, browsers send
 * `Origin: null` on our own form's post, so "null" alone is not a reason to refuse.
 */
export function isCrossSite(req: IncomingMessage, publicBaseUrl: string | undefined): boolean {
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = header(req, 'origin');
  if (origin === undefined || origin === 'null') return false;
  if (publicBaseUrl !== undefined && origin === new URL(publicBaseUrl).origin) return false;
  // Our own address as the browser used it (behind a proxy the scheme may differ; the host may not).
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  return host.toLowerCase() !== (header(req, 'host') ?? '').toLowerCase();
}

export interface RateLimits {
  /** Undefined when allowed; otherwise the seconds to wait. */
  take(kind: 'view' | 'send', address: string): Promise<number | undefined>;
}

/** Sending is limited to `perMinute` per address; viewing pages to ten times that. */
export function rateLimits(perMinute: number): RateLimits {
  const limiters = {
    send: new RateLimiterMemory({ points: perMinute, duration: 60 }),
    view: new RateLimiterMemory({ points: perMinute * 10, duration: 60 }),
  };
  return {
    async take(kind, address) {
      try {
        await limiters[kind].consume(address);
        return undefined;
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw error;
      }
    },
  };
}

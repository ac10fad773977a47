// The headers of every tab response. Like the survey pages, a strict Content-Security-Policy: only
// this service's own scripts, styles and fetches, no inline script or style, nothing from another
// origin. Unlike them, the pages must be framed by Teams (web, desktop, the new cloud.microsoft
// host), so frame-ancestors names those hosts instead of 'none'.
import type { Response } from 'restify';

export const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.skype.com',
];

export const TAB_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

export interface TabReply {
  status: number;
  body: string | Buffer;
  type?: 'html' | 'css' | 'js';
  /** Static files with a version in their URL: cached for a year. */
  immutable?: boolean;
}

const TYPES = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' } as const;

export function sendTab(res: Response, reply: TabReply): void {
  res.setHeader('Content-Security-Policy', TAB_CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Content-Type', TYPES[reply.type ?? 'html']);
  // Figures depend on who asks (the Authorization header): never cached, by nobody.
  res.setHeader('Cache-Control', reply.immutable ? 'public, max-age=31536000, immutable' : 'no-store');
  if (!reply.immutable) res.setHeader('Vary', 'Authorization');
  res.sendRaw(reply.status, reply.body);
}

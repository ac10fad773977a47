// A short-lived download link for the report exports, for the tab in Teams. The tab's requests
// carry a Teams SSO token in a header, but a download cannot: Teams opens downloads in the
// system browser (new Teams: outside the tab's frame, without its token or cookies). So the tab
// asks, with its token, for a link that carries a signed ticket: for one person, one format and
// one filter, valid for a few minutes. Signed with HMAC-SHA256 under a key derived from the bot's
// app password (the same on every instance); without one, a key of this process only.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const TICKET_PARAM = 'ticket';
export const TICKET_TTL_MS = 5 * 60_000;

export type ExportFormat = 'csv' | 'xlsx';

export interface TicketKey {
  readonly bytes: Buffer;
}

/** The signing key: derived from a secret shared by the instances, or random for this process. */
export function exportTicketKey(secret: string | undefined): TicketKey {
  const bytes = secret ? Buffer.from(hkdfSync('sha256', secret, 'naft-report-export', 'export-ticket-v1', 32)) : randomBytes(32);
  return { bytes };
}

const ZPayload = z.object({ p: z.string().uuid(), f: z.enum(['csv', 'xlsx']), q: z.string().max(500), e: z.number().int() });
type Payload = z.infer<typeof ZPayload>;

const sign = (key: TicketKey, data: string) => createHmac('sha256', key.bytes).update(data).digest('base64url');

export function mintTicket(key: TicketKey, t: { personId: string; format: ExportFormat; query: string; now: Date; ttlMs?: number }): string {
  const payload: Payload = { p: t.personId, f: t.format, q: t.query, e: t.now.getTime() + (t.ttlMs ?? TICKET_TTL_MS) };
  const data = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${data}.${sign(key, data)}`;
}

export type TicketCheck = { ok: true; personId: string } | { ok: false; reason: 'invalid' | 'expired' };

/** The person a ticket was made for, when it is genuine, unexpired and for this format and filter. */
export function readTicket(key: TicketKey, ticket: string, want: { format: ExportFormat; query: string; now: Date }): TicketCheck {
  const [data, mac, ...rest] = ticket.split('.');
  if (!data || !mac || rest.length > 0 || ticket.length > 2000) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(key, data));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const payload = ZPayload.safeParse(parsed);
  if (!payload.success || payload.data.f !== want.format || payload.data.q !== want.query) return { ok: false, reason: 'invalid' };
  if (payload.data.e <= want.now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, personId: payload.data.p };
}

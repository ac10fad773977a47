// Survey tokens: 128 random bits, URL-safe (22 characters, a small clean QR code), stored only
// as a SHA-256 hash. The token itself exists in the QR code and its link, nowhere else.
import { createHash, randomBytes } from 'node:crypto';
import type { DbClient } from '../db/open.ts';
import type { Prisma } from '../generated/prisma/client.ts';

export const TOKEN_BYTES = 16;
/** What a token looks like: base64url of 16 bytes. Anything else is not worth a database lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A new token for an invitation (at afronding, and again for the reminder: a code printed
 * earlier keeps working, since every token of the invitation shares its answers).
 */
export async function mintToken(db: DbClient | Prisma.TransactionClient, invitationId: string): Promise<string> {
  const token = newToken();
  await db.surveyToken.create({ data: { tokenHash: hashToken(token), invitationId } });
  return token;
}

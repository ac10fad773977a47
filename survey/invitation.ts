// What a token opens: an invitation that can still be answered, or why not. The token is looked
// up by its hash only; a string that does not look like a token costs no query.
import type { DbClient } from '../db/open.ts';
import type { SurveyVariant } from '../dispatch/close.ts';
import { hashToken, TOKEN_PATTERN } from './tokens.ts';

export interface OpenInvitation {
  id: string;
  variant: SurveyVariant;
  maxUses: number;
  /** The organisation that helped: the form names it. */
  organisation: string;
  /** Until when the code works: the print page says so. */
  expiresAt: Date;
}

export type TokenState =
  | { state: 'open'; invitation: OpenInvitation }
  | { state: 'unknown' }
  | { state: 'expired' }
  /** Every answer it allows was given; `group` for a shared code ("de code is vol"). */
  | { state: 'used'; group: boolean };

export async function tokenState(prisma: DbClient, token: string, now: Date): Promise<TokenState> {
  if (!TOKEN_PATTERN.test(token)) return { state: 'unknown' };
  const row = await prisma.surveyToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { invitation: { select: { id: true, variant: true, maxUses: true, uses: true, expiresAt: true, organisation: { select: { name: true } } } } },
  });
  if (!row) return { state: 'unknown' };
  return stateOf({ ...row.invitation, organisation: row.invitation.organisation.name }, now);
}

export function stateOf(i: { id: string; variant: SurveyVariant; maxUses: number; uses: number; expiresAt: Date; organisation: string }, now: Date): TokenState {
  // Used before expired: someone who answered and comes back later hears "thank you", not "too old".
  if (i.uses >= i.maxUses) return { state: 'used', group: i.variant === 'GROUP' };
  if (i.expiresAt.getTime() <= now.getTime()) return { state: 'expired' };
  return { state: 'open', invitation: { id: i.id, variant: i.variant, maxUses: i.maxUses, organisation: i.organisation, expiresAt: i.expiresAt } };
}

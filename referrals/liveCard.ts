// One live card per draft: the chat may hold many cards of one referral, but only the newest asks
// for input; the one it replaces is turned into its one-line state. Which card is live is kept on
// the draft, so two devices, a restart or a card sent by a second turn cannot leave two live.
import { z } from 'zod';
import type { DbClient } from '../db/open.ts';
import { STEP_IDS } from './steps.ts';
import type { StepId } from './steps.ts';

export type CardView = { kind: 'step'; step: StepId } | { kind: 'summary' } | { kind: 'kind' };

const ZStep = z.enum(STEP_IDS);

export function parseView(key: string): CardView | null {
  if (key === 'summary' || key === 'kind') return { kind: key };
  const step = key.startsWith('step:') ? ZStep.safeParse(key.slice(5)) : undefined;
  return step?.success ? { kind: 'step', step: step.data } : null;
}

export const viewKey = (view: CardView): string => (view.kind === 'step' ? `step:${view.step}` : view.kind);

export interface ReplacedCard {
  activityId: string;
  view: CardView;
}

/**
 * Makes `activityId` the draft's live card and returns the card it replaces (to retire), in one
 * statement that locks the row: of two turns showing a card at the same moment, each retires the
 * card it replaced, and the last one stays live.
 */
export async function swapLiveCard(prisma: DbClient, draftId: string, activityId: string, view: CardView): Promise<ReplacedCard | null> {
  const rows = await prisma.$queryRaw<Array<{ oldId: string | null; oldView: string | null }>>`
    WITH old AS (SELECT "id", "liveCardId", "liveCardView" FROM "Referral" WHERE "id" = ${draftId}::uuid AND "status" = 'DRAFT' FOR UPDATE)
    UPDATE "Referral" r SET "liveCardId" = ${activityId}, "liveCardView" = ${viewKey(view)}
    FROM old WHERE r."id" = old."id"
    RETURNING old."liveCardId" AS "oldId", old."liveCardView" AS "oldView"`;
  return replaced(rows[0]);
}

/** The draft no longer has a card waiting (paused, sent, deleted): returns the one that was. */
export async function clearLiveCard(prisma: DbClient, referrerId: string, draftId: string): Promise<ReplacedCard | null> {
  // Only the referrer's own: a card's draft id may be anyone's (card data is not signed).
  const rows = await prisma.$queryRaw<Array<{ oldId: string | null; oldView: string | null }>>`
    WITH old AS (SELECT "id", "liveCardId", "liveCardView" FROM "Referral" WHERE "id" = ${draftId}::uuid AND "referrerId" = ${referrerId}::uuid FOR UPDATE)
    UPDATE "Referral" r SET "liveCardId" = NULL, "liveCardView" = NULL
    FROM old WHERE r."id" = old."id"
    RETURNING old."liveCardId" AS "oldId", old."liveCardView" AS "oldView"`;
  return replaced(rows[0]);
}

function replaced(row: { oldId: string | null; oldView: string | null } | undefined): ReplacedCard | null {
  if (!row?.oldId || !row.oldView) return null;
  const view = parseView(row.oldView);
  return view ? { activityId: row.oldId, view } : null;
}

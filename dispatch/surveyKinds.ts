// Outbox kind 'survey.codes': the QR codes of the satisfaction survey to the begeleider 1:1, after
// the afronding and as the one reminder. A fresh token per invitation is minted when the card is
// sent (survey/tokens.ts keeps only its hash), so the token lives in that card and nowhere else:
// not in the payload, not in the database. A retry mints new ones; the tokens of a send that
// failed were never shown to anyone, and every token of an invitation shares its answers.
import { z } from 'zod';
import type { DbClient } from '../db/open.ts';
import type { OutboxKind, Resolution } from '../outbox/types.ts';
import { titleOf } from '../referrals/history.ts';
import { printLink, surveyLink } from '../survey/links.ts';
import { qrPngDataUri } from '../survey/qr.ts';
import { mintToken } from '../survey/tokens.ts';
import { QR_PNG_SIZE, surveyCodesCard } from '../cards/survey/codesCard.ts';
import type { SurveyCode } from '../cards/survey/codesCard.ts';
import { SURVEY_VARIANTS } from './close.ts';
import { cardActivity } from './kinds.ts';
import { recipientOf } from './recipient.ts';

export const ZSurveyCodes = z.object({
  personId: z.uuid(),
  referralId: z.uuid(),
  invitationIds: z.array(z.uuid()).min(1).max(SURVEY_VARIANTS.length),
  /** The one reminder after seven days: only codes nobody used yet. */
  reminder: z.boolean().optional(),
  /** Asked for again by the begeleider (dispatch/surveyCodes.ts): a new code, or the valid one shown again. */
  renewed: z.enum(['new', 'again']).optional(),
});
export type TSurveyCodes = z.infer<typeof ZSurveyCodes>;

export interface SurveyKindOptions {
  /** PUBLIC_BASE_URL, or in local mode the service's own address; read when a card is sent. */
  surveyBaseUrl: () => string;
  now?: () => Date;
}

export function surveyCodesKind(options: SurveyKindOptions): OutboxKind<TSurveyCodes> {
  return {
    payload: ZSurveyCodes,
    async resolve(p, prisma: DbClient): Promise<Resolution> {
      const recipient = await recipientOf(prisma, p.personId);
      if ('type' in recipient) return recipient;
      const now = options.now?.() ?? new Date();
      const invitations = await prisma.surveyInvitation.findMany({
        where: { id: { in: p.invitationIds }, referralId: p.referralId, expiresAt: { gt: now } },
        select: { id: true, variant: true, uses: true, maxUses: true, expiresAt: true, referral: { select: { reference: true, subjectKind: true, answers: true } } },
      });
      // Nothing left to ask: expired, full, or (for the reminder) answered meanwhile.
      const open = invitations.filter((i) => i.uses < i.maxUses && (!p.reminder || i.uses === 0));
      const first = open[0];
      if (!first) return { type: 'drop', reason: p.reminder ? 'survey answered or expired before the reminder' : 'survey expired or full' };
      open.sort((a, b) => SURVEY_VARIANTS.indexOf(a.variant) - SURVEY_VARIANTS.indexOf(b.variant));
      const base = options.surveyBaseUrl();
      const codes: SurveyCode[] = [];
      for (const i of open) {
        const token = await mintToken(prisma, i.id);
        const link = surveyLink(base, token);
        codes.push({ variant: i.variant, maxUses: i.maxUses, uses: i.uses, link, qrDataUri: await qrPngDataUri(link, QR_PNG_SIZE), printA4: printLink(base, token, 'a4'), printCard: printLink(base, token, 'kaart') });
      }
      const expiresAt = new Date(Math.min(...open.map((i) => i.expiresAt.getTime())));
      const card = surveyCodesCard({ referralId: p.referralId, reference: first.referral.reference ?? '', title: titleOf(first.referral.subjectKind, first.referral.answers), expiresAt, codes, reminder: p.reminder === true, ...(p.renewed ? { renewed: p.renewed } : {}) });
      return { type: 'post', to: recipient.to, activity: cardActivity(card) };
    },
  };
}

// The afronding's cards are valid Adaptive Cards 1.5 under Teams' 28 KB at their longest (a long
// public address, a long title, typed text at its maximum), and the channel's form names no one.
import { describe, expect, it } from 'vitest';
import { closeForm, closeResultCard } from '../cards/dispatch/closeForm.ts';
import { surveyCodesCard, QR_PNG_SIZE } from '../cards/survey/codesCard.ts';
import type { SurveyCode } from '../cards/survey/codesCard.ts';
import type { ClosingFacts, SurveyVariant } from '../dispatch/close.ts';
import { surveyPlan } from '../dispatch/close.ts';
import { SUBJECT_KINDS } from '../referrals/fields.ts';
import { printLink, surveyLink } from '../survey/links.ts';
import { qrPngDataUri } from '../survey/qr.ts';
import { newToken } from '../survey/tokens.ts';
import { adaptiveCardProblems, cardBytes } from './support/adaptiveCard15.ts';
import { cardText } from './support/chat.ts';

const LIMIT = 28 * 1024;
const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const TITLE = `Leerling ${'Éléonore '.repeat(15)}B.`;

const facts = (kind: ClosingFacts['kind']): ClosingFacts => ({ referralId: id, reference: 'GR-2026-0042', revision: 9, status: 'RUNNING', kind, regionName: 'NAFT Gent en Rand', title: TITLE, ...(kind === 'GROUP' ? { groupSize: 8 } : {}) });

async function code(variant: SurveyVariant, maxUses: number, base: string): Promise<SurveyCode> {
  const token = newToken();
  const link = surveyLink(base, token);
  return { variant, maxUses, uses: 0, link, qrDataUri: await qrPngDataUri(link, QR_PNG_SIZE), printA4: printLink(base, token, 'a4'), printCard: printLink(base, token, 'kaart') };
}

describe('the afronding cards', () => {
  it.each(SUBJECT_KINDS)('the closing form for %s is valid, keeps what was typed, and names no one in the channel', (kind) => {
    const channel = closeForm({ facts: facts(kind), endings: ['CLOSE', 'STOP_EARLY'], personal: false });
    const personal = closeForm(
      { facts: facts(kind), endings: ['STOP_EARLY'], personal: true, notice: 'Het traject veranderde intussen.' },
      { values: { ending: 'STOP_EARLY', outcome: 'x'.repeat(1000), pupils: '12' }, errors: { outcome: 'Hou het kort: hoogstens 200 tekens.', stopReason: 'Kies waarom het traject voortijdig stopte.' } },
    );
    for (const card of [channel, personal]) {
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(LIMIT);
    }
    expect(cardText(channel)).not.toContain(TITLE);
    expect(cardText(personal)).toContain(TITLE);
    expect(JSON.stringify(personal)).toContain('"value":"STOP_EARLY"');
    if (kind === 'GROUP' || kind === 'CLASS') expect(JSON.stringify(personal)).toContain('"value":12');
    else expect(JSON.stringify(personal)).not.toContain('"id":"pupils"');
  });

  it('the 1:1 result card shows the title literally', () => {
    const card = closeResultCard({ reference: 'GR-2026-0042', title: '[klik](https://evil.example)', headline: '✓ Afgerond genoteerd.', surveyLine: 'Bevraging: jongere ✓ · school –' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('"type":"TextRun","text":"[klik](https://evil.example)"');
  });

  it.each(SUBJECT_KINDS)('the QR card for %s stays well under 28 KB, with a long public address, as a reminder too', async (kind) => {
    const base = `https://${'naft-aanmelding-'.repeat(5)}example.be/${'pad/'.repeat(10)}`;
    const codes = await Promise.all(surveyPlan(kind, 60).map((p) => code(p.variant, p.maxUses, base)));
    for (const reminder of [false, true]) {
      const card = surveyCodesCard({ referralId: '00000000-0000-4000-8000-000000000042', reference: 'GR-2026-0042', title: TITLE, expiresAt: new Date(), codes, reminder });
      expect(adaptiveCardProblems(card)).toEqual([]);
      // "Well under": room for Teams' own envelope around the card.
      expect(cardBytes(card)).toBeLessThan(LIMIT / 2);
      for (const c of codes) expect(cardText(card)).toContain(c.link);
    }
  });
});

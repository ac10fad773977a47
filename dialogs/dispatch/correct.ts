// The begeleider's or coordinator's side of a correction: the command shows the last step, the
// card's submit calls the domain (dispatch/correct.ts), which decides who may and what is true.
import { z } from 'zod';
import type { DbClient } from '../../db/open.ts';
import { normalReference } from '../../dispatch/close.ts';
import { correctLastStep, correctionView } from '../../dispatch/correct.ts';
import { formatDate } from '../../referrals/status.ts';
import { cleanText } from '../../referrals/text.ts';
import { correctCard, STEP_NAME } from '../../cards/dispatch/correctCard.ts';
import { sendCard, sendText } from '../effects.ts';
import type { Effect, Turn } from '../effects.ts';

const NOT_THEIRS = 'Een stap corrigeren kunnen alleen de begeleider en de coördinatoren van de organisatie die het traject opnam, zolang het loopt.';
const ZSubmit = z.object({
  referralId: z.uuid(),
  eventId: z.uuid(),
  op: z.enum(['redate', 'undo']),
  on: z.preprocess((v) => (v === '' ? undefined : v), z.iso.date().optional()),
  reason: z.preprocess((v) => (typeof v === 'string' ? cleanText(v) : ''), z.string()),
});

export class CorrectDialog {
  constructor(private readonly prisma: DbClient) {}

  async command(turn: Turn, argument: string): Promise<Effect[]> {
    const reference = normalReference(argument);
    if (!reference) return [sendText('Welk traject? Typ **corrigeer** met de referentie erachter, bv. **corrigeer GR-2026-0007**.')];
    const personId = await this.personId(turn);
    const row = await this.prisma.referral.findUnique({ where: { reference }, select: { id: true } });
    if (!personId || !row) return [sendText(NOT_THEIRS)];
    return this.show(row.id, personId);
  }

  async submit(turn: Turn, value: Readonly<Record<string, unknown>>): Promise<Effect[]> {
    const parsed = ZSubmit.safeParse(value);
    if (!parsed.success) return [sendText('Deze knop begrijp ik niet (meer). Typ opnieuw **corrigeer <referentie>**.')];
    const personId = await this.personId(turn);
    if (!personId) return [sendText(NOT_THEIRS)];
    const { referralId, eventId, op, on, reason } = parsed.data;
    const again = (error: string) => this.show(referralId, personId, { error, reason });
    if (reason.length < 5 || reason.length > 200) return again('Schrijf kort waarom (5 tot 200 tekens).');
    if (op === 'redate' && !on) return again('Kies de juiste datum, of kies "Ongedaan maken".');
    const outcome = await correctLastStep(this.prisma, { referralId, actorId: personId, eventId, reason, correction: op === 'undo' ? { kind: 'undo' } : { kind: 'redate', on: on ?? '' } });
    if (outcome.ok) {
      const what = STEP_NAME[outcome.step];
      return [sendText(outcome.undone ? `Ongedaan gemaakt: ${what.toLowerCase()}. Het traject staat weer waar het voor die stap stond.` : `Aangepast: ${what.toLowerCase()} op ${formatDate(outcome.at ?? new Date())}.`)];
    }
    switch (outcome.reason) {
      case 'forbidden':
        return [sendText(NOT_THEIRS)];
      case 'nothing':
        return [sendText('Er is nog geen stap om te corrigeren.')];
      case 'changed':
        return this.show(referralId, personId, { error: 'Intussen werd er een stap genoteerd of gecorrigeerd: dit is nu de laatste.' });
      case 'bad-date':
        return again(outcome.message);
    }
  }

  private async personId(turn: Turn): Promise<string | undefined> {
    if (!turn.aadObjectId) return undefined;
    return (await this.prisma.person.findUnique({ where: { aadObjectId: turn.aadObjectId }, select: { id: true } }))?.id;
  }

  private async show(referralId: string, personId: string, extra: { error?: string; reason?: string } = {}): Promise<Effect[]> {
    const view = await correctionView(this.prisma, referralId, personId);
    if (view === null) return [sendText(NOT_THEIRS)];
    if (view === 'none') return [sendText('Er is nog geen stap om te corrigeren.')];
    return [sendCard(correctCard({ ...view, ...extra }))];
  }
}

// The coordinator's side of "another begeleider": the command finds the trajectory, the card's
// submit calls the domain (dispatch/reassign.ts), which decides who may; this only translates.
import { z } from 'zod';
import type { DbClient } from '../../db/open.ts';
import { normalReference } from '../../dispatch/close.ts';
import { reassign, reassignView } from '../../dispatch/reassign.ts';
import { cleanText } from '../../referrals/text.ts';
import { reassignCard } from '../../cards/dispatch/reassignCard.ts';
import { sendCard, sendText } from '../effects.ts';
import type { Effect, Turn } from '../effects.ts';

const ONLY_COORDINATOR = 'Een traject overdragen aan een andere begeleider kan alleen een coördinator van de organisatie die het opnam.';
const ZSubmit = z.object({ referralId: z.uuid(), begeleiderId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()), reason: z.preprocess((v) => (typeof v === 'string' ? cleanText(v).slice(0, 200) : undefined), z.string().optional()) });

export class ReassignDialog {
  constructor(private readonly prisma: DbClient) {}

  async command(turn: Turn, argument: string): Promise<Effect[]> {
    const reference = normalReference(argument);
    if (!reference) return [sendText('Welk traject? Typ **begeleider** met de referentie erachter, bv. **begeleider GR-2026-0007**.')];
    const person = turn.aadObjectId ? await this.prisma.person.findUnique({ where: { aadObjectId: turn.aadObjectId }, select: { id: true } }) : null;
    const row = await this.prisma.referral.findUnique({ where: { reference }, select: { id: true } });
    const card = person && row ? await this.card(row.id, person.id) : null;
    return card ? [sendCard(card)] : [sendText(ONLY_COORDINATOR)];
  }

  async submit(turn: Turn, value: Readonly<Record<string, unknown>>): Promise<Effect[]> {
    const parsed = ZSubmit.safeParse(value);
    if (!parsed.success) return [sendText('Deze knop begrijp ik niet (meer). Typ opnieuw **begeleider <referentie>**.')];
    const person = turn.aadObjectId ? await this.prisma.person.findUnique({ where: { aadObjectId: turn.aadObjectId }, select: { id: true } }) : null;
    if (!person) return [sendText(ONLY_COORDINATOR)];
    const { referralId, begeleiderId, reason } = parsed.data;
    if (!begeleiderId) {
      const again = await this.card(referralId, person.id, { error: 'Kies de nieuwe begeleider.', ...(reason ? { reason } : {}) });
      return again ? [sendCard(again)] : [sendText(ONLY_COORDINATOR)];
    }
    const outcome = await reassign(this.prisma, { referralId, actorId: person.id, begeleiderId, ...(reason ? { reason } : {}) });
    if (outcome.ok) return [sendText(`Overgedragen: ${outcome.toName} begeleidt nu ${outcome.reference} en krijgt de gegevens in een 1:1-bericht.`)];
    switch (outcome.reason) {
      case 'forbidden':
      case 'not-found':
        return [sendText(ONLY_COORDINATOR)];
      case 'not-open':
        return [sendText('Dit traject loopt niet (meer): er valt niets over te dragen.')];
      case 'same': {
        const again = await this.card(referralId, person.id, { error: 'Die persoon begeleidt dit traject al. Kies iemand anders.' });
        return again ? [sendCard(again)] : [sendText(ONLY_COORDINATOR)];
      }
      case 'not-member': {
        const again = await this.card(referralId, person.id, { error: 'Kies iemand van jullie organisatie.' });
        return again ? [sendCard(again)] : [sendText(ONLY_COORDINATOR)];
      }
    }
  }

  /** The card, only for whom the domain lets hand it over: anyone else learns nothing of the referral. */
  private async card(referralId: string, personId: string, extra: { error?: string; reason?: string } = {}) {
    const view = await reassignView(this.prisma, referralId, personId);
    return view ? reassignCard({ ...view, ...extra }) : null;
  }
}

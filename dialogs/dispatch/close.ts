// The afronding from Teams: "Afronden" on the channel card (Universal Actions, the form is the
// invoke's answer to the one who clicked), or `afronden <referentie>` in the begeleider's 1:1 chat
// (the same form as a 1:1 card, confirmed with Action.Execute like the other 1:1 steps). Closing
// itself is one transaction in dispatch/close.ts; here only who may, what was typed, and what to
// show afterwards. The channel's answer never contains the outcome or the stop reason.
import { z } from 'zod';
import type { DbClient } from '../../db/open.ts';
import { closableByReference, closeTrajectory, closingFacts } from '../../dispatch/close.ts';
import type { ClosingFacts, Ending } from '../../dispatch/close.ts';
import type { Partner } from '../../dispatch/people.ts';
import { GOAL_ATTAINMENT, STOP_REASONS } from '../../dispatch/reasons.ts';
import { loadDispatchView } from '../../dispatch/view.ts';
import type { DispatchView } from '../../dispatch/view.ts';
import { canDo, NOT_NOW } from '../../referrals/lifecycle.ts';
import { formatDate, STATUS_LABEL } from '../../referrals/status.ts';
import type { ReferralStatus } from '../../referrals/status.ts';
import { cleanText, clip } from '../../referrals/text.ts';
import type { DispatchVerb } from '../../cards/dispatch/actions.ts';
import { closeForm, closeResultCard, OUTCOME_MAX } from '../../cards/dispatch/closeForm.ts';
import type { FormState } from '../../cards/dispatch/forms.ts';
import { surveyCodeActions } from '../../cards/survey/codesCard.ts';
import { surveyLine } from '../../cards/survey/labels.ts';
import { sendCard, sendText } from '../effects.ts';
import type { Effect, Turn } from '../effects.ts';
import type { InvokeResult } from './flow.ts';

export type CloseVerb = Extract<DispatchVerb, 'close' | 'closeConfirm' | 'closeCancel'>;
export const CLOSE_VERBS: readonly CloseVerb[] = ['close', 'closeConfirm', 'closeCancel'];
export const isCloseVerb = (verb: DispatchVerb): verb is CloseVerb => CLOSE_VERBS.some((v) => v === verb);

const ENDINGS: readonly Ending[] = ['CLOSE', 'STOP_EARLY'];

/** Reassigned or removed while the form was open: the rule, nothing of the trajectory. */
const CLOSE_REFUSED = 'Alleen de organisatie die de aanmelding opnam, kan het traject afronden.';

/** `afronden` typed in a channel: the outcome is not for the channel. */
export const CLOSE_IN_PERSONAL_CHAT = 'Afronden doe je met de knop **Afronden** op de kaart van het traject, of in je 1:1-chat met mij: typ daar **afronden** met de referentie, bv. **afronden GR-2026-0007**.';

const ZClose = z
  .object({
    ending: z.enum(ENDINGS, 'Kies: afgerond of voortijdig gestopt.'),
    stopReason: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(STOP_REASONS, 'Kies een reden uit de lijst.').optional()),
    goalAttainment: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.enum(['1', '2', '3', '4'], 'Kies in welke mate de doelen bereikt zijn.')),
    outcome: z.preprocess(
      (v) => (typeof v === 'string' ? cleanText(v) : ''),
      z.string().min(3, 'Schrijf het resultaat in een korte zin.').max(OUTCOME_MAX, `Hou het kort: hoogstens ${OUTCOME_MAX} tekens.`).refine((s) => !/\n/.test(s), 'Eén zin volstaat, zonder nieuwe regels.'),
    ),
    pupils: z.preprocess(
      (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
      z.number('Geef het aantal leerlingen als getal.').int('Geef een heel aantal leerlingen.').min(1, 'Minstens 1 leerling.').max(60, 'Hoogstens 60 leerlingen per code.').optional(),
    ),
  })
  // Also when another answer is wrong, so every problem shows at once.
  .refine((d) => d.ending !== 'STOP_EARLY' || d.stopReason !== undefined, { path: ['stopReason'], message: 'Kies waarom het traject voortijdig stopte.', when: () => true });

export type ShowCard = (view: DispatchView, notice?: string) => Promise<InvokeResult>;

/** Field errors, one per field, never the value that was sent. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? 'form')] ??= issue.message;
  return out;
}

/** What was typed, to put back in the form: strings (and numbers) only, cut to a sane size. */
function typed(inputs: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['ending', 'stopReason', 'goalAttainment', 'outcome', 'pupils']) {
    const v = inputs[key];
    if (typeof v === 'string') out[key] = clip(cleanText(v), 1000);
    else if (typeof v === 'number' && Number.isFinite(v)) out[key] = String(v);
  }
  return out;
}

const DONE: Readonly<Record<Ending, string>> = {
  CLOSE: 'Afgerond genoteerd. De QR-codes voor de tevredenheidsbevraging komen in je 1:1-chat.',
  STOP_EARLY: 'Voortijdig gestopt genoteerd. De QR-codes voor de tevredenheidsbevraging komen in je 1:1-chat.',
};

export class ClosingFlow {
  constructor(
    private readonly prisma: DbClient,
    private readonly surveyDays: number,
  ) {}

  /** `afronden <referentie>` in the 1:1 chat. */
  async command(turn: Turn, argument: string): Promise<Effect[]> {
    if (argument.trim() === '') return [sendText('Welk traject? Typ **afronden** met de referentie erachter, bv. **afronden GR-2026-0007**. De referentie staat op de kaart in het dispatchkanaal.')];
    const found = await closableByReference(this.prisma, turn.aadObjectId, argument);
    if (found.ok) return [sendCard(closeForm({ facts: found.facts, endings: endingsFor(found.facts), personal: true }))];
    switch (found.reason) {
      case 'not-partner':
        return [sendText('Afronden kunnen alleen de begeleiders en coördinatoren van de NAFT-partners, voor de trajecten van hun organisatie.')];
      case 'not-a-reference':
        return [sendText('Dat lijkt geen referentie. Een referentie ziet eruit als **GR-2026-0007**; typ bv. **afronden GR-2026-0007**.')];
      case 'unknown':
        return [sendText('Een aanmelding met die referentie ken ik niet. Kijk de referentie na op de kaart in het dispatchkanaal.')];
      case 'not-theirs':
        return [sendText('Dit traject is niet van jouw organisatie: alleen de organisatie die het opnam, kan het afronden.')];
      case 'not-open':
        return this.notOpen(found.reference, found.status);
    }
  }

  /** Already closed: when, and whether the survey was answered (never the answers). */
  private async notOpen(reference: string, status: ReferralStatus): Promise<Effect[]> {
    if (status !== 'CLOSED' && status !== 'STOPPED_EARLY') {
      return [sendText(`${reference} kan nu niet afgerond worden: de aanmelding is ${STATUS_LABEL[status]}. ${NOT_NOW.CLOSE}; ${NOT_NOW.STOP_EARLY.charAt(0).toLowerCase()}${NOT_NOW.STOP_EARLY.slice(1)}.`)];
    }
    const row = await this.prisma.referral.findUnique({ where: { reference }, select: { id: true } });
    const view = row ? await loadDispatchView(this.prisma, row.id) : null;
    const facts = row ? await closingFacts(this.prisma, row.id) : null;
    if (!view || !facts) return [sendText('Een aanmelding met die referentie ken ik niet.')];
    const result = closeResultCard({ reference, title: facts.title, headline: `Dit traject is al ${endedWord(view)}.`, ...surveyOf(view) });
    // The survey codes once more, or a new one (dialogs/dispatch/surveyCodes.ts).
    return [sendCard({ ...result, body: [...result.body, surveyCodeActions(facts.referralId)] })];
  }

  /**
   * A close button on the channel card (not personal) or on the 1:1 form (personal). Only the
   * organisation that took the referral up gets here (dialogs/dispatch/flow.ts checks the right
   * before anything is read; closeTrajectory checks it again when it writes).
   */
  async invoke(turn: Turn, verb: CloseVerb, rev: number, view: DispatchView, partner: Partner, inputs: Readonly<Record<string, unknown>>, show: ShowCard): Promise<InvokeResult> {
    const personal = turn.personal;
    const facts = await closingFacts(this.prisma, view.referralId);
    if (!facts) return show(view);
    const endings = endingsFor(facts);
    // Not (or no longer) closable: say so first (the state is on the card anyway).
    if (endings.length === 0 && verb !== 'closeCancel') return this.outdated(view, facts, endings, personal, show);
    if (verb === 'closeCancel') return personal ? { card: closeResultCard({ reference: view.reference, title: facts.title, headline: 'Niet afgerond: er is niets veranderd.', note: 'Typ later opnieuw **afronden** met de referentie.' }) } : show(view);
    // An outdated form or card (someone noted something meanwhile).
    if (rev !== view.revision) return this.outdated(view, facts, endings, personal, show);
    if (verb === 'close') return { card: closeForm({ facts, endings, personal }) };

    const checked = ZClose.safeParse(inputs);
    const again = (state: FormState) => ({ card: closeForm({ facts, endings, personal }, state) });
    if (!checked.success) return again({ values: typed(inputs), errors: fieldErrors(checked.error) });
    const d = checked.data;
    if (!endings.includes(d.ending)) return again({ values: typed(inputs), errors: { ending: `${NOT_NOW.CLOSE}; kies "voortijdig gestopt" of noteer eerst de start.` } });
    const goalAttainment = GOAL_ATTAINMENT.find((g) => String(g) === d.goalAttainment) ?? 1;
    const group = facts.kind === 'GROUP' || facts.kind === 'CLASS';
    const outcome = await closeTrajectory(this.prisma, {
      referralId: view.referralId,
      rev: view.revision,
      actorId: partner.personId,
      ending: d.ending,
      ...(d.ending === 'STOP_EARLY' && d.stopReason ? { stopReason: d.stopReason } : {}),
      goalAttainment,
      outcome: d.outcome,
      ...(group && d.pupils !== undefined ? { pupils: d.pupils } : {}),
      surveyDays: this.surveyDays,
    });
    if (!outcome.ok && outcome.reason === 'forbidden') return { message: CLOSE_REFUSED };
    const now = (await loadDispatchView(this.prisma, view.referralId)) ?? view;
    if (!outcome.ok) return this.outdated(now, facts, endingsFor({ ...facts, status: now.status }), personal, show);
    if (!personal) return show(now, DONE[d.ending]);
    return { card: closeResultCard({ reference: view.reference, title: facts.title, headline: `✓ ${DONE[d.ending]}`, good: true }) };
  }

  private async outdated(view: DispatchView, facts: ClosingFacts, endings: readonly Ending[], personal: boolean, show: ShowCard): Promise<InvokeResult> {
    if (endings.length > 0) {
      const fresh = (await closingFacts(this.prisma, view.referralId)) ?? facts;
      const notice = 'Het traject veranderde intussen. Kijk het opnieuw na en bevestig dan.';
      if (personal) return { card: closeForm({ facts: fresh, endings, personal, notice }) };
      return show(view, notice);
    }
    const ended = view.status === 'CLOSED' || view.status === 'STOPPED_EARLY';
    const headline = ended ? `Dit traject is al ${endedWord(view)}.` : `${NOT_NOW.CLOSE}.`;
    if (personal) return { card: closeResultCard({ reference: view.reference, title: facts.title, headline, ...surveyOf(view) }) };
    return show(view, headline);
  }
}

function endingsFor(facts: Pick<ClosingFacts, 'status'>): Ending[] {
  return ENDINGS.filter((e) => canDo(e, facts.status));
}

function endedWord(view: DispatchView): string {
  const on = view.closing ? ` op ${formatDate(view.closing.closedAt)}` : '';
  return `${view.status === 'CLOSED' ? 'afgerond' : 'voortijdig gestopt'}${on}`;
}

/** The survey's yes/no line for the begeleider's 1:1 card, with a word on the reminder. */
function surveyOf(view: DispatchView): { surveyLine?: string; note?: string } {
  const survey = view.closing?.survey ?? [];
  if (survey.length === 0) return {};
  const open = survey.some((s) => s.uses === 0);
  return { surveyLine: surveyLine(survey), ...(open ? { note: 'Wie na 7 dagen nog niet invulde: je krijgt één herinnering met de QR-code opnieuw.' } : {}) };
}

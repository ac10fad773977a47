// The buttons "Toon de code opnieuw" and "Nieuwe code" (on the QR card, and on the answer to
// `afronden <referentie>` for a closed trajectory): who presses decides nothing here — the domain
// (dispatch/surveyCodes.ts) decides whether this person may. The answer replaces the card that
// was pressed; the QR card itself comes through the outbox, with its fresh token.
// A refusal names nothing: no reference, no title, no person, no state.
import type { DbClient } from '../../db/open.ts';
import { surveyCodesAgain } from '../../dispatch/surveyCodes.ts';
import type { SurveyCodeMode, SurveyCodeOutcome } from '../../dispatch/surveyCodes.ts';
import { card } from '../../cards/adaptiveCard.ts';
import type { DispatchVerb } from '../../cards/dispatch/actions.ts';
import { para } from '../../cards/text.ts';
import type { Turn } from '../effects.ts';
import type { InvokeResult } from './flow.ts';

export type SurveyCodeVerb = Extract<DispatchVerb, 'surveyShowAgain' | 'surveyNewCode'>;
export const isSurveyCodeVerb = (verb: DispatchVerb): verb is SurveyCodeVerb => verb === 'surveyShowAgain' || verb === 'surveyNewCode';

const MODE: Readonly<Record<SurveyCodeVerb, SurveyCodeMode>> = { surveyShowAgain: 'again', surveyNewCode: 'new' };

export function surveyCodeText(mode: SurveyCodeMode, outcome: SurveyCodeOutcome): string {
  if (outcome.ok) {
    return mode === 'new'
      ? 'Er is een nieuwe code gemaakt. Je krijgt ze zo in dit gesprek. De vorige code werkt niet meer, ook niet op papier.'
      : 'Je krijgt de code zo opnieuw in dit gesprek. Een eerder getoonde of afgedrukte code blijft werken.';
  }
  switch (outcome.reason) {
    case 'not-allowed':
      return 'Dat kan alleen de organisatie die het traject opnam.';
    case 'not-closed':
      return 'Een code voor de bevraging is er pas na de afronding.';
    case 'nothing-open':
      return 'Er is geen code meer nodig: de bevraging werd al ingevuld.';
  }
}

export class SurveyCodesFlow {
  constructor(
    private readonly prisma: DbClient,
    private readonly surveyDays: number,
  ) {}

  async invoke(turn: Turn, verb: SurveyCodeVerb, referralId: string): Promise<InvokeResult> {
    const mode = MODE[verb];
    const person = turn.aadObjectId ? await this.prisma.person.findUnique({ where: { aadObjectId: turn.aadObjectId }, select: { id: true } }) : null;
    const outcome: SurveyCodeOutcome = person ? await surveyCodesAgain(this.prisma, { referralId, actorId: person.id, mode, surveyDays: this.surveyDays }) : { ok: false, reason: 'not-allowed' };
    return { card: card([para(surveyCodeText(mode, outcome))]) };
  }
}

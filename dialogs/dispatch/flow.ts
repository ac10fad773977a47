// The dispatch card's buttons (Universal Actions): every invoke is answered with the card the
// person should see now — a form, the decided card, or the current state when the card they
// clicked was outdated. Nothing here sends messages itself: decisions put the channel update and
// the 1:1 notices in the outbox (dispatch/decide.ts).
import { myTrajectories } from '../../dispatch/myTrajectories.ts';
import { trajectoriesCard } from '../../cards/dispatch/trajectoriesCard.ts';
import { zExpectedStart } from '../../dispatch/expectedStart.ts';
import { formatDate, formatDateTime, formatTime } from '../../referrals/status.ts';
import { z } from 'zod';
import type { DbClient } from '../../db/open.ts';
import { answerInfo, askInfo, decline, infoQuestion, recordStep, takeUp, waitlist } from '../../dispatch/decide.ts';
import type { Outcome, Step } from '../../dispatch/decide.ts';
import { accessTo, allows } from '../../dispatch/access.ts';
import type { ReferralAccess, Right } from '../../dispatch/access.ts';
import { begeleiderOptions, refreshUserIds } from '../../dispatch/people.ts';
import type { Partner } from '../../dispatch/people.ts';
import { DECLINE_REASONS } from '../../dispatch/reasons.ts';
import { loadDispatchView } from '../../dispatch/view.ts';
import type { DispatchView } from '../../dispatch/view.ts';
import { canDo, NOT_NOW } from '../../referrals/lifecycle.ts';
import type { LifecycleAction } from '../../referrals/lifecycle.ts';
import { cleanText, clip } from '../../referrals/text.ts';
import type { AdaptiveCard } from '../../cards/adaptiveCard.ts';
import { DISPATCH_VERBS, ZDispatchData } from '../../cards/dispatch/actions.ts';
import type { DispatchVerb, TDispatchData } from '../../cards/dispatch/actions.ts';
import { dispatchCard, stateLine } from '../../cards/dispatch/dispatchCard.ts';
import { askForm, declineForm, takeUpForm, waitlistForm } from '../../cards/dispatch/forms.ts';
import type { FormState } from '../../cards/dispatch/forms.ts';
import { answeredCard, detailsCard, evaluationDone, questionCard } from '../../cards/dispatch/notices.ts';
import { detailsView, questionView } from '../../dispatch/notify.ts';
import { sendCard, sendText } from '../effects.ts';
import type { Effect, Turn } from '../effects.ts';
import { ClosingFlow, isCloseVerb } from './close.ts';
import { isSurveyCodeVerb, SurveyCodesFlow } from './surveyCodes.ts';

/**
 * What an invoke answers: the card to show, a message (Teams shows it and leaves the card as it
 * was: how every refusal is answered, so it shows nothing of the referral), or an error.
 */
export type InvokeResult = { card: AdaptiveCard } | { message: string } | { error: { status: 400 | 404; message: string } };

/** Which right each button needs (dispatch/access.ts), checked before anything of the referral is read. */
const NEEDS: Readonly<Record<DispatchVerb, Right>> = {
  view: 'see',
  takeUp: 'decide',
  takeUpConfirm: 'decide',
  waitlist: 'decide',
  waitlistConfirm: 'decide',
  decline: 'decide',
  declineConfirm: 'decide',
  ask: 'decide',
  askConfirm: 'decide',
  answerConfirm: 'answer',
  firstContact: 'steps',
  intake: 'steps',
  start: 'steps',
  evaluate: 'steps',
  close: 'steps',
  closeConfirm: 'steps',
  closeCancel: 'steps',
  surveyShowAgain: 'steps',
  surveyNewCode: 'steps',
};

/** Refusals: a sentence about the rule, never about the referral (no title, school, name or state). */
export const REFUSED: Readonly<Record<Right, string>> = {
  see: 'Deze aanmelding is alleen voor de partners van het werkingsgebied en voor wie aanmeldde.',
  decide: 'Alleen de coördinatoren en begeleiders van de partners van het werkingsgebied kunnen over een aanmelding beslissen.',
  steps: 'Alleen de organisatie die de aanmelding opnam, kan de stappen van het traject noteren en het afronden.',
  details: 'Alleen wie aanmeldde en de organisatie die opnam, zien wie de jongere is.',
  answer: 'Alleen wie aanmeldde, kan deze vraag beantwoorden.',
};

const GONE: InvokeResult = { error: { status: 404, message: 'Deze aanmelding bestaat niet (meer).' } };

const VERB_ACTION: Partial<Record<DispatchVerb, LifecycleAction>> = {
  takeUp: 'TAKE_UP',
  takeUpConfirm: 'TAKE_UP',
  waitlist: 'WAITING_LIST',
  waitlistConfirm: 'WAITING_LIST',
  decline: 'DECLINE',
  declineConfirm: 'DECLINE',
  ask: 'ASK_INFO',
  askConfirm: 'ASK_INFO',
  firstContact: 'FIRST_CONTACT',
  intake: 'INTAKE',
  start: 'START',
  evaluate: 'EVALUATE',
};

const STEP: Partial<Record<DispatchVerb, 'FIRST_CONTACT' | 'INTAKE' | 'START' | 'EVALUATE'>> = { firstContact: 'FIRST_CONTACT', intake: 'INTAKE', start: 'START', evaluate: 'EVALUATE' };

const DONE: Partial<Record<DispatchVerb, string>> = {
  takeUpConfirm: 'Genoteerd: jullie nemen op. De namen en contactgegevens komen in een 1:1-bericht.',
  waitlistConfirm: 'Genoteerd: op de wachtlijst. De aanmelder krijgt bericht.',
  declineConfirm: 'Genoteerd: niet opgenomen. De aanmelder krijgt de reden.',
  askConfirm: 'Je vraag is naar de aanmelder gestuurd; het antwoord komt op deze kaart.',
  firstContact: 'Eerste contact genoteerd.',
  intake: 'Intake genoteerd.',
  start: 'Start van het traject genoteerd; over acht weken krijgt de begeleider een herinnering voor de evaluatie.',
  evaluate: 'Evaluatie genoteerd; de volgende herinnering komt over acht weken.',
};

const text = (min: number, max: number, tooShort: string) =>
  z.preprocess((v) => (typeof v === 'string' ? cleanText(v) : ''), z.string().min(min, tooShort).max(max, `Schrijf hoogstens ${max} tekens.`));
const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' && cleanText(v) !== '' ? cleanText(v) : undefined), z.string().max(max, `Schrijf hoogstens ${max} tekens.`).optional());

/** The day of a step, from the card's date field: empty is today (the domain checks the range). */
const ZStepDate = z.object({ stepDate: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.iso.date('Kies een datum in de kalender.').optional()) });
const ZTakeUp = z.object({ organisationId: z.string().optional(), begeleiderId: z.string().optional() });
const ZWaitlist = z.object({
  organisationId: z.string().optional(),
  expectedStart: zExpectedStart(() => new Date()),
});
const ZDecline = z
  .object({ reason: z.enum(DECLINE_REASONS, 'Kies een reden.'), note: optionalText(600), instead: optionalText(300) })
  .refine((d) => d.reason !== 'OTHER' || d.note !== undefined, { path: ['note'], message: 'Licht "Anders" kort toe.' });
const ZAsk = z.object({ question: text(10, 600, 'Schrijf je vraag in minstens 10 tekens.') });
const ZAnswer = z.object({ answer: text(2, 1000, 'Schrijf je antwoord.') });

/** Field errors of a failed zod check, one message per field, never the value that was sent. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/** What was typed, to put back in a form: strings only, cut to a sane size. */
function typed(inputs: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k, clip(cleanText(v), 1000)]));
}

export class DispatchFlow {
  private readonly closing: ClosingFlow;
  private readonly surveyCodes: SurveyCodesFlow;

  constructor(
    private readonly prisma: DbClient,
    /** How long a survey code of an afronding works (SURVEY_DAYS). */
    surveyDays = 30,
  ) {
    this.closing = new ClosingFlow(prisma, surveyDays);
    this.surveyCodes = new SurveyCodesFlow(prisma, surveyDays);
  }

  /** "mijn trajecten": only for the partners' people; anyone else is told what is theirs. */
  async trajectoriesCommand(turn: Turn): Promise<Effect[]> {
    const mine = await myTrajectories(this.prisma, turn.aadObjectId);
    if (!mine) return [sendText('**mijn trajecten** is voor de coördinatoren en begeleiders van de NAFT-partners. Meldde je zelf aan? Typ **mijn aanmeldingen**.')];
    return [sendCard(trajectoriesCard(mine))];
  }

  /** `afronden <referentie>` in the 1:1 chat. */
  closeCommand(turn: Turn, argument: string) {
    return this.closing.command(turn, argument);
  }

  async invoke(turn: Turn, verbValue: string, dataValue: unknown): Promise<InvokeResult> {
    const verb = DISPATCH_VERBS.find((v) => v === verbValue);
    const parsed = ZDispatchData.safeParse(dataValue);
    if (!verb || !parsed.success) return { error: { status: 400, message: 'Deze knop begrijp ik niet (meer). Ververs de kaart en probeer opnieuw.' } };
    const data = parsed.data;
    const inputs = dataValue as Readonly<Record<string, unknown>>;
    // Who may, first: the data of a card action is not signed, so the referralId may be anyone's.
    const access = await accessTo(this.prisma, turn.aadObjectId, data.referralId);
    if (!access) return GONE;
    if (!allows(access, NEEDS[verb])) return { message: REFUSED[NEEDS[verb]] };
    // The survey's codes again (the domain checks the right once more when it makes them).
    if (isSurveyCodeVerb(verb)) return this.surveyCodes.invoke(turn, verb, data.referralId);
    const view = await loadDispatchView(this.prisma, data.referralId);
    if (!view) return GONE;
    if (verb === 'answerConfirm') return this.answer(access, data, inputs, view);
    if (verb === 'view') return this.show(view);
    // Every other verb needs 'decide' or 'steps', both of which only a partner of the region has.
    const partner = access.partner;
    if (!partner) return { message: REFUSED[NEEDS[verb]] };

    // The afronding: its own form, in the channel or on the begeleider's 1:1 card (dialogs/dispatch/close.ts).
    if (isCloseVerb(verb)) return this.closing.invoke(turn, verb, data.rev, view, partner, inputs, (v, notice) => this.show(v, notice));
    const step = STEP[verb];
    // From the begeleider's own 1:1 card: no channel version to compare with (see personalStep).
    if (step && turn.personal) return this.personalStep(view, partner, step, verb, inputs);
    const action = VERB_ACTION[verb];
    // A card that shows an older version, or a state in which this does not fit: show what is now.
    if (action && (data.rev !== view.revision || !canDo(action, view.status))) return this.outdated(view, action, partner.personId);

    if (step) return this.step(view, partner, step, verb, inputs);
    switch (verb) {
      case 'takeUp':
        return { card: takeUpForm(view, await this.takeUpChoices(partner)) };
      case 'waitlist':
        return { card: waitlistForm(view, partner.organisations.map((o) => ({ value: o.id, title: o.name }))) };
      case 'decline':
        return { card: declineForm(view) };
      case 'ask':
        return { card: askForm(view) };
      case 'takeUpConfirm':
        return this.confirmTakeUp(view, partner, inputs);
      case 'waitlistConfirm':
        return this.confirmWaitlist(view, partner, inputs);
      case 'declineConfirm': {
        const checked = ZDecline.safeParse(inputs);
        if (!checked.success) return { card: declineForm(view, this.state(inputs, checked.error)) };
        return this.after(verb, view, await decline(this.prisma, { referralId: view.referralId, rev: view.revision, actorId: partner.personId, ...checked.data }), partner.personId);
      }
      case 'askConfirm': {
        const checked = ZAsk.safeParse(inputs);
        if (!checked.success) return { card: askForm(view, this.state(inputs, checked.error)) };
        return this.after(verb, view, await askInfo(this.prisma, { referralId: view.referralId, rev: view.revision, actorId: partner.personId, question: checked.data.question }), partner.personId);
      }
      default:
        return this.show(view);
    }
  }

  private state(inputs: Readonly<Record<string, unknown>>, error: z.ZodError): FormState {
    return { values: typed(inputs), errors: fieldErrors(error) };
  }

  private async takeUpChoices(partner: Partner) {
    return { organisations: partner.organisations.map((o) => ({ value: o.id, title: o.name })), begeleiders: await begeleiderOptions(this.prisma, partner) };
  }

  /** The chosen organisation must be one of the person's own in this region. */
  private organisation(partner: Partner, chosen: string | undefined): string | undefined {
    if (partner.organisations.length === 1) return partner.organisations[0]?.id;
    return partner.organisations.find((o) => o.id === chosen)?.id;
  }

  private async confirmTakeUp(view: DispatchView, partner: Partner, inputs: Readonly<Record<string, unknown>>): Promise<InvokeResult> {
    const checked = ZTakeUp.safeParse(inputs);
    const choices = await this.takeUpChoices(partner);
    const organisationId = this.organisation(partner, checked.data?.organisationId);
    const begeleiderId = choices.begeleiders.find((b) => b.value === (checked.data?.begeleiderId || partner.personId))?.value;
    if (!organisationId || !begeleiderId) {
      const errors = { ...(!organisationId ? { organisationId: 'Kies de organisatie die opneemt.' } : {}), ...(!begeleiderId ? { begeleiderId: 'Kies een begeleider uit de lijst.' } : {}) };
      return { card: takeUpForm(view, choices, { values: typed(inputs), errors }) };
    }
    return this.after('takeUpConfirm', view, await takeUp(this.prisma, { referralId: view.referralId, rev: view.revision, actorId: partner.personId, organisationId, begeleiderId }), partner.personId);
  }

  private async confirmWaitlist(view: DispatchView, partner: Partner, inputs: Readonly<Record<string, unknown>>): Promise<InvokeResult> {
    const organisations = partner.organisations.map((o) => ({ value: o.id, title: o.name }));
    const checked = ZWaitlist.safeParse(inputs);
    if (!checked.success) return { card: waitlistForm(view, organisations, this.state(inputs, checked.error)) };
    const organisationId = this.organisation(partner, checked.data.organisationId);
    if (!organisationId) return { card: waitlistForm(view, organisations, { values: typed(inputs), errors: { organisationId: 'Kies de organisatie.' } }) };
    const expectedStart = checked.data.expectedStart;
    return this.after('waitlistConfirm', view, await waitlist(this.prisma, { referralId: view.referralId, rev: view.revision, actorId: partner.personId, organisationId, ...(expectedStart ? { expectedStart } : {}) }), partner.personId);
  }

  /** A step with the day from the card's date field (the channel card passes its version, the 1:1 cards none). */
  private async noteStep(view: DispatchView, partner: Partner, step: Step, inputs: Readonly<Record<string, unknown>>, rev?: number): Promise<Outcome> {
    const day = ZStepDate.safeParse(inputs);
    if (!day.success) return { ok: false, reason: 'bad-date', message: 'Kies een datum in de kalender (of laat het veld leeg voor vandaag).' };
    return recordStep(this.prisma, { referralId: view.referralId, ...(rev !== undefined ? { rev } : {}), actorId: partner.personId, step, ...(day.data.stepDate ? { on: day.data.stepDate } : {}) });
  }

  private async step(view: DispatchView, partner: Partner, step: Step, verb: DispatchVerb, inputs: Readonly<Record<string, unknown>>): Promise<InvokeResult> {
    const outcome = await this.noteStep(view, partner, step, inputs, view.revision);
    if (!outcome.ok && outcome.reason === 'bad-date') return this.show(view, `${outcome.message} Er is niets genoteerd.`);
    return this.after(verb, view, outcome, partner.personId);
  }

  /**
   * A step recorded from the begeleider's own 1:1 card (the details, or the evaluation reminder):
   * the answer is that card again, up to date, never the channel's card in their chat. Only the
   * organisation that took the referral up gets here (NEEDS), and only it may see these details.
   */
  private async personalStep(view: DispatchView, partner: Partner, step: Step, verb: DispatchVerb, inputs: Readonly<Record<string, unknown>>): Promise<InvokeResult> {
    const outcome = await this.noteStep(view, partner, step, inputs);
    // Reassigned or removed in the very moment: the rule, nothing of the referral.
    if (!outcome.ok && outcome.reason === 'forbidden') return { message: REFUSED.steps };
    const details = await detailsView(this.prisma, view.referralId);
    if (!details) return GONE;
    // Refused by the state (e.g. a button on this card from before the trajectory was closed): why, and where it stands now.
    const now = stateLine(details.dispatch);
    const notice = outcome.ok ? DONE[verb] : outcome.reason === 'bad-date' ? `${outcome.message} Er is niets genoteerd.` : `${NOT_NOW[step]}: ${now.charAt(0).toLowerCase()}${now.slice(1)}`;
    return { card: step === 'EVALUATE' ? evaluationDone(details.dispatch, notice ?? '') : detailsCard(details, notice, outcome.ok ? 'good' : 'warning') };
  }

  /** The referrer answers a question from the dispatch, on the card in their 1:1 chat (only the referrer gets here: NEEDS). */
  private async answer(access: ReferralAccess, data: TDispatchData, inputs: Readonly<Record<string, unknown>>, view: DispatchView): Promise<InvokeResult> {
    const question = data.questionId ? await infoQuestion(this.prisma, view.referralId, data.questionId) : null;
    if (!access.personId || !question) return { error: { status: 404, message: 'Deze vraag vind ik niet (meer).' } };
    const checked = ZAnswer.safeParse(inputs);
    if (!checked.success) {
      const card = await questionView(this.prisma, view.referralId, question.id);
      if (card) return { card: questionCard(card, { error: fieldErrors(checked.error).answer ?? 'Schrijf je antwoord.', typed: typed(inputs).answer ?? '' }) };
      return { error: { status: 404, message: 'Deze vraag vind ik niet (meer).' } };
    }
    const outcome = await answerInfo(this.prisma, { referralId: view.referralId, questionId: question.id, referrerId: access.personId, answer: checked.data.answer });
    if (outcome.ok) return { card: answeredCard({ reference: view.reference, question: question.question, answer: checked.data.answer }) };
    if (outcome.reason === 'forbidden') return { message: REFUSED.answer };
    if (outcome.reason === 'answered') return { card: answeredCard({ reference: view.reference, question: question.question, answer: question.answer ?? '', note: 'Deze vraag had je al beantwoord.' }) };
    return { card: answeredCard({ reference: view.reference, question: question.question, note: `${NOT_NOW.ANSWER_INFO}.` }) };
  }

  /** After a decision or step: the card as it is now, with what happened or who was first. */
  private async after(verb: DispatchVerb, before: DispatchView, outcome: Outcome, actorId: string): Promise<InvokeResult> {
    if (!outcome.ok && outcome.reason === 'forbidden') return { message: REFUSED[NEEDS[verb]] };
    const now = (await loadDispatchView(this.prisma, before.referralId)) ?? before;
    if (outcome.ok) return this.show(now, DONE[verb]);
    const action = VERB_ACTION[verb];
    return action ? this.outdated(now, action, actorId) : this.show(now);
  }

  private outdated(view: DispatchView, action: LifecycleAction, actorId: string): Promise<InvokeResult> {
    const d = view.decision;
    // A second click on one's own decision (a double click, another device) is not someone else's win.
    const own = d?.byId === actorId && d.byAt ? `Dit heb je ${formatDate(d.byAt) === formatDate(new Date()) ? `om ${formatTime(d.byAt)}` : `op ${formatDateTime(d.byAt)}`} al gedaan. ` : undefined;
    const by = own ?? (d?.by ? `${d.by} was je voor. ` : 'De aanmelding veranderde intussen. ');
    return this.show(view, canDo(action, view.status) ? `${by}Kijk de kaart opnieuw na.` : `${by}${NOT_NOW[action]}: ${stateLine(view).charAt(0).toLowerCase()}${stateLine(view).slice(1)}`);
  }

  private async show(view: DispatchView, notice?: string): Promise<InvokeResult> {
    return { card: dispatchCard(view, { refreshFor: await refreshUserIds(this.prisma, view.regionId), ...(notice ? { notice } : {}) }) };
  }
}

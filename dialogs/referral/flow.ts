// The referral conversation in a 1:1 chat. Every card carries the id of its draft and every step
// is stored as it is completed, so the flow is driven by the database rather than by an
// in-memory dialog stack: an old card, a restart or a second device cannot lose or mix answers.
// Handlers return what to show (dialogs/effects.ts); they never talk to Teams themselves.
import { randomUUID } from 'node:crypto';
import type { DbClient } from '../../db/open.ts';
import { changeKind, discardDraft, draftFate, getDraft, latestDraft, listDrafts, openDraft, savePending, saveStep, startDraft } from '../../referrals/drafts.ts';
import type { Draft } from '../../referrals/drafts.ts';
import type { Option, SubjectKind } from '../../referrals/fields.ts';
import { myReferrals, referralOf, titleOf } from '../../referrals/history.ts';
import { clearLiveCard, parseView } from '../../referrals/liveCard.ts';
import { findReferrer } from '../../referrals/referrer.ts';
import type { Referrer } from '../../referrals/referrer.ts';
import { suggestRegion } from '../../referrals/regions.ts';
import { formatDateTime } from '../../referrals/status.ts';
import { STEP_IDS, stepNumber } from '../../referrals/steps.ts';
import type { StepId } from '../../referrals/steps.ts';
import { submitReferral } from '../../referrals/submit.ts';
import { checkStep } from '../../referrals/validate.ts';
import type { StepAnswers } from '../../referrals/validate.ts';
import type { CommandId } from '../../cards/commands.ts';
import { ZReferralAction } from '../../cards/referral/actions.ts';
import type { TReferralAction } from '../../cards/referral/actions.ts';
import { discardedLine, doneLine, kindChosen, pausedLine, sentLine } from '../../cards/referral/doneCards.ts';
import { KIND_IN_SENTENCE, KIND_TITLE } from '../../cards/referral/format.ts';
import { kindCard } from '../../cards/referral/kindCard.ts';
import { draftProgress, draftsCard, myReferralsCard, statusCard, withdrawCard, WITHDRAWABLE } from '../../cards/referral/listCards.ts';
import { withdraw } from '../../dispatch/decide.ts';
import { cancelCard, confirmationCard } from '../../cards/referral/outcomeCards.ts';
import { AUTO_REGION } from '../../cards/referral/stepCard.ts';
import { replaceCard, sendCard, sendText } from '../effects.ts';
import type { Effect, Turn } from '../effects.ts';
import * as say from '../messages.ts';
import { Screens } from './screens.ts';

type Region = { id: string; code: string; name: string };
export type ReferralCommand = Extract<CommandId, 'new' | 'resume' | 'pause' | 'cancel' | 'list' | 'drafts'>;

export class ReferralFlow {
  private readonly screens: Screens;

  constructor(private readonly prisma: DbClient) {
    this.screens = new Screens(prisma, () => this.regionOptions());
  }

  async command(turn: Turn, command: ReferralCommand): Promise<Effect[]> {
    const referrer = await findReferrer(this.prisma, turn.aadObjectId);
    if (!referrer) return [sendText(say.NOT_ALLOWED)];
    switch (command) {
      case 'new':
      case 'resume':
      case 'list':
      case 'drafts':
        return this.run(turn, referrer, command === 'list' ? { op: 'list', page: 1 } : { op: command });
      case 'pause': {
        const open = await openDraft(this.prisma, referrer.id);
        return open ? this.pause(turn, open.draft) : [sendText(say.NOTHING_OPEN)];
      }
      case 'cancel': {
        const open = await openDraft(this.prisma, referrer.id);
        return open ? this.run(turn, referrer, { op: 'cancel', draftId: open.draft.id }) : [sendText(say.NOTHING_TO_CANCEL)];
      }
    }
  }

  /** A card submit. Malformed data gets an explanation, never silence and never a crash. */
  async action(turn: Turn, value: Readonly<Record<string, unknown>>): Promise<Effect[]> {
    const referrer = await findReferrer(this.prisma, turn.aadObjectId);
    if (!referrer) return [sendText(say.NOT_ALLOWED)];
    const parsed = ZReferralAction.safeParse(value);
    if (!parsed.success) return [sendText(say.UNKNOWN_CARD)];
    return this.run(turn, referrer, parsed.data, value);
  }

  /** Typed text that is no command: while a draft's card waits, point back at it. */
  async freeText(turn: Turn): Promise<Effect[] | null> {
    const referrer = await findReferrer(this.prisma, turn.aadObjectId);
    const open = referrer ? await openDraft(this.prisma, referrer.id) : null;
    if (!open) return null;
    const view = parseView(open.liveCardView);
    const { draft } = open;
    if (view?.kind === 'kind') return [...this.screens.showKind(draft)];
    const target = view?.kind === 'step' ? view.step : 'summary';
    const nudge = sendText(target === 'summary' ? say.WAITING_FOR_SUMMARY : say.WAITING_FOR_CARD(stepNumber(target)));
    return [nudge, ...(await this.screens.showNext(draft, undefined, target))];
  }

  private async run(turn: Turn, referrer: Referrer, action: TReferralAction, inputs: Readonly<Record<string, unknown>> = {}): Promise<Effect[]> {
    switch (action.op) {
      case 'new': {
        const others = (await listDrafts(this.prisma, referrer.id)).length;
        return [sendCard(kindCard({ draftId: randomUUID(), ...(others > 0 ? { notice: say.OTHER_DRAFTS(others) } : {}) }))];
      }
      case 'kind':
        return action.change ? this.changeKind(referrer, action.draftId, action.kind) : this.startWith(turn, referrer, action.draftId, action.kind);
      case 'step':
        return this.saveStep(turn, referrer, action, inputs);
      case 'back': {
        const draft = await this.keepInputs(referrer, action.draftId, action.step, inputs);
        if (!draft) return this.gone(referrer, action.draftId);
        return this.screens.showStep(draft, STEP_IDS[Math.max(0, stepNumber(action.step) - 2)] ?? 'who');
      }
      case 'edit': {
        const draft = action.keep ? await this.keepInputs(referrer, action.draftId, action.keep, inputs) : await getDraft(this.prisma, referrer.id, action.draftId);
        if (!draft) return this.gone(referrer, action.draftId);
        if (action.step === 'kind') return this.screens.showKind(draft);
        return this.screens.showStep(draft, action.step, { fromSummary: STEP_IDS.every((s) => s === action.step || draft.steps[s]) });
      }
      case 'confirm':
        return this.confirm(turn, referrer, action.draftId, action.rev);
      case 'pause': {
        const draft = action.draftId
          ? action.step
            ? await this.keepInputs(referrer, action.draftId, action.step, inputs)
            : await getDraft(this.prisma, referrer.id, action.draftId)
          : (await openDraft(this.prisma, referrer.id))?.draft;
        return draft ? this.pause(turn, draft) : [sendText(say.NOTHING_OPEN)];
      }
      case 'cancel': {
        const draft = await getDraft(this.prisma, referrer.id, action.draftId);
        if (!draft) return this.gone(referrer, action.draftId);
        return [sendCard(cancelCard({ draftId: draft.id, title: titleOf(draft.kind, { steps: draft.steps }) }))];
      }
      case 'discard': {
        const live = await clearLiveCard(this.prisma, referrer.id, action.draftId).catch(() => null);
        const gone = await discardDraft(this.prisma, referrer.id, action.draftId);
        if (!gone) return this.gone(referrer, action.draftId);
        const effects: Effect[] = [];
        if (turn.replyToId) effects.push(replaceCard(turn.replyToId, discardedLine()));
        if (live && live.activityId !== turn.replyToId) effects.push(replaceCard(live.activityId, discardedLine()));
        return [...effects, sendText(say.DISCARDED)];
      }
      case 'resume': {
        const draft = action.draftId ? await getDraft(this.prisma, referrer.id, action.draftId) : await latestDraft(this.prisma, referrer.id);
        if (!draft) return action.draftId ? this.gone(referrer, action.draftId) : [sendText(say.NO_DRAFT)];
        const closing = action.closes && turn.replyToId ? [replaceCard(turn.replyToId, doneLine({ text: '✓ Concept bewaard' }))] : [];
        const notice = ['Je gaat verder met ', { typed: titleOf(draft.kind, { steps: draft.steps }) }, `, laatst bewaard op ${formatDateTime(draft.updatedAt)} (${draftProgress(draft)}).`] as const;
        return [...closing, ...(await this.screens.showNext(draft, notice))];
      }
      case 'drafts':
        return [sendCard(draftsCard(await listDrafts(this.prisma, referrer.id)))];
      case 'list': {
        const [page, drafts] = await Promise.all([myReferrals(this.prisma, referrer.id, action.page), listDrafts(this.prisma, referrer.id)]);
        return [sendCard(myReferralsCard(page, drafts.length))];
      }
      case 'status': {
        const item = await referralOf(this.prisma, referrer.id, action.referralId);
        return item ? [sendCard(statusCard(item))] : [sendText(say.DRAFT_GONE)];
      }
      case 'withdraw': {
        const item = await referralOf(this.prisma, referrer.id, action.referralId);
        if (!item) return [sendText(say.DRAFT_GONE)];
        return WITHDRAWABLE.includes(item.status) ? [sendCard(withdrawCard(item))] : [sendText(say.CANNOT_WITHDRAW(item.reference ?? ''))];
      }
      case 'withdrawConfirm': {
        const outcome = await withdraw(this.prisma, { referralId: action.referralId, referrerId: referrer.id });
        const item = await referralOf(this.prisma, referrer.id, action.referralId);
        if (!item) return [sendText(say.DRAFT_GONE)];
        if (!outcome.ok) return [sendText(say.CANNOT_WITHDRAW(item.reference ?? ''))];
        const done = turn.replyToId ? [replaceCard(turn.replyToId, doneLine({ text: `✓ ${item.reference ?? ''} ingetrokken` }))] : [];
        return [...done, sendText(say.WITHDRAWN(item.reference ?? ''))];
      }
    }
  }

  /** A kind button of a new referral: its draft is created once, however often it is clicked. */
  private async startWith(turn: Turn, referrer: Referrer, draftId: string, kind: SubjectKind): Promise<Effect[]> {
    const started = await startDraft(this.prisma, referrer.id, draftId, kind);
    if (!started) return this.gone(referrer, draftId);
    const { draft, created } = started;
    if (!created && draft.kind !== kind) return this.changeKind(referrer, draftId, kind);
    // A second click on the same button: the first one already shows step 1.
    if (!created && draft.liveCardId !== null) return [];
    const chosen = turn.replyToId ? [replaceCard(turn.replyToId, kindChosen(KIND_TITLE[kind]))] : [];
    return [...chosen, ...(await this.screens.showNext(draft))];
  }

  private async changeKind(referrer: Referrer, draftId: string, kind: SubjectKind): Promise<Effect[]> {
    const changed = await changeKind(this.prisma, referrer.id, draftId, kind);
    if (!changed) return this.gone(referrer, draftId);
    const notice = changed.redo.length > 0 ? [say.REDO(KIND_IN_SENTENCE[kind], changed.redo.map(stepNumber))] : undefined;
    return this.screens.showNext(changed.draft, notice);
  }

  private async saveStep(turn: Turn, referrer: Referrer, action: Extract<TReferralAction, { op: 'step' }>, inputs: Readonly<Record<string, unknown>>): Promise<Effect[]> {
    const { draftId, step: stepId } = action;
    const how = { fromSummary: action.fromSummary === true, skipDone: action.skipDone === true };
    // The card names the kind it asked for; only a card from before that needs a read first.
    const kind = action.kind ?? (await getDraft(this.prisma, referrer.id, draftId))?.kind;
    if (!kind) return this.gone(referrer, draftId);
    const checked = await this.check(kind, stepId, inputs);
    if (!checked.ok) {
      const draft = await getDraft(this.prisma, referrer.id, draftId);
      if (!draft) return this.gone(referrer, draftId);
      if (draft.kind !== kind) return this.screens.showStep(draft, stepId, { notice: [say.KIND_CHANGED_MEANWHILE] });
      // The card that was sent comes back in place, with what is wrong and all that was typed.
      const card = await this.screens.step(draft, stepId, { ...how, values: checked.raw, errors: checked.errors });
      if (!turn.replyToId) return [this.screens.live(draft, { kind: 'step', step: stepId }, card)];
      const retire = await this.screens.track(draft, { kind: 'step', step: stepId }, turn.replyToId);
      return [replaceCard(turn.replyToId, card, { orSend: true }), ...retire];
    }
    const saved = await saveStep(this.prisma, { id: draftId, kind, referrerId: referrer.id }, stepId, checked.answers);
    if (saved === null) return this.gone(referrer, draftId);
    if (saved === 'kind-changed') {
      const current = await getDraft(this.prisma, referrer.id, draftId);
      return current ? this.screens.showStep(current, stepId, { notice: [say.KIND_CHANGED_MEANWHILE] }) : this.gone(referrer, draftId);
    }
    const following = STEP_IDS[stepNumber(stepId)];
    if (how.fromSummary || how.skipDone || !following) return this.screens.showNext(saved);
    return this.screens.showStep(saved, following);
  }

  /** The server-side check, plus the region: "AUTO" becomes the region of the school's town. */
  private async check(kind: SubjectKind, stepId: StepId, inputs: Readonly<Record<string, unknown>>): Promise<ReturnType<typeof checkStep>> {
    const checked = checkStep(stepId, kind, inputs);
    if (!checked.ok || stepId !== 'who') return checked;
    const regions = await this.regions();
    const answers: StepAnswers = { ...checked.answers };
    const code = answers.regionCode === AUTO_REGION ? suggestRegion(String(answers.schoolTown), regions.map((r) => r.code)) : String(answers.regionCode);
    if (!code || !regions.some((r) => r.code === code)) return { ok: false, errors: { regionCode: say.REGION_UNKNOWN }, raw: checked.raw };
    answers.regionCode = code;
    return { ...checked, answers };
  }

  /**
   * What is on a step's card when the referrer leaves it another way than "Volgende" (Vorige,
   * Pauzeren, Andere keuze): saved as the step when complete, otherwise kept as not yet complete.
   */
  private async keepInputs(referrer: Referrer, draftId: string, stepId: StepId, inputs: Readonly<Record<string, unknown>>): Promise<Draft | null> {
    const draft = await getDraft(this.prisma, referrer.id, draftId);
    if (!draft) return null;
    const checked = await this.check(draft.kind, stepId, inputs);
    const typed = Object.entries(checked.raw).some(([id, v]) => v !== '' && !(id === 'regionCode' && v === AUTO_REGION) && v !== 'false');
    if (!typed) return draft;
    if (checked.ok) {
      const saved = await saveStep(this.prisma, draft, stepId, checked.answers);
      return saved === 'kind-changed' ? getDraft(this.prisma, referrer.id, draftId) : saved;
    }
    return savePending(this.prisma, draft.id, stepId, checked.raw);
  }

  private async confirm(turn: Turn, referrer: Referrer, draftId: string, revision: number): Promise<Effect[]> {
    const result = await submitReferral(this.prisma, { referrerId: referrer.id, draftId, revision });
    if (result.ok) {
      const sent = turn.replyToId ? [replaceCard(turn.replyToId, sentLine(result.reference))] : [];
      return [...sent, sendCard(confirmationCard(result))];
    }
    if (result.reason === 'not-found') return this.gone(referrer, draftId);
    const draft = await getDraft(this.prisma, referrer.id, draftId);
    if (!draft) return this.gone(referrer, draftId);
    if (result.reason === 'changed') return this.screens.showNext(draft, [say.CHANGED]);
    return this.screens.showNext(draft, [say.INCOMPLETE], result.reason === 'no-region' ? 'who' : undefined);
  }

  private async pause(turn: Turn, draft: Draft): Promise<Effect[]> {
    const live = await clearLiveCard(this.prisma, draft.referrerId, draft.id);
    const paused = pausedLine(draft.id, draftProgress(draft));
    const effects: Effect[] = [];
    if (live) effects.push(replaceCard(live.activityId, paused));
    if (turn.replyToId && turn.replyToId !== live?.activityId) effects.push(replaceCard(turn.replyToId, paused));
    return [...effects, sendText(say.PAUSED)];
  }

  /** A card of a draft that is no longer there: sent (say so, with its reference) or deleted. */
  private async gone(referrer: Referrer, draftId: string): Promise<Effect[]> {
    const fate = await draftFate(this.prisma, referrer.id, draftId);
    return [sendText(fate.sent ? say.ALREADY_SENT(fate.reference) : say.DRAFT_GONE)];
  }

  /** Regions are reference data that changes with a release, not per turn: read once a minute. */
  private regionCache: { at: number; regions: Promise<Region[]> } | undefined;
  private regions(): Promise<Region[]> {
    if (!this.regionCache || Date.now() - this.regionCache.at > 60_000) {
      const regions = this.prisma.region.findMany({ orderBy: { name: 'asc' }, select: { id: true, code: true, name: true } });
      // A failed read must not be cached: the next turn tries again.
      regions.catch(() => (this.regionCache = undefined));
      this.regionCache = { at: Date.now(), regions };
    }
    return this.regionCache.regions;
  }

  private async regionOptions(): Promise<Option[]> {
    return (await this.regions()).map((r) => ({ value: r.code, title: r.name }));
  }
}

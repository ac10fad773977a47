// The referral conversation in a 1:1 chat. Every card carries the id of its draft and every step
// is stored as it is completed, so the flow is driven by the database rather than by an
// in-memory dialog stack: an old card, a restart or a second device cannot lose or mix answers.
// Conversation state only remembers which draft is open, for typed commands (stop, annuleer).
import { CardFactory, MessageFactory } from 'botbuilder';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DbClient } from '../db/open.ts';
import { changeKind, discardDraft, getDraft, latestDraft, listDrafts, nextStep, saveStep, startDraft, subjectKeyOf } from '../referrals/drafts.ts';
import type { Draft } from '../referrals/drafts.ts';
import type { Option, SubjectKind } from '../referrals/fields.ts';
import { findEarlierReferral, myReferrals, titleOf } from '../referrals/history.ts';
import { findReferrer } from '../referrals/referrer.ts';
import type { Referrer } from '../referrals/referrer.ts';
import { suggestRegion } from '../referrals/regions.ts';
import { formatDate } from '../referrals/status.ts';
import { consentIncomplete, STEP_IDS, stepById, stepNumber } from '../referrals/steps.ts';
import type { StepId } from '../referrals/steps.ts';
import { submitReferral } from '../referrals/submit.ts';
import { checkStep } from '../referrals/validate.ts';
import type { StepAnswers, StepValue } from '../referrals/validate.ts';
import type { AdaptiveCard } from '../cards/adaptiveCard.ts';
import { REFERRAL_ACTION_TAG, ZReferralAction } from '../cards/referral/actions.ts';
import type { TReferralAction } from '../cards/referral/actions.ts';
import { kindCard } from '../cards/referral/kindCard.ts';
import { draftsCard, myReferralsCard, statusCard } from '../cards/referral/listCards.ts';
import { cancelCard, confirmationCard } from '../cards/referral/outcomeCards.ts';
import { AUTO_REGION, stepCard } from '../cards/referral/stepCard.ts';
import { summaryCard } from '../cards/referral/summaryCard.ts';
import { usedCard } from '../cards/referral/usedCard.ts';
import { KIND_TITLE } from '../cards/referral/format.ts';
import * as say from './messages.ts';

export interface ActiveReferral {
  draftId?: string;
  /** The card the referrer was last shown, to point back at when they type instead. */
  showing?: StepId | 'summary';
}

export type ReferralCommand = 'new' | 'resume' | 'pause' | 'cancel' | 'list' | 'drafts';

export class ReferralFlow {
  constructor(
    private readonly prisma: DbClient,
    private readonly active: StatePropertyAccessor<ActiveReferral>,
  ) {}

  /** Is this card submit one of ours? (Other cards are routed elsewhere.) */
  static isReferralSubmit(value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { naft?: unknown }).naft === REFERRAL_ACTION_TAG;
  }

  async command(context: TurnContext, command: ReferralCommand): Promise<void> {
    const referrer = await this.referrer(context);
    if (!referrer) return;
    const openId = (await this.active.get(context, {})).draftId;
    switch (command) {
      case 'new':
        return this.run(context, referrer, { op: 'new' });
      case 'resume':
        return this.run(context, referrer, { op: 'resume' });
      case 'pause':
        return this.run(context, referrer, { op: 'pause', ...(openId ? { draftId: openId } : {}) });
      case 'cancel':
        if (!openId || !(await getDraft(this.prisma, referrer.id, openId))) return this.text(context, say.NOTHING_TO_CANCEL);
        return this.run(context, referrer, { op: 'cancel', draftId: openId });
      case 'list':
        return this.run(context, referrer, { op: 'list', page: 1 });
      case 'drafts':
        return this.run(context, referrer, { op: 'drafts' });
    }
  }

  /** A card submit. Malformed data gets an explanation, never silence and never a crash. */
  async submit(context: TurnContext, value: unknown): Promise<void> {
    const referrer = await this.referrer(context);
    if (!referrer) return;
    const parsed = ZReferralAction.safeParse(value);
    if (!parsed.success) return this.text(context, say.UNKNOWN_CARD);
    return this.run(context, referrer, parsed.data, value as Record<string, unknown>);
  }

  /** Typed text that is no command: while a draft is open, point back at its current card. */
  async freeText(context: TurnContext): Promise<boolean> {
    const { draftId: openId, showing } = await this.active.get(context, {});
    if (!openId) return false;
    const referrer = await findReferrer(this.prisma, context.activity.from?.aadObjectId);
    const draft = referrer ? await getDraft(this.prisma, referrer.id, openId) : null;
    if (!draft) return false;
    const current = showing ?? nextStep(draft);
    if (current !== 'summary') await this.text(context, say.WAITING_FOR_CARD(stepNumber(current)));
    await this.showNext(context, draft, current);
    return true;
  }

  private async referrer(context: TurnContext): Promise<Referrer | null> {
    const referrer = await findReferrer(this.prisma, context.activity.from?.aadObjectId);
    if (!referrer) await this.text(context, say.NOT_ALLOWED);
    return referrer;
  }

  private async run(context: TurnContext, referrer: Referrer, action: TReferralAction, inputs: Record<string, unknown> = {}): Promise<void> {
    switch (action.op) {
      case 'new': {
        const others = await listDrafts(this.prisma, referrer.id);
        await this.active.set(context, {});
        return this.card(context, kindCard({ ...(others.length > 0 ? { notice: say.OTHER_DRAFTS(others.length) } : {}) }));
      }
      case 'kind':
        return this.chooseKind(context, referrer, action.kind, action.draftId);
      case 'step':
        return this.saveStep(context, referrer, action.draftId, action.step, inputs, action.fromSummary === true);
      case 'back':
      case 'edit': {
        const draft = await this.openDraft(context, referrer, action.draftId);
        if (!draft) return;
        if (action.step === 'kind') return this.card(context, kindCard({ draftId: draft.id }));
        const target: StepId = action.op === 'back' ? (STEP_IDS[Math.max(0, stepNumber(action.step) - 2)] ?? 'who') : action.step;
        return this.showStep(context, draft, target, { fromSummary: action.op === 'edit' && nextStep(draft) === 'summary' });
      }
      case 'confirm':
        return this.confirm(context, referrer, action.draftId);
      case 'pause':
        await this.active.set(context, {});
        return this.text(context, say.PAUSED);
      case 'cancel': {
        const draft = await this.openDraft(context, referrer, action.draftId);
        if (draft) await this.card(context, cancelCard({ draftId: draft.id, title: titleOf(draft.kind, { steps: draft.steps }) }));
        return;
      }
      case 'discard': {
        const gone = await discardDraft(this.prisma, referrer.id, action.draftId);
        if ((await this.active.get(context, {})).draftId === action.draftId) await this.active.set(context, {});
        if (gone) await this.retire(context, usedCard({ text: 'Concept verwijderd' }));
        return this.text(context, gone ? say.DISCARDED : say.DRAFT_GONE);
      }
      case 'resume': {
        const draft = action.draftId ? await getDraft(this.prisma, referrer.id, action.draftId) : await latestDraft(this.prisma, referrer.id);
        if (!draft) return this.text(context, action.draftId ? say.DRAFT_GONE : say.NO_DRAFT);
        await this.active.set(context, { draftId: draft.id });
        return this.showNext(context, draft, nextStep(draft), say.RESUMED(formatDate(draft.updatedAt)));
      }
      case 'drafts':
        return this.card(context, draftsCard(await listDrafts(this.prisma, referrer.id)));
      case 'list': {
        const [page, drafts] = await Promise.all([myReferrals(this.prisma, referrer.id, action.page), listDrafts(this.prisma, referrer.id)]);
        return this.card(context, myReferralsCard(page, drafts.length));
      }
      case 'status': {
        const row = await this.prisma.referral.findFirst({ where: { id: action.referralId, referrerId: referrer.id, NOT: { status: 'DRAFT' } } });
        if (!row) return this.text(context, say.DRAFT_GONE);
        const item = { id: row.id, reference: row.reference, status: row.status, date: row.submittedAt ?? row.createdAt, title: titleOf(row.subjectKind, row.answers) };
        return this.card(context, statusCard(item));
      }
    }
  }

  private async chooseKind(context: TurnContext, referrer: Referrer, kind: SubjectKind, draftId: string | undefined): Promise<void> {
    let draft: Draft | null;
    if (draftId) {
      const existing = await this.openDraft(context, referrer, draftId);
      if (!existing) return;
      draft = await changeKind(this.prisma, existing, kind);
      if (!draft) return this.text(context, say.DRAFT_GONE);
    } else {
      draft = await startDraft(this.prisma, referrer.id, kind);
    }
    await this.active.set(context, { draftId: draft.id });
    await this.retire(context, usedCard({ text: `Nieuwe aanmelding: ${KIND_TITLE[kind]}` }));
    return this.showStep(context, draft, 'who');
  }

  private async saveStep(context: TurnContext, referrer: Referrer, draftId: string, stepId: StepId, inputs: Record<string, unknown>, fromSummary: boolean): Promise<void> {
    const draft = await this.openDraft(context, referrer, draftId);
    if (!draft) return;
    await this.active.set(context, { draftId: draft.id });
    const checked = checkStep(stepId, draft.kind, inputs);
    if (!checked.ok) return this.showStep(context, draft, stepId, { fromSummary, values: checked.raw, errors: checked.errors });

    const answers: StepAnswers = { ...checked.answers };
    let regionId: string | undefined;
    if (stepId === 'who') {
      const regions = await this.regions();
      const code = answers.regionCode === AUTO_REGION ? suggestRegion(String(answers.schoolTown), regions.map((r) => r.code)) : String(answers.regionCode);
      regionId = regions.find((r) => r.code === code)?.id;
      if (!code || !regionId) {
        const raw = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
        return this.showStep(context, draft, 'who', { fromSummary, values: raw, errors: { regionCode: say.REGION_UNKNOWN(String(answers.schoolTown)) } });
      }
      answers.regionCode = code;
    }
    const saved = await saveStep(this.prisma, draft, stepId, answers, regionId ? { regionId } : {});
    if (!saved) return this.text(context, say.DRAFT_GONE);
    await this.retire(context, usedCard({ text: `Stap ${stepNumber(stepId)} van ${STEP_IDS.length} bewaard · ${stepById(stepId).title}`, edit: { draftId: saved.id, step: stepId } }));
    const following = STEP_IDS[stepNumber(stepId)];
    if (fromSummary || !following) return this.showNext(context, saved, nextStep(saved));
    return this.showStep(context, saved, following);
  }

  private async confirm(context: TurnContext, referrer: Referrer, draftId: string): Promise<void> {
    const result = await submitReferral(this.prisma, referrer.id, draftId);
    if (result.ok) {
      await this.active.set(context, {});
      await this.retire(context, usedCard({ text: `Verstuurd als ${result.reference}`, detail: 'Typ **mijn aanmeldingen** om de status te volgen.' }));
      return this.card(context, confirmationCard(result));
    }
    if (result.reason === 'not-found') return this.text(context, say.DRAFT_GONE);
    const draft = await getDraft(this.prisma, referrer.id, draftId);
    if (!draft) return this.text(context, say.DRAFT_GONE);
    return this.showNext(context, draft, result.reason === 'no-region' ? 'who' : nextStep(draft), say.INCOMPLETE);
  }

  /** The draft behind a card, or a clear message when it is gone (submitted or discarded). */
  private async openDraft(context: TurnContext, referrer: Referrer, draftId: string): Promise<Draft | null> {
    const draft = await getDraft(this.prisma, referrer.id, draftId);
    if (!draft) await this.text(context, say.DRAFT_GONE);
    return draft;
  }

  private async showNext(context: TurnContext, draft: Draft, next: StepId | 'summary', notice?: string): Promise<void> {
    if (next !== 'summary') return this.showStep(context, draft, next, notice ? { notice } : {});
    await this.active.set(context, { draftId: draft.id, showing: 'summary' });
    const regions = await this.regionOptions();
    const consentFlag = draft.steps.care !== undefined && consentIncomplete(draft.steps.care);
    const earlier = await findEarlierReferral(this.prisma, subjectKeyOf(draft.kind, draft.steps.who), draft.id);
    return this.card(context, summaryCard({ draftId: draft.id, kind: draft.kind, steps: draft.steps, regions, earlier, consentFlag, ...(notice ? { notice } : {}) }));
  }

  private async showStep(
    context: TurnContext,
    draft: Draft,
    stepId: StepId,
    opts: { fromSummary?: boolean; values?: Record<string, StepValue>; errors?: Record<string, string>; notice?: string } = {},
  ): Promise<void> {
    await this.active.set(context, { draftId: draft.id, showing: stepId });
    const regions = await this.regionOptions();
    return this.card(
      context,
      stepCard({
        draftId: draft.id,
        step: stepById(stepId),
        kind: draft.kind,
        values: opts.values ?? draft.steps[stepId] ?? {},
        regions,
        ...(opts.errors ? { errors: opts.errors } : {}),
        ...(opts.fromSummary ? { fromSummary: true } : {}),
        ...(opts.notice ? { notice: opts.notice } : {}),
      }),
    );
  }

  /** Regions are reference data that changes with a release, not per turn: read once a minute. */
  private regionCache: { at: number; regions: Promise<Array<{ id: string; code: string; name: string }>> } | undefined;
  private regions(): Promise<Array<{ id: string; code: string; name: string }>> {
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

  /**
   * Replaces the card whose button was clicked. Cosmetic: if Teams refuses the update the old card
   * simply stays, and its buttons keep working (every card carries its draft id), so a failure
   * here must not fail the turn.
   */
  private async retire(context: TurnContext, card: AdaptiveCard): Promise<void> {
    const id = context.activity.replyToId;
    if (!id || context.activity.value === undefined) return;
    const update = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    update.id = id;
    await context.updateActivity(update).catch(() => undefined);
  }

  private async card(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  private async text(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(MessageFactory.text(text));
  }
}

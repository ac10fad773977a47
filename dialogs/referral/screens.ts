// Showing a draft's cards. Every card shown for a draft becomes its live card once Teams gave it
// an id; the card it replaces is turned into its one-line state in the same turn.
import type { DbClient } from '../../db/open.ts';
import type { Draft } from '../../referrals/drafts.ts';
import { nextStep } from '../../referrals/drafts.ts';
import type { Option } from '../../referrals/fields.ts';
import { findEarlierReferral } from '../../referrals/history.ts';
import { swapLiveCard } from '../../referrals/liveCard.ts';
import type { CardView } from '../../referrals/liveCard.ts';
import { rememberedContact } from '../../referrals/remembered.ts';
import { consentIncomplete, STEP_IDS, stepById } from '../../referrals/steps.ts';
import type { StepId } from '../../referrals/steps.ts';
import { subjectKeyOf } from '../../referrals/subject.ts';
import type { StepValue } from '../../referrals/validate.ts';
import type { AdaptiveCard } from '../../cards/adaptiveCard.ts';
import { kindChosen, stepDone, summaryReplaced } from '../../cards/referral/doneCards.ts';
import { KIND_TITLE } from '../../cards/referral/format.ts';
import { kindCard } from '../../cards/referral/kindCard.ts';
import { stepCard } from '../../cards/referral/stepCard.ts';
import { summaryCard } from '../../cards/referral/summaryCard.ts';
import type { Words } from '../../cards/text.ts';
import { replaceCard, sendCard } from '../effects.ts';
import type { Effect } from '../effects.ts';
import * as say from '../messages.ts';

export interface StepOptions {
  fromSummary?: boolean;
  skipDone?: boolean;
  values?: Readonly<Record<string, StepValue | undefined>>;
  errors?: Readonly<Record<string, string>>;
  notice?: Words;
}

/** The one-line state of a card that is no longer live, by what happened to its part. */
export function retiredCard(draft: Draft, view: CardView): AdaptiveCard {
  switch (view.kind) {
    case 'step':
      return stepDone(draft.id, view.step, draft.steps[view.step] ? 'saved' : draft.pending[view.step] ? 'kept' : 'open');
    case 'summary':
      return summaryReplaced();
    case 'kind':
      return kindChosen(KIND_TITLE[draft.kind]);
  }
}

export class Screens {
  constructor(
    private readonly prisma: DbClient,
    private readonly regionOptions: () => Promise<Option[]>,
  ) {}

  /** Sends `card` as the draft's live card; the previous live card is retired. */
  live(draft: Draft, view: CardView, card: AdaptiveCard): Effect {
    return sendCard(card, async (activityId) => this.track(draft, view, activityId));
  }

  /** Records `activityId` as the live card and returns the effect that retires the one before. */
  async track(draft: Draft, view: CardView, activityId: string): Promise<Effect[]> {
    const old = await swapLiveCard(this.prisma, draft.id, activityId, view);
    return old && old.activityId !== activityId ? [replaceCard(old.activityId, retiredCard(draft, old.view))] : [];
  }

  async step(draft: Draft, stepId: StepId, opts: StepOptions = {}): Promise<AdaptiveCard> {
    let values = opts.values ?? draft.pending[stepId] ?? draft.steps[stepId];
    let notice = opts.notice;
    if (!values && stepId === 'contact') {
      const remembered = await rememberedContact(this.prisma, draft.referrerId, String(draft.steps.who?.schoolName ?? ''));
      values = remembered.values;
      if (remembered.school) notice ??= [say.REMEMBERED_CONTACT, { typed: remembered.school }, '; pas aan als het niet meer klopt.'];
      else if (Object.keys(remembered.values).length > 0) notice ??= [say.REMEMBERED_REFERRER];
    }
    return stepCard({
      draftId: draft.id,
      step: stepById(stepId),
      kind: draft.kind,
      values: values ?? {},
      regions: await this.regionOptions(),
      ...(opts.errors ? { errors: opts.errors } : {}),
      ...(opts.fromSummary ? { fromSummary: true } : {}),
      ...(opts.skipDone ? { skipDone: true } : {}),
      ...(notice ? { notice } : {}),
    });
  }

  async showStep(draft: Draft, stepId: StepId, opts: StepOptions = {}): Promise<Effect[]> {
    return [this.live(draft, { kind: 'step', step: stepId }, await this.step(draft, stepId, opts))];
  }

  async summary(draft: Draft, notice?: Words): Promise<AdaptiveCard> {
    const earlier = await findEarlierReferral(this.prisma, subjectKeyOf(draft.kind, draft.steps.who), draft.id);
    return summaryCard({
      draftId: draft.id,
      revision: draft.revision,
      kind: draft.kind,
      steps: draft.steps,
      regions: await this.regionOptions(),
      earlier,
      consentFlag: draft.steps.care !== undefined && consentIncomplete(draft.steps.care),
      unfinished: STEP_IDS.filter((s) => draft.steps[s] && draft.pending[s]),
      ...(notice ? { notice } : {}),
    });
  }

  /** The first step still open, or the overview when every step is done. */
  async showNext(draft: Draft, notice?: Words, target: StepId | 'summary' = nextStep(draft)): Promise<Effect[]> {
    if (target !== 'summary') return this.showStep(draft, target, { skipDone: true, ...(notice ? { notice } : {}) });
    return [this.live(draft, { kind: 'summary' }, await this.summary(draft, notice))];
  }

  showKind(draft: Draft, notice?: string): Effect[] {
    return [this.live(draft, { kind: 'kind' }, kindCard({ draftId: draft.id, current: draft.kind, ...(notice ? { notice } : {}) }))];
  }
}

// The first question of every referral: who is it for? The answer decides which fields follow.
import { SUBJECT_KINDS } from '../../referrals/fields.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard } from '../adaptiveCard.ts';
import { actionData } from './actions.ts';
import { KIND_TITLE } from './format.ts';

export function kindCard(view: { draftId?: string; referrerFirstName?: string; notice?: string }): AdaptiveCard {
  return card(
    [
      ...(view.notice ? [{ type: 'TextBlock' as const, text: view.notice, wrap: true, color: 'accent' as const }] : []),
      { type: 'TextBlock', text: 'Stap 1 van 7 · Nieuwe aanmelding', isSubtle: true, size: 'small', wrap: true },
      { type: 'TextBlock', text: 'Wie meld je aan?', size: 'large', weight: 'bolder', wrap: true, spacing: 'none' },
      {
        type: 'TextBlock',
        text: 'Kies wat past. Daarna overlopen we samen de vraagverheldering in zeven korte stappen; elke stap wordt meteen bewaard, zodat je altijd later verder kunt.',
        wrap: true,
      },
    ],
    [
      ...SUBJECT_KINDS.map((kind) => ({ type: 'Action.Submit' as const, title: KIND_TITLE[kind], data: actionData({ op: 'kind', kind, ...(view.draftId ? { draftId: view.draftId } : {}) }) })),
    ],
  );
}

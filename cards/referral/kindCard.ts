// The first question of every referral: who is it for? The answer decides which fields follow.
// The card names the draft it will create (a fresh id), so a double click creates one draft.
import { SUBJECT_KINDS } from '../../referrals/fields.ts';
import type { SubjectKind } from '../../referrals/fields.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardElement } from '../adaptiveCard.ts';
import { button, heading, para, small } from '../text.ts';
import { actionData } from './actions.ts';
import { KIND_TITLE } from './format.ts';

export interface KindView {
  draftId: string;
  /** The draft exists: this changes its kind ("andere keuze"). */
  current?: SubjectKind;
  notice?: string;
}

export function kindCard(view: KindView): AdaptiveCard {
  const body: CardElement[] = [];
  if (view.notice) body.push(para(view.notice, { color: 'accent' }));
  body.push(
    small(view.current ? 'Aanmelding aanpassen' : 'Nieuwe aanmelding'),
    heading('Wie meld je aan?', { spacing: 'none' }),
    para(
      view.current
        ? `Nu: ${KIND_TITLE[view.current].toLowerCase()}. Kies je iets anders, dan blijven de antwoorden die ook daarvoor gelden; wat niet meer past, vragen we opnieuw.`
        : 'Kies wat past. Daarna overlopen we samen de vraagverheldering in zeven korte stappen; elke stap wordt meteen bewaard, zodat je altijd later verder kunt.',
    ),
  );
  return card(
    body,
    SUBJECT_KINDS.map((kind) => button(KIND_TITLE[kind], actionData({ op: 'kind', kind, draftId: view.draftId, ...(view.current ? { change: true } : {}) }), kind === view.current ? { style: 'positive' } : {})),
  );
}

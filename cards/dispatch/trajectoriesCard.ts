// "mijn trajecten" as a card: three short lists, each line what it needs next, tapping a line
// opens the referral's card in the dispatch channel (where the buttons are). Titles are typed
// text (a first name, a school), so they are shown literally.
import type { MyTrajectories, TrajectoryItem } from '../../dispatch/myTrajectories.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardElement } from '../adaptiveCard.ts';
import { heading, literal, para, small } from '../text.ts';

/** A card holds at most 28 KB: this many lines per list, then how many more. */
const MAX = 15;

function line(item: TrajectoryItem): CardElement {
  const title = item.title ? `${item.reference} · ${item.title}` : item.reference;
  return {
    type: 'Container',
    separator: true,
    items: [
      literal(title, { weight: 'bolder', ...(item.link ? { color: 'accent' } : {}) }),
      small(`${item.urgent ? '⚠ ' : ''}${item.next}${item.begeleider ? ` · begeleider ${item.begeleider}` : ''}`, { spacing: 'none', ...(item.urgent ? { color: 'attention' } : {}) }),
    ],
    ...(item.link ? { selectAction: { type: 'Action.OpenUrl', title: `Kaart van ${item.reference} openen`, url: item.link } } : {}),
  };
}

function list(title: string, empty: string, items: readonly TrajectoryItem[]): CardElement[] {
  return [
    heading(`${title} (${items.length})`, { size: 'medium', spacing: 'large' }),
    ...(items.length === 0 ? [para(empty, { isSubtle: true, spacing: 'none' })] : items.slice(0, MAX).map(line)),
    ...(items.length > MAX ? [small(`… en nog ${items.length - MAX}.`)] : []),
  ];
}

export function trajectoriesCard(m: MyTrajectories): AdaptiveCard {
  return card([
    small(`Mijn trajecten · ${m.organisations.join(', ')}`),
    heading('Wat er deze week te doen is', { spacing: 'none' }),
    ...list('Lopende trajecten', 'Geen lopende trajecten.', m.running),
    ...list('Wachtlijst', 'Niemand op de wachtlijst.', m.waiting),
    ...list('Open vragen', 'Geen vragen die op een antwoord wachten.', m.questions),
    small('Tik op een lijn om de kaart in het dispatchkanaal te openen: daar noteer je de stappen. Afronden kan ook hier, met **afronden <referentie>**.', { spacing: 'large' }),
  ]);
}

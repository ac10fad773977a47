// The weekly overview in a region's dispatch channel (and on demand with "overzicht"): every
// referral still waiting for a decision, oldest first, with how long it waits. No identifiers.
import { formatDate } from '../../referrals/status.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardElement } from '../adaptiveCard.ts';
import { fact, heading, literal, para, small } from '../text.ts';

export interface WaitingItem {
  reference: string;
  kind: string;
  school: string;
  days: number;
  urgent: boolean;
  onWaitingList?: string;
  openQuestion: boolean;
  /** A Teams link to the referral's own card in the channel, once it is posted there. */
  link?: string;
}

/** One card holds at most 28 KB: the oldest this many, then how many more. */
export const OVERVIEW_MAX_ITEMS = 40;
const short = (text: string, max = 60) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

export function overviewCard(v: { regionName: string; at: Date; items: readonly WaitingItem[]; weekly: boolean; capacity?: string }): AdaptiveCard {
  const body: CardElement[] = [
    small(`${v.weekly ? 'Wekelijks overzicht' : 'Overzicht'} · ${v.regionName} · ${formatDate(v.at)}`),
    heading(v.items.length === 0 ? 'Geen aanmeldingen die wachten' : v.items.length === 1 ? '1 aanmelding wacht op een beslissing' : `${v.items.length} aanmeldingen wachten op een beslissing`, { spacing: 'none' }),
  ];
  if (v.capacity) body.push(fact('Plaatsen', v.capacity));
  if (v.items.length === 0) body.push(para('Alles is beslist. Nieuwe aanmeldingen verschijnen hier in het kanaal.'));
  for (const item of v.items.slice(0, OVERVIEW_MAX_ITEMS)) {
    const tags = [item.urgent ? 'dringend' : undefined, item.onWaitingList ? `wachtlijst ${item.onWaitingList}` : undefined, item.openQuestion ? 'vraag staat open' : undefined].filter(Boolean);
    const waited = item.days === 0 ? 'sinds vandaag' : item.days === 1 ? 'wacht 1 dag' : `wacht ${item.days} dagen`;
    const lines: CardElement[] = [
      literal(`${item.reference} · ${item.kind} · ${short(item.school)}`, { weight: 'bolder', ...(item.link ? { color: 'accent' } : {}) }),
      small(`${waited}${tags.length > 0 ? ` · ${tags.join(' · ')}` : ''}${item.link ? ' · tik om de kaart te openen' : ''}`, { spacing: 'none' }),
    ];
    body.push({ type: 'Container', items: lines, separator: true, ...(item.link ? { selectAction: { type: 'Action.OpenUrl', title: `Kaart van ${item.reference} openen`, url: item.link } } : {}) });
  }
  if (v.items.length > OVERVIEW_MAX_ITEMS) body.push(para(`… en nog ${v.items.length - OVERVIEW_MAX_ITEMS} jongere aanmeldingen.`, { spacing: 'small' }));
  if (v.items.length > 0) body.push(small('Beslis op de kaart van elke aanmelding hierboven in het kanaal.', { spacing: 'medium' }));
  return card(body);
}

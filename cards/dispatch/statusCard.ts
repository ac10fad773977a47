// "status dispatch": is this channel linked, and do the messages get through? Failures are shown
// with what Teams said, so a coordinator can act (e.g. the bot was removed from a chat).
import { formatDateTime } from '../../referrals/status.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardElement } from '../adaptiveCard.ts';
import { box, fact, heading, literal, para, small } from '../text.ts';

export interface DispatchStatusView {
  regionName: string;
  pending: number;
  waiting: number;
  sent: number;
  failed: number;
  latestFailures: ReadonlyArray<{ kind: string; lastError: string | null; createdAt: Date; attempts: number }>;
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  'dispatch.post': 'kaart in het kanaal',
  'dispatch.update': 'bijwerken van een kaart',
  'dispatch.weekly': 'wekelijks overzicht',
  'notify.person': '1:1-bericht',
};

export function dispatchStatusCard(v: DispatchStatusView): AdaptiveCard {
  const body: CardElement[] = [
    small('Status dispatch'),
    heading(`Gekoppeld aan ${v.regionName}`, { spacing: 'none' }),
    fact('Verstuurd', `${v.sent} bericht${v.sent === 1 ? '' : 'en'}`),
    fact('Onderweg', v.pending === 0 ? 'niets' : `${v.pending} bericht${v.pending === 1 ? '' : 'en'}`, { spacing: 'none' }),
    fact('Wacht op een nieuwe poging', String(v.waiting), { spacing: 'none' }),
    fact('Mislukt', String(v.failed), { spacing: 'none' }),
  ];
  if (v.latestFailures.length === 0) body.push(para(v.failed === 0 ? 'Alle berichten kwamen aan.' : ''));
  else {
    body.push(
      box(
        [
          para('Laatste mislukte berichten', { weight: 'bolder' }),
          ...v.latestFailures.map((f) => literal(`${KIND_WORDS[f.kind] ?? f.kind} · ${formatDateTime(f.createdAt)} · ${f.attempts} poging${f.attempts === 1 ? '' : 'en'}: ${f.lastError ?? 'onbekend'}`, { size: 'small', spacing: 'none' })),
          small('Meestal betekent dit dat de bot uit een team of chat verwijderd werd (403) of dat het gesprek niet meer bestaat (404). Voeg de bot opnieuw toe; nieuwe berichten komen dan weer aan.'),
        ],
        'attention',
      ),
    );
  }
  return card(body.filter((e) => !(e.type === 'TextBlock' && e.text === '')));
}

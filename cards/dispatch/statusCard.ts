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
    // `pending` holds the waiting ones too: "onderweg" is what goes out now.
    fact('Onderweg', v.pending - v.waiting === 0 ? 'niets' : `${v.pending - v.waiting} bericht${v.pending - v.waiting === 1 ? '' : 'en'}`, { spacing: 'none' }),
    fact('Wacht op een nieuwe poging', String(v.waiting), { spacing: 'none' }),
    fact('Mislukt', String(v.failed), { spacing: 'none' }),
  ];
  if (v.pending === 0 && v.failed === 0) body.push(para('Alle berichten kwamen aan.'));
  if (v.latestFailures.length > 0) {
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
  return card(body);
}

// "status dispatch": is this channel linked, and do the messages get through? Failures are shown
// with what Teams said, so a coordinator can act (e.g. the bot was removed from a chat).
import { formatDateTime } from '../../referrals/status.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardElement } from '../adaptiveCard.ts';
import { box, button, fact, heading, literal, para, small } from '../text.ts';

/** The data of "Opnieuw proberen" (an Action.Submit in the channel; bot/naftBot.ts routes it). */
export const OUTBOX_RETRY = { naft: 'outbox', op: 'retry' } as const;

export interface DispatchStatusView {
  regionName: string;
  pending: number;
  waiting: number;
  sent: number;
  failed: number;
  latestFailures: ReadonlyArray<{ kind: string; lastError: string | null; createdAt: Date; attempts: number }>;
  /** What failed before and waits for its next try. */
  retrying?: ReadonlyArray<{ kind: string; lastError: string | null; createdAt: Date; attempts: number; nextAttemptAt: Date }>;
}

/** What went wrong, in the words of whoever reads the card (the technical text stays in the log). */
export function plainReason(lastError: string | null): string {
  const e = lastError ?? '';
  if (e.startsWith('could not prepare')) return 'de databank antwoordde niet';
  if (/^(gave up after [^:]+: )?429/.test(e)) return 'Teams vroeg om even te wachten';
  if (/^(gave up after [^:]+: )?403/.test(e)) return 'de bot mag daar niet (meer) schrijven: voeg hem opnieuw toe aan het team of de chat';
  if (/^(gave up after [^:]+: )?404/.test(e)) return 'dat gesprek of kanaal bestaat niet meer';
  if (/^(gave up after [^:]+: )?(5\d\d|408|412)/.test(e)) return 'Teams was niet bereikbaar';
  if (/^(gave up after [^:]+: )?network/.test(e)) return 'geen verbinding met Teams';
  if (e.startsWith('waiting: no dispatch channel')) return 'er is nog geen dispatchkanaal gekoppeld';
  return 'onbekende fout';
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  'dispatch.post': 'kaart in het kanaal',
  'dispatch.update': 'bijwerken van een kaart',
  'dispatch.weekly': 'wekelijks overzicht',
  'notify.person': '1:1-bericht',
  'survey.codes': 'QR-codes van de bevraging',
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
  const retrying = v.retrying ?? [];
  if (retrying.length > 0) {
    body.push(
      box(
        [
          para('Wacht op een nieuwe poging', { weight: 'bolder' }),
          ...retrying.map((r) =>
            literal(`${KIND_WORDS[r.kind] ?? r.kind} van ${formatDateTime(r.createdAt)}: ${plainReason(r.lastError)}. Al ${r.attempts} keer geprobeerd; volgende poging ${formatDateTime(r.nextAttemptAt)}.`, { size: 'small', spacing: 'none' }),
          ),
          small('De bot probeert het zelf opnieuw, een dag lang. Is het probleem opgelost, dan kan je niet wachten: kies "Opnieuw proberen".'),
        ],
        'warning',
      ),
    );
  }
  if (v.latestFailures.length > 0) {
    body.push(
      box(
        [
          para('Laatste mislukte berichten', { weight: 'bolder' }),
          ...v.latestFailures.map((f) => literal(`${KIND_WORDS[f.kind] ?? f.kind} · ${formatDateTime(f.createdAt)} · ${f.attempts} poging${f.attempts === 1 ? '' : 'en'}: ${plainReason(f.lastError)} (${f.lastError ?? 'onbekend'})`, { size: 'small', spacing: 'none' })),
          small('Meestal betekent dit dat de bot uit een team of chat verwijderd werd (403) of dat het gesprek niet meer bestaat (404). Voeg de bot opnieuw toe; nieuwe berichten komen dan weer aan.'),
        ],
        'attention',
      ),
    );
  }
  const stuck = retrying.length > 0 || v.failed > 0;
  return card(body, stuck ? [button('Opnieuw proberen', { ...OUTBOX_RETRY })] : undefined);
}

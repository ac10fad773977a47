// The `rapport` card: the key figures of a period (hidden as everywhere: "< 5", "n < 10") and a
// link to the Teams tab with the same filter. A pure function of the report's key figures.
import type { KeyFigures, ReportCell } from '../../reports/model.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardAction, CardElement } from '../adaptiveCard.ts';
import { facts, heading, para, small } from '../text.ts';

export interface ReportCardView {
  /** "1 jan. 2026 – 31 dec. 2026 · regio …" */
  description: string;
  scopeNote: string;
  snapshotLabel: string;
  key: KeyFigures;
  /** `<public base>/rapport?van=…`; no button when the service has no address to link to. */
  tabUrl?: string;
}

const suffix = (c: ReportCell, unit: string) => (c.hidden ? c.shown : `${c.shown} ${unit}`);

export function reportCard(v: ReportCardView): AdaptiveCard {
  const k = v.key;
  const body: CardElement[] = [
    small(`Rapport · ${v.description}`),
    heading('Kerncijfers', { spacing: 'none' }),
    ...facts([
      ['Aanmeldingen', k.referrals.shown],
      ['Tijd tot beslissing (mediaan)', suffix(k.decisionWorkdaysMedian, 'werkdagen')],
      ['Beslist binnen 2 werkdagen', k.decidedWithinTwo.shown],
      ['Opstartduur (mediaan)', suffix(k.startDaysMedian, 'dagen')],
      ['Niet opgenomen', k.declined.shown],
      ['Responsgraad bevraging', k.responseRate.shown],
    ]),
    small(`Peildatum ${v.snapshotLabel}. ${v.scopeNote}`, { spacing: 'medium' }),
    small('Kleine groepen zijn verborgen: "< 5" is een aantal van 1 tot 4; "n < 10" betekent te weinig gegevens voor een percentage of mediaan.', { spacing: 'small' }),
  ];
  const actions: CardAction[] = v.tabUrl ? [{ type: 'Action.OpenUrl', title: 'Alle cijfers bekijken', url: v.tabUrl }] : [];
  if (!v.tabUrl) body.push(para('Alle cijfers staan in het tabblad Rapport.', { spacing: 'small' }));
  return card(body, actions.length > 0 ? actions : undefined);
}

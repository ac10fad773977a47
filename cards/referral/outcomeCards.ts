// Cards at the end of a path: the referral is sent, or the referrer is about to discard a draft.
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard } from '../adaptiveCard.ts';
import { actionData } from './actions.ts';

export function confirmationCard(view: { referralId: string; reference: string; regionName: string }): AdaptiveCard {
  return card(
    [
      { type: 'TextBlock', text: 'Je aanmelding is verstuurd', size: 'large', weight: 'bolder', color: 'good', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Referentie', value: view.reference }, { title: 'Werkingsgebied', value: view.regionName }] },
      { type: 'TextBlock', text: 'Wat gebeurt er nu?', weight: 'bolder', wrap: true, spacing: 'medium' },
      {
        type: 'TextBlock',
        text: `De NAFT-partners van ${view.regionName} bespreken je aanmelding op hun wekelijkse dispatch. Daar beslissen ze wie ze opneemt, of ze op de wachtlijst komt, of waarom ze niet opgenomen kan worden. Je krijgt hier bericht bij elke beslissing, en als ze meer informatie nodig hebben.`,
        wrap: true,
      },
    ],
    [
      { type: 'Action.Submit', title: 'Status bekijken', data: actionData({ op: 'status', referralId: view.referralId }) },
      { type: 'Action.Submit', title: 'Nieuwe aanmelding', data: actionData({ op: 'new' }) },
    ],
  );
}

export function cancelCard(view: { draftId: string; title: string }): AdaptiveCard {
  return card(
    [
      { type: 'TextBlock', text: 'Concept verwijderen?', size: 'large', weight: 'bolder', wrap: true },
      { type: 'TextBlock', text: `"${view.title}" en alles wat je erin invulde, wordt definitief verwijderd. Wil je liever later verder, kies dan "Bewaren".`, wrap: true },
    ],
    [
      { type: 'Action.Submit', title: 'Ja, verwijderen', style: 'destructive', data: actionData({ op: 'discard', draftId: view.draftId }) },
      { type: 'Action.Submit', title: 'Nee, bewaren en verder', data: actionData({ op: 'resume', draftId: view.draftId }) },
    ],
  );
}

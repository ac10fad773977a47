// Cards at the end of a path: the referral is sent, or the referrer is about to discard a draft.
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard } from '../adaptiveCard.ts';
import { button, facts, heading, para, words } from '../text.ts';
import { actionData } from './actions.ts';

export function confirmationCard(view: { referralId: string; reference: string; regionName: string }): AdaptiveCard {
  return card(
    [
      heading('Je aanmelding is verstuurd', { color: 'good' }),
      ...facts([
        ['Referentie', view.reference],
        ['Werkingsgebied', view.regionName],
      ]),
      para('Wat gebeurt er nu?', { weight: 'bolder', spacing: 'medium' }),
      para(
        `De NAFT-partners van ${view.regionName} bespreken je aanmelding op hun wekelijkse dispatch. Daar beslissen ze wie ze opneemt, of ze op de wachtlijst komt, of waarom ze niet opgenomen kan worden. Je krijgt hier bericht bij elke beslissing, en als ze meer informatie nodig hebben.`,
      ),
    ],
    [button('Status bekijken', actionData({ op: 'status', referralId: view.referralId })), button('Nieuwe aanmelding', actionData({ op: 'new' }))],
  );
}

export function cancelCard(view: { draftId: string; title: string }): AdaptiveCard {
  return card(
    [
      heading('Concept verwijderen?'),
      words(['Het concept ', { typed: view.title }, ' en alles wat je erin invulde, wordt definitief verwijderd. Wil je liever later verder, kies dan "Nee, bewaren".']),
    ],
    [
      button('Ja, verwijderen', actionData({ op: 'discard', draftId: view.draftId }), { style: 'destructive' }),
      button('Nee, bewaren en verder', actionData({ op: 'resume', draftId: view.draftId, closes: true })),
    ],
  );
}

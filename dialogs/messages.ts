// What the bot says in plain text around the referral cards. Dutch, short, always with a way on.
// Plain text may render markdown in Teams, so nothing here ever contains what a person typed;
// a message that names a referral by its title is a card (cards/text.ts `words`).

export const NOT_ALLOWED =
  'Alleen CLB-medewerkers kunnen bij NAFT aanmelden. Ben je leerkracht, leerlingbegeleider, ouder of jongere en denk je aan NAFT? Bespreek het met je CLB-medewerker: die bekijkt samen met jou of NAFT past en meldt aan. Werk je bij een CLB en zie je dit toch? Vraag je beheerder om je als CLB-medewerker te registreren.';

export const ONLY_IN_PERSONAL_CHAT =
  'Aanmelden en je aanmeldingen bekijken doe je in je 1:1-chat met mij, niet in een kanaal: zo blijft wat je over een leerling schrijft binnen het beroepsgeheim.';

export const PAUSED = 'Bewaard als concept, ook wat je op de kaart typte. Typ **verder** wanneer je wil verdergaan, ook na dagen. Met **concepten** zie je al je concepten.';

export const NOTHING_OPEN = 'Er staat geen aanmelding open. Je concepten blijven bewaard: typ **concepten** om ze te zien, of **verder** om het laatste te hervatten.';

export const NO_DRAFT = 'Je hebt geen concept openstaan. Typ **nieuwe aanmelding** om te beginnen, of **mijn aanmeldingen** om te zien wat je al verstuurde.';

export const NOTHING_TO_CANCEL = 'Er is geen aanmelding open om te annuleren. Met **concepten** zie je je bewaarde concepten.';

export const DRAFT_GONE =
  'Dit concept bestaat niet meer: het werd verwijderd. Typ **mijn aanmeldingen** om je aanmeldingen te zien, of **nieuwe aanmelding** om opnieuw te beginnen.';

export const ALREADY_SENT = (reference: string) =>
  `Deze aanmelding is al verstuurd als ${reference}; aanpassen kan niet meer. Wil je iets aanvullen of rechtzetten, laat het dan weten aan de NAFT-partner die ze opneemt. Typ **mijn aanmeldingen** om de status te volgen.`;

export const DISCARDED = 'Het concept is verwijderd. Typ **nieuwe aanmelding** als je opnieuw wil beginnen.';

export const UNKNOWN_CARD =
  'Die knop begrijp ik niet (meer), misschien hoort hij bij een oudere kaart. Niets van wat je al invulde, is verloren: typ **verder** om je aanmelding te hervatten.';

export const WAITING_FOR_CARD = (step: number) =>
  `Ik wacht nog op je antwoorden bij stap ${step}. Vul de kaart hieronder in en klik op de knop onderaan. Typ **stop** om te pauzeren of **annuleer** om het concept te verwijderen.`;

export const WAITING_FOR_SUMMARY = 'Je aanmelding is klaar om te versturen. Kijk het overzicht hieronder na en klik op "Bevestigen en versturen", of typ **stop** om later verder te gaan.';

export const REGION_UNKNOWN = 'We kennen het werkingsgebied van deze gemeente niet. Kies het zelf in de lijst.';

export const INCOMPLETE = 'Er ontbreken nog antwoorden. We gaan verder waar het nog niet af is.';

export const CHANGED = 'Je aanmelding werd intussen aangepast (misschien op een ander toestel). Hieronder het bijgewerkte overzicht: kijk het na en bevestig dan opnieuw.';

export const KIND_CHANGED_MEANWHILE = 'Het soort aanmelding werd intussen gewijzigd. Vul deze stap opnieuw in; wat nog past, staat er al.';

export const REDO = (kind: string, steps: number[]) =>
  `Je koos nu voor ${kind}. ${steps.length === 1 ? `Stap ${steps[0]} vraagt` : `De stappen ${steps.slice(0, -1).join(', ')} en ${steps.at(-1)} vragen`} daarvoor iets anders: vul ${steps.length === 1 ? 'die' : 'ze'} opnieuw aan. Wat nog past, staat er al.`;

export const OTHER_DRAFTS = (n: number) =>
  n === 1 ? 'Je hebt nog een ander concept openstaan: typ **concepten** om het te openen.' : `Je hebt nog ${n} andere concepten openstaan: typ **concepten** om ze te openen.`;

export const REMEMBERED_CONTACT = 'Ingevuld zoals bij je vorige aanmelding voor ';
export const REMEMBERED_REFERRER = 'Je eigen contactgegevens zijn ingevuld zoals bij je vorige aanmelding; pas aan als ze niet meer kloppen.';

export const WITHDRAWN = (reference: string) => `Aanmelding ${reference} is ingetrokken. De dispatch ziet het op haar kaart. Typ **mijn aanmeldingen** voor het overzicht.`;

export const CANNOT_WITHDRAW = (reference: string) =>
  `Aanmelding ${reference} kan niet meer ingetrokken worden: de dispatch heeft er al over beslist. Neem contact op met de organisatie die ze opnam. Typ **mijn aanmeldingen** voor de status.`;

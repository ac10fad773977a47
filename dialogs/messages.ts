// What the bot says in plain text around the referral cards. Dutch, short, always with a way on.

export const NOT_ALLOWED =
  'Alleen CLB-medewerkers kunnen bij NAFT aanmelden. Ben je leerkracht, leerlingbegeleider, ouder of jongere en denk je aan NAFT? Bespreek het met je CLB-medewerker: die bekijkt samen met jou of NAFT past en meldt aan. Werk je bij een CLB en zie je dit toch? Vraag je beheerder om je als CLB-medewerker te registreren.';

export const ONLY_IN_PERSONAL_CHAT =
  'Aanmelden en je aanmeldingen bekijken doe je in je 1:1-chat met mij, niet in een kanaal: zo blijft wat je over een leerling schrijft binnen het beroepsgeheim.';

export const PAUSED = 'Bewaard als concept. Typ **verder** wanneer je wil verdergaan, ook na dagen. Met **concepten** zie je al je concepten.';

export const NO_DRAFT = 'Je hebt geen concept openstaan. Typ **nieuwe aanmelding** om te beginnen, of **mijn aanmeldingen** om te zien wat je al verstuurde.';

export const NOTHING_TO_CANCEL = 'Er is geen aanmelding open om te annuleren. Met **concepten** zie je je bewaarde concepten.';

export const DRAFT_GONE =
  'Dit concept bestaat niet meer: het is al verstuurd of verwijderd. Typ **mijn aanmeldingen** om je aanmeldingen te zien, of **nieuwe aanmelding** om opnieuw te beginnen.';

export const DISCARDED = 'Het concept is verwijderd. Typ **nieuwe aanmelding** als je opnieuw wil beginnen.';

export const UNKNOWN_CARD =
  'Die knop begrijp ik niet (meer), misschien hoort hij bij een oudere kaart. Niets van wat je al invulde, is verloren: typ **verder** om je aanmelding te hervatten.';

export const WAITING_FOR_CARD = (step: number) =>
  `Ik wacht nog op je antwoorden bij stap ${step}. Vul de kaart hieronder in en klik op de knop onderaan. Typ **stop** om te pauzeren of **annuleer** om het concept te verwijderen.`;

export const REGION_UNKNOWN = (town: string) => `We kennen het werkingsgebied van "${town}" niet. Kies het zelf in de lijst.`;

export const INCOMPLETE = 'Er ontbreken nog antwoorden. We gaan verder waar het nog niet af is.';

export const RESUMED = (date: string) => `Je gaat verder met je concept, laatst bewaard op ${date}.`;

export const OTHER_DRAFTS = (n: number) =>
  n === 1 ? 'Je hebt nog een ander concept openstaan: typ **concepten** om het te openen.' : `Je hebt nog ${n} andere concepten openstaan: typ **concepten** om ze te openen.`;

// The seven steps of a NAFT referral, in the order the sector asks them (DOMAIN.md,
// "Vraagverheldering"; seeds §2.5 "Aanmelding"). Texts are Dutch product copy.
import { YES_NO, YES_PARTLY_NO } from './fields.ts';
import type { Field } from './fields.ts';

export const STEP_IDS = ['who', 'support', 'care', 'reason', 'desire', 'engagement', 'contact'] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface Step {
  id: StepId;
  title: string;
  /** Why we ask this: shown on top of the step, one or two sentences. */
  why: string;
  /** An optional gentle note below the fields (e.g. what NAFT can and cannot offer). */
  note?: string;
  fields: readonly Field[];
}

const thisYear = () => new Date().getFullYear();

/**
 * Pupil or parents not informed, or not (fully) agreeing: the referral may go ahead, but asks for
 * a reason and is flagged at dispatch. One rule for the form, the stored flag and the overview.
 */
export function consentIncomplete(care: Readonly<Record<string, unknown>>): boolean {
  return care.pupilInformed === 'NO' || care.parentsInformed === 'NO' || care.agreement === 'NO' || care.agreement === 'PARTLY';
}

export const SUPPORT_TYPES = [
  { value: 'INDIVIDUAL', title: 'Individueel traject' },
  { value: 'GROUP_WORK', title: 'Groepswerking' },
  { value: 'CLASS', title: 'Klastraject' },
  { value: 'CROSS_CLASS', title: 'Klasoverschrijdend traject' },
  { value: 'SCHOOL_SUPPORT', title: 'Ondersteuning van leerkrachten of school' },
  { value: 'RESTORATIVE_TALK', title: 'Herstelgesprek' },
  { value: 'CLASS_MEDIATION', title: 'Klasbemiddeling' },
  { value: 'HERGO', title: 'Hergo (herstelgericht groepsoverleg)' },
] as const;

export const EDUCATION_FORMS = [
  { value: 'A_STREAM', title: 'Eerste graad A-stroom' },
  { value: 'B_STREAM', title: 'Eerste graad B-stroom' },
  { value: 'DOORSTROOM', title: 'Doorstroomfinaliteit (aso, tso, kso)' },
  { value: 'DUBBEL', title: 'Dubbele finaliteit (tso)' },
  { value: 'ARBEIDSMARKT', title: 'Arbeidsmarktfinaliteit (bso)' },
  { value: 'DBSO', title: 'Duaal leren of deeltijds (dbso)' },
  { value: 'BUSO', title: 'Buitengewoon secundair onderwijs (buso)' },
  { value: 'OKAN', title: 'OKAN' },
  { value: 'OTHER', title: 'Anders' },
] as const;

const SCHOOL_YEARS = ['1', '2', '3', '4', '5', '6', '7'].map((y) => ({ value: y, title: `${y}e jaar` }));

export const STEPS: readonly Step[] = [
  {
    id: 'who',
    title: 'Wie meld je aan?',
    why: 'Om de aanmelding bij de juiste NAFT-partners te krijgen. Voor een leerling volstaan voornaam, eerste letter van de familienaam en geboortejaar: meer is niet nodig voor de dispatch.',
    fields: [
      { id: 'schoolName', type: 'text', label: 'Naam van de school', required: true, min: 2, max: 120, needsLetter: true, placeholder: 'bv. Sint-Lucas Gent' },
      { id: 'schoolTown', type: 'text', label: 'Gemeente van de school', required: true, min: 2, max: 60, needsLetter: true, placeholder: 'bv. Gent' },
      {
        id: 'regionCode',
        type: 'region',
        label: 'Werkingsgebied',
        hint: 'We stellen het werkingsgebied voor op basis van de gemeente; kies zelf als het anders moet.',
        required: true,
      },
      { id: 'educationForm', type: 'choice', label: 'Onderwijsvorm', kinds: ['PUPIL', 'GROUP', 'CLASS'], required: true, options: EDUCATION_FORMS },
      { id: 'schoolYear', type: 'choice', label: 'Leerjaar', kinds: ['PUPIL', 'GROUP', 'CLASS'], required: true, options: SCHOOL_YEARS },
      { id: 'firstName', type: 'text', label: 'Voornaam van de leerling', kinds: ['PUPIL'], required: true, min: 1, max: 40, needsLetter: true },
      {
        id: 'lastInitial',
        type: 'text',
        label: 'Eerste letter van de familienaam',
        kinds: ['PUPIL'],
        required: true,
        min: 1,
        max: 1,
        pattern: { regex: /^\p{L}$/u, message: 'Vul één letter in, bijvoorbeeld D.' },
      },
      { id: 'birthYear', type: 'number', label: 'Geboortejaar', kinds: ['PUPIL'], required: true, min: () => thisYear() - 26, max: () => thisYear() - 9, placeholder: 'bv. 2011' },
      { id: 'groupSize', type: 'number', label: 'Aantal leerlingen in de groep', kinds: ['GROUP'], required: true, min: 2, max: 40, placeholder: 'bv. 6' },
      { id: 'className', type: 'text', label: 'Klas', kinds: ['CLASS'], required: true, min: 1, max: 40, needsLetter: false, placeholder: 'bv. 3 Bouw B' },
      {
        id: 'schoolScope',
        type: 'text',
        label: 'Over welke leerkrachten, graad of afdeling gaat het?',
        kinds: ['SCHOOL'],
        required: true,
        min: 10,
        max: 600,
        multiline: true,
      },
    ],
  },
  {
    id: 'support',
    title: 'Gevraagde ondersteuning',
    why: 'Zo weet de dispatch welke partner met welke expertise en welke vrije plaats het best past.',
    fields: [
      { id: 'supportTypes', type: 'choice', label: 'Welke ondersteuning vraag je? (meerdere mogelijk)', required: true, multi: true, expanded: true, options: SUPPORT_TYPES },
      {
        id: 'urgency',
        type: 'choice',
        label: 'Hoe dringend is het?',
        required: true,
        expanded: true,
        preset: 'NORMAL',
        options: [
          { value: 'NORMAL', title: 'Gewoon: bespreken op de volgende dispatch' },
          { value: 'URGENT', title: 'Dringend: er is snel iets nodig' },
        ],
      },
      {
        id: 'urgencyReason',
        type: 'text',
        label: 'Waarom is het dringend?',
        required: false,
        requiredWhen: (v) => v.urgency === 'URGENT',
        requiredWhenText: 'Verplicht als je "dringend" kiest.',
        min: 10,
        max: 400,
        multiline: true,
      },
      { id: 'preferredStart', type: 'date', label: 'Gewenste start (leeg laten = zo snel mogelijk)', required: false, notInPast: true, maxDaysAhead: 730 },
    ],
  },
  {
    id: 'care',
    title: 'Zorgcontinuüm en afstemming',
    why: 'NAFT komt pas in beeld vanaf de fase "uitbreiding van zorg", aanvullend op wat school en CLB al doen. En een traject werkt alleen als wie het aangaat, ervan weet.',
    fields: [
      {
        id: 'extendedCare',
        type: 'toggle',
        label: 'Ik bevestig: dit is uitbreiding van zorg (school en CLB hebben zelf al ondersteuning geboden).',
        short: 'Uitbreiding van zorg',
        required: true,
        mustBeOn: 'NAFT kan pas instappen vanaf "uitbreiding van zorg". Bespreek eerst met de school welke zorg zij zelf nog kan bieden.',
      },
      {
        id: 'pupilInformed',
        type: 'choice',
        label: { default: 'Is de leerling op de hoogte van de aanmelding?', GROUP: 'Zijn de leerlingen op de hoogte?', CLASS: 'Is de klas op de hoogte?', SCHOOL: 'Is de directie op de hoogte?' },
        short: 'Op de hoogte',
        required: true,
        expanded: true,
        options: YES_NO,
      },
      {
        id: 'parentsInformed',
        type: 'choice',
        label: 'Zijn de ouders op de hoogte?',
        short: 'Ouders op de hoogte',
        kinds: ['PUPIL', 'GROUP'],
        required: true,
        expanded: true,
        options: YES_NO,
      },
      {
        id: 'agreement',
        type: 'choice',
        label: { default: 'Gaan de leerling en de ouders akkoord?', GROUP: 'Gaan de leerlingen en ouders akkoord?', CLASS: 'Gaan de klas en de klassenraad akkoord?', SCHOOL: 'Gaat de school akkoord?' },
        short: 'Akkoord',
        required: true,
        expanded: true,
        options: YES_PARTLY_NO,
      },
      {
        id: 'consentNote',
        type: 'text',
        label: 'Waarom (nog) niet?',
        hint: 'Je kunt toch aanmelden; de dispatch ziet dat dit nog opvolging vraagt.',
        required: false,
        requiredWhen: consentIncomplete,
        requiredWhenText: 'Verplicht als iemand nog niet op de hoogte is of niet (volledig) akkoord gaat.',
        min: 10,
        max: 600,
        multiline: true,
      },
    ],
  },
  {
    id: 'reason',
    title: 'Aanleiding en vraag',
    why: 'De kern van de vraagverheldering: waar gaat het over, en wat is de vraag aan NAFT? Eén vraag is verplicht; de andere helpen de dispatch om in te schatten wie het best past.',
    fields: [
      { id: 'about', type: 'text', label: 'Waarover gaat het, en wat is de vraag aan NAFT?', required: true, min: 15, max: 1500, multiline: true },
      {
        id: 'biggestWorry',
        type: 'text',
        label: 'Wat is de grootste zorg, voor jou en voor de school?',
        hint: 'Helpt inschatten hoe zwaar en hoe dringend het is.',
        required: false,
        min: 0,
        max: 600,
        multiline: true,
      },
      {
        id: 'impact',
        type: 'text',
        label: 'Wat doet het met de school, de leerkrachten en de andere leerlingen?',
        hint: 'Belangrijk voor een klas- of schooltraject.',
        required: false,
        min: 0,
        max: 1000,
        multiline: true,
      },
      {
        id: 'referrerFeeling',
        type: 'text',
        label: 'Hoe sta jij er als aanmelder in?',
        hint: 'Zo weet de begeleider hoe jij de situatie beleeft.',
        required: false,
        min: 0,
        max: 600,
        multiline: true,
      },
    ],
  },
  {
    id: 'desire',
    title: 'Verlangen',
    why: 'Wat willen de betrokkenen zelf bereiken? Dat wordt later het vertrekpunt voor de doelen van het traject.',
    note: 'Goed om te weten: NAFT is een kans, geen sanctie, en geen alternatieve dagopvang. Een traject werkt aan haalbare doelen, samen met de jongere en de school.',
    fields: [
      {
        id: 'youngPersonWants',
        type: 'text',
        label: { default: 'Wat wil de jongere zelf?', GROUP: 'Wat willen de leerlingen zelf?', CLASS: 'Wat wil de klas zelf?', SCHOOL: 'Wat willen de leerkrachten zelf?' },
        required: true,
        min: 10,
        max: 1000,
        multiline: true,
      },
      { id: 'schoolNeeds', type: 'text', label: 'Wat heeft de school nodig?', hint: 'Helpt kiezen tussen een traject met de jongere en steun aan de school.', required: false, min: 0, max: 1000, multiline: true },
      { id: 'progress', type: 'text', label: 'Wat zou al vooruitgang zijn?', hint: 'Wordt vaak een eerste, haalbaar doel van het traject.', required: false, min: 0, max: 600, multiline: true },
      { id: 'expectations', type: 'text', label: 'Welke verwachtingen zijn er van NAFT?', hint: 'Zo kan de dispatch zien of ze realistisch zijn voor NAFT.', required: false, min: 0, max: 1000, multiline: true },
    ],
  },
  {
    id: 'engagement',
    title: 'Gedeeld engagement',
    why: 'Een traject lukt alleen samen. Wat werd al geprobeerd, wat loopt er nog goed, en wie blijft mee aan boord?',
    fields: [
      {
        id: 'schoolWilling',
        type: 'choice',
        label: 'Wil de school mee samenwerken aan een traject?',
        short: 'School werkt mee',
        required: true,
        expanded: true,
        options: YES_PARTLY_NO,
      },
      {
        id: 'capacity',
        type: 'choice',
        label: 'Hoeveel draagkracht is er nog op school?',
        short: 'Draagkracht',
        required: true,
        expanded: true,
        options: [
          { value: 'ENOUGH', title: 'Voldoende' },
          { value: 'LIMITED', title: 'Beperkt' },
          { value: 'EXHAUSTED', title: 'Bijna op' },
        ],
      },
      { id: 'alreadyDone', type: 'text', label: 'Wat hebben school en CLB al geprobeerd, en wat werkte (niet)?', required: true, min: 10, max: 1500, multiline: true },
      { id: 'goesWell', type: 'text', label: 'Wat loopt er nog goed?', hint: 'Waar een traject op kan bouwen.', required: false, min: 0, max: 1000, multiline: true },
      {
        id: 'positiveRelations',
        type: 'text',
        label: 'Welke positieve relaties zijn er nog (bv. met een leerkracht)?',
        hint: 'Een vertrouwenspersoon op school is vaak de sleutel.',
        required: false,
        min: 0,
        max: 600,
        multiline: true,
      },
      {
        id: 'discussedWith',
        type: 'choice',
        label: 'Met wie werd NAFT al besproken?',
        required: false,
        multi: true,
        expanded: true,
        options: [
          { value: 'YOUNG_PERSON', title: 'De jongere' },
          { value: 'CLASS', title: 'De klas' },
          { value: 'PARENTS', title: 'De ouders' },
          { value: 'TEACHERS', title: 'De leerkrachten' },
        ],
      },
      { id: 'stillDo', type: 'text', label: 'Wat blijven school en CLB zelf doen?', hint: 'NAFT werkt aanvullend, niet in de plaats van.', required: false, min: 0, max: 1000, multiline: true },
      { id: 'otherPartners', type: 'text', label: 'Welke andere partners of hulpbronnen zijn betrokken?', required: false, min: 0, max: 600, multiline: true },
    ],
  },
  {
    id: 'contact',
    title: 'Contact',
    why: 'De organisatie die de aanmelding opneemt, neemt eerst contact op met jou en/of de school om een intake te plannen.',
    fields: [
      { id: 'schoolContactName', type: 'text', label: 'Contactpersoon op school', required: true, min: 2, max: 80, needsLetter: true },
      { id: 'schoolContactRole', type: 'text', label: 'Functie van de contactpersoon', required: true, min: 2, max: 80, needsLetter: true, placeholder: 'bv. leerlingbegeleider' },
      { id: 'schoolContactReach', type: 'text', label: 'Telefoon of e-mail van de contactpersoon', required: false, min: 0, max: 120 },
      {
        id: 'referrerReach',
        type: 'choice',
        label: 'Hoe bereiken ze jou het best?',
        short: 'Aanmelder bereikbaar',
        required: true,
        expanded: true,
        preset: 'TEAMS',
        options: [
          { value: 'TEAMS', title: 'Via Teams' },
          { value: 'PHONE', title: 'Telefonisch' },
          { value: 'EMAIL', title: 'Per e-mail' },
        ],
      },
      {
        id: 'referrerPhone',
        type: 'text',
        label: 'Je telefoonnummer',
        required: false,
        requiredWhen: (v) => v.referrerReach === 'PHONE',
        requiredWhenText: 'Verplicht als ze je telefonisch bereiken.',
        min: 6,
        max: 30,
        pattern: { regex: /^\+?[0-9][0-9 ()/.-]*$/, message: 'Gebruik alleen cijfers, spaties en + ( ) / . -' },
      },
      {
        id: 'referrerEmail',
        type: 'text',
        label: 'Je e-mailadres',
        required: false,
        requiredWhen: (v) => v.referrerReach === 'EMAIL',
        requiredWhenText: 'Verplicht als ze je per e-mail bereiken.',
        min: 5,
        max: 120,
        pattern: { regex: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: 'Vul een e-mailadres in zoals naam@clb.be.' },
      },
    ],
  },
];

export function stepById(id: StepId): Step {
  const step = STEPS.find((s) => s.id === id);
  if (!step) throw new Error(`Unknown step ${id}`);
  return step;
}

export const stepNumber = (id: StepId): number => STEP_IDS.indexOf(id) + 1;

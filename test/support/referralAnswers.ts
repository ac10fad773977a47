// Valid answers for every step, per kind of referral: what a careful CLB staff member types.
import type { SubjectKind } from '../../referrals/fields.ts';
import type { StepId } from '../../referrals/steps.ts';

export function whoAnswers(kind: SubjectKind, overrides: Record<string, string> = {}): Record<string, string> {
  const school = { schoolName: 'Sint-Lucas Gent', schoolTown: 'Gent', regionCode: 'AUTO' };
  const byKind: Record<SubjectKind, Record<string, string>> = {
    PUPIL: { ...school, educationForm: 'ARBEIDSMARKT', schoolYear: '3', firstName: 'Youssef', lastInitial: 'E', birthYear: String(new Date().getFullYear() - 15) },
    GROUP: { ...school, educationForm: 'B_STREAM', schoolYear: '2', groupSize: '6' },
    CLASS: { ...school, educationForm: 'DBSO', schoolYear: '4', className: '4 Bouw B' },
    SCHOOL: { ...school, schoolScope: 'Het lerarenteam van de tweede graad bso.' },
  };
  return { ...byKind[kind], ...overrides };
}

export const STEP_ANSWERS: Readonly<Record<Exclude<StepId, 'who'>, Record<string, string>>> = {
  support: { supportTypes: 'INDIVIDUAL,RESTORATIVE_TALK', urgency: 'NORMAL' },
  care: { extendedCare: 'true', pupilInformed: 'YES', parentsInformed: 'YES', agreement: 'YES' },
  reason: {
    about: 'Hij spijbelt steeds vaker en haakt af in de lessen.',
    biggestWorry: 'Dat hij zonder diploma de school verlaat.',
    referrerFeeling: 'Bezorgd maar hoopvol.',
    impact: 'Leerkrachten voelen zich machteloos, de klas is onrustig.',
  },
  desire: {
    youngPersonWants: 'Terug zin krijgen in school en een stage vinden.',
    schoolNeeds: 'Een gedeelde aanpak met de leerkrachten.',
    progress: 'Dat hij weer elke dag naar school komt.',
    expectations: 'Een traject van enkele maanden met de school.',
  },
  engagement: {
    schoolWilling: 'YES',
    capacity: 'LIMITED',
    alreadyDone: 'Gesprekken met de leerlingbegeleider en een time-out; de time-out hielp even.',
    goesWell: 'De praktijklessen lopen nog goed.',
    positiveRelations: 'Met de praktijkleraar.',
    discussedWith: 'YOUNG_PERSON,PARENTS',
    stillDo: 'De leerlingbegeleider blijft wekelijks een gesprek doen.',
  },
  contact: { schoolContactName: 'An Peeters', schoolContactRole: 'leerlingbegeleider', referrerReach: 'TEAMS' },
};

/** Only what is required, as short as allowed: the least a referrer must type. */
export const MINIMAL_ANSWERS: Readonly<Record<Exclude<StepId, 'who'>, Record<string, string>>> = {
  support: { supportTypes: 'INDIVIDUAL', urgency: 'NORMAL' },
  care: { extendedCare: 'true', pupilInformed: 'YES', parentsInformed: 'YES', agreement: 'YES' },
  reason: { about: 'Spijbelt vaak, haakt af.' },
  desire: { youngPersonWants: 'Een diploma.' },
  engagement: { schoolWilling: 'YES', capacity: 'LIMITED', alreadyDone: 'Gesprekken.' },
  contact: { schoolContactName: 'An', schoolContactRole: 'lb', referrerReach: 'TEAMS' },
};

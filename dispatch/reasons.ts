// Why a referral is not taken up: a fixed list, so reports can count "niet-opgenomen
// aanmeldingen" per region and reason (a sector priority), plus free text for the details.
export const DECLINE_REASONS = ['NO_PLACE', 'OTHER_HELP', 'OUT_OF_SCOPE', 'NOT_ENOUGH_INFO', 'DUPLICATE', 'OTHER'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const DECLINE_LABEL: Readonly<Record<DeclineReason, string>> = {
  NO_PLACE: 'Geen plaats',
  OTHER_HELP: 'Andere hulp is aangewezen',
  OUT_OF_SCOPE: 'Buiten de doelgroep',
  NOT_ENOUGH_INFO: 'Onvoldoende informatie',
  DUPLICATE: 'Dubbele aanmelding',
  OTHER: 'Anders',
};

/** Why a trajectory stopped early (voortijdig gestopt): counted in the yearly figures. */
export const STOP_REASONS = ['YOUNG_PERSON_STOPPED', 'NO_CONTACT', 'MOVED_SCHOOL', 'SCHOOL_STOPPED', 'OTHER_HELP', 'OTHER'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export const STOP_LABEL: Readonly<Record<StopReason, string>> = {
  YOUNG_PERSON_STOPPED: 'De jongere wilde niet verder',
  NO_CONTACT: 'Geen contact meer met de jongere',
  MOVED_SCHOOL: 'Veranderd van school of verhuisd',
  SCHOOL_STOPPED: 'De school stopte de samenwerking',
  OTHER_HELP: 'Andere hulp is aangewezen',
  OTHER: 'Anders',
};

/** How far the goals of the trajectory plan were reached, on the sector's four-point scale. */
export const GOAL_ATTAINMENT = [1, 2, 3, 4] as const;
export type GoalAttainment = (typeof GOAL_ATTAINMENT)[number];

export const GOAL_LABEL: Readonly<Record<GoalAttainment, string>> = {
  1: 'Niet bereikt',
  2: 'Een beetje bereikt',
  3: 'Grotendeels bereikt',
  4: 'Volledig bereikt',
};

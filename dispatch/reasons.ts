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

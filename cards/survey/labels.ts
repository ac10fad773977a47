// How a survey variant reads on a card: who it is for, how to use its code, and whether it was
// answered (a yes/no, or a count for a shared code — never an answer).
import type { SurveyVariant } from '../../dispatch/close.ts';
import type { SurveyState } from '../../dispatch/view.ts';

const SHORT: Readonly<Record<SurveyVariant, string>> = { YOUNG_PERSON: 'jongere', GROUP: 'leerlingen', SCHOOL: 'school' };

export function forWhom(variant: SurveyVariant, maxUses: number): string {
  switch (variant) {
    case 'YOUNG_PERSON':
      return 'Voor de jongere';
    case 'GROUP':
      return `Voor de leerlingen van de klas of groep (één code, tot ${maxUses} antwoorden)`;
    case 'SCHOOL':
      return 'Voor de leerkracht of de contactpersoon van de school';
  }
}

export function howToUse(variant: SurveyVariant, maxUses: number): string {
  switch (variant) {
    case 'YOUNG_PERSON':
      return 'Laat de jongere de code scannen met de camera van de smartphone, op je scherm of afgedrukt. Invullen duurt ongeveer een minuut.';
    case 'GROUP':
      return `Toon de code op het bord of deel de kaartjes uit: elke leerling scant ze en vult één keer in, tot ${maxUses} antwoorden.`;
    case 'SCHOOL':
      return 'Geef het kaartje mee of stuur de link door, bijvoorbeeld per e-mail. Eén keer invullen.';
  }
}

/** "Bevraging: jongere ✓ · school –", or "leerlingen 12 van 25" for a shared code. */
export function surveyLine(survey: readonly SurveyState[]): string {
  const parts = survey.map((s) => (s.variant === 'GROUP' ? `${SHORT.GROUP} ${s.uses} van ${s.maxUses}` : `${SHORT[s.variant]} ${s.uses > 0 ? '✓' : '–'}`));
  return `Bevraging: ${parts.join(' · ')}`;
}

// The survey's public addresses: the contract between the survey pages, the afronding card (links
// and print pages) and the browser tests. Everything lives under /s/, apart from the bot.
import { TOKEN_PATTERN } from './tokens.ts';

export const SURVEY_PREFIX = '/s';
/** The form: GET shows it, POST sends it (application/x-www-form-urlencoded). */
export const SURVEY_PAGE = `${SURVEY_PREFIX}/:token`;
/** The print page of a code: A4 by default, `?formaat=kaart` for a small card. */
export const SURVEY_PRINT = `${SURVEY_PREFIX}/:token/afdruk`;
/** The thank-you page after sending (token-free, so it can be reloaded or shared). */
export const SURVEY_THANKS = `${SURVEY_PREFIX}/bedankt`;
/** The one stylesheet of every survey page (long cache; the query carries its version). */
export const SURVEY_STYLESHEET = `${SURVEY_PREFIX}/stijl.css`;

export const LANGUAGES = ['nl', 'en', 'fr', 'tr', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';
/** The query parameter (and hidden form field) that carries the language. */
export const LANGUAGE_PARAM = 'taal';

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

export { TOKEN_PATTERN };

/** Paths for a token (the token is URL-safe already). */
export const surveyPath = (token: string, language: Language = DEFAULT_LANGUAGE): string =>
  `${SURVEY_PREFIX}/${token}${language === DEFAULT_LANGUAGE ? '' : `?${LANGUAGE_PARAM}=${language}`}`;
export const printPath = (token: string, format: 'a4' | 'kaart' = 'a4'): string => `${SURVEY_PREFIX}/${token}/afdruk${format === 'kaart' ? '?formaat=kaart' : ''}`;
export const thanksPath = (language: Language = DEFAULT_LANGUAGE): string => `${SURVEY_THANKS}?${LANGUAGE_PARAM}=${language}`;

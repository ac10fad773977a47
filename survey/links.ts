// Where a survey lives for the young person: `${PUBLIC_BASE_URL}/s/<token>`, and its print page.
export type PrintFormat = 'a4' | 'kaart';

const base = (publicBaseUrl: string) => publicBaseUrl.replace(/\/+$/, '');

/** With a language (not Dutch, the default), the form opens in it: a print page in Arabic leads to the Arabic form. */
export function surveyLink(publicBaseUrl: string, token: string, language?: string): string {
  return `${base(publicBaseUrl)}/s/${token}${language && language !== 'nl' ? `?taal=${language}` : ''}`;
}

/** The page a begeleider prints: the QR code large, with two lines of text. */
export function printLink(publicBaseUrl: string, token: string, format: PrintFormat = 'a4'): string {
  return `${base(publicBaseUrl)}/s/${token}/afdruk${format === 'kaart' ? '?formaat=kaart' : ''}`;
}

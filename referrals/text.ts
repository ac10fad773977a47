// What a person typed, made safe to store and to show, without changing what they meant.
// PostgreSQL refuses NUL and lone surrogates in text and jsonb (every retry would fail), and
// bidirectional override characters can make a line read differently from what it holds.
// Markdown and HTML are left alone: they are harmless text once shown literally (cards/text.ts).

// C0 and C1 control characters except tab and newline; DEL.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Embedding, override and isolate controls (LRE…RLO, LRI…PDI). Plain RTL letters are kept. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(input: string): string {
  return input.toWellFormed().replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(BIDI_CONTROL, '').normalize('NFC').trim();
}

/** Cuts a value that may have been forged to any length, so it is never echoed back in full. */
export function clip(input: string, max: number): string {
  const chars = [...input];
  return chars.length <= max ? input : chars.slice(0, max).join('');
}

/** Length as a person counts it: one emoji is one character, not two UTF-16 units. */
export const charCount = (text: string): number => [...text].length;

export const hasLetter = (text: string): boolean => /\p{L}/u.test(text);

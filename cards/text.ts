// Small card helpers, and the one way text a person typed reaches a card.
//
// Teams renders markdown in TextBlock and FactSet, so `[klik](https://…)` typed by a referrer
// would become a live link for every coordinator who sees it. A TextRun renders no markdown, so
// every piece of typed text goes into a RichTextBlock through `literal` or `fact`; TextBlock is
// kept for our own copy. A very long unbroken word gets invisible break points, so it wraps
// instead of pushing the card wider than the chat.
import type { ActionSet, CardElement, RichTextBlock, SubmitAction, TextBlock, TextRun } from './adaptiveCard.ts';

type RunStyle = Omit<TextRun, 'type' | 'text'>;
type BlockStyle = Pick<RichTextBlock, 'spacing' | 'separator'>;

/**
 * After this many characters without a space, allow a line break (U+200B, zero width). Long
 * enough that an e-mail address or a web address of normal length is left whole (a copied
 * address with an invisible character in it does not work); those that are longer still are
 * broken only past twice this length.
 */
const WORD_BREAK_EVERY = 40;
const LONG_WORD = new RegExp(`\\S{${WORD_BREAK_EVERY + 1},}`, 'gu');
const EVERY = new RegExp(`\\S{${WORD_BREAK_EVERY}}(?=\\S)`, 'gu');

export function breakable(text: string): string {
  return text.replace(LONG_WORD, (word) => (/[@/]/.test(word) && [...word].length <= 2 * WORD_BREAK_EVERY ? word : word.replace(EVERY, '$&\u200b')));
}

export function run(text: string, style: RunStyle = {}): TextRun {
  return { type: 'TextRun', text: breakable(text), ...style };
}

/** Typed text, shown exactly as typed. */
export function literal(text: string, style: RunStyle & BlockStyle = {}): RichTextBlock {
  const { spacing, separator, ...runStyle } = style;
  return { type: 'RichTextBlock', inlines: [run(text, runStyle)], ...(spacing ? { spacing } : {}), ...(separator ? { separator } : {}) };
}

/** A line of several runs, e.g. our words around a typed name. */
export function line(runs: TextRun[], style: BlockStyle = {}): RichTextBlock {
  return { type: 'RichTextBlock', inlines: runs, ...style };
}

/** "Label: value" with the value literal; replaces FactSet wherever a value may be typed text. */
export function fact(label: string, value: string, style: BlockStyle = {}): RichTextBlock {
  // A question already ends in "?": no colon after it.
  return line([run(/[?:]$/.test(label) ? `${label} ` : `${label}: `, { weight: 'bolder' }), run(value)], { spacing: 'small', ...style });
}

export function facts(pairs: ReadonlyArray<readonly [string, string]>): RichTextBlock[] {
  return pairs.map(([label, value], i) => fact(label, value, i === 0 ? {} : { spacing: 'none' }));
}

export function heading(text: string, style: Partial<TextBlock> = {}): TextBlock {
  return { type: 'TextBlock', text, size: 'large', weight: 'bolder', wrap: true, ...style };
}

/** Our own copy (may use **bold** for commands to type). */
export function para(text: string, style: Partial<TextBlock> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

export function small(text: string, style: Partial<TextBlock> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, isSubtle: true, size: 'small', ...style };
}

export function button(title: string, data: Record<string, unknown>, opts: Pick<SubmitAction, 'style' | 'associatedInputs'> = {}): SubmitAction {
  return { type: 'Action.Submit', title, data, ...opts };
}

export function buttons(actions: SubmitAction[], spacing?: ActionSet['spacing']): ActionSet {
  return { type: 'ActionSet', actions, ...(spacing ? { spacing } : {}) };
}

export function box(items: CardElement[], style: 'emphasis' | 'good' | 'attention' | 'warning' | 'accent', extra: { spacing?: TextBlock['spacing'] } = {}): CardElement {
  return { type: 'Container', style, items, ...extra };
}

/**
 * A sentence of our words with typed text in it: `['Je gaat verder met ', { typed: title }, '.']`.
 * Every part becomes a TextRun, so the typed part can contain anything.
 */
export type Words = ReadonlyArray<string | { typed: string }>;

export function words(parts: Words, style: RunStyle & BlockStyle = {}): RichTextBlock {
  const { spacing, separator, ...runStyle } = style;
  return line(
    parts.map((p) => run(typeof p === 'string' ? p : p.typed, runStyle)),
    { ...(spacing ? { spacing } : {}), ...(separator ? { separator } : {}) },
  );
}

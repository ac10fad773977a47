// Dutch (Flemish) number and date words for the figures: one place, so the tab, the card and the
// exports show the same text for the same number.
const integer = new Intl.NumberFormat('nl-BE', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('nl-BE', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** A share 0..1 as a whole percentage ("87%"). */
export function formatPercent(share: number): string {
  return `${integer.format(Math.round(share * 100))}%`;
}

/** Days (or working days) with at most one decimal ("16,5"). */
export function formatDays(days: number): string {
  return oneDecimal.format(Math.round(days * 10) / 10);
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const SHORT_MONTHS = ['jan.', 'feb.', 'mrt.', 'apr.', 'mei', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];

/** "2026-03" → "maart 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTHS[(m ?? 1) - 1] ?? month} ${y}`;
}

/** "2026-03-05" → "5 mrt. 2026". */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${SHORT_MONTHS[(m ?? 1) - 1] ?? ''} ${y}`;
}

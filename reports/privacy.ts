// Small groups are hidden (issue #19, reports/COUNTING.md "Kleine groepen"): every number any
// surface shows goes through this module, so the tab, the card and the exports hide alike.
//   - a count from 1 to minCount − 1 is shown as "< 5" (0 is shown: an empty cell singles no one out);
//   - a percentage, mean, median, P90 or distribution needs n ≥ minN;
//   - hiding is complementary: in a table with totals, a row or column with exactly one hidden
//     cell hides its next-smallest cell too, so no hidden count follows from a total minus the
//     visible parts; and a filtered view's count is hidden when its parent (the view without that
//     filter) minus it is small, so two filters' difference reveals nothing either.
import type { CellUnit, ReportCell } from './model.ts';
import { formatCount, formatDays, formatPercent } from './format.ts';

export interface Thresholds {
  minCount: number;
  minN: number;
}

/** Never below 3, whatever the configuration says (config/env.ts already refuses lower values). */
export function thresholds(privacy: Thresholds): Thresholds {
  return { minCount: Math.max(3, Math.floor(privacy.minCount)), minN: Math.max(3, Math.floor(privacy.minN)) };
}

export function smallText(t: Thresholds): string {
  return `< ${t.minCount}`;
}

export function lowNText(t: Thresholds): string {
  return `n < ${t.minN}`;
}

export function isSmall(n: number, t: Thresholds): boolean {
  return n > 0 && n < t.minCount;
}

export function countCell(n: number, t: Thresholds): ReportCell {
  if (isSmall(n, t)) return { shown: smallText(t), hidden: true, reason: 'small', unit: 'count' };
  return { shown: formatCount(n), value: n, hidden: false, unit: 'count' };
}

/** A shown count hidden afterwards so a hidden neighbour cannot be worked out. */
export function hideComplementary(cell: ReportCell, t: Thresholds): ReportCell {
  if (cell.hidden) return cell;
  // A complementary cell may be large: "< 5" would be false, so it says only "verborgen".
  return { shown: cell.unit === 'count' ? HIDDEN_TEXT : lowNText(t), hidden: true, reason: 'complementary', unit: cell.unit };
}

export const HIDDEN_TEXT = 'verborgen';

function formatFor(unit: CellUnit, value: number): string {
  if (unit === 'percent') return formatPercent(value);
  if (unit === 'days' || unit === 'workdays' || unit === 'years') return formatDays(value);
  return formatCount(value);
}

/**
 * A statistic over n cases (a share 0..1, or days): shown only when n ≥ minN. `value` undefined
 * with n ≥ minN cannot happen for a statistic of n values; it is shown as "–" anyway.
 */
export function statCell(value: number | undefined, n: number, unit: Exclude<CellUnit, 'count' | 'text'>, t: Thresholds): ReportCell {
  if (n === 0 || value === undefined || !Number.isFinite(value)) return { shown: '–', hidden: true, reason: 'empty', unit };
  if (n < t.minN) return { shown: lowNText(t), hidden: true, reason: 'lowN', unit };
  return { shown: formatFor(unit, value), value, hidden: false, unit };
}

export function percentCell(part: number, whole: number, t: Thresholds): ReportCell {
  return statCell(whole === 0 ? undefined : part / whole, whole, 'percent', t);
}

/**
 * The share of a count that is itself shown in the table: hidden with the count, since the share
 * and n would give the count back.
 */
export function shareCell(count: ReportCell, part: number, whole: number, t: Thresholds): ReportCell {
  if (count.hidden && part > 0) return { shown: HIDDEN_TEXT, hidden: true, reason: 'complementary', unit: 'percent' };
  return percentCell(part, whole, t);
}

export function textCell(text: string): ReportCell {
  return { shown: text, hidden: false, unit: 'text' };
}

/**
 * Counts with their totals, hidden complementarily. `values[r][c]` are the inner cells; the
 * result has the row totals as an extra last column and the column totals as an extra last row
 * (when asked for). Every line — a row with its total, a column with its total — that holds
 * exactly one hidden cell hides its smallest other shown cell, until no such line is left.
 */
export function protectCounts(values: readonly (readonly number[])[], t: Thresholds, opts: { rowTotals: boolean; columnTotals: boolean }): ReportCell[][] {
  const cols = values[0]?.length ?? 0;
  const grid: number[][] = values.map((row) => [...row]);
  if (opts.rowTotals) for (const row of grid) row.push(row.reduce((a, b) => a + b, 0));
  const width = cols + (opts.rowTotals ? 1 : 0);
  if (opts.columnTotals) grid.push(Array.from({ length: width }, (_, c) => values.reduce((a, row, r) => a + (grid[r]?.[c] ?? 0), 0)));
  const cells = grid.map((row) => row.map((n) => countCell(n, t)));
  const lines: Array<Array<[number, number]>> = [];
  // A line is only an equation when its total is in the table.
  if (opts.rowTotals) for (let r = 0; r < grid.length; r++) lines.push(Array.from({ length: width }, (_, c) => [r, c] as [number, number]));
  if (opts.columnTotals) for (let c = 0; c < width; c++) lines.push(Array.from({ length: grid.length }, (_, r) => [r, c] as [number, number]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter(([r, c]) => cells[r]?.[c]?.hidden && (grid[r]?.[c] ?? 0) > 0);
      if (hidden.length !== 1) continue;
      const candidates = line.filter(([r, c]) => !cells[r]?.[c]?.hidden && (grid[r]?.[c] ?? 0) > 0);
      // No other non-zero cell: the hidden one equals the total, which is then hidden too (the
      // total is a cell of this line and is itself a candidate above unless it is hidden).
      const next = candidates.sort(([r1, c1], [r2, c2]) => (grid[r1]?.[c1] ?? 0) - (grid[r2]?.[c2] ?? 0))[0];
      if (!next) continue;
      const [r, c] = next;
      const row = cells[r];
      if (row?.[c]) row[c] = hideComplementary(row[c], t);
      changed = true;
    }
  }
  return cells;
}

/**
 * Hides a filtered view's count when the view without the filter (its parent) differs from it
 * by a small number: parent − filtered would otherwise reveal the small rest.
 */
export function protectAgainstParent(cell: ReportCell, value: number, parentValue: number | undefined, t: Thresholds): ReportCell {
  if (parentValue === undefined || cell.hidden) return cell;
  return isSmall(parentValue - value, t) ? hideComplementary(cell, t) : cell;
}

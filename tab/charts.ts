// The tab's charts as geometry for small own SVG (tab/templates.ts draws them): bars per month,
// horizontal bars (reasons, per organisation), stacked shares and the waiting chain. Computed on
// the server from the report's cells; a hidden cell has no value (reports/model.ts), so it gets
// no bar, only its text ("< 5") where the bar would be: a chart cannot show more than the table.
// The viewBox is phone-sized, so text stays readable at 360 px and scales up on a wide screen.
import type { ReportCell, ReportTable } from '../reports/model.ts';

export const CHART_WIDTH = 360;
const LABEL_TOP = 16;
const BAR_H = 14;
const ROW_H = 40;
const PAD = 4;
/** Room on the right of a horizontal bar for its number. */
const VALUE_ROOM = 64;
/** Series colours are classes (tab/style.ts gives each theme its own, all ≥ 3:1 on the background). */
const SERIES = 6;

export interface TextMark {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  cls: string;
}
export interface RectMark {
  x: number;
  y: number;
  w: number;
  h: number;
  cls: string;
}
export interface Chart {
  height: number;
  rects: RectMark[];
  texts: TextMark[];
  /** Stacked charts: which colour is which column. */
  legend: { label: string; cls: string }[];
}

const round = (n: number) => Math.round(n * 10) / 10;
const valueOf = (cell: ReportCell | undefined) => (cell && !cell.hidden && cell.value !== undefined ? cell.value : undefined);

/** Month labels as the model writes them ("maart 2026") shortened to fit under a bar ("mrt"). */
const MONTHS: Readonly<Record<string, string>> = {
  januari: 'jan', februari: 'feb', maart: 'mrt', april: 'apr', mei: 'mei', juni: 'jun',
  juli: 'jul', augustus: 'aug', september: 'sep', oktober: 'okt', november: 'nov', december: 'dec',
};
function shortLabel(label: string): string {
  const month = /^(\p{L}+)\s+\d{4}$/u.exec(label.trim());
  if (month?.[1] && MONTHS[month[1].toLowerCase()]) return MONTHS[month[1].toLowerCase()] ?? label;
  return label.length > 8 ? `${label.slice(0, 7)}…` : label;
}
/** A long label above a horizontal bar is cut with an ellipsis; the table beside has it whole. */
const fitLabel = (label: string) => (label.length > 46 ? `${label.slice(0, 45)}…` : label);

/** The column a chart shows: the first that holds numbers. */
function numberColumn(table: ReportTable): number {
  return table.columns.findIndex((c) => c.unit !== 'text');
}

function bodyRows(table: ReportTable) {
  return table.rows.filter((r) => !r.total);
}

/** Vertical bars, one per row (months). */
function bars(table: ReportTable, column: number): Chart | undefined {
  const rows = bodyRows(table);
  if (rows.length === 0) return undefined;
  const values = rows.map((r) => valueOf(r.cells[column]));
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const plotTop = 18;
  const plotH = 140;
  const base = plotTop + plotH;
  const slot = (CHART_WIDTH - 2 * PAD) / rows.length;
  const w = Math.max(4, slot * 0.66);
  const rects: RectMark[] = [];
  const texts: TextMark[] = [];
  rows.forEach((row, i) => {
    const cx = PAD + slot * i + slot / 2;
    const v = values[i];
    const cell = row.cells[column];
    if (v !== undefined) {
      const h = (v / max) * plotH;
      rects.push({ x: round(cx - w / 2), y: round(base - h), w: round(w), h: round(Math.max(h, v > 0 ? 1 : 0)), cls: 's0' });
    }
    texts.push({ x: round(cx), y: round(v !== undefined ? base - (v / max) * plotH - 4 : base - 4), text: cell?.shown ?? '', anchor: 'middle', cls: v === undefined ? 'val hid' : 'val' });
    texts.push({ x: round(cx), y: base + 17, text: shortLabel(row.label), anchor: 'middle', cls: 'lbl' });
  });
  rects.push({ x: PAD, y: base, w: CHART_WIDTH - 2 * PAD, h: 1, cls: 'axis' });
  return { height: base + 24, rects, texts, legend: [] };
}

/** Horizontal bars, one per row, the label above its bar; `marker` adds a thin P90 tick (chain). */
function hbars(table: ReportTable, column: number, marker?: number): Chart | undefined {
  const rows = bodyRows(table);
  if (rows.length === 0) return undefined;
  const values = rows.map((r) => valueOf(r.cells[column]));
  const marks = marker === undefined ? [] : rows.map((r) => valueOf(r.cells[marker]));
  const max = Math.max(1, ...values.map((v) => v ?? 0), ...marks.map((v) => v ?? 0));
  const span = CHART_WIDTH - 2 * PAD - VALUE_ROOM;
  const rects: RectMark[] = [];
  const texts: TextMark[] = [];
  rows.forEach((row, i) => {
    const top = i * ROW_H + PAD;
    const v = values[i];
    texts.push({ x: PAD, y: top + LABEL_TOP - 2, text: fitLabel(row.label), anchor: 'start', cls: 'lbl' });
    const barY = top + LABEL_TOP + 2;
    const w = v === undefined ? 0 : (v / max) * span;
    if (v !== undefined) rects.push({ x: PAD, y: barY, w: round(Math.max(w, v > 0 ? 1 : 0)), h: BAR_H, cls: marker === undefined ? 's0' : 's1' });
    const m = marks[i];
    if (m !== undefined) rects.push({ x: round(PAD + (m / max) * span - 1), y: barY - 3, w: 2, h: BAR_H + 6, cls: 'tick' });
    const cell = row.cells[column];
    texts.push({ x: round(PAD + w + 4), y: barY + BAR_H - 3, text: cell?.shown ?? '', anchor: 'start', cls: v === undefined ? 'val hid' : 'val' });
  });
  return { height: rows.length * ROW_H + 2 * PAD, rects, texts, legend: marker === undefined ? [] : [{ label: table.columns[column]?.label ?? '', cls: 's1' }, { label: table.columns[marker]?.label ?? '', cls: 'tick' }] };
}

/**
 * One bar per row, its parts side by side (e.g. referrals per type in a month), on one scale for
 * all rows. A hidden part is left out (the bars after it close up), and when the row's total is
 * shown an outlined rest runs up to it: that rest is the total minus the visible parts, which the
 * table shows already, and reports/privacy.ts hides complementary cells so it is never one cell.
 */
function stacked(table: ReportTable): Chart | undefined {
  const rows = bodyRows(table);
  const isTotal = (label: string, key: string) => /^(totaal|total|n|aantal)$/i.test(label.trim()) || /^total$/i.test(key);
  const totalColumn = table.columns.findIndex((c) => c.unit === 'count' && isTotal(c.label, c.key));
  const countSeries = table.columns.map((c, i) => ({ c, i })).filter(({ c, i }) => c.unit === 'count' && i !== totalColumn);
  const series = countSeries.length > 0 ? countSeries : table.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.unit === 'percent');
  if (rows.length === 0 || series.length === 0) return undefined;
  const lengthOf = (r: (typeof rows)[number]) => {
    const total = totalColumn >= 0 ? valueOf(r.cells[totalColumn]) : undefined;
    const visible = series.reduce((a, { i }) => a + (valueOf(r.cells[i]) ?? 0), 0);
    return Math.max(total ?? 0, visible);
  };
  const max = Math.max(1, ...rows.map(lengthOf));
  const span = CHART_WIDTH - 2 * PAD - VALUE_ROOM;
  const rects: RectMark[] = [];
  const texts: TextMark[] = [];
  rows.forEach((row, r) => {
    const top = r * ROW_H + PAD;
    texts.push({ x: PAD, y: top + LABEL_TOP - 2, text: fitLabel(row.label), anchor: 'start', cls: 'lbl' });
    const barY = top + LABEL_TOP + 2;
    let x = PAD;
    series.forEach(({ i }, k) => {
      const v = valueOf(row.cells[i]);
      if (v === undefined || v <= 0) return;
      const w = (v / max) * span;
      rects.push({ x: round(x), y: barY, w: round(w), h: BAR_H, cls: `s${k % SERIES}` });
      x += w;
    });
    const totalCell = totalColumn >= 0 ? row.cells[totalColumn] : undefined;
    const total = valueOf(totalCell);
    const end = total === undefined ? x : PAD + (total / max) * span;
    if (end - x > 0.5) rects.push({ x: round(x), y: barY, w: round(end - x), h: BAR_H, cls: 'rest' });
    const shown = totalCell?.shown ?? '';
    if (shown) texts.push({ x: round(Math.max(end, x) + 4), y: barY + BAR_H - 3, text: shown, anchor: 'start', cls: total === undefined ? 'val hid' : 'val' });
  });
  const legend = series.map(({ c }, k) => ({ label: c.label, cls: `s${k % SERIES}` }));
  if (rects.some((m) => m.cls === 'rest')) legend.push({ label: 'verborgen delen', cls: 'rest' });
  return { height: rows.length * ROW_H + 2 * PAD, rects, texts, legend };
}

/** The chart of a table as its `chart` hint asks, or undefined when there is nothing to draw. */
export function chartFor(table: ReportTable): Chart | undefined {
  const column = numberColumn(table);
  if (table.chart === 'none' || column < 0) return undefined;
  if (table.chart === 'bars') return bars(table, column);
  if (table.chart === 'hbars') return hbars(table, column);
  if (table.chart === 'stacked') return stacked(table);
  // The chain: median per step, with the P90 as a tick when the table has it.
  const p90 = table.columns.findIndex((c) => /p90/i.test(c.key) || /p90/i.test(c.label));
  return hbars(table, column, p90 >= 0 && p90 !== column ? p90 : undefined);
}

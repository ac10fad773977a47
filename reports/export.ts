// Export of the aggregated figures — tables only, never a person's data (the CLB's own-referrals
// list is deliberately left out) — as CSV (UTF-8 with BOM, ";" as Flemish Excel expects) and XLSX,
// with the cells exactly as every surface shows them (hidden ones as "< 5", "n < 10", "verborgen").
// Every text is made safe for spreadsheets: a cell starting with = + - @, a tab or a CR is
// prefixed with an apostrophe (no formula), and invisible control characters are removed.
import type { Report, ReportTable } from './model.ts';
import { reportTables } from './build.ts';

// C0/C1 controls (but tab, LF and CR, handled below), zero-width and bidi controls, BOMs.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** A text as a spreadsheet may show it: no formula, no invisible characters. */
export function safeCell(text: string): string {
  const visible = text.replace(INVISIBLE, '');
  // A value such as "-3" or "+5" in a numeric column is exported as a number, never through here.
  return /^[=+\-@\t\r]/.test(visible) ? `'${visible}` : visible;
}

export interface ExportRow {
  /** Text cells, already safe; numbers stay numbers (shown, not hidden). */
  cells: Array<string | number>;
}

/** The report as sheets of rows: a header block, then each table with its title and columns. */
export function exportSheets(report: Report): Array<{ name: string; rows: Array<Array<string | number>> }> {
  const head: Array<Array<string | number>> = [
    ['NAFT rapport'],
    ['Periode en filter', report.meta.description],
    ['Peildatum', report.meta.snapshotAt.slice(0, 10)],
    ['Zichtbaarheid', report.meta.scopeNote],
    ['Kleine groepen', `Aantallen van 1 tot ${report.meta.thresholds.minCount - 1} staan als "< ${report.meta.thresholds.minCount}"; percentages, gemiddelden en medianen pas vanaf n = ${report.meta.thresholds.minN}.`],
  ];
  const tables = reportTables(report);
  return [{ name: 'Overzicht', rows: head }, ...tables.map((t) => ({ name: sheetName(t), rows: tableRows(t) }))];
}

function tableRows(t: ReportTable): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [[t.title], ['', ...t.columns.map((c) => c.label)]];
  for (const r of t.rows) rows.push([r.label, ...r.cells.map((c) => (c.hidden || c.value === undefined ? c.shown : c.unit === 'count' ? c.value : c.shown))]);
  for (const note of t.notes ?? []) rows.push([note]);
  return rows.map((row) => row.map((c) => (typeof c === 'string' ? safeCell(c) : c)));
}

function sheetName(t: ReportTable): string {
  // Excel: at most 31 characters, none of : \ / ? * [ ].
  return t.id.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
}

function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV with every table after the other, separated by an empty line. */
export function exportCsv(report: Report): Buffer {
  const lines = exportSheets(report).flatMap((sheet, i) => [...(i > 0 ? [''] : []), ...sheet.rows.map((row) => row.map(csvField).join(';'))]);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** One workbook: an overview sheet, then one sheet per table. */
export async function exportXlsx(report: Report): Promise<Buffer> {
  // Loaded only when someone exports: the library is large and the service rarely needs it.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'NAFT';
  for (const sheet of exportSheets(report)) {
    const ws = book.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row);
    ws.getRow(1).font = { bold: true };
    ws.getColumn(1).width = 48;
  }
  const data = await book.xlsx.writeBuffer();
  return Buffer.from(data);
}

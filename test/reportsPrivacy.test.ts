// The hiding rules at their edges (reports/privacy.ts): counts 4/5, statistics 9/10, a total
// minus its visible parts, two filters' difference, thresholds never below 3.
import { describe, expect, it } from 'vitest';
import { countCell, percentCell, protectAgainstParent, protectCounts, statCell, thresholds } from '../reports/privacy.ts';
import type { ReportCell } from '../reports/model.ts';
import { belgianHolidays, workingDaysBetween } from '../reports/workdays.ts';
import { parseReportQuery, reportQueryString } from '../reports/filter.ts';

const t = { minCount: 5, minN: 10 };

/** Whether any hidden non-zero cell follows from a line total minus the line's visible cells. */
function recoverable(values: number[][], cells: ReportCell[][]): boolean {
  const lines: Array<Array<[number, number]>> = [];
  for (let r = 0; r < cells.length; r++) lines.push((cells[r] ?? []).map((_, c) => [r, c]));
  for (let c = 0; c < (cells[0]?.length ?? 0); c++) lines.push(cells.map((_, r) => [r, c]));
  return lines.some((line) => line.filter(([r, c]) => cells[r]?.[c]?.hidden && (values[r]?.[c] ?? 0) > 0).length === 1);
}

function withTotals(values: number[][]): number[][] {
  const rows = values.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  rows.push((rows[0] ?? []).map((_, c) => rows.reduce((a, row) => a + (row[c] ?? 0), 0)));
  return rows;
}

describe('small counts', () => {
  it('shows 0 and 5 and hides 1 to 4 as "< 5"', () => {
    expect(countCell(0, t)).toMatchObject({ shown: '0', value: 0, hidden: false });
    expect(countCell(1, t)).toEqual({ shown: '< 5', hidden: true, reason: 'small', unit: 'count' });
    expect(countCell(4, t)).toMatchObject({ shown: '< 5', hidden: true });
    expect(countCell(4, t).value).toBeUndefined();
    expect(countCell(5, t)).toMatchObject({ shown: '5', value: 5, hidden: false });
    expect(countCell(1320, t).shown).toBe('1.320');
  });

  it('needs n ≥ 10 for a percentage, a median or a mean', () => {
    expect(percentCell(3, 9, t)).toMatchObject({ shown: 'n < 10', hidden: true, reason: 'lowN' });
    expect(percentCell(3, 10, t)).toMatchObject({ shown: '30%', value: 0.3, hidden: false });
    expect(statCell(16.25, 9, 'days', t)).toMatchObject({ hidden: true, reason: 'lowN' });
    expect(statCell(16.25, 10, 'days', t)).toMatchObject({ shown: '16,3', hidden: false });
    expect(statCell(undefined, 0, 'days', t)).toMatchObject({ shown: '–', hidden: true, reason: 'empty' });
  });

  it('never uses thresholds below 3, and follows higher ones', () => {
    expect(thresholds({ minCount: 1, minN: 2 })).toEqual({ minCount: 3, minN: 3 });
    const strict = thresholds({ minCount: 8, minN: 20 });
    expect(countCell(7, strict).shown).toBe('< 8');
    expect(percentCell(5, 19, strict).hidden).toBe(true);
  });
});

describe('complementary hiding', () => {
  it('hides the next-smallest cell of a row, so the total minus the visible parts gives nothing', () => {
    const values = [[3, 12, 40]];
    const cells = protectCounts(values, t, { rowTotals: true, columnTotals: false });
    expect(cells[0]?.map((c) => c.shown)).toEqual(['< 5', 'verborgen', '40', '55']);
    expect(cells[0]?.[1]?.reason).toBe('complementary');
    // 55 − 40 = 15 = 3 + 12: two unknowns, neither recoverable.
    const visible = (cells[0] ?? []).slice(0, 3).reduce((a, c) => a + (c.value ?? 0), 0);
    expect((cells[0]?.[3]?.value ?? 0) - visible).toBe(15);
  });

  it('leaves a row alone when two cells are already hidden', () => {
    const cells = protectCounts([[2, 3, 40]], t, { rowTotals: true, columnTotals: false });
    expect(cells[0]?.map((c) => c.shown)).toEqual(['< 5', '< 5', '40', '45']);
  });

  it('propagates through rows and columns until no line has a single hidden cell', () => {
    const values = [
      [3, 20, 30],
      [25, 26, 27],
      [30, 31, 8],
    ];
    const cells = protectCounts(values, t, { rowTotals: true, columnTotals: true });
    expect(recoverable(withTotals(values), cells)).toBe(false);
    expect(cells.flat().filter((c) => c.hidden).length).toBeGreaterThanOrEqual(4);
  });

  it('hides a small total together with its only part', () => {
    const cells = protectCounts([[0], [4], [0]], t, { rowTotals: false, columnTotals: true });
    expect(cells.map((r) => r[0]?.shown)).toEqual(['0', '< 5', '0', '< 5']);
  });

  it('a column whose hidden cell sits next to only zeros hides the total too', () => {
    const values = [[2], [0], [9]];
    const cells = protectCounts(values, t, { rowTotals: false, columnTotals: true });
    expect(cells.map((r) => r[0]?.shown)).toEqual(['< 5', '0', 'verborgen', '11']);
  });

  it('hides a filtered count when the rest of its parent is small (two filters’ difference)', () => {
    expect(protectAgainstParent(countCell(40, t), 40, 43, t)).toMatchObject({ hidden: true, reason: 'complementary' });
    expect(protectAgainstParent(countCell(40, t), 40, 45, t)).toMatchObject({ shown: '40', hidden: false });
    expect(protectAgainstParent(countCell(40, t), 40, 40, t)).toMatchObject({ shown: '40', hidden: false });
  });
});

describe('working days', () => {
  it('counts Monday to Friday after the day of referral, without Belgian holidays', () => {
    expect(workingDaysBetween(new Date('2026-03-02T09:00:00Z'), new Date('2026-03-02T15:00:00Z'))).toBe(0);
    expect(workingDaysBetween(new Date('2026-03-02T09:00:00Z'), new Date('2026-03-03T08:00:00Z'))).toBe(1);
    // Friday → Monday: one working day.
    expect(workingDaysBetween(new Date('2026-03-06T09:00:00Z'), new Date('2026-03-09T09:00:00Z'))).toBe(1);
    // Easter Monday 2026 is 6 April: Friday 3 → Tuesday 7 April is one working day.
    expect(workingDaysBetween(new Date('2026-04-03T09:00:00Z'), new Date('2026-04-07T09:00:00Z'))).toBe(1);
    // 21 July 2026 (Tuesday) and 11 November 2026 (Wednesday).
    expect(workingDaysBetween(new Date('2026-07-20T09:00:00Z'), new Date('2026-07-22T09:00:00Z'))).toBe(1);
    expect(workingDaysBetween(new Date('2026-11-10T09:00:00Z'), new Date('2026-11-12T09:00:00Z'))).toBe(1);
  });

  it('gives what walking the days gives, for spans across years (the running count is a shortcut, not a second rule)', () => {
    const DAY = 86_400_000;
    const walked = (from: Date, to: Date) => {
      let n = 0;
      for (let d = Math.floor(from.getTime() / DAY) + 1; d <= Math.floor(to.getTime() / DAY); d++) {
        const date = new Date(d * DAY);
        const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
        if (!weekend && !belgianHolidays(date.getUTCFullYear()).has(d)) n++;
      }
      return n;
    };
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 300; i++) {
      const from = new Date(Date.UTC(1998, 0, 1) + next() * 40 * 365 * DAY);
      const to = new Date(from.getTime() + (next() - 0.1) * 800 * DAY);
      expect(workingDaysBetween(from, to), `${from.toISOString()} → ${to.toISOString()}`).toBe(walked(from, to));
    }
  });
});

describe('the /rapport query string', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  it('defaults to the current year and round-trips a full filter', () => {
    expect(parseReportQuery({}, now)).toEqual({ ok: true, filter: { from: '2026-01-01', to: '2026-12-31' } });
    const parsed = parseReportQuery({ van: '2026-03-01', tot: '2026-05-31', regio: 'gr', organisatie: 'APART', type: 'klas' }, now);
    expect(parsed).toEqual({ ok: true, filter: { from: '2026-03-01', to: '2026-05-31', region: 'GR', organisation: 'APART', type: 'CLASS' } });
    if (parsed.ok) expect(reportQueryString(parsed.filter)).toBe('van=2026-03-01&tot=2026-05-31&regio=GR&organisatie=APART&type=klas');
  });

  it('takes whole months: a month as such, a day widened to its month, so two periods never differ by a few days', () => {
    expect(parseReportQuery({ van: '2026-03', tot: '2026-05' }, now)).toEqual({ ok: true, filter: { from: '2026-03-01', to: '2026-05-31' } });
    expect(parseReportQuery({ van: '2026-03-14', tot: '2026-06-02' }, now)).toEqual({ ok: true, filter: { from: '2026-03-01', to: '2026-06-30' } });
    expect(parseReportQuery({ tot: '2024-02' }, now)).toEqual({ ok: true, filter: { from: '2024-01-01', to: '2024-02-29' } });
    expect(parseReportQuery({ van: '2026-13' }, now)).toMatchObject({ ok: false });
  });

  it('refuses what is not a period or a code, in Dutch', () => {
    expect(parseReportQuery({ van: '2026-02-30' }, now)).toMatchObject({ ok: false });
    expect(parseReportQuery({ van: '2026-05-01', tot: '2026-04-01' }, now)).toMatchObject({ ok: false, message: expect.stringContaining('voor het begin') });
    expect(parseReportQuery({ organisatie: "x'; drop" }, now)).toMatchObject({ ok: false });
    expect(parseReportQuery({ type: 'kantoor' }, now)).toMatchObject({ ok: false });
    expect(parseReportQuery({ van: '2020-01-01', tot: '2026-01-01' }, now)).toMatchObject({ ok: false, message: expect.stringContaining('te lang') });
  });
});

// 5. The waiting chain (referral → decision → first contact → intake → start) and opstartduur per
// organisation and type; 6. duration of closed trajectories and the share still open.
import type { Figure, ReportCell, ReportColumn } from '../model.ts';
import { SUBJECT_KINDS } from '../model.ts';
import { cellTable, countTable, inPeriod, openAt, organisationKey, organisationRows, ranInPeriod, submittedIn, tally } from '../context.ts';
import type { View } from '../context.ts';
import { countCell, percentCell, protectAgainstParent, shareCell, statCell } from '../privacy.ts';
import { daysBetween, mean, median, percentile } from '../stats.ts';
import { firstDecisionAt } from './decisions.ts';
import { KIND_LABEL } from './referrals.ts';
import type { Ms, ReferralRow } from '../rows.ts';

const STAT_COLUMNS: ReportColumn[] = [
  { key: 'n', label: 'Aantal', unit: 'count' },
  { key: 'median', label: 'Mediaan (dagen)', unit: 'days' },
  { key: 'mean', label: 'Gemiddeld (dagen)', unit: 'days' },
  { key: 'p90', label: 'P90 (dagen)', unit: 'days' },
];

function statCells(days: number[], v: View): ReportCell[] {
  return [countCell(days.length, v.t), statCell(median(days), days.length, 'days', v.t), statCell(mean(days), days.length, 'days', v.t), statCell(percentile(days, 0.9), days.length, 'days', v.t)];
}

/** Days between two moments of each referral that has both (and both before the snapshot). */
function spans(rows: ReferralRow[], v: View, a: (r: ReferralRow) => Ms | null, b: (r: ReferralRow) => Ms | null): number[] {
  // A plain loop: this runs for every referral of the year, five times over.
  const out: number[] = [];
  const snapshot = v.period.snapshotMs;
  for (const r of rows) {
    const x = a(r);
    const y = b(r);
    if (x !== null && y !== null && y <= snapshot && y >= x) out.push(daysBetween(x, y));
  }
  return out;
}

export function waitingChainFigure(v: View): Figure<'waitingChain'> {
  const cohort = submittedIn(v);
  const decided = (r: ReferralRow) => firstDecisionAt(v, r);
  const steps: Array<{ key: string; label: string; a: (r: ReferralRow) => Ms | null; b: (r: ReferralRow) => Ms | null }> = [
    { key: 'decision', label: 'Aanmelding → beslissing', a: (r) => r.submittedAt, b: decided },
    { key: 'firstContact', label: 'Beslissing → eerste contact', a: decided, b: (r) => r.firstContactAt },
    { key: 'intake', label: 'Eerste contact → intake', a: (r) => r.firstContactAt, b: (r) => r.intakeAt },
    { key: 'start', label: 'Intake → start', a: (r) => r.intakeAt, b: (r) => r.startedAt },
    { key: 'total', label: 'Aanmelding → start (opstartduur)', a: (r) => r.submittedAt, b: (r) => r.startedAt },
  ];
  const chain = cellTable({
    id: 'waitingChain.steps',
    title: 'De wachtketen',
    chart: 'chain',
    columns: STAT_COLUMNS,
    rows: steps.map((s) => ({ key: s.key, label: s.label, cells: statCells(spans(cohort, v, s.a, s.b), v), ...(s.key === 'total' ? { total: true } : {}) })),
    notes: ['Kalenderdagen, voor de aanmeldingen van de periode die die stap al gezet hebben op de peildatum.'],
  });
  const startDays = (rows: ReferralRow[]) => spans(rows, v, (r) => r.submittedAt, (r) => r.startedAt);
  const perOrganisation = cellTable({
    id: 'waitingChain.startPerOrganisation',
    title: 'Opstartduur per organisatie',
    chart: 'hbars',
    columns: STAT_COLUMNS,
    rows: [...organisationRows(v).map((o) => ({ key: o.key, label: o.label, cells: statCells(startDays(cohort.filter((r) => organisationKey(v, r.organisationId) === o.key)), v) })), { key: 'total', label: 'Totaal', cells: statCells(startDays(cohort), v), total: true }],
  });
  const kinds = v.type ? [v.type] : [...SUBJECT_KINDS];
  const perType = cellTable({
    id: 'waitingChain.startPerType',
    title: 'Opstartduur per type',
    chart: 'hbars',
    columns: STAT_COLUMNS,
    rows: kinds.map((k) => ({ key: k, label: KIND_LABEL[k], cells: statCells(startDays(cohort.filter((r) => r.subjectKind === k)), v) })),
  });
  return { id: 'waitingChain', title: '5. De wachtketen en de opstartduur', available: true, notes: [], tables: [chain, perOrganisation, perType] };
}

export const DURATION_BANDS = [
  { key: 'le1m', label: 'Tot 1 maand (≤ 30 dagen)', max: 30 },
  { key: '1-3m', label: '1 tot 3 maanden (31–91 dagen)', max: 91 },
  { key: 'gt3m', label: 'Meer dan 3 maanden (> 91 dagen)', max: Number.POSITIVE_INFINITY },
] as const;

export function durationBand(days: number): string {
  return DURATION_BANDS.find((b) => days <= b.max)?.key ?? 'gt3m';
}

export function durationFigure(v: View): Figure<'duration'> {
  const closed = v.referrals.filter((r) => r.startedAt !== null && inPeriod(r.closedAt, v.period) && r.closedAt !== null && r.closedAt <= v.period.snapshotMs);
  const days = closed.map((r) => daysBetween(r.startedAt ?? r.submittedAt, r.closedAt ?? r.submittedAt));
  const bands = countTable(
    {
      id: 'duration.bands',
      title: 'Duur van de afgesloten trajecten',
      chart: 'bars',
      rows: DURATION_BANDS.map((b) => ({ key: b.key, label: b.label })),
      columns: [{ key: 'n', label: 'Trajecten' }],
      values: tally(days, durationBand, DURATION_BANDS.map((b) => b.key)).map((n) => [n]),
      columnTotals: true,
      notes: ['Dagen van de start tot de afronding, voor de trajecten afgesloten in de periode.'],
    },
    v.t,
  );
  const stats = cellTable({ id: 'duration.stats', title: 'Duur in dagen', chart: 'none', columns: STAT_COLUMNS, rows: [{ key: 'all', label: 'Afgesloten trajecten', cells: statCells(days, v) }] });
  const ran = v.referrals.filter((r) => ranInPeriod(r, v.period));
  const open = ran.filter((r) => openAt(r, v.period.snapshotMs));
  const ranCell = countCell(ran.length, v.t);
  // Gelopen − nog lopend = afgesloten: hide the open count too when that rest is small.
  const openCell = protectAgainstParent(countCell(open.length, v.t), open.length, ran.length, v.t);
  const openTable = cellTable({
    id: 'duration.open',
    title: 'Nog lopend op de peildatum',
    chart: 'none',
    columns: [
      { key: 'ran', label: 'Trajecten gelopen', unit: 'count' },
      { key: 'open', label: 'Nog lopend', unit: 'count' },
      { key: 'share', label: 'Aandeel nog lopend', unit: 'percent' },
    ],
    rows: [{ key: 'all', label: 'Alle trajecten', cells: [ranCell, openCell, open.length === 0 ? percentCell(0, ran.length, v.t) : shareCell(openCell, open.length, ran.length, v.t)] }],
  });
  return { id: 'duration', title: '6. Duur van de trajecten', available: true, notes: [], tables: [bands, stats, openTable] };
}

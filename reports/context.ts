// What every figure works from: the period with its snapshot, the rows of the view, the
// organisations the viewer may see broken out, and table builders that apply the hiding rules.
import type { ChartHint, ReportCell, ReportColumn, ReportRow, ReportSubjectKind, ReportTable } from './model.ts';
import { protectCounts } from './privacy.ts';
import { monthOf } from './stats.ts';
import type { Thresholds } from './privacy.ts';
import type { Ms, OrganisationRow, ReferralEventRow, ReferralRow } from './rows.ts';
import type { SurveyRows } from './surveyRows.ts';

export interface Period {
  /** Start of the first day (UTC), inclusive. */
  from: Date;
  /** Start of the day after the last one (UTC), exclusive. */
  until: Date;
  /** Open trajectories are counted as open at this moment: the period's end, or now if earlier. */
  snapshot: Date;
  /** The same three moments in epoch milliseconds, as the rows have them. */
  fromMs: Ms;
  untilMs: Ms;
  snapshotMs: Ms;
  fromDay: string;
  toDay: string;
  /** Every month the period touches, "2026-01" … */
  months: string[];
  /** The calendar year when the period is exactly one (targets are per year). */
  wholeYear?: number;
}

export interface View {
  period: Period;
  t: Thresholds;
  referrals: ReferralRow[];
  events: ReadonlyMap<string, readonly ReferralEventRow[]>;
  /** The first waiting-list placement per referral id (from `events`), asked for many times per referral. */
  placed: ReadonlyMap<string, Ms>;
  /** Referrals per pupil (subjectKey) up to the period's end. */
  history: ReadonlyMap<string, number>;
  /** Organisations whose rows are shown one by one, in display order. */
  shownOrganisations: OrganisationRow[];
  /** All organisations in the view (their rows are summed in "Andere organisaties" when not shown). */
  organisations: OrganisationRow[];
  regions: Array<{ id: string; code: string; name: string }>;
  survey: SurveyRows | undefined;
  /** Free text per question, only when the view is one organisation the viewer belongs to. */
  freeText: ReadonlyMap<string, string[]> | undefined;
  type?: ReportSubjectKind;
}

export const OTHER_ORGANISATIONS = { key: 'other', label: 'Andere organisaties' };

export function inPeriod(d: Ms | null, p: Period): d is Ms {
  return d !== null && d >= p.fromMs && d < p.untilMs;
}

/** A referral is a trajectory once it started (see COUNTING.md). */
export function ranInPeriod(r: ReferralRow, p: Period): boolean {
  return r.startedAt !== null && r.startedAt < p.untilMs && (r.closedAt === null || r.closedAt >= p.fromMs);
}

export function openAt(r: ReferralRow, at: Ms): boolean {
  return r.startedAt !== null && r.startedAt <= at && (r.closedAt === null || r.closedAt > at);
}

// Several figures ask for the same cohort and its months: computed once per view (and per list).
const cohorts = new WeakMap<View, ReferralRow[]>();
const months = new WeakMap<readonly ReferralRow[], Map<string, ReferralRow[]>>();

/** Referrals submitted in the period: the cohort of the referral, decision and chain figures. */
export function submittedIn(v: View): ReferralRow[] {
  let cohort = cohorts.get(v);
  if (!cohort) {
    cohort = v.referrals.filter((r) => inPeriod(r.submittedAt, v.period));
    cohorts.set(v, cohort);
  }
  return cohort;
}

/** The rows of one month of submission ("2026-03"), from a list grouped once. */
export function submittedInMonth(rows: readonly ReferralRow[], month: string): ReferralRow[] {
  let groups = months.get(rows);
  if (!groups) {
    groups = new Map();
    for (const r of rows) {
      const key = monthOf(r.submittedAt);
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
    months.set(rows, groups);
  }
  return groups.get(month) ?? [];
}

/** The row key of a referral's organisation: its code, or "other" when not shown one by one. */
export function organisationKey(v: View, organisationId: string | null): string | undefined {
  if (organisationId === null) return undefined;
  const shown = v.shownOrganisations.find((o) => o.id === organisationId);
  return shown ? shown.code : OTHER_ORGANISATIONS.key;
}

/** The organisation rows of a per-organisation table: the shown ones, then "Andere" if any. */
export function organisationRows(v: View): Array<{ key: string; label: string }> {
  const rows = v.shownOrganisations.map((o) => ({ key: o.code, label: o.name }));
  if (v.organisations.length > v.shownOrganisations.length) rows.push(OTHER_ORGANISATIONS);
  return rows;
}

export interface CountTableSpec {
  id: string;
  title: string;
  chart: ChartHint;
  rows: ReadonlyArray<{ key: string; label: string }>;
  columns: ReadonlyArray<{ key: string; label: string }>;
  values: number[][];
  /** Adds a "Totaal" column (each row's sum). */
  rowTotals?: boolean;
  /** Adds a "Totaal" row (each column's sum). */
  columnTotals?: boolean;
  notes?: string[];
}

/** A table of counts with its totals, hidden complementarily. */
export function countTable(spec: CountTableSpec, t: Thresholds): ReportTable {
  const cells = protectCounts(spec.values, t, { rowTotals: spec.rowTotals ?? false, columnTotals: spec.columnTotals ?? false });
  const columns: ReportColumn[] = spec.columns.map((c) => ({ key: c.key, label: c.label, unit: 'count' }));
  if (spec.rowTotals) columns.push({ key: 'total', label: 'Totaal', unit: 'count' });
  const rows: ReportRow[] = spec.rows.map((r, i) => ({ key: r.key, label: r.label, cells: cells[i] ?? [] }));
  if (spec.columnTotals) rows.push({ key: 'total', label: 'Totaal', cells: cells[spec.rows.length] ?? [], total: true });
  return { id: spec.id, title: spec.title, columns, rows, chart: spec.chart, ...(spec.notes ? { notes: spec.notes } : {}) };
}

/** A table whose cells are already made (statistics next to counts). */
export function cellTable(spec: { id: string; title: string; chart: ChartHint; columns: ReportColumn[]; rows: Array<{ key: string; label: string; cells: ReportCell[]; total?: boolean }>; notes?: string[] }): ReportTable {
  return { id: spec.id, title: spec.title, columns: spec.columns, rows: spec.rows.map((r) => ({ key: r.key, label: r.label, cells: r.cells, ...(r.total ? { total: true } : {}) })), chart: spec.chart, ...(spec.notes ? { notes: spec.notes } : {}) };
}

/** Counts per key, in the order of `keys`. */
export function tally<T>(items: readonly T[], keyOf: (item: T) => string | undefined, keys: readonly string[]): number[] {
  const counts = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const item of items) {
    const k = keyOf(item);
    if (k !== undefined && counts.has(k)) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return keys.map((k) => counts.get(k) ?? 0);
}

// 3. Time to decision (working days, per month and region, share within two working days) and
// 4. Decisions: taken up per organisation, the waiting list, niet opgenomen by reason and by what
// happened instead, per region.
import type { Figure, ReportCell, ReportColumn } from '../model.ts';
import { cellTable, countTable, organisationKey, organisationRows, submittedIn, submittedInMonth, tally } from '../context.ts';
import type { View } from '../context.ts';
import { countCell, percentCell, statCell } from '../privacy.ts';
import { monthLabel } from '../format.ts';
import { daysBetween, mean, median, percentile } from '../stats.ts';
import { workingDaysBetween } from '../workdays.ts';
import { DECLINE_LABEL, DECLINE_REASONS } from '../../dispatch/reasons.ts';
import type { Ms, ReferralRow } from '../rows.ts';

export function waitingListAt(v: View, r: ReferralRow): Ms | undefined {
  return v.placed.get(r.id);
}

/** The first dispatch decision: a waiting-list place, or else the (last) decision. */
export function firstDecisionAt(v: View, r: ReferralRow): Ms | null {
  if (r.status === 'WITHDRAWN') return null;
  return waitingListAt(v, r) ?? r.decidedAt;
}

/** On the waiting list at a moment: placed on it before, and not yet taken up, declined or withdrawn. */
export function onWaitingListAt(v: View, r: ReferralRow, at: Ms): boolean {
  const placed = waitingListAt(v, r);
  if (placed === undefined || placed > at) return false;
  if (r.status === 'WAITING_LIST') return true;
  // Leaving the list (take-up, decline, withdrawal) sets decidedAt again, after the placement.
  return r.decidedAt !== null && r.decidedAt > placed && r.decidedAt > at;
}

const TAKEN_UP = new Set(['TAKEN_UP', 'INTAKE', 'RUNNING', 'CLOSED', 'STOPPED_EARLY']);

function decisionRow(key: string, label: string, rows: ReferralRow[], v: View, total?: boolean): { key: string; label: string; cells: ReportCell[]; total?: boolean } {
  const days: number[] = [];
  for (const r of rows) {
    const at = firstDecisionAt(v, r);
    if (at !== null && at <= v.period.snapshotMs) days.push(workingDaysBetween(r.submittedAt, at));
  }
  const withinTwo = days.filter((d) => d <= 2).length;
  return {
    key,
    label,
    cells: [countCell(days.length, v.t), statCell(median(days), days.length, 'workdays', v.t), statCell(percentile(days, 0.9), days.length, 'workdays', v.t), percentCell(withinTwo, days.length, v.t)],
    ...(total ? { total: true } : {}),
  };
}

const DECISION_COLUMNS: ReportColumn[] = [
  { key: 'n', label: 'Beslist', unit: 'count' },
  { key: 'median', label: 'Mediaan (werkdagen)', unit: 'workdays' },
  { key: 'p90', label: 'P90 (werkdagen)', unit: 'workdays' },
  { key: 'withinTwo', label: 'Binnen 2 werkdagen', unit: 'percent' },
];

export function decisionTimeFigure(v: View): Figure<'decisionTime'> {
  const cohort = submittedIn(v).filter((r) => r.status !== 'WITHDRAWN');
  const perMonth = cellTable({
    id: 'decisionTime.perMonth',
    title: 'Tijd tot beslissing per maand van aanmelding',
    chart: 'bars',
    columns: DECISION_COLUMNS,
    rows: [...v.period.months.map((m) => decisionRow(m, monthLabel(m), submittedInMonth(cohort, m), v)), decisionRow('total', 'Hele periode', cohort, v, true)],
  });
  const perRegion = cellTable({
    id: 'decisionTime.perRegion',
    title: 'Tijd tot beslissing per regio',
    chart: 'hbars',
    columns: DECISION_COLUMNS,
    rows: v.regions.map((g) => decisionRow(g.code, g.name, cohort.filter((r) => r.regionId === g.id), v)),
  });
  const undecided = cohort.filter((r) => {
    const at = firstDecisionAt(v, r);
    return at === null || at > v.period.snapshotMs;
  }).length;
  return {
    id: 'decisionTime',
    title: '3. Tijd tot beslissing',
    available: true,
    notes: [
      'Werkdagen van aanmelding tot de eerste beslissing van de dispatch (opgenomen, wachtlijst of niet opgenomen): maandag tot vrijdag, zonder de Belgische wettelijke feestdagen.',
      `Nog niet beslist op de peildatum: ${countCell(undecided, v.t).shown}.`,
    ],
    tables: [perMonth, perRegion],
  };
}

/** Free text of "what happened instead", normalised so the same words count together. */
export function normaliseInstead(text: string | null): string | undefined {
  if (text === null) return undefined;
  const t = text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase().replace(/[.!]+$/, '');
  return t.length === 0 ? undefined : t.slice(0, 80);
}

export function decisionsFigure(v: View): Figure<'decisions'> {
  const cohort = submittedIn(v);
  const orgRows = organisationRows(v);
  const orgKeys = orgRows.map((o) => o.key);
  const takenUp = cohort.filter((r) => TAKEN_UP.has(r.status));
  const waitedFirst = takenUp.filter((r) => waitingListAt(v, r) !== undefined);
  const perOrganisation = countTable(
    {
      id: 'decisions.perOrganisation',
      title: 'Opgenomen per organisatie',
      chart: 'hbars',
      rows: orgRows,
      columns: [
        { key: 'takenUp', label: 'Opgenomen' },
        { key: 'viaWaitingList', label: 'Waarvan eerst op de wachtlijst' },
      ],
      values: orgKeys.map((k) => [takenUp.filter((r) => organisationKey(v, r.organisationId) === k).length, waitedFirst.filter((r) => organisationKey(v, r.organisationId) === k).length]),
      columnTotals: true,
    },
    v.t,
  );

  // The waiting list at the snapshot: everyone on it then, whenever they were referred.
  const waiting = v.referrals.filter((r) => onWaitingListAt(v, r, v.period.snapshotMs));
  const waitedDays = (rows: ReferralRow[]) => rows.map((r) => daysBetween(waitingListAt(v, r) ?? r.decidedAt ?? r.submittedAt, v.period.snapshotMs));
  const waitingRows = orgRows.map((o) => {
    const rows = waiting.filter((r) => organisationKey(v, r.organisationId) === o.key);
    const d = waitedDays(rows);
    return { key: o.key, label: o.label, cells: [countCell(rows.length, v.t), statCell(median(d), d.length, 'days', v.t), statCell(mean(d), d.length, 'days', v.t)] };
  });
  const allDays = waitedDays(waiting);
  const waitingList = cellTable({
    id: 'decisions.waitingList',
    title: 'Wachtlijst op de peildatum',
    chart: 'hbars',
    columns: [
      { key: 'n', label: 'Op de wachtlijst', unit: 'count' },
      { key: 'median', label: 'Mediaan dagen gewacht', unit: 'days' },
      { key: 'mean', label: 'Gemiddeld dagen gewacht', unit: 'days' },
    ],
    rows: [...waitingRows, { key: 'total', label: 'Totaal', cells: [countCell(waiting.length, v.t), statCell(median(allDays), allDays.length, 'days', v.t), statCell(mean(allDays), allDays.length, 'days', v.t)], total: true }],
    notes: ['Gewacht: dagen van de plaats op de wachtlijst tot de peildatum.'],
  });

  const declined = cohort.filter((r) => r.status === 'DECLINED');
  const regionKeys = v.regions.map((g) => g.id);
  const byReason = countTable(
    {
      id: 'decisions.declinedByReason',
      title: 'Niet opgenomen per reden en regio',
      chart: 'hbars',
      rows: DECLINE_REASONS.map((d) => ({ key: d, label: DECLINE_LABEL[d] })),
      columns: v.regions.map((g) => ({ key: g.code, label: g.name })),
      values: DECLINE_REASONS.map((reason) => tally(declined.filter((r) => r.declineReason === reason), (r) => r.regionId, regionKeys)),
      rowTotals: v.regions.length > 1,
      columnTotals: true,
    },
    v.t,
  );

  // What happened instead is free text: a wording is shown only when at least minCount
  // referrals share it, so no single case can be read from its label.
  const texts = declined.map((r) => normaliseInstead(r.declineInstead));
  const frequency = new Map<string, number>();
  for (const t of texts) if (t !== undefined) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const common = [...frequency.entries()].filter(([, n]) => n >= v.t.minCount).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rare = [...frequency.values()].filter((n) => n < v.t.minCount).reduce((a, b) => a + b, 0);
  const empty = texts.filter((t) => t === undefined).length;
  const instead = countTable(
    {
      id: 'decisions.declinedInstead',
      title: 'Niet opgenomen: wat gebeurde er in de plaats',
      chart: 'hbars',
      rows: [...common.map(([text], i) => ({ key: `t${i}`, label: text })), { key: 'rare', label: `Andere antwoorden (elk minder dan ${v.t.minCount} keer)` }, { key: 'empty', label: 'Niet ingevuld' }],
      columns: [{ key: 'n', label: 'Niet opgenomen' }],
      values: [...common.map(([, n]) => [n]), [rare], [empty]],
      columnTotals: true,
    },
    v.t,
  );
  return { id: 'decisions', title: '4. Beslissingen', available: true, notes: ['Geteld: de aanmeldingen van de periode, met hun beslissing op de peildatum.'], tables: [perOrganisation, waitingList, byReason, instead] };
}

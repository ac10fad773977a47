// 1. Trajectories against the target (streefcijfer), per organisation, with the region's total.
import type { Figure, ReportCell, ReportColumn } from '../model.ts';
import { cellTable, organisationKey, organisationRows, ranInPeriod, inPeriod, tally } from '../context.ts';
import type { View } from '../context.ts';
import { HIDDEN_TEXT, protectCounts } from '../privacy.ts';
import { formatCount, formatPercent } from '../format.ts';

function targetCell(target: number | undefined): ReportCell {
  return target === undefined ? { shown: '–', hidden: true, reason: 'empty', unit: 'count' } : { shown: formatCount(target), value: target, hidden: false, unit: 'count' };
}

/** Count against target: hidden whenever the count is, since the share would give it back. */
function shareCell(count: ReportCell, target: number | undefined): ReportCell {
  if (target === undefined || target === 0) return { shown: '–', hidden: true, reason: 'empty', unit: 'percent' };
  if (count.hidden || count.value === undefined) return { shown: HIDDEN_TEXT, hidden: true, reason: 'complementary', unit: 'percent' };
  return { shown: formatPercent(count.value / target), value: count.value / target, hidden: false, unit: 'percent' };
}

export function targetsFigure(v: View): Figure<'targets'> {
  const rows = organisationRows(v);
  const keys = rows.map((r) => r.key);
  const trajectories = v.referrals.filter((r) => ranInPeriod(r, v.period));
  const ran = tally(trajectories, (r) => organisationKey(v, r.organisationId), keys);
  const started = tally(trajectories.filter((r) => inPeriod(r.startedAt, v.period)), (r) => organisationKey(v, r.organisationId), keys);
  const cells = protectCounts(keys.map((_, i) => [ran[i] ?? 0, started[i] ?? 0]), v.t, { rowTotals: false, columnTotals: true });
  const year = v.period.wholeYear;
  const targetOf = (key: string): number | undefined => {
    if (year === undefined) return undefined;
    const orgs = key === 'other' ? v.organisations.filter((o) => !v.shownOrganisations.includes(o)) : v.organisations.filter((o) => o.code === key);
    const values = orgs.map((o) => o.targets.get(year));
    return values.some((x) => x === undefined) || values.length === 0 ? undefined : values.reduce<number>((a, b) => a + (b ?? 0), 0);
  };
  const targets = keys.map(targetOf);
  const totalTarget = targets.some((x) => x === undefined) ? undefined : targets.reduce<number>((a, b) => a + (b ?? 0), 0);
  const columns: ReportColumn[] = [
    { key: 'ran', label: 'Trajecten gelopen', unit: 'count' },
    { key: 'started', label: 'Waarvan gestart in de periode', unit: 'count' },
    { key: 'target', label: 'Streefcijfer', unit: 'count' },
    { key: 'share', label: 'Van het streefcijfer', unit: 'percent' },
  ];
  const tableRows: Array<{ key: string; label: string; cells: ReportCell[]; total?: boolean }> = rows.map((r, i) => {
    const [ranCell, startedCell] = cells[i] ?? [];
    const c = ranCell ?? targetCell(undefined);
    return { key: r.key, label: r.label, cells: [c, startedCell ?? targetCell(undefined), targetCell(targets[i]), shareCell(c, targets[i])] };
  });
  const [totalRan, totalStarted] = cells[rows.length] ?? [];
  const totalRanCell = totalRan ?? targetCell(undefined);
  tableRows.push({ key: 'total', label: 'Totaal', cells: [totalRanCell, totalStarted ?? targetCell(undefined), targetCell(totalTarget), shareCell(totalRanCell, totalTarget)], total: true });
  const notes = year === undefined ? ['Het streefcijfer geldt per kalenderjaar: kies een volledig jaar om het te vergelijken.'] : targets.some((x) => x === undefined) ? [`Niet voor elke organisatie is een streefcijfer voor ${year} ingesteld.`] : [];
  return {
    id: 'targets',
    title: '1. Trajecten tegenover het streefcijfer',
    available: true,
    notes,
    tables: [cellTable({ id: 'targets.perOrganisation', title: 'Trajecten per organisatie', chart: 'hbars', columns, rows: tableRows })],
  };
}

// 7. Afronding: completed vs stopped early (with the reasons), goal attainment (share in the top
// two of four levels), evaluations on time (every two months) vs late.
import type { Figure } from '../model.ts';
import { cellTable, countTable, inPeriod, openAt, ranInPeriod, tally } from '../context.ts';
import type { View } from '../context.ts';
import { countCell, hideComplementary, percentCell, protectCounts, shareCell } from '../privacy.ts';
import { daysBetween } from '../stats.ts';
import { GOAL_ATTAINMENT, GOAL_LABEL, STOP_LABEL, STOP_REASONS } from '../../dispatch/reasons.ts';
import type { ReferralRow } from '../rows.ts';

/** An evaluation is on time when it comes at most this many days after the start or the last one. */
export const EVALUATION_ON_TIME_DAYS = 62;

export interface EvaluationCount {
  onTime: number;
  late: number;
  /** Open trajectories whose next evaluation is overdue at the snapshot. */
  overdue: number;
}

export function countEvaluations(v: View, rows: readonly ReferralRow[]): EvaluationCount {
  const out: EvaluationCount = { onTime: 0, late: 0, overdue: 0 };
  for (const r of rows) {
    if (r.startedAt === null) continue;
    let previous = r.startedAt;
    for (const e of v.events.get(r.id) ?? []) {
      if (e.type !== 'EVALUATED' || e.at < r.startedAt || e.at > v.period.snapshotMs) continue;
      if (inPeriod(e.at, v.period)) {
        if (daysBetween(previous, e.at) <= EVALUATION_ON_TIME_DAYS) out.onTime++;
        else out.late++;
      }
      previous = e.at;
    }
    if (openAt(r, v.period.snapshotMs) && daysBetween(previous, v.period.snapshotMs) > EVALUATION_ON_TIME_DAYS) out.overdue++;
  }
  return out;
}

export function closingFigure(v: View): Figure<'closing'> {
  const closed = v.referrals.filter((r) => (r.status === 'CLOSED' || r.status === 'STOPPED_EARLY') && inPeriod(r.closedAt, v.period) && r.closedAt !== null && r.closedAt <= v.period.snapshotMs);
  const completed = closed.filter((r) => r.status === 'CLOSED').length;
  const stopped = closed.length - completed;
  const counts = protectCounts([[completed], [stopped]], v.t, { rowTotals: false, columnTotals: true });
  const zero = countCell(0, v.t);
  const outcome = cellTable({
    id: 'closing.outcome',
    title: 'Afgerond of voortijdig gestopt',
    chart: 'bars',
    columns: [
      { key: 'n', label: 'Trajecten', unit: 'count' },
      { key: 'share', label: 'Aandeel', unit: 'percent' },
    ],
    rows: [
      { key: 'completed', label: 'Afgerond', cells: [counts[0]?.[0] ?? zero, shareCell(counts[0]?.[0] ?? zero, completed, closed.length, v.t)] },
      { key: 'stopped', label: 'Voortijdig gestopt', cells: [counts[1]?.[0] ?? zero, shareCell(counts[1]?.[0] ?? zero, stopped, closed.length, v.t)] },
      { key: 'total', label: 'Totaal', cells: [counts[2]?.[0] ?? zero, percentCell(closed.length, closed.length, v.t)], total: true },
    ],
  });
  const stoppedRows = closed.filter((r) => r.status === 'STOPPED_EARLY');
  const reasons = countTable(
    {
      id: 'closing.stopReasons',
      title: 'Redenen van voortijdig stoppen',
      chart: 'hbars',
      rows: [...STOP_REASONS.map((s) => ({ key: s, label: STOP_LABEL[s] })), { key: 'UNKNOWN', label: 'Niet ingevuld' }],
      columns: [{ key: 'n', label: 'Trajecten' }],
      values: tally(stoppedRows, (r) => r.stopReason ?? 'UNKNOWN', [...STOP_REASONS, 'UNKNOWN']).map((n) => [n]),
      columnTotals: true,
    },
    v.t,
  );
  const withGoal = closed.filter((r) => r.goalAttainment !== null);
  const goalCounts = tally(withGoal, (r) => String(r.goalAttainment), GOAL_ATTAINMENT.map(String));
  const goalCells = protectCounts(goalCounts.map((n) => [n]), v.t, { rowTotals: false, columnTotals: true });
  // The top two's sum would give back a hidden level 3 or 4 next to a shown one.
  const topHidden = [2, 3].some((i) => goalCells[i]?.[0]?.hidden && (goalCounts[i] ?? 0) > 0);
  const top = withGoal.filter((r) => (r.goalAttainment ?? 0) >= 3).length;
  const goals = cellTable({
    id: 'closing.goals',
    title: 'Doelen bereikt',
    chart: 'bars',
    columns: [
      { key: 'n', label: 'Trajecten', unit: 'count' },
      { key: 'share', label: 'Aandeel', unit: 'percent' },
    ],
    rows: [
      ...GOAL_ATTAINMENT.map((g, i) => ({ key: String(g), label: GOAL_LABEL[g], cells: [goalCells[i]?.[0] ?? zero, shareCell(goalCells[i]?.[0] ?? zero, goalCounts[i] ?? 0, withGoal.length, v.t)] })),
      { key: 'top2', label: 'Grotendeels of volledig bereikt', cells: topHidden ? [hideComplementary(countCell(top, v.t), v.t), hideComplementary(percentCell(top, withGoal.length, v.t), v.t)] : [countCell(top, v.t), percentCell(top, withGoal.length, v.t)] },
      { key: 'total', label: 'Totaal', cells: [goalCells[GOAL_ATTAINMENT.length]?.[0] ?? zero, percentCell(withGoal.length, withGoal.length, v.t)], total: true },
    ],
  });
  const evaluations = countEvaluations(v, v.referrals.filter((r) => ranInPeriod(r, v.period)));
  const evaluationTable = countTable(
    {
      id: 'closing.evaluations',
      title: 'Evaluaties op tijd (om de twee maanden)',
      chart: 'bars',
      rows: [
        { key: 'onTime', label: 'Op tijd' },
        { key: 'late', label: 'Te laat' },
        { key: 'overdue', label: 'Nog niet gebeurd en over tijd (peildatum)' },
      ],
      columns: [{ key: 'n', label: 'Evaluaties' }],
      values: [[evaluations.onTime], [evaluations.late], [evaluations.overdue]],
      columnTotals: true,
      notes: [`Op tijd: ten laatste ${EVALUATION_ON_TIME_DAYS} dagen na de start of de vorige evaluatie.`],
    },
    v.t,
  );
  return { id: 'closing', title: '7. Afronding', available: true, notes: ['Geteld: de trajecten afgesloten in de periode.'], tables: [outcome, reasons, goals, evaluationTable] };
}

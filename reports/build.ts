// Builds a report for a viewer: scope, rows (few queries), the eight figures, the key figures,
// and the filter-difference protection (reports/privacy.ts) against the views without the
// organisation or type filter.
import type { DbClient } from '../db/open.ts';
import type { Figure, FigureId, KeyFigures, OwnReferralStatus, Report, ReportCell, ReportFilter, ReportResult, ReportScope, ReportTable, ReportViewer } from './model.ts';
import type { Period, View } from './context.ts';
import { loadEvents, loadOrganisations, loadReferralCounts, loadReferrals } from './rows.ts';
import type { OrganisationRow, ReferralEventRow, ReferralRow } from './rows.ts';
import { loadFreeText, loadSurvey } from './surveyRows.ts';
import type { SurveyRows } from './surveyRows.ts';
import { protectAgainstParent, thresholds } from './privacy.ts';
import type { Thresholds } from './privacy.ts';
import { checkFilter, refusal, reportScopeFor } from './scope.ts';
import { dayLabel } from './format.ts';
import { dayOf } from './stats.ts';
import { targetsFigure } from './figures/targets.ts';
import { KIND_LABEL, referralsFigure } from './figures/referrals.ts';
import { decisionsFigure, decisionTimeFigure } from './figures/decisions.ts';
import { durationFigure, waitingChainFigure } from './figures/chain.ts';
import { closingFigure } from './figures/closing.ts';
import { surveyFigure } from './figures/survey.ts';
import { TRAJECTORY_TYPE } from '../dispatch/close.ts';
import { STATUS_LABEL } from '../referrals/status.ts';

export function periodOf(filter: ReportFilter, now: Date): Period {
  const from = new Date(`${filter.from}T00:00:00Z`);
  const until = new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000);
  const months: string[] = [];
  for (let y = from.getUTCFullYear(), m = from.getUTCMonth(); Date.UTC(y, m, 1) < until.getTime(); m === 11 ? ((m = 0), y++) : m++) months.push(`${y}-${String(m + 1).padStart(2, '0')}`);
  const wholeYear = filter.from.endsWith('-01-01') && filter.to === `${filter.from.slice(0, 4)}-12-31` ? Number(filter.from.slice(0, 4)) : undefined;
  const snapshot = now < until ? now : new Date(until.getTime() - 1);
  return { from, until, snapshot, fromMs: from.getTime(), untilMs: until.getTime(), snapshotMs: snapshot.getTime(), fromDay: filter.from, toDay: filter.to, months, ...(wholeYear ? { wholeYear } : {}) };
}

interface Loaded {
  period: Period;
  t: Thresholds;
  referrals: ReferralRow[];
  events: Map<string, ReferralEventRow[]>;
  placed: Map<string, number>;
  history: Map<string, number>;
  organisations: OrganisationRow[];
  regions: Array<{ id: string; code: string; name: string }>;
  survey: SurveyRows | undefined;
}

type ViewFilter = Pick<ReportFilter, 'region' | 'organisation' | 'type'>;

function viewOf(l: Loaded, scope: ReportScope, f: ViewFilter, freeText?: Map<string, string[]>): View {
  const inRegion = l.organisations.filter((o) => !f.region || o.regionCode === f.region);
  const regions = f.region ? l.regions.filter((g) => g.code === f.region) : l.regions;
  const regionIds = new Set(regions.map((g) => g.id));
  const organisations = f.organisation ? inRegion.filter((o) => o.code === f.organisation) : inRegion;
  const orgIds = new Set(organisations.map((o) => o.id));
  const referrals = l.referrals.filter((r) => regionIds.has(r.regionId) && (!f.type || r.subjectKind === f.type) && (!f.organisation || (r.organisationId !== null && orgIds.has(r.organisationId))));
  const own = scope.kind === 'organisation' ? organisations.filter((o) => scope.organisations.includes(o.code)) : organisations;
  const trajectoryType = f.type ? TRAJECTORY_TYPE[f.type] : undefined;
  // The survey's rows by organisation: those of the view's region(s) (the organisation filter itself is applied by the survey figure).
  const regionOrgIds = new Set(inRegion.map((o) => o.id));
  const byType = <T extends { trajectoryType: string; organisationId: string }>(rows: T[]) => rows.filter((r) => regionOrgIds.has(r.organisationId) && (!trajectoryType || r.trajectoryType === trajectoryType));
  const survey = l.survey && { invitations: byType(l.survey.invitations), answers: byType(l.survey.answers), values: byType(l.survey.values), held: byType(l.survey.held) };
  return { period: l.period, t: l.t, referrals, events: l.events, placed: l.placed, history: l.history, organisations, shownOrganisations: own, regions, survey, freeText, ...(f.type ? { type: f.type } : {}) };
}

function figuresOf(v: View, scope: ReportScope): Report['figures'] {
  const targets = targetsFigure(v);
  return {
    targets: scope.kind === 'clb' ? { ...targets, available: false, tables: [], notes: ['Het streefcijfer hoort bij een partnerorganisatie: het staat niet in het CLB-rapport.'] } : targets,
    referrals: referralsFigure(v),
    decisionTime: decisionTimeFigure(v),
    decisions: decisionsFigure(v),
    waitingChain: waitingChainFigure(v),
    duration: durationFigure(v),
    closing: closingFigure(v),
    survey: surveyFigure(v),
  };
}

/** Every table of a report, in the order of a quality report. */
export function reportTables(report: Report): ReportTable[] {
  return (Object.values(report.figures) as Figure<FigureId>[]).flatMap((f) => f.tables);
}

/** Hides each count of the filtered report whose parent view differs from it by a small number. */
function protectFromParent(report: Report['figures'], parent: Report['figures'], t: Thresholds): void {
  const parentTables = new Map((Object.values(parent) as Figure<FigureId>[]).flatMap((f) => f.tables).map((tb) => [tb.id, tb]));
  for (const figure of Object.values(report) as Figure<FigureId>[]) {
    for (const table of figure.tables) {
      const other = parentTables.get(table.id);
      if (!other) continue;
      for (const row of table.rows) {
        const twin = other.rows.find((r) => r.key === row.key);
        if (!twin) continue;
        row.cells = row.cells.map((cell, i) => {
          const p = twin.cells[i];
          if (cell.unit !== 'count' || cell.value === undefined || !p || p.unit !== 'count') return cell;
          // A hidden parent cell is only known to lie below minCount: no exact difference is given.
          return protectAgainstParent(cell, cell.value, p.value, t);
        });
      }
    }
  }
}

function cellAt(figures: Report['figures'], tableId: string, rowKey: string, column: number | 'last'): ReportCell {
  const table = (Object.values(figures) as Figure<FigureId>[]).flatMap((f) => f.tables).find((t) => t.id === tableId);
  const row = table?.rows.find((r) => r.key === rowKey);
  const cell = column === 'last' ? row?.cells[row.cells.length - 1] : row?.cells[column];
  return cell ?? { shown: '–', hidden: true, reason: 'empty', unit: 'count' };
}

function keyFigures(figures: Report['figures']): KeyFigures {
  return {
    referrals: cellAt(figures, 'referrals.perMonth', 'total', 'last'),
    decisionWorkdaysMedian: cellAt(figures, 'decisionTime.perMonth', 'total', 1),
    decidedWithinTwo: cellAt(figures, 'decisionTime.perMonth', 'total', 3),
    startDaysMedian: cellAt(figures, 'waitingChain.steps', 'total', 1),
    declined: cellAt(figures, 'decisions.declinedByReason', 'total', 'last'),
    responseRate: figures.survey.responseRate,
  };
}

function describe(filter: ReportFilter, organisations: OrganisationRow[], regions: Loaded['regions']): string {
  const parts = [`${dayLabel(filter.from)} – ${dayLabel(filter.to)}`];
  if (filter.region) parts.push(`regio ${regions.find((r) => r.code === filter.region)?.name ?? filter.region}`);
  if (filter.organisation) parts.push(`organisatie ${organisations.find((o) => o.code === filter.organisation)?.name ?? filter.organisation}`);
  if (filter.type) parts.push(`type ${KIND_LABEL[filter.type].toLowerCase()}`);
  return parts.join(' · ');
}

export interface BuildOptions {
  now?: Date;
}

export async function buildReport(prisma: DbClient, viewer: ReportViewer, filter: ReportFilter, privacy: Thresholds, opts: BuildOptions = {}): Promise<ReportResult> {
  const now = opts.now ?? new Date();
  const t = thresholds(privacy);
  const scope = await reportScopeFor(prisma, viewer.personId);
  if ('refused' in scope) return scope;
  const allOrganisations = await loadOrganisations(prisma);
  const outside = checkFilter(scope, filter, (code) => allOrganisations.find((o) => o.code === code)?.regionCode);
  if (outside) return outside;
  // Loaded for the viewer's regions even when one is asked for: the view without the region filter
  // is needed to protect the filtered one against their difference.
  const regionCodes = scope.kind === 'organisation' ? scope.regions : [...new Set(allOrganisations.map((o) => o.regionCode))];
  if (filter.organisation && !allOrganisations.some((o) => o.code === filter.organisation)) return refusal('outside-scope');
  const organisations = allOrganisations.filter((o) => regionCodes.includes(o.regionCode));
  const regions = [...new Map(organisations.map((o) => [o.regionId, { id: o.regionId, code: o.regionCode, name: o.regionName }])).values()].sort((a, b) => a.name.localeCompare(b.name));
  const regionIds = regions.map((r) => r.id);
  const period = periodOf(filter, now);
  const rowQuery = { from: period.from, until: period.until, regionIds, ...(scope.kind === 'clb' ? { clbId: scope.clbId } : {}) };
  const months = { fromMonth: period.months[0] ?? filter.from.slice(0, 7), toMonth: period.months[period.months.length - 1] ?? filter.to.slice(0, 7), regionIds };
  // Free text: only for one organisation of the viewer's own, asked for by name.
  const ownOrganisation = scope.kind === 'organisation' && filter.organisation && scope.organisations.includes(filter.organisation) ? organisations.find((o) => o.code === filter.organisation) : undefined;
  // Every query selects its own rows (none waits for another's answer), so they run side by side.
  const [referrals, eventRows, history, survey, freeText] = await Promise.all([
    loadReferrals(prisma, rowQuery),
    loadEvents(prisma, rowQuery),
    loadReferralCounts(prisma, rowQuery, period),
    scope.kind === 'organisation' ? loadSurvey(prisma, months) : Promise.resolve(undefined),
    ownOrganisation ? loadFreeText(prisma, { ...months, ...(filter.type ? { trajectoryType: TRAJECTORY_TYPE[filter.type] } : {}) }, ownOrganisation.id) : Promise.resolve(undefined),
  ]);
  const events = new Map<string, ReferralEventRow[]>();
  const placed = new Map<string, number>();
  for (const e of eventRows) {
    const list = events.get(e.referralId);
    if (list) list.push(e);
    else events.set(e.referralId, [e]);
    if (e.type === 'WAITING_LIST' && !placed.has(e.referralId)) placed.set(e.referralId, e.at);
  }
  const loaded: Loaded = { period, t, referrals, events, placed, history, organisations, regions, survey };


  const figures = figuresOf(viewOf(loaded, scope, filter, freeText), scope);
  // Each filter left out in turn: the view without it must not give away the filtered one's small rest.
  const parents: ViewFilter[] = [];
  const without = (key: keyof ViewFilter): ViewFilter => Object.fromEntries(Object.entries({ region: filter.region, organisation: filter.organisation, type: filter.type }).filter(([k, v]) => k !== key && v !== undefined));
  for (const key of ['region', 'organisation', 'type'] as const) if (filter[key]) parents.push(without(key));
  for (const p of parents) protectFromParent(figures, figuresOf(viewOf(loaded, scope, p), scope), t);

  const ownReferrals: OwnReferralStatus[] | undefined =
    scope.kind === 'clb'
      ? referrals
          .filter((r) => r.referrerId === scope.personId && r.submittedAt >= period.fromMs)
          .sort((a, b) => b.submittedAt - a.submittedAt)
          .map((r) => ({ reference: r.reference ?? '', subjectKind: r.subjectKind, status: STATUS_LABEL[r.status], submittedOn: dayOf(r.submittedAt), ...(r.organisationId ? { organisation: organisations.find((o) => o.id === r.organisationId)?.name ?? '' } : {}) }))
      : undefined;
  const shownNames = scope.kind === 'organisation' ? organisations.filter((o) => scope.organisations.includes(o.code)).map((o) => o.name) : [];
  const scopeNote =
    scope.kind === 'clb'
      ? `Cijfers van de aanmeldingen van ${scope.clbName}; daaronder de stand van je eigen aanmeldingen.`
      : `Cijfers van ${shownNames.join(' en ') || 'je organisatie'}; van de andere organisaties in je regio zie je enkel totalen.`;
  const report: Report = {
    meta: { snapshotAt: period.snapshot.toISOString(), filter, description: describe(filter, organisations, regions), thresholds: t, scopeNote },
    key: keyFigures(figures),
    figures,
    ...(ownReferrals ? { ownReferrals } : {}),
  };
  return { refused: false, report };
}

// The tab's pages and fragments as HTML: a report from reports/ turned into what the templates
// print (tab/templates.ts). Every number is printed as the report's cell says (`shown`), hidden
// cells included ("< 5"): nothing here computes or rounds a figure.
import type { Figure, KeyFigures, OwnReferralStatus, Report, ReportCell, ReportTable } from '../reports/model.ts';
import { FIGURE_IDS, TYPE_PARAM } from '../reports/model.ts';
import { reportQueryString } from '../reports/filter.ts';
import { CHART_WIDTH, chartFor } from './charts.ts';
import type { Chart } from './charts.ts';
import { T } from './texts.ts';
import { renderTab } from './templates.ts';

export interface Choice {
  value: string;
  label: string;
}

export interface ReportContext {
  /** The page the filters and links point to (/rapport). */
  reportPath: string;
  annexPath: string;
  /** The filter as given in the URL (Dutch keys). */
  params: URLSearchParams;
  /** Local mode's demo person, kept in every form and link. */
  devPerson?: string;
  regions: readonly Choice[];
  organisations: readonly Choice[];
}

interface CellView {
  shown: string;
  cls: string;
}
interface TableView {
  id: string;
  title: string;
  columns: { label: string; num: boolean }[];
  rows: { label: string; total: boolean; cells: CellView[] }[];
  notes: readonly string[];
  chart?: Chart;
  width: number;
  label: string;
  /** The heading right above already names the table: no caption repeating it. */
  headed?: boolean;
}

const cellView = (cell: ReportCell): CellView => ({ shown: cell.shown, cls: `${cell.unit === 'text' ? '' : 'num'}${cell.hidden ? ' hid' : ''}`.trim() });

/** A table id as an HTML id: letters, digits and dashes only. */
const anchor = (id: string) => `t-${id.replace(/[^A-Za-z0-9-]+/g, '-')}`;

function tableView(table: ReportTable, withChart: boolean): TableView {
  const chart = withChart ? chartFor(table) : undefined;
  return {
    id: anchor(table.id),
    title: table.title,
    // The first column is the rows' label (a th per row), so the header starts with its label.
    columns: [{ label: '', num: false }, ...table.columns.map((c) => ({ label: c.label, num: c.unit !== 'text' }))],
    rows: table.rows.map((r) => ({ label: r.label, total: r.total === true, cells: r.cells.map(cellView) })),
    notes: table.notes ?? [],
    ...(chart ? { chart } : {}),
    width: CHART_WIDTH,
    label: T.chartLabel(table.title),
  };
}

export function formatSnapshot(iso: string): string {
  return new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

function metaView(report: Report) {
  return {
    description: report.meta.description,
    snapshot: T.snapshot(formatSnapshot(report.meta.snapshotAt)),
    scopeNote: report.meta.scopeNote,
    hiding: T.hiding(report.meta.thresholds.minCount, report.meta.thresholds.minN),
  };
}

const keysOf = (key: KeyFigures) => (Object.keys(T.keys) as (keyof KeyFigures)[]).map((k) => ({ label: T.keys[k], shown: key[k].shown, hidden: key[k].hidden }));

function figuresOf(report: Report, withCharts: boolean) {
  return FIGURE_IDS.map((id) => {
    const figure: Figure = report.figures[id];
    const tables = figure.available ? figure.tables.map((t) => tableView(t, withCharts)) : [];
    const notes = figure.available ? figure.notes : [...figure.notes, T.notAvailable];
    const survey =
      id === 'survey' && figure.available
        ? {
            keys: [
              { label: T.survey.invitations, shown: report.figures.survey.invitations.shown },
              { label: T.survey.answers, shown: report.figures.survey.answers.shown },
              { label: T.survey.responseRate, shown: report.figures.survey.responseRate.shown },
            ],
            held: report.figures.survey.held > 0 ? T.survey.held(report.figures.survey.held) : '',
            freeText: report.figures.survey.freeText.map((b) => ({ label: b.label, note: b.note ?? '', texts: b.hidden ? [] : b.texts })),
          }
        : undefined;
    return { anchor: `fig-${id}`, title: figure.title, notes, tables, survey };
  });
}

function ownReferralsTable(rows: readonly OwnReferralStatus[]): TableView {
  const t = T.ownReferrals;
  const text = (s: string): CellView => ({ shown: s, cls: '' });
  return {
    id: 't-own',
    title: t.title,
    columns: [{ label: t.reference, num: false }, ...[t.type, t.status, t.submitted, t.organisation].map((label) => ({ label, num: false }))],
    rows: rows.map((r) => ({ label: r.reference, total: false, cells: [text(T.kinds[r.subjectKind]), text(r.status), text(r.submittedOn), text(r.organisation ?? '–')] })),
    notes: [],
    width: CHART_WIDTH,
    label: t.title,
  };
}

function withDev(params: URLSearchParams, devPerson: string | undefined): string {
  const all = new URLSearchParams(params);
  if (devPerson) all.set('als', devPerson);
  const query = all.toString();
  return query ? `?${query}` : '';
}

function filtersView(report: Report, ctx: ReportContext) {
  const f = report.meta.filter;
  const typeParam = Object.entries(TYPE_PARAM).find(([, kind]) => kind === f.type)?.[0] ?? '';
  const choices = (all: readonly Choice[], current: string | undefined) => [{ value: '', label: T.filters.all, selected: !current }, ...all.map((c) => ({ ...c, selected: c.value === current }))];
  return {
    action: ctx.reportPath,
    label: T.filters.label,
    devPerson: ctx.devPerson,
    t: T.filters,
    // Whole months (reports/filter.ts): the fields show the months the figures cover.
    values: { van: f.from.slice(0, 7), tot: f.to.slice(0, 7) },
    selects: [
      { name: 'regio', label: T.filters.region, options: choices(ctx.regions, f.region) },
      // A CLB's staff have no organisation to pick: no list that offers only refusals.
      ...(ctx.organisations.length > 0 ? [{ name: 'organisatie', label: T.filters.organisation, options: choices(ctx.organisations, f.organisation) }] : []),
      { name: 'type', label: T.filters.type, options: choices(Object.entries(T.filters.types).map(([value, label]) => ({ value, label })), typeParam) },
    ],
  };
}

/** The tab's content: filters, key figures, every figure with its charts and tables. */
export function reportFragment(report: Report, ctx: ReportContext): string {
  const year = report.meta.filter.to.slice(0, 4);
  const exportParams = new URLSearchParams(reportQueryString(report.meta.filter));
  const annexParams = new URLSearchParams({ jaar: year, ...(report.meta.filter.organisation ? { organisatie: report.meta.filter.organisation } : {}) });
  return renderTab('@report', {
    filters: filtersView(report, ctx),
    meta: metaView(report),
    links: {
      share: `${ctx.reportPath}${withDev(ctx.params, undefined)}`,
      shareLabel: T.shareLabel,
      annex: `${ctx.annexPath}${withDev(annexParams, ctx.devPerson)}`,
      annexLabel: T.annexLabel,
      // A plain link in local mode (the demo person rides along); in Teams the tab's script asks
      // for a signed link first (server/exportTicket.ts), since a download carries no token.
      exports: (['csv', 'xlsx'] as const).map((format) => ({ format, label: format === 'csv' ? T.exportCsv : T.exportXlsx, href: `${ctx.reportPath}/export.${format}${withDev(exportParams, ctx.devPerson)}` })),
      exportFailed: T.exportFailed,
    },
    keysTitle: T.keysTitle,
    keys: keysOf(report.key),
    ownReferrals: report.ownReferrals ? { title: T.ownReferrals.title, table: ownReferralsTable(report.ownReferrals) } : undefined,
    figures: figuresOf(report, true),
  });
}

/** The annex: the same figures as tables only, in the quality report's order, the rules last. */
export function annexFragment(report: Report, ctx: { reportPath: string; devPerson?: string }): string {
  const keyTable: TableView = {
    id: 't-keys',
    title: T.keysTitle,
    columns: [{ label: T.keyColumn, num: false }, { label: T.valueColumn, num: true }],
    rows: keysOf(report.key).map((k) => ({ label: k.label, total: false, cells: [{ shown: k.shown, cls: `num${k.hidden ? ' hid' : ''}` }] })),
    notes: [],
    width: CHART_WIDTH,
    label: T.keysTitle,
    headed: true,
  };
  const back = new URLSearchParams({ van: report.meta.filter.from, tot: report.meta.filter.to, ...(report.meta.filter.organisation ? { organisatie: report.meta.filter.organisation } : {}) });
  return renderTab('@annex', {
    print: T.annex.print,
    back: `${ctx.reportPath}${withDev(back, ctx.devPerson)}`,
    backLabel: T.annex.back,
    meta: metaView(report),
    keysTitle: T.keysTitle,
    keyTable,
    figures: figuresOf(report, false),
    rules: { title: T.annex.rulesTitle, items: T.annex.rules },
  });
}

export function messageFragment(text: string): string {
  return renderTab('@message', { text });
}

export function problemsFragment(problems: readonly string[]): string {
  return renderTab('@problems', { title: T.problemsTitle, problems });
}

export interface DevPicker {
  action: string;
  /** The filter to keep when another person is picked. */
  params: URLSearchParams;
  people: readonly Choice[];
  selected?: string;
}

export interface ShellOptions {
  title: string;
  heading: string;
  stylesheet: string;
  scripts: readonly string[];
  /** Where the page's script loads teams-js from, when framed (tab/script.ts). */
  teamsJs?: string;
  body: string;
  theme?: 'default' | 'dark' | 'contrast';
  dev?: DevPicker;
}

export function shellPage(o: ShellOptions): string {
  const dev = o.dev
    ? {
        ...T.dev,
        action: o.dev.action,
        hidden: [...o.dev.params.entries()].map(([name, value]) => ({ name, value })),
        people: o.dev.people.map((p) => ({ ...p, selected: p.value === o.dev?.selected })),
      }
    : undefined;
  return renderTab('@shell', { title: o.title, heading: o.heading, stylesheet: o.stylesheet, scripts: o.scripts, teamsJs: o.teamsJs, body: o.body, theme: o.theme, dev });
}

/**
 * Where the fragment will go: in Teams the script fills it (data-bron); the Dutch sentences it
 * may need are attributes here, so the script holds no words.
 */
export function placeholder(source: string | undefined, content: string): string {
  return renderTab('@placeholder', { source, content, outside: T.outside, noToken: T.noToken, failed: T.failed, noscript: T.noscript });
}

export function configBody(regions: readonly Choice[], reportPath: string): string {
  return renderTab('@config', {
    intro: T.config.intro,
    label: T.config.label,
    reportPath,
    tabName: T.config.tabName,
    outside: T.outside,
    ready: T.config.ready,
    selects: [
      { name: 'regio', label: T.filters.region, options: [{ value: '', label: T.filters.all }, ...regions] },
      { name: 'type', label: T.filters.type, options: [{ value: '', label: T.filters.all }, ...Object.entries(T.filters.types).map(([value, label]) => ({ value, label }))] },
    ],
  });
}

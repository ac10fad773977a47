// The report's shape, shared by everything that shows figures: the Teams tab, the `rapport` card,
// the CSV/XLSX export and the printable annex. Pure types (plus the few constants the URL needs),
// no database and no Teams imports, so the tab can depend on it without pulling in the bot.
//
// Stability: other code (the tab) is built against this file. Fields are added, never renamed.
// Counting rules behind every number: reports/COUNTING.md.

/** Who asks for a report: resolved by the tab from the SSO token, by the bot from the activity. */
export type ReportViewer = { personId: string };

export const SUBJECT_KINDS = ['PUPIL', 'GROUP', 'CLASS', 'SCHOOL'] as const;
export type ReportSubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * The query parameters of `<public base>/rapport` (and `/rapport/export.csv|.xlsx`): Dutch, since
 * people share these links. `van`/`tot` are dates (YYYY-MM-DD, both inclusive); `regio` a region
 * code (GR), `organisatie` an organisation code, `type` one of TYPE_PARAM's values.
 */
export const REPORT_PATH = '/rapport';
export const REPORT_QUERY_KEYS = ['van', 'tot', 'regio', 'organisatie', 'type'] as const;
export type ReportQueryKey = (typeof REPORT_QUERY_KEYS)[number];
export const TYPE_PARAM = { leerling: 'PUPIL', groep: 'GROUP', klas: 'CLASS', school: 'SCHOOL' } as const satisfies Record<string, ReportSubjectKind>;
export type TypeParam = keyof typeof TYPE_PARAM;

/** A validated filter (reports/filter.ts parses the query string into this). */
export interface ReportFilter {
  /** First day of the period, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day of the period, YYYY-MM-DD (inclusive). */
  to: string;
  /** Region code, e.g. "GR". */
  region?: string;
  /** Organisation code. */
  organisation?: string;
  type?: ReportSubjectKind;
}

/** Why a cell shows no number. */
export type HideReason =
  /** A count from 1 to minCount − 1: shown as "< 5". */
  | 'small'
  /** A statistic (percentage, mean, median, P90, distribution) over fewer than minN. */
  | 'lowN'
  /** Shown otherwise, hidden so a hidden neighbour cannot be recovered from a total. */
  | 'complementary'
  /** Nothing to compute (n = 0): shown as "–". */
  | 'empty';

export type CellUnit = 'count' | 'percent' | 'days' | 'workdays' | 'years' | 'text';

/**
 * One number as every surface shows it. `shown` is the exact text ("12", "< 5", "87%", "–",
 * "3,5 dagen" is not used: the unit is in the column). `value` is present only when not hidden,
 * so an export or chart cannot leak a hidden number by accident.
 */
export interface ReportCell {
  shown: string;
  value?: number;
  hidden: boolean;
  reason?: HideReason;
  unit: CellUnit;
}

export interface ReportColumn {
  key: string;
  /** Dutch header. */
  label: string;
  unit: CellUnit;
}

export interface ReportRow {
  key: string;
  /** Dutch label (a month "2026-03" is shown as "maart 2026"). */
  label: string;
  /** One per column, in the columns' order. */
  cells: ReportCell[];
  /** The total row (last row of a table). */
  total?: boolean;
}

/** How the tab may draw a table; every chart keeps its table beside it for screen readers. */
export type ChartHint = 'bars' | 'hbars' | 'stacked' | 'chain' | 'none';

export interface ReportTable {
  /** Stable id, e.g. "referrals.perMonth": used for anchors, export sheet names and tests. */
  id: string;
  /** Dutch title. */
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  chart: ChartHint;
  /** Dutch notes under the table (e.g. how something was counted). */
  notes?: string[];
}

export const FIGURE_IDS = ['targets', 'referrals', 'decisionTime', 'decisions', 'waitingChain', 'duration', 'closing', 'survey'] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export interface Figure<Id extends FigureId = FigureId> {
  id: Id;
  /** Dutch title, numbered as in the issue ("1. Trajecten tegenover het streefcijfer"). */
  title: string;
  tables: ReportTable[];
  /** Dutch remarks (e.g. "Geen streefcijfer ingesteld voor 2026."). */
  notes: string[];
  /** False when the viewer's scope leaves nothing to show here (e.g. survey for CLB staff). */
  available: boolean;
}

/** Free-text survey answers: only for the organisation they belong to, only from minN answers. */
export interface FreeTextBlock {
  questionId: string;
  /** Dutch question label. */
  label: string;
  /** Empty when hidden. */
  texts: string[];
  hidden: boolean;
  /** Dutch reason when hidden ("Minder dan 10 antwoorden: niet getoond."). */
  note?: string;
}

export interface SurveyFigure extends Figure<'survey'> {
  invitations: ReportCell;
  answers: ReportCell;
  responseRate: ReportCell;
  /**
   * Answers waiting until k exist ("3 antwoorden wachten tot er 5 zijn"). INTEGRATION POINT: the
   * holding table is added by another branch; the lead wires its count in reports/survey.ts
   * (`heldCount`). Until then always 0.
   */
  held: number;
  freeText: FreeTextBlock[];
}

/** The headline numbers of the `rapport` card (and the top of the tab). */
export interface KeyFigures {
  /** Referrals submitted in the period. */
  referrals: ReportCell;
  /** Median working days from referral to dispatch decision. */
  decisionWorkdaysMedian: ReportCell;
  /** Share decided within two working days (the product's promise). */
  decidedWithinTwo: ReportCell;
  /** Opstartduur: median days from referral to start. */
  startDaysMedian: ReportCell;
  /** Niet opgenomen (declined) in the period. */
  declined: ReportCell;
  /** Survey response rate. */
  responseRate: ReportCell;
}

/** What the viewer may see, as decided by reports/scope.ts. */
export type ReportScope =
  | {
      kind: 'organisation';
      personId: string;
      /** Codes of the organisations the person works for: full figures. */
      organisations: string[];
      /** Codes of their regions: totals only (other organisations are not broken out). */
      regions: string[];
    }
  | {
      kind: 'clb';
      personId: string;
      clbId: string;
      clbName: string;
    };

export type ScopeRefusalReason = 'unknown-person' | 'no-report-role' | 'no-organisation' | 'no-clb' | 'outside-scope';

export interface ScopeRefusal {
  refused: true;
  reason: ScopeRefusalReason;
  /** Dutch, for the person. */
  message: string;
}

/** A CLB staff member's own referral and where it stands (never in an export). */
export interface OwnReferralStatus {
  reference: string;
  subjectKind: ReportSubjectKind;
  /** Dutch status label. */
  status: string;
  submittedOn: string;
  organisation?: string;
}

export interface ReportMeta {
  /** The snapshot moment (ISO date-time): open trajectories count as open at this moment. */
  snapshotAt: string;
  filter: ReportFilter;
  /** Dutch description of the period and filters, e.g. "1 jan. 2026 – 31 dec. 2026, regio GR". */
  description: string;
  thresholds: { minCount: number; minN: number };
  /** Dutch: what this viewer sees ("Cijfers van Arktos; regio Gent: enkel totalen."). */
  scopeNote: string;
}

export interface Report {
  meta: ReportMeta;
  key: KeyFigures;
  figures: {
    targets: Figure<'targets'>;
    referrals: Figure<'referrals'>;
    decisionTime: Figure<'decisionTime'>;
    decisions: Figure<'decisions'>;
    waitingChain: Figure<'waitingChain'>;
    duration: Figure<'duration'>;
    closing: Figure<'closing'>;
    survey: SurveyFigure;
  };
  /** CLB staff only: their own referrals' statuses. */
  ownReferrals?: OwnReferralStatus[];
}

/** What building a report returns: the report, or a typed refusal (no data at all). */
export type ReportResult = { refused: false; report: Report } | ScopeRefusal;

// Entry points (reports/index.ts), for the tab:
//   parseReportQuery(query: unknown, now: Date): { ok: true; filter: ReportFilter } | { ok: false; message: string }
//   buildReport(prisma, viewer: ReportViewer, filter: ReportFilter, privacy: Config['privacy'], now?: Date): Promise<ReportResult>
//   reportQueryString(filter: ReportFilter): string   // "van=…&tot=…" for links to /rapport
//   reportTables(report: Report): ReportTable[]        // every table in quality-report order
//   exportCsv(report) / exportXlsx(report); HTTP handlers csvExportHandler/xlsxExportHandler(deps, resolveViewer)

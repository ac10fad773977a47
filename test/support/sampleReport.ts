// A full report in the shape of reports/model.ts, for the tab's tests: every figure, cells hidden
// for each reason the model knows, a total row, a hostile organisation name and free text that
// looks like markup. Cells are written as reports/privacy.ts writes them (shown text + value only
// when not hidden), so the tab is tested against the exact texts it must print.
import type { Figure, FigureId, Report, ReportCell, ReportColumn, ReportFilter, ReportResult, ReportRow, ReportTable, ReportViewer } from '../../reports/model.ts';

export const HOSTILE_NAME = '<img src=x onerror=alert(1)> "Partner" & co';
export const HOSTILE_TEXT = '<script>alert("vrije tekst")</script> Goed geholpen!';

const n = (v: number): ReportCell => (v > 0 && v < 5 ? { shown: '< 5', hidden: true, reason: 'small', unit: 'count' } : { shown: String(v), value: v, hidden: false, unit: 'count' });
const pct = (v: number): ReportCell => ({ shown: `${Math.round(v * 100)}%`, value: v, hidden: false, unit: 'percent' });
const days = (v: number, unit: 'days' | 'workdays' = 'days'): ReportCell => ({ shown: String(v).replace('.', ','), value: v, hidden: false, unit });
const lowN = (unit: ReportCell['unit']): ReportCell => ({ shown: 'n < 10', hidden: true, reason: 'lowN', unit });
const complementary: ReportCell = { shown: 'verborgen', hidden: true, reason: 'complementary', unit: 'count' };
const empty = (unit: ReportCell['unit']): ReportCell => ({ shown: '–', hidden: true, reason: 'empty', unit });
const col = (key: string, label: string, unit: ReportColumn['unit']): ReportColumn => ({ key, label, unit });
const row = (key: string, label: string, cells: ReportCell[], total = false): ReportRow => ({ key, label, cells, ...(total ? { total } : {}) });

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

function table(id: string, title: string, chart: ReportTable['chart'], columns: ReportColumn[], rows: ReportRow[], notes?: string[]): ReportTable {
  return { id, title, chart, columns, rows, ...(notes ? { notes } : {}) };
}

function figure<Id extends FigureId>(id: Id, title: string, tables: ReportTable[], notes: string[] = []): Figure<Id> {
  return { id, title, tables, notes, available: true };
}

export function sampleReport(filter: ReportFilter = { from: '2026-01-01', to: '2026-12-07' }): Report {
  const perMonth = MONTHS.map((m, i) => row(`2026-${String(i + 1).padStart(2, '0')}`, `${m} 2026`, [n([12, 18, 3, 25, 30, 22, 8, 0, 27, 31, 19, 6][i] ?? 0)]));
  return {
    meta: {
      snapshotAt: '2026-12-07T13:00:00.000Z',
      filter,
      description: `${filter.from} – ${filter.to}${filter.region ? `, regio ${filter.region}` : ''}`,
      thresholds: { minCount: 5, minN: 10 },
      scopeNote: 'Cijfers van aPart; regio Gent en Rand: enkel totalen.',
    },
    key: { referrals: n(201), decisionWorkdaysMedian: days(1.5, 'workdays'), decidedWithinTwo: pct(0.82), startDaysMedian: days(14), declined: n(3), responseRate: lowN('percent') },
    figures: {
      targets: figure('targets', '1. Trajecten tegenover het streefcijfer', [
        table('targets.perOrganisation', 'Trajecten per organisatie', 'hbars', [col('count', 'Trajecten', 'count'), col('target', 'Streefcijfer', 'count'), col('share', 'Van het streefcijfer', 'percent')], [
          row('APART', 'aPart', [n(120), n(130), pct(0.92)]),
          row('EVIL', HOSTILE_NAME, [n(3), n(20), empty('percent')]),
          row('total', 'Totaal', [n(123), n(150), pct(0.82)], true),
        ]),
      ]),
      referrals: figure('referrals', '2. Aanmeldingen', [
        table('referrals.perMonth', 'Aanmeldingen per maand', 'bars', [col('count', 'Aanmeldingen', 'count')], [...perMonth, row('total', 'Totaal', [n(201)], true)]),
        table('referrals.byKind', 'Aanmeldingen per type', 'hbars', [col('count', 'Aanmeldingen', 'count')], [row('PUPIL', 'Leerling', [n(180)]), row('GROUP', 'Groep', [n(15)]), row('CLASS', 'Klas', [n(4)]), row('SCHOOL', 'School', [complementary])]),
        table('referrals.repeat', 'Heraanmeldingen', 'stacked', [col('one', '1 traject', 'count'), col('two', '2 trajecten', 'count'), col('more', '3 of meer', 'count')], [row('all', 'Jongeren', [n(150), n(20), n(6)])]),
      ]),
      decisionTime: figure('decisionTime', '3. Tijd tot de beslissing', [
        table('decisionTime.perRegion', 'Werkdagen tot de beslissing per regio', 'hbars', [col('median', 'Mediaan', 'workdays'), col('p90', 'P90', 'workdays'), col('withinTwo', 'Binnen twee werkdagen', 'percent')], [
          row('GR', 'Gent en Rand', [days(1, 'workdays'), days(3, 'workdays'), pct(0.84)]),
          row('WV', 'West-Vlaanderen', [lowN('workdays'), lowN('workdays'), lowN('percent')]),
        ]),
      ]),
      decisions: figure('decisions', '4. Beslissingen', [
        table('decisions.declinedReasons', 'Niet opgenomen, per reden', 'hbars', [col('count', 'Aantal', 'count')], [row('capacity', 'Geen plaats', [n(12)]), row('fit', 'Past niet bij het aanbod', [n(7)]), row('other', 'Andere reden', [n(2)])]),
      ], ['Wachtlijst nu: 9 aanmeldingen.']),
      waitingChain: figure('waitingChain', '5. De wachtketen', [
        table('waitingChain.steps', 'Dagen per stap', 'chain', [col('median', 'Mediaan', 'days'), col('mean', 'Gemiddelde', 'days'), col('p90', 'P90', 'days')], [
          row('decision', 'Aanmelding → beslissing', [days(2), days(2.4), days(5)]),
          row('contact', 'Beslissing → eerste contact', [days(3), days(3.8), days(8)]),
          row('intake', 'Eerste contact → intake', [days(5), days(6.1), days(12)]),
          row('start', 'Intake → start', [lowN('days'), lowN('days'), lowN('days')]),
        ]),
      ]),
      duration: figure('duration', '6. Duur', [
        table('duration.bands', 'Duur van afgesloten trajecten', 'hbars', [col('count', 'Trajecten', 'count')], [row('short', 'Tot 1 maand', [n(20)]), row('mid', '1 tot 3 maanden', [n(45)]), row('long', 'Meer dan 3 maanden', [n(31)])]),
      ], ['Nog open op de stand: 38%.']),
      closing: figure('closing', '7. Afronding', [
        table('closing.outcome', 'Afgerond of vroegtijdig gestopt', 'stacked', [col('done', 'Afgerond', 'count'), col('stopped', 'Vroegtijdig gestopt', 'count')], [row('all', 'Alle trajecten', [n(80), n(16)])]),
      ]),
      survey: {
        ...figure('survey', '8. Tevredenheidsbevraging', [
          table('survey.recommend', 'Zou NAFT aanraden', 'stacked', [col('yes', 'Ja', 'count'), col('maybe', 'Misschien', 'count'), col('no', 'Nee', 'count')], [row('young', 'Jongeren', [n(30), n(8), n(5)]), row('school', 'Scholen', [n(3), complementary, n(0)])]),
        ]),
        invitations: n(96),
        answers: n(43),
        responseRate: pct(0.45),
        held: 3,
        freeText: [
          { questionId: 'good', label: 'Wat was goed?', texts: [HOSTILE_TEXT, 'Ze luisterde echt.'], hidden: false },
          { questionId: 'better', label: 'Wat kan beter?', texts: [], hidden: true, note: 'Minder dan 10 antwoorden: niet getoond.' },
        ],
      },
    },
  };
}

/** A report source for the tab's routes: one report for everyone, or a refusal for one person. */
export function sampleSource(options: { refuse?: string } = {}) {
  const calls: { viewer: ReportViewer; filter: ReportFilter }[] = [];
  const source = async (viewer: ReportViewer, filter: ReportFilter): Promise<ReportResult> => {
    calls.push({ viewer, filter });
    if (viewer.personId === options.refuse) return { refused: true, reason: 'no-report-role', message: 'Je hebt geen rol die het rapport mag zien.' };
    return { refused: false, report: sampleReport(filter) };
  };
  return { source, calls };
}

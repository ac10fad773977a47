// 8. Survey: invitations, answers, response rate (per variant and organisation); the distribution
// per question and would-recommend per audience; answers still held; free text only for the
// organisation it belongs to, from minN answers.
import type { FreeTextBlock, ReportCell, ReportColumn, ReportTable, SurveyFigure } from '../model.ts';
import { cellTable, organisationKey, organisationRows } from '../context.ts';
import type { View } from '../context.ts';
import { countCell, percentCell, protectCounts, shareCell, lowNText } from '../privacy.ts';
import { SCHOOL_SET, YOUNG_SET } from '../../survey/questions.ts';
import type { QuestionSet } from '../../survey/questions.ts';
import { nl } from '../../survey/i18n/nl.ts';
import type { AnswerValue } from '../surveyRows.ts';

export const VARIANTS = [
  { key: 'YOUNG_PERSON', label: 'Jongere' },
  { key: 'GROUP', label: 'Groep of klas' },
  { key: 'SCHOOL', label: 'School' },
] as const;

/**
 * Answers waiting in the hold until k share their attributes (survey/hold.ts): "3 antwoorden
 * wachten tot er 5 zijn". Counted for the view's organisations; they are in no other figure.
 */
export function heldCount(v: View): number {
  const orgIds = new Set(v.organisations.map((o) => o.id));
  return (v.survey?.held ?? []).filter((h) => orgIds.has(h.organisationId)).reduce((a, h) => a + h.held, 0);
}

function optionLabel(code: string): string {
  const options: Readonly<Record<string, string>> = nl.options;
  const scores: Readonly<Record<string, string>> = nl.scores;
  return options[code] ?? (scores[code] ? `${code} – ${scores[code]}` : code);
}

function questionLabel(set: QuestionSet, id: string): string {
  const labels: Readonly<Record<string, { label: string }>> = set.audience === 'young' ? nl.young : nl.school;
  return labels[id]?.label ?? id;
}

function distribution(v: View, set: QuestionSet, values: AnswerValue[], variants: readonly string[]): ReportTable[] {
  return set.questions.flatMap((q) => {
    if (q.kind === 'text') return [];
    const codes: readonly string[] = q.kind === 'score' ? ['1', '2', '3', '4', '5'] : q.options;
    const counts = codes.map((c) => values.filter((x) => variants.includes(x.variant) && x.question === q.id && x.value === c).reduce((a, x) => a + x.n, 0));
    const n = counts.reduce((a, b) => a + b, 0);
    const columns: ReportColumn[] = [{ key: 'share', label: 'Aandeel', unit: 'percent' }];
    // A distribution is shown only from minN answers to the question (COUNTING.md).
    const rows = codes.map((c, i) => ({ key: c, label: optionLabel(c), cells: [percentCell(counts[i] ?? 0, n, v.t)] }));
    rows.push({ key: 'n', label: 'Antwoorden op deze vraag', cells: [countCell(n, v.t)] });
    return [cellTable({ id: `survey.${set.audience}.${q.id}`, title: questionLabel(set, q.id), chart: 'hbars', columns, rows })];
  });
}

export function surveyFigure(v: View): SurveyFigure {
  const rows = v.survey;
  const orgIds = new Set(v.organisations.map((o) => o.id));
  const invitations = (rows?.invitations ?? []).filter((r) => orgIds.has(r.organisationId));
  const answers = (rows?.answers ?? []).filter((r) => orgIds.has(r.organisationId));
  const values = (rows?.values ?? []).filter((r) => orgIds.has(r.organisationId));
  const sum = <T>(list: readonly T[], f: (x: T) => number) => list.reduce((a, x) => a + f(x), 0);

  const variantValues = VARIANTS.map((variant) => [
    sum(invitations.filter((i) => i.variant === variant.key), (i) => i.invitations),
    sum(invitations.filter((i) => i.variant === variant.key), (i) => i.expected),
    sum(answers.filter((a) => a.variant === variant.key), (a) => a.answers),
  ]);
  const variantCells = protectCounts(variantValues, v.t, { rowTotals: false, columnTotals: true });
  const rateRow = (key: string, label: string, cells: ReportCell[] | undefined, nums: number[] | undefined, total?: boolean) => {
    const [inv, exp, ans] = cells ?? [];
    const zero = countCell(0, v.t);
    return { key, label, cells: [inv ?? zero, exp ?? zero, ans ?? zero, shareCell(ans ?? zero, nums?.[2] ?? 0, nums?.[1] ?? 0, v.t)], ...(total ? { total: true } : {}) };
  };
  const rateColumns: ReportColumn[] = [
    { key: 'invitations', label: 'Uitnodigingen', unit: 'count' },
    { key: 'expected', label: 'Verwachte antwoorden', unit: 'count' },
    { key: 'answers', label: 'Antwoorden', unit: 'count' },
    { key: 'rate', label: 'Responsgraad', unit: 'percent' },
  ];
  const totals = [0, 1, 2].map((i) => sum(variantValues, (x) => x[i] ?? 0));
  const perVariant = cellTable({
    id: 'survey.perVariant',
    title: 'Uitnodigingen, antwoorden en responsgraad per variant',
    chart: 'bars',
    columns: rateColumns,
    rows: [...VARIANTS.map((variant, i) => rateRow(variant.key, variant.label, variantCells[i], variantValues[i])), rateRow('total', 'Totaal', variantCells[VARIANTS.length], totals, true)],
    notes: ['Verwachte antwoorden: één per uitnodiging, of de grootte van de groep of klas bij een gedeelde code. Responsgraad = antwoorden ÷ verwachte antwoorden.'],
  });

  const orgRows = organisationRows(v);
  const orgValues = orgRows.map((o) => [
    sum(invitations.filter((i) => organisationKey(v, i.organisationId) === o.key), (i) => i.invitations),
    sum(invitations.filter((i) => organisationKey(v, i.organisationId) === o.key), (i) => i.expected),
    sum(answers.filter((a) => organisationKey(v, a.organisationId) === o.key), (a) => a.answers),
  ]);
  const orgCells = protectCounts(orgValues, v.t, { rowTotals: false, columnTotals: true });
  const perOrganisation = cellTable({
    id: 'survey.perOrganisation',
    title: 'Responsgraad per organisatie',
    chart: 'hbars',
    columns: rateColumns,
    rows: [...orgRows.map((o, i) => rateRow(o.key, o.label, orgCells[i], orgValues[i])), rateRow('total', 'Totaal', orgCells[orgRows.length], totals, true)],
  });

  const recommendRows = [
    { key: 'young', label: 'Jongeren (ook groep of klas)', variants: ['YOUNG_PERSON', 'GROUP'] },
    { key: 'school', label: 'Scholen', variants: ['SCHOOL'] },
  ].map((a) => {
    const counts = ['yes', 'maybe', 'no'].map((c) => sum(values.filter((x) => a.variants.includes(x.variant) && x.question === 'recommend' && x.value === c), (x) => x.n));
    const n = counts.reduce((x, y) => x + y, 0);
    return { key: a.key, label: a.label, cells: [countCell(n, v.t), ...counts.map((c) => percentCell(c, n, v.t))] };
  });
  const recommend = cellTable({
    id: 'survey.recommend',
    title: 'Zou NAFT aanraden',
    chart: 'stacked',
    columns: [
      { key: 'n', label: 'Antwoorden', unit: 'count' },
      { key: 'yes', label: 'Ja', unit: 'percent' },
      { key: 'maybe', label: 'Misschien', unit: 'percent' },
      { key: 'no', label: 'Nee', unit: 'percent' },
    ],
    rows: recommendRows,
  });

  const young = distribution(v, YOUNG_SET, values, ['YOUNG_PERSON', 'GROUP']);
  const school = distribution(v, SCHOOL_SET, values, ['SCHOOL']);
  const answerCount = totals[2] ?? 0;
  const freeText: FreeTextBlock[] = (['why', 'better'] as const).map((q) => {
    const label = q === 'why' ? `${nl.young.why.label} (bij “${nl.young.recommend.label}”)` : nl.young.better.label;
    if (v.freeText === undefined) return { questionId: q, label, texts: [], hidden: true, note: 'Open antwoorden zie je alleen voor je eigen organisatie: kies ze in de filter.' };
    if (answerCount < v.t.minN) return { questionId: q, label, texts: [], hidden: true, note: `Minder dan ${v.t.minN} antwoorden (${lowNText(v.t)}): open antwoorden worden niet getoond.` };
    return { questionId: q, label, texts: v.freeText.get(q) ?? [], hidden: false };
  });
  const total = variantCells[VARIANTS.length] ?? [];
  return {
    id: 'survey',
    title: '8. Tevredenheidsbevraging',
    available: v.survey !== undefined,
    notes: v.survey === undefined ? ['De bevraging is anoniem en kent geen CLB: deze cijfers zijn er enkel voor de partnerorganisaties.'] : ['Geteld per maand van afronding van het traject.'],
    tables: v.survey === undefined ? [] : [perVariant, perOrganisation, recommend, ...young, ...school],
    invitations: total[0] ?? countCell(0, v.t),
    answers: total[2] ?? countCell(0, v.t),
    responseRate: shareCell(total[2] ?? countCell(0, v.t), totals[2] ?? 0, totals[1] ?? 0, v.t),
    held: heldCount(v),
    freeText,
  };
}

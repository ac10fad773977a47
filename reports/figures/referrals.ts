// 2. Referrals per month and type; by requested support, education form and age band; and
// re-referrals: the share of young people with 1, 2, 3+ referrals.
import type { Figure, ReportSubjectKind } from '../model.ts';
import { SUBJECT_KINDS } from '../model.ts';
import { cellTable, countTable, submittedIn, submittedInMonth, tally } from '../context.ts';
import type { View } from '../context.ts';
import { countCell, percentCell, shareCell, statCell, protectCounts } from '../privacy.ts';
import { monthLabel } from '../format.ts';
import { mean } from '../stats.ts';
import { EDUCATION_FORMS, SUPPORT_TYPES } from '../../referrals/steps.ts';
import type { ReferralRow } from '../rows.ts';

export const KIND_LABEL: Readonly<Record<ReportSubjectKind, string>> = { PUPIL: 'Leerling', GROUP: 'Groep', CLASS: 'Klas', SCHOOL: 'School' };

export const AGE_BANDS = [
  { key: 'le12', label: '12 jaar of jonger', max: 12 },
  { key: '13-14', label: '13–14 jaar', max: 14 },
  { key: '15-16', label: '15–16 jaar', max: 16 },
  { key: '17-18', label: '17–18 jaar', max: 18 },
  { key: 'ge19', label: '19 jaar of ouder', max: Number.POSITIVE_INFINITY },
] as const;

/** Age at the referral date, from the birth year only: the age reached in the year of referral. */
export function ageAtReferral(submittedAt: number, birthYear: number): number {
  return new Date(submittedAt).getUTCFullYear() - birthYear;
}

export function ageBand(age: number): string {
  return AGE_BANDS.find((b) => age <= b.max)?.key ?? 'ge19';
}

/** How many referrals asked for each kind of support (one pass; a referral may ask for several). */
function supportCounts(rows: readonly ReferralRow[]): number[] {
  const index = new Map<string, number>(SUPPORT_TYPES.map((s, i) => [s.value, i]));
  const counts = SUPPORT_TYPES.map(() => 0);
  for (const r of rows) {
    for (const type of new Set(r.supportTypes)) {
      const i = index.get(type);
      if (i !== undefined) counts[i] = (counts[i] ?? 0) + 1;
    }
  }
  return counts;
}

export function referralsFigure(v: View): Figure<'referrals'> {
  const cohort = submittedIn(v);
  const kinds = v.type ? [v.type] : [...SUBJECT_KINDS];
  const perMonth = countTable(
    {
      id: 'referrals.perMonth',
      title: 'Aanmeldingen per maand en type',
      chart: 'stacked',
      rows: v.period.months.map((m) => ({ key: m, label: monthLabel(m) })),
      columns: kinds.map((k) => ({ key: k, label: KIND_LABEL[k] })),
      values: v.period.months.map((m) => tally(submittedInMonth(cohort, m), (r) => r.subjectKind, kinds)),
      rowTotals: true,
      columnTotals: true,
    },
    v.t,
  );

  // A referral may ask for several kinds of support: these counts do not add up to a total, so
  // no total is shown and nothing can be subtracted.
  const support = countTable(
    {
      id: 'referrals.bySupport',
      title: 'Gevraagde ondersteuning',
      chart: 'hbars',
      rows: SUPPORT_TYPES.map((s) => ({ key: s.value, label: s.title })),
      columns: [{ key: 'n', label: 'Aanmeldingen' }],
      values: supportCounts(cohort).map((n) => [n]),
      notes: ['Eén aanmelding kan meer soorten ondersteuning vragen: de aantallen tellen niet op tot het totaal.'],
    },
    v.t,
  );

  const withForm = cohort.filter((r) => r.subjectKind !== 'SCHOOL');
  const formKeys = [...EDUCATION_FORMS.map((f) => f.value), 'UNKNOWN'];
  const education = countTable(
    {
      id: 'referrals.byEducationForm',
      title: 'Onderwijsvorm',
      chart: 'hbars',
      rows: [...EDUCATION_FORMS.map((f) => ({ key: f.value, label: f.title })), { key: 'UNKNOWN', label: 'Niet ingevuld' }],
      columns: [{ key: 'n', label: 'Aanmeldingen' }],
      values: tally(withForm, (r) => (r.educationForm && formKeys.includes(r.educationForm) ? r.educationForm : 'UNKNOWN'), formKeys).map((n) => [n]),
      columnTotals: true,
      notes: ['Leerlingen, groepen en klassen; een aanmelding voor een school heeft geen onderwijsvorm.'],
    },
    v.t,
  );

  const pupils = cohort.filter((r) => r.subjectKind === 'PUPIL' && r.birthYear !== null);
  const ages = pupils.map((r) => ageAtReferral(r.submittedAt, r.birthYear ?? 0));
  const age = countTable(
    {
      id: 'referrals.byAge',
      title: 'Leeftijd bij aanmelding (leerlingen)',
      chart: 'bars',
      rows: AGE_BANDS.map((b) => ({ key: b.key, label: b.label })),
      columns: [{ key: 'n', label: 'Leerlingen' }],
      values: tally(ages, (a) => ageBand(a), AGE_BANDS.map((b) => b.key)).map((n) => [n]),
      columnTotals: true,
    },
    v.t,
  );
  const meanAge = cellTable({
    id: 'referrals.meanAge',
    title: 'Gemiddelde leeftijd bij aanmelding (leerlingen)',
    chart: 'none',
    columns: [
      { key: 'n', label: 'Leerlingen', unit: 'count' },
      { key: 'mean', label: 'Gemiddelde leeftijd (jaar)', unit: 'years' },
    ],
    rows: [{ key: 'all', label: 'Alle leerlingen', cells: [countCell(ages.length, v.t), statCell(mean(ages), ages.length, 'years', v.t)] }],
  });

  // Re-referrals: each young person referred in the period, by how many referrals they have had
  // up to the period's end (a re-referral is a new referral).
  const keys = [...new Set(cohort.filter((r) => r.subjectKind === 'PUPIL' && r.subjectKey).map((r) => r.subjectKey ?? ''))];
  const bands = ['1', '2', '3+'];
  const perPerson = tally(keys, (k) => {
    const n = v.history.get(k) ?? 1;
    return n >= 3 ? '3+' : String(n);
  }, bands);
  const counts = protectCounts(perPerson.map((n) => [n]), v.t, { rowTotals: false, columnTotals: true });
  const people = keys.length;
  const again = cellTable({
    id: 'referrals.reReferrals',
    title: 'Heraanmeldingen: jongeren met 1, 2 of 3+ aanmeldingen',
    chart: 'bars',
    columns: [
      { key: 'n', label: 'Jongeren', unit: 'count' },
      { key: 'share', label: 'Aandeel', unit: 'percent' },
    ],
    rows: [
      ...bands.map((b, i) => ({ key: b, label: b === '3+' ? '3 of meer aanmeldingen' : b === '1' ? '1 aanmelding' : '2 aanmeldingen', cells: [counts[i]?.[0] ?? countCell(0, v.t), shareCell(counts[i]?.[0] ?? countCell(0, v.t), perPerson[i] ?? 0, people, v.t)] })),
      { key: 'total', label: 'Totaal', cells: [counts[bands.length]?.[0] ?? countCell(people, v.t), percentCell(people, people, v.t)], total: true },
    ],
    notes: ['Geteld: leerlingen aangemeld in de periode, met al hun aanmeldingen tot het einde van de periode. Groepen en klassen zijn één traject en tellen hier niet mee.'],
  });
  return { id: 'referrals', title: '2. Aanmeldingen', available: true, notes: [], tables: [perMonth, support, education, age, meanAge, again] };
}

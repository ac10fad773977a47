// The figures on a generated data set with known answers, on both databases: the expected
// numbers are computed here, independently, from the raw rows (Prisma findMany), including
// the hiding at its edges; and who sees what.
import { describe, expect, it, beforeAll } from 'vitest';
import { DATABASE_KINDS } from './support/databases.ts';
import { useSeededDatabase } from './support/seededDatabase.ts';
import { generateReportData } from '../db/reportData.ts';
import { buildReport, reportTables } from '../reports/index.ts';
import type { Report, ReportCell, ReportFilter } from '../reports/index.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
const PRIVACY = { minCount: 5, minN: 10 };
const YEAR: ReportFilter = { from: '2026-01-01', to: '2026-12-31' };
// Belgian legal holidays of 2026, written out by hand (independent of reports/workdays.ts).
const HOLIDAYS_2026 = new Set(['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-07-21', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25']);

function workdays(a: Date, b: Date): number {
  let n = 0;
  const d = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), a.getUTCDate()));
  const end = Date.UTC(b.getUTCFullYear(), b.getUTCMonth(), b.getUTCDate());
  for (d.setUTCDate(d.getUTCDate() + 1); d.getTime() <= end; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6 && !HOLIDAYS_2026.has(d.toISOString().slice(0, 10))) n++;
  }
  return n;
}

function expectCount(cell: ReportCell | undefined, n: number): void {
  if (n >= 1 && n <= 4) expect(cell).toMatchObject({ shown: '< 5', hidden: true });
  else if (cell?.reason !== 'complementary') expect(cell).toMatchObject({ value: n, hidden: false });
}

function table(report: Report, id: string) {
  const t = reportTables(report).find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

function cell(report: Report, id: string, row: string, col: number | 'last'): ReportCell | undefined {
  const r = table(report, id).rows.find((x) => x.key === row);
  return col === 'last' ? r?.cells[r.cells.length - 1] : r?.cells[col];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

describe.each(DATABASE_KINDS)('report figures on %s', (kind) => {
  const fixture = useSeededDatabase(kind);
  const people: Record<string, string> = {};
  beforeAll(async () => {
    const prisma = fixture.db.prisma;
    for (const p of await prisma.person.findMany()) people[p.name] = p.id;
    const clb = await prisma.person.findMany({ where: { role: 'CLB_STAFF' }, orderBy: { name: 'asc' } });
    await generateReportData(prisma, {
      seed: 7,
      referrals: 260,
      start: new Date('2025-10-01T00:00:00Z'),
      end: new Date('2026-12-01T00:00:00Z'),
      now: NOW,
      regionCode: 'GR',
      organisations: [
        { code: 'APART', weight: 4 },
        { code: 'LEJO', weight: 3 },
        { code: 'INTRO', weight: 3 },
        { code: 'JES', weight: 0.2 },
      ],
      referrerIds: clb.map((p) => p.id),
      targets: [
        { code: 'APART', year: 2026, target: 90 },
        { code: 'LEJO', year: 2026, target: 60 },
        { code: 'JES', year: 2026, target: 10 },
      ],
    });
  }, 120_000);

  async function reportFor(name: string, filter: ReportFilter = YEAR): Promise<Report> {
    const result = await buildReport(fixture.db.prisma, { personId: people[name] ?? '' }, filter, PRIVACY, { now: NOW });
    if (result.refused) throw new Error(result.message);
    return result.report;
  }

  async function raw() {
    return fixture.db.prisma.referral.findMany({ where: { submittedAt: { not: null } }, include: { organisation: true, referrer: true } });
  }

  it('counts referrals per month and type as the raw rows say, "< 5" where small', async () => {
    const report = await reportFor('Lotte Vermeulen');
    const rows = (await raw()).filter((r) => r.submittedAt && r.submittedAt >= new Date('2026-01-01') && r.submittedAt < new Date('2027-01-01'));
    expect(report.key.referrals.value).toBe(rows.length);
    for (const month of ['2026-01', '2026-06', '2026-11']) {
      const inMonth = rows.filter((r) => r.submittedAt?.toISOString().startsWith(month));
      expectCount(cell(report, 'referrals.perMonth', month, 'last'), inMonth.length);
      expectCount(cell(report, 'referrals.perMonth', month, 3), inMonth.filter((r) => r.subjectKind === 'SCHOOL').length);
    }
    // Somewhere a cell is small on purpose, and shown as "< 5".
    expect(table(report, 'referrals.perMonth').rows.flatMap((r) => r.cells).some((c) => c.shown === '< 5')).toBe(true);
    expect(report.meta.snapshotAt).toBe(NOW.toISOString());
  });

  it('re-referrals: young people referred in the year by their number of referrals up to its end, from the raw rows', async () => {
    const report = await reportFor('Lotte Vermeulen');
    const end = new Date('2027-01-01T00:00:00Z');
    const all = (await raw()).filter((r) => r.subjectKind === 'PUPIL' && r.subjectKey !== null && r.submittedAt !== null && r.submittedAt < end);
    const inYear = new Set(all.filter((r) => (r.submittedAt ?? end) >= new Date('2026-01-01T00:00:00Z')).map((r) => r.subjectKey));
    const perPupil = [...inYear].map((key) => all.filter((r) => r.subjectKey === key).length);
    const bands = [perPupil.filter((n) => n === 1).length, perPupil.filter((n) => n === 2).length, perPupil.filter((n) => n >= 3).length];
    // The generator draws pupils from a small pool, so some are referred again.
    expect(bands[1] ?? 0).toBeGreaterThan(0);
    expectCount(cell(report, 'referrals.reReferrals', '1', 0), bands[0] ?? 0);
    expectCount(cell(report, 'referrals.reReferrals', '2', 0), bands[1] ?? 0);
    expectCount(cell(report, 'referrals.reReferrals', '3+', 0), bands[2] ?? 0);
    expectCount(cell(report, 'referrals.reReferrals', 'total', 0), inYear.size);
  });

  it('no hidden cell of the month × type table follows from its totals', async () => {
    const report = await reportFor('Lotte Vermeulen');
    const grid = table(report, 'referrals.perMonth').rows.map((r) => r.cells);
    const lines = [...grid, ...(grid[0] ?? []).map((_, c) => grid.map((row) => row[c]))];
    for (const line of lines) expect(line.filter((c) => c?.hidden && c.reason !== 'empty').length).not.toBe(1);
  });

  it('time to decision: share within two working days and the median, from the raw rows', async () => {
    const report = await reportFor('Lotte Vermeulen');
    const rows = (await raw()).filter((r) => r.submittedAt && r.submittedAt >= new Date('2026-01-01') && r.status !== 'WITHDRAWN');
    const events = await fixture.db.prisma.referralEvent.findMany({ where: { type: 'WAITING_LIST' } });
    const days = rows.flatMap((r) => {
      const first = events.find((e) => e.referralId === r.id)?.createdAt ?? r.decidedAt;
      return first && r.submittedAt ? [workdays(r.submittedAt, first)] : [];
    });
    expect(cell(report, 'decisionTime.perMonth', 'total', 0)?.value).toBe(days.length);
    expect(report.key.decidedWithinTwo.value).toBeCloseTo(days.filter((d) => d <= 2).length / days.length, 10);
    expect(report.key.decisionWorkdaysMedian.value).toBe(median(days));
  });

  it('trajectories that ran in the year and the target, per organisation of the viewer', async () => {
    const report = await reportFor('Pieter De Smet');
    const rows = await raw();
    const ran = (code: string) => rows.filter((r) => r.organisation?.code === code && r.startedAt && r.startedAt < new Date('2027-01-01') && (!r.closedAt || r.closedAt >= new Date('2026-01-01'))).length;
    const lejo = cell(report, 'targets.perOrganisation', 'LEJO', 0);
    expectCount(lejo, ran('LEJO'));
    expect(cell(report, 'targets.perOrganisation', 'LEJO', 2)?.value).toBe(60);
    // The share would give a hidden count back: hidden with it (JES is small, so its column
    // neighbour is hidden complementarily).
    if (lejo?.hidden) expect(cell(report, 'targets.perOrganisation', 'LEJO', 3)?.hidden).toBe(true);
    else expect(cell(report, 'targets.perOrganisation', 'LEJO', 3)?.value).toBeCloseTo(ran('LEJO') / 60, 10);
    expect(cell(report, 'targets.perOrganisation', 'total', 0)?.value).toBe(ran('APART') + ran('LEJO') + ran('INTRO') + ran('JES'));
    expectCount(cell(report, 'targets.perOrganisation', 'JES', 0), ran('JES'));
    // Other organisations are summed, never broken out.
    expect(table(report, 'targets.perOrganisation').rows.map((r) => r.key)).toEqual(['JES', 'LEJO', 'other', 'total']);
    expect(cell(report, 'targets.perOrganisation', 'other', 0)?.value ?? 'hidden').not.toBe(ran('APART'));
  });

  it('niet opgenomen per reason, opstartduur and the response rate, from the raw rows', async () => {
    const report = await reportFor('Lotte Vermeulen');
    const rows = (await raw()).filter((r) => r.submittedAt && r.submittedAt >= new Date('2026-01-01'));
    const declined = rows.filter((r) => r.status === 'DECLINED');
    expect(report.key.declined.value).toBe(declined.length);
    expectCount(cell(report, 'decisions.declinedByReason', 'NO_PLACE', 0), declined.filter((r) => r.declineReason === 'NO_PLACE').length);
    const start = rows.flatMap((r) => (r.startedAt && r.submittedAt ? [Math.round((Date.UTC(r.startedAt.getUTCFullYear(), r.startedAt.getUTCMonth(), r.startedAt.getUTCDate()) - Date.UTC(r.submittedAt.getUTCFullYear(), r.submittedAt.getUTCMonth(), r.submittedAt.getUTCDate())) / 86_400_000)] : []));
    expect(report.key.startDaysMedian.value).toBe(median(start));
    const invitations = await fixture.db.prisma.surveyInvitation.findMany({ where: { closingMonth: { gte: '2026-01', lte: '2026-12' } } });
    const answers = await fixture.db.prisma.surveyResponse.count({ where: { closingQuarter: { gte: '2026-Q1', lte: '2026-Q4' } } });
    const expected = invitations.reduce((a, i) => a + i.maxUses, 0);
    expect(report.figures.survey.responseRate.value).toBeCloseTo(answers / expected, 10);
    expect(report.figures.survey.held).toBe(0);
  });

  it('counts answers still held (until k share their attributes) for the viewer’s organisations, and in no other figure', async () => {
    const prisma = fixture.db.prisma;
    const before = await reportFor('Lotte Vermeulen');
    const aPart = await prisma.organisation.findUniqueOrThrow({ where: { code: 'APART' } });
    const held = { organisationId: aPart.id, regionId: aPart.regionId, variant: 'YOUNG_PERSON' as const, trajectoryType: 'INDIVIDUAL', closingQuarter: '2026-Q2', questionSet: 'jongere-2026-1', language: 'nl', answers: { score: '4' } };
    await prisma.surveyHeldAnswer.createMany({ data: [held, held, held, { ...held, closingQuarter: '2025-Q4' }] });
    try {
      const after = await reportFor('Lotte Vermeulen');
      expect(after.figures.survey.held).toBe(3);
      expect(after.figures.survey.responseRate).toEqual(before.figures.survey.responseRate);
      // The region's totals count them; another organisation's own view does not.
      expect((await reportFor('Nadia Benali')).figures.survey.held).toBe(3);
      expect((await reportFor('Nadia Benali', { ...YEAR, organisation: 'INTRO' })).figures.survey.held).toBe(0);
      expect((await reportFor('Lotte Vermeulen', { ...YEAR, organisation: 'APART' })).figures.survey.held).toBe(3);
    } finally {
      await prisma.surveyHeldAnswer.deleteMany();
    }
  });

  it('free text only for the viewer’s own organisation, asked for by name', async () => {
    const region = await reportFor('Lotte Vermeulen');
    expect(region.figures.survey.freeText.every((b) => b.hidden && b.texts.length === 0)).toBe(true);
    const own = await reportFor('Lotte Vermeulen', { ...YEAR, organisation: 'APART' });
    const why = own.figures.survey.freeText.find((b) => b.questionId === 'why');
    expect(why?.hidden).toBe(false);
    expect(why?.texts.length).toBeGreaterThan(0);
  });

  it('refuses unknown people and someone else’s organisation; CLB staff see their CLB only', async () => {
    const unknown = await buildReport(fixture.db.prisma, { personId: '00000000-0000-4000-8000-000000000000' }, YEAR, PRIVACY, { now: NOW });
    expect(unknown).toMatchObject({ refused: true, reason: 'unknown-person' });
    const other = await buildReport(fixture.db.prisma, { personId: people['Lotte Vermeulen'] ?? '' }, { ...YEAR, organisation: 'LEJO' }, PRIVACY, { now: NOW });
    expect(other).toMatchObject({ refused: true, reason: 'outside-scope' });
    const sofie = await reportFor('Sofie Claes');
    const all = (await raw()).filter((r) => r.submittedAt && r.submittedAt >= new Date('2026-01-01'));
    const sofieRow = all.find((r) => r.referrerId === people['Sofie Claes']);
    const sameClb = all.filter((r) => r.referrer.clbId === sofieRow?.referrer.clbId);
    expectCount(sofie.key.referrals, sameClb.length);
    expect(sofie.figures.survey.available).toBe(false);
    expect(sofie.figures.targets.available).toBe(false);
    expect(sofie.ownReferrals?.length).toBe(all.filter((r) => r.referrerId === people['Sofie Claes']).length);
  });
});

// The region filter left out: a CLB's totals in one region, next to its totals everywhere, must
// not give away that it referred 1–4 young people in another region.
describe.each(DATABASE_KINDS)('the region filter and its difference on %s', (kind) => {
  const fixture = useSeededDatabase(kind);
  let sofie = '';
  beforeAll(async () => {
    const prisma = fixture.db.prisma;
    sofie = (await prisma.person.findFirstOrThrow({ where: { name: 'Sofie Claes' } })).id;
    await prisma.region.create({ data: { code: 'ZW', name: 'NAFT Zuid-West', organisations: { create: { code: 'ZWORG', name: 'Zuid-West Partner' } } } });
    const common = { now: NOW, referrerIds: [sofie] };
    await generateReportData(prisma, { ...common, seed: 3, referrals: 40, start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z'), regionCode: 'GR', organisations: [{ code: 'APART', weight: 1 }] });
    // Zuid-West: 3 referrals in the first half of the year, 7 in the second.
    await generateReportData(prisma, { ...common, seed: 4, referrals: 3, start: new Date('2026-02-01T00:00:00Z'), end: new Date('2026-06-01T00:00:00Z'), regionCode: 'ZW', organisations: [{ code: 'ZWORG', weight: 1 }] });
    await generateReportData(prisma, { ...common, seed: 5, referrals: 7, start: new Date('2026-08-01T00:00:00Z'), end: new Date('2026-11-01T00:00:00Z'), regionCode: 'ZW', organisations: [{ code: 'ZWORG', weight: 1 }] });
  }, 120_000);

  const keyReferrals = async (filter: ReportFilter) => {
    const result = await buildReport(fixture.db.prisma, { personId: sofie }, filter, PRIVACY, { now: NOW });
    if (result.refused) throw new Error(result.message);
    return result.report.key.referrals;
  };
  const submitted = (region: string, from: string, to: string) =>
    fixture.db.prisma.referral.count({ where: { region: { code: region }, submittedAt: { gte: new Date(`${from}T00:00:00Z`), lt: new Date(`${to}T00:00:00Z`) } } });

  it('hides the one-region total when everywhere minus it is 1–4, and shows it when the rest is larger', async () => {
    const firstHalf = { from: '2026-01-01', to: '2026-06-30' };
    const secondHalf = { from: '2026-07-01', to: '2026-12-31' };
    expect([await submitted('ZW', '2026-01-01', '2026-07-01'), await submitted('ZW', '2026-07-01', '2027-01-01')]).toEqual([3, 7]);
    const grFirst = await submitted('GR', '2026-01-01', '2026-07-01');
    const grSecond = await submitted('GR', '2026-07-01', '2027-01-01');
    expect(Math.min(grFirst, grSecond)).toBeGreaterThanOrEqual(5);
    // Everywhere: shown.
    expect(await keyReferrals(firstHalf)).toMatchObject({ value: grFirst + 3, hidden: false });
    // Only Groot-Gent: the difference would be 3, so hidden as well.
    expect(await keyReferrals({ ...firstHalf, region: 'GR' })).toMatchObject({ hidden: true, reason: 'complementary' });
    // A difference of 7 gives nothing small away.
    expect(await keyReferrals({ ...secondHalf, region: 'GR' })).toMatchObject({ value: grSecond, hidden: false });
  });
});

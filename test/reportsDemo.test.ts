// The demo data of `npm start` (DEMO_REPORTS): every figure has numbers, some are hidden as "< 5"
// on purpose, and nothing is left waiting for the dispatch.
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { seedOnFirstStart } from '../db/seed.ts';
import { buildReport, reportTables, FIGURE_IDS } from '../reports/index.ts';
import { loadConfig } from '../config/env.ts';
import { createTestDatabase, DATABASE_KINDS } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';

describe('the demo configuration', () => {
  it('generates report history only for a plain local start, not when a test asks for demo people', () => {
    expect(loadConfig({}).demoReports).toBe(true);
    expect(loadConfig({ DEMO_DATA: 'on' }).demoReports).toBe(false);
    expect(loadConfig({ DEMO_DATA: 'on', DEMO_REPORTS: 'on' }).demoReports).toBe(true);
  });
});

describe.each(DATABASE_KINDS)('demo report data on %s', (kind) => {
  let testDb: TestDatabase | undefined;
  afterAll(async () => testDb?.destroy());

  it('shows every figure, some small groups hidden, nothing waiting for the dispatch', async () => {
    testDb = await createTestDatabase(kind);
    const db = await openDatabase(testDb.settings);
    try {
      const now = new Date('2026-12-07T12:00:00Z');
      await seedOnFirstStart(db.prisma, { demo: true, reports: true, now });
      expect(await db.prisma.referral.count({ where: { status: { in: ['SUBMITTED', 'WAITING_LIST'] } } })).toBe(0);
      const lotte = await db.prisma.person.findFirstOrThrow({ where: { name: 'Lotte Vermeulen' } });
      const result = await buildReport(db.prisma, { personId: lotte.id }, { from: '2026-01-01', to: '2026-12-31' }, { minCount: 5, minN: 10 }, { now });
      if (result.refused) throw new Error(result.message);
      for (const id of FIGURE_IDS) expect(result.report.figures[id].tables.length, id).toBeGreaterThan(0);
      const cells = reportTables(result.report).flatMap((t) => t.rows.flatMap((r) => r.cells));
      expect(cells.some((c) => c.shown === '< 5')).toBe(true);
      expect(result.report.key.referrals.value).toBeGreaterThan(100);
      expect(result.report.key.responseRate.hidden).toBe(false);
    } finally {
      await db.close();
    }
  }, 120_000);
});

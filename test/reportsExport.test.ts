// Exports: CSV (BOM, ";"), XLSX read back, the same hiding as the report, spreadsheet-safe text,
// and the HTTP handlers' refusals (401 without a viewer, 400 bad query, 403 outside the scope).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import restify from 'restify';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { safeCell, exportCsv, exportXlsx } from '../reports/export.ts';
import { buildReport } from '../reports/index.ts';
import type { Report } from '../reports/index.ts';
import { registerReportExportRoutes } from '../server/reportExport.ts';
import { exportTicketKey, mintTicket, readTicket } from '../server/exportTicket.ts';
import { silentLogger } from '../server/log.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { useSeededDatabase } from './support/seededDatabase.ts';
import { generateReportData } from '../db/reportData.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
const PRIVACY = { minCount: 5, minN: 10 };

describe('spreadsheet-safe cells', () => {
  it('escapes formulas and removes invisible control characters', () => {
    expect(safeCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    for (const start of ['+', '-', '@', '\t', '\r']) expect(safeCell(`${start}1`).startsWith(`'${start}`)).toBe(true);
    expect(safeCell('Doorverwezen\u200B naar\u0007 CLB\u202E')).toBe('Doorverwezen naar CLB');
    expect(safeCell('\u200B=1+1')).toBe(`'=1+1`);
    expect(safeCell('< 5')).toBe('< 5');
  });
});

describe('download tickets', () => {
  const want = { format: 'csv' as const, query: 'van=2026-01-01&tot=2026-12-31', now: NOW };
  const person = '3f1c6a52-8a8e-4e0b-9c56-2b1f0d7a9e11';
  it('hold between instances that share the app password, and nowhere else', () => {
    const ticket = mintTicket(exportTicketKey('geheim-wachtwoord'), { personId: person, ...want });
    expect(readTicket(exportTicketKey('geheim-wachtwoord'), ticket, want)).toEqual({ ok: true, personId: person });
    expect(readTicket(exportTicketKey('ander-wachtwoord'), ticket, want)).toEqual({ ok: false, reason: 'invalid' });
    expect(readTicket(exportTicketKey(undefined), ticket, want)).toEqual({ ok: false, reason: 'invalid' });
    for (const broken of ['', '.', 'abc', `${ticket}.x`, ticket.replace(/^./, (c) => (c === 'e' ? 'f' : 'e'))]) expect(readTicket(exportTicketKey('geheim-wachtwoord'), broken, want)).toMatchObject({ ok: false });
  });
});

describe.each(DATABASE_KINDS)('exports on %s', (kind) => {
  const fixture = useSeededDatabase(kind);
  let lotte = '';
  let report: Report;
  let base = '';
  // The handlers' clock: moved on to let a download link run out.
  let clock = NOW;
  const server = restify.createServer();
  beforeAll(async () => {
    const prisma = fixture.db.prisma;
    lotte = (await prisma.person.findFirstOrThrow({ where: { name: 'Lotte Vermeulen' } })).id;
    const clb = await prisma.person.findMany({ where: { role: 'CLB_STAFF' } });
    await generateReportData(prisma, { seed: 3, referrals: 120, start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z'), now: NOW, regionCode: 'GR', organisations: [{ code: 'APART', weight: 3 }, { code: 'JES', weight: 0.3 }], referrerIds: clb.map((p) => p.id) });
    // A hostile "what happened instead", common enough to be shown as a row label.
    const declined = await prisma.referral.findMany({ where: { status: 'DECLINED' }, take: 6, select: { id: true } });
    await prisma.referral.updateMany({ where: { id: { in: declined.map((d) => d.id) } }, data: { declineInstead: '=HYPERLINK("http://evil.example")\u200B' } });
    const built = await buildReport(prisma, { personId: lotte }, { from: '2026-01-01', to: '2026-12-31' }, PRIVACY, { now: NOW });
    if (built.refused) throw new Error(built.message);
    report = built.report;
    registerReportExportRoutes(server, { prisma, privacy: PRIVACY, logger: silentLogger, now: () => clock, publicBaseUrl: 'https://naft.example.be', resolveViewer: async (req) => (req.headers['x-test-person'] ? { personId: String(req.headers['x-test-person']) } : undefined) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(() => server.close());

  it('CSV: BOM, ";" separated, hidden cells as in the report, formulas escaped', () => {
    const csv = exportCsv(report);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain('Aanmeldingen per maand en type');
    expect(text).toMatch(/^januari 2026;/m);
    expect(text).toContain('< 5');
    expect(text).toContain(`'=hyperlink(""http://evil.example"")`);
    expect(text).not.toMatch(/;=|^=/m);
    expect(text).not.toContain('\u200B');
    // No person's data: the references of referrals never appear.
    expect(text).not.toMatch(/GR-G3-/);
  });

  it('XLSX: one sheet per table, numbers as numbers, hidden cells as text', async () => {
    const book = new ExcelJS.Workbook();
    const file = await exportXlsx(report);
    await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    expect(book.worksheets[0]?.name).toBe('Overzicht');
    const months = book.getWorksheet('referrals.perMonth');
    const total = months?.getRow(months.rowCount).values as unknown[];
    expect(total[1]).toBe('Totaal');
    expect(typeof total[total.length - 1]).toBe('number');
    const instead = book.getWorksheet('decisions.declinedInstead');
    const labels: string[] = [];
    instead?.eachRow((row) => labels.push(String(row.getCell(1).value)));
    expect(labels.some((l) => l.startsWith(`'=hyperlink`))).toBe(true);
    expect(labels.some((l) => l.startsWith('='))).toBe(false);
  });

  it('HTTP: 401 without a viewer, 400 on a bad query, 403 outside the scope, 200 with the file', async () => {
    expect((await fetch(`${base}/rapport/export.csv`)).status).toBe(401);
    expect((await fetch(`${base}/rapport/export.csv?van=2026-13-01`, { headers: { 'x-test-person': lotte } })).status).toBe(400);
    const other = await fetch(`${base}/rapport/export.csv?organisatie=LEJO`, { headers: { 'x-test-person': lotte } });
    expect(other.status).toBe(403);
    expect(await other.text()).not.toMatch(/\d{2,}/);
    const ok = await fetch(`${base}/rapport/export.xlsx?van=2026-01-01&tot=2026-12-31`, { headers: { 'x-test-person': lotte } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain('naft-rapport-2026-01-01-2026-12-31.xlsx');
    const csv = await fetch(`${base}/rapport/export.csv`, { headers: { 'x-test-person': lotte } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
  });

  it('a download link for Teams: asked with the token, it downloads without one — for that format and filter only, for five minutes', async () => {
    expect((await fetch(`${base}/rapport/export-link?formaat=csv`)).status).toBe(401);
    expect((await fetch(`${base}/rapport/export-link?formaat=pdf`, { headers: { 'x-test-person': lotte } })).status).toBe(400);
    const asked = await fetch(`${base}/rapport/export-link?van=2026-03&tot=2026-06&formaat=csv`, { headers: { 'x-test-person': lotte } });
    expect([asked.status, asked.headers.get('cache-control')]).toEqual([200, 'no-store']);
    const { url } = (await asked.json()) as { url: string };
    // The public address, the filter as the report reads it (whole months), and the ticket.
    expect(url).toMatch(/^https:\/\/naft\.example\.be\/rapport\/export\.csv\?van=2026-03-01&tot=2026-06-30&ticket=[\w-]+\.[\w-]+$/);
    const local = (u: string) => `${base}${new URL(u).pathname}${new URL(u).search}`;
    const file = await fetch(local(url));
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const ticket = new URL(url).searchParams.get('ticket') ?? '';
    const refused = async (path: string) => {
      const response = await fetch(`${base}${path}`);
      return [response.status, await response.text()];
    };
    // Another format, another filter, a changed ticket: not this link.
    expect(await refused(`/rapport/export.xlsx?van=2026-03-01&tot=2026-06-30&ticket=${ticket}`)).toEqual([401, expect.stringContaining('niet geldig')]);
    expect(await refused(`/rapport/export.csv?van=2026-01-01&tot=2026-12-31&ticket=${ticket}`)).toEqual([401, expect.stringContaining('niet geldig')]);
    expect(await refused(`/rapport/export.csv?van=2026-03-01&tot=2026-06-30&ticket=${ticket.slice(0, -2)}xx`)).toEqual([401, expect.stringContaining('niet geldig')]);
    // Four minutes later it still works; after five it has run out, and says what to do.
    clock = new Date(NOW.getTime() + 4 * 60_000);
    expect((await fetch(local(url))).status).toBe(200);
    clock = new Date(NOW.getTime() + 5 * 60_000);
    expect(await refused(`/rapport/export.csv?van=2026-03-01&tot=2026-06-30&ticket=${ticket}`)).toEqual([401, expect.stringContaining('verlopen')]);
    clock = NOW;
    // A link for someone else's figures is made, but the download still asks the report, which refuses.
    const outside = (await (await fetch(`${base}/rapport/export-link?organisatie=LEJO&formaat=csv`, { headers: { 'x-test-person': lotte } })).json()) as { url: string };
    expect((await fetch(local(outside.url))).status).toBe(403);
  });
});

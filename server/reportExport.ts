// The export endpoints of the reports: GET /rapport/export.csv and /rapport/export.xlsx with the
// same query string as /rapport. Who asks is resolved by the caller's hook (`resolveViewer`, the
// tab's SSO check): the same hook as the tab, so an export never shows more than the tab does.
// Without a viewer: 401; a refusal: 403; a bad query: 400 — never any figures.
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server } from 'restify';
import type { DbClient } from '../db/open.ts';
import type { Logger } from './log.ts';
import { buildReport, parseReportQuery, REPORT_PATH } from '../reports/index.ts';
import type { ReportViewer } from '../reports/index.ts';
import type { Thresholds } from '../reports/privacy.ts';
import { exportCsv, exportXlsx } from '../reports/export.ts';

export const EXPORT_CSV_PATH = `${REPORT_PATH}/export.csv`;
export const EXPORT_XLSX_PATH = `${REPORT_PATH}/export.xlsx`;

export interface ReportExportOptions {
  prisma: DbClient;
  privacy: Thresholds;
  logger: Logger;
  /** The tab's authentication: the person behind the request, or undefined (→ 401). */
  resolveViewer: (req: IncomingMessage) => Promise<ReportViewer | undefined>;
  now?: () => Date;
}

type Format = 'csv' | 'xlsx';

const CONTENT_TYPE: Readonly<Record<Format, string>> = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

function sendText(res: Response, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** A handler for one format; mount it yourself, or use registerReportExportRoutes. */
export function reportExportHandler(opts: ReportExportOptions, format: Format): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      const viewer = await opts.resolveViewer(req);
      if (!viewer) return sendText(res, 401, 'Meld je aan om de cijfers te downloaden.');
      const query = Object.fromEntries(new URL(req.url ?? '/', 'http://report.invalid').searchParams);
      const now = opts.now?.() ?? new Date();
      const parsed = parseReportQuery(query, now);
      if (!parsed.ok) return sendText(res, 400, parsed.message);
      const result = await buildReport(opts.prisma, viewer, parsed.filter, opts.privacy, { now });
      if (result.refused) return sendText(res, 403, result.message);
      const body = format === 'csv' ? exportCsv(result.report) : await exportXlsx(result.report);
      const name = `naft-rapport-${parsed.filter.from}-${parsed.filter.to}.${format}`;
      res.writeHead(200, { 'content-type': CONTENT_TYPE[format], 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    } catch (error) {
      opts.logger.error('Report export failed', error instanceof Error ? error.name : 'unknown');
      if (!res.headersSent) sendText(res, 500, 'Er ging iets mis bij het maken van de export.');
    }
  };
}

export function registerReportExportRoutes(server: Server, opts: ReportExportOptions): void {
  server.get(EXPORT_CSV_PATH, reportExportHandler(opts, 'csv'));
  server.get(EXPORT_XLSX_PATH, reportExportHandler(opts, 'xlsx'));
}

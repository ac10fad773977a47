// The export endpoints of the reports: GET /rapport/export.csv and /rapport/export.xlsx with the
// same query string as /rapport. Who asks is resolved by the caller's hook (`resolveViewer`, the
// tab's SSO check): the same hook as the tab, so an export never shows more than the tab does.
// Without a viewer: 401; a refusal: 403; a bad query: 400 — never any figures.
// In Teams a download cannot carry the tab's token: GET /rapport/export-link (with the token)
// gives a link with a signed ticket instead (server/exportTicket.ts), which the export accepts
// in place of a token for its person, format and filter, for a few minutes.
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server } from 'restify';
import type { DbClient } from '../db/open.ts';
import type { Logger } from './log.ts';
import { buildReport, parseReportQuery, REPORT_PATH, reportQueryString } from '../reports/index.ts';
import type { ReportViewer } from '../reports/index.ts';
import type { Thresholds } from '../reports/privacy.ts';
import { exportCsv, exportXlsx } from '../reports/export.ts';
import { exportTicketKey, mintTicket, readTicket, TICKET_PARAM } from './exportTicket.ts';
import type { ExportFormat, TicketKey } from './exportTicket.ts';

export const EXPORT_CSV_PATH = `${REPORT_PATH}/export.csv`;
export const EXPORT_XLSX_PATH = `${REPORT_PATH}/export.xlsx`;
export const EXPORT_LINK_PATH = `${REPORT_PATH}/export-link`;

export interface ReportExportOptions {
  prisma: DbClient;
  privacy: Thresholds;
  logger: Logger;
  /** The tab's authentication: the person behind the request, or undefined (→ 401). */
  resolveViewer: (req: IncomingMessage) => Promise<ReportViewer | undefined>;
  now?: () => Date;
  /** Signs the download links (exportTicketKey); a key of this process when not given. */
  ticketKey?: TicketKey;
  /** Where the links point (PUBLIC_BASE_URL); a path only when not set (local mode). */
  publicBaseUrl?: string;
}

type Format = ExportFormat;
const PATHS: Readonly<Record<Format, string>> = { csv: EXPORT_CSV_PATH, xlsx: EXPORT_XLSX_PATH };

const CONTENT_TYPE: Readonly<Record<Format, string>> = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

function sendText(res: Response, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** A handler for one format; mount it yourself, or use registerReportExportRoutes. */
export function reportExportHandler(opts: ReportExportOptions, format: Format, key: TicketKey = opts.ticketKey ?? exportTicketKey(undefined)): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      const search = new URL(req.url ?? '/', 'http://report.invalid').searchParams;
      const now = opts.now?.() ?? new Date();
      const parsed = parseReportQuery(Object.fromEntries(search), now);
      if (!parsed.ok) return sendText(res, 400, parsed.message);
      const ticket = search.get(TICKET_PARAM);
      let viewer: ReportViewer | undefined;
      if (ticket !== null) {
        const checked = readTicket(key, ticket, { format, query: reportQueryString(parsed.filter), now });
        if (!checked.ok) return sendText(res, 401, checked.reason === 'expired' ? 'Deze downloadlink is verlopen: klik in het rapport opnieuw op de download.' : 'Deze downloadlink is niet geldig: klik in het rapport opnieuw op de download.');
        viewer = { personId: checked.personId };
      } else viewer = await opts.resolveViewer(req);
      if (!viewer) return sendText(res, 401, 'Meld je aan om de cijfers te downloaden.');
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

function sendJson(res: Response, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

/** GET /rapport/export-link?<filter>&formaat=csv|xlsx, asked with the tab's token: `{ url }`, or `{ message }` in Dutch. */
export function exportLinkHandler(opts: ReportExportOptions, key: TicketKey): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      const search = new URL(req.url ?? '/', 'http://report.invalid').searchParams;
      const format = search.get('formaat');
      if (format !== 'csv' && format !== 'xlsx') return sendJson(res, 400, { message: 'Kies CSV of Excel.' });
      const now = opts.now?.() ?? new Date();
      const parsed = parseReportQuery(Object.fromEntries(search), now);
      if (!parsed.ok) return sendJson(res, 400, { message: parsed.message });
      const viewer = await opts.resolveViewer(req);
      if (!viewer) return sendJson(res, 401, { message: 'Meld je aan om de cijfers te downloaden.' });
      const query = reportQueryString(parsed.filter);
      const ticket = mintTicket(key, { personId: viewer.personId, format, query, now });
      sendJson(res, 200, { url: `${opts.publicBaseUrl ?? ''}${PATHS[format]}?${query}&${TICKET_PARAM}=${ticket}` });
    } catch (error) {
      opts.logger.error('Report export link failed', error instanceof Error ? error.name : 'unknown');
      if (!res.headersSent) sendJson(res, 500, { message: 'Er ging iets mis bij het maken van de downloadlink.' });
    }
  };
}

export function registerReportExportRoutes(server: Server, opts: ReportExportOptions): void {
  const key = opts.ticketKey ?? exportTicketKey(undefined);
  server.get(EXPORT_CSV_PATH, reportExportHandler(opts, 'csv', key));
  server.get(EXPORT_XLSX_PATH, reportExportHandler(opts, 'xlsx', key));
  server.get(EXPORT_LINK_PATH, exportLinkHandler(opts, key));
}

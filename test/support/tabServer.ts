// The report tab's routes alone on a restify server on loopback, with a report source the test
// controls: for HTTP and browser tests of the tab without the bot around it.
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { SsoSettings } from '../../config/env.ts';
import type { DbClient } from '../../db/open.ts';
import { silentLogger } from '../../server/log.ts';
import { registerReportExportRoutes } from '../../server/reportExport.ts';
import { registerTabRoutes, tabViewerResolver } from '../../tab/server.ts';
import type { ReportSource } from '../../tab/server.ts';

export interface TabServer {
  url: string;
  close(): Promise<void>;
}

export async function startTabServer(o: { prisma: DbClient; sso: SsoSettings | undefined; reports: ReportSource; now?: () => Date; exports?: { publicBaseUrl?: string } }): Promise<TabServer> {
  const server = restify.createServer({ name: 'tab-test', handleUncaughtExceptions: false });
  registerTabRoutes(server, { prisma: o.prisma, sso: o.sso, reports: o.reports, logger: silentLogger, ...(o.now ? { now: o.now } : {}) });
  // The exports as server/app.ts mounts them: who asks is resolved as the tab does.
  if (o.exports) registerReportExportRoutes(server, { prisma: o.prisma, privacy: { minCount: 5, minN: 10 }, logger: silentLogger, resolveViewer: tabViewerResolver({ prisma: o.prisma, sso: o.sso }), ...(o.now ? { now: o.now } : {}), ...o.exports });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections();
      }),
  };
}

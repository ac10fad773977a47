// Where the tab gets its figures: the report module's builder (reports/build.ts), which decides
// the viewer's scope (reportScopeFor) and builds the figures with their hiding. The tab adds no
// numbers of its own.
import type { Config } from '../config/env.ts';
import type { DbClient } from '../db/open.ts';
import { buildReport } from '../reports/build.ts';
import type { ReportSource } from './server.ts';

export function reportSourceFor(prisma: DbClient, config: Pick<Config, 'privacy'>, now: () => Date = () => new Date()): ReportSource {
  return (viewer, filter) => buildReport(prisma, viewer, filter, config.privacy, { now: now() });
}

// Where the tab gets its figures: the report module's builder (reports/), which decides the
// viewer's scope and builds the figures with their hiding. INTEGRATION POINT: until reports/
// exports its builder on this branch, every viewer gets the typed refusal below (no data), so the
// tab never shows numbers it did not get from reports/.
import type { Config } from '../config/env.ts';
import type { DbClient } from '../db/open.ts';
import type { ReportResult } from '../reports/model.ts';
import type { ReportSource } from './server.ts';

export function reportSourceFor(_prisma: DbClient, _config: Pick<Config, 'privacy'>): ReportSource {
  return async (): Promise<ReportResult> => ({ refused: true, reason: 'no-report-role', message: 'De rapportcijfers zijn nog niet beschikbaar in deze versie.' });
}

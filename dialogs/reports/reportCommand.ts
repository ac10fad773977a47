// `rapport [periode]` in the dispatch channel or a 1:1 chat: the key figures of a year ("rapport
// 2026"), a month ("rapport 2026-03") or, without an argument, the current year, for the person
// who typed it (reports/scope.ts decides what they see).
import type { DbClient } from '../../db/open.ts';
import { buildReport, periodWords, reportQueryString, REPORT_PATH } from '../../reports/index.ts';
import type { ReportFilter } from '../../reports/index.ts';
import type { Thresholds } from '../../reports/privacy.ts';
import { reportCard } from '../../cards/reports/reportCard.ts';
import { formatDate } from '../../referrals/status.ts';
import { sendCard, sendText } from '../effects.ts';
import type { Effect, Turn } from '../effects.ts';

export interface ReportCommandDeps {
  privacy: Thresholds;
  /** Where the tab is served (PUBLIC_BASE_URL, or the local address); no link without one. */
  baseUrl?: string;
}

export const REPORT_PERIOD_HINT = 'Typ "rapport" voor dit jaar, of een periode: "rapport 2026" of "rapport 2026-03".';

export async function reportCommand(prisma: DbClient, deps: ReportCommandDeps, turn: Turn, argument: string, now: Date = new Date()): Promise<Effect[]> {
  const period = argument.trim() === '' ? periodWords(String(now.getUTCFullYear())) : periodWords(argument);
  if (!period) return [sendText(`Die periode begrijp ik niet. ${REPORT_PERIOD_HINT}`)];
  const person = turn.aadObjectId ? await prisma.person.findUnique({ where: { aadObjectId: turn.aadObjectId }, select: { id: true } }) : null;
  if (!person) return [sendText('We kennen je niet als gebruiker van NAFT: je kunt geen rapport bekijken.')];
  const filter: ReportFilter = { from: period.from, to: period.to };
  const result = await buildReport(prisma, { personId: person.id }, filter, deps.privacy, { now });
  if (result.refused) return [sendText(result.message)];
  const r = result.report;
  return [
    sendCard(
      reportCard({
        description: r.meta.description,
        scopeNote: r.meta.scopeNote,
        snapshotLabel: formatDate(new Date(r.meta.snapshotAt)),
        key: r.key,
        ...(deps.baseUrl ? { tabUrl: `${deps.baseUrl.replace(/\/+$/, '')}${REPORT_PATH}?${reportQueryString(filter)}` } : {}),
      }),
    ),
  ];
}

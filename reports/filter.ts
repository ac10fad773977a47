// The report's query string (`/rapport?van=…&tot=…&regio=…&organisatie=…&type=…`), checked with
// zod: a period of whole months (default: the current calendar year), at most a few years long.
// Whole months because two periods that differ by a few days would give, by their difference,
// the referrals of those days: `van` is widened to the first of its month, `tot` to the last.
import { z } from 'zod';
import { REPORT_QUERY_KEYS, TYPE_PARAM } from './model.ts';
import type { ReportFilter, ReportSubjectKind, TypeParam } from './model.ts';

// A month ("2026-03", what the tab's month fields send) or a day ("2026-03-15", older links).
const day = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'Gebruik een maand als 2026-01 of een datum als 2026-01-31.')
  .refine((s) => {
    const d = s.length === 7 ? `${s}-01` : s;
    return !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  }, 'Deze datum bestaat niet.');
const code = z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, 'Onbekende code.').transform((s) => s.toUpperCase());
const typeParam = z.enum(Object.keys(TYPE_PARAM) as [TypeParam, ...TypeParam[]]);
const one = (schema: z.ZodType<string>) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v === '' ? undefined : v), schema.optional());

export const ZReportQuery = z.object({
  van: one(day),
  tot: one(day),
  regio: one(code),
  organisatie: one(code),
  type: one(typeParam),
});

export const MAX_PERIOD_DAYS = 3 * 366;

export type ParsedQuery = { ok: true; filter: ReportFilter } | { ok: false; message: string };

/** "2026" or "2026-03" as a `rapport` argument: a year or a month. Undefined when not a period. */
export function periodWords(text: string): { from: string; to: string } | undefined {
  const t = text.trim();
  const year = /^(\d{4})$/.exec(t);
  if (year) return { from: `${year[1]}-01-01`, to: `${year[1]}-12-31` };
  const month = /^(\d{4})-(\d{2})$/.exec(t);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    if (m < 1 || m > 12) return undefined;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { from: `${month[1]}-${month[2]}-01`, to: `${month[1]}-${month[2]}-${String(last).padStart(2, '0')}` };
  }
  return undefined;
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
function lastOfMonth(day: string): string {
  const last = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate();
  return `${day.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

export function parseReportQuery(query: unknown, now: Date = new Date()): ParsedQuery {
  const raw = typeof query === 'object' && query !== null ? Object.fromEntries(Object.entries(query).filter(([k]) => (REPORT_QUERY_KEYS as readonly string[]).includes(k))) : {};
  const parsed = ZReportQuery.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' ') };
  const q = parsed.data;
  const year = now.getUTCFullYear();
  const from = q.van ? firstOfMonth(q.van) : q.tot ? `${q.tot.slice(0, 4)}-01-01` : `${year}-01-01`;
  const to = q.tot ? lastOfMonth(q.tot) : q.van ? `${q.van.slice(0, 4)}-12-31` : `${year}-12-31`;
  if (to < from) return { ok: false, message: 'tot: het einde van de periode ligt voor het begin.' };
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_PERIOD_DAYS) return { ok: false, message: 'De periode is te lang: kies ten hoogste drie jaar.' };
  const type: ReportSubjectKind | undefined = q.type ? TYPE_PARAM[q.type as TypeParam] : undefined;
  return { ok: true, filter: { from, to, ...(q.regio ? { region: q.regio } : {}), ...(q.organisatie ? { organisation: q.organisatie } : {}), ...(type ? { type } : {}) } };
}

/** The query string of a filter, in the keys' fixed order (for links to /rapport and exports). */
export function reportQueryString(filter: ReportFilter): string {
  const typeWord = filter.type ? (Object.entries(TYPE_PARAM).find(([, kind]) => kind === filter.type)?.[0] ?? '') : '';
  const params = new URLSearchParams();
  params.set('van', filter.from);
  params.set('tot', filter.to);
  if (filter.region) params.set('regio', filter.region);
  if (filter.organisation) params.set('organisatie', filter.organisation);
  if (typeWord) params.set('type', typeWord);
  return params.toString();
}

// The tab's query strings, checked with zod: the filters of /rapport (van, tot, regio,
// organisatie, type — in the URL so a view can be shared; reports/filter.ts), the year and
// organisation of the annex,
// and, in local mode only, the demo person (`als`). A wrong value gives Dutch messages, never a
// report for some other filter than the one asked.
import { z } from 'zod';
import { parseReportQuery } from '../reports/filter.ts';
import { REPORT_QUERY_KEYS, TYPE_PARAM } from '../reports/model.ts';
import type { ReportFilter, TypeParam } from '../reports/model.ts';

/** Local mode's dev identity: the demo person's aadObjectId. Ignored with credentials. */
export const DEV_PERSON_PARAM = 'als';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(empty, s.optional());

// Checked here first with Dutch messages (the report parser's enum message is zod's English one).
const ZChoices = z.object({
  regio: opt(z.string().regex(/^[A-Za-z]{1,10}$/, 'Kies een regio uit de lijst.')),
  organisatie: opt(z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'Kies een organisatie uit de lijst.')),
  type: opt(z.enum(Object.keys(TYPE_PARAM) as [TypeParam, ...TypeParam[]], { message: 'Kies een type uit de lijst: leerling, groep, klas of school.' })),
});
const ZDevPerson = z.object({ als: opt(z.string().regex(GUID, 'Kies een demopersoon uit de lijst.').transform((v) => v.toLowerCase())) });

export interface TabQuery {
  filter: ReportFilter;
  /** The filter as it goes back into links and the form (the Dutch keys, only those given). */
  params: URLSearchParams;
  /** Local mode's demo person (aadObjectId), when one was chosen. */
  devPerson?: string;
}

export type QueryResult = { ok: true; query: TabQuery } | { ok: false; problems: string[]; params: URLSearchParams };

/** Belgian calendar day of a moment (the period's default end). */
export function belgianDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Only the keys the tab knows, first value each: a repeated or unknown key cannot smuggle anything in. */
function known(search: URLSearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = search.get(key);
    if (value !== null) out[key] = value;
  }
  return out;
}

/**
 * The filter is read by the report module's own parser (reports/filter.ts), so the tab, the
 * `rapport` card's link and the exports agree on defaults (the calendar year) and limits.
 */
export function parseTabQuery(search: URLSearchParams, now: Date): QueryResult {
  const raw = known(search, [...REPORT_QUERY_KEYS, DEV_PERSON_PARAM]);
  const params = new URLSearchParams(Object.entries(raw).filter(([k, v]) => k !== DEV_PERSON_PARAM && v.trim() !== ''));
  const dev = ZDevPerson.safeParse(raw);
  const choices = ZChoices.safeParse(raw);
  if (!choices.success || !dev.success) {
    const issues = [...(choices.success ? [] : choices.error.issues), ...(dev.success ? [] : dev.error.issues)];
    return { ok: false, problems: [...new Set(issues.map((i) => i.message))], params };
  }
  const filter = parseReportQuery(Object.fromEntries(Object.entries(raw).filter(([k]) => k !== DEV_PERSON_PARAM)), now);
  if (!filter.ok) return { ok: false, problems: [filter.message], params };
  return { ok: true, query: { filter: filter.filter, params, ...(dev.data.als ? { devPerson: dev.data.als } : {}) } };
}

const ZAnnexQuery = z.object({
  jaar: z.preprocess(empty, z.coerce.number({ message: 'Kies een jaar, zoals 2026.' }).int('Kies een jaar, zoals 2026.').min(2000, 'Kies een jaar vanaf 2000.').max(2100, 'Kies een jaar vóór 2100.').optional()),
  organisatie: opt(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'Kies een organisatie uit de lijst.').transform((v) => v.toUpperCase())),
  als: opt(z.string().regex(GUID, 'Kies een demopersoon uit de lijst.').transform((v) => v.toLowerCase())),
});

export interface AnnexQuery {
  year: number;
  filter: ReportFilter;
  params: URLSearchParams;
  devPerson?: string;
}

/** The annex is about one calendar year (default: the current one) and optionally one organisation. */
export function parseAnnexQuery(search: URLSearchParams, now: Date): { ok: true; query: AnnexQuery } | { ok: false; problems: string[]; params: URLSearchParams } {
  const raw = known(search, ['jaar', 'organisatie', DEV_PERSON_PARAM]);
  const params = new URLSearchParams(Object.entries(raw).filter(([k, v]) => k !== DEV_PERSON_PARAM && v.trim() !== ''));
  const parsed = ZAnnexQuery.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: [...new Set(parsed.error.issues.map((i) => i.message))], params };
  const year = parsed.data.jaar ?? Number(belgianDay(now).slice(0, 4));
  const filter: ReportFilter = { from: `${year}-01-01`, to: `${year}-12-31` };
  if (parsed.data.organisatie) filter.organisation = parsed.data.organisatie;
  return { ok: true, query: { year, filter, params, ...(parsed.data.als ? { devPerson: parsed.data.als } : {}) } };
}

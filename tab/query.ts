// The tab's query strings, checked with zod: the filters of /rapport (van, tot, regio,
// organisatie, type — in the URL so a view can be shared), the year and organisation of the annex,
// and, in local mode only, the demo person (`als`). A wrong value gives Dutch messages, never a
// report for some other filter than the one asked.
import { z } from 'zod';
import { REPORT_QUERY_KEYS, TYPE_PARAM } from '../reports/model.ts';
import type { ReportFilter, TypeParam } from '../reports/model.ts';

/** Local mode's dev identity: the demo person's aadObjectId. Ignored with credentials. */
export const DEV_PERSON_PARAM = 'als';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A report over more than this many years is not a view anyone needs, and costs a lot to make. */
const MAX_YEARS = 5;

const isDay = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
const day = (label: string) => z.string().refine(isDay, `${label} moet een datum zijn, zoals 2026-01-31.`);
const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(empty, s.optional());
const TYPE_KEYS = Object.keys(TYPE_PARAM) as [TypeParam, ...TypeParam[]];

const ZFilterQuery = z
  .object({
    van: opt(day('‘Van’')),
    tot: opt(day('‘Tot en met’')),
    regio: opt(z.string().regex(/^[A-Za-z]{1,10}$/, 'Kies een regio uit de lijst.').transform((v) => v.toUpperCase())),
    organisatie: opt(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'Kies een organisatie uit de lijst.').transform((v) => v.toUpperCase())),
    type: opt(z.enum(TYPE_KEYS, { message: 'Kies een type uit de lijst: leerling, groep, klas of school.' })),
    als: opt(z.string().regex(GUID, 'Kies een demopersoon uit de lijst.').transform((v) => v.toLowerCase())),
  })
  .superRefine((q, ctx) => {
    if (q.van && q.tot && q.van > q.tot) ctx.addIssue({ code: 'custom', path: ['tot'], message: '‘Tot en met’ mag niet vóór ‘Van’ liggen.' });
    if (q.van && q.tot && Number(q.tot.slice(0, 4)) - Number(q.van.slice(0, 4)) > MAX_YEARS) {
      ctx.addIssue({ code: 'custom', path: ['tot'], message: `Een periode van hoogstens ${MAX_YEARS} jaar.` });
    }
  });

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

/** Without `van`/`tot`: this calendar year up to today, the period a quality report is about. */
export function parseTabQuery(search: URLSearchParams, now: Date): QueryResult {
  const raw = known(search, [...REPORT_QUERY_KEYS, DEV_PERSON_PARAM]);
  const params = new URLSearchParams(Object.entries(raw).filter(([k, v]) => k !== DEV_PERSON_PARAM && v.trim() !== ''));
  const parsed = ZFilterQuery.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: [...new Set(parsed.error.issues.map((i) => i.message))], params };
  const q = parsed.data;
  const today = belgianDay(now);
  const to = q.tot ?? (q.van && q.van > today ? `${q.van.slice(0, 4)}-12-31` : today);
  const from = q.van ?? `${to.slice(0, 4)}-01-01`;
  const filter: ReportFilter = { from, to };
  if (q.regio) filter.region = q.regio;
  if (q.organisatie) filter.organisation = q.organisatie;
  if (q.type) filter.type = TYPE_PARAM[q.type];
  return { ok: true, query: { filter, params, ...(q.als ? { devPerson: q.als } : {}) } };
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

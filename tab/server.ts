// The report tab on the service's restify server, under /rapport:
//   /rapport, /rapport/bijlage    the page shells (no figures: anyone may load them);
//   /rapport/inhoud, /rapport/bijlage/inhoud
//                                 the figures as server-rendered HTML (charts as SVG), only for
//                                 a valid Teams SSO token of a known person, scoped by reports/;
//   /rapport/instellen            the configurable tab's configuration page;
//   /rapport/stijl.css, tab.js, instellen.js, teams-js.js   static, versioned, same origin.
// Local mode (no credentials, loopback only) has no SSO: the shells then carry a marked picker of
// the demo people and render the figures inline for the one chosen (`?als=`). With credentials
// `als` is ignored everywhere.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server } from 'restify';
import type { SsoSettings } from '../config/env.ts';
import { demoPeople } from '../db/demo.ts';
import type { DbClient } from '../db/open.ts';
import type { Report, ReportFilter, ReportResult, ReportViewer } from '../reports/model.ts';
import { REPORT_PATH } from '../reports/model.ts';
import { filterChoicesFor } from '../reports/scope.ts';
import type { Logger } from '../server/log.ts';
import { sendTab } from './http.ts';
import type { TabReply } from './http.ts';
import { annexFragment, configBody, messageFragment, placeholder, problemsFragment, reportFragment, shellPage } from './pages.ts';
import type { Choice, ShellOptions } from './pages.ts';
import { parseAnnexQuery, parseTabQuery } from './query.ts';
import { CONFIG_SCRIPT, CONFIG_SCRIPT_VERSION, TAB_SCRIPT, TAB_SCRIPT_VERSION } from './script.ts';
import { createSsoVerifier } from './sso.ts';
import type { SsoVerifier } from './sso.ts';
import { TAB_STYLESHEET, TAB_STYLESHEET_VERSION } from './style.ts';
import { T } from './texts.ts';

export const TAB_PATHS = {
  report: REPORT_PATH,
  reportContent: `${REPORT_PATH}/inhoud`,
  annex: `${REPORT_PATH}/bijlage`,
  annexContent: `${REPORT_PATH}/bijlage/inhoud`,
  config: `${REPORT_PATH}/instellen`,
  stylesheet: `${REPORT_PATH}/stijl.css`,
  script: `${REPORT_PATH}/tab.js`,
  configScript: `${REPORT_PATH}/instellen.js`,
  teamsJs: `${REPORT_PATH}/teams-js.js`,
} as const;

/** Builds the report a viewer may see for a filter (reports/): a report or a typed refusal. */
export type ReportSource = (viewer: ReportViewer, filter: ReportFilter) => Promise<ReportResult>;

export interface TabRouteOptions {
  prisma: DbClient;
  /** Undefined in local mode: then the demo-person picker, never with credentials. */
  sso: SsoSettings | undefined;
  reports: ReportSource;
  logger: Logger;
  now?: () => Date;
  /** Tests: a verifier with other keys. */
  verifier?: SsoVerifier;
}

const require = createRequire(import.meta.url);
/** teams-js from node_modules, served by the service itself (no CDN, nothing from another origin). */
const TEAMS_JS_PATH = require.resolve('@microsoft/teams-js');
const TEAMS_JS_VERSION = (JSON.parse(readFileSync(require.resolve('@microsoft/teams-js/package.json'), 'utf8')) as { version: string }).version;
/** Its last line names a source map the service does not serve; cut, so devtools do not ask for it. */
const loadTeamsJs = () => readFileSync(TEAMS_JS_PATH, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');

const searchOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://tab.invalid').searchParams;
const THEMES = ['default', 'dark', 'contrast'] as const;
type Theme = (typeof THEMES)[number];
/** `?thema=` picks a theme outside Teams (local mode, screenshots); in Teams the context decides. */
const themeOf = (req: IncomingMessage): Theme | undefined => THEMES.find((t) => t === searchOf(req).get('thema'));

/**
 * Who asks, for routes outside the tab that show the same figures (the exports,
 * server/reportExport.ts): the Teams SSO token with credentials, the demo person of `?als=` in
 * local mode only. Undefined: nobody known (the caller answers 401).
 */
export function tabViewerResolver(o: { prisma: DbClient; sso: SsoSettings | undefined; verifier?: SsoVerifier }): (req: IncomingMessage) => Promise<ReportViewer | undefined> {
  const verifier = o.sso ? (o.verifier ?? createSsoVerifier(o.sso, o.prisma)) : undefined;
  return async (req) => {
    if (verifier) {
      const header = req.headers.authorization;
      const result = await verifier.verify(typeof header === 'string' ? header : undefined);
      return result.ok ? { personId: result.personId } : undefined;
    }
    const als = searchOf(req).get('als')?.toLowerCase();
    if (!als || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(als)) return undefined;
    const person = await o.prisma.person.findUnique({ where: { aadObjectId: als }, select: { id: true } });
    return person ? { personId: person.id } : undefined;
  };
}

type Viewer = { ok: true; viewer: ReportViewer } | { ok: false; status: 401 | 403; text: string };

export function registerTabRoutes(server: Server, o: TabRouteOptions): void {
  const now = o.now ?? (() => new Date());
  const verifier = o.sso ? (o.verifier ?? createSsoVerifier(o.sso, o.prisma)) : undefined;
  const local = !o.sso;
  let teamsJs: string | undefined;

  const stylesheet = `${TAB_PATHS.stylesheet}?v=${TAB_STYLESHEET_VERSION}`;
  const teamsJsUrl = `${TAB_PATHS.teamsJs}?v=${TEAMS_JS_VERSION}`;
  const tabScripts = [`${TAB_PATHS.script}?v=${TAB_SCRIPT_VERSION}`];

  /** Every tab route: its headers, and a Dutch message rather than restify's JSON when it fails. */
  const handle = (make: (req: Request) => Promise<TabReply>) => async (req: Request, res: Response) => {
    try {
      sendTab(res, await make(req));
    } catch (error) {
      // By name only: an error may quote figures or names.
      o.logger.error(`A report tab request failed: ${error instanceof Error ? error.name : 'unknown error'}`);
      if (!res.headersSent) sendTab(res, { status: 500, body: messageFragment(T.failed) });
    }
  };

  async function viewerFor(req: Request, devPerson: string | undefined): Promise<Viewer> {
    if (verifier) {
      const result = await verifier.verify(req.header('authorization'));
      if (result.ok) return { ok: true, viewer: { personId: result.personId } };
      return { ok: false, status: result.status, text: T.refusal[result.reason] };
    }
    if (!devPerson) return { ok: false, status: 401, text: T.dev.choose };
    const person = await o.prisma.person.findUnique({ where: { aadObjectId: devPerson }, select: { id: true } });
    if (!person) return { ok: false, status: 403, text: T.refusal.devUnknown };
    return { ok: true, viewer: { personId: person.id } };
  }

  /** The filters' choices: for a viewer only what her scope allows; the set-up page (no viewer yet) lists the regions. */
  async function choices(viewer?: ReportViewer): Promise<{ regions: Choice[]; organisations: Choice[] }> {
    const found = viewer ? await filterChoicesFor(o.prisma, viewer.personId) : { regions: await o.prisma.region.findMany({ select: { code: true, name: true }, orderBy: { name: 'asc' } }), organisations: [] };
    const choice = (r: { code: string; name: string }): Choice => ({ value: r.code, label: r.name });
    return { regions: found.regions.map(choice), organisations: found.organisations.map(choice) };
  }

  /** The demo people who are in this database, for local mode's picker. */
  async function demoChoices(): Promise<Choice[]> {
    const present = await o.prisma.person.findMany({ where: { aadObjectId: { in: demoPeople.map((p) => p.aadObjectId) } }, select: { aadObjectId: true } });
    const ids = new Set(present.map((p) => p.aadObjectId));
    return demoPeople.filter((p) => ids.has(p.aadObjectId)).map((p) => ({ value: p.aadObjectId, label: `${p.name} (${p.role === 'CLB_STAFF' ? 'CLB' : 'coördinator'}${p.organisationCodes ? `, ${p.organisationCodes.join(', ')}` : p.clbName ? `, ${p.clbName}` : ''})` }));
  }

  type Fragment = { status: number; body: string };

  async function figures(req: Request, devPerson: string | undefined, filter: ReportFilter, render: (report: Report, viewer: ReportViewer) => Promise<string>): Promise<Fragment> {
    const viewer = await viewerFor(req, devPerson);
    if (!viewer.ok) return { status: viewer.status, body: messageFragment(viewer.text) };
    const result = await o.reports(viewer.viewer, filter);
    if (result.refused) return { status: 403, body: messageFragment(result.message) };
    return { status: 200, body: await render(result.report, viewer.viewer) };
  }

  async function reportContent(req: Request): Promise<Fragment> {
    const parsed = parseTabQuery(searchOf(req), now());
    if (!parsed.ok) return { status: 400, body: problemsFragment(parsed.problems) };
    const devPerson = local ? parsed.query.devPerson : undefined;
    return figures(req, devPerson, parsed.query.filter, async (report, viewer) =>
      reportFragment(report, { reportPath: TAB_PATHS.report, annexPath: TAB_PATHS.annex, params: parsed.query.params, ...(devPerson ? { devPerson } : {}), ...(await choices(viewer)) }),
    );
  }

  async function annexContent(req: Request): Promise<Fragment> {
    const parsed = parseAnnexQuery(searchOf(req), now());
    if (!parsed.ok) return { status: 400, body: problemsFragment(parsed.problems) };
    const devPerson = local ? parsed.query.devPerson : undefined;
    return figures(req, devPerson, parsed.query.filter, async (report) => annexFragment(report, { reportPath: TAB_PATHS.report, ...(devPerson ? { devPerson } : {}) }));
  }

  /**
   * A shell: in Teams an empty #inhoud that the script fills from `content`; in local mode the
   * figures of the chosen demo person inline (or the request to choose one).
   */
  async function shell(req: Request, s: { title: string; content: string; fragment: () => Promise<Fragment>; path: string; keep: readonly string[] }): Promise<TabReply> {
    const search = searchOf(req);
    const base: Omit<ShellOptions, 'body'> = { title: s.title, heading: s.title, stylesheet, scripts: tabScripts, ...(themeOf(req) ? { theme: themeOf(req) } : {}) };
    if (!local) return { status: 200, body: shellPage({ ...base, teamsJs: teamsJsUrl, body: placeholder(s.content, messageFragment(T.loading)) }) };
    const keep = new URLSearchParams(s.keep.flatMap((k): [string, string][] => (search.get(k) ? [[k, search.get(k) ?? '']] : [])));
    const devPerson = search.get('als')?.toLowerCase() ?? undefined;
    const dev = { action: s.path, params: keep, people: await demoChoices(), ...(devPerson ? { selected: devPerson } : {}) };
    const fragment = devPerson ? await s.fragment() : { status: 200, body: messageFragment(T.dev.choose) };
    return { status: fragment.status, body: shellPage({ ...base, dev, body: placeholder(undefined, fragment.body) }) };
  }

  // async: restify tells promise handlers from callback ones by their kind.
  server.get(TAB_PATHS.stylesheet, async (_req: Request, res: Response) => sendTab(res, { status: 200, body: TAB_STYLESHEET, type: 'css', immutable: true }));
  server.get(TAB_PATHS.script, async (_req: Request, res: Response) => sendTab(res, { status: 200, body: TAB_SCRIPT, type: 'js', immutable: true }));
  server.get(TAB_PATHS.configScript, async (_req: Request, res: Response) => sendTab(res, { status: 200, body: CONFIG_SCRIPT, type: 'js', immutable: true }));
  server.get(TAB_PATHS.teamsJs, async (_req: Request, res: Response) => sendTab(res, { status: 200, body: (teamsJs ??= loadTeamsJs()), type: 'js', immutable: true }));

  server.get(TAB_PATHS.reportContent, handle(async (req) => reportContent(req)));
  server.get(TAB_PATHS.annexContent, handle(async (req) => annexContent(req)));
  server.get(
    TAB_PATHS.report,
    handle(async (req) => {
      const parsed = parseTabQuery(searchOf(req), now());
      if (!parsed.ok) {
        const body = shellPage({ title: T.title, heading: T.title, stylesheet, scripts: [], body: problemsFragment(parsed.problems) });
        return { status: 400, body };
      }
      return shell(req, { title: T.title, content: TAB_PATHS.reportContent, fragment: () => reportContent(req), path: TAB_PATHS.report, keep: ['van', 'tot', 'regio', 'organisatie', 'type'] });
    }),
  );
  server.get(
    TAB_PATHS.annex,
    handle(async (req) => {
      const parsed = parseAnnexQuery(searchOf(req), now());
      if (!parsed.ok) return { status: 400, body: shellPage({ title: T.annexTitle, heading: T.annexTitle, stylesheet, scripts: [], body: problemsFragment(parsed.problems) }) };
      return shell(req, { title: T.annexTitle, content: TAB_PATHS.annexContent, fragment: () => annexContent(req), path: TAB_PATHS.annex, keep: ['jaar', 'organisatie'] });
    }),
  );
  server.get(
    TAB_PATHS.config,
    handle(async (req) => {
      const { regions } = await choices();
      const scripts = [`${TAB_PATHS.configScript}?v=${CONFIG_SCRIPT_VERSION}`];
      return { status: 200, body: shellPage({ title: T.configTitle, heading: T.configTitle, stylesheet, scripts, teamsJs: teamsJsUrl, body: configBody(regions, TAB_PATHS.report), ...(themeOf(req) ? { theme: themeOf(req) } : {}) }) };
    }),
  );
}

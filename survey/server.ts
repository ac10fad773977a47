// The survey pages on the service's restify server, apart from the bot endpoint: a request under
// /s/ never reaches the bot's logic, and no survey request leaves a trace beyond its answer
// (nothing is logged about who asked what; errors are logged by name only).
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server } from 'restify';
import type { DbClient } from '../db/open.ts';
import type { Logger } from '../server/log.ts';
import { keptValues, readForm } from './form.ts';
import { isCrossSite, rateLimits, readFormBody, send } from './http.ts';
import type { Reply } from './http.ts';
import { tokenState } from './invitation.ts';
import type { TokenState } from './invitation.ts';
import { surveyLink } from './links.ts';
import { moveHeldAnswers } from './hold.ts';
import type { HoldGroup } from './hold.ts';
import { formPage, messagePage, printPage, SWITCH_PARAM } from './pages.ts';
import { qrSvg } from './qr.ts';
import { questionSetFor, SCHOOL_SET, YOUNG_SET } from './questions.ts';
import type { QuestionSet } from './questions.ts';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_PARAM, SURVEY_PREFIX, SURVEY_STYLESHEET, SURVEY_THANKS, thanksPath } from './routes.ts';
import type { Language } from './routes.ts';
import { STYLESHEET } from './style.ts';
import { submitAnswers } from './submit.ts';

export interface SurveyRouteOptions {
  prisma: DbClient;
  /** config.publicBaseUrl: undefined in local mode (the cross-site check then trusts the browser's own signals). */
  publicBaseUrl: string | undefined;
  /**
   * Where links on the pages point (survey/baseUrl.ts): PUBLIC_BASE_URL, or in local mode the
   * service's own address. Never the request's Host header: a forged Host would put a stranger's
   * address under a printed QR code.
   */
  linkBaseUrl: () => string;
  /** k of the anonymity rule (Config.privacy.minCount): answers move out of the hold in groups of k. */
  privacyMinCount: number;
  surveyRatePerMinute: number;
  logger: Logger;
  /** The clock (tests). */
  now?: () => Date;
}

const query = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://survey.invalid').searchParams;
const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://survey.invalid').pathname;
const languageOf = (req: IncomingMessage): Language => {
  const taal = query(req).get(LANGUAGE_PARAM);
  return isLanguage(taal) ? taal : DEFAULT_LANGUAGE;
};
const tokenOf = (req: Request): string => {
  const token: unknown = req.params?.token;
  return typeof token === 'string' ? token : '';
};

/** The page for a code that cannot be answered (any more): 404 unknown, 410 used or expired. */
function closedPage(state: Exclude<TokenState, { state: 'open' }>, language: Language, requested: string): Reply {
  const path = echoable(requested);
  if (state.state === 'unknown') return { status: 404, body: messagePage(language, 'notFound', path) };
  if (state.state === 'expired') return { status: 410, body: messagePage(language, 'expired', path) };
  return { status: 410, body: messagePage(language, state.group ? 'full' : 'used', path) };
}

export function registerSurveyRoutes(server: Server, o: SurveyRouteOptions): void {
  const limits = rateLimits(o.surveyRatePerMinute);
  const now = o.now ?? (() => new Date());

  /** Every survey route: the rate limit, the headers, and a friendly page when something fails. */
  const handle = (kind: 'view' | 'send', page: (req: Request, language: Language) => Promise<Reply>) => async (req: Request, res: Response) => {
    const language = languageOf(req);
    try {
      const wait = await limits.take(kind, req.socket.remoteAddress ?? 'unknown');
      if (wait !== undefined) {
        send(res, { status: 429, body: messagePage(language, 'rateLimited', pathOf(req)), headers: { 'Retry-After': String(wait) } });
        return;
      }
      send(res, await page(req, language));
    } catch (error) {
      // By name only: a database error may quote the values it was given (the answers).
      o.logger.error(`A survey request failed: ${error instanceof Error ? error.name : 'unknown error'}${hasCode(error) ? ` (${error.code})` : ''}`);
      if (!res.headersSent) send(res, { status: 500, body: messagePage(language, 'error', pathOf(req)) });
    }
  };

  // The answer is held already: a failed move only delays it (the minute's sweep tries again), so
  // the young person still hears "thank you".
  const moveReady = async (group: HoldGroup) => {
    try {
      await moveHeldAnswers(o.prisma, { minCount: o.privacyMinCount, group, now: now() });
    } catch (error) {
      o.logger.warn(`Moving held survey answers failed, tried again within a minute: ${error instanceof Error ? error.name : 'unknown error'}`);
    }
  };

  // HEAD wherever GET: the same handler (Node sends the headers and leaves the body out).
  const get = (path: string, handler: (req: Request, res: Response) => Promise<void>) => {
    server.get(path, handler);
    server.head(path, handler);
  };

  // async: restify tells promise handlers from callback ones by their kind.
  get(SURVEY_STYLESHEET, async (_req: Request, res: Response) => {
    send(res, { status: 200, body: STYLESHEET, type: 'css', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } });
  });

  get(
    SURVEY_THANKS,
    handle('view', async (_req, language) => ({ status: 200, body: messagePage(language, 'thanks', SURVEY_THANKS) })),
  );

  get(
    `${SURVEY_PREFIX}/:token`,
    handle('view', async (req, language) => {
      const path = pathOf(req);
      const state = await tokenState(o.prisma, tokenOf(req), now());
      if (state.state !== 'open') return closedPage(state, language, path);
      return { status: 200, body: formPage({ language, set: questionSetFor(state.invitation.variant), organisation: state.invitation.organisation, path }) };
    }),
  );

  server.post(
    `${SURVEY_PREFIX}/:token`,
    handle('send', async (req, queryLanguage) => {
      const path = pathOf(req);
      if (isCrossSite(req, o.publicBaseUrl)) return { status: 403, body: messagePage(queryLanguage, 'forbidden', path) };
      const read = await readFormBody(req);
      if (!read.ok) {
        if (read.status === 413) return { status: 413, body: messagePage(queryLanguage, 'tooLarge', path), headers: { Connection: 'close' } };
        return { status: 415, body: messagePage(queryLanguage, 'forbidden', path) };
      }
      const token = tokenOf(req);
      const language = languageFromBody(read.body) ?? queryLanguage;
      // The database away (reading the code, or storing the answers): the form again with every
      // answer kept and a word on top, never a page that loses them.
      const keep = (set = setFromBody(read.body)) => ({ status: 503, body: formPage({ language, set, organisation: '', path, values: keptValues(read.body, set), unavailable: true }), headers: { 'Retry-After': '60' } });
      let state: Awaited<ReturnType<typeof tokenState>>;
      try {
        state = await tokenState(o.prisma, token, now());
      } catch (error) {
        o.logger.warn(`A survey send could not read its code; the form came back with the answers: ${error instanceof Error ? error.name : 'unknown error'}`);
        return keep();
      }
      if (state.state === 'used') return { status: 409, body: messagePage(language, state.group ? 'full' : 'already', path) };
      if (state.state !== 'open') return closedPage(state, language, path);
      const set = questionSetFor(state.invitation.variant);
      const organisation = state.invitation.organisation;
      // A language button: the same form in the other language, with everything kept; nothing sent.
      const switchTo = new URLSearchParams(read.body).get(SWITCH_PARAM) ?? query(req).get(SWITCH_PARAM);
      if (isLanguage(switchTo)) return { status: 200, body: formPage({ language: switchTo, set, organisation, path, values: keptValues(read.body, set) }) };
      const form = readForm(read.body, set);
      if (!form.ok) return { status: 422, body: formPage({ language: form.language, set, organisation, path, values: form.values, errors: form.errors }) };
      let saved: Awaited<ReturnType<typeof submitAnswers>>;
      try {
        saved = await submitAnswers(o.prisma, { token, variant: state.invitation.variant, answers: form.answers, language: form.language, now: now() });
      } catch (error) {
        o.logger.warn(`A survey send could not be stored; the form came back with the answers: ${error instanceof Error ? error.name : 'unknown error'}`);
        return { ...keep(set), body: formPage({ language: form.language, set, organisation, path, values: keptValues(read.body, set), unavailable: true }) };
      }
      if (saved.ok) {
        await moveReady(saved.group);
        return { status: 303, body: '', headers: { Location: thanksPath(form.language) } };
      }
      // Lost the race: another send took the last answer in the meantime.
      if (saved.state.state === 'used') return { status: 409, body: messagePage(form.language, saved.state.group ? 'full' : 'already', path) };
      return closedPage(saved.state, form.language, path);
    }),
  );

  get(
    `${SURVEY_PREFIX}/:token/afdruk`,
    handle('view', async (req, language) => {
      const path = pathOf(req);
      const format = query(req).get('formaat') === 'kaart' ? 'kaart' : 'a4';
      const pagePath = format === 'kaart' ? `${path}?formaat=kaart` : path;
      const token = tokenOf(req);
      // Looking at the print page does not use the code; a code that cannot be answered is not printed.
      const state = await tokenState(o.prisma, token, now());
      if (state.state !== 'open') return closedPage(state, language, pagePath);
      const link = surveyLink(o.linkBaseUrl(), token, language);
      return { status: 200, body: printPage({ language, variant: state.invitation.variant, path: pagePath, qrSvg: await qrSvg(link), link, format, expiresAt: state.invitation.expiresAt }) };
    }),
  );

  // The survey's own front door: someone who typed the address without a code, or cut it short.
  for (const path of ['/', SURVEY_PREFIX, `${SURVEY_PREFIX}/`]) {
    get(path, handle('view', async (_req, language) => ({ status: 200, body: messagePage(language, 'home', SURVEY_PREFIX) })));
  }
  // A phone asks for it on every page: the survey's own icon, not a 404.
  get('/favicon.ico', async (_req: Request, res: Response) => {
    send(res, { status: 200, body: FAVICON, type: 'svg', headers: { 'Cache-Control': 'public, max-age=86400' } });
  });

  // Anything else (also a path too long for the router): the friendly "unknown code" page rather
  // than restify's JSON. A method an address does not take (PUT, DELETE, …) gets the same page, as
  // a 405. The path is repeated (in the language links) only when it is short and plain.
  const elsewhere = (status: 404 | 405) => (req: Request, res: Response, _error: unknown, done: () => void) => {
    // A code that exists, asked the wrong way: say that, not that the code is unknown.
    if (!res.headersSent) send(res, { status, body: messagePage(languageOf(req), status === 405 ? 'methodNotAllowed' : 'notFound', echoable(pathOf(req))) });
    done();
  };
  server.on('NotFound', elsewhere(404));
  server.on('MethodNotAllowed', elsewhere(405));
}

/** A path fit to repeat in a page: a survey address of normal length, else the survey's own. */
function echoable(path: string): string {
  return path.length <= 64 && /^\/s\/[A-Za-z0-9_-]+(\/afdruk(\?formaat=kaart)?)?$/.test(path) ? path : SURVEY_PREFIX;
}

/** The survey's icon: a speech bubble in the brand colour (an SVG, which browsers take for /favicon.ico too). */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0a5563"/><path d="M8 9h16a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2z" fill="#fff"/></svg>';

/** The question set the form said it holds (a hidden field), for when the database cannot tell. */
function setFromBody(body: string): QuestionSet {
  return new URLSearchParams(body).get('vragenlijst') === SCHOOL_SET.id ? SCHOOL_SET : YOUNG_SET;
}

function languageFromBody(body: string): Language | undefined {
  const taal = new URLSearchParams(body).get(LANGUAGE_PARAM);
  return isLanguage(taal) ? taal : undefined;
}

const hasCode = (error: unknown): error is { code: string } => typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';

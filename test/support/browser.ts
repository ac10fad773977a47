// The survey pages in a browser: Debian's Chromium through playwright-core (never a downloaded
// browser), a phone-sized tab that records every request and console message, and axe-core audits.
// Shared by test/surveyBrowser.test.ts and bench/survey.ts.
import { existsSync } from 'node:fs';
import axe from 'axe-core';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { z } from 'zod';

export const CHROMIUM = '/usr/bin/chromium';
// No background traffic of its own (updates, sync, QUIC probes), so every request a tab records
// was made by the page.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** A small phone: the survey is for a young person holding one. */
export const PHONE = { width: 360, height: 640 } as const;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface ConsoleEntry {
  type: string;
  text: string;
  url: string;
}

export interface PhoneTab {
  context: BrowserContext;
  page: Page;
  /** Every URL the tab requested, in order (page, stylesheet, images, favicon, form posts). */
  requests: string[];
  /** Every console message and uncaught page error. */
  console: ConsoleEntry[];
  close(): Promise<void>;
}

/** A fresh context (no shared cache or cookies) at 360×640, touch, with or without JavaScript. */
export async function phoneTab(browser: Browser, options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<PhoneTab> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale ?? 'nl-BE',
  });
  const requests: string[] = [];
  const consoleEntries: ConsoleEntry[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('console', (message) => consoleEntries.push({ type: message.type(), text: message.text(), url: page.url() }));
  page.on('pageerror', (error) => consoleEntries.push({ type: 'pageerror', text: error.message, url: page.url() }));
  return { context, page, requests, console: consoleEntries, close: () => context.close() };
}

/** Requests that went anywhere but `origin` (data: URLs are part of the page, not requests). */
export function foreignRequests(requests: readonly string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
}

/** Console lines in which Chromium reports a Content-Security-Policy violation. */
export function cspViolations(entries: readonly ConsoleEntry[]): ConsoleEntry[] {
  return entries.filter((e) => /Content[ -]Security[ -]Policy/i.test(e.text));
}

/** WCAG 2.2 level A and AA, as axe-core tags them (2.0, 2.1 and the criteria new in 2.2). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

const ZViolation = z.object({
  id: z.string(),
  impact: z.string().nullish(),
  help: z.string(),
  helpUrl: z.string(),
  nodes: z.array(z.object({ target: z.array(z.unknown()), html: z.string(), failureSummary: z.string().optional() })),
});
export type AxeViolation = z.infer<typeof ZViolation>;
const ZAxeResults = z.object({ violations: z.array(ZViolation), passes: z.array(z.object({ id: z.string() })) });

/**
 * axe-core's WCAG 2.2 A/AA violations of the page as it is now. The script goes in through the
 * DevTools protocol (page.evaluate of a string), which the page's Content-Security-Policy does not
 * govern, so the audit needs no weaker policy and the page is audited exactly as served.
 * Needs a context with JavaScript enabled.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (loaded !== true) await page.evaluate(axe.source);
  const options = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };
  // A string, not a function: this project's TypeScript has no DOM types, and axe lives on window.
  const results: unknown = await page.evaluate(`window.axe.run(document, ${JSON.stringify(options)})`);
  const parsed = ZAxeResults.parse(results);
  // An audit that checked nothing would pass every page: axe must have run its rules here.
  if (parsed.passes.length === 0) throw new Error(`axe-core checked nothing on ${page.url()}`);
  return parsed.violations;
}

/** Violations as a reader needs them to fix the page: rule, impact, help and each element. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${JSON.stringify(n.target)}\n      ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n');
      return `  ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** How far the page is wider than the viewport, in CSS pixels (0 = nothing to scroll sideways). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  const px: unknown = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  return z.number().parse(px);
}

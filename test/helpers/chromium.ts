import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, demoEmail, type DemoAccount } from './server.ts';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium. A missing browser is a failure, never a skip: in CI (CI=true) because
 * .ci/run must have installed it, and on a laptop because a green run without the browser
 * tests would claim what was not checked.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}${process.env.CI === 'true' ? ' (CI=true: .ci/run should have installed it)' : ''}. ` +
        'Install Debian\u2019s package: apt-get install chromium. The browser tests do not skip.',
    );
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A fresh context (own cookies) for one test, accepting downloads, as a UK desktop user. */
export function newContext(
  browser: Browser,
  opts: {
    baseURL: string;
    javaScriptEnabled?: boolean;
    bypassCSP?: boolean;
    /** Cookies saved from a context that signed in (`context.storageState()`). */
    storageState?: Awaited<ReturnType<BrowserContext['storageState']>>;
  },
): Promise<BrowserContext> {
  return browser.newContext({
    ...(opts.storageState ? { storageState: opts.storageState } : {}),
    baseURL: opts.baseURL,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    bypassCSP: opts.bypassCSP ?? false,
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1280, height: 900 },
  });
}

/** Signs in through the sign-in form, as a user does, and waits for the page it lands on. */
export async function signIn(page: Page, who: DemoAccount, start = '/sign-in'): Promise<void> {
  await page.goto(start);
  await page.getByLabel('Email address').fill(demoEmail(who));
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/sign-in')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page as it is now; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // page.evaluate of the source, not a <script> tag: the page's CSP forbids inline script,
  // and evaluation through the DevTools protocol is not subject to it.
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation and element, for a failure message a reader can act on. */
export function describeViolations(where: string, vs: readonly AxeViolation[]): string {
  if (vs.length === 0) return `${where}: no serious or critical violations`;
  return [
    `${where}: ${vs.length} serious or critical axe-core violation(s)`,
    ...vs.map((v) => `  [${v.impact}] ${v.id} (${v.help}): ${v.targets.slice(0, 5).join(', ')}`),
  ].join('\n');
}

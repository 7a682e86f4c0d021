/**
 * Screenshots of every page type as each role sees it, to look at before closing a change:
 *
 *   node --import tsx scripts/screenshots.ts OUTDIR [--demo-dir DIR]
 *
 * Builds a small synthetic demo force (or copies DIR, a data directory made by `bluelamp demo`),
 * starts `bluelamp serve --demo` on it on 127.0.0.1, signs in as each demo role in Chromium and
 * saves a full-page PNG of each page that role can reach (ROLE-PAGE.png), plus the public site
 * as an anonymous visitor and the scorecard at a phone's width.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newContext, signIn } from '../test/helpers/chromium.ts';
import { ROOT } from '../test/helpers/children.ts';
import { DEMO_ACCOUNTS, startDemoServer, type DemoAccount } from '../test/helpers/server.ts';
import { BAD_CRIMES } from '../test/browser/flows.ts';

const slug = (path: string) =>
  path
    .replace(/^\//, '')
    .replace(/[/?=&]+/g, '-')
    .replace(/-$/, '') || 'home';

/** Shoots one page; a page that fails to load is reported, and the others still shot. */
async function shoot(page: Page, outDir: string, name: string, url?: string): Promise<void> {
  try {
    const res = url ? await page.goto(url) : null;
    await page.waitForLoadState('load');
    const file = join(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const status = res ? ` ${res.status()}` : '';
    console.log(`${name}.png  ${new URL(page.url()).pathname}${status}`);
  } catch (e) {
    console.log(`${name}.png  FAILED: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The first measure the scorecard links to (or on the public site, the first public one). */
async function firstLink(page: Page, from: string, selector: string): Promise<string | null> {
  await page.goto(from);
  return page
    .locator(selector)
    .first()
    .getAttribute('href', { timeout: 5000 })
    .catch(() => null);
}

async function asRole(browser: Browser, baseURL: string, who: DemoAccount, outDir: string) {
  const context = await newContext(browser, { baseURL });
  const page = await context.newPage();
  await signIn(page, who);
  await shoot(page, outDir, `${who}-home`);
  const nav = await page
    .getByRole('navigation', { name: 'Menu' })
    .getByRole('link')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of nav) {
    await shoot(page, outDir, `${who}-${slug(href)}`, href);
    if (href === '/scorecard') {
      const measure = await firstLink(
        page,
        '/scorecard',
        'table.bl-scorecard a[href^="/measures/"]',
      );
      if (measure) await shoot(page, outDir, `${who}-measure`, measure);
    }
    if (href === '/reports' && who === 'analyst') {
      // A report being generated (the job page while it runs), then the list with the edition.
      await page.getByRole('button', { name: 'Generate report' }).click();
      await page.waitForURL(/\/jobs\//, { timeout: 10_000 }).catch(() => undefined);
      await shoot(page, outDir, `${who}-job-report-running`);
      await page.waitForTimeout(8000);
      await shoot(page, outDir, `${who}-reports-generated`, '/reports');
    }
    if (href === '/admin/users')
      await shoot(page, outDir, `${who}-admin-users-add`, '/admin/users/add');
    if (href === '/data' && who === 'analyst') {
      // A failed import's job page: the validation report a user reads.
      await page.goto('/data');
      const table = page.locator('select[name="table"]');
      if ((await table.count()) > 0) await table.selectOption('crimes');
      const file = page.locator('input[type="file"]');
      if ((await file.count()) > 0) {
        await file.setInputFiles({
          name: 'crimes.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(BAD_CRIMES),
        });
        await page
          .getByRole('button', { name: /upload|import/i })
          .first()
          .click();
        await page.waitForURL(/\/jobs\//, { timeout: 10_000 }).catch(() => undefined);
        await page.waitForTimeout(5000);
        await shoot(page, outDir, `${who}-job-import-failed`, page.url());
      }
    }
  }
  await shoot(page, outDir, `${who}-error-404`, '/no-such-page');
  if (who === 'analyst') {
    await page.setViewportSize({ width: 375, height: 800 });
    await shoot(page, outDir, `${who}-scorecard-phone`, '/scorecard');
  }
  await context.close();
}

async function anonymous(browser: Browser, baseURL: string, outDir: string) {
  const context = await newContext(browser, { baseURL });
  const page = await context.newPage();
  await shoot(page, outDir, 'anonymous-sign-in', '/sign-in');
  await shoot(page, outDir, 'anonymous-public', '/public');
  const measure = await firstLink(page, '/public', 'main a[href^="/public/measures/"]');
  if (measure) await shoot(page, outDir, 'anonymous-public-measure', measure);
  await shoot(page, outDir, 'anonymous-public-reports', '/public/reports');
  await shoot(page, outDir, 'anonymous-accessibility', '/accessibility');
  await shoot(page, outDir, 'anonymous-error-404', '/public/no-such-page');
  await page.setViewportSize({ width: 375, height: 800 });
  await shoot(page, outDir, 'anonymous-public-phone', '/public');
  await context.close();
}

async function main(argv: string[]): Promise<void> {
  const outArg = argv[0];
  if (!outArg || outArg.startsWith('-')) {
    console.error('usage: node --import tsx scripts/screenshots.ts OUTDIR [--demo-dir DIR]');
    process.exitCode = 2;
    return;
  }
  const outDir = resolve(outArg);
  mkdirSync(outDir, { recursive: true });
  const given = argv.indexOf('--demo-dir');
  let source = given >= 0 ? argv[given + 1] : undefined;
  let built: string | undefined;
  if (!source) {
    built = mkdtempSync(join(tmpdir(), 'bluelamp-screens-'));
    source = join(built, 'data');
    console.log('Building a small demo force …');
    const r = spawnSync(
      process.execPath,
      ['bin/bluelamp.js', '--data-dir', source, 'demo', '--scale', '0.02'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, TZ: 'Europe/London' },
      },
    );
    if (r.status !== 0) throw new Error('bluelamp demo failed');
  }
  const server = await startDemoServer(source);
  const browser = await launchChromium();
  try {
    console.log(`Serving at ${server.url}; screenshots into ${outDir}`);
    await anonymous(browser, server.url, outDir);
    for (const who of DEMO_ACCOUNTS) await asRole(browser, server.url, who, outDir);
  } finally {
    await browser.close();
    await server.stop();
    if (built) rmSync(built, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));

import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations, signIn } from '../helpers/chromium.ts';
import type { DemoAccount } from '../helpers/server.ts';
import { navigate, uploadBadCrimes, waitForJob } from './flows.ts';
import { browserSession } from './session.ts';

const s = browserSession();
type Saved = Awaited<ReturnType<BrowserContext['storageState']>>;
const saved = new Map<DemoAccount, Saved>();

/** Signs each role in once (the sign-in throttle counts every attempt) and keeps its cookies. */
beforeAll(async () => {
  for (const who of ['analyst', 'admin', 'panel'] as const) {
    const page = await s.open();
    await signIn(page, who);
    saved.set(who, await page.context().storageState());
  }
});

async function pageAs(who: DemoAccount | null): Promise<Page> {
  const state = who ? saved.get(who) : undefined;
  return s.open(state ? { storageState: state } : {});
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForLoadState('load');
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(`${what} (${page.url()})`, violations)).toEqual([]);
  expect(await page.title(), `${what} has a page title`).not.toBe('');
}

/** Opens a page and checks it answers with the status a user should get. */
async function visit(page: Page, url: string, status = 200): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(status);
}

describe('axe-core on every page type: no serious or critical violations', () => {
  it('finds a violation when there is one (the check can fail)', async () => {
    const page = await pageAs(null);
    await visit(page, '/accessibility');
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = '/assets/images/favicon.ico';
      document.querySelector('main')?.append(img);
    });
    const found = await seriousViolations(page);
    expect(found.map((v) => v.id)).toContain('image-alt');
  });

  it.each([
    ['sign-in', '/sign-in'],
    ['accessibility statement', '/accessibility'],
    ['public landing', '/public'],
    ['public reports', '/public/reports'],
  ])('%s, signed out', async (what, url) => {
    const page = await pageAs(null);
    await visit(page, url);
    await expectAccessible(page, what);
  });

  it('sign-in with an error', async () => {
    const page = await pageAs(null);
    await visit(page, '/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'sign-in with an error');
  });

  it('public measure', async () => {
    const page = await pageAs(null);
    await visit(page, '/public');
    await page.locator('main a[href^="/public/measures/"]').first().click();
    await page.waitForURL(/\/public\/measures\//);
    await expectAccessible(page, 'public measure');
  });

  it.each([
    ['home', '/'],
    ['scorecard', '/scorecard'],
    ['reports', '/reports'],
    ['data', '/data'],
    ['police-uk', '/police-uk'],
  ])('%s, as an analyst', async (what, url) => {
    const page = await pageAs('analyst');
    await visit(page, url);
    await expectAccessible(page, what);
  });

  it('measure, as an analyst', async () => {
    const page = await pageAs('analyst');
    await visit(page, '/scorecard');
    await page.locator('table.bl-scorecard a[href^="/measures/"]').first().click();
    await page.waitForURL(/\/measures\//);
    await expectAccessible(page, 'measure');
  });

  it('job page while the import runs and after it has failed, as an analyst', async () => {
    const page = await pageAs('analyst');
    await visit(page, '/data');
    await uploadBadCrimes(page);
    await page.waitForURL(/\/jobs\//);
    // The first view of a job is nearly always while it runs (the page reloads every 2 s, so
    // a reload that lands mid-check is tried again).
    if ((await page.locator('.govuk-summary-list').textContent())?.includes('In progress')) {
      let running: Awaited<ReturnType<typeof seriousViolations>> | null = null;
      for (let i = 0; i < 3 && running === null; i++)
        running = await seriousViolations(page).catch(() => null);
      expect(running, describeViolations('job in progress', running ?? [])).toEqual([]);
    }
    expect(await waitForJob(page)).toContain('Failed');
    await expectAccessible(page, 'job after a failed import');
  });

  it('reports with a generated board pack, as an analyst', async () => {
    const page = await pageAs('analyst');
    await visit(page, '/reports');
    await page.getByRole('button', { name: 'Generate report' }).click();
    expect(await waitForJob(page)).toContain('Finished');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/reports/);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'reports with an edition');
  });

  it('scorecard and measure in the suppressed edition, as a panel member', async () => {
    const page = await pageAs('panel');
    await visit(page, '/scorecard');
    await expectAccessible(page, 'panel scorecard');
    await page.locator('table.bl-scorecard a[href^="/measures/"]').first().click();
    await page.waitForURL(/\/measures\//);
    await expectAccessible(page, 'panel measure');
  });

  it.each([
    ['not found', '/no-such-page'],
    ['measure not found', '/measures/no-such-measure'],
  ])('error page: %s', async (what, url) => {
    const page = await pageAs('analyst');
    await visit(page, url, 404);
    await expectAccessible(page, what);
  });

  it('users and audit log, as an administrator', async () => {
    const page = await pageAs('admin');
    await visit(page, '/');
    await navigate(page, 'Users', /\/admin\/users/);
    await expectAccessible(page, 'admin users');
    await navigate(page, 'Audit log', /\/admin\/audit/);
    await expectAccessible(page, 'audit log');
  });
});

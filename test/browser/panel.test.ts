import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations, signIn } from '../helpers/chromium.ts';
import type { DemoAccount } from '../helpers/server.ts';
import { browserSession, where } from './session.ts';

// The panel in a real browser on the demo server: a panel member records a complaint and
// takes it to informal resolution through the forms, and every new page type (the panel's
// pages and the findings tracker upload) passes axe-core with no serious violation.

const s = browserSession();
type Saved = Awaited<ReturnType<BrowserContext['storageState']>>;
const saved = new Map<DemoAccount, Saved>();

beforeAll(async () => {
  for (const who of ['panel', 'oversight'] as const) {
    const page = await s.open();
    await signIn(page, who);
    saved.set(who, await page.context().storageState());
  }
});

const pageAs = (who: 'panel' | 'oversight') => s.open({ storageState: saved.get(who)! });

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForLoadState('load');
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(`${what} (${page.url()})`, violations)).toEqual([]);
  expect(await page.title(), `${what} has a page title`).not.toBe('');
}

describe('a panel member in the browser', () => {
  it('records a complaint and moves it to informal resolution', async () => {
    const page = await pageAs('panel');
    await page.goto('/panel');
    await page
      .getByRole('navigation', { name: 'Panel' })
      .getByRole('link', { name: 'Complaints', exact: true })
      .click();
    await page.waitForURL(/\/panel\/complaints$/);
    await page.getByRole('button', { name: 'Record a complaint' }).click();
    await page.waitForURL(/\/panel\/complaints\/new$/);
    await expectAccessible(page, 'record a complaint');

    await page.getByLabel('Day').fill('14');
    await page.getByLabel('Month').fill('10');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Handling of correspondence or contact').check();
    await page
      .getByLabel('Summary of the complaint')
      .fill('Letters about a neighbourhood policing matter went unanswered (browser test).');
    await page.getByRole('button', { name: 'Record complaint' }).click();
    await page.waitForURL(/\/panel\/complaints\/\d+$/);
    const url = where(page);
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('recorded as received');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Received');
    await expectAccessible(page, 'a complaint');

    await page.getByLabel('Record the complaint').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => u.pathname === url);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Recorded');

    await page.getByLabel('Start informal resolution').check();
    await page
      .getByLabel('Note for the timeline (optional)')
      .fill('Referred to a sub-panel of three members.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => u.pathname === url);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Informal resolution');
    const timeline = await page.locator('.moj-timeline').innerText();
    expect(timeline).toContain('Status: Recorded → Informal resolution');
    expect(timeline).toContain('Note: Referred to a sub-panel of three members.');
    expect(timeline).toContain('by Demo Panel Member');
    // Resolving asks for its outcome.
    await page.getByLabel('Resolve it').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Select the outcome');
    await expect.poll(() => page.getByLabel('Apology given').isVisible()).toBe(true);
    await expectAccessible(page, 'a complaint in informal resolution, resolving');
  });

  it.each([
    ['panel overview', '/panel'],
    ['complaints', '/panel/complaints?status=recorded'],
    ['annual complaints report', '/panel/complaints/report'],
    ['annual complaints report, public copy', '/panel/complaints/report?edition=public'],
    ['work programme', '/panel/work-programme'],
  ])('%s passes axe', async (what, url) => {
    const page = await pageAs('panel');
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    await expectAccessible(page, what);
  });

  it('a work programme item passes axe, with its form and timeline', async () => {
    const page = await pageAs('panel');
    await page.goto('/panel/work-programme');
    await page.locator('main table a').first().click();
    await page.waitForURL(/\/panel\/work-programme\/\d+$/);
    await expect.poll(() => page.getByRole('button', { name: 'Save changes' }).count()).toBe(1);
    await expectAccessible(page, 'a work programme item');
  });
});

describe('the policing body’s office in the browser', () => {
  it('reads the panel’s complaints without the forms, and the tracker upload passes axe', async () => {
    const page = await pageAs('oversight');
    await page.goto('/panel/complaints/1');
    await expect.poll(() => page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await expectAccessible(page, 'a complaint, read only');
    const res = await page.goto('/findings/import');
    expect(res?.status()).toBe(200);
    await expectAccessible(page, 'findings tracker upload');
    // The page refuses a bad file with its problems listed (no JavaScript needed for the form).
    await page.getByLabel('Tracker (CSV)').setInputFiles({
      name: 'tracker.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFFRef,Kind,Text\r\nR1,Observation,x\r\n'),
    });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.waitForLoadState('load');
    await expect
      .poll(() => page.locator('#problems').textContent())
      .toContain('nothing was imported');
    const problems = await page.locator('main table').first().innerText();
    expect(problems).toContain('source_title');
    await expectAccessible(page, 'findings tracker upload, refused');
  });
});

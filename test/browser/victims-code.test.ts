import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations, signIn } from '../helpers/chromium.ts';
import { browserSession, where } from './session.ts';

// The Victims' Code pages in a real browser on the demo server: an auditor (an analyst) records
// an audited case through the form and sees it counted; every new page passes axe-core with no
// serious or critical violation.

const s = browserSession();
const Q1 = '2021/22-Q1';

async function accessible(page: Page, url: string, status = 200): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(status);
  await page.waitForLoadState('load');
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(url, violations)).toEqual([]);
}

/** The number in the referral table's row for cases referred late. */
async function referredLate(page: Page): Promise<number> {
  const row = page.locator('#referral tr', { hasText: 'Referred, but after 2 days' });
  const text = (await row.locator('td').first().textContent()) ?? '';
  return Number(text.replace(/,/g, '').trim());
}

async function audited(page: Page): Promise<number> {
  const text =
    (await page
      .locator('dd', { hasText: /audited cases?$/ })
      .first()
      .textContent()) ?? '';
  return Number(/([\d,]+) audited case/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

describe("Victims' Code, in the browser", () => {
  it('an auditor records an audited case through the form and sees it counted', async () => {
    const page = await s.open();
    await signIn(page, 'analyst');
    await page.getByRole('link', { name: "Victims' Code" }).first().click();
    await page.waitForURL(/\/victims-code/);
    await page.getByLabel('Period').selectOption(Q1);
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/period=/);
    const casesBefore = await audited(page);
    const lateBefore = await referredLate(page);

    await page.getByRole('link', { name: 'Record an audited case' }).first().click();
    await page.waitForURL(/\/victims-code\/audits\/new/);
    await page.getByLabel('Case reference').fill('VC-BROWSER-1');
    const date = page.getByRole('group', { name: 'Date of the audit' });
    await date.getByLabel('Day').fill('2');
    await date.getByLabel('Month').fill('6');
    await date.getByLabel('Year').fill('2021');
    const lpa = page.getByLabel('Local policing area');
    const area = await lpa.locator('option').nth(1).getAttribute('value');
    await lpa.selectOption(area ?? '');
    const answer = async (question: string | RegExp, choice: string) =>
      page.getByRole('group', { name: question }).getByLabel(choice, { exact: true }).check();
    await answer(/acknowledgement that the crime was recorded/, 'Yes');
    await answer('Were the updates timely?', 'Yes');
    await answer(/Victim Personal Statement offered/, 'Not applicable');
    await answer('Was a support need identified?', 'Yes');
    await answer(
      /was the victim referred to support services\?$/,
      'Referred, but after more than 2 days',
    );
    await answer(/end of their criminal justice journey/, 'Yes');
    await answer(/informed about the Victims' Code/, 'No');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Ethnic group').selectOption('black');
    await page.getByRole('button', { name: 'Record the case' }).click();
    await page.waitForURL(/\/victims-code\?period=/);

    expect(where(page)).toBe(`/victims-code?period=${encodeURIComponent(Q1)}`);
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Audited case VC-BROWSER-1 recorded');
    expect(await audited(page)).toBe(casesBefore + 1);
    expect(await referredLate(page)).toBe(lateBefore + 1);
  });

  it('shows the form’s errors in a summary that links to each field', async () => {
    const page = await s.open();
    await signIn(page, 'analyst');
    await page.goto('/victims-code/audits/new');
    await page.getByRole('button', { name: 'Record the case' }).click();
    await page.waitForLoadState('load');
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.textContent()).toContain('Enter the case reference');
    await summary.getByRole('link', { name: 'Enter the case reference' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('case_id');
    const violations = await seriousViolations(page);
    expect(violations, describeViolations('the form with errors', violations)).toEqual([]);
  });

  it.each([
    ['analyst', `/victims-code?period=${Q1}`],
    ['oversight', `/victims-code?period=${Q1}&metric=referral`],
    ['lead', `/victims-code/withdrawals?period=${Q1}`],
    ['analyst', '/victims-code/audits/new'],
  ] as const)('%s: %s passes axe-core', async (who, url) => {
    const page = await s.open();
    await signIn(page, who);
    await accessible(page, url);
  });

  it('a bad period is a page that passes axe-core too', async () => {
    const page = await s.open();
    await signIn(page, 'analyst');
    await accessible(page, '/victims-code?period=soon', 400);
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations, signIn } from '../helpers/chromium.ts';
import { download, navigate } from './flows.ts';
import { browserSession, where } from './session.ts';

// The survey explorer in Chromium on a real demo server: an analyst goes from the menu to the
// SMS survey, segments it by team and day of the week for a year, reads the tables and downloads
// them; a strategic lead is offered no team or individual views. Axe on every page type.

const s = browserSession();

async function noSeriousViolations(page: Page, at: string): Promise<void> {
  const found = await seriousViolations(page);
  expect(found, describeViolations(at, found)).toEqual([]);
}

describe('the survey explorer in the browser', () => {
  it('an analyst explores the SMS survey by team and day of the week', async () => {
    const page = await s.open();
    await signIn(page, 'analyst');
    await navigate(page, 'Surveys', /\/surveys$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Surveys');
    await noSeriousViolations(page, '/surveys');

    await page.getByRole('link', { name: 'SMS contact survey' }).click();
    await page.waitForURL(/\/surveys\/sms\?/);
    await page.getByLabel('Period').selectOption('2021/22');
    await page.getByLabel('Question').selectOption('sms_overall');
    await page.getByLabel('Local policing area').uncheck();
    await page.getByLabel('Team', { exact: true }).check();
    await page.getByLabel('Day of the week').check();
    await Promise.all([
      page.waitForURL(/by=team/),
      page.getByRole('button', { name: 'Show figures' }).click(),
    ]);
    expect(where(page)).toMatch(/period=2021%2F22/);
    expect(where(page)).toMatch(/by=day_of_week&by=team/);

    const teams = page.getByRole('table', { name: /the service overall, by team/ });
    await expect.poll(() => teams.count()).toBe(1);
    const heads = await teams.locator('thead th').allTextContents();
    expect(heads.map((h) => h.trim())).toEqual([
      'Team',
      'Respondents',
      'Share',
      '95% interval',
      'Against the rest',
      'p (adjusted)',
      'Finding',
      'Notes',
    ]);
    const first = (await teams.locator('tbody tr').first().innerText()).split('\t');
    expect(first[0]).toBe('Contact Team 1');
    expect(first[1]).toMatch(/^\d+$/);
    expect(first[2]).toMatch(/^\d+(\.\d)?%$/);
    expect(first[3]).toMatch(/^\d+(\.\d)?–\d+(\.\d)?%$/);
    const days = page.getByRole('table', { name: /by day of the week/ });
    expect((await days.locator('tbody th').allTextContents()).map((d) => d.trim())).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(await page.locator('.govuk-summary-list').first().innerText()).toMatch(
      /Response rate\s+\d+% \(\d+–\d+%\), [\d,]+ of [\d,]+ surveys sent answered/,
    );
    await noSeriousViolations(page, '/surveys/sms');

    const csv = await download(page, () =>
      page.getByRole('link', { name: 'Download these segments as CSV' }).click(),
    );
    // The fields in the form's order, whichever was ticked first.
    expect(csv.name).toBe('survey_sms_2021-22_day_of_week_team.csv');
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^survey,period,question,field,segment,/);
    expect(lines.length).toBeGreaterThan(7);
  });

  it('shows a bad filter as an error the analyst can follow', async () => {
    const page = await s.open();
    await signIn(page, 'analyst');
    await page.goto('/surveys/sms?period=someday&by=lpa');
    await page.locator('.govuk-error-summary a', { hasText: 'Enter a period' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('period');
    await noSeriousViolations(page, '/surveys/sms (error)');
  });

  it('works without JavaScript: the filters are a plain GET form', async () => {
    const page = await s.open({ javaScriptEnabled: false });
    await signIn(page, 'analyst', '/sign-in?next=%2Fsurveys%2Fhate');
    expect(where(page)).toMatch(/^\/surveys\/hate/);
    await page.getByLabel('Age band').check();
    await Promise.all([
      page.waitForURL(/by=age_band/),
      page.getByRole('button', { name: 'Show figures' }).click(),
    ]);
    expect(await page.getByRole('table', { name: /by age band/ }).count()).toBeGreaterThan(0);
  });

  it('a strategic lead explores by area but is offered no team or individual views', async () => {
    const page = await s.open();
    await signIn(page, 'lead');
    await page.goto('/surveys/burglary?period=2021/22&by=lpa');
    expect(await page.getByLabel('Local policing area').isChecked()).toBe(true);
    expect(await page.getByLabel('Team', { exact: true }).count()).toBe(0);
    expect(await page.getByLabel('Officer or staff member').count()).toBe(0);
    const res = await page.goto('/surveys/sms?period=2021/22&by=staff');
    expect(res?.status()).toBe(403);
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations, signIn } from '../helpers/chromium.ts';
import { download } from './flows.ts';
import { browserSession, where } from './session.ts';

// The findings register in Chromium on a real demo server: the demo lead posts a progress
// update with an evidence file on a finding they lead and submits it for closure; the policing
// body's office records the board's approval; the timeline shows both. Axe checks each page type.

const s = browserSession();

/** Today in London as day, month and year, as a person types them. */
function londonToday(): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).formatToParts(new Date());
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { day: get('day'), month: get('month'), year: get('year') };
}

async function noSeriousViolations(page: Page, where: string): Promise<void> {
  const found = await seriousViolations(page);
  expect(found, describeViolations(where, found)).toEqual([]);
}

const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText();

describe('a finding from progress update to approved closure', () => {
  let findingUrl = '';

  it('the lead posts an update with an evidence file and submits it for closure', async () => {
    const page = await s.open();
    await signIn(page, 'lead');
    await page.goto('/findings?status=in_progress&kind=recommendation');
    await noSeriousViolations(page, '/findings');
    await page.getByRole('link', { name: 'Recommendation 3', exact: true }).click();
    await page.waitForURL(/\/findings\/\d+$/);
    findingUrl = where(page);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText())
      .toBe('Recommendation 3');
    await noSeriousViolations(page, `${findingUrl} (lead)`);

    const form = page.locator('form[action*="/updates"]');
    await form
      .getByLabel('What has been done')
      .fill('Action plan agreed by every partner (browser test).');
    await form.getByLabel('Day').fill('31');
    await form.getByLabel('Month').fill('3');
    await form.getByLabel('Year').fill('2021');
    await form.getByLabel('Amber').check();
    await form.getByLabel('Evidence file (optional)').setInputFiles({
      name: 'partner sign-off.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('partner,signed\nCouncil,yes\nHealth,yes\n'),
    });
    await Promise.all([
      page.waitForURL((u) => u.pathname === findingUrl),
      form.getByRole('button', { name: 'Post update' }).click(),
    ]);
    expect(await banner(page)).toContain('Your progress update and its file have been posted.');
    expect(await page.locator('#evidence ~ .govuk-summary-card').first().innerText()).toContain(
      'Evidence covering 31 March 2021',
    );

    const next = page.locator('form[action$="/transitions"]');
    await next.getByLabel('Note for the timeline (optional)').fill('Ready for the board');
    await Promise.all([
      page.waitForURL((u) => u.pathname === findingUrl),
      next.getByRole('button', { name: 'Submit evidence for closure' }).click(),
    ]);
    expect(await banner(page)).toContain('The finding is now evidence submitted.');
    // The lead cannot approve their own evidence.
    expect(await page.getByRole('button', { name: 'Approve closure' }).count()).toBe(0);
  });

  it('oversight records the board’s approval, and the timeline shows both', async () => {
    expect(findingUrl).not.toBe('');
    const page = await s.open();
    await signIn(page, 'oversight');
    await page.goto(findingUrl);
    await noSeriousViolations(page, `${findingUrl} (oversight)`);
    const file = await download(page, () =>
      page.getByRole('link', { name: 'partner sign-off.csv' }).click(),
    );
    expect(file.name).toBe('partner sign-off.csv');
    expect(file.bytes.toString('utf8')).toContain('Council,yes');

    const form = page.locator('form[action$="/board-reviews"]');
    expect(await form.getByLabel('Board', { exact: true }).inputValue()).toBe(
      'Service Improvement Board',
    );
    const today = londonToday();
    await form.getByLabel('Day').fill(today.day);
    await form.getByLabel('Month').fill(today.month);
    await form.getByLabel('Year').fill(today.year);
    await form.getByLabel('Closure approved').check();
    await form.getByLabel('What the board said (optional)').fill('Plan in place and monitored.');
    await Promise.all([
      page.waitForURL((u) => u.pathname === findingUrl),
      form.getByRole('button', { name: 'Record review' }).click(),
    ]);
    expect(await banner(page)).toContain('the finding is now approved for closure');
    expect(await page.locator('main .govuk-tag').first().innerText()).toMatch(
      /approved for closure/i,
    );

    const timeline = await page.locator('.moj-timeline').innerText();
    const order = [
      'Service Improvement Board: Closure approved',
      'Evidence submitted for closure',
      'Progress update',
    ].map((t) => timeline.indexOf(t));
    expect(
      order.every((i) => i >= 0),
      timeline,
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(timeline).toContain('by Demo Strategic Lead (through the web)');
    expect(timeline).toContain("by Demo Policing Body's Office (through the web)");
    expect(timeline).toContain('Status: In progress → Evidence submitted');
    expect(timeline).toContain('Status: Evidence submitted → Approved for closure');
    expect(timeline).toContain('Ready for the board');
    expect(timeline).toContain('File attached: partner sign-off.csv');
  });
});

describe('the inspections pages', () => {
  it('pass axe, with the register’s links between them', async () => {
    const page = await s.open();
    await signIn(page, 'panel');
    await page.goto('/inspections');
    await noSeriousViolations(page, '/inspections');
    await page.getByRole('link', { name: 'Crime data integrity inspection (demo)' }).click();
    await page.waitForURL(/\/inspections\/\d+$/);
    await noSeriousViolations(page, where(page));
    expect(await page.locator('main').innerText()).toContain('AFI 3');
    await page.goto('/findings');
    await noSeriousViolations(page, '/findings (panel)');
  });
});

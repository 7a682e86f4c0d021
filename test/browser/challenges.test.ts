import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations, signIn } from '../helpers/chromium.ts';
import { navigate } from './flows.ts';
import { browserSession, where } from './session.ts';

// Holding to account in Chromium: the policing body's office raises a written challenge from a
// signalled measure on the scorecard, the strategic lead answers it, the office closes it; and
// every holding-to-account page passes axe with no serious or critical violation.

const s = browserSession();

async function axe(page: Page, where: string): Promise<void> {
  const found = await seriousViolations(page);
  expect(found, describeViolations(where, found)).toEqual([]);
}

const banner = (page: Page) => page.locator('.govuk-notification-banner').textContent();

let challengePath = '';
const QUESTION = 'Why has this measure moved, and what will change? (browser test)';
const ANSWER =
  'A review of the cause is under way; a plan comes to the next meeting (browser test).';

describe('a written challenge from the scorecard, in the browser', () => {
  it('oversight follows "Raise a challenge" on a signalled measure and raises it for the lead', async () => {
    const page = await s.open();
    await signIn(page, 'oversight');
    await navigate(page, 'Scorecard', /\/scorecard/);
    const raise = page.getByRole('link', { name: /^Raise a challenge about / }).first();
    const about = ((await raise.textContent()) ?? '')
      .replace('Raise a challenge about ', '')
      .trim();
    expect(about).not.toBe('');
    await raise.click();
    await page.waitForURL(/\/challenges\/new\?measure=/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Raise a challenge');
    // The exception it came from is on the form: the measure, and what it shows.
    const prompted = (await page.locator('main').textContent()) ?? '';
    expect(prompted).toContain(about);
    expect(prompted).toMatch(/Target missed|Special cause of concern/);
    await axe(page, 'the new-challenge form');

    await page.getByLabel('The question').fill(QUESTION);
    await page
      .getByLabel('To be answered by')
      .selectOption({ label: 'Demo Strategic Lead (strategic lead)' });
    await Promise.all([
      page.waitForURL(/\/challenges\/\d+$/),
      page.getByRole('button', { name: 'Raise challenge' }).click(),
    ]);
    challengePath = where(page);
    expect(await banner(page)).toContain('Challenge raised.');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(QUESTION);
    expect(text).toContain(about);
    expect(text).toContain('Demo Strategic Lead');
    await axe(page, 'a challenge');
    // The measure link goes back to the measure page for the exception's period.
    const back = await page.locator('main a[href^="/measures/"]').first().getAttribute('href');
    expect(back).toMatch(/^\/measures\/[a-z0-9_]+\?period=/);
  });

  it('the lead signs in and answers it', async () => {
    expect(challengePath, 'the challenge was raised').not.toBe('');
    const page = await s.open();
    await signIn(page, 'lead');
    await page.goto(challengePath);
    await page.getByLabel('Your answer').fill(ANSWER);
    await Promise.all([
      page.waitForURL((u) => u.pathname === challengePath),
      page.getByRole('button', { name: 'Send answer' }).click(),
    ]);
    expect(await banner(page)).toContain('Answer sent.');
    expect(await page.getByLabel('Your answer').count(), 'answered: no form').toBe(0);
  });

  it('oversight sees the answer and closes the challenge', async () => {
    expect(challengePath, 'the challenge was raised').not.toBe('');
    const page = await s.open();
    await signIn(page, 'oversight');
    await page.goto(challengePath);
    expect(await page.locator('main').textContent()).toContain(ANSWER);
    await page.getByLabel('Close it: the answer is accepted').check();
    await page.getByLabel('Note (optional)').fill('Accepted (browser test).');
    await Promise.all([
      page.waitForURL((u) => u.pathname === challengePath),
      page.getByRole('button', { name: 'Save decision' }).click(),
    ]);
    expect(await banner(page)).toContain('Challenge closed.');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Closed');
    expect(text).toContain('answered → closed');
    expect(text).toContain('Accepted (browser test).');
    expect(await page.getByRole('button', { name: 'Save decision' }).count()).toBe(0);
    await axe(page, 'a closed challenge');
    await page.goto('/challenges?show=closed');
    expect(await page.locator('main').textContent()).toContain(QUESTION);
  });

  it('passes axe on every holding-to-account page, signed in and public', async () => {
    const page = await s.open();
    await signIn(page, 'oversight');
    for (const url of [
      '/meetings',
      '/meetings/1',
      '/meetings/new',
      '/challenges',
      '/challenges/4',
    ]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(200);
      await axe(page, url);
    }
    const anon = await s.open();
    for (const url of ['/public/meetings', '/public/meetings/1']) {
      const res = await anon.goto(url);
      expect(res?.status(), url).toBe(200);
      await axe(anon, url);
    }
    await anon.goto('/public');
    await anon
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Meetings' })
      .click();
    await anon.waitForURL(/\/public\/meetings$/);
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations, signIn } from '../helpers/chromium.ts';
import { navigate, waitForJob } from './flows.ts';
import { browserSession } from './session.ts';

const s = browserSession();

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForLoadState('load');
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(`${what} (${page.url()})`, violations)).toEqual([]);
}

/** Personal data as the demo's comments write it: an officer by rank and name, a phone number, an email. */
const RAW = /\b(?:PC|PCSO|DC|DS|Sgt|Insp) [A-Z][a-z]+|07700 ?900\d{3}|@example\.com/;

describe('an analyst reading comments in the browser', () => {
  it('reads redacted comments by theme, approves one as a quote and finds it in the board pack', async () => {
    const page = await s.open();
    await signIn(page, 'analyst');
    await navigate(page, 'Comments', /\/comments/);
    await expectAccessible(page, 'comments');
    expect(await page.locator('#themes-by-sentiment tbody tr').count()).toBeGreaterThan(6);
    // A year: twelve months in a table that scrolls sideways.
    const year = await page
      .locator('#period optgroup[label="Financial years"] option')
      .first()
      .getAttribute('value');
    await page.goto(`/comments?period=${encodeURIComponent(year ?? '')}`);
    expect(await page.locator('#themes-by-month thead th').count()).toBe(13);
    await expectAccessible(page, 'comments of a year');
    await navigate(page, 'Comments', /\/comments/);

    // One theme: its examples, every one redacted.
    await page.locator('#theme').selectOption({ label: 'Communication and updates' });
    await page.getByRole('button', { name: 'Show comments' }).click();
    await page.waitForURL(/theme=communication/);
    const period = await page.locator('#period').inputValue();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Communication and updates (');
    expect(main).not.toMatch(RAW);
    expect(main).toMatch(/\[(?:officer|phone|email)\]/);
    await expectAccessible(page, 'comments of one theme');

    // The first example with a redaction in it, proposed as a quote.
    const example = page.locator('main li', { hasText: /\[(?:officer|phone|email)\]/ }).first();
    await example.getByRole('link', { name: /Propose as quote/ }).click();
    await page.waitForURL(/\/comments\/quote\?/);
    await expectAccessible(page, 'quote for the board pack');
    const text = ((await page.locator('main blockquote').innerText()) ?? '')
      .trim()
      .replace(/^“|”$/g, '');
    expect(text).not.toMatch(RAW);
    await page.getByLabel('Approve as a quote').check();
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.waitForURL(/\/comments\/quote\?/);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'Quote approved',
    );
    expect(await page.locator('main').innerText()).toContain('Approved quote');

    // The comments page lists it among the board pack's quotes.
    await page.getByRole('link', { name: 'Back to comments' }).click();
    await page.waitForURL(/\/comments\?/);
    expect(await page.locator('#approved ~ ol').innerText()).toContain(text);

    // The board pack for the same period prints it in victims' words.
    await navigate(page, 'Reports', /\/reports/);
    await page.locator('#period').selectOption(period);
    await page
      .getByRole('button', { name: /generate/i })
      .first()
      .click();
    expect(await waitForJob(page, 120_000)).toContain('Finished');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/reports/);
    const view = page.getByRole('link', { name: /^View board/i }).first();
    const href = await view.getAttribute('href');
    expect(href).toMatch(/^\/reports\/\d+\/view$/);
    await page.goto(href!);
    const quotes = await page.locator('.bp-quote').allInnerTexts();
    expect(quotes.join('\n')).toContain(text);
    expect(quotes.join('\n')).not.toMatch(RAW);
  }, 240_000);
});

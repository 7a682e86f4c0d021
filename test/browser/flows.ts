import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';

/** Clicks what starts a download and returns the saved file's bytes and suggested name. */
export async function download(page: Page, click: () => Promise<void>) {
  const [d] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

/** Follows a link of the service navigation, as a user does. */
export async function navigate(page: Page, text: string, path: RegExp): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Menu' })
    .getByRole('link', { name: text, exact: true })
    .click();
  await page.waitForURL(path);
}

/**
 * Waits on a job page until the job has finished or failed, and returns its status row. The
 * page refreshes itself (no script needed), so this only reads it again and again.
 */
export async function waitForJob(page: Page, timeoutMs = 60_000): Promise<string> {
  await page.waitForURL(/\/jobs\//);
  const status = page.locator('.govuk-summary-list__row', { hasText: 'Status' });
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = (await status.textContent().catch(() => null)) ?? 'In progress';
    if (!text.includes('In progress')) return text.replace(/\s+/g, ' ').trim();
    if (Date.now() > until) throw new Error(`the job at ${page.url()} was still running`);
    await page.waitForTimeout(500);
  }
}

const CRIMES_HEADER =
  'crime_id,recorded_at,offence_code,offence_description,offence_subgroup,lpa,neighbourhood,victim_based,domestic_abuse,hate,cse,vulnerable_adult,child_at_risk,cyber_enabled,alcohol_related,non_recent,course_of_conduct,crimed_incident';
/** A crimes file whose one record (line 2) has a recorded_at that is not a date and time. */
export const BAD_CRIMES = `${CRIMES_HEADER}\nCR-9999991,not-a-date,58B,Criminal damage to a building other than a dwelling,Criminal damage,Eastvale,Eastvale Orchard Rise,true,false,false,false,false,false,false,false,false,false,false\n`;

/** On the data page: chooses the crimes table, attaches the bad file and starts the import. */
export async function uploadBadCrimes(page: Page): Promise<void> {
  const table = page.locator('select[name="table"]');
  if ((await table.count()) > 0) await table.selectOption('crimes');
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'crimes.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CRIMES) });
  await page
    .getByRole('button', { name: /upload|import/i })
    .first()
    .click();
}

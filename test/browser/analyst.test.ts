import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/chromium.ts';
import { download, navigate, uploadBadCrimes, waitForJob } from './flows.ts';
import { browserSession, where } from './session.ts';

const s = browserSession();

const toScorecard = (page: Page) => navigate(page, 'Scorecard', /\/scorecard/);

describe('an analyst in the browser', () => {
  it('signs in from the home page and lands signed in', async () => {
    const page = await s.open();
    await page.goto('/');
    expect(where(page)).toBe('/sign-in');
    await signIn(page, 'analyst', page.url());
    expect(where(page)).toBe('/');
    await expect.poll(() => page.locator('.bl-masthead__name').textContent()).toBe('Demo Analyst');
  });

  it('goes from the scorecard to a measure and downloads its CSV and XLSX', async () => {
    const page = await s.open();
    await signIn(page, 'analyst');
    await toScorecard(page);
    const first = page.locator('table.bl-scorecard a[href^="/measures/"]').first();
    const title = (await first.textContent())?.trim() ?? '';
    expect(title).not.toBe('');
    await first.click();
    await page.waitForURL(/\/measures\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(title);

    const csv = await download(page, () => page.getByRole('link', { name: 'Data as CSV' }).click());
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const header = lines[0]?.split(',') ?? [];
    expect(lines.length, 'the CSV has a header and at least one row').toBeGreaterThan(1);
    expect(header.length).toBeGreaterThan(1);
    // The columns are the result contract's field names, as the CLI's --json has them.
    for (const h of header) expect(h, `CSV header "${lines[0]}"`).toMatch(/^[a-z][a-z0-9_]*$/);

    const xlsx = await download(page, () =>
      page.getByRole('link', { name: /Excel workbook \(XLSX\)/ }).click(),
    );
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const firstRows = book.worksheets.map((w) =>
      ((w.getRow(1).values as unknown[]) ?? []).slice(1).map(String).join(','),
    );
    expect(firstRows, "one sheet of the workbook has the CSV's columns").toContain(lines[0]);
  });

  it('uploads a bad file on the data page and reads its errors on the job page', async () => {
    const page = await s.open();
    await signIn(page, 'analyst');
    await navigate(page, 'Data', /\/data/);
    await uploadBadCrimes(page);
    const status = await waitForJob(page);
    expect(status).toContain('Failed');
    const errors = await page.locator('main').innerText();
    // File, line, field and rule of the one problem, and a plain statement of the outcome.
    expect(errors).toMatch(/crimes\.csv, line 2, field recorded_at: must be [^.]*date/);
    expect(errors).toContain('nothing was imported');
  });

  it('generates the board pack on the reports page and downloads it', async () => {
    const page = await s.open();
    await signIn(page, 'analyst');
    await navigate(page, 'Reports', /\/reports/);
    await page
      .getByRole('button', { name: /generate/i })
      .first()
      .click();
    const status = await waitForJob(page);
    expect(status).toContain('Finished');
    await page.getByRole('button', { name: 'Continue' }).click();
    const pack = await download(page, () =>
      page
        .getByRole('link', { name: /board/i })
        .filter({ hasText: /download/i })
        .first()
        .click(),
    );
    expect(pack.bytes.length).toBeGreaterThan(1000);
    const start = pack.bytes.subarray(0, 15).toString('latin1');
    expect(start).toMatch(/^%PDF|^<!DOCTYPE html|^PK/i);
  });

  it('signs out, after which a protected page sends to sign-in', async () => {
    const page = await s.open();
    await signIn(page, 'analyst');
    await toScorecard(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/scorecard'));
    await page.goto('/scorecard');
    expect(where(page)).toBe('/sign-in?next=%2Fscorecard');
    await expect.poll(() => page.locator('.bl-masthead__name').count()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { browserSession, where } from './session.ts';

const s = browserSession();

describe('the public site, without signing in', () => {
  it('shows the public measures, one measure and the published reports', async () => {
    const page = await s.open();
    await page.goto('/public');
    expect(where(page)).toBe('/public');
    expect(await page.locator('.bl-masthead__name').count(), 'nobody is signed in').toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('');
    // The force and policing body are named on every public page (from the settings).
    const footer = (await page.locator('footer').textContent()) ?? '';
    expect(footer).toMatch(/Published by .+ and .+\./);

    const measure = page.locator('main a[href^="/public/measures/"]').first();
    const title = (await measure.textContent())?.trim() ?? '';
    expect(title).not.toBe('');
    await measure.click();
    await page.waitForURL(/\/public\/measures\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(title);
    const text = (await page.locator('main').textContent()) ?? '';
    // Disclosure control: no count of 1 to 4 is shown as a number next to a count word.
    expect(text).not.toMatch(/\b[1-4] (crimes?|victims?|people|arrests?|incidents?)\b/);

    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Reports', exact: true })
      .click();
    await page.waitForURL(/\/public\/reports/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/report/i);
  });

  it('offers no way into the signed-in service from a public page except signing in', async () => {
    const page = await s.open();
    await page.goto('/public');
    const hrefs = await page
      .locator('a[href^="/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const inside = hrefs.filter(
      (h) =>
        !/^\/(public|accessibility|sign-in|assets|api\/v1\/public|api\/v1\/openapi\.json)(\/|$|\?|#)/.test(
          h,
        ),
    );
    expect(inside, 'links from /public into signed-in pages').toEqual([]);
    await page.goto('/scorecard');
    expect(where(page)).toBe('/sign-in?next=%2Fscorecard');
  });
});

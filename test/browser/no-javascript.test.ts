import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/chromium.ts';
import { browserSession, where } from './session.ts';

const s = browserSession();

describe('the service with JavaScript turned off', () => {
  it('signs in, filters the scorecard and opens a measure', async () => {
    const page = await s.open({ javaScriptEnabled: false });
    await page.goto('/scorecard');
    expect(where(page)).toBe('/sign-in?next=%2Fscorecard');
    await signIn(page, 'analyst', page.url());
    expect(where(page)).toMatch(/^\/scorecard/);
    // No script ran: the class the page's own script adds is missing.
    expect(await page.locator('body').getAttribute('class')).not.toMatch(/js-enabled/);

    // The filter is a plain GET form: choose an area and press the button.
    const area = page.getByLabel('Local policing area');
    const areas = await area
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v));
    expect(areas.length).toBeGreaterThan(0);
    await area.selectOption(areas[0] ?? '');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/lpa=/);
    expect(new URL(page.url()).searchParams.get('lpa')).toBe(areas[0]);

    const link = page.locator('table.bl-scorecard a[href^="/measures/"]').first();
    const title = (await link.textContent())?.trim() ?? '';
    await link.click();
    await page.waitForURL(/\/measures\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(title);
    // The control chart is an SVG in the page, not drawn by script.
    expect(await page.locator('main svg').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/scorecard');
    expect(where(page)).toBe('/sign-in?next=%2Fscorecard');
  });
});

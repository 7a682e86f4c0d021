import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/chromium.ts';
import { navigate } from './flows.ts';
import { browserSession, where } from './session.ts';

const s = browserSession();

const optionsOf = (page: Page) =>
  page
    .getByLabel('Local policing area')
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));

/** The areas the whole-force analyst can choose: the force's LPAs. */
async function allAreas(page: Page): Promise<string[]> {
  await signIn(page, 'analyst');
  await page.goto('/scorecard');
  return (await optionsOf(page)).filter((v) => v !== '');
}

describe('an analyst scoped to one local policing area', () => {
  it('sees only their own area in the filter', async () => {
    const own = s.server.scopedLpa;
    expect(own).not.toBe('');
    const page = await s.open();
    await signIn(page, 'area-analyst');
    await navigate(page, 'Scorecard', /\/scorecard/);
    expect(await optionsOf(page)).toEqual([own]);
    expect(await page.locator('main').textContent()).not.toContain('Whole force');
  });

  it('cannot reach another area by editing the address: the page is not found', async () => {
    const own = s.server.scopedLpa;
    const areas = await allAreas(await s.open());
    const other = areas.find((a) => a !== own);
    expect(other, `another LPA than ${own} in ${areas.join(', ')}`).toBeDefined();

    const page = await s.open();
    await signIn(page, 'area-analyst');
    await page.goto('/scorecard');
    const measure = await page
      .locator('table.bl-scorecard a[href^="/measures/"]')
      .first()
      .getAttribute('href');
    const measurePath = new URL(measure ?? '/measures/x', s.server.url).pathname;
    for (const lpa of ['Other', other ?? '']) {
      for (const path of ['/scorecard', measurePath]) {
        const url = `${path}?lpa=${encodeURIComponent(lpa)}`;
        const res = await page.goto(url);
        expect(res?.status(), url).toBe(404);
        expect(await page.getByRole('heading', { level: 1 }).textContent(), url).toMatch(
          /not found/i,
        );
        expect(await page.locator('main').textContent(), url).not.toContain(lpa);
      }
    }
    // Nor through a download: the files answer 404 for another area too (same cookies).
    for (const ext of ['csv', 'xlsx']) {
      const url = `${measurePath}/download.${ext}?lpa=${encodeURIComponent(other ?? '')}`;
      expect((await page.request.get(url)).status(), url).toBe(404);
      const own2 = `${measurePath}/download.${ext}?lpa=${encodeURIComponent(own)}`;
      expect((await page.request.get(own2)).status(), own2).toBe(200);
    }
    // Their own area still works the same way.
    const mine = await page.goto(`/scorecard?lpa=${encodeURIComponent(own)}`);
    expect(mine?.status()).toBe(200);
    expect(where(page)).toContain('/scorecard');
  });
});

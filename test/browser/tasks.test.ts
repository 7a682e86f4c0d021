import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations, signIn } from '../helpers/chromium.ts';
import type { DemoAccount } from '../helpers/server.ts';
import { browserSession, where } from './session.ts';

// What is due, in a real browser on the demo server: /tasks, the /accountability landing and
// /admin/lines pass axe-core with no serious or critical violation, and the lines form works.

const s = browserSession();
type Saved = Awaited<ReturnType<BrowserContext['storageState']>>;
const saved = new Map<DemoAccount, Saved>();

beforeAll(async () => {
  for (const who of ['lead', 'oversight', 'admin'] as const) {
    const page = await s.open();
    await signIn(page, who);
    saved.set(who, await page.context().storageState());
  }
});

const pageAs = (who: DemoAccount): Promise<Page> => {
  const state = saved.get(who);
  return s.open(state ? { storageState: state } : {});
};

async function expectAccessible(page: Page, url: string): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  await page.waitForLoadState('load');
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(url, violations)).toEqual([]);
}

describe('what is due, in the browser', () => {
  it.each([
    ['lead', '/tasks'],
    ['oversight', '/tasks'],
    ['oversight', '/accountability'],
    ['lead', '/accountability'],
    ['admin', '/admin/lines'],
  ] as const)('%s: %s has no serious or critical axe-core violation', async (who, url) => {
    const page = await pageAs(who);
    await expectAccessible(page, url);
    expect(await page.title()).not.toBe('');
  });

  it("shows the demo lead their overdue findings, each a link to the finding's page", async () => {
    const page = await pageAs('lead');
    await page.goto('/tasks');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('What is due or overdue for me');
    const overdue = page.locator('section[aria-labelledby="overdue"] a[href^="/findings/"]');
    expect(await overdue.count()).toBeGreaterThan(0);
    expect(await page.getByRole('navigation', { name: 'Accountability' }).isVisible()).toBe(true);
  });

  it('lets an administrator set a line from the form', async () => {
    const page = await pageAs('admin');
    await page.goto('/admin/lines');
    await page.getByLabel('Escalates to (for Demo Strategic Lead)').selectOption({
      label: "Demo Policing Body's Office – Policing body (oversight)",
    });
    await Promise.all([
      page.waitForURL(/\/admin\/lines$/),
      page.getByRole('button', { name: 'Save escalation lines' }).click(),
    ]);
    expect(where(page)).toBe('/admin/lines');
    expect(await page.getByText('Escalation lines saved.').isVisible()).toBe(true);
    expect(await page.getByLabel('Escalates to (for Demo Strategic Lead)').inputValue()).not.toBe(
      '',
    );
  });
});

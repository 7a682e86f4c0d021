import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations, signIn } from '../helpers/chromium.ts';
import type { DemoAccount } from '../helpers/server.ts';
import { browserSession, where } from './session.ts';

// The plan in a real browser on the demo server: the demo lead posts this quarter's update on
// a commitment they lead and finds it on /plan; axe-core on the plan, a commitment, the
// consultation and the monitoring report (as the roles that see their forms).

const s = browserSession();
type Saved = Awaited<ReturnType<BrowserContext['storageState']>>;
const saved = new Map<DemoAccount, Saved>();

beforeAll(async () => {
  for (const who of ['lead', 'oversight', 'panel'] as const) {
    const page = await s.open();
    await signIn(page, who);
    saved.set(who, await page.context().storageState());
  }
});

const pageAs = (who: DemoAccount) => s.open({ storageState: saved.get(who)! });

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForLoadState('load');
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(`${what} (${page.url()})`, violations)).toEqual([]);
  expect(await page.title(), `${what} has a page title`).not.toBe('');
}

describe('the plan in the browser', () => {
  it('lets a lead post this quarter’s update on a commitment they lead and see it on /plan', async () => {
    const page = await pageAs('lead');
    await page.goto('/plan');
    // The demo lead leads the Chief Constable's commitments, none with an update this quarter yet.
    const cards = page.locator('.govuk-summary-card');
    let opened = false;
    for (let i = 0; i < (await cards.count()) && !opened; i++) {
      const link = cards.nth(i).locator('.govuk-summary-card__title a');
      await link.click();
      await page.waitForURL(/\/plan\/commitments\/\d+$/);
      if (
        (await page.getByRole('heading', { name: 'Post this quarter’s delivery update' }).count()) >
        0
      )
        opened = true;
      else await page.goto('/plan');
    }
    expect(opened, 'a commitment the lead can report on').toBe(true);
    const commitment = where(page);
    const text = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    const form = page.locator('form[action$="/updates"]');
    await form.getByLabel('Some concerns').check();
    await form
      .getByLabel('What has been done this quarter')
      .fill('Two of three milestones met (browser test).');
    await form.getByRole('button', { name: 'Post update' }).click();
    await page.waitForURL((u) => u.pathname === commitment);
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toMatch(/posted/);
    expect(await page.locator('main').innerText()).toContain(
      'Two of three milestones met (browser test).',
    );

    await page.goto('/plan');
    const card = page.locator('.govuk-summary-card', { hasText: text });
    await expect.poll(() => card.innerText()).toMatch(/Some concerns in \d{4}-\d{2} Q\d/);
  });

  it('has no serious accessibility problems on the plan, a commitment, consultation and the report', async () => {
    const lead = await pageAs('lead');
    await lead.goto('/plan');
    await expectAccessible(lead, 'the plan');
    const href = await lead.locator('.govuk-summary-card__title a').first().getAttribute('href');
    await lead.goto(href!);
    await expectAccessible(lead, 'a commitment, as its lead (with the update form)');

    const office = await pageAs('oversight');
    await office.goto('/plan/consultation');
    await expectAccessible(office, 'consultation, with the form to record a response');
    await office.goto('/plan/edit');
    await expectAccessible(office, 'editing the plan');
    await office.goto(href!);
    await expectAccessible(office, 'a commitment, with the measure link form');

    const panel = await pageAs('panel');
    await panel.goto('/plan/monitoring-report');
    await expectAccessible(panel, 'the monitoring report');
    expect(await panel.locator('main').innerText()).toContain('Commitments by delivery status');
  });
});

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openRecordsStore } from '../../src/records/open.ts';
import {
  describeViolations,
  launchChromium,
  newContext,
  seriousViolations,
  signIn,
} from '../helpers/chromium.ts';
import { startDemoServer, type DemoServer } from '../helpers/server.ts';
import { where } from './session.ts';

// In Chromium, on a real demo server: the policing body's office drafts the statutory response
// to a demo inspection from the register, gives each finding a position and planned action and
// the chief officer's comments, approves and publishes it; a visitor then finds the letter on the
// public site. axe-core on every page type on the way (signed in and public).

const TITLE = 'Police response to stalking and harassment (demo)';
let server: DemoServer | undefined;
let browser: Browser | undefined;
let root = '';
const pages: Page[] = [];

beforeAll(async () => {
  // A copy of the demo with one more fictional inspection, not yet answered, in its register.
  root = mkdtempSync(join(tmpdir(), 'bluelamp-responses-'));
  const dataDir = join(root, 'data');
  cpSync(inject('smallDemoDir'), dataDir, { recursive: true });
  const { records } = await openRecordsStore({ dataDir, clock: { now: () => new Date() } });
  try {
    const system = { userId: null, via: 'system' as const };
    const published = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
    const src = await records.findingSources.add(
      { kind: 'hmicfrs', title: TITLE, reportKind: 'thematic', publishedOn: published },
      system,
    );
    for (const [ref, kind, text] of [
      [
        'Recommendation 1',
        'recommendation',
        'Use stalking protection orders wherever they would protect a victim.',
      ],
      [
        'AFI 1',
        'area_for_improvement',
        'Make sure stalking is recognised and recorded when first reported.',
      ],
    ] as const)
      await records.findings.add({ sourceId: src.id, ref, kind, text, scope: 'force' }, system);
  } finally {
    await records.close();
  }
  [server, browser] = await Promise.all([startDemoServer(dataDir), launchChromium()]);
}, 180_000);
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.context().close()));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const context = await newContext(browser!, { baseURL: server!.url });
  const page = await context.newPage();
  pages.push(page);
  return page;
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForLoadState('load');
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(`${what} (${page.url()})`, violations)).toEqual([]);
  expect(await page.title(), `${what} has a page title`).not.toBe('');
}

describe('a statutory response in the browser', () => {
  it('is drafted from the register, filled in, approved and published by oversight, then read by the public', async () => {
    const page = await open();
    await signIn(page, 'oversight');
    await page.goto('/responses');
    await expectAccessible(page, 'the list of statutory responses');
    // The demo PEEL draft is due soon: the alert comes first.
    await expect
      .poll(() => page.locator('.bl-clock-alerts').textContent())
      .toMatch(/Due in \d+ days/);
    await page.getByRole('link', { name: `Draft a response to ${TITLE}` }).click();
    await page.waitForURL(/\/responses\/new\?source=\d+/);
    await expectAccessible(page, 'draft a response');
    expect(await page.locator('main').textContent()).toContain('Use stalking protection orders');
    await page.getByRole('button', { name: 'Draft the response' }).click();
    await page.waitForURL(/\/responses\/\d+\/edit$/);
    const id = /\/responses\/(\d+)\/edit/.exec(page.url())?.[1];
    await expectAccessible(page, 'edit a response');

    await page.getByLabel('Introduction').fill('This letter gives our comments on the report.');
    const rec = page.getByRole('group', { name: /position on Recommendation 1/ });
    await rec.getByRole('radio', { name: 'Accepted', exact: true }).check();
    await page
      .getByLabel('Planned action for Recommendation 1')
      .fill('Orders sought in every eligible case from April.');
    const afi = page.getByRole('group', { name: /position on AFI 1/ });
    await afi.getByRole('radio', { name: 'Partly accepted', exact: true }).check();
    await page
      .getByLabel('Planned action for AFI 1')
      .fill('A call-handling prompt; audit in six months.');
    const invited = page.getByRole('group', { name: 'Invited to comment on' });
    const d = new Date(Date.now() - 3 * 86_400_000);
    await invited.getByLabel('Day').fill(String(d.getDate()));
    await invited.getByLabel('Month').fill(String(d.getMonth() + 1));
    await invited.getByLabel('Year').fill(String(d.getFullYear()));
    await page
      .getByLabel('Comments of the chief officer')
      .fill('The force accepts the findings and has begun the work.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL(new RegExp(`/responses/${id}$`));
    expect(await page.locator('.govuk-notification-banner').first().textContent()).toContain(
      'Draft saved',
    );
    await expectAccessible(page, 'a response');

    await page.getByRole('button', { name: 'Approve the response' }).click();
    await page.waitForURL(new RegExp(`/responses/${id}$`));
    expect(await page.locator('main').textContent()).toContain('Response approved');
    // The publication date defaults to today; the copies to the duty's.
    expect(await page.getByLabel('Copies to').inputValue()).toContain('HMICFRS');
    await page.getByRole('button', { name: 'Publish the response' }).click();
    await page.waitForURL(new RegExp(`/responses/${id}$`));
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('it is now on the public site');
    expect(main).toMatch(/Published\s*by Demo Policing Body/);

    await page.goto(`/responses/${id}/letter`);
    await expectAccessible(page, 'the letter (signed in)');

    // A visitor, not signed in, finds it from the public site's navigation.
    const visitor = await open();
    await visitor.goto('/public');
    await visitor
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Inspection responses' })
      .click();
    await visitor.waitForURL(/\/public\/responses$/);
    await expectAccessible(visitor, 'public inspection responses');
    await visitor.getByRole('link', { name: TITLE, exact: true }).click();
    await visitor.waitForURL(new RegExp(`/public/responses/${id}$`));
    expect(where(visitor)).toBe(`/public/responses/${id}`);
    await expectAccessible(visitor, 'a published letter');
    const letter = (await visitor.locator('article.bl-letter').textContent()) ?? '';
    expect(letter).toContain(`Response to ${TITLE}`);
    expect(letter).toContain('Orders sought in every eligible case from April.');
    expect(letter).toContain('Partly accepted');
    expect(letter).toContain('The force accepts the findings and has begun the work.');
    expect(letter).toContain('Copies to');
    const pdf = await visitor.request.get(`/public/responses/${id}.pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 180_000);

  it('keeps a draft off the public site', async () => {
    const visitor = await open();
    await visitor.goto('/public/responses');
    const text = (await visitor.locator('main').textContent()) ?? '';
    expect(text).not.toContain('PEEL inspection of the demo force');
    const res = await visitor.goto('/public/responses/3');
    expect(res?.status()).toBe(404);
  });
});

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';
import { finished } from './upload.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  await f?.close();
});

const PERIOD = '2021/22-Q4';
const CHROMIUM = existsSync(process.env.BLUELAMP_CHROMIUM ?? '/usr/bin/chromium');

async function generate(b: Browser, edition: string, pdf: boolean) {
  await b.get('/reports');
  const res = await b.post('/reports', { period: PERIOD, edition, ...(pdf ? { pdf: 'yes' } : {}) });
  expect(res.statusCode).toBe(303);
  const job = await finished(f, String(res.headers.location), 180_000);
  expect(job.error).toBeNull();
  expect(job.state).toBe('done');
}

const rowIds = (html: string) =>
  [...html.matchAll(/href="\/reports\/(\d+)\/download"/g)].map((m) => m[1] as string);

describe('the reports page', () => {
  it('generates a board pack in the background and downloads it', async () => {
    const b = new Browser(f.app);
    await b.signIn(f.users.analyst.email);
    await generate(b, 'board', false);
    const page = await b.get('/reports');
    expect(page.body).toContain('Board pack');
    const [id] = rowIds(page.body);
    const file = await b.get(`/reports/${id}/download`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/html');
    expect(String(file.headers['content-disposition'])).toMatch(
      /^attachment; filename="bluelamp-board-2021-22-Q4\.html"$/,
    );
    expect(file.body).toContain('<html');
    const pubs = await f.deps.records.publications.list();
    expect(pubs[0]).toMatchObject({
      period: PERIOD,
      edition: 'board',
      format: 'html',
      public: false,
    });
  }, 240_000);

  it('prints a PDF through Chromium', async () => {
    // In CI Chromium is installed: its absence is a failure there, not a reason to skip.
    if (!CHROMIUM) {
      expect(process.env.CI, 'Chromium is missing (apt-get install -y chromium)').toBeFalsy();
      return;
    }
    const b = new Browser(f.app);
    await b.signIn(f.users.analyst.email);
    await generate(b, 'annex', true);
    const pdf = (await f.deps.records.publications.list()).find((p) => p.format === 'pdf');
    expect(pdf?.edition).toBe('annex');
    const file = await f.app.inject({
      url: `/reports/${pdf?.id}/download`,
      cookies: b.jar.header(),
    });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 240_000);

  it('shows the panel public editions only, once published', async () => {
    const analyst = new Browser(f.app);
    await analyst.signIn(f.users.analyst.email);
    await generate(analyst, 'public', false);
    const publicEdition = (await f.deps.records.publications.list()).find(
      (p) => p.edition === 'public',
    );
    const board = (await f.deps.records.publications.list()).find((p) => p.edition === 'board');

    const panel = new Browser(f.app);
    await panel.signIn(f.users.panel.email);
    const before = await panel.get('/reports');
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain('Board pack');
    expect(before.body).not.toContain('Generate report');
    expect(rowIds(before.body)).toEqual([publicEdition?.id]);
    expect((await panel.get(`/reports/${board?.id}/download`)).statusCode).toBe(404);
    expect((await panel.post(`/reports/${publicEdition?.id}/publish`)).statusCode).toBe(403);

    await analyst.get('/reports');
    const published = await analyst.post(`/reports/${publicEdition?.id}/publish`);
    expect(published.statusCode).toBe(303);
    expect(
      (await f.deps.records.publications.list({ publicOnly: true })).map((p) => p.path),
    ).toEqual([publicEdition?.path]);
    const after = await panel.get('/reports');
    expect(after.body).toContain('Published');
    expect((await panel.get(`/reports/${publicEdition?.id}/download`)).statusCode).toBe(200);
    // A board pack cannot be published.
    expect((await analyst.post(`/reports/${board?.id}/publish`)).statusCode).toBe(404);
  }, 240_000);

  it('asks for a period it can use, and refuses generation to other roles', async () => {
    const b = new Browser(f.app);
    await b.signIn(f.users.analyst.email);
    await b.get('/reports');
    const bad = await b.post('/reports', { period: 'soon', edition: 'board' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose a period for the report');
    const lead = new Browser(f.app);
    await lead.signIn(f.users.lead.email);
    await lead.get('/reports');
    expect((await lead.post('/reports', { period: PERIOD, edition: 'board' })).statusCode).toBe(
      403,
    );
  });
});

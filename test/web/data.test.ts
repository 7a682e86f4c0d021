import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';
import { finished, upload } from './upload.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  await f?.close();
});

const CALLS_HEADER = 'call_id,line,offered_at,answered_after_seconds';

async function analyst(): Promise<Browser> {
  const b = new Browser(f.app);
  await b.signIn(f.users.analyst.email);
  return b;
}

describe('the data page', () => {
  it('shows tables, coverage, batches and the store check', async () => {
    const b = await analyst();
    const page = await b.get('/data');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Store check');
    expect(page.body).toContain('Passed');
    expect(page.body).toContain('Coverage by month');
    expect(page.body).toMatch(/<td class="govuk-table__cell">crimes<\/td>/);
    expect(page.body).toContain('enctype="multipart/form-data"');
  });

  it('imports a good file in the background, audits it, and lists its batch', async () => {
    const b = await analyst();
    const before = (await f.deps.facts.current()).dataVersion;
    const csv = [
      CALLS_HEADER,
      'WEB-1,999,2022-03-01T10:00:00,5',
      'WEB-2,101,2022-03-01T11:00:00,',
    ].join('\n');
    const res = await upload(f, b, 'calls', [{ name: 'web-calls.csv', content: `${csv}\n` }]);
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/jobs\//);
    const job = await finished(f, location);
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    const jobPage = await b.get(location);
    expect(jobPage.body).toContain('Finished');
    expect(jobPage.body).toContain('href="/data"');
    expect((await f.deps.facts.current()).dataVersion).toBeGreaterThan(before);
    const data = await b.get('/data');
    expect(data.body).toContain('web-calls.csv');
    const audit = await f.deps.records.audit.list({ action: 'data_imported' });
    expect(audit[0]?.details).toMatchObject({ table: 'calls', rows: 2 });
  });

  it('refuses a bad file and lists each problem by file, line, field and rule, never the row', async () => {
    const b = await analyst();
    const secret = 'Mrs Example Person';
    const csv = [
      CALLS_HEADER,
      'BAD-1,112,2022-03-01T10:00:00,5',
      `BAD-2,999,not a date ${secret},-3`,
    ].join('\n');
    const res = await upload(f, b, 'calls', [{ name: 'bad-calls.csv', content: `${csv}\n` }]);
    expect(res.statusCode).toBe(303);
    const job = await finished(f, String(res.headers.location));
    expect(job.state).toBe('failed');
    const page = await b.get(String(res.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('nothing was imported');
    expect(page.body).toMatch(/bad-calls\.csv, line 2, field line: /);
    expect(page.body).toMatch(/bad-calls\.csv, line 3, field offered_at: /);
    expect(page.body).toMatch(/bad-calls\.csv, line 3, field answered_after_seconds: /);
    expect(page.body).not.toContain(secret);
    expect(page.body).not.toMatch(/bluelamp-upload-/);
    const data = await b.get('/data');
    expect(data.body).not.toContain('bad-calls.csv');
    const audit = await f.deps.records.audit.list({ action: 'data_import_refused' });
    expect(audit[0]?.details).toMatchObject({
      table: 'calls',
      code: 'VALIDATION_FAILED',
      problems: 3,
    });
  });

  it('says how many problems there are when it lists only the first', async () => {
    const b = await analyst();
    const rows = Array.from({ length: 80 }, (_, i) => `MANY-${i},112,2022-03-01T10:00:00,5`);
    const res = await upload(f, b, 'calls', [
      { name: 'many.csv', content: `${[CALLS_HEADER, ...rows].join('\n')}\n` },
    ]);
    await finished(f, String(res.headers.location));
    const page = await b.get(String(res.headers.location));
    expect(page.body).toContain('The first 50 of 80 problems are listed');
    expect(page.body.match(/many\.csv, line \d+, field line/g)?.length).toBe(50);
  });

  it('answers other requests while an import runs', async () => {
    const b = await analyst();
    // Large enough that reading and checking it takes a while; one bad row at the end.
    const rows = Array.from({ length: 300_000 }, (_, i) => `SLOW-${i},999,2022-03-01T10:00:00,5`);
    rows.push('SLOW-X,112,2022-03-01T10:00:00,5');
    const res = await upload(f, b, 'calls', [
      { name: 'slow.csv', content: `${[CALLS_HEADER, ...rows].join('\n')}\n` },
    ]);
    const location = String(res.headers.location);
    const job = f.deps.jobs.get(location.replace('/jobs/', ''));
    const other = new Browser(f.app);
    await other.signIn(f.users.lead.email);
    let answeredWhileRunning = 0;
    while (job?.state === 'running') {
      const t0 = Date.now();
      const page = await other.get('/reports');
      expect(page.statusCode).toBe(200);
      if (job.state === 'running' && Date.now() - t0 < 2000) answeredWhileRunning++;
      const progress = await b.get(location);
      // While it runs, the job page offers a way to check again (and its script reloads it);
      // never a meta refresh, which WCAG 2.2.1 forbids.
      if (progress.body.includes('In progress')) {
        expect(progress.body).toContain('Check progress');
        expect(progress.body).toContain('data-bl-refresh');
      }
      expect(progress.body).not.toContain('http-equiv="refresh"');
    }
    expect(answeredWhileRunning).toBeGreaterThan(0);
    expect(job?.state).toBe('failed');
  }, 120_000);

  it('keeps pages that read the facts answering while a good import loads', async () => {
    const b = await analyst();
    const rows = Array.from({ length: 1_500_000 }, (_, i) => `LOAD-${i},999,2022-03-01T10:00:00,5`);
    const res = await upload(f, b, 'calls', [
      { name: 'load.csv', content: `${[CALLS_HEADER, ...rows].join('\n')}\n` },
    ]);
    const location = String(res.headers.location);
    const job = f.deps.jobs.get(location.replace('/jobs/', ''));
    const other = new Browser(f.app);
    await other.signIn(f.users.admin.email);
    let answeredWhileRunning = 0;
    while (job?.state === 'running') {
      // /data reads the facts store (tables, batches, coverage, check) on every request.
      const page = await other.get('/data');
      expect(page.statusCode).toBe(200);
      if (job.state === 'running') answeredWhileRunning++;
    }
    expect(job?.state).toBe('done');
    // Readers were not held back for the whole import: many answers came while it ran.
    expect(answeredWhileRunning).toBeGreaterThan(2);
    const after = await other.get('/data');
    expect(after.body).toContain('1,500,000');
  }, 180_000);

  it('asks for a table and a file', async () => {
    const b = await analyst();
    const res = await upload(f, b, '', [{ name: 'x.csv', content: `${CALLS_HEADER}\n` }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choose the table to import into');
    const none = await upload(f, b, 'calls', []);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose a file to upload');
  });

  it('is refused to roles without the capability', async () => {
    const lead = new Browser(f.app);
    await lead.signIn(f.users.lead.email);
    expect((await lead.get('/data')).statusCode).toBe(403);
    const admin = new Browser(f.app);
    await admin.signIn(f.users.admin.email);
    expect((await admin.get('/data')).statusCode).toBe(200);
    const res = await upload(f, admin, 'calls', [{ name: 'x.csv', content: `${CALLS_HEADER}\n` }]);
    expect(res.statusCode).toBe(403);
  });
});

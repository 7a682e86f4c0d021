import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';
import { fixture } from '../facts/police-uk/helpers.ts';
import { finished, upload } from './upload.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  await f?.close();
});

const STREET = '2013-06-devon-and-cornwall-street.csv';

describe('the data.police.uk explorer', () => {
  it('says when nothing is loaded, and how to load it', async () => {
    const b = new Browser(f.app);
    await b.signIn(f.users.analyst.email);
    const page = await b.get('/police-uk');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No data.police.uk data is loaded');
    expect(page.body).toContain('bluelamp import police-uk');
    expect(page.body).toContain('href="/data#import"');
  });

  it('shows the summary as a chart by month and a table, filtered by a GET form', async () => {
    const b = new Browser(f.app);
    await b.signIn(f.users.analyst.email);
    const content = readFileSync(fixture('published', '2013-06', STREET), 'utf8');
    const res = await upload(f, b, 'police-uk', [{ name: STREET, content }]);
    const job = await finished(f, String(res.headers.location));
    expect(job.error).toBeNull();
    const rows = content.trim().split('\n').length - 1;

    const page = await b.get('/police-uk?by=crime_type');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Devon &amp; Cornwall Police');
    expect(page.body).toMatch(/<svg[^>]*role="img"/);
    expect(page.body).not.toMatch(/<style/);
    expect(page.body).toContain(`${rows.toLocaleString('en-GB')} published street rows`);

    const byMonth = await b.get('/police-uk?by=month&from=2013-06&to=2013-06');
    expect(byMonth.body).toContain('June 2013');
    const none = await b.get('/police-uk?by=month&from=2014-01');
    expect(none.body).toContain('No street rows match these filters.');
    const bad = await b.get('/police-uk?by=month&from=June');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    const unknown = await b.get('/police-uk?force=Nowhere%20Police');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('There is no force');
  });

  it('is refused to the panel', async () => {
    const b = new Browser(f.app);
    await b.signIn(f.users.panel.email);
    expect((await b.get('/police-uk')).statusCode).toBe(403);
  });
});

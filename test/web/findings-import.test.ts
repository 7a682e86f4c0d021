import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';
import { multipart } from './upload.ts';

// The findings tracker upload (/findings/import) on the small demo: who may use it, a file
// saved as Excel's "CSV UTF-8" refused with every problem on the page and nothing written, a
// good file imported and imported again without change, and the form's CSRF token.

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  await f?.close();
});

const LEAD = 'lead@test.example';
const HEADER =
  'Source title,Source kind,Report kind,Published on,Ref,Kind,Text,Scope,Due,Lead email,Status';
const REPORT = 'Custody inspection (web test),HMICFRS,Joint,12/03/2024';
const excel = (lines: string[]) => `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;
const GOOD = excel([
  HEADER,
  `${REPORT},Recommendation 1,Recommendation,"Check detainees' welfare, every hour.",Force,30/09/2024,${LEAD},In progress`,
  `${REPORT},AFI 1,AFI,Record the use of force in custody.,,immediately,,`,
  `${REPORT},AFI 2,Cause of concern,Improve healthcare provision.,,,,`,
  ',,,,,,,,,,',
]);
const BAD = excel([
  HEADER,
  `${REPORT},Recommendation 1,Recommendation,Fine.,,,,`,
  `${REPORT},AFI 1,Finding,Bad kind.,,,,`,
  `${REPORT},AFI 2,AFI,Bad lead.,,,nobody@test.example,Allocated`,
  `${REPORT},AFI 3,AFI,,,,,`,
]);

async function send(
  b: Browser,
  fields: Record<string, string>,
  file: { name: string; content: string } | null,
  csrf: string | null = b.csrf,
) {
  const body = multipart(fields, file ? [file] : []);
  const res = await f.app.inject({
    method: 'POST',
    url: `/findings/import${csrf === null ? '' : `?_csrf=${encodeURIComponent(csrf)}`}`,
    cookies: b.jar.header(),
    headers: { 'content-type': body.contentType },
    payload: body.payload,
  });
  b.jar.take(res); // the banner of the page it sends to is in a cookie
  return res;
}

const signedIn = async (who: 'admin' | 'oversight' | 'lead' | 'panel' | 'analyst') => {
  const b = new Browser(f.app);
  await b.signIn(f.users[who].email);
  await b.get('/findings/import');
  return b;
};
const findingCount = async () => (await f.deps.records.findings.list()).length;

describe('the findings tracker upload', () => {
  it('is for administrators and the policing body’s office only', async () => {
    for (const who of ['admin', 'oversight'] as const)
      expect((await (await signedIn(who)).get('/findings/import')).statusCode).toBe(200);
    for (const who of ['lead', 'panel', 'analyst'] as const) {
      const b = await signedIn(who);
      expect((await b.get('/findings/import')).statusCode).toBe(403);
      expect(
        (await send(b, { createSources: 'yes' }, { name: 't.csv', content: GOOD })).statusCode,
      ).toBe(403);
    }
  });

  it('lists every problem of a bad file by line and column, and imports nothing', async () => {
    const b = await signedIn('oversight');
    const before = await findingCount();
    const res = await send(b, { createSources: 'yes' }, { name: 'tracker.csv', content: BAD });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('tracker.csv: 3 problems found, so nothing was imported.');
    const rows = [
      ...res.body.matchAll(
        /<tr class="govuk-table__row">\s*<td[^>]*>(\d+)<\/td>\s*<td[^>]*><code>([a-z_]+)<\/code>/g,
      ),
    ].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(['3 kind', '4 lead_email', '5 text']);
    expect(res.body).toContain('must be the email address of a user of the service');
    expect(await findingCount()).toBe(before);
    const audit = await f.deps.records.audit.list({ limit: 50, action: 'tracker_import_refused' });
    expect(audit[0]?.details).toEqual({ problems: 3 });
  });

  it('imports a good file, and changes nothing when it comes again', async () => {
    const b = await signedIn('admin');
    const before = await findingCount();
    const res = await send(b, { createSources: 'yes' }, { name: 'tracker.csv', content: GOOD });
    expect(res.statusCode).toBe(303);
    const page = await b.get(String(res.headers.location));
    expect(page.body).toContain(
      'Imported tracker.csv: 3 rows; 3 findings added, 0 updated, 0 unchanged; 1 report added.',
    );
    expect(await findingCount()).toBe(before + 3);
    const again = await send(b, { createSources: 'yes' }, { name: 'tracker.csv', content: GOOD });
    expect(again.statusCode).toBe(303);
    expect((await b.get('/findings/import')).body).toContain(
      '0 findings added, 0 updated, 3 unchanged',
    );
    expect(await findingCount()).toBe(before + 3);
    const report = (await f.deps.records.findingSources.list()).find(
      (s) => s.title === 'Custody inspection (web test)',
    );
    expect(report).toMatchObject({
      kind: 'hmicfrs',
      reportKind: 'joint',
      publishedOn: '2024-03-12',
    });
    const found = await f.deps.records.findings.list({ sourceId: report!.id });
    expect(found.map((x) => [x.ref, x.kind, x.status])).toEqual([
      ['Recommendation 1', 'recommendation', 'in_progress'],
      ['AFI 1', 'area_for_improvement', 'awaiting_allocation'],
      ['AFI 2', 'cause_of_concern', 'awaiting_allocation'],
    ]);
    expect(found[0]!.text).toBe("Check detainees' welfare, every hour.");
  });

  it('puts the rows in a chosen report, and refuses a report and "add reports" together', async () => {
    const b = await signedIn('oversight');
    const report = (await f.deps.records.findingSources.list()).find(
      (s) => s.title === 'Custody inspection (web test)',
    )!;
    const file = {
      name: 'more.csv',
      content: 'Ref,Kind,Text\r\nAFI 3,AFI,Train custody staff.\r\n',
    };
    const both = await send(b, { source: report.id, createSources: 'yes' }, file);
    expect(both.statusCode).toBe(400);
    expect(both.body).toContain('Choose a report, or let the import add new reports, not both');
    const res = await send(b, { source: report.id }, file);
    expect(res.statusCode).toBe(303);
    expect(
      (await f.deps.records.findings.list({ sourceId: report.id })).map((x) => x.ref),
    ).toContain('AFI 3');
    const unknown = await send(b, { source: '99999' }, file);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Choose a report from the list');
  });

  it('asks for a file, and refuses an upload without the form’s CSRF token', async () => {
    const b = await signedIn('admin');
    const none = await send(b, {}, null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose a CSV file to upload');
    const before = await findingCount();
    const forged = await send(
      b,
      { createSources: 'yes' },
      { name: 'x.csv', content: GOOD.replaceAll('web test', 'forged') },
      null,
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('CSRF_REFUSED');
    expect(await findingCount()).toBe(before);
  });
});

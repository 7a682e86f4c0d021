import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Finding, Role } from '../../src/records/api.ts';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

// The findings register in the browser (app.inject): each page as each role, the filters and
// the downloads, the forms with their CSRF tokens, and the refusals, from the records' own
// rules, shown in the page's error summary.

const VIEWS = join(import.meta.dirname, '..', '..', 'src', 'web', 'views');
let f: WebFixture;
const as: Partial<Record<Role, Browser>> = {};
const cli: Actor = { userId: null, via: 'cli' };
let sourceId = '';
let n = 0;

beforeAll(async () => {
  f = await webFixture();
  for (const role of ['admin', 'analyst', 'lead', 'oversight', 'panel'] as const) {
    const b = new Browser(f.app);
    await b.signIn(f.users[role].email);
    as[role] = b;
  }
  sourceId = (
    await f.deps.records.findingSources.add(
      {
        kind: 'hmicfrs',
        title: 'Inspection of custody (test)',
        reportKind: 'thematic',
        publishedOn: '2021-03-01',
      },
      cli,
    )
  ).id;
});
afterAll(async () => {
  await f?.close();
});

const PATH = ['allocated', 'in_progress', 'evidence_submitted', 'approved_for_closure', 'closed'];
/** A finding led by the test lead, taken to `status` by the command line. */
async function ours(status: Finding['status'], text = 'Review the use of custody.') {
  const found = await f.deps.records.findings.add(
    {
      sourceId,
      ref: `Recommendation ${++n}`,
      kind: 'recommendation',
      text,
      scope: 'force',
      due: '2021-09-01',
      leadUserId: status === 'awaiting_allocation' ? null : f.users.lead.id,
    },
    cli,
  );
  for (const to of PATH.slice(0, PATH.indexOf(status) + 1))
    await f.deps.records.findings.transition(found.id, to as Finding['status'], cli);
  return found.id;
}

/** A multipart form with one file, posted as the browser `b` (CSRF token in the query). */
async function postMultipart(
  b: Browser,
  url: string,
  fields: Record<string, string>,
  file: { name: string; type: string; bytes: Buffer } | null,
  csrf: string | null = b.csrf,
): Promise<LightMyRequestResponse> {
  const boundary = 'findingsboundary42';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const target = csrf === null ? url : `${url}?_csrf=${encodeURIComponent(csrf)}`;
  const res = await f.app.inject({
    method: 'POST',
    url: target,
    cookies: b.jar.header(),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
  b.jar.take(res);
  return res;
}

const demoFindings = () => f.deps.records.findings.list();

describe('who sees the register', () => {
  it('shows each page to every signed-in role, and none of it to the public', async () => {
    const [first] = await demoFindings();
    const pages = [
      '/findings',
      `/findings/${first!.id}`,
      '/inspections',
      `/inspections/${sourceId}`,
    ];
    for (const role of ['admin', 'analyst', 'lead', 'oversight', 'panel'] as const)
      for (const url of pages) {
        const res = await as[role]!.get(url);
        expect(res.statusCode, `${url} as ${role}`).toBe(200);
      }
    // Governance-neutral: the body's name comes from the records, never from these templates.
    for (const view of readdirSync(VIEWS).filter((v) => /^(findings|inspections)-/.test(v)))
      expect(readFileSync(join(VIEWS, view), 'utf8')).not.toMatch(
        /\bPCC\b|Police and Crime Commissioner/,
      );
    for (const url of [...pages, '/findings.csv', '/findings.xlsx']) {
      const res = await new Browser(f.app).get(url);
      expect(res.statusCode).toBe(303);
      expect(String(res.headers.location)).toMatch(/^\/sign-in/);
    }
  });

  it('keeps the forms that change things from those who may not use them', async () => {
    expect((await as.lead!.get('/inspections/new')).statusCode).toBe(403);
    expect((await as.panel!.get(`/inspections/${sourceId}/findings/new`)).statusCode).toBe(403);
    await as.analyst!.get('/findings');
    expect((await as.analyst!.post('/findings/1/transitions', { to: 'closed' })).statusCode).toBe(
      403,
    );
    await as.panel!.get('/findings');
    expect(
      (await as.panel!.post('/findings/1/board-reviews', { decision: 'noted' })).statusCode,
    ).toBe(403);
  });
});

describe('the register', () => {
  it('lists the demo findings with status, RAG, due flags, age and the age profile', async () => {
    const res = await as.oversight!.get('/findings');
    const body = res.body;
    expect(body).toContain('<h1 class="govuk-heading-l">Findings register</h1>');
    for (const t of ['Awaiting allocation', 'In progress', 'Evidence submitted', 'Closed'])
      expect(body).toContain(t);
    expect(body).toContain('Due immediately');
    expect(body).toContain('Overdue');
    expect(body).toMatch(/govuk-tag--red">\s*Red/);
    expect(body).toMatch(/govuk-tag--yellow">\s*Amber/);
    expect(body).toContain('Age of the open findings');
    for (const band of ['0 to 3 months', '3 to 6 months', '6 to 12 months', 'Over 12 months'])
      expect(body).toContain(band);
    expect(body).toContain('href="/findings.csv"');
  });

  it('filters by status, kind, source, lead and lateness', async () => {
    const all = await demoFindings();
    const count = (html: string) =>
      (html.match(/<a class="govuk-link" href="\/findings\/\d+">/g) ?? []).length;
    const closed = await as.analyst!.get('/findings?status=closed');
    expect(count(closed.body)).toBe(all.filter((x) => x.status === 'closed').length);
    expect(closed.body).toContain('Clear the filters');
    const afi = await as.analyst!.get('/findings?kind=area_for_improvement');
    expect(count(afi.body)).toBe(all.filter((x) => x.kind === 'area_for_improvement').length);
    const src = await as.analyst!.get(`/findings?source=${sourceId}`);
    expect(count(src.body)).toBe(all.filter((x) => x.sourceId === sourceId).length);
    const demoLead = all.find((x) => x.leadUserId && x.leadUserId !== f.users.lead.id)!.leadUserId!;
    const led = await as.analyst!.get(`/findings?lead=${demoLead}`);
    expect(count(led.body)).toBe(all.filter((x) => x.leadUserId === demoLead).length);
    const late = await as.analyst!.get('/findings?overdue=yes');
    expect(late.body).not.toMatch(/govuk-tag--green">\s*Closed/);
    expect(closed.body).toMatch(/govuk-tag--green">\s*Closed/);
    expect(count(late.body)).toBeGreaterThan(0);
    expect(count(late.body)).toBeLessThan(all.length);
    // Nonsense filters are dropped, not obeyed.
    const odd = await as.analyst!.get('/findings?status=nonsense&kind=x&source=abc');
    expect(count(odd.body)).toBe(all.length);
  });

  it('downloads the filtered register as CSV and XLSX, formulas kept as text', async () => {
    await ours('in_progress', '=HYPERLINK("http://example.org","click")');
    const all = await demoFindings();
    const csv = await as.panel!.get('/findings.csv?status=in_progress');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="findings-register_\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe(
      'id,source,source_published_on,ref,kind,text,scope,status,rag,strategic_lead,due,due_flag,age_months,age_band',
    );
    expect(lines.length - 1).toBe(all.filter((x) => x.status === 'in_progress').length);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://example.org"",""click"")"`);
    const xlsx = await as.admin!.get('/findings.xlsx?status=in_progress');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Findings')!;
    expect(sheet.rowCount).toBe(lines.length);
    const texts: unknown[] = [];
    sheet.eachRow((row) => texts.push(row.getCell(6).value));
    expect(texts).toContain('=HYPERLINK("http://example.org","click")');
    expect(book.getWorksheet('About')).toBeDefined();
  });
});

describe('a finding’s page', () => {
  it('offers its lead the update form and their next step, and another lead neither', async () => {
    const id = await ours('allocated');
    const mine = await as.lead!.get(`/findings/${id}`);
    expect(mine.body).toContain('Post a progress update');
    expect(mine.body).toContain('value="in_progress"');
    expect(mine.body).toContain('Start work');
    expect(mine.body).not.toContain('Record a board review');
    const [demo] = (await demoFindings()).filter(
      (x) => x.status === 'in_progress' && x.leadUserId !== f.users.lead.id,
    );
    const theirs = await as.lead!.get(`/findings/${demo!.id}`);
    expect(theirs.body).not.toContain('Post a progress update');
    expect(theirs.body).not.toContain('What happens next');
  });

  it('offers oversight approval or decline, and the analyst and panel nothing to change', async () => {
    const id = await ours('evidence_submitted');
    const o = await as.oversight!.get(`/findings/${id}`);
    expect(o.body).toContain('Approve closure');
    expect(o.body).toContain('Decline closure');
    expect(o.body).toContain('Record a board review');
    expect(o.body).toContain('value="approve_closure"');
    const a = await as.admin!.get(`/findings/${id}`);
    expect(a.body).not.toContain('value="approve_closure"');
    expect(a.body).toContain('value="noted"');
    for (const role of ['analyst', 'panel'] as const) {
      const res = await as[role]!.get(`/findings/${id}`);
      expect(res.body).not.toMatch(/<form method="post" action="\/findings/);
    }
  });

  it('takes the lead’s update with a file (CSRF checked), and shows it to all but the panel', async () => {
    const id = await ours('in_progress');
    const b = as.lead!;
    await b.get(`/findings/${id}`);
    const file = { name: 'custody audit.csv', type: 'text/csv', bytes: Buffer.from('a,b\n1,2\n') };
    const fields = {
      text: 'Audit of 50 custody records.',
      'coversOn-day': '31',
      'coversOn-month': '5',
      'coversOn-year': '2021',
      rag: 'amber',
    };
    expect((await postMultipart(b, `/findings/${id}/updates`, fields, file, null)).statusCode).toBe(
      403,
    );
    expect(
      (await postMultipart(b, `/findings/${id}/updates`, fields, file, 'wrong')).statusCode,
    ).toBe(403);
    const res = await postMultipart(b, `/findings/${id}/updates`, fields, file);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/findings/${id}`);
    const page = await b.get(`/findings/${id}`);
    expect(page.body).toContain('Your progress update and its file have been posted.');
    expect(page.body).toContain('Evidence covering 31 May 2021');
    expect(page.body).toContain('Audit of 50 custody records.');
    expect(page.body).toMatch(/RAG: Not set → Amber/);
    const [stored] = await f.deps.records.evidenceFiles.forFinding(id, cli);
    const href = `/findings/${id}/evidence/${stored!.id}`;
    expect(page.body).toContain(`href="${href}"`);
    const got = await as.analyst!.get(href);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="custody audit.csv"; filename*=UTF-8''custody%20audit.csv`,
    );
    expect(got.headers['content-type']).toMatch(/^text\/csv/);
    expect(got.body).toBe('a,b\n1,2\n');
    const panel = await as.panel!.get(`/findings/${id}`);
    expect(panel.body).toContain('Audit of 50 custody records.');
    expect(panel.body).not.toContain(href);
    expect(panel.body).toContain('Evidence files are not shown to panel members.');
    expect((await as.panel!.get(href)).statusCode).toBe(404);
  });

  it('says what is wrong with an update, and keeps what was typed', async () => {
    const id = await ours('in_progress');
    const b = as.lead!;
    await b.get(`/findings/${id}`);
    const res = await postMultipart(
      b,
      `/findings/${id}/updates`,
      { text: 'Typed text', 'coversOn-day': '1', 'coversOn-month': '1', 'coversOn-year': '2999' },
      { name: 'run me.exe', type: 'application/octet-stream', bytes: Buffer.from('MZ') },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('The date the evidence covers must be today or in the past');
    expect(res.body).toContain('href="#coversOn-day"');
    expect(res.body).toMatch(/run me\.exe cannot be attached: evidence files must be PDF/);
    expect(res.body).toContain('Typed text');
    const empty = await postMultipart(b, `/findings/${id}/updates`, { text: ' ' }, null);
    expect(empty.body).toContain('Enter what has been done');
    expect(empty.body).toContain('Enter the date the evidence covers');
    expect(await f.deps.records.findings.evidence(id)).toEqual([]);
    // Someone else's finding: the records refuse, the page says so.
    const other = (await demoFindings()).find(
      (x) => x.status === 'in_progress' && x.leadUserId !== f.users.lead.id,
    )!;
    const refused = await postMultipart(
      b,
      `/findings/${other.id}/updates`,
      { text: 'Not mine', 'coversOn-day': '1', 'coversOn-month': '1', 'coversOn-year': '2021' },
      null,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('You cannot add evidence to this finding.');
  });

  it('takes each step from its taker only, with the note on the timeline', async () => {
    const id = await ours('in_progress');
    await as.lead!.get(`/findings/${id}`);
    const bad = await as.lead!.post(`/findings/${id}/transitions`, { to: 'closed', note: '' });
    expect(bad.statusCode).toBe(409);
    expect(bad.body).toContain('A finding that is in progress cannot become closed.');
    const wrong = await as.lead!.post(`/findings/${id}/transitions`, { to: 'bogus' });
    expect(wrong.statusCode).toBe(400);
    const ok = await as.lead!.post(`/findings/${id}/transitions`, {
      to: 'evidence_submitted',
      note: 'Audit attached',
    });
    expect(ok.statusCode).toBe(303);
    await as.admin!.get(`/findings/${id}`);
    const notAdmin = await as.admin!.post(`/findings/${id}/transitions`, {
      to: 'approved_for_closure',
    });
    expect(notAdmin.statusCode).toBe(403);
    expect(notAdmin.body).toContain('You cannot move this finding to approved for closure.');
    const page = await as.lead!.get(`/findings/${id}`);
    expect(page.body).toContain('The finding is now evidence submitted.');
    expect(page.body).toContain('Evidence submitted for closure');
    expect(page.body).toContain('Status: In progress → Evidence submitted');
    expect(page.body).toContain('Audit attached');
    expect(page.body).toContain('Test lead (through the web)');
  });

  it('records a board’s approval, taking the step; refuses it from the administrator', async () => {
    const id = await ours('evidence_submitted');
    const review = {
      board: 'Service Improvement Board',
      'heldOn-day': '2',
      'heldOn-month': '6',
      'heldOn-year': '2021',
      note: 'Sustained improvement',
    };
    await as.admin!.get(`/findings/${id}`);
    const refused = await as.admin!.post(`/findings/${id}/board-reviews`, {
      ...review,
      decision: 'approve_closure',
    });
    expect(refused.statusCode).toBe(403);
    await as.oversight!.get(`/findings/${id}`);
    const missing = await as.oversight!.post(`/findings/${id}/board-reviews`, { board: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter the name of the board');
    expect(missing.body).toContain('Enter the date the board met');
    expect(missing.body).toContain('Select the board’s decision');
    const ok = await as.oversight!.post(`/findings/${id}/board-reviews`, {
      ...review,
      decision: 'approve_closure',
    });
    expect(ok.statusCode).toBe(303);
    expect((await f.deps.records.findings.byId(id))?.status).toBe('approved_for_closure');
    const page = await as.oversight!.get(`/findings/${id}`);
    expect(page.body).toContain('the finding is now approved for closure');
    expect(page.body).toContain('Service Improvement Board: Closure approved');
    expect(page.body).toContain('Held on 2 June 2021');
    expect(page.body).toContain('Sustained improvement');
  });

  it('lets the administrator allocate a finding, and not oversight', async () => {
    const id = await ours('awaiting_allocation');
    await as.oversight!.get(`/findings/${id}`);
    const no = await as.oversight!.post(`/findings/${id}/allocation`, { lead: f.users.lead.id });
    expect(no.statusCode).toBe(403);
    const page = await as.admin!.get(`/findings/${id}`);
    expect(page.body).toContain('Allocate to a strategic lead');
    expect((await as.admin!.post(`/findings/${id}/allocation`, {})).statusCode).toBe(400);
    const ok = await as.admin!.post(`/findings/${id}/allocation`, { lead: f.users.lead.id });
    expect(ok.statusCode).toBe(303);
    expect(await f.deps.records.findings.byId(id)).toMatchObject({
      status: 'allocated',
      leadUserId: f.users.lead.id,
    });
    expect((await as.admin!.get(`/findings/${id}`)).body).toContain(
      'The finding has been allocated to Test lead.',
    );
  });

  it('answers 404 for a finding or file that is not there', async () => {
    expect((await as.admin!.get('/findings/999999')).statusCode).toBe(404);
    expect((await as.admin!.get('/findings/abc')).statusCode).toBe(404);
    expect((await as.admin!.get('/findings/1/evidence/999999')).statusCode).toBe(404);
    await as.admin!.get('/findings');
    expect(
      (await as.admin!.post('/findings/999999/transitions', { to: 'closed' })).statusCode,
    ).toBe(404);
  });
});

describe('inspections', () => {
  it('lists the reports with grades, counts and the response clock', async () => {
    const res = await as.panel!.get('/inspections');
    expect(res.body).toContain('Crime data integrity inspection (demo)');
    expect(res.body).toContain('Crime data integrity: <strong>Good</strong>');
    expect(res.body).toContain('Response published');
    expect(res.body).toContain('Response due soon');
    expect(res.body).toMatch(/href="\/responses\/\d+"/);
    expect(res.body).not.toContain('Add a report');
    expect((await as.oversight!.get('/inspections')).body).toContain('Add a report');
  });

  it('adds a report and a finding of it, with errors first', async () => {
    const b = as.oversight!;
    await b.get('/inspections/new');
    const bad = await b.post('/inspections', {
      kind: 'hmicfrs',
      title: '',
      peelGrades: 'Leadership: Great',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select whether the inspection is PEEL, thematic or joint');
    expect(bad.body).toContain('Enter the title of the report');
    expect(bad.body).toContain('Enter the date it was published');
    expect(bad.body).toContain('Line 1 of the PEEL grades must be');
    const ok = await b.post('/inspections', {
      kind: 'hmicfrs',
      reportKind: 'peel',
      title: 'PEEL 2021 (web test)',
      'publishedOn-day': '14',
      'publishedOn-month': '5',
      'publishedOn-year': '2021',
      peelGrades: 'Investigating crime: adequate\nResponding to the public: Good',
    });
    expect(ok.statusCode).toBe(303);
    const id = /^\/inspections\/(\d+)$/.exec(String(ok.headers.location))?.[1];
    expect(await f.deps.records.findingSources.byId(id!)).toMatchObject({
      publishedOn: '2021-05-14',
      peelGrades: { 'Investigating crime': 'Adequate', 'Responding to the public': 'Good' },
    });
    const page = await b.get(`/inspections/${id}`);
    expect(page.body).toContain('PEEL 2021 (web test) has been added.');
    expect(page.body).toContain('No response recorded; it was due on 8 July 2021');
    await b.get(`/inspections/${id}/findings/new`);
    const none = await b.post(`/inspections/${id}/findings`, { due: 'date' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Enter the date it is due');
    const added = await b.post(`/inspections/${id}/findings`, {
      ref: 'AFI 1',
      kind: 'area_for_improvement',
      text: 'Supervise investigations.',
      scope: 'force',
      due: 'immediately',
    });
    expect(added.statusCode).toBe(303);
    const fid = /^\/findings\/(\d+)$/.exec(String(added.headers.location))?.[1];
    expect(await f.deps.records.findings.byId(fid!)).toMatchObject({
      sourceId: id,
      due: 'immediately',
      status: 'awaiting_allocation',
    });
    expect((await b.get(`/inspections/${id}`)).body).toContain('AFI 1');
  });
});

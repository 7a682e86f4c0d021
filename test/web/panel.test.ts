import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPRESSION_NOTE } from '../../src/present/disclosure.ts';
import { forgetOrganisation } from '../../src/web/layout-model.ts';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

// The panel's pages and API on the small demo: who may read and who may write, recording a
// complaint and taking it through its steps with the timeline each step leaves, CSRF, the
// annual report in full and as its disclosure-controlled public copy (page and PDF), the work
// programme, and the holder named from the records rather than by the pages.

let f: WebFixture;
const cli = { userId: null, via: 'cli' as const };
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  await f?.close();
});

const signedIn = async (who: 'admin' | 'analyst' | 'lead' | 'oversight' | 'panel') => {
  const b = new Browser(f.app);
  await b.signIn(f.users[who].email);
  return b;
};
const received = (d: number, m: number, y: number) => ({
  'receivedOn-day': String(d),
  'receivedOn-month': String(m),
  'receivedOn-year': String(y),
});
/** The text of a table row headed `label` (its first cell after the header). */
const rowFigure = (html: string, label: string) =>
  new RegExp(`>${label}</th>\\s*<td[^>]*>([^<]*)</td>`).exec(html)?.[1]?.trim();

describe('who may use the panel’s pages', () => {
  it('lets the panel, its administrators and the body’s office read, and only the first two write', async () => {
    for (const who of ['admin', 'oversight', 'panel'] as const) {
      const b = await signedIn(who);
      for (const url of [
        '/panel',
        '/panel/complaints',
        '/panel/work-programme',
        '/panel/complaints/1',
      ])
        expect((await b.get(url)).statusCode, `${who} ${url}`).toBe(200);
      const list = await b.get('/panel/complaints');
      expect(list.body.includes('href="/panel/complaints/new"'), who).toBe(who !== 'oversight');
    }
    for (const who of ['analyst', 'lead'] as const) {
      const b = await signedIn(who);
      expect((await b.get('/panel')).statusCode).toBe(403);
      expect((await b.get('/panel/complaints/1')).statusCode).toBe(403);
    }
    const office = await signedIn('oversight');
    await office.get('/panel/complaints');
    const before = (await f.deps.records.complaints.list()).length;
    const res = await office.post('/panel/complaints', {
      ...received(1, 5, 2024),
      summary: 'Should not be recorded (test).',
      category: 'other',
    });
    expect(res.statusCode).toBe(403);
    expect((await office.get('/panel/complaints/new')).statusCode).toBe(403);
    expect((await f.deps.records.complaints.list()).length).toBe(before);
    expect((await new Browser(f.app).get('/panel')).statusCode).toBe(303);
  });

  it('shows the demo complaints and work programme', async () => {
    const b = await signedIn('panel');
    const list = await b.get('/panel/complaints');
    expect(list.body).toContain('(demo)');
    expect(list.body).toContain('Referred to the IOPC');
    const overview = await b.get('/panel');
    expect(overview.body).toContain('Next on the work programme');
    expect(overview.body).toContain('Annual report on complaints (demo)');
  });
});

describe('a complaint, from the browser', () => {
  it('is recorded by a panel member, taken to informal resolution and resolved, each step on its timeline', async () => {
    const b = await signedIn('panel');
    await b.get('/panel/complaints/new');
    const res = await b.post('/panel/complaints', {
      ...received(3, 2, 2025),
      summary: 'Remarks about a resident in a radio interview (web test).',
      category: 'public_statements',
    });
    expect(res.statusCode).toBe(303);
    const href = String(res.headers.location);
    expect(href).toMatch(/^\/panel\/complaints\/\d+$/);
    let page = await b.get(href);
    expect(page.body).toContain('recorded as received.');
    expect(page.body).toContain('Remarks about a resident in a radio interview (web test).');
    expect(page.body).toContain('Public statements or social media');
    expect(page.body).toContain('by Test panel');

    expect((await b.post(`${href}/steps`, { to: 'recorded' })).statusCode).toBe(303);
    expect(
      (
        await b.post(`${href}/steps`, {
          to: 'informal_resolution',
          'on-day': '10',
          'on-month': '2',
          'on-year': '2025',
          note: 'Sub-panel of three members.',
        })
      ).statusCode,
    ).toBe(303);
    page = await b.get(href);
    expect(page.body).toContain('Informal resolution');
    expect(page.body).toContain('Status: Recorded → Informal resolution');
    expect(page.body).toContain('Note: Sub-panel of three members.');

    // Resolving asks for the outcome; a date that does not exist is refused.
    const noOutcome = await b.post(`${href}/steps`, { to: 'resolved' });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.body).toContain('Select the outcome');
    const badDate = await b.post(`${href}/steps`, {
      to: 'resolved',
      outcome: 'apology_given',
      'on-day': '30',
      'on-month': '2',
      'on-year': '2025',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('The date must be a real date');
    const early = await b.post(`${href}/steps`, {
      to: 'resolved',
      outcome: 'apology_given',
      'on-day': '1',
      'on-month': '1',
      'on-year': '2025',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain(
      'The date must be on or after the day it was received (3 February 2025)',
    );
    expect(
      (await b.post(`${href}/steps`, { to: 'resolved', outcome: 'apology_given' })).statusCode,
    ).toBe(303);
    page = await b.get(href);
    expect(page.body).toContain('Apology given');
    expect(page.body).toContain('This complaint is concluded');
    // A step the complaint cannot take is not offered, and refused if sent.
    const again = await b.post(`${href}/steps`, { to: 'recorded' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Select what happens next');
    const id = href.split('/').pop() as string;
    expect((await f.deps.records.complaints.history(id)).map((h) => h.after.status)).toEqual([
      'received',
      'recorded',
      'informal_resolution',
      'resolved',
    ]);
  });

  it('says what is missing from a new complaint, and records nothing', async () => {
    const b = await signedIn('admin');
    await b.get('/panel/complaints/new');
    const before = (await f.deps.records.complaints.list()).length;
    const res = await b.post('/panel/complaints', { 'receivedOn-day': '4', summary: ' ' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The date it was received must include a day, month and year');
    expect(res.body).toContain('Enter a summary of the complaint');
    expect(res.body).toContain('Select what the complaint is about');
    const future = await b.post('/panel/complaints', {
      ...received(1, 1, 2999),
      summary: 'x',
      category: 'other',
    });
    expect(future.body).toContain('must be today or in the past');
    expect((await f.deps.records.complaints.list()).length).toBe(before);
  });

  it('refuses a form without its CSRF token, writing nothing', async () => {
    const b = await signedIn('panel');
    await b.get('/panel/complaints/new');
    const before = (await f.deps.records.complaints.list()).length;
    const res = await b.post(
      '/panel/complaints',
      { ...received(1, 4, 2024), summary: 'x (test)', category: 'other' },
      { csrf: null },
    );
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('CSRF_REFUSED');
    const step = await b.post('/panel/complaints/1/steps', { to: 'withdrawn' }, { csrf: 'forged' });
    expect(step.statusCode).toBe(403);
    const item = await b.post('/panel/work-programme', { title: 'x' }, { csrf: null });
    expect(item.statusCode).toBe(403);
    expect((await f.deps.records.complaints.list()).length).toBe(before);
  });
});

describe('the annual complaints report', () => {
  beforeAll(async () => {
    // 2015-16, a year of its own: 7 received; 5 recorded and resolved (3 with an apology,
    // 2 with an explanation, in 10, 20, 30, 40 and 50 days), 2 not recorded.
    const add = (day: string) =>
      f.deps.records.complaints.add(
        { receivedOn: day, summary: 'Report test (test).', category: 'behaviour' },
        cli,
      );
    const plus = (day: string, n: number) =>
      new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const outcomes = [
      'apology_given',
      'apology_given',
      'apology_given',
      'explanation_provided',
      'explanation_provided',
    ] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const day = `2015-0${i + 4}-01`;
      const c = await add(day);
      await f.deps.records.complaints.transition(c.id, { to: 'recorded', on: plus(day, 1) }, cli);
      await f.deps.records.complaints.transition(
        c.id,
        { to: 'informal_resolution', on: plus(day, 2) },
        cli,
      );
      await f.deps.records.complaints.transition(
        c.id,
        { to: 'resolved', on: plus(day, (i + 1) * 10), outcome },
        cli,
      );
    }
    for (const day of ['2015-10-01', '2016-01-05']) {
      const c = await add(day);
      await f.deps.records.complaints.transition(
        c.id,
        { to: 'not_recorded', on: day, outcome: 'outside_regulations' },
        cli,
      );
    }
  });

  it('gives the panel the full figures', async () => {
    const b = await signedIn('panel');
    const page = await b.get('/panel/complaints/report?year=2015-16');
    expect(page.statusCode).toBe(200);
    expect(rowFigure(page.body, 'Complaints received')).toBe('7');
    expect(rowFigure(page.body, 'Recorded')).toBe('5');
    expect(rowFigure(page.body, 'Not recorded')).toBe('2');
    expect(rowFigure(page.body, 'Resolved by informal resolution')).toBe('5');
    expect(rowFigure(page.body, 'Median time from receipt to resolution')).toBe('30 days');
    expect(rowFigure(page.body, 'Behaviour towards others')).toBe('7');
    expect(rowFigure(page.body, 'Apology given')).toBe('3');
    expect(rowFigure(page.body, 'Did not meet the requirements of the regulations')).toBe('2');
    expect(page.body).not.toContain(SUPPRESSION_NOTE);
  });

  it('withholds small counts, and whatever would give them away, in the public copy', async () => {
    const b = await signedIn('oversight');
    const page = await b.get('/panel/complaints/report?year=2015-16&edition=public');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(SUPPRESSION_NOTE.replaceAll('"', '&quot;'));
    expect(rowFigure(page.body, 'Complaints received')).toBe('7');
    expect(rowFigure(page.body, 'Not recorded')).toBe('fewer than 5');
    // 7 = recorded + 2 + 0: the recorded count would give the 2 away, so it is withheld too.
    expect(rowFigure(page.body, 'Recorded')).toBe('withheld');
    expect(rowFigure(page.body, 'Apology given')).toBe('fewer than 5');
    expect(rowFigure(page.body, 'Explanation provided')).toBe('fewer than 5');
    expect(rowFigure(page.body, 'Action agreed')).toBe('0');
    // 7 received less 5 resolved informally would give away the 2 not recorded: withheld, and
    // the median of the resolved ones with them.
    expect(rowFigure(page.body, 'Resolved by informal resolution')).toBe('withheld');
    expect(rowFigure(page.body, 'Median time from receipt to resolution')).toBe('withheld');
    expect(page.body).not.toMatch(/>2<\/td>/);
  });

  it('prints either copy as an A4 PDF', async () => {
    expect(f.deps.documents.pdfAvailable()).toBe(true);
    const b = await signedIn('panel');
    const res = await f.app.inject({
      method: 'GET',
      url: '/panel/complaints/report.pdf?year=2015-16&edition=public',
      cookies: b.jar.header(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(
      'complaints-report-2015-16-public.pdf',
    );
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);

  it('refuses a year that is not one', async () => {
    const b = await signedIn('panel');
    expect((await b.get('/panel/complaints/report?year=2015-17')).statusCode).toBe(400);
  });
});

describe('the work programme', () => {
  it('is kept by the panel: an item added, deferred, with its timeline', async () => {
    const b = await signedIn('panel');
    await b.get('/panel/work-programme');
    const res = await b.post('/panel/work-programme', {
      title: 'Victims’ services commissioning (web test)',
      description: 'How the services for victims are commissioned.',
      'meetingOn-day': '15',
      'meetingOn-month': '9',
      'meetingOn-year': '2031',
      papersRequested: 'Commissioning plan\r\nContract values\r\n',
    });
    expect(res.statusCode).toBe(303);
    const list = await b.get('/panel/work-programme');
    expect(list.body).toContain('Victims’ services commissioning (web test)');
    expect(list.body).toContain('Contract values');
    const item = (await f.deps.records.workProgramme.list()).find((w) =>
      w.title.includes('web test'),
    )!;
    expect(item).toMatchObject({
      meetingOn: '2031-09-15',
      papersRequested: ['Commissioning plan', 'Contract values'],
    });
    const page = await b.get(`/panel/work-programme/${item.id}`);
    expect(page.statusCode).toBe(200);
    const edit = await b.post(`/panel/work-programme/${item.id}`, {
      title: item.title,
      description: item.description,
      'meetingOn-day': '25',
      'meetingOn-month': '11',
      'meetingOn-year': '2031',
      papersRequested: 'Commissioning plan',
      status: 'deferred',
      note: 'Papers not ready.',
    });
    expect(edit.statusCode).toBe(303);
    const after = await b.get(`/panel/work-programme/${item.id}`);
    expect(after.body).toContain('Status: Planned → Deferred');
    expect(after.body).toContain('Meeting: 15 September 2031 → 25 November 2031');
    expect(after.body).toContain('Note: Papers not ready.');
    const bad = await b.post('/panel/work-programme', {
      title: '',
      'meetingOn-day': '31',
      'meetingOn-month': '2',
      'meetingOn-year': '2031',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a title');
    expect(bad.body).toContain('The meeting date must be a real date');

    const office = await signedIn('oversight');
    await office.get(`/panel/work-programme/${item.id}`);
    expect(
      (await office.post(`/panel/work-programme/${item.id}`, { title: 'x', status: 'done' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('the panel API', () => {
  const token = async (who: 'panel' | 'oversight' | 'lead') =>
    (await f.deps.records.tokens.create(f.users[who].email, 'test', cli)).secret;
  const call = (secret: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    f.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload ? { payload: JSON.stringify(payload) } : {}),
    });

  it('lists, shows and records complaints, and lists the work programme', async () => {
    const panel = await token('panel');
    const list = await call(panel, 'GET', '/api/v1/complaints?year=2015-16&status=not_recorded');
    expect(list.statusCode).toBe(200);
    expect(list.json().complaints.map((c: { receivedOn: string }) => c.receivedOn)).toEqual([
      '2016-01-05',
      '2015-10-01',
    ]);
    const made = await call(panel, 'POST', '/api/v1/complaints', {
      receivedOn: '2024-06-01',
      summary: 'Recorded through the API (test).',
      category: 'correspondence',
    });
    expect(made.statusCode).toBe(201);
    const { complaint } = made.json();
    expect(complaint).toMatchObject({
      status: 'received',
      category: 'correspondence',
      recordedOn: null,
    });
    const one = await call(panel, 'GET', `/api/v1/complaints/${complaint.id}`);
    expect(one.json().timeline).toMatchObject([
      { action: 'added', via: 'api', actorUserId: f.users.panel.id },
    ]);
    expect((await call(panel, 'GET', '/api/v1/complaints/99999')).statusCode).toBe(404);
    const bad = await call(panel, 'POST', '/api/v1/complaints', {
      receivedOn: '2024-06-01',
      summary: 'x',
      category: 'policy',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('category');
    const wp = await call(panel, 'GET', '/api/v1/work-programme?status=deferred');
    expect(wp.statusCode).toBe(200);
    expect(wp.json().items.every((w: { status: string }) => w.status === 'deferred')).toBe(true);
    expect(wp.json().items.length).toBeGreaterThan(0);
  });

  it('lets the body’s office read but not record, and a lead do neither', async () => {
    const office = await token('oversight');
    expect((await call(office, 'GET', '/api/v1/complaints')).statusCode).toBe(200);
    expect(
      (
        await call(office, 'POST', '/api/v1/complaints', {
          receivedOn: '2024-06-01',
          summary: 'x',
          category: 'other',
        })
      ).statusCode,
    ).toBe(403);
    const lead = await token('lead');
    expect((await call(lead, 'GET', '/api/v1/complaints')).statusCode).toBe(403);
    expect((await call(lead, 'GET', '/api/v1/work-programme')).statusCode).toBe(403);
  });
});

describe('governance-neutral wording', () => {
  it('names the holder the records hold, and follows a change of body', async () => {
    const b = await signedIn('panel');
    for (const url of [
      '/panel',
      '/panel/complaints',
      '/panel/complaints/new',
      '/panel/complaints/report?year=2015-16',
    ])
      expect((await b.get(url)).body).not.toMatch(/\bPCC\b/);
    const body = await f.deps.records.policingBodies.current(f.deps.clock.now());
    expect(body).not.toBeNull();
    await f.deps.records.policingBodies.succeed(
      body!.id,
      {
        type: 'mayor',
        name: 'Demo Mayor (test)',
        roleTitles: { holder: 'Mayor', office: 'Office of the Mayor' },
      },
      f.deps.clock.now(),
      cli,
    );
    forgetOrganisation(f.deps);
    const page = await b.get('/panel/complaints/new');
    expect(page.body).toContain('A complaint about the conduct of the Mayor.');
    expect(page.body).not.toContain('conduct of the Police and Crime Commissioner');
  });
});

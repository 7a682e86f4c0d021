import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  londonDate,
  RESPONSE_DUTIES,
  s55DueOn,
} from '../../src/records/accountability/clock.ts';
import type { Role } from '../../src/records/api.ts';
import { forgetOrganisation } from '../../src/web/layout-model.ts';
import { clockAlerts, clockView } from '../../src/web/models/clock.ts';
import { createViews } from '../../src/web/render.ts';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

// The statutory response pages, public letters (HTML and PDF) and API, on the small demo force
// (whose VAWG and CDI responses are published and PEEL response is a draft due soon): every
// role, CSRF, approval by oversight only, no publication before approval, nothing public until
// published, and the policing body's names from configuration, never hard-coded.

let f: WebFixture;
const system = { userId: null, via: 'system' as const };
const today = () => londonDate(f.deps.clock.now());
const browsers: Partial<Record<Role, Browser>> = {};
const as = async (role: Role) => {
  if (browsers[role]) return browsers[role];
  const b = new Browser(f.app);
  await b.signIn(f.users[role].email);
  return (browsers[role] = b);
};
const tokens: Partial<Record<Role, string>> = {};
const api = async (role: Role | null, method: 'GET' | 'POST', url: string, body?: object) => {
  const headers: Record<string, string> = {};
  if (role) {
    tokens[role] ??= (await f.deps.records.tokens.create(f.users[role].email, 't', system)).secret;
    headers.authorization = `Bearer ${tokens[role]}`;
  }
  return f.app.inject({ method, url, headers, ...(body ? { payload: body } : {}) });
};

/** A fresh report in the register, published `age` days ago, with its findings. */
async function addReport(kind: 'hmicfrs' | 'victims_commissioner' | 'internal_audit', age: number) {
  const src = await f.deps.records.findingSources.add(
    {
      kind,
      title: `${kind} report ${Math.random().toString(36).slice(2, 7)} (test)`,
      reportKind: kind === 'hmicfrs' ? 'thematic' : null,
      publishedOn: addDays(today(), -age),
      url: null,
      peelGrades: null,
    },
    system,
  );
  const findings = [];
  for (const [ref, kindOf] of [
    ['Recommendation 1', 'recommendation'],
    ['AFI 1', 'area_for_improvement'],
  ] as const)
    findings.push(
      await f.deps.records.findings.add(
        { sourceId: src.id, ref, kind: kindOf, text: `${ref}: improve the thing.`, scope: 'force' },
        system,
      ),
    );
  return { src, findings };
}

/** A form filling each item with a position and action. */
const filled = (ids: readonly string[]) =>
  Object.fromEntries(
    ids.flatMap((id, n) => [
      [`position-${id}`, n === 0 ? 'accepted' : 'for_others'],
      [`action-${id}`, `Action for item ${n + 1}: training by March.`],
    ]),
  );

const publishForm = (date: string, copies = RESPONSE_DUTIES.hmicfrs.copiesTo.join('\n')) => {
  const [year, month, day] = date.split('-');
  return {
    'publishedOn-day': String(Number(day)),
    'publishedOn-month': String(Number(month)),
    'publishedOn-year': year!,
    copiesTo: copies,
  };
};

beforeAll(async () => {
  f = await webFixture();
}, 120_000);
afterAll(async () => {
  await f?.close();
});

describe('the clock tag everyone can include', () => {
  it('says due in N days, due today, overdue by N days, or published (late)', () => {
    const due = '2024-04-24';
    const at = (today: string) => clockView(due, today);
    expect(at('2024-03-01')).toMatchObject({
      label: 'Due in 54 days',
      tone: 'blue',
      days: 54,
      alert: false,
    });
    expect(at('2024-04-10')).toMatchObject({
      label: 'Due in 14 days',
      tone: 'orange',
      alert: true,
    });
    expect(at('2024-04-23')).toMatchObject({ label: 'Due in 1 day', state: 'due_soon' });
    expect(at('2024-04-24')).toMatchObject({
      label: 'Due today',
      tone: 'red',
      days: 0,
      alert: true,
    });
    expect(at('2024-04-25')).toMatchObject({
      label: 'Overdue by 1 day',
      state: 'overdue',
      days: -1,
    });
    expect(at('2024-05-05')).toMatchObject({
      label: 'Overdue by 11 days',
      classes: 'govuk-tag--red',
    });
    const done = (on: string) => clockView(due, '2024-06-01', { on, word: 'Published' });
    expect(done('2024-04-24')).toMatchObject({ label: 'Published', state: 'done', alert: false });
    expect(done('2024-04-27')).toMatchObject({
      label: 'Published 3 days late',
      state: 'done_late',
    });
    expect(at('2024-04-24').dueOnText).toBe('24 April 2024');
  });

  it('renders the tag and the alerts from the shared partial, most urgent first', () => {
    const views = createViews();
    const tag = views.renderString(
      '{% from "partials/clock.njk" import clockTag %}{{ clockTag(c) }}',
      { c: clockView('2024-04-24', '2024-04-26') },
    );
    expect(tag).toContain('govuk-tag--red');
    expect(tag).toContain('Overdue by 2 days');
    const alerts = clockAlerts([
      { title: 'Later', href: '/a', clock: clockView('2024-05-01', '2024-04-20') },
      { title: 'Fine', href: '/b', clock: clockView('2024-09-01', '2024-04-20') },
      { title: 'Late', href: '/c', clock: clockView('2024-04-01', '2024-04-20') },
    ]);
    expect(alerts.map((a) => a.title)).toEqual(['Late', 'Later']);
    const html = views.renderString(
      '{% from "partials/clock.njk" import clockAlerts %}{{ clockAlerts(a, { heading: "Needs you" }) }}',
      { a: alerts },
    );
    expect(html).toContain('Needs you');
    expect(html.indexOf('Late')).toBeLessThan(html.indexOf('Later'));
    expect(
      views
        .renderString(
          '{% from "partials/clock.njk" import clockAlerts %}[{{ clockAlerts([]) }}]',
          {},
        )
        .trim(),
    ).toBe('[]');
  });
});

describe('the list of statutory responses', () => {
  it('shows every report with a duty to each reading role, with clocks and alerts first', async () => {
    const fresh = await addReport('hmicfrs', 3);
    await addReport('internal_audit', 3);
    for (const role of ['admin', 'analyst', 'lead', 'oversight', 'panel'] as const) {
      const res = await (await as(role)).get('/responses');
      expect(res.statusCode, role).toBe(200);
      const html = res.body;
      // The demo's PEEL draft (published 45 days ago) is due soon: the alert is above the heading.
      const alert = html.indexOf('bl-clock-alerts');
      expect(alert, role).toBeGreaterThan(-1);
      expect(alert).toBeLessThan(html.indexOf('<h1'));
      expect(html).toMatch(/1 due soon/);
      expect(html).toContain('PEEL inspection of the demo force (demo)');
      expect(html).toMatch(/Due in \d+ days/);
      expect(html).toContain(fresh.src.title);
      expect(html).not.toContain('internal_audit report');
      // The published demo responses, with their public letters.
      expect(html).toContain('Crime data integrity inspection (demo)');
      expect(html).toMatch(/href="\/public\/responses\/\d+"/);
      // Only those who manage responses are offered a draft.
      expect(html.includes('Draft a response'), role).toBe(
        role === 'admin' || role === 'oversight',
      );
    }
    // Soonest due first: the demo draft (due in about 10 days) before the fresh report (52).
    const html = (await (await as('lead')).get('/responses')).body;
    expect(html.indexOf('PEEL inspection of the demo force')).toBeLessThan(
      html.indexOf(fresh.src.title),
    );
    const anon = await new Browser(f.app).get('/responses');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toMatch(/^\/sign-in/);
  });
});

describe('drafting, approving and publishing a response', () => {
  it('drafts from the register, edits, is approved by oversight only and then published', async () => {
    const { src, findings } = await addReport('hmicfrs', 10);
    const ids = findings.map((x) => x.id);
    const oversight = await as('oversight');
    const lead = await as('lead');

    const start = await oversight.get(`/responses/new?source=${src.id}`);
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Recommendation 1: improve the thing.');
    expect(start.body).toContain('AFI 1: improve the thing.');
    expect(start.body).toContain('Due in 45 days');
    expect((await lead.get(`/responses/new?source=${src.id}`)).statusCode).toBe(403);
    expect((await lead.post('/responses', { sourceId: src.id })).statusCode).toBe(403);
    // CSRF: without the token (or with another session's) nothing is drafted.
    expect(
      (await oversight.post('/responses', { sourceId: src.id }, { csrf: null })).statusCode,
    ).toBe(403);
    expect(
      (await oversight.post('/responses', { sourceId: src.id }, { csrf: lead.csrf })).statusCode,
    ).toBe(403);
    expect(await f.deps.records.responses.forSource(src.id)).toBeNull();

    const drafted = await oversight.post('/responses', { sourceId: src.id });
    expect(drafted.statusCode).toBe(303);
    const id = /^\/responses\/(\d+)\/edit$/.exec(String(drafted.headers.location))?.[1];
    expect(id).toBeDefined();
    const form = await oversight.get(`/responses/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Draft response created from the register, with 2 findings');
    for (const fid of ids) expect(form.body).toContain(`name="position-${fid}"`);
    expect((await lead.get(`/responses/${id}/edit`)).statusCode).toBe(403);
    expect((await lead.post(`/responses/${id}/edit`, { intro: 'x' })).statusCode).toBe(403);

    // A wrong date is said plainly and nothing is saved.
    const bad = await oversight.post(`/responses/${id}/edit`, {
      intro: 'Kept',
      'invited-day': '31',
      'invited-month': '2',
      'invited-year': '2025',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Enter the date the chief officer was invited as a real date');
    expect(bad.body).toContain('Kept');
    expect((await f.deps.records.responses.byId(id!))?.intro).toBe('');

    // Half the items first: saved, but approval says which item is missing.
    const [year, month, day] = addDays(today(), -5).split('-');
    const half = await oversight.post(`/responses/${id}/edit`, {
      intro: 'This letter answers the report.\n\nIt follows the findings in order.',
      [`position-${ids[0]}`]: 'accepted',
      [`action-${ids[0]}`]: 'A training programme for every officer.',
      'invited-day': day!,
      'invited-month': month!,
      'invited-year': year!,
      comments: 'The Chief Constable welcomes the report and accepts its findings.',
      note: 'First draft',
    });
    expect(half.statusCode).toBe(303);
    const notYet = await oversight.post(`/responses/${id}/approve`, { note: '' });
    expect(notYet.statusCode).toBe(400);
    expect(notYet.body).toContain(
      'Give a position and planned action for every finding first: AFI 1',
    );
    expect((await oversight.post(`/responses/${id}/edit`, filled(ids))).statusCode).toBe(303);

    // Publishing a draft is refused: it has not been approved.
    const early = await oversight.post(`/responses/${id}/publish`, publishForm(today()));
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('approved');

    // Approval: oversight only. The administrator may manage responses but not approve them.
    const admin = await as('admin');
    const shownToAdmin = await admin.get(`/responses/${id}`);
    expect(shownToAdmin.body).not.toContain(`action="/responses/${id}/approve"`);
    expect((await admin.post(`/responses/${id}/approve`, { note: '' })).statusCode).toBe(403);
    expect((await lead.post(`/responses/${id}/approve`, { note: '' })).statusCode).toBe(403);
    expect(
      (await oversight.post(`/responses/${id}/approve`, { note: '' }, { csrf: null })).statusCode,
    ).toBe(403);
    const page = await oversight.get(`/responses/${id}`);
    expect(page.body).toContain(`action="/responses/${id}/approve"`);
    const approved = await oversight.post(`/responses/${id}/approve`, { note: 'Board, today' });
    expect(approved.statusCode).toBe(303);
    expect((await f.deps.records.responses.byId(id!))?.status).toBe('approved');

    // Nothing is public until it is published.
    const anon = new Browser(f.app);
    expect((await anon.get(`/public/responses/${id}`)).statusCode).toBe(404);
    expect((await anon.get(`/public/responses/${id}.pdf`)).statusCode).toBe(404);
    expect((await anon.get('/public/responses')).body).not.toContain(src.title);

    // Publication: the date and copies are checked, then it is public.
    const future = await admin.post(`/responses/${id}/publish`, publishForm(addDays(today(), 2)));
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('cannot be in the future');
    const noCopies = await admin.post(`/responses/${id}/publish`, publishForm(today(), '  '));
    expect(noCopies.statusCode).toBe(400);
    expect(noCopies.body).toContain('Enter who the response is copied to');
    expect((await lead.post(`/responses/${id}/publish`, publishForm(today()))).statusCode).toBe(
      403,
    );
    const published = await oversight.post(`/responses/${id}/publish`, publishForm(today()));
    expect(published.statusCode).toBe(303);
    const r = await f.deps.records.responses.byId(id!);
    expect(r).toMatchObject({
      status: 'published',
      publishedOn: today(),
      copiesTo: [...RESPONSE_DUTIES.hmicfrs.copiesTo],
      dueOn: s55DueOn(src.publishedOn),
    });

    // Every change is on the response's timeline, with who did it.
    const shown = (await lead.get(`/responses/${id}`)).body;
    for (const step of [
      'Response drafted from the register',
      'Draft edited',
      'Approved',
      'Published',
    ])
      expect(shown).toContain(step);
    expect(shown).toContain('by Test oversight');
    expect(shown).toContain('Note: First draft');
    expect(shown).toContain('Note: Board, today');
    expect(shown).toContain('Recommendation 1: position');
    expect(shown).not.toContain(`action="/responses/${id}/publish"`);

    // The public letter: the office, the date, the report, each finding, the comments, copies.
    const list = await anon.get('/public/responses');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(src.title);
    expect(list.body).toContain('Inspection responses');
    const letter = await anon.get(`/public/responses/${id}`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-security-policy']).toBeDefined();
    expect(letter.body).not.toMatch(/<style/);
    expect(letter.body).toContain('href="/assets/letter.css"');
    const org = (await f.deps.records.policingBodies.current(f.deps.clock.now()))!;
    expect(letter.body).toContain(org.roleTitles.office);
    expect(letter.body).toContain(`Response to ${src.title}`);
    expect(letter.body).toContain('Action for item 1: training by March.');
    expect(letter.body).toContain('Accepted');
    expect(letter.body).toContain('For others to act on');
    expect(letter.body).toContain('The Chief Constable welcomes the report');
    expect(letter.body).toContain(
      'HM Inspectorate of Constabulary and Fire &amp; Rescue Services (HMICFRS)',
    );
    expect(letter.body).not.toContain('Test oversight');
    expect((await f.app.inject({ url: '/assets/letter.css' })).statusCode).toBe(200);
  }, 120_000);

  it("drafts for a Victims' Commissioner report, and refuses a report with no duty", async () => {
    const vc = await addReport('victims_commissioner', 1);
    const audit = await addReport('internal_audit', 1);
    const oversight = await as('oversight');
    const ok = await oversight.post('/responses', { sourceId: vc.src.id });
    expect(ok.statusCode).toBe(303);
    const r = await f.deps.records.responses.forSource(vc.src.id);
    expect(r).toMatchObject({
      dueOn: addDays(vc.src.publishedOn, 55),
      statute: expect.stringMatching(/49A/),
    });
    expect((await oversight.get(`/responses/new?source=${audit.src.id}`)).statusCode).toBe(404);
    const refused = await oversight.post('/responses', { sourceId: audit.src.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Only HMICFRS and Victims&#39; Commissioner reports');
  });

  it('prints the published letter as a PDF (A4, its first page rendered)', async () => {
    const published = (await f.deps.records.responses.list()).find(
      (r) => r.status === 'published',
    )!;
    const res = await new Browser(f.app).get(`/public/responses/${published.id}.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'bluelamp-letter-'));
    try {
      writeFileSync(join(dir, 'letter.pdf'), bytes);
      const png = spawnSync(
        'pdftoppm',
        ['-png', '-r', '60', '-f', '1', '-l', '1', 'letter.pdf', 'page'],
        { cwd: dir },
      );
      expect(png.status, png.stderr?.toString()).toBe(0);
      expect(readdirSync(dir).filter((n) => n.endsWith('.png'))).toHaveLength(1);
      const text = spawnSync('pdftotext', ['-layout', 'letter.pdf', '-'], {
        cwd: dir,
      }).stdout.toString();
      expect(text.replace(/\s+/g, ' ')).toContain(`Response to ${published.source.title}`);
      expect(text).toContain('OFFICIAL');
      expect(text).toContain('Copies to');
      for (const i of published.items) expect(text).toContain(i.ref);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A draft has no public PDF.
    const draft = (await f.deps.records.responses.list()).find((r) => r.status === 'draft')!;
    expect((await new Browser(f.app).get(`/public/responses/${draft.id}.pdf`)).statusCode).toBe(
      404,
    );
  }, 120_000);
});

describe('the responses API', () => {
  it('lists every response with due_on, inspection_id, status and published_on', async () => {
    for (const role of ['admin', 'analyst', 'lead', 'oversight', 'panel'] as const) {
      const res = await api(role, 'GET', '/api/v1/responses');
      expect(res.statusCode, role).toBe(200);
    }
    expect((await api(null, 'GET', '/api/v1/responses')).statusCode).toBe(401);
    const body = (await api('lead', 'GET', '/api/v1/responses')).json();
    expect(body.today).toBe(today());
    const all = await f.deps.records.responses.list();
    expect(body.responses.map((r: { id: string }) => r.id)).toEqual(all.map((r) => r.id));
    for (const r of body.responses) {
      const rec = all.find((x) => x.id === r.id)!;
      expect(r).toMatchObject({
        inspection_id: rec.sourceId,
        status: rec.status,
        due_on: rec.dueOn,
        published_on: rec.publishedOn,
      });
    }
    const draft = body.responses.find((r: { status: string }) => r.status === 'draft');
    expect(draft.clock).toMatchObject({
      state: 'due_soon',
      label: expect.stringMatching(/^Due in \d+ days?$/),
    });

    const one = await api('panel', 'GET', `/api/v1/responses/${draft.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().items.length).toBeGreaterThan(0);
    expect(one.json().items[0]).toEqual(
      expect.objectContaining({
        finding_id: expect.any(String),
        ref: expect.any(String),
        position: expect.anything(),
      }),
    );
    expect((await api('panel', 'GET', '/api/v1/responses/424242')).statusCode).toBe(404);
    expect((await api('panel', 'GET', '/api/v1/responses/x')).statusCode).toBe(400);
  });

  it('drafts, edits, approves (oversight only) and publishes (after approval only)', async () => {
    const { src, findings } = await addReport('hmicfrs', 20);
    expect(
      (await api('lead', 'POST', '/api/v1/responses', { inspection_id: src.id })).statusCode,
    ).toBe(403);
    const made = await api('admin', 'POST', '/api/v1/responses', { inspection_id: src.id });
    expect(made.statusCode).toBe(201);
    const id = made.json().id as string;
    expect(made.json()).toMatchObject({ status: 'draft', due_on: s55DueOn(src.publishedOn) });
    const bad = await api('admin', 'POST', `/api/v1/responses/${id}`, {
      items: [{ finding_id: findings[0]!.id, position: 'maybe', planned_action: '' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/items\.0\.position/);
    const edited = await api('oversight', 'POST', `/api/v1/responses/${id}`, {
      chief_officer_comments: 'No further comments.',
      items: findings.map((x) => ({
        finding_id: x.id,
        position: 'partly_accepted',
        planned_action: 'In the action plan.',
      })),
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().items.map((i: { position: string }) => i.position)).toEqual([
      'partly_accepted',
      'partly_accepted',
    ]);
    const early = await api('oversight', 'POST', `/api/v1/responses/${id}/publish`, {
      published_on: today(),
    });
    expect(early.statusCode).toBe(409);
    expect((await api('admin', 'POST', `/api/v1/responses/${id}/approve`, {})).statusCode).toBe(
      403,
    );
    expect(
      (await api('oversight', 'POST', `/api/v1/responses/${id}/approve`, { note: 'ok' }))
        .statusCode,
    ).toBe(200);
    const future = await api('oversight', 'POST', `/api/v1/responses/${id}/publish`, {
      published_on: addDays(today(), 1),
    });
    expect(future.statusCode).toBe(400);
    const done = await api('admin', 'POST', `/api/v1/responses/${id}/publish`, {
      published_on: today(),
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'published',
      published_on: today(),
      copies_to: [...RESPONSE_DUTIES.hmicfrs.copiesTo],
      clock: { state: 'done', label: 'Published' },
    });
    expect((await new Browser(f.app).get(`/public/responses/${id}`)).statusCode).toBe(200);
  });
});

describe('governance-neutral letters', () => {
  it("names the body in office from configuration (a mayor after a PCC), never 'PCC'", async () => {
    const current = (await f.deps.records.policingBodies.current(f.deps.clock.now()))!;
    await f.deps.records.policingBodies.succeed(
      current.id,
      {
        type: 'mayor',
        name: 'Mayor of the Test Area (test)',
        roleTitles: { holder: 'Mayor', office: 'Office of the Mayor for Policing' },
      },
      new Date(f.deps.clock.now().getTime() - 86_400_000),
      system,
    );
    forgetOrganisation(f.deps);
    const published = (await f.deps.records.responses.list()).find(
      (r) => r.status === 'published',
    )!;
    const letter = (await new Browser(f.app).get(`/public/responses/${published.id}`)).body;
    const article = letter.slice(letter.indexOf('<article'), letter.indexOf('</article>'));
    expect(article).toContain('Office of the Mayor for Policing');
    expect(article).toContain('Mayor of the Test Area (test)');
    expect(article).not.toMatch(/PCC|Police and Crime Commissioner/);
    const list = (await (await as('oversight')).get('/responses')).body;
    expect(list).toContain('The Mayor must publish');
  });
});

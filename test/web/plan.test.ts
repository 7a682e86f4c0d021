import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLAN_MEASURES } from '../../src/demo/plan.ts';
import { isMeasureId } from '../../src/measures/catalogue/index.ts';
import type { PlanTree, User } from '../../src/records/api.ts';
import { londonDate } from '../../src/records/accountability/clock.ts';
import { quarterOf, previousQuarter } from '../../src/records/accountability/quarter.ts';
import { dataSpan } from '../../src/web/models/filters.ts';
import { figuresPeriodFor, measureTitle } from '../../src/web/models/plan.ts';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

// The plan pages and API on the demo force's fictional plan: each role's view, the lead posting
// the quarter's update (and nobody else), CSRF, consultation and editing for the policing
// body's office, the panel's monitoring report with every figure disclosure-controlled, and
// its PDF within the page budget.

const DEMO_PASSWORD = 'demo-only-password';
/** The most pages the demo plan's monitoring report may print on. */
const PAGE_BUDGET = 12;

let f: WebFixture;
let tree: PlanTree;
let demoLead: User;
const today = () => londonDate(new Date());
const lastQuarter = () => previousQuarter(quarterOf(today()).label);

beforeAll(async () => {
  f = await webFixture();
  const plan = await f.deps.records.plan.current(today());
  if (!plan) throw new Error('the demo has no plan');
  tree = await f.deps.records.plan.tree(plan.id);
  demoLead = (await f.deps.records.users.byEmail('lead@demo.bluelamp.test'))!;
});
afterAll(async () => {
  await f?.close();
});

const commitments = () =>
  tree.objectives.flatMap((o) => o.priorities.flatMap((p) => p.commitments));
const ledBy = (u: User) => commitments().filter((c) => c.leadUserId === u.id);
const bodyOwned = () => commitments().filter((c) => c.owner === 'policing_body');

/** One signed-in browser per role for the file (the sign-in throttle counts every attempt). */
const browsers = new Map<string, Browser>();
async function signedIn(who: keyof WebFixture['users'] | 'demo-lead') {
  const known = browsers.get(who);
  if (known) return known;
  const b = new Browser(f.app);
  if (who === 'demo-lead') await b.signIn(demoLead.email, DEMO_PASSWORD);
  else await b.signIn(f.users[who].email);
  browsers.set(who, b);
  return b;
}

/** The text of a page's main content, tags stripped and spaces collapsed. */
const text = (html: string) =>
  (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the demo plan', () => {
  it('has four objectives and links only measures of the catalogue', () => {
    expect(tree.objectives).toHaveLength(4);
    expect(DEMO_PLAN_MEASURES.filter((m) => !isMeasureId(m))).toEqual([]);
    expect(new Set(commitments().map((c) => c.owner))).toEqual(
      new Set(['policing_body', 'chief_constable']),
    );
    expect(tree.title).toMatch(/\(demo\)$/);
  });
});

describe('/plan', () => {
  it('shows every role the plan as objectives, priorities and commitments', async () => {
    for (const role of ['admin', 'analyst', 'lead', 'oversight', 'panel'] as const) {
      const res = await (await signedIn(role)).get('/plan');
      expect(res.statusCode, role).toBe(200);
      const t = text(res.body);
      for (const o of tree.objectives) expect(t, role).toContain(o.title);
      for (const c of commitments()) expect(t).toContain(c.text);
      expect(t).toContain('Chief Constable');
      expect(t).toContain('Synthetic Police and Crime Commissioner (demo)');
      expect(t).toContain(`Delivery in ${lastQuarter()}`);
    }
    const anonymous = await new Browser(f.app).get('/plan');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });

  it('gives each commitment its latest status against the quarter before, and live measure evidence', async () => {
    const res = await (await signedIn('oversight')).get('/plan');
    const t = text(res.body);
    expect(t).toMatch(
      /(Better than|Worse than|No change since) \d{4}-\d{2} Q\d \(was (On track|Some concerns|Off track|Not started|Complete)\)/,
    );
    // The demo leaves some commitments without an update for the last quarter.
    expect(t).toMatch(new RegExp(`Update for ${lastQuarter()} (due by|overdue)`));
    const linked = commitments().flatMap((c) => c.measureIds);
    for (const id of linked) expect(t).toContain(measureTitle(id));
    // Each measure says a figure and its period, or that there is none: never a bare status.
    expect(t).toMatch(
      /Domestic abuse victim satisfaction ?: (\d+(\.\d)?%|fewer than 5|withheld|No data for this period) \(6 months to March 2022\)/,
    );
    expect(t).toMatch(/Total recorded crime ?: [\d,]+ \(Q4 2021\/22\)/);
  });
});

describe('a commitment and its delivery updates', () => {
  it('lets its lead post this quarter’s update, shown on /plan, and not twice', async () => {
    const mine = ledBy(demoLead);
    expect(mine.length).toBeGreaterThan(0);
    const c = mine[0]!;
    const b = await signedIn('demo-lead');
    const page = await b.get(`/plan/commitments/${c.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Post this quarter’s delivery update');
    const quarter = /name="quarter" value="([^"]+)"/.exec(page.body)?.[1];
    expect(quarter).toBe(quarterOf(today()).label);
    const form = {
      quarter: quarter!,
      status: 'off_track',
      narrative: 'Slipped: two advisers left (test).',
    };
    // Without the CSRF token: refused.
    expect(
      (await b.post(`/plan/commitments/${c.id}/updates`, form, { csrf: null })).statusCode,
    ).toBe(403);
    const posted = await b.post(`/plan/commitments/${c.id}/updates`, form);
    expect(posted.statusCode).toBe(303);
    const after = await b.get(`/plan/commitments/${c.id}`);
    expect(after.body).toContain(`Delivery update for ${quarter} posted.`);
    expect(text(after.body)).toContain('Slipped: two advisers left (test).');
    expect(text(after.body)).toContain(
      `Delivery update posted for ${quarter} by Demo Strategic Lead`,
    );
    // Now the quarter's update can be changed, not posted again.
    expect(after.body).toContain(`Change the update for ${quarter}`);
    const again = await b.post(`/plan/commitments/${c.id}/updates`, form);
    expect(again.statusCode).toBe(409);
    expect(text(again.body)).toContain(`This commitment already has an update for ${quarter}.`);
    const plan = text((await b.get('/plan')).body);
    const card = plan.slice(plan.indexOf(c.text), plan.indexOf(c.text) + 600);
    expect(card).toMatch(new RegExp(`Off track in ${quarter}`));
    expect(card).toMatch(/Worse than .* \(was /);
  });

  it('lets the lead change it, kept in the timeline with before and after', async () => {
    const c = ledBy(demoLead)[0]!;
    const b = await signedIn('demo-lead');
    const page = await b.get(`/plan/commitments/${c.id}`);
    const action = /action="(\/plan\/updates\/\d+)"/.exec(page.body)?.[1];
    expect(action).toBeDefined();
    const empty = await b.post(action!, { status: 'some_concerns', narrative: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#edit-narrative"');
    const res = await b.post(action!, {
      status: 'some_concerns',
      narrative: 'Recovering: one adviser recruited (test).',
      note: 'Better news after the board',
    });
    expect(res.statusCode).toBe(303);
    const t = text((await b.get(`/plan/commitments/${c.id}`)).body);
    expect(t).toContain('Status: Off track → Some concerns');
    expect(t).toContain('Note: Better news after the board');
  });

  it('shows no form to anyone else, and refuses their posts', async () => {
    const c = ledBy(demoLead)[0]!;
    const form = {
      quarter: quarterOf(today()).label,
      status: 'complete',
      narrative: 'Not mine (test).',
    };
    for (const role of ['lead', 'oversight'] as const) {
      const b = await signedIn(role);
      const page = await b.get(`/plan/commitments/${c.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Post this quarter’s delivery update');
      expect(page.body).not.toContain('Change the update for');
      expect((await b.post(`/plan/commitments/${c.id}/updates`, form)).statusCode, role).toBe(403);
    }
    for (const role of ['admin', 'analyst', 'panel'] as const) {
      const b = await signedIn(role);
      expect((await b.get(`/plan/commitments/${c.id}`)).body).not.toContain('Post update');
      expect((await b.post(`/plan/commitments/${c.id}/updates`, form)).statusCode, role).toBe(403);
    }
  });

  it('lets the policing body’s office post for the body’s own commitments', async () => {
    const target = bodyOwned()[0]!;
    const b = await signedIn('oversight');
    const page = await b.get(`/plan/commitments/${target.id}`);
    expect(page.body).toContain('Post this quarter’s delivery update');
    const bad = await b.post(`/plan/commitments/${target.id}/updates`, {
      quarter: quarterOf(today()).label,
      status: 'amber',
      narrative: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Choose one of Complete, On track');
    expect(bad.body).toContain('Say what has been done this quarter');
    const ok = await b.post(`/plan/commitments/${target.id}/updates`, {
      quarter: quarterOf(today()).label,
      status: 'on_track',
      narrative: 'Tender issued (test).',
    });
    expect(ok.statusCode).toBe(303);
    expect((await b.get('/plan/commitments/999999')).statusCode).toBe(404);
  });
});

describe('consultation', () => {
  it('lists the responses by priority and lets the office record one', async () => {
    const b = await signedIn('oversight');
    const page = await b.get('/plan/consultation');
    expect(page.statusCode).toBe(200);
    const t = text(page.body);
    expect(t).toContain('The plan as a whole');
    expect(t).toContain('Victims want regular updates on their case');
    const priority = tree.objectives[1]!.priorities[0]!;
    const bad = await b.post('/plan/consultation', {
      priorityId: priority.id,
      'receivedOn-day': '31',
      'receivedOn-month': '2',
      'receivedOn-year': '2024',
      channel: 'email',
      respondentType: '',
      summary: 'Wants more patrols (test).',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#receivedOn-day"');
    expect(bad.body).toContain('Choose who responded');
    const ok = await b.post('/plan/consultation', {
      priorityId: priority.id,
      'receivedOn-day': '3',
      'receivedOn-month': '2',
      'receivedOn-year': '2024',
      channel: 'email',
      respondentType: 'business',
      summary: 'Wants more patrols near the retail park (test).',
      support: 'supports',
    });
    expect(ok.statusCode).toBe(303);
    const after = text((await b.get('/plan/consultation')).body);
    expect(after).toContain('Wants more patrols near the retail park (test).');
    for (const role of ['lead', 'panel'] as const) {
      const other = await signedIn(role);
      const seen = await other.get('/plan/consultation');
      expect(seen.statusCode).toBe(200);
      expect(seen.body).not.toContain('Record a response');
      expect((await other.post('/plan/consultation', {})).statusCode).toBe(403);
    }
  });
});

describe('editing the plan', () => {
  it('is the office’s: add an objective, a priority, a commitment and a measure link', async () => {
    const b = await signedIn('oversight');
    expect((await b.get('/plan/edit')).statusCode).toBe(200);
    expect(
      (await b.post('/plan/objectives', { title: 'Tackling rural crime (test)' })).statusCode,
    ).toBe(303);
    const fresh = await f.deps.records.plan.tree(tree.id);
    const objective = fresh.objectives.at(-1)!;
    expect(objective.title).toBe('Tackling rural crime (test)');
    expect(
      (await b.post('/plan/priorities', { objectiveId: objective.id, title: 'Farm theft (test)' }))
        .statusCode,
    ).toBe(303);
    const priority = (await f.deps.records.plan.tree(tree.id)).objectives.at(-1)!.priorities[0]!;
    const noOwner = await b.post('/plan/commitments', {
      priorityId: priority.id,
      text: 'Patrol farms (test).',
    });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('href="#commitment-owner"');
    const wrongLead = await b.post('/plan/commitments', {
      priorityId: priority.id,
      text: 'Patrol farms (test).',
      owner: 'chief_constable',
      leadUserId: f.users.analyst.id,
    });
    expect(wrongLead.statusCode).toBe(400);
    expect(text(wrongLead.body)).toContain('must have the lead role');
    expect(
      (
        await b.post('/plan/commitments', {
          priorityId: priority.id,
          text: 'Patrol farms at harvest (test).',
          owner: 'chief_constable',
          leadUserId: f.users.lead.id,
        })
      ).statusCode,
    ).toBe(303);
    const c = (await f.deps.records.plan.tree(tree.id)).objectives.at(-1)!.priorities[0]!
      .commitments[0]!;
    const unknown = await b.post('/plan/links', {
      target: `commitment:${c.id}`,
      measureId: 'not_a_measure',
    });
    expect(unknown.statusCode).toBe(400);
    expect(text(unknown.body)).toContain('"not_a_measure" is not a measure of the catalogue');
    const linked = await b.post('/plan/links', {
      target: `commitment:${c.id}`,
      measureId: 'crime_total',
      back: `/plan/commitments/${c.id}`,
    });
    expect(linked.statusCode).toBe(303);
    expect(linked.headers.location).toBe(`/plan/commitments/${c.id}`);
    expect(text((await b.get('/plan')).body)).toContain('Patrol farms at harvest (test).');
    const lead = await signedIn('lead');
    expect((await lead.get('/plan/edit')).statusCode).toBe(403);
    expect((await lead.post('/plan/objectives', { title: 'x' })).statusCode).toBe(403);
  });
});

describe('the monitoring report', () => {
  /** The report's figure for a measure, as printed in its table row. */
  const figureIn = (html: string, title: string) => {
    const row = new RegExp(
      `>${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</a></th>\\s*<td[^>]*>([^<]*)</td>`,
    ).exec(html);
    return row?.[1]?.trim() ?? null;
  };

  it('gives the panel every figure after disclosure control: a small count is withheld', async () => {
    const quarter = lastQuarter();
    const period = figuresPeriodFor(await dataSpan(f.deps), quarter);
    expect(period).not.toBeNull();
    const full = await f.deps.engine.scorecard({ period: period!, lpa: null });
    const linked = new Set(commitments().flatMap((c) => c.measureIds));
    const small = full.measures.filter(
      (r) =>
        linked.has(r.id) && r.unit === 'count' && r.value !== null && r.value >= 1 && r.value <= 4,
    );
    expect(
      small.map((r) => r.id),
      'the demo plan links a measure with a count of 1 to 4',
    ).not.toEqual([]);
    for (const role of ['panel', 'oversight'] as const) {
      const res = await (
        await signedIn(role)
      ).get(`/plan/monitoring-report?quarter=${encodeURIComponent(quarter)}`);
      expect(res.statusCode, role).toBe(200);
      for (const r of small)
        expect(figureIn(res.body, r.title), `${r.id} as ${role}`).toBe('fewer than 5');
      expect(text(res.body)).toContain('counts of 1 to 4 are shown as "fewer than 5"');
    }
    const t = text((await (await signedIn('panel')).get('/plan/monitoring-report')).body);
    expect(t).toContain(`Activity and performance monitoring report: ${quarter}`);
    expect(t).toMatch(/Commitments by delivery status/);
    expect(t).toContain(`No update was posted for ${quarter}.`);
  });

  it('refuses a quarter outside the plan', async () => {
    const res = await (await signedIn('panel')).get('/plan/monitoring-report?quarter=1999-00%20Q1');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choose a quarter of the plan from the list');
  });

  it('prints as a PDF within its page budget, marked OFFICIAL', async () => {
    const b = await signedIn('panel');
    const res = await f.app.inject({
      method: 'GET',
      url: `/plan/monitoring-report.pdf?quarter=${encodeURIComponent(lastQuarter())}`,
      cookies: b.jar.header(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'bluelamp-plan-pdf-'));
    try {
      const file = join(dir, 'report.pdf');
      writeFileSync(file, bytes);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThan(1);
      expect(pages).toBeLessThanOrEqual(PAGE_BUDGET);
      const words = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(words).toContain('OFFICIAL');
      expect(words).toContain('fewer than 5');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('/api/v1/plan', () => {
  const token = async (u: User) =>
    (await f.deps.records.tokens.create(u.email, 'plan test', { userId: null, via: 'system' }))
      .secret;
  const call = (method: 'GET' | 'POST', url: string, secret: string, payload?: unknown) =>
    f.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload ? { payload: JSON.stringify(payload) } : {}),
    });

  it('gives the tree, the commitments and one commitment with its updates', async () => {
    const secret = await token(f.users.panel);
    const plan = await call('GET', '/api/v1/plan', secret);
    expect(plan.statusCode).toBe(200);
    const body = plan.json() as {
      objectives: { priorities: { commitments: { id: string; latest: unknown }[] }[] }[];
    };
    expect(body.objectives.length).toBeGreaterThanOrEqual(4);
    const list = (await call('GET', '/api/v1/plan/commitments', secret)).json() as {
      commitments: { id: string }[];
    };
    expect(list.commitments.map((c) => c.id)).toEqual(
      body.objectives.flatMap((o) => o.priorities.flatMap((p) => p.commitments.map((c) => c.id))),
    );
    const one = await call('GET', `/api/v1/plan/commitments/${list.commitments[0]!.id}`, secret);
    expect(one.statusCode).toBe(200);
    expect((one.json() as { updates: unknown[] }).updates.length).toBeGreaterThan(0);
    expect((await call('GET', '/api/v1/plan/commitments/999999', secret)).statusCode).toBe(404);
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/plan' })).statusCode).toBe(401);
  });

  it('takes a JSON update from the lead, by the same rules as the page', async () => {
    const c = ledBy(demoLead)[1]!;
    const lead = await token(demoLead);
    const url = `/api/v1/plan/commitments/${c.id}/updates`;
    const update = {
      quarter: quarterOf(today()).label,
      status: 'on_track',
      narrative: 'Through the API (test).',
    };
    const invalid = await call('POST', url, lead, { ...update, status: 'green' });
    expect(invalid.statusCode).toBe(400);
    expect((invalid.json() as { message: string }).message).toMatch(/status: choose one of/);
    const posted = await call('POST', url, lead, update);
    expect(posted.statusCode).toBe(201);
    expect(posted.json()).toMatchObject({
      quarter: update.quarter,
      status: 'on_track',
      editable: true,
      submittedBy: demoLead.id,
    });
    expect((await call('POST', url, lead, update)).statusCode).toBe(409);
    expect((await call('POST', url, await token(f.users.lead), update)).statusCode).toBe(403);
    expect((await call('POST', url, await token(f.users.oversight), update)).statusCode).toBe(403);
    expect((await call('POST', url, await token(f.users.panel), update)).statusCode).toBe(403);
    const detail = (await call('GET', `/api/v1/plan/commitments/${c.id}`, lead)).json() as {
      latest: unknown;
    };
    expect(detail.latest).toEqual({ quarter: update.quarter, status: 'on_track' });
  });
});

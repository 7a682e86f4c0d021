import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/records/api.ts';
import { londonDate } from '../../src/records/accountability/clock.ts';
import { ApiTasks } from '../../src/web/schemas/api-tasks.ts';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

// The pages of what is due: /tasks for every signed-in user, the /accountability landing,
// /admin/lines, GET /api/v1/tasks; and a change of governance seen on the pages by date.

const system: Actor = { userId: null, via: 'system' };
const DAY = 86_400_000;
const dayFromNow = (n: number) => londonDate(new Date(Date.now() + n * DAY));

let f: WebFixture;
const ids: Record<string, string> = {};
beforeAll(async () => {
  f = await webFixture();
  const r = f.deps.records;
  const source = await r.findingSources.add(
    {
      kind: 'internal_audit',
      title: 'Internal audit: custody records (test)',
      reportKind: null,
      publishedOn: dayFromNow(-120),
    },
    system,
  );
  const finding = async (ref: string, due: string | null) => {
    const x = await r.findings.add(
      {
        sourceId: source.id,
        ref,
        kind: 'recommendation',
        text: `Check every custody record within a day (${ref}, test).`,
        scope: 'force',
        due,
        leadUserId: f.users.lead.id,
      },
      system,
    );
    await r.findings.transition(x.id, 'allocated', system);
    return x.id;
  };
  ids.late = await finding('Finding 1', dayFromNow(-30));
  ids.soon = await finding('Finding 2', dayFromNow(5));
  ids.later = await finding('Finding 3', dayFromNow(90));
}, 120_000);
afterAll(async () => {
  await f?.close();
});

async function as(role: keyof WebFixture['users']): Promise<Browser> {
  const b = new Browser(f.app);
  await b.signIn(f.users[role].email);
  return b;
}

/** The text of a page's section from its heading id to the next h2. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return '';
  const next = html.indexOf('<h2', start + 1);
  return html.slice(start, next < 0 ? undefined : next);
}

describe('/tasks', () => {
  it("groups a lead's own items as overdue, due soon and later, each linking to its page", async () => {
    const b = await as('lead');
    const res = await b.get('/tasks');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('What is due or overdue for me');
    const overdue = section(res.body, 'overdue');
    expect(overdue).toContain(`href="/findings/${ids.late}"`);
    expect(overdue).toContain('30 days overdue');
    expect(section(res.body, 'due-soon')).toContain(`href="/findings/${ids.soon}"`);
    expect(section(res.body, 'due-soon')).toContain('in 5 days');
    expect(section(res.body, 'later')).toContain(`href="/findings/${ids.later}"`);
    // The demo's own findings belong to the demo lead, not this one.
    expect(res.body).not.toContain('Reconcile the property store');
  });

  it("shows the policing body's office the statutory response clock, and an analyst nothing", async () => {
    const oversight = await (await as('oversight')).get('/tasks');
    // The demo's PEEL report was published 45 days before the demo was built: due in ~10 days.
    expect(oversight.body).toMatch(/href="\/responses\/\d+"/);
    expect(oversight.body).toContain('Response to PEEL inspection of the demo force (demo)');
    const analyst = await (await as('analyst')).get('/tasks');
    expect(analyst.statusCode).toBe(200);
    expect(analyst.body).toContain('Nothing is due or overdue for you.');
  });

  it('shows a line manager what was escalated to them, with whose it is', async () => {
    await f.deps.records.tasks.setLine(f.users.lead.id, f.users.oversight.id, system);
    const made = await f.deps.records.tasks.escalate(system);
    expect(made.map((e) => e.subject)).toEqual([`finding:${ids.late}`]);
    const page = await (await as('oversight')).get('/tasks');
    const escalated = section(page.body, 'escalated');
    expect(escalated).toContain('Escalated to you');
    expect(escalated).toContain(`href="/findings/${ids.late}"`);
    expect(escalated).toContain('Test lead');
    await f.deps.records.tasks.setLine(f.users.lead.id, null, system);
  });

  it('is for signed-in users only', async () => {
    const res = await f.app.inject({ url: '/tasks' });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toMatch(/^\/sign-in\?next=%2Ftasks/);
  });
});

describe('/accountability', () => {
  it('shows response clocks, open findings by status and what is overdue', async () => {
    const res = await (await as('oversight')).get('/accountability');
    expect(res.statusCode).toBe(200);
    const clocks = section(res.body, 'clocks');
    expect(clocks).toContain('Police response to violence against women and girls (demo)');
    expect(clocks).toContain('Published');
    expect(clocks).toContain('PEEL inspection of the demo force (demo)');
    const open = section(res.body, 'findings');
    expect(open).toMatch(/href="\/findings\?status=in_progress">In progress<\/a>/);
    expect(open).toMatch(/open findings by status/);
    const overdue = section(res.body, 'overdue');
    expect(overdue).toContain(`href="/findings/${ids.late}"`);
    expect(overdue).toContain('Test lead'); // owners shown to the policing body's office
  });

  it('links only the sections each role may open, in the sub-navigation and the list', async () => {
    const panel = await (await as('panel')).get('/accountability');
    expect(panel.statusCode).toBe(200);
    expect(section(panel.body, 'sections')).toContain('href="/panel"');
    expect(panel.body).toContain('class="moj-sub-navigation');
    expect(panel.body).toMatch(/aria-current="page" href="\/accountability"/);
    // A panel member does not see who owns what.
    expect(section(panel.body, 'overdue')).not.toContain('Test lead');
    const analyst = await (await as('analyst')).get('/accountability');
    expect(section(analyst.body, 'sections')).not.toContain('href="/panel"');
    expect(section(analyst.body, 'sections')).toContain('href="/findings"');
    for (const href of ['/inspections', '/responses', '/plan', '/meetings', '/challenges'])
      expect(section(analyst.body, 'sections')).toContain(`href="${href}"`);
  });
});

describe('/admin/lines', () => {
  it('lets an administrator set who a user escalates to and after how many days, audited', async () => {
    const b = await as('admin');
    const page = await b.get('/admin/lines');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="line_${f.users.lead.id}"`);
    const res = await b.post('/admin/lines', {
      escalateAfterDays: '10',
      [`line_${f.users.lead.id}`]: f.users.oversight.id,
    });
    expect(res.statusCode).toBe(303);
    expect((await b.get('/admin/lines')).body).toContain('Escalation lines saved.');
    expect(await f.deps.records.tasks.lines()).toEqual([
      { userId: f.users.lead.id, lineUserId: f.users.oversight.id },
    ]);
    expect((await f.deps.records.tasks.reminderSettings()).escalateAfterDays).toBe(10);
    const audit = await f.deps.records.audit.list({ action: 'user_line_set' });
    expect(audit[0]).toMatchObject({ actorUserId: f.users.admin.id, via: 'web' });
    // Cleared again: nothing else in this file depends on it.
    await b.post('/admin/lines', { escalateAfterDays: '7', [`line_${f.users.lead.id}`]: '' });
    expect(await f.deps.records.tasks.lines()).toEqual([]);
  });

  it('says what is wrong with a bad number of days or a line to oneself, and saves nothing', async () => {
    const b = await as('admin');
    await b.get('/admin/lines');
    const res = await b.post('/admin/lines', {
      escalateAfterDays: 'soon',
      [`line_${f.users.lead.id}`]: f.users.lead.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Enter the number of days as a whole number');
    expect(res.body).toContain('cannot escalate to themselves');
    expect(await f.deps.records.tasks.lines()).toEqual([]);
    const high = await b.post('/admin/lines', { escalateAfterDays: '400' });
    expect(high.body).toContain('The number of days must be 365 or fewer');
  });

  it('is for administrators only', async () => {
    expect((await (await as('oversight')).get('/admin/lines')).statusCode).toBe(403);
  });
});

describe('GET /api/v1/tasks', () => {
  it("answers the caller's tasks, as the page shows them, in the documented shape", async () => {
    const { secret } = await f.deps.records.tokens.create(f.users.lead.email, 'test', system);
    const res = await f.app.inject({
      url: '/api/v1/tasks',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.statusCode).toBe(200);
    const body = ApiTasks.parse(res.json());
    expect(body.today).toBe(londonDate(new Date()));
    expect(body.tasks.map((t) => [t.id, t.state, t.href])).toEqual([
      [ids.late, 'overdue', `/findings/${ids.late}`],
      [ids.soon, 'due_soon', `/findings/${ids.soon}`],
      [ids.later, 'later', `/findings/${ids.later}`],
    ]);
    expect(body.tasks[0]?.daysLeft).toBe(-30);
    const bad = await f.app.inject({
      url: '/api/v1/tasks?x=1',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(bad.statusCode).toBe(400);
    expect((await f.app.inject({ url: '/api/v1/tasks' })).statusCode).toBe(401);
    const doc = (await f.app.inject({ url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, { get?: { operationId?: string } }>;
    };
    expect(doc.paths['/api/v1/tasks']?.get?.operationId).toBe('getTasks');
  });
});

describe('a change of governance on the pages', () => {
  let g: WebFixture;
  let now = new Date('2028-05-07T12:00:00+01:00');
  beforeAll(async () => {
    g = await webFixture({ clock: { now: () => now } });
    const [pcc] = await g.deps.records.policingBodies.list();
    await g.deps.records.policingBodies.succeed(
      pcc!.id,
      {
        type: 'mayor',
        name: 'Mayor of the Demo Combined Authority',
        roleTitles: { holder: 'Mayor', office: 'Office of the Mayor' },
      },
      new Date('2028-05-08T00:00:00+01:00'),
      system,
    );
  }, 120_000);
  afterAll(async () => {
    await g?.close();
  });

  const page = async (url: string) => {
    const b = new Browser(g.app);
    await b.signIn(g.users.oversight.email);
    return (await b.get(url)).body;
  };

  it('names the Police and Crime Commissioner before the day and the mayor from it', async () => {
    const before = await page('/accountability');
    expect(before).toContain('the Police and Crime Commissioner’s plan');
    expect(before).toContain('The Police and Crime Commissioner must publish a response');
    expect(before).not.toContain('Mayor of the Demo Combined Authority');
    now = new Date('2028-05-08T09:00:00+01:00');
    const after = await page('/accountability');
    expect(after).toContain('the Mayor’s plan');
    expect(after).toContain('The Mayor must publish a response');
    expect(after).toContain('Published by Mayor of the Demo Combined Authority');
    expect(after).not.toContain('Police and Crime Commissioner');
    // The demo's responses carried over, with their dates.
    expect(section(after, 'clocks')).toContain('Crime data integrity inspection (demo)');
  });
});

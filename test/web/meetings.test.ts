import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasureResult } from '../../src/measures/result.ts';
import { Browser, webFixture, type WebFixture } from '../helpers/web.ts';

// Holding to account on the web: meetings, challenges and actions as each role sees them, the
// forms only for those the records let act, CSRF on each, the "Raise a challenge" link only for
// a signalled measure and only for manage_meetings, the public site with published notes only,
// and the JSON API with its OpenAPI entries.

let f: WebFixture;
const PERIOD = '2021/22-Q4';
const ROLES = ['admin', 'analyst', 'lead', 'oversight', 'panel'] as const;
type Role = (typeof ROLES)[number];
const browsers: Partial<Record<Role, Browser>> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  f = await webFixture();
  for (const role of ROLES) {
    const b = new Browser(f.app);
    await b.signIn(f.users[role].email);
    browsers[role] = b;
    const { secret } = await f.deps.records.tokens.create(f.users[role].email, 'test', {
      userId: null,
      via: 'system',
    });
    tokens[role] = `Bearer ${secret}`;
  }
}, 120_000);
afterAll(async () => {
  await f?.close();
});

const as = (role: Role) => browsers[role] as Browser;
const hrefs = (html: string, prefix: string) =>
  [...html.matchAll(/href="([^"]+)"/g)]
    .map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
    .filter((h) => h.startsWith(prefix));
const idFrom = (location: unknown) => /\/(\d+)$/.exec(String(location))?.[1] ?? '';

describe('meetings and challenges pages', () => {
  it('are open to every role that reads accountability, and send the public to sign in', async () => {
    for (const role of ROLES)
      for (const url of ['/meetings', '/meetings/1', '/challenges', '/challenges/1']) {
        const res = await as(role).get(url);
        expect(res.statusCode, `${role} ${url}`).toBe(200);
      }
    const anon = await new Browser(f.app).get('/challenges');
    expect(anon.statusCode).toBe(303);
    expect(String(anon.headers.location)).toMatch(/^\/sign-in/);
    expect((await as('oversight').get('/meetings/999999')).statusCode).toBe(404);
    expect((await as('oversight').get('/challenges/abc')).statusCode).toBe(404);
  });

  it('list the demo meetings by date with a type filter, and challenges by status', async () => {
    const all = await as('lead').get('/meetings');
    const dates = [...all.body.matchAll(/bl-nowrap">(\d{1,2} \w+ \d{4})</g)].map((m) =>
      Date.parse(m[1] ?? ''),
    );
    expect(dates.length).toBeGreaterThanOrEqual(4);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const thematic = await as('lead').get('/meetings?type=thematic');
    expect(thematic.body).toContain('Neighbourhood policing and public confidence (demo)');
    expect(thematic.body).not.toContain('Violence against women and girls (demo)');

    const overdue = await as('panel').get('/challenges?show=overdue');
    expect(overdue.body).toContain('Overdue by');
    expect(overdue.body).toContain('The action taken rate has run below its mean');
    expect(overdue.body).not.toContain('Fewer 101 calls');
    const answered = await as('panel').get('/challenges?show=answered');
    expect(answered.body).toContain('video response in the control room');
    expect(answered.body).not.toContain('Overdue by');
    // The exception is linked to the real measure page with its period and area.
    const open = await as('panel').get('/challenges?show=open');
    expect(hrefs(open.body, '/measures/')).toContain(
      `/measures/calls_101_30s?period=${encodeURIComponent(PERIOD)}`,
    );
    const measure = await as('panel').get(
      `/measures/calls_101_30s?period=${encodeURIComponent(PERIOD)}`,
    );
    expect(measure.statusCode).toBe(200);
  });

  it('offer the forms only to those who may use them', async () => {
    for (const role of ROLES) {
      const page = (await as(role).get('/meetings/1')).body;
      const manage = role === 'admin' || role === 'oversight';
      expect(page.includes('Save notes'), role).toBe(manage);
      expect(page.includes('Add action'), role).toBe(manage);
      expect(page.includes('Raise a challenge at this meeting'), role).toBe(manage);
      const list = (await as(role).get('/challenges')).body;
      expect(list.includes('href="/challenges/new"'), role).toBe(manage);
    }
    // The demo lead owns the demo actions; the test lead owns none, so it sees no "Mark done".
    expect((await as('lead').get('/meetings/1')).body).not.toContain('Mark done');
    expect((await as('oversight').get('/meetings/1')).body).toContain('Mark done');
    expect((await as('analyst').get('/challenges/new')).statusCode).toBe(403);
    expect((await as('lead').get('/meetings/new')).statusCode).toBe(403);
  });

  it('refuse a form without its CSRF token', async () => {
    const b = as('oversight');
    await b.get('/challenges/new');
    for (const [url, form] of [
      ['/challenges', { question: 'q', raisedBy: 'x', ownerUserId: f.users.lead.id }],
      ['/meetings/2/notes', { notes: 'x' }],
      ['/challenges/3/status', { to: 'withdrawn' }],
    ] as const) {
      for (const csrf of [null, 'not-the-token']) {
        const res = await b.post(url, { ...form }, { csrf });
        expect(res.statusCode, `${url} ${csrf}`).toBe(403);
        expect(res.body).toContain('CSRF_REFUSED');
      }
    }
    expect((await f.deps.records.challenges.byId('3'))?.status).toBe('open');
  });
});

describe('raising a challenge from a measure exception', () => {
  const signalled = (r: MeasureResult) =>
    r.status === 'not_met' || r.spc?.variationIcon === 'special_cause_concern';

  it('shows "Raise a challenge" on the scorecard for signalled measures, to manage_meetings only', async () => {
    const card = await f.deps.engine.scorecard({ period: PERIOD, lpa: null });
    const concern = card.measures.filter((r) => r.spc?.variationIcon === 'special_cause_concern');
    const missed = card.measures.filter((r) => r.status === 'not_met');
    const quiet = card.measures.filter((r) => !signalled(r));
    expect(concern.length, 'the demo has a special cause of concern').toBeGreaterThan(0);
    expect(missed.length, 'the demo misses a target').toBeGreaterThan(0);
    expect(quiet.some((r) => r.status === 'no_data' || r.spc === null)).toBe(true);

    for (const role of ['oversight', 'analyst', 'admin', 'lead', 'oversight'] as const) {
      const page = (await as(role).get(`/scorecard?period=${encodeURIComponent(PERIOD)}`)).body;
      const links = hrefs(page, '/challenges/new?');
      if (role === 'analyst' || role === 'lead') {
        expect(links, role).toEqual([]);
        expect(page).not.toContain('Raise a challenge');
        continue;
      }
      const measures = links.map((l) => new URLSearchParams(l.split('?')[1]).get('measure'));
      expect(new Set(measures), role).toEqual(
        new Set(card.measures.filter(signalled).map((r) => r.id)),
      );
      const link = new URLSearchParams(
        links.find((l) => l.includes(`measure=${concern[0]!.id}&`))!.split('?')[1],
      );
      expect(link.get('period')).toBe(PERIOD);
      expect(link.get('lpa')).toBe('');
      expect(link.get('signal')).toMatch(/^(target missed; )?special cause of concern: /);
      const miss = missed.find((r) => r.spc?.variationIcon !== 'special_cause_concern');
      if (miss)
        expect(links.find((l) => l.includes(`measure=${miss.id}&`))).toContain(
          'signal=target+missed',
        );
    }
    expect((await as('panel').get('/scorecard')).body).not.toContain('Raise a challenge');
  });

  it('shows it on the measure page only when the measure signals, and only to manage_meetings', async () => {
    const card = await f.deps.engine.scorecard({ period: PERIOD, lpa: null });
    const concern = card.measures.find((r) => r.spc?.variationIcon === 'special_cause_concern')!;
    const quiet = card.measures.find((r) => !signalled(r) && r.status === 'met')!;
    const url = (id: string) => `/measures/${id}?period=${encodeURIComponent(PERIOD)}`;
    expect(
      hrefs((await as('oversight').get(url(concern.id))).body, '/challenges/new?'),
    ).toHaveLength(1);
    expect((await as('lead').get(url(concern.id))).body).not.toContain('Raise a challenge');
    expect((await as('oversight').get(url(quiet.id))).body).not.toContain('Raise a challenge');
  });

  it('raises it prefilled from the exception; the owner answers; oversight closes it', async () => {
    const card = await f.deps.engine.scorecard({ period: PERIOD, lpa: null });
    const concern = card.measures.find((r) => r.spc?.variationIcon === 'special_cause_concern')!;
    const page = (
      await as('oversight').get(`/measures/${concern.id}?period=${encodeURIComponent(PERIOD)}`)
    ).body;
    const [raise] = hrefs(page, '/challenges/new?');
    const form = await as('oversight').get(raise!);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="measure" value="${concern.id}"`);
    expect(form.body).toContain(concern.title);
    const q = new URLSearchParams(raise!.split('?')[1]);

    // Missing fields are named; nothing is raised.
    const before = (await f.deps.records.challenges.list()).length;
    const bad = await as('oversight').post('/challenges', {
      measure: concern.id,
      period: PERIOD,
      lpa: '',
      signal: q.get('signal') ?? '',
      question: '',
      raisedBy: 'Chief Executive',
      ownerUserId: '',
      'dueOn-day': '31',
      'dueOn-month': '2',
      'dueOn-year': '2030',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the question the challenge asks');
    expect(bad.body).toContain('Choose who is to answer');
    expect(bad.body).toContain('The due date must be a real date');
    expect((await f.deps.records.challenges.list()).length).toBe(before);

    const res = await as('oversight').post('/challenges', {
      measure: concern.id,
      period: PERIOD,
      lpa: '',
      signal: q.get('signal') ?? '',
      question: 'Why has this measure moved outside its limits?',
      raisedBy: 'Chief Executive',
      ownerUserId: f.users.lead.id,
      'dueOn-day': '30',
      'dueOn-month': '6',
      'dueOn-year': '2030',
      meetingId: '2',
    });
    expect(res.statusCode).toBe(303);
    const id = idFrom(res.headers.location);
    const raised = await f.deps.records.challenges.byId(id);
    expect(raised).toMatchObject({
      status: 'open',
      ownerUserId: f.users.lead.id,
      raisedByUserId: f.users.oversight.id,
      dueOn: '2030-06-30',
      meetingId: '2',
      exception: { measureId: concern.id, period: PERIOD, lpa: '', signal: q.get('signal') },
    });
    const view = (await as('lead').get(`/challenges/${id}`)).body;
    expect(view).toContain('Your answer');
    expect(hrefs(view, '/measures/')).toContain(
      `/measures/${concern.id}?period=${encodeURIComponent(PERIOD)}`,
    );

    // Not the owner: oversight is refused by the records, analyst and panel by the route.
    expect((await as('oversight').get(`/challenges/${id}`)).body).not.toContain('Your answer');
    await as('oversight').get(`/challenges/${id}`);
    expect(
      (await as('oversight').post(`/challenges/${id}/response`, { response: 'x' })).statusCode,
    ).toBe(403);
    await as('panel').get(`/challenges/${id}`);
    expect(
      (await as('panel').post(`/challenges/${id}/response`, { response: 'x' })).statusCode,
    ).toBe(403);
    // Closing before it is answered is not a step the table has.
    expect(
      (await as('oversight').post(`/challenges/${id}/status`, { to: 'closed' })).statusCode,
    ).toBe(409);

    await as('lead').get(`/challenges/${id}`);
    const empty = await as('lead').post(`/challenges/${id}/response`, { response: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter your answer');
    const answered = await as('lead').post(`/challenges/${id}/response`, {
      response: 'The change follows a new arrest policy; we are reviewing it.',
    });
    expect(answered.statusCode).toBe(303);
    const seen = (await as('oversight').get(`/challenges/${id}`)).body;
    expect(seen).toContain('The change follows a new arrest policy');
    expect(seen).toContain('Save decision');
    // Admin manages meetings but the records let only oversight close a challenge.
    await as('admin').get(`/challenges/${id}`);
    expect((await as('admin').post(`/challenges/${id}/status`, { to: 'closed' })).statusCode).toBe(
      403,
    );
    await as('oversight').get(`/challenges/${id}`);
    const closed = await as('oversight').post(`/challenges/${id}/status`, {
      to: 'closed',
      note: 'Answer accepted.',
    });
    expect(closed.statusCode).toBe(303);
    const done = (await as('panel').get(`/challenges/${id}`)).body;
    expect(done).toContain('Closed');
    expect(done).toContain('Answer accepted.');
    expect(done).toContain('Test lead');
    expect((await f.deps.records.challenges.history(id)).map((h) => h.action)).toEqual([
      'raised',
      'answered',
      'transition',
    ]);
  });

  it('refuses a made-up exception in the link', async () => {
    const res = await as('oversight').get(
      '/challenges/new?measure=not_a_measure&period=2021/22-Q4&lpa=&signal=x',
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('not one of the catalogue');
    expect(res.body).not.toContain('name="measure"');
  });
});

describe('meetings and their actions', () => {
  it('adds a meeting, edits and publishes its notes, and shows them publicly once published', async () => {
    const b = as('oversight');
    await b.get('/meetings/new');
    const bad = await b.post('/meetings', {
      subject: '',
      'heldOn-day': '30',
      'heldOn-month': '2',
      'heldOn-year': '2025',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select the type of meeting');
    expect(bad.body).toContain('Enter what the meeting is about');
    expect(bad.body).toContain('must be a real date');
    const res = await b.post('/meetings', {
      type: 'public',
      subject: 'Public meeting on burglary (test)',
      'heldOn-day': '14',
      'heldOn-month': '3',
      'heldOn-year': '2025',
      location: 'Town hall',
      attendees: 'Chief Constable\nDeputy Mayor',
      agenda: 'Burglary\nQuestions from the public',
      papers: 'Burglary paper | https://example.org/burglary.pdf\nAgenda',
    });
    expect(res.statusCode).toBe(303);
    const id = idFrom(res.headers.location);
    const m = await f.deps.records.meetings.byId(id);
    expect(m).toMatchObject({
      type: 'public',
      heldOn: '2025-03-14',
      attendees: ['Chief Constable', 'Deputy Mayor'],
      agenda: ['Burglary', 'Questions from the public'],
      papers: [
        { title: 'Burglary paper', link: 'https://example.org/burglary.pdf' },
        { title: 'Agenda', link: null },
      ],
      notesPublishedOn: null,
    });
    // Not yet published: not on the public site.
    const anon = new Browser(f.app);
    expect((await anon.get(`/public/meetings/${id}`)).statusCode).toBe(404);
    expect((await anon.get('/public/meetings')).body).not.toContain('Public meeting on burglary');

    await b.get(`/meetings/${id}`);
    expect(
      (
        await b.post(`/meetings/${id}/notes`, {
          notes: 'Burglary is down.\n\nQuestions were taken.',
        })
      ).statusCode,
    ).toBe(303);
    const page = (await b.get(`/meetings/${id}`)).body;
    expect(page).toContain('Publish notes');
    expect((await b.post(`/meetings/${id}/publish`)).statusCode).toBe(303);
    expect((await b.post(`/meetings/${id}/publish`)).statusCode).toBe(409);

    const list = (await anon.get('/public/meetings')).body;
    expect(list).toContain('Public meeting on burglary (test)');
    const pub = await anon.get(`/public/meetings/${id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Burglary is down.');
    expect(pub.body).toContain('Deputy Mayor');
    expect(pub.body).toContain('href="https://example.org/burglary.pdf"');
    expect(pub.body).toContain('href="/public/meetings"');
    const history = (await b.get(`/meetings/${id}`)).body;
    expect(history).toContain('Notes published');
    expect(history).toContain('Test oversight');
  });

  it('lists publicly only meetings with published notes, with no names beyond office titles', async () => {
    const anon = new Browser(f.app);
    const list = (await anon.get('/public/meetings')).body;
    const links = hrefs(list, '/public/meetings/');
    expect(links.length).toBeGreaterThan(0);
    const meetings = await f.deps.records.meetings.list();
    for (const m of meetings) {
      const listed = links.includes(`/public/meetings/${m.id}`);
      expect(listed, m.subject).toBe(m.notesPublishedOn !== null);
      const res = await anon.get(`/public/meetings/${m.id}`);
      expect(res.statusCode, m.subject).toBe(m.notesPublishedOn !== null ? 200 : 404);
      if (res.statusCode !== 200) continue;
      for (const u of await f.deps.records.users.list())
        expect(res.body, `${m.subject}: ${u.displayName}`).not.toContain(u.displayName);
      for (const c of await f.deps.records.challenges.list({ meetingId: m.id }))
        expect(res.body).not.toContain(c.question.slice(0, 40));
    }
    expect((await anon.get('/public')).body).toContain('href="/public/meetings"');
  });

  it('adds an action; its owner marks it done; only the managers drop one', async () => {
    const b = as('oversight');
    await b.get('/meetings/2');
    const bad = await b.post('/meetings/2/actions', { text: '', ownerUserId: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter what is to be done');
    const notOwner = await b.post('/meetings/2/actions', {
      text: 'Bring the figures by area.',
      ownerUserId: f.users.analyst.id,
    });
    expect(notOwner.statusCode).toBe(400);
    expect(notOwner.body).toContain('strategic lead');
    const res = await b.post('/meetings/2/actions', {
      text: 'Bring the figures by area (test).',
      ownerUserId: f.users.lead.id,
      'dueOn-day': '1',
      'dueOn-month': '1',
      'dueOn-year': '2020',
    });
    expect(res.statusCode).toBe(303);
    const action = (await f.deps.records.meetingActions.list({ meetingId: '2' })).find((a) =>
      a.text.includes('(test)'),
    )!;
    expect(action).toMatchObject({ ownerUserId: f.users.lead.id, dueOn: '2020-01-01' });
    const lead = as('lead');
    const page = (await lead.get('/meetings/2')).body;
    expect(page).toContain('Overdue');
    expect(page).toContain(`/meetings/2/actions/${action.id}/done`);
    expect(page).not.toContain(`/meetings/2/actions/${action.id}/drop`);
    expect((await lead.post(`/meetings/2/actions/${action.id}/drop`)).statusCode).toBe(403);
    expect((await lead.post(`/meetings/1/actions/${action.id}/done`)).statusCode).toBe(404);
    expect((await lead.post(`/meetings/2/actions/${action.id}/done`)).statusCode).toBe(303);
    expect((await f.deps.records.meetingActions.byId(action.id))?.status).toBe('done');
    expect((await lead.post(`/meetings/2/actions/${action.id}/done`)).statusCode).toBe(409);
  });
});

describe('the JSON API', () => {
  const api = (role: Role, url: string, body?: unknown) =>
    f.app.inject({
      method: body === undefined ? 'GET' : 'POST',
      url,
      headers: { authorization: tokens[role] ?? '' },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });

  it('lists meetings and challenges, and answers one meeting and one challenge', async () => {
    const meetings = await api('panel', '/api/v1/meetings');
    expect(meetings.statusCode).toBe(200);
    const list = meetings.json() as { meetings: { id: string; heldOn: string }[] };
    expect(list.meetings.map((m) => m.heldOn)).toEqual(
      [...list.meetings.map((m) => m.heldOn)].sort().reverse(),
    );
    const one = (await api('lead', '/api/v1/meetings/1')).json() as {
      challenges: unknown[];
      actions: unknown[];
      timeline: { action: string }[];
    };
    expect(one.challenges.length).toBeGreaterThan(0);
    expect(one.actions.length).toBeGreaterThan(0);
    expect(one.timeline[0]?.action).toBe('added');
    const overdue = (await api('lead', '/api/v1/challenges?overdue=true')).json() as {
      challenges: { status: string; due: { overdue: boolean } }[];
    };
    expect(overdue.challenges.length).toBeGreaterThan(0);
    expect(overdue.challenges.every((c) => c.status === 'open' && c.due.overdue)).toBe(true);
    expect((await api('lead', '/api/v1/challenges?status=nope')).statusCode).toBe(400);
    expect((await api('lead', '/api/v1/challenges/999999')).statusCode).toBe(404);
    expect((await f.app.inject({ url: '/api/v1/challenges' })).statusCode).toBe(401);
  });

  it('raises a challenge (manage_meetings) and lets only its owner answer it', async () => {
    const input = {
      question: 'What is the plan for 101 calls? (API test)',
      raisedBy: 'Chief Executive',
      ownerUserId: f.users.lead.id,
      dueOn: '2030-01-31',
      exception: { measureId: 'calls_101_30s', period: PERIOD, lpa: '', signal: 'target missed' },
    };
    expect((await api('lead', '/api/v1/challenges', input)).statusCode).toBe(403);
    const bad = await api('oversight', '/api/v1/challenges', { ...input, question: '' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { message: string }).message).toContain('question');
    const res = await api('oversight', '/api/v1/challenges', input);
    expect(res.statusCode).toBe(201);
    const c = res.json() as { id: string; status: string; exception: { measureId: string } };
    expect(c).toMatchObject({ status: 'open', exception: { measureId: 'calls_101_30s' } });

    const other = await api('oversight', `/api/v1/challenges/${c.id}/response`, { response: 'x' });
    expect(other.statusCode).toBe(403);
    expect((other.json() as { code: string }).code).toBe('NOT_PERMITTED');
    const ok = await api('lead', `/api/v1/challenges/${c.id}/response`, { response: 'A plan.' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'answered', response: 'A plan.' });
    const again = await api('lead', `/api/v1/challenges/${c.id}/response`, { response: 'More.' });
    expect(again.statusCode).toBe(409);
    const detail = (await api('panel', `/api/v1/challenges/${c.id}`)).json() as {
      timeline: { action: string; via: string }[];
    };
    expect(detail.timeline.map((t) => [t.action, t.via])).toEqual([
      ['raised', 'api'],
      ['answered', 'api'],
    ]);
  });

  it('documents its operations and bodies in the OpenAPI document', async () => {
    const doc = (await f.app.inject({ url: '/api/v1/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>
      >;
      components: { schemas: Record<string, unknown> };
    };
    for (const p of [
      '/api/v1/meetings',
      '/api/v1/meetings/{id}',
      '/api/v1/challenges',
      '/api/v1/challenges/{id}',
      '/api/v1/challenges/{id}/response',
    ])
      expect(doc.paths[p], p).toBeDefined();
    expect(
      doc.paths['/api/v1/challenges']?.post?.requestBody?.content['application/json']?.schema.$ref,
    ).toBe('#/components/schemas/RaiseChallenge');
    for (const s of ['Meeting', 'MeetingDetail', 'Challenge', 'ChallengeDetail', 'RaiseChallenge'])
      expect(doc.components.schemas[s], s).toBeDefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Finding, Role } from '../../src/records/api.ts';
import { ApiFindingDetail, ApiFindingList } from '../../src/web/schemas/api-findings.ts';
import { webFixture, type WebFixture } from '../helpers/web.ts';

// The findings register's JSON API with bearer tokens: reading reports and findings (filters,
// history, evidence metadata but no panel files), lifecycle steps with their codes (200, 409
// INVALID_TRANSITION, 403 NOT_PERMITTED, 404 UNKNOWN_RECORD, 400 BAD_INPUT), progress updates,
// the audit log's pages, and the OpenAPI document listing all of it.

let f: WebFixture;
const token: Partial<Record<Role, string>> = {};
const cli: Actor = { userId: null, via: 'cli' };
let sourceId = '';

beforeAll(async () => {
  f = await webFixture();
  for (const role of ['admin', 'analyst', 'lead', 'oversight', 'panel'] as const) {
    const { secret } = await f.deps.records.tokens.create(f.users[role].email, 'test', cli);
    token[role] = secret;
  }
  sourceId = (
    await f.deps.records.findingSources.add(
      { kind: 'internal_audit', title: 'Audit of custody (api test)', publishedOn: '2021-02-01' },
      cli,
    )
  ).id;
});
afterAll(async () => {
  await f?.close();
});

const call = (role: Role | null, method: 'GET' | 'POST', url: string, body?: unknown) =>
  f.app.inject({
    method,
    url,
    headers: role ? { authorization: `Bearer ${token[role]}` } : {},
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });

async function ours(status: 'in_progress' | 'evidence_submitted') {
  const x = await f.deps.records.findings.add(
    {
      sourceId,
      ref: 'Finding 1',
      kind: 'recommendation',
      text: 'Reconcile the custody records each month.',
      scope: 'force',
      due: '2021-08-01',
      leadUserId: f.users.lead.id,
    },
    cli,
  );
  const path: Finding['status'][] = ['allocated', 'in_progress', 'evidence_submitted'];
  for (const to of path.slice(0, path.indexOf(status) + 1))
    await f.deps.records.findings.transition(x.id, to, cli);
  return x.id;
}

describe('reading the register', () => {
  it('lists reports with their findings by status and the response clock', async () => {
    const res = await call('panel', 'GET', '/api/v1/inspections');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      inspections: {
        id: string;
        title: string;
        byStatus: Record<string, number>;
        response: { clock: string } | null;
      }[];
    };
    const cdi = body.inspections.find((i) => i.title.startsWith('Crime data integrity'));
    expect(cdi?.byStatus).toMatchObject({ closed: 2 });
    expect(cdi?.response?.clock).toBe('published');
    expect(body.inspections.find((i) => i.id === sourceId)?.response).toBeNull();
    const one = await call('analyst', 'GET', `/api/v1/inspections/${cdi!.id}`);
    expect((one.json() as { findingList: unknown[] }).findingList).toHaveLength(4);
    expect((await call('analyst', 'GET', '/api/v1/inspections/999999')).statusCode).toBe(404);
    expect((await call(null, 'GET', '/api/v1/inspections')).statusCode).toBe(401);
  });

  it('filters the findings as the register page does', async () => {
    const all = ApiFindingList.parse((await call('lead', 'GET', '/api/v1/findings')).json());
    expect(all.findings.length).toBe((await f.deps.records.findings.list()).length);
    expect(all.ageProfile.total.open).toBe(
      all.findings.filter((x) => !['closed', 'superseded'].includes(x.status)).length,
    );
    const open = ApiFindingList.parse(
      (await call('lead', 'GET', '/api/v1/findings?status=open&overdue=true')).json(),
    );
    expect(open.findings.length).toBeGreaterThan(0);
    for (const x of open.findings) expect(['overdue', 'immediately']).toContain(x.dueFlag);
    const bad = await call('lead', 'GET', '/api/v1/findings?status=done');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'BAD_INPUT' });
  });

  it('gives a finding with history and evidence metadata; files never to the panel', async () => {
    const id = await ours('in_progress');
    await f.deps.records.findings.postUpdate(
      id,
      { text: 'First reconciliation done.', coversOn: '2021-03-31', rag: 'amber' },
      { userId: f.users.lead.id, via: 'web' },
      { fileName: 'reconciliation.csv', bytes: Buffer.from('item,found\n1,yes\n') },
    );
    const lead = ApiFindingDetail.parse(
      (await call('lead', 'GET', `/api/v1/findings/${id}`)).json(),
    );
    expect(lead).toMatchObject({ rag: 'amber', status: 'in_progress' });
    expect(lead.history.map((h) => h.action)).toEqual([
      'added',
      'transition',
      'transition',
      'evidence_added',
    ]);
    expect(lead.evidence[0]?.files[0]).toMatchObject({
      fileName: 'reconciliation.csv',
      mediaType: 'text/csv',
      download: expect.stringMatching(new RegExp(`^/findings/${id}/evidence/\\d+$`)),
    });
    expect(lead.nextSteps.map((s) => s.to)).toEqual(['evidence_submitted']);
    const panel = ApiFindingDetail.parse(
      (await call('panel', 'GET', `/api/v1/findings/${id}`)).json(),
    );
    expect(panel.evidence[0]?.text).toBe('First reconciliation done.');
    expect(panel.evidence[0]?.files).toEqual([]);
    expect(panel.nextSteps).toEqual([]);
    expect((await call('panel', 'GET', '/api/v1/findings/999999')).statusCode).toBe(404);
  });
});

describe('lifecycle steps', () => {
  it('answers 200 with the finding for an allowed step, its note in the history', async () => {
    const id = await ours('in_progress');
    const res = await call('lead', 'POST', `/api/v1/findings/${id}/transitions`, {
      to: 'evidence_submitted',
      note: 'Three months reconciled',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'evidence_submitted' });
    const [last] = (await f.deps.records.findings.history(id)).reverse();
    expect(last).toMatchObject({
      via: 'api',
      actorUserId: f.users.lead.id,
      note: 'Three months reconciled',
    });
  });

  it('answers 409 INVALID_TRANSITION, 403 NOT_PERMITTED, 404 and 400 with their codes', async () => {
    const id = await ours('evidence_submitted');
    const invalid = await call('oversight', 'POST', `/api/v1/findings/${id}/transitions`, {
      to: 'closed',
    });
    expect(invalid.statusCode).toBe(409);
    expect(invalid.json()).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'A finding that is evidence submitted cannot become closed.',
    });
    const notYours = await call('admin', 'POST', `/api/v1/findings/${id}/transitions`, {
      to: 'approved_for_closure',
    });
    expect(notYours.statusCode).toBe(403);
    expect(notYours.json()).toMatchObject({ code: 'NOT_PERMITTED' });
    const missing = await call('oversight', 'POST', '/api/v1/findings/999999/transitions', {
      to: 'closed',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'UNKNOWN_RECORD' });
    const nonsense = await call('oversight', 'POST', `/api/v1/findings/${id}/transitions`, {
      to: 'finished',
    });
    expect(nonsense.statusCode).toBe(400);
    expect(nonsense.json()).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/"to"/),
    });
    // A role without work_findings is refused by the core before any item rule.
    const analyst = await call('analyst', 'POST', `/api/v1/findings/${id}/transitions`, {
      to: 'approved_for_closure',
    });
    expect(analyst.statusCode).toBe(403);
    expect(analyst.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await f.deps.records.findings.byId(id))?.status).toBe('evidence_submitted');
    const ok = await call('oversight', 'POST', `/api/v1/findings/${id}/transitions`, {
      to: 'approved_for_closure',
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('progress updates', () => {
  it('takes the lead’s JSON update with its RAG, and refuses anyone else', async () => {
    const id = await ours('in_progress');
    const res = await call('lead', 'POST', `/api/v1/findings/${id}/updates`, {
      text: 'Second month reconciled.',
      coversOn: '2021-04-30',
      rag: 'green',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      rag: 'green',
      evidence: { coversOn: '2021-04-30', addedBy: f.users.lead.id, files: [] },
    });
    const other = await call('oversight', 'POST', `/api/v1/findings/${id}/updates`, {
      text: 'x',
      coversOn: '2021-04-30',
    });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'NOT_PERMITTED' });
    const bad = await call('lead', 'POST', `/api/v1/findings/${id}/updates`, {
      text: 'x',
      coversOn: '30/04/2021',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ message: expect.stringMatching(/coversOn/) });
  });
});

describe('the audit log', () => {
  it('is for admin and oversight, newest first, paged back by id, filtered by subject', async () => {
    const id = await ours('in_progress');
    expect((await call('lead', 'GET', '/api/v1/audit')).statusCode).toBe(403);
    expect((await call('panel', 'GET', '/api/v1/audit')).statusCode).toBe(403);
    const first = await call('oversight', 'GET', `/api/v1/audit?subject=finding:${id}&limit=2`);
    expect(first.statusCode).toBe(200);
    const page = first.json() as { entries: { id: number; subject: string }[]; next: string };
    expect(page.entries).toHaveLength(2);
    expect(page.entries.every((e) => e.subject === `finding:${id}`)).toBe(true);
    expect(page.next).toBe(
      `/api/v1/audit?subject=finding%3A${id}&before=${page.entries[1]!.id}&limit=2`,
    );
    const second = (await call('admin', 'GET', page.next)).json() as {
      entries: { id: number }[];
      next: string | null;
    };
    expect(second.entries).toHaveLength(1);
    expect(second.entries[0]!.id).toBeLessThan(page.entries[1]!.id);
    expect(second.next).toBeNull();
    expect((await call('admin', 'GET', '/api/v1/audit?limit=500')).statusCode).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('lists every findings operation with its JSON body schema', async () => {
    const doc = (await call(null, 'GET', '/api/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
      components: { schemas: Record<string, unknown> };
    };
    for (const p of [
      '/api/v1/inspections',
      '/api/v1/inspections/{id}',
      '/api/v1/findings',
      '/api/v1/findings/{id}',
      '/api/v1/audit',
    ])
      expect(doc.paths[p]?.get, p).toBeDefined();
    const post = doc.paths['/api/v1/findings/{id}/transitions']?.post;
    expect(post?.requestBody?.content['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/FindingTransition' },
    });
    expect(doc.paths['/api/v1/findings/{id}/updates']?.post).toBeDefined();
    for (const s of ['Finding', 'FindingDetail', 'Inspection', 'AuditPage'])
      expect(doc.components.schemas[s], s).toBeDefined();
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/records/api.ts';
import { s55DueOn } from '../../src/records/accountability/clock.ts';
import {
  FINDING_STATUSES,
  ruleFor,
  TRANSITIONS,
  type FindingStatus,
} from '../../src/records/accountability/lifecycle.ts';
import { rows, STORES, type TestStore } from './stores.ts';

// The accountability repositories on PGlite and on PostgreSQL: the policing body over time,
// the findings register driven through every step of the lifecycle table (allowed and refused,
// by every kind of user), the history and audit each change leaves, and the s55 responses.

const cli: Actor = { userId: null, via: 'cli' };
const PASSWORD = 'a long enough password';
const HMICFRS = {
  kind: 'hmicfrs',
  title: 'Police response to violence against women and girls (demo)',
  reportKind: 'thematic',
  publishedOn: '2024-02-29',
} as const;

/** The shortest path through the table from a new finding to `to`, as the table defines it. */
function pathTo(to: FindingStatus): FindingStatus[] {
  const seen = new Map<FindingStatus, FindingStatus[]>([['awaiting_allocation', []]]);
  const queue: FindingStatus[] = ['awaiting_allocation'];
  while (queue.length) {
    const at = queue.shift() as FindingStatus;
    for (const t of TRANSITIONS.filter((t) => t.from === at && !seen.has(t.to))) {
      seen.set(t.to, [...(seen.get(at) ?? []), t.to]);
      queue.push(t.to);
    }
  }
  const path = seen.get(to);
  if (!path) throw new Error(`${to} cannot be reached`);
  return path;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : String(e);
  }
  return 'not refused';
}

describe.each(STORES)('accountability records on %s', (_name, open) => {
  let s: TestStore;
  let unopened: unknown = null;
  const as: Record<string, Actor> = {};
  let sourceId = '';
  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as TestStore;
    });
    if (!s) return;
    const people: [string, Role][] = [
      ['admin', 'admin'],
      ['owner', 'lead'],
      ['another lead', 'lead'],
      ['oversight', 'oversight'],
      ['analyst', 'analyst'],
      ['panel', 'panel'],
    ];
    for (const [name, role] of people) {
      const u = await s.records.users.add(
        { email: `${name.replace(' ', '-')}@example.org`, role, password: PASSWORD },
        cli,
      );
      as[name] = { userId: u.id, via: 'web' };
    }
    sourceId = (await s.records.findingSources.add(HMICFRS, cli)).id;
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  const owner = () => as.owner?.userId ?? '';
  let n = 0;
  const newFinding = (over: Record<string, unknown> = {}) =>
    s.records.findings.add(
      {
        sourceId,
        ref: `Recommendation ${++n}`,
        kind: 'recommendation',
        text: 'Record the protected characteristics of victims accurately.',
        scope: 'force',
        due: '2024-09-30',
        leadUserId: owner(),
        ...over,
      },
      cli,
    );
  /** A new finding taken to `status` along the table's own path (by the command line). */
  async function findingAt(status: FindingStatus) {
    const f = await newFinding();
    for (const to of pathTo(status)) await s.records.findings.transition(f.id, to, cli);
    return (await s.records.findings.byId(f.id))!;
  }

  describe('the policing body over time', () => {
    it('answers "the body on a date" across a PCC replaced by a mayor in May 2028', async () => {
      const pcc = await s.records.policingBodies.add(
        {
          type: 'pcc',
          name: 'Demo Police and Crime Commissioner',
          roleTitles: { holder: 'Police and Crime Commissioner', office: 'Office of the PCC' },
        },
        new Date('2024-05-09T09:00:00Z'),
        cli,
      );
      await expect(
        s.records.policingBodies.add(
          { type: 'board', name: 'x', roleTitles: { holder: 'x', office: 'x' } },
          new Date('2026-01-01T09:00:00Z'),
          cli,
        ),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' });
      const mayorInput = {
        type: 'mayor',
        name: 'Demo Combined Authority Mayor',
        roleTitles: { holder: 'Mayor', office: 'Office of the Mayor' },
      } as const;
      await expect(
        s.records.policingBodies.succeed(
          pcc.id,
          mayorInput,
          new Date('2028-05-08T00:00Z'),
          as.owner!,
        ),
      ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
      // Midnight in London on Monday 8 May 2028 is 23:00 UTC on the 7th (BST).
      const mayor = await s.records.policingBodies.succeed(
        pcc.id,
        mayorInput,
        new Date('2028-05-07T23:00:00Z'),
        as.admin!,
      );
      expect(mayor).toMatchObject({ type: 'mayor', validFrom: '2028-05-08', validTo: null });
      const on = async (iso: string) => (await s.records.policingBodies.current(new Date(iso)))?.id;
      expect(await on('2024-05-08T12:00:00Z')).toBeUndefined();
      expect(await on('2027-12-25T12:00:00Z')).toBe(pcc.id);
      expect(await on('2028-05-07T22:59:00Z')).toBe(pcc.id); // 23:59 on the 7th in London
      expect(await on('2028-05-07T23:00:00Z')).toBe(mayor.id);
      expect(await on('2030-01-01T12:00:00Z')).toBe(mayor.id);
      // History intact: the PCC is kept, ended and pointing at its successor.
      expect(await s.records.policingBodies.list()).toEqual([
        { ...pcc, validTo: '2028-05-08', succeededBy: mayor.id },
        mayor,
      ]);
      await expect(
        s.records.policingBodies.succeed(pcc.id, mayorInput, new Date('2029-01-01'), cli),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' });
      // A duty carries over: a report published under the PCC is answered by the mayor.
      const report = await s.records.findingSources.add(
        { ...HMICFRS, title: 'PEEL 2028 (demo)', reportKind: 'peel', publishedOn: '2028-04-01' },
        cli,
      );
      const response = await s.records.responses.draft(report.id, cli);
      expect(response.dueOn).toBe('2028-05-26');
      expect(
        (await s.records.policingBodies.current(new Date(`${response.dueOn}T12:00:00Z`)))?.name,
      ).toBe('Demo Combined Authority Mayor');
      const audit = (await s.records.audit.list({ limit: 1000 })).filter((a) =>
        a.action.startsWith('policing_body_'),
      );
      expect(audit.map((a) => a.action).sort()).toEqual([
        'policing_body_added',
        'policing_body_succeeded',
      ]);
    });
  });

  describe('sources', () => {
    it('keeps an inspection with its PEEL grades, and refuses a kind that does not fit', async () => {
      const peel = await s.records.findingSources.add(
        {
          ...HMICFRS,
          title: 'PEEL 2023–25 (demo)',
          reportKind: 'peel',
          url: 'https://example.org/peel',
          peelGrades: { 'Investigating crime': 'Adequate', 'Responding to the public': 'Good' },
        },
        cli,
      );
      expect(await s.records.findingSources.byId(peel.id)).toEqual(peel);
      for (const bad of [
        { ...HMICFRS, reportKind: null },
        { ...HMICFRS, kind: 'coroner_pfd' },
        { ...HMICFRS, peelGrades: { x: 'Excellent' } },
        { ...HMICFRS, publishedOn: '2023-02-29' },
      ])
        await expect(s.records.findingSources.add(bad as never, cli)).rejects.toMatchObject({
          code: 'BAD_INPUT',
        });
      await expect(s.records.findingSources.add(HMICFRS, as.owner!)).rejects.toMatchObject({
        code: 'NOT_PERMITTED',
      });
    });
  });

  describe('the lifecycle, from the table', () => {
    const PEOPLE = ['admin', 'owner', 'another lead', 'oversight', 'analyst', 'panel'];

    for (const from of FINDING_STATUSES) {
      const refused = FINDING_STATUSES.filter((to) => !ruleFor(from, to));
      it(`${from}: refuses ${refused.length} invalid steps with INVALID_TRANSITION`, async () => {
        const f = await findingAt(from);
        for (const to of refused) {
          await expect(s.records.findings.transition(f.id, to, cli)).rejects.toMatchObject({
            code: 'INVALID_TRANSITION',
            httpStatus: 409,
          });
        }
        expect((await s.records.findings.byId(f.id))?.status).toBe(from);
      });
    }

    for (const rule of TRANSITIONS) {
      it(`${rule.from} → ${rule.to}: only ${rule.by.join(' or ')} may`, async () => {
        const f = await findingAt(rule.from);
        const may = PEOPLE.filter((p) => (rule.by as readonly string[]).includes(p));
        for (const p of PEOPLE.filter((p) => !may.includes(p)))
          await expect(
            s.records.findings.transition(f.id, rule.to, as[p]!, 'note'),
          ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
        expect((await s.records.findings.byId(f.id))?.status).toBe(rule.from);
        for (const p of may) {
          const g = p === may[0] ? f : await findingAt(rule.from);
          const moved = await s.records.findings.transition(g.id, rule.to, as[p]!, `by ${p}`);
          expect(moved.status).toBe(rule.to);
          const last = (await s.records.findings.history(g.id)).at(-1);
          expect(last).toMatchObject({
            action: 'transition',
            actorUserId: as[p]!.userId,
            before: { status: rule.from },
            after: { status: rule.to },
            note: `by ${p}`,
          });
        }
      });
    }
  });

  describe('findings', () => {
    it('keeps the whole history and audits each step without the notes', async () => {
      const f = await newFinding({ leadUserId: null, due: 'immediately' });
      expect(f).toMatchObject({ status: 'awaiting_allocation', due: 'immediately' });
      await expect(s.records.findings.transition(f.id, 'allocated', cli)).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      });
      await expect(
        s.records.findings.allocate(f.id, as.analyst!.userId!, as.admin!),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(s.records.findings.allocate(f.id, owner(), as.oversight!)).rejects.toMatchObject(
        { code: 'NOT_PERMITTED' },
      );
      expect(await s.records.findings.byId(f.id)).toMatchObject({ leadUserId: null });
      await s.records.findings.allocate(f.id, owner(), as.admin!, 'Head of Public Protection');
      await s.records.findings.transition(f.id, 'in_progress', as.owner!, 'Plan agreed');
      await s.records.findings.transition(f.id, 'evidence_submitted', as.owner!, 'Audit attached');
      await s.records.findings.transition(f.id, 'in_progress', as.oversight!, 'Not yet sustained');
      await s.records.findings.transition(f.id, 'evidence_submitted', as.owner!, 'Re-audited');
      await s.records.findings.transition(f.id, 'approved_for_closure', as.oversight!, 'SIB');
      await s.records.findings.transition(f.id, 'closed', as.admin!);
      const history = await s.records.findings.history(f.id);
      expect(history.map((h) => [h.action, h.before.status ?? null, h.after.status])).toEqual([
        ['added', null, 'awaiting_allocation'],
        ['updated', 'awaiting_allocation', 'awaiting_allocation'],
        ['transition', 'awaiting_allocation', 'allocated'],
        ['transition', 'allocated', 'in_progress'],
        ['transition', 'in_progress', 'evidence_submitted'],
        ['transition', 'evidence_submitted', 'in_progress'],
        ['transition', 'in_progress', 'evidence_submitted'],
        ['transition', 'evidence_submitted', 'approved_for_closure'],
        ['transition', 'approved_for_closure', 'closed'],
      ]);
      expect(history[1]).toMatchObject({
        before: { leadUserId: null },
        after: { leadUserId: owner() },
      });
      expect(history[5]?.note).toBe('Not yet sustained');
      const audit = (await s.records.audit.list({ limit: 1000 }))
        .filter((a) => a.subject === `finding:${f.id}`)
        .reverse();
      expect(audit).toHaveLength(history.length);
      expect(audit[5]).toMatchObject({
        action: 'finding_transition',
        actorUserId: as.oversight!.userId,
        details: { from: 'evidence_submitted', status: 'in_progress' },
      });
      expect(JSON.stringify(audit)).not.toMatch(/sustained|Audit attached|Public Protection/);
    });

    it('updates text and due date (admin only), before and after kept', async () => {
      const f = await newFinding();
      await expect(
        s.records.findings.update(f.id, { due: 'immediately' }, as.owner!),
      ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
      const g = await s.records.findings.update(f.id, { due: 'immediately' }, as.admin!, 'Board');
      expect(g.due).toBe('immediately');
      expect((await s.records.findings.history(f.id)).at(-1)).toMatchObject({
        action: 'updated',
        before: { due: '2024-09-30' },
        after: { due: 'immediately' },
        note: 'Board',
      });
      await expect(
        s.records.findings.update(f.id, { due: '2024-02-30' }, as.admin!),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(s.records.findings.transition('999999', 'closed', cli)).rejects.toMatchObject({
        code: 'UNKNOWN_RECORD',
      });
    });

    it('takes dated evidence from its lead only, the date covered apart from the day added', async () => {
      const f = await findingAt('in_progress');
      await expect(
        s.records.findings.addEvidence(
          f.id,
          { text: 'x', coversOn: '2024-03-31' },
          as['another lead']!,
        ),
      ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
      const e = await s.records.findings.addEvidence(
        f.id,
        {
          text: 'Ethnicity recording 86.2% (Oct)',
          link: 'https://example.org/a',
          coversOn: '2021-10-31',
        },
        as.owner!,
      );
      expect(e).toMatchObject({ coversOn: '2021-10-31', addedBy: owner() });
      expect(e.addedAt).toEqual(s.clock.now());
      expect(await s.records.findings.evidence(f.id)).toEqual([e]);
      expect((await s.records.findings.history(f.id)).at(-1)?.action).toBe('evidence_added');
      await expect(
        s.records.findings.addEvidence(f.id, { text: 'x', coversOn: '31/10/2021' }, as.owner!),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    });

    it('refuses a disabled user and a web actor with no user', async () => {
      const f = await findingAt('allocated');
      await expect(
        s.records.findings.transition(f.id, 'in_progress', { userId: null, via: 'web' }),
      ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
      await s.records.users.setDisabled('owner@example.org', true, cli);
      await expect(
        s.records.findings.transition(f.id, 'in_progress', as.owner!),
      ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
      await s.records.users.setDisabled('owner@example.org', false, cli);
      expect((await s.records.findings.transition(f.id, 'in_progress', as.owner!)).status).toBe(
        'in_progress',
      );
    });

    it('keeps the history append-only at the database', async () => {
      await newFinding();
      expect(await refusal(s.db.execute(sql`update finding_history set note = 'x'`))).toMatch(
        /append-only/,
      );
      expect(await refusal(s.db.execute(sql`delete from finding_history`))).toMatch(/append-only/);
      expect(await refusal(s.db.execute(sql`truncate finding_history`))).toMatch(/append-only/);
      expect(await rows(s.db, sql`select 1 from finding_history where note = 'x'`)).toEqual([]);
    });
  });

  describe('statutory responses', () => {
    it('drafts from the register, is approved by oversight and published with its copies', async () => {
      const report = await s.records.findingSources.add(
        { ...HMICFRS, title: 'Crime data integrity (demo)', reportKind: 'peel' },
        cli,
      );
      const add = (ref: string, kind: string) =>
        s.records.findings.add(
          { sourceId: report.id, ref, kind, text: `${ref} text`, scope: 'force' } as never,
          cli,
        );
      const a = await add('AFI 1', 'area_for_improvement');
      const b = await add('AFI 2', 'area_for_improvement');
      await expect(s.records.responses.draft(report.id, as.owner!)).rejects.toMatchObject({
        code: 'NOT_PERMITTED',
      });
      const draft = await s.records.responses.draft(report.id, as.admin!);
      expect(draft).toMatchObject({
        sourceId: report.id,
        status: 'draft',
        dueOn: s55DueOn('2024-02-29'),
        publishedOn: null,
      });
      expect(draft.dueOn).toBe('2024-04-24');
      expect(draft.items.map((i) => [i.ref, i.position, i.plannedAction])).toEqual([
        ['AFI 1', null, ''],
        ['AFI 2', null, ''],
      ]);
      await expect(s.records.responses.draft(report.id, as.admin!)).rejects.toMatchObject({
        code: 'BAD_INPUT',
      });
      const item = {
        position: 'accepted',
        plannedAction: 'Training in the counting rules.',
      } as const;
      await s.records.responses.setItem(draft.id, a.id, item, as.oversight!);
      await expect(s.records.responses.approve(draft.id, as.oversight!)).rejects.toThrow(/AFI 2/);
      await s.records.responses.setItem(draft.id, b.id, item, as.admin!);
      await s.records.responses.setIntro(draft.id, 'I am writing in response…', as.admin!);
      await expect(s.records.responses.approve(draft.id, as.admin!)).rejects.toMatchObject({
        code: 'NOT_PERMITTED',
      });
      await expect(
        s.records.responses.publish(
          draft.id,
          { publishedOn: '2024-04-20', copiesTo: ['HMICFRS'] },
          as.admin!,
        ),
      ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      const approved = await s.records.responses.approve(draft.id, as.oversight!);
      expect(approved).toMatchObject({ status: 'approved', approvedBy: as.oversight!.userId });
      await expect(
        s.records.responses.setItem(draft.id, a.id, item, as.admin!),
      ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      const copiesTo = ['HMICFRS', 'The Home Secretary'];
      const published = await s.records.responses.publish(
        draft.id,
        { publishedOn: '2024-04-20', copiesTo },
        as.admin!,
      );
      expect(published).toMatchObject({ status: 'published', publishedOn: '2024-04-20', copiesTo });
      expect(await s.records.responses.forSource(report.id)).toEqual(published);
      expect((await s.records.responses.list()).map((r) => r.id)).toContain(draft.id);
      const actions = (await s.records.audit.list({ limit: 1000 }))
        .filter((x) => x.subject === `response:${draft.id}`)
        .map((x) => x.action)
        .reverse();
      expect(actions).toEqual([
        'response_drafted',
        'response_edited',
        'response_edited',
        'response_edited',
        'response_approved',
        'response_published',
      ]);
    });

    it('is for HMICFRS reports only', async () => {
      const iopc = await s.records.findingSources.add(
        { kind: 'iopc_learning', title: 'Learning the lessons (demo)', publishedOn: '2024-01-10' },
        cli,
      );
      await expect(s.records.responses.draft(iopc.id, cli)).rejects.toMatchObject({
        code: 'BAD_INPUT',
      });
    });
  });
});

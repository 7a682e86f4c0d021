import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/records/api.ts';
import { mayUpdateDelivery } from '../../src/records/accountability/delivery.ts';
import {
  compareQuarters,
  isQuarter,
  parseQuarter,
  previousQuarter,
  quarterMonths,
  quarterOf,
  quartersBetween,
  shiftQuarter,
  updateDueOn,
} from '../../src/records/accountability/quarter.ts';
import { rows, STORES, type TestStore } from './stores.ts';

// The Police and Crime Plan on PGlite and on PostgreSQL: the tree, measure links checked
// against the ids the caller knows, one delivery update per commitment and quarter, who may
// post (a commitment's lead; the policing body's office for the body's own), changes until
// superseded, the timeline and audit each change leaves, and consultation responses.

describe('financial-year quarters', () => {
  it('reads and writes labels like 2024-25 Q2, April to June being Q1', () => {
    expect(parseQuarter('2024-25 Q2')).toEqual({
      label: '2024-25 Q2',
      startYear: 2024,
      q: 2,
      startsOn: '2024-07-01',
      endsOn: '2024-09-30',
    });
    expect(parseQuarter('2023-24 Q4')).toMatchObject({
      startsOn: '2024-01-01',
      endsOn: '2024-03-31',
    });
    expect(parseQuarter('2099-00 Q3').endsOn).toBe('2099-12-31');
    for (const bad of ['2024-26 Q1', '2024-25 Q5', '2024/25-Q1', '2024-25Q1', ' 2024-25 Q1'])
      expect(isQuarter(bad), bad).toBe(false);
    expect(() => parseQuarter('2024/25-Q1')).toThrow(/use the form 2024-25 Q2/);
  });

  it('puts each day in its quarter, at the edges of the financial year too', () => {
    expect(quarterOf('2024-03-31').label).toBe('2023-24 Q4');
    expect(quarterOf('2024-04-01').label).toBe('2024-25 Q1');
    expect(quarterOf('2024-06-30').label).toBe('2024-25 Q1');
    expect(quarterOf('2024-12-31').label).toBe('2024-25 Q3');
    expect(quarterOf('2025-01-01').label).toBe('2024-25 Q4');
    expect(() => quarterOf('2023-02-29')).toThrow(/not a date/);
  });

  it('counts quarters across years and dates their updates 21 days after the end', () => {
    expect(previousQuarter('2024-25 Q1')).toBe('2023-24 Q4');
    expect(shiftQuarter('2023-24 Q4', 1)).toBe('2024-25 Q1');
    expect(shiftQuarter('2024-25 Q2', -6)).toBe('2022-23 Q4');
    expect(compareQuarters('2024-25 Q1', '2023-24 Q4')).toBe(1);
    expect(quartersBetween('2023-24 Q3', '2024-25 Q2')).toEqual([
      '2023-24 Q3',
      '2023-24 Q4',
      '2024-25 Q1',
      '2024-25 Q2',
    ]);
    expect(quartersBetween('2024-25 Q2', '2024-25 Q1')).toEqual([]);
    expect(updateDueOn('2024-25 Q2')).toBe('2024-10-21');
    expect(updateDueOn('2024-25 Q4', 30)).toBe('2025-04-30');
    expect(quarterMonths('2024-25 Q4')).toBe('January to March 2025');
  });
});

const cli: Actor = { userId: null, via: 'cli' };
const PASSWORD = 'a long enough password';
const MEASURES = ['crime_total', 'sat_domestic_abuse', 'ksi'];

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause)
      if (
        typeof (x as { code?: unknown }).code === 'string' &&
        /^[A-Z_]+$/.test((x as { code: string }).code)
      )
        return { code: (x as { code: string }).code, message: (x as Error).message };
    return { code: 'not coded', message: String(e) };
  }
  return { code: 'not refused', message: '' };
}

describe.each(STORES)('the plan and its delivery on %s', (_name, open) => {
  let s: TestStore;
  let unopened: unknown = null;
  const as: Record<string, Actor> = {};
  const id = (who: string) => as[who]?.userId ?? '';
  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as TestStore;
    });
    if (!s) return;
    const people: [string, Role][] = [
      ['admin', 'admin'],
      ['owner', 'lead'],
      ['another-lead', 'lead'],
      ['oversight', 'oversight'],
      ['analyst', 'analyst'],
      ['panel', 'panel'],
    ];
    for (const [name, role] of people) {
      const u = await s.records.users.add(
        { email: `${name}@example.org`, role, password: PASSWORD },
        cli,
      );
      as[name] = { userId: u.id, via: 'web' };
    }
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  /** A plan 2021–25 with one objective, priority, two commitments (one each owner), an outcome. */
  async function smallPlan() {
    const r = s.records.plan;
    const plan = await r.add(
      { title: 'Safer Shire Plan 2021–25 (test)', startsOn: '2021-04-01', endsOn: '2025-03-31' },
      as.oversight!,
    );
    const objective = await r.addObjective(
      { planId: plan.id, title: 'Putting victims first' },
      as.oversight!,
    );
    const priority = await r.addPriority(
      { objectiveId: objective.id, title: 'Support services for every victim' },
      as.oversight!,
    );
    const force = await r.addCommitment(
      {
        priorityId: priority.id,
        text: 'Improve the satisfaction of victims of domestic abuse.',
        owner: 'chief_constable',
        leadUserId: id('owner'),
      },
      as.oversight!,
    );
    const body = await r.addCommitment(
      {
        priorityId: priority.id,
        text: 'Commission an independent needs assessment of victim services.',
        owner: 'policing_body',
      },
      as.admin!,
    );
    const outcome = await r.addOutcome(
      { priorityId: priority.id, text: 'Victims recover from the harm suffered.' },
      as.oversight!,
    );
    return { plan, objective, priority, force, body, outcome };
  }

  describe('the plan', () => {
    it('is a tree of objectives, priorities, commitments and outcomes, in order', async () => {
      const p = await smallPlan();
      const second = await s.records.plan.addObjective(
        { planId: p.plan.id, title: 'A more secure shire', description: 'Less crime.' },
        as.oversight!,
      );
      await s.records.plan.linkMeasure(
        { commitmentId: p.force.id, measureId: 'sat_domestic_abuse' },
        MEASURES,
        as.oversight!,
      );
      await s.records.plan.linkMeasure(
        { outcomeId: p.outcome.id, measureId: 'crime_total' },
        MEASURES,
        as.oversight!,
      );
      const tree = await s.records.plan.tree(p.plan.id);
      expect(tree.objectives.map((o) => [o.ordinal, o.title])).toEqual([
        [1, 'Putting victims first'],
        [2, 'A more secure shire'],
      ]);
      expect(tree.objectives[1]).toMatchObject({ id: second.id, priorities: [] });
      const [priority] = tree.objectives[0]!.priorities;
      expect(priority!.commitments.map((c) => [c.ordinal, c.owner, c.measureIds])).toEqual([
        [1, 'chief_constable', ['sat_domestic_abuse']],
        [2, 'policing_body', []],
      ]);
      expect(priority!.outcomes).toEqual([{ ...p.outcome, measureIds: ['crime_total'] }]);
      const c = await s.records.plan.commitment(p.force.id);
      expect(c).toMatchObject({
        leadUserId: id('owner'),
        measureIds: ['sat_domestic_abuse'],
        priority: { id: p.priority.id },
        objective: { id: p.objective.id },
        plan: { id: p.plan.id, status: 'draft' },
      });
      expect((await s.records.plan.commitments(p.plan.id)).map((x) => x.id)).toEqual([
        p.force.id,
        p.body.id,
      ]);
      expect(await s.records.plan.commitment('999999')).toBeNull();
      await expect(s.records.plan.tree('999999')).rejects.toMatchObject({ code: 'UNKNOWN_RECORD' });
    });

    it('is changed only by the policing body’s office or an administrator', async () => {
      const p = await smallPlan();
      for (const who of ['owner', 'analyst', 'panel'])
        expect(
          (await failure(s.records.plan.addObjective({ planId: p.plan.id, title: 'x' }, as[who]!)))
            .code,
          who,
        ).toBe('NOT_PERMITTED');
      expect(
        (await failure(s.records.plan.updateCommitment(p.force.id, { text: 'x' }, as.owner!))).code,
      ).toBe('NOT_PERMITTED');
      const reworded = await s.records.plan.updateCommitment(
        p.force.id,
        { text: 'Improve how satisfied victims of domestic abuse are.' },
        as.oversight!,
      );
      // A field left out keeps its value: the lead stays.
      expect(reworded).toMatchObject({ leadUserId: id('owner'), owner: 'chief_constable' });
      const published = await s.records.plan.update(
        p.plan.id,
        { status: 'published' },
        as.oversight!,
      );
      expect(published.status).toBe('published');
      expect(await s.records.plan.current('2022-01-01')).toMatchObject({ id: p.plan.id });
      const bad = await failure(s.records.plan.update(p.plan.id, { endsOn: '2020-01-01' }, cli));
      expect(bad).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('endsOn') });
    });

    it('gives a commitment a lead who can sign in with the right role', async () => {
      const p = await smallPlan();
      const add = (owner: 'chief_constable' | 'policing_body', lead: string) =>
        failure(
          s.records.plan.addCommitment(
            { priorityId: p.priority.id, text: 'x', owner, leadUserId: lead },
            cli,
          ),
        );
      expect(await add('chief_constable', id('analyst'))).toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringContaining('leadUserId'),
      });
      expect((await add('chief_constable', id('oversight'))).code).toBe('BAD_INPUT');
      expect((await add('policing_body', id('oversight'))).code).toBe('not refused');
      expect((await add('chief_constable', '424242')).code).toBe('BAD_INPUT');
      expect(
        (
          await failure(
            s.records.plan.addCommitment(
              { priorityId: p.priority.id, text: 'x', owner: 'the_mayor' as 'policing_body' },
              cli,
            ),
          )
        ).message,
      ).toMatch(/owner/);
    });

    it('links only measures the caller knows, once each, to one commitment or outcome', async () => {
      const p = await smallPlan();
      const link = (input: Record<string, string>) =>
        failure(s.records.plan.linkMeasure(input as never, MEASURES, as.oversight!));
      expect(await link({ commitmentId: p.force.id, measureId: 'made_up_measure' })).toEqual({
        code: 'BAD_INPUT',
        message: 'measureId: "made_up_measure" is not a measure of the catalogue.',
      });
      expect((await link({ commitmentId: p.force.id, measureId: 'ksi' })).code).toBe('not refused');
      expect(await link({ commitmentId: p.force.id, measureId: 'ksi' })).toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringContaining('linked already'),
      });
      expect(
        (await link({ commitmentId: p.force.id, outcomeId: p.outcome.id, measureId: 'ksi' }))
          .message,
      ).toMatch(/commitmentId: link the measure to a commitment or to an outcome, not both/);
      expect((await link({ commitmentId: '999999', measureId: 'ksi' })).code).toBe(
        'UNKNOWN_RECORD',
      );
      expect(
        (
          await failure(
            s.records.plan.linkMeasure(
              { commitmentId: p.force.id, measureId: 'crime_total' },
              MEASURES,
              as.owner!,
            ),
          )
        ).code,
      ).toBe('NOT_PERMITTED');
      const c = await s.records.plan.commitment(p.force.id);
      expect(c?.measureIds).toEqual(['ksi']);
      await s.records.plan.unlinkMeasure(c!.links[0]!.id, as.oversight!);
      expect((await s.records.plan.commitment(p.force.id))?.measureIds).toEqual([]);
    });
    it('is issued by the policing body in office when it is added', async () => {
      const before = await s.records.plan.add(
        { title: 'Before any body (test)', startsOn: '2021-04-01', endsOn: '2025-03-31' },
        cli,
      );
      expect(before.bodyId).toBeNull();
      const body = await s.records.policingBodies.add(
        {
          type: 'pcc',
          name: 'Shire Police and Crime Commissioner (test)',
          roleTitles: { holder: 'Police and Crime Commissioner', office: 'Office of the PCC' },
        },
        new Date('2020-05-01T09:00:00Z'),
        cli,
      );
      const plan = await s.records.plan.add(
        { title: 'Issued (test)', startsOn: '2021-04-01', endsOn: '2025-03-31' },
        cli,
      );
      expect(plan.bodyId).toBe(body.id);
    });
  });

  describe('delivery updates', () => {
    // The test clock stands in 2021-22 Q2 (5 July 2021): Q1 is past, Q2 under way.
    const update = (quarter: string, status = 'on_track') => ({
      quarter,
      status: status as 'on_track',
      narrative: `Progress in ${quarter}.`,
      evidence: 'Quarterly return to the board.',
    });

    it('lets the lead post, and the body’s office post for the body’s own, nobody else', async () => {
      const p = await smallPlan();
      const post = (c: { id: string }, who: string, q = '2021-22 Q1') =>
        failure(s.records.delivery.post(c.id, update(q), as[who]!));
      for (const who of ['another-lead', 'oversight', 'admin', 'analyst', 'panel'])
        expect((await post(p.force, who)).code, who).toBe('NOT_PERMITTED');
      expect((await post(p.force, 'owner')).code).toBe('not refused');
      for (const who of ['owner', 'another-lead', 'admin', 'panel'])
        expect((await post(p.body, who)).code, who).toBe('NOT_PERMITTED');
      expect((await post(p.body, 'oversight')).code).toBe('not refused');
      // The pure rule pages use to decide whether to show the form is the same one.
      const c = { owner: 'chief_constable', leadUserId: id('owner') } as const;
      expect(mayUpdateDelivery(c, { role: 'lead', userId: id('owner') })).toBe(true);
      expect(mayUpdateDelivery(c, { role: 'lead', userId: id('another-lead') })).toBe(false);
      expect(mayUpdateDelivery(c, { role: 'oversight', userId: id('oversight') })).toBe(false);
      expect(
        mayUpdateDelivery(
          { ...c, owner: 'policing_body' },
          { role: 'oversight', userId: id('oversight') },
        ),
      ).toBe(true);
      expect(mayUpdateDelivery(c, { role: null, userId: null })).toBe(true);
    });

    it('keeps one update per quarter, refusing a second and any unknown status', async () => {
      const p = await smallPlan();
      const first = await s.records.delivery.post(p.force.id, update('2021-22 Q1'), as.owner!);
      expect(first).toMatchObject({
        quarter: '2021-22 Q1',
        status: 'on_track',
        dueOn: '2021-07-21',
        submittedBy: id('owner'),
        editable: true,
      });
      expect(
        await failure(s.records.delivery.post(p.force.id, update('2021-22 Q1'), as.owner!)),
      ).toEqual({
        code: 'INVALID_TRANSITION',
        message: 'This commitment already has an update for 2021-22 Q1.',
      });
      // The database refuses it too, whoever writes.
      await expect(
        s.db.execute(
          sql`insert into delivery_updates (commitment_id, quarter, status, narrative, submitted_at) values (${Number(p.force.id)}, '2021-22 Q1', 'complete', 'x', now())`,
        ),
      ).rejects.toThrow();
      for (const status of ['amber', 'On track', 'done'])
        expect(
          await failure(
            s.records.delivery.post(p.force.id, update('2021-22 Q2', status), as.owner!),
          ),
          status,
        ).toMatchObject({
          code: 'BAD_INPUT',
          message: expect.stringMatching(/status: choose one of Complete, On track/),
        });
      await expect(
        s.db.execute(
          sql`insert into delivery_updates (commitment_id, quarter, status, narrative, submitted_at) values (${Number(p.force.id)}, '2021-22 Q3', 'amber', 'x', now())`,
        ),
      ).rejects.toThrow();
    });

    it('refuses a quarter that is not one, has not begun, or is outside the plan', async () => {
      const p = await smallPlan();
      const post = (q: string, extra: Record<string, string> = {}) =>
        failure(s.records.delivery.post(p.force.id, { ...update(q), ...extra }, as.owner!));
      expect((await post('2021/22-Q1')).message).toMatch(/quarter: a quarter like 2024-25 Q2/);
      expect(await post('2021-22 Q3')).toEqual({
        code: 'BAD_INPUT',
        message: 'quarter: 2021-22 Q3 has not started yet.',
      });
      expect((await post('2020-21 Q4')).message).toMatch(/outside the plan/);
      expect((await post('2021-22 Q1', { narrative: '  ' })).message).toMatch(/narrative/);
      expect(
        (await failure(s.records.delivery.post('999999', update('2021-22 Q1'), as.owner!))).code,
      ).toBe('UNKNOWN_RECORD');
    });

    it('can be changed until the next quarter’s update supersedes it', async () => {
      const p = await smallPlan();
      const q1 = await s.records.delivery.post(p.force.id, update('2021-22 Q1'), as.owner!);
      const changed = await s.records.delivery.edit(
        q1.id,
        { status: 'some_concerns', narrative: 'Recruitment of advisers has slipped.' },
        as.owner!,
        'Corrected after the board',
      );
      expect(changed).toMatchObject({
        status: 'some_concerns',
        editable: true,
        evidence: q1.evidence,
      });
      expect(
        (await failure(s.records.delivery.edit(q1.id, { status: 'complete' }, as['another-lead']!)))
          .code,
      ).toBe('NOT_PERMITTED');
      const q2 = await s.records.delivery.post(p.force.id, update('2021-22 Q2'), as.owner!);
      expect((await s.records.delivery.byId(q1.id))?.editable).toBe(false);
      expect(
        await failure(s.records.delivery.edit(q1.id, { status: 'complete' }, as.owner!)),
      ).toEqual({
        code: 'INVALID_TRANSITION',
        message:
          'The update for 2021-22 Q1 can no longer be changed: the update for 2021-22 Q2 has superseded it.',
      });
      expect(
        (await s.records.delivery.forCommitment(p.force.id)).map((u) => [u.quarter, u.editable]),
      ).toEqual([
        ['2021-22 Q1', false],
        ['2021-22 Q2', true],
      ]);
      expect((await s.records.delivery.forPlan(p.plan.id)).map((u) => u.id)).toEqual([
        q1.id,
        q2.id,
      ]);

      // The timeline: the commitment added, each update posted, the change with before → after.
      const timeline = await s.records.delivery.timeline(p.force.id);
      expect(timeline.map((h) => [h.subject, h.action])).toEqual([
        [`commitment:${p.force.id}`, 'added'],
        [`delivery:${q1.id}`, 'posted'],
        [`delivery:${q1.id}`, 'edited'],
        [`delivery:${q2.id}`, 'posted'],
      ]);
      expect(timeline[2]).toMatchObject({
        actorUserId: id('owner'),
        before: { status: 'on_track', narrative: 'Progress in 2021-22 Q1.' },
        after: { status: 'some_concerns', narrative: 'Recruitment of advisers has slipped.' },
        note: 'Corrected after the board',
      });
      // The audit log has the quarter and status, never the narrative.
      const audit = (await s.records.audit.list({ limit: 1000 })).filter(
        (a) => a.subject === `delivery:${q1.id}`,
      );
      expect(audit.map((a) => [a.action, a.details])).toEqual([
        [
          'delivery_edited',
          {
            commitment: Number(p.force.id),
            quarter: '2021-22 Q1',
            status: 'some_concerns',
            from: 'on_track',
          },
        ],
        [
          'delivery_posted',
          { commitment: Number(p.force.id), quarter: '2021-22 Q1', status: 'on_track' },
        ],
      ]);
      expect(JSON.stringify(audit)).not.toContain('Recruitment');
      // An earlier quarter cannot be added behind a later one.
      const body = await s.records.delivery.post(p.body.id, update('2021-22 Q2'), as.oversight!);
      expect(
        (await failure(s.records.delivery.post(p.body.id, update('2021-22 Q1'), as.oversight!)))
          .code,
      ).toBe('INVALID_TRANSITION');
      expect(body.editable).toBe(true);
    });

    it('dates each update by the setting for how long after the quarter it is due', async () => {
      const p = await smallPlan();
      await s.records.settings.set({ deliveryUpdateDueDays: 30 }, cli);
      const u = await s.records.delivery.post(p.force.id, update('2021-22 Q1'), as.owner!);
      expect(u.dueOn).toBe('2021-07-30');
      await s.records.settings.set({ deliveryUpdateDueDays: null }, cli);
      const stored = await rows(
        s.db,
        sql`select due_on from delivery_updates where id = ${Number(u.id)}`,
      );
      expect(stored).toEqual([{ due_on: '2021-07-30' }]);
    });
  });

  describe('consultation responses', () => {
    it('are recorded against a priority or the plan, by the body’s office', async () => {
      const p = await smallPlan();
      const input = {
        planId: p.plan.id,
        priorityId: p.priority.id,
        receivedOn: '2021-06-20',
        channel: 'online_survey',
        respondentType: 'resident',
        summary: 'Wants more visible neighbourhood officers.',
        support: 'partly_supports',
      } as const;
      const a = await s.records.consultation.add(input, as.oversight!);
      const b = await s.records.consultation.add(
        { ...input, priorityId: null, receivedOn: '2021-06-01', channel: 'letter', support: null },
        as.admin!,
      );
      expect(
        (await s.records.consultation.list(p.plan.id)).map((r) => [r.id, r.priorityId]),
      ).toEqual([
        [b.id, null],
        [a.id, p.priority.id],
      ]);
      expect((await failure(s.records.consultation.add(input, as.owner!))).code).toBe(
        'NOT_PERMITTED',
      );
      expect(
        (await failure(s.records.consultation.add({ ...input, receivedOn: '2021-08-01' }, cli)))
          .message,
      ).toMatch(/receivedOn/);
      expect(
        (
          await failure(
            s.records.consultation.add({ ...input, channel: 'pigeon' as 'letter' }, cli),
          )
        ).message,
      ).toMatch(/channel/);
      const other = await smallPlan();
      expect(
        await failure(s.records.consultation.add({ ...input, priorityId: other.priority.id }, cli)),
      ).toEqual({ code: 'BAD_INPUT', message: 'priorityId: that priority is in another plan.' });
      const history = await rows(
        s.db,
        sql`select action from record_history where subject = ${`consultation:${a.id}`}`,
      );
      expect(history).toEqual([{ action: 'recorded' }]);
      const audit = (await s.records.audit.list({ limit: 1000 })).filter(
        (x) => x.subject === `consultation:${a.id}`,
      );
      expect(JSON.stringify(audit)).not.toContain('visible');
    });
  });
});

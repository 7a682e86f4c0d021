import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/records/api.ts';
import { s55DueOn } from '../../src/records/accountability/clock.ts';
import { STORES, type TestStore } from './stores.ts';

// A change of governance mid-year, on both stores: the Police and Crime Commissioner is
// succeeded by a mayor on 8 May 2028 (as PCCs are to be replaced in 2028). The findings, the
// statutory response and its due date, their histories, the tasks and their escalations carry
// across: nothing is re-keyed to the new body, and the body answering a duty is the one in
// office on its date.

const cli: Actor = { userId: null, via: 'cli' };
const CHANGE = new Date('2028-05-08T00:00:00+01:00');
const BEFORE = new Date('2028-05-07T12:00:00+01:00');
const AFTER = new Date('2028-06-01T12:00:00+01:00');

describe.each(STORES)('a policing body replaced mid-year on %s', (_name, open) => {
  let s: TestStore;
  let unopened: unknown = null;
  let lead: Actor = cli;
  let oversight = '';
  let manager = '';
  let findingId = '';
  let responseId = '';
  const sourceOn = '2028-04-10';

  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as TestStore;
    });
    if (!s) return;
    const add = (email: string, role: 'lead' | 'oversight') =>
      s.records.users.add({ email, role, password: 'a long enough password' }, cli);
    const l = await add('lead@example.org', 'lead');
    lead = { userId: l.id, via: 'web' };
    oversight = (await add('office@example.org', 'oversight')).id;
    manager = (await add('manager@example.org', 'oversight')).id;
    await s.records.tasks.setLine(l.id, manager, cli);
    await s.records.policingBodies.add(
      {
        type: 'pcc',
        name: 'Police and Crime Commissioner for Demo Shire',
        roleTitles: {
          holder: 'Police and Crime Commissioner',
          office: 'Office of the Police and Crime Commissioner',
        },
      },
      new Date('2024-05-09T09:00:00Z'),
      cli,
    );
    const source = await s.records.findingSources.add(
      {
        kind: 'hmicfrs',
        title: 'PEEL inspection of Demo Shire Police (test)',
        reportKind: 'peel',
        publishedOn: sourceOn,
      },
      cli,
    );
    const f = await s.records.findings.add(
      {
        sourceId: source.id,
        ref: 'AFI 1',
        kind: 'area_for_improvement',
        text: 'Improve how investigations are supervised (test).',
        scope: 'force',
        due: '2028-04-25',
        leadUserId: l.id,
      },
      cli,
    );
    findingId = f.id;
    await s.records.findings.transition(f.id, 'allocated', cli, 'Allocated under the PCC');
    responseId = (await s.records.responses.draft(source.id, cli)).id;
    // Overdue by more than a week before the change: escalated under the PCC.
    await s.records.tasks.escalate(cli, BEFORE);
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  it('has the PCC in office before the change and the mayor from it, with the succession recorded', async () => {
    const [pcc] = await s.records.policingBodies.list();
    const mayor = await s.records.policingBodies.succeed(
      pcc!.id,
      {
        type: 'mayor',
        name: 'Mayor of the Demo Shire Combined Authority',
        roleTitles: { holder: 'Mayor', office: 'Office of the Mayor' },
      },
      CHANGE,
      cli,
    );
    expect((await s.records.policingBodies.current(BEFORE))?.roleTitles.holder).toBe(
      'Police and Crime Commissioner',
    );
    expect((await s.records.policingBodies.current(CHANGE))?.id).toBe(mayor.id);
    expect(await s.records.policingBodies.byId(pcc!.id)).toMatchObject({
      validTo: '2028-05-08',
      succeededBy: mayor.id,
    });
  });

  it('keeps the response and its statutory due date, now answered by the mayor', async () => {
    const r = await s.records.responses.byId(responseId);
    expect(r?.dueOn).toBe(s55DueOn(sourceOn));
    expect(r?.dueOn).toBe('2028-06-04');
    // The duty falls on the body in office on the due date: the mayor.
    const answering = await s.records.policingBodies.current(new Date(`${r?.dueOn}T12:00:00Z`));
    expect(answering?.type).toBe('mayor');
    const tasks = await s.records.tasks.forUser(oversight, AFTER);
    expect(tasks.find((t) => t.subject === `response:${responseId}`)).toMatchObject({
      dueOn: '2028-06-04',
      state: 'due_soon',
    });
  });

  it('keeps the finding, its due date and its history, and its timeline goes on after the change', async () => {
    const before = await s.records.findings.history(findingId);
    expect(before.map((h) => h.action)).toEqual(['added', 'transition']);
    expect(before[1]?.note).toBe('Allocated under the PCC');
    s.clock.advance(AFTER.getTime() - s.clock.now().getTime());
    await s.records.findings.transition(findingId, 'in_progress', lead, 'Started under the mayor');
    const after = await s.records.findings.history(findingId);
    expect(after.slice(0, 2)).toEqual(before);
    expect(after[2]).toMatchObject({ action: 'transition', note: 'Started under the mayor' });
    expect((await s.records.findings.byId(findingId))?.due).toBe('2028-04-25');
    const mine = await s.records.tasks.forUser(lead.userId!, AFTER);
    expect(mine.find((t) => t.subject === `finding:${findingId}`)).toMatchObject({
      dueOn: '2028-04-25',
      state: 'overdue',
    });
  });

  it('keeps the escalation made before the change: it is not made again after it', async () => {
    const made = await s.records.tasks.escalations();
    expect(made.map((e) => e.subject)).toEqual([`finding:${findingId}`]);
    expect(made[0]?.escalatedAt.getTime()).toBeLessThan(CHANGE.getTime());
    expect(await s.records.tasks.escalate(cli, AFTER)).toEqual([]);
    expect((await s.records.tasks.escalatedTo(manager, AFTER)).map((e) => e.task.subject)).toEqual([
      `finding:${findingId}`,
    ]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/records/api.ts';
import { lastEndedQuarter } from '../../src/records/accountability/tasks.ts';
import {
  challenges,
  deliveryUpdates,
  meetingActions,
  meetings,
  planCommitments,
  planObjectives,
  planPriorities,
  plans,
} from '../../src/records/schema.ts';
import { STORES, type TestStore } from './stores.ts';

// What is due or overdue for whom, read from the accountability tables themselves (plan,
// meetings and challenges are written straight into their tables here, so this needs no other
// repository), and escalation to a user's line: once per item and due date, on both stores.

const cli: Actor = { userId: null, via: 'cli' };
const PASSWORD = 'a long enough password';
/** "Today" for these tests: 2024-25 Q1 ended on 30 June, its delivery updates due 21 July. */
const ON = new Date('2024-07-10T09:00:00Z');
const DAY = 86_400_000;

describe.each(STORES)('tasks and escalation on %s', (_name, open) => {
  let s: TestStore;
  let unopened: unknown = null;
  const id: Record<string, string> = {};
  const as = (who: string): Actor => ({ userId: id[who] ?? null, via: 'web' });
  const f: Record<string, string> = {};
  let responseId = '';
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as TestStore;
    });
    if (!s) return;
    const people: [string, Role][] = [
      ['lead', 'lead'],
      ['other lead', 'lead'],
      ['oversight', 'oversight'],
      ['admin', 'admin'],
      ['manager', 'oversight'],
      ['gone', 'lead'],
    ];
    for (const [name, role] of people) {
      const u = await s.records.users.add(
        { email: `${name.replace(' ', '-')}@example.org`, role, password: PASSWORD },
        cli,
      );
      id[name] = u.id;
    }
    await s.records.users.setDisabled('gone@example.org', true, cli);
    const source = await s.records.findingSources.add(
      {
        kind: 'hmicfrs',
        title: 'Police response to violence against women and girls (test)',
        reportKind: 'thematic',
        publishedOn: '2024-02-29',
      },
      cli,
    );
    const add = async (
      key: string,
      due: string | null,
      lead: string,
      path: (
        'allocated' | 'in_progress' | 'evidence_submitted' | 'approved_for_closure' | 'closed'
      )[],
    ) => {
      const x = await s.records.findings.add(
        {
          sourceId: source.id,
          ref: `Recommendation ${key}`,
          kind: 'recommendation',
          text: `Finding ${key} (test)`,
          scope: 'force',
          due,
          leadUserId: id[lead] ?? null,
        },
        cli,
      );
      for (const to of path) await s.records.findings.transition(x.id, to, cli);
      f[key] = x.id;
    };
    await add('overdue', '2024-06-01', 'lead', ['allocated']);
    await add('soon', '2024-07-20', 'lead', ['allocated', 'in_progress']);
    await add('later', '2024-12-31', 'lead', ['allocated']);
    await add('now', 'immediately', 'lead', ['allocated']);
    await add('undated', null, 'lead', ['allocated']);
    await add('submitted', '2024-05-01', 'lead', [
      'allocated',
      'in_progress',
      'evidence_submitted',
    ]);
    await add('closed', '2024-05-01', 'lead', [
      'allocated',
      'in_progress',
      'evidence_submitted',
      'approved_for_closure',
      'closed',
    ]);
    await add('theirs', '2024-06-01', 'other lead', ['allocated']);
    responseId = (await s.records.responses.draft(source.id, cli)).id;

    const now = s.clock.now();
    const [plan] = await s.db
      .insert(plans)
      .values({
        title: 'Police and Crime Plan 2024–2028 (test)',
        startsOn: '2024-04-01',
        endsOn: '2028-03-31',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const [objective] = await s.db
      .insert(planObjectives)
      .values({ planId: plan!.id, ordinal: 1, title: 'Safer streets (test)' })
      .returning();
    const [priority] = await s.db
      .insert(planPriorities)
      .values({ objectiveId: objective!.id, ordinal: 1, title: 'Tackle VAWG (test)' })
      .returning();
    const commitment = async (text: string, lead: string) => {
      const [c] = await s.db
        .insert(planCommitments)
        .values({
          priorityId: priority!.id,
          ordinal: 1,
          text,
          owner: 'chief_constable',
          leadUserId: Number(id[lead]),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return c!.id;
    };
    ids.owed = await commitment(
      'Double the number of domestic abuse perpetrator programmes',
      'lead',
    );
    ids.updated = await commitment('Open a rape and serious sexual offences hub', 'lead');
    await s.db.insert(deliveryUpdates).values({
      commitmentId: ids.updated,
      quarter: '2024-25 Q1',
      status: 'on_track',
      narrative: 'Hub open (test).',
      submittedAt: now,
      submittedBy: Number(id.lead),
    });
    const [meeting] = await s.db
      .insert(meetings)
      .values({
        type: 'assurance_accountability',
        subject: 'Assurance and accountability meeting (test)',
        heldOn: '2024-06-12',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    ids.meeting = meeting!.id;
    const challenge = async (status: string, due: string) => {
      const [c] = await s.db
        .insert(challenges)
        .values({
          question: `Why has 999 answering fallen? (${status}, test)`,
          raisedBy: 'The chair',
          raisedOn: '2024-06-12',
          ownerUserId: Number(id.lead),
          dueOn: due,
          status,
          meetingId: meeting!.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return c!.id;
    };
    ids.challenge = await challenge('open', '2024-07-01');
    await challenge('answered', '2024-06-20');
    const action = async (status: string, due: string) => {
      const [a] = await s.db
        .insert(meetingActions)
        .values({
          meetingId: meeting!.id,
          text: `Report on call handling (${status}, test)`,
          ownerUserId: Number(id.lead),
          dueOn: due,
          status,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return a!.id;
    };
    ids.action = await action('open', '2024-08-30');
    await action('done', '2024-06-30');
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  it('works out the last quarter that ended (financial-year quarters, Q1 April to June)', () => {
    expect(lastEndedQuarter('2024-07-01').label).toBe('2024-25 Q1');
    expect(lastEndedQuarter('2024-06-30').label).toBe('2023-24 Q4');
    expect(lastEndedQuarter('2025-01-15')).toMatchObject({
      label: '2024-25 Q3',
      endsOn: '2024-12-31',
    });
    expect(lastEndedQuarter('2025-04-01').label).toBe('2024-25 Q4');
  });

  it('gives a lead their own findings, the delivery update they owe, challenges and actions, most urgent first', async () => {
    const tasks = await s.records.tasks.forUser(id.lead!, ON);
    const bySubject = new Map(tasks.map((t) => [t.subject, t]));
    expect([...bySubject.keys()].sort()).toEqual(
      [
        `finding:${f.overdue}`,
        `finding:${f.soon}`,
        `finding:${f.later}`,
        `finding:${f.now}`,
        `finding:${f.undated}`,
        `commitment:${ids.owed}@2024-25 Q1`,
        `challenge:${ids.challenge}`,
        `action:${ids.action}`,
      ].sort(),
    );
    expect(bySubject.get(`finding:${f.overdue}`)).toMatchObject({
      kind: 'finding',
      state: 'overdue',
      daysLeft: -39,
      dueOn: '2024-06-01',
      context: 'Police response to violence against women and girls (test)',
    });
    expect(bySubject.get(`finding:${f.soon}`)).toMatchObject({ state: 'due_soon', daysLeft: 10 });
    expect(bySubject.get(`finding:${f.later}`)?.state).toBe('later');
    // "Immediately" counts from the report's publication.
    expect(bySubject.get(`finding:${f.now}`)).toMatchObject({
      dueImmediately: true,
      dueOn: '2024-02-29',
      state: 'overdue',
    });
    expect(bySubject.get(`finding:${f.undated}`)).toMatchObject({
      dueOn: null,
      daysLeft: null,
      state: 'later',
    });
    expect(bySubject.get(`commitment:${ids.owed}@2024-25 Q1`)).toMatchObject({
      kind: 'delivery_update',
      quarter: '2024-25 Q1',
      dueOn: '2024-07-21',
      state: 'due_soon',
    });
    expect(bySubject.get(`challenge:${ids.challenge}`)).toMatchObject({
      state: 'overdue',
      daysLeft: -9,
      meetingId: String(ids.meeting),
    });
    expect(bySubject.get(`action:${ids.action}`)).toMatchObject({
      state: 'later',
      context: 'Assurance and accountability meeting (test)',
    });
    // Most urgent first: the longest overdue leads, items without a date come last.
    expect(tasks[0]?.subject).toBe(`finding:${f.now}`);
    expect(tasks.at(-1)?.subject).toBe(`finding:${f.undated}`);
    // Evidence submitted waits on the policing body, not the lead; closed is finished.
    expect(bySubject.has(`finding:${f.submitted}`)).toBe(false);
    expect(bySubject.has(`finding:${f.closed}`)).toBe(false);
  });

  it("gives the policing body's office and administrators the unpublished statutory response; leads never", async () => {
    for (const who of ['oversight', 'admin']) {
      const tasks = await s.records.tasks.forUser(id[who]!, ON);
      expect(tasks.map((t) => t.subject)).toEqual([`response:${responseId}`]);
      expect(tasks[0]).toMatchObject({ dueOn: '2024-04-24', state: 'overdue', ownerUserId: null });
    }
    const lead = await s.records.tasks.forUser(id.lead!, ON);
    expect(lead.some((t) => t.kind === 'response')).toBe(false);
    expect((await s.records.tasks.forUser(id['other lead']!, ON)).map((t) => t.subject)).toEqual([
      `finding:${f.theirs}`,
    ]);
    expect(await s.records.tasks.forUser(id.gone!, ON)).toEqual([]);
    expect(await s.records.tasks.forUser('no such user', ON)).toEqual([]);
  });

  it('moves the delivery update due date with the deliveryUpdateDueDays setting, and drops it once posted', async () => {
    await s.records.settings.set({ deliveryUpdateDueDays: 30 }, cli);
    const owed = (await s.records.tasks.forUser(id.lead!, ON)).find(
      (t) => t.kind === 'delivery_update',
    );
    expect(owed?.dueOn).toBe('2024-07-30');
    await s.records.settings.set({ deliveryUpdateDueDays: null }, cli);
    // In October the update owed is Q2's; Q1's was the record's concern, not a reminder's.
    const oct = await s.records.tasks.forUser(id.lead!, new Date('2024-10-02T09:00:00Z'));
    expect(oct.filter((t) => t.kind === 'delivery_update').map((t) => t.subject)).toEqual([
      `commitment:${ids.owed}@2024-25 Q2`,
      `commitment:${ids.updated}@2024-25 Q2`,
    ]);
  });

  it('refuses to set lines or escalate for anyone but an administrator, and checks the line', async () => {
    await expect(s.records.tasks.setLine(id.lead!, id.manager!, as('lead'))).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    await expect(s.records.tasks.escalate(as('oversight'), ON)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    await expect(s.records.tasks.setLine(id.lead!, id.lead!, cli)).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(s.records.tasks.setLine(id.lead!, id.gone!, cli)).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(s.records.tasks.setLine(id.lead!, '99999', cli)).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    expect(await s.records.tasks.lines()).toEqual([]);
  });

  it('escalates an item overdue by more than escalateAfterDays once to the owner’s line, never twice', async () => {
    // Nobody has a line yet: nothing can escalate.
    expect(await s.records.tasks.escalate(cli, ON)).toEqual([]);
    await s.records.tasks.setLine(id.lead!, id.manager!, as('admin'));
    expect(await s.records.tasks.lines()).toEqual([{ userId: id.lead, lineUserId: id.manager }]);
    const audit = await s.records.audit.list({ action: 'user_line_set' });
    expect(audit[0]).toMatchObject({
      subject: `user:${id.lead}`,
      details: { line: `user:${id.manager}` },
    });

    // 30 days: the finding 39 days overdue and the one due immediately, not the challenge (9).
    await s.records.settings.set({ escalateAfterDays: 30 }, cli);
    const first = await s.records.tasks.escalate(cli, ON);
    expect(first.map((e) => e.subject).sort()).toEqual(
      [`finding:${f.overdue}`, `finding:${f.now}`].sort(),
    );
    expect(first[0]).toMatchObject({
      ownerUserId: id.lead,
      escalatedToUserId: id.manager,
      escalatedAt: s.clock.now(),
    });
    // The default 7: the challenge too; the findings already escalated are not again.
    await s.records.settings.set({ escalateAfterDays: null }, cli);
    const second = await s.records.tasks.escalate(cli, ON);
    expect(second.map((e) => e.subject)).toEqual([`challenge:${ids.challenge}`]);
    expect(await s.records.tasks.escalate(cli, ON)).toEqual([]);
    expect(await s.records.tasks.escalate(cli, new Date(ON.getTime() + DAY))).toEqual([]);
    // The other lead's finding is as late, but they have no line.
    expect(
      (await s.records.tasks.escalations()).some((e) => e.subject === `finding:${f.theirs}`),
    ).toBe(false);

    const toManager = await s.records.tasks.escalatedTo(id.manager!, ON);
    expect(toManager.map((e) => e.task.subject).sort()).toEqual(
      [`finding:${f.overdue}`, `finding:${f.now}`, `challenge:${ids.challenge}`].sort(),
    );
    expect(await s.records.tasks.escalatedTo(id.lead!, ON)).toEqual([]);
    const audited = await s.records.audit.list({ action: 'task_escalated' });
    expect(audited).toHaveLength(3);
    expect(audited.find((a) => a.subject === `challenge:${ids.challenge}`)?.details).toEqual({
      dueOn: '2024-07-01',
      owner: `user:${id.lead}`,
      to: `user:${id.manager}`,
    });
  });

  it('escalates again only when the due date moves, and forgets an item once it is done', async () => {
    await s.records.findings.update(f.overdue!, { due: '2024-06-15' }, cli, 'New date agreed');
    const again = await s.records.tasks.escalate(cli, ON);
    expect(again.map((e) => `${e.subject} ${e.dueOn}`)).toEqual([
      `finding:${f.overdue} 2024-06-15`,
    ]);
    await s.records.findings.transition(f.now!, 'in_progress', as('lead'));
    await s.records.findings.transition(f.now!, 'evidence_submitted', as('lead'));
    const open = await s.records.tasks.escalatedTo(id.manager!, ON);
    expect(open.some((e) => e.task.subject === `finding:${f.now}`)).toBe(false);
    // A line removed: nothing more escalates for that user.
    await s.records.tasks.setLine(id.lead!, null, cli);
    expect(await s.records.tasks.lines()).toEqual([]);
  });

  it('lists every owner’s items and every unpublished response for the landing page', async () => {
    const all = await s.records.tasks.all(ON);
    const subjects = all.map((t) => t.subject);
    expect(subjects).toContain(`finding:${f.theirs}`);
    expect(subjects).toContain(`response:${responseId}`);
    expect(subjects).toContain(`challenge:${ids.challenge}`);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('gives the register as spans (publication to closure), and a version that moves when it changes', async () => {
    const spans = await s.records.tasks.findingSpans();
    expect(spans).toHaveLength(Object.keys(f).length);
    const closed = spans.find((x) => x.findingId === f.closed);
    expect(closed).toMatchObject({
      publishedOn: '2024-02-29',
      closedOn: '2021-07-05',
      scope: 'force',
    });
    expect(spans.find((x) => x.findingId === f.soon)?.closedOn).toBeNull();
    const before = await s.records.tasks.registerVersion();
    await s.records.findings.transition(f.later!, 'superseded', cli);
    expect(await s.records.tasks.registerVersion()).not.toBe(before);
    expect(
      (await s.records.tasks.findingSpans()).find((x) => x.findingId === f.later)?.closedOn,
    ).toBe('2021-07-05');
  });
});

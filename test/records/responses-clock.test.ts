import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import reference from '../../src/facts/reference/police-reference.json' with { type: 'json' };
import type { Actor, Role } from '../../src/records/api.ts';
import {
  addDays,
  clockState,
  dayNumber,
  DUE_SOON_DAYS,
  dueOnAfter,
  dutyFor,
  londonDate,
  RESPONSE_DUTIES,
  responseAlerts,
  s55DueOn,
  VC_DAYS_SETTING,
} from '../../src/records/accountability/clock.ts';
import { STORES, type TestStore } from './stores.ts';

// The statutory response clock (56 days beginning with the day of publication), the duty per
// kind of source as data, and the response repository's drafting, editing, approval,
// publication and timeline on PGlite and on PostgreSQL.

const weekday = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });

describe('the 56-day clock', () => {
  it('is due 55 days after publication: publication is day 1 of 56', () => {
    for (const published of ['2023-06-01', '2024-07-15', '2025-01-31']) {
      const due = s55DueOn(published);
      expect(dayNumber(due) - dayNumber(published)).toBe(55);
      expect(dueOnAfter(published, 56)).toBe(due);
    }
    expect(s55DueOn('2023-06-01')).toBe('2023-07-26');
  });

  it('counts 29 February: a report of 2024-02-29 is due on 2024-04-24', () => {
    expect(s55DueOn('2024-02-29')).toBe('2024-04-24');
    // A year without it: the same calendar day is a day later.
    expect(s55DueOn('2023-03-01')).toBe('2023-04-25');
    expect(() => s55DueOn('2023-02-29')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('leaves a deadline that falls on a weekend where it falls', () => {
    expect(s55DueOn('2024-01-07')).toBe('2024-03-02');
    expect(weekday('2024-03-02')).toBe('Saturday');
    expect(s55DueOn('2024-10-27')).toBe('2024-12-21');
    expect(weekday('2024-12-21')).toBe('Saturday');
  });

  it('gives the right calendar date across the clock changes (late March, late October)', () => {
    // BST began on 2024-03-31 and 2025-03-30, ended on 2024-10-27 and 2025-10-26.
    expect(s55DueOn('2024-03-30')).toBe('2024-05-24');
    expect(s55DueOn('2024-03-31')).toBe('2024-05-25');
    expect(s55DueOn('2025-03-28')).toBe('2025-05-22');
    expect(s55DueOn('2024-10-26')).toBe('2024-12-20');
    expect(s55DueOn('2025-10-25')).toBe('2025-12-19');
    // "Today" is the London date: 23:30 UTC in summer is already the next day.
    expect(londonDate(new Date('2024-05-24T22:59:00Z'))).toBe('2024-05-24');
    expect(londonDate(new Date('2024-05-24T23:30:00Z'))).toBe('2024-05-25');
    expect(londonDate(new Date('2024-12-20T23:30:00Z'))).toBe('2024-12-20');
    const summer = { dueOn: s55DueOn('2024-03-30'), publishedOn: null };
    expect(clockState(summer, londonDate(new Date('2024-05-24T22:59:00Z')))).toBe('due_soon');
    expect(clockState(summer, londonDate(new Date('2024-05-24T23:30:00Z')))).toBe('overdue');
    const winter = { dueOn: s55DueOn('2024-10-26'), publishedOn: null };
    expect(clockState(winter, londonDate(new Date('2024-12-20T23:30:00Z')))).toBe('due_soon');
    expect(clockState(winter, londonDate(new Date('2024-12-21T00:30:00Z')))).toBe('overdue');
  });

  it(`is due soon with ${DUE_SOON_DAYS} days or fewer left, and overdue after the last day`, () => {
    const due = s55DueOn('2024-02-29');
    const r = { dueOn: due, publishedOn: null };
    expect(clockState(r, addDays(due, -15))).toBe('on_time');
    expect(clockState(r, addDays(due, -DUE_SOON_DAYS))).toBe('due_soon');
    expect(clockState(r, due)).toBe('due_soon');
    expect(clockState(r, addDays(due, 1))).toBe('overdue');
    expect(clockState({ dueOn: due, publishedOn: addDays(due, 3) }, addDays(due, 10))).toBe(
      'published',
    );
    const alerts = responseAlerts(
      [
        { id: 'soon', dueOn: due, publishedOn: null },
        { id: 'late', dueOn: addDays(due, -20), publishedOn: null },
        { id: 'fine', dueOn: addDays(due, 30), publishedOn: null },
      ],
      addDays(due, -3),
    );
    expect(alerts.map((a) => [a.response.id, a.state, a.daysLeft])).toEqual([
      ['late', 'overdue', -17],
      ['soon', 'due_soon', 3],
    ]);
  });
});

describe('the duty per kind of source', () => {
  it('is s55 for HMICFRS, as the reference data says', () => {
    const ref = reference.pccResponseDuty;
    const duty = dutyFor('hmicfrs');
    expect(duty?.days).toBe(ref.days);
    expect(ref.statute).toMatch(/^Police Act 1996 s55/);
    expect(duty?.statute).toMatch(/^Police Act 1996, section 55/);
    expect(ref.clock).toMatch(/beginning with the day/);
    // The copies the reference data names, said as a letter says them.
    expect(ref.copiesTo).toEqual([
      'the inspectors of constabulary (HMICFRS)',
      'the Secretary of State',
    ]);
    expect(duty?.copiesTo.some((c) => c.includes('HMICFRS'))).toBe(true);
    expect(duty?.copiesTo.some((c) => c.includes('Secretary of State'))).toBe(true);
  });

  it("gives the Victims' Commissioner's duty a configurable number of days, 56 by default", () => {
    expect(dutyFor('victims_commissioner')).toMatchObject({
      days: 56,
      statute: expect.stringMatching(/section 49A/),
      daysSetting: VC_DAYS_SETTING,
    });
    expect(dutyFor('victims_commissioner', { [VC_DAYS_SETTING]: 28 })?.days).toBe(28);
    for (const bad of [0, -3, 1.5, '28', 400, null])
      expect(dutyFor('victims_commissioner', { [VC_DAYS_SETTING]: bad })?.days).toBe(56);
    // The HMICFRS duty is the statute's, not a setting.
    expect(dutyFor('hmicfrs', { [VC_DAYS_SETTING]: 28 })?.days).toBe(56);
  });

  it('sets no statutory clock for IOPC learning, coroners, internal audit', () => {
    for (const kind of ['iopc_learning', 'coroner_pfd', 'internal_audit', 'anything'])
      expect(dutyFor(kind)).toBeNull();
    expect(Object.keys(RESPONSE_DUTIES).sort()).toEqual(['hmicfrs', 'victims_commissioner']);
  });
});

const cli: Actor = { userId: null, via: 'cli' };

describe.each(STORES)('statutory responses on %s', (_name, open) => {
  let s: TestStore;
  let unopened: unknown = null;
  const as: Record<string, Actor> = {};
  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as TestStore;
    });
    if (!s) return;
    for (const role of ['admin', 'lead', 'oversight', 'analyst', 'panel'] as Role[]) {
      const u = await s.records.users.add(
        { email: `${role}@example.org`, role, password: 'a long enough password' },
        cli,
      );
      as[role] = { userId: u.id, via: 'web' };
    }
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  let n = 0;
  async function report(kind: string, publishedOn: string, refs: string[]) {
    const src = await s.records.findingSources.add(
      {
        kind,
        title: `Report ${++n} (test)`,
        publishedOn,
        reportKind: kind === 'hmicfrs' ? 'thematic' : null,
      } as never,
      cli,
    );
    const findings = [];
    for (const ref of refs)
      findings.push(
        await s.records.findings.add(
          { sourceId: src.id, ref, kind: 'recommendation', text: `${ref} text`, scope: 'force' },
          cli,
        ),
      );
    return { src, findings };
  }

  it("drafts for a Victims' Commissioner report on its own clock, set in settings", async () => {
    const { src } = await report('victims_commissioner', '2025-03-28', ['Recommendation 1']);
    const draft = await s.records.responses.draft(src.id, as.oversight!);
    expect(draft).toMatchObject({
      status: 'draft',
      dueOn: '2025-05-22',
      days: 56,
      source: { id: src.id, kind: 'victims_commissioner', publishedOn: '2025-03-28' },
      statute: expect.stringMatching(/49A/),
      chiefOfficerComments: '',
      bodyReply: '',
      chiefOfficerInvitedOn: null,
    });
    await s.records.settings.set({ [VC_DAYS_SETTING]: 28 }, cli);
    const other = await report('victims_commissioner', '2025-03-28', ['Recommendation 1']);
    const second = await s.records.responses.draft(other.src.id, as.admin!);
    expect(second).toMatchObject({ dueOn: '2025-04-24', days: 28 });
    // A draft keeps the clock it was drafted on.
    expect((await s.records.responses.byId(draft.id))?.dueOn).toBe('2025-05-22');
    await s.records.settings.set({ [VC_DAYS_SETTING]: null }, cli);
  });

  it('refuses a response to a report with no duty, and to a report twice', async () => {
    for (const kind of ['iopc_learning', 'coroner_pfd', 'internal_audit']) {
      const { src } = await report(kind, '2024-05-01', ['Finding 1']);
      await expect(s.records.responses.draft(src.id, as.admin!)).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/HMICFRS and Victims' Commissioner/),
      });
    }
    const { src } = await report('hmicfrs', '2024-05-01', ['Recommendation 1']);
    await expect(s.records.responses.draft(src.id, as.lead!)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    await s.records.responses.draft(src.id, as.admin!);
    await expect(s.records.responses.draft(src.id, as.oversight!)).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(s.records.responses.draft('99999', as.admin!)).rejects.toMatchObject({
      code: 'UNKNOWN_RECORD',
    });
  });

  it('is edited in one save, approved by oversight only, reopened, published, all on its timeline', async () => {
    const { src, findings } = await report('hmicfrs', '2024-02-29', ['Rec 1', 'Rec 2']);
    const [a, b] = findings;
    const draft = await s.records.responses.draft(src.id, as.oversight!);
    expect(draft.dueOn).toBe('2024-04-24');
    expect(draft.items.map((i) => [i.ref, i.position, i.plannedAction])).toEqual([
      ['Rec 1', null, ''],
      ['Rec 2', null, ''],
    ]);

    // Partial saves are allowed while drafting; approval is not, yet.
    const saved = await s.records.responses.edit(
      draft.id,
      {
        intro: '  I write in response to the report.  ',
        items: [{ findingId: a!.id, position: 'accepted', plannedAction: 'Training for all.' }],
        chiefOfficerInvitedOn: '2024-03-04',
        chiefOfficerComments: 'The force welcomes the report.',
      },
      as.oversight!,
      'First pass',
    );
    expect(saved).toMatchObject({
      intro: 'I write in response to the report.',
      chiefOfficerInvitedOn: '2024-03-04',
      chiefOfficerComments: 'The force welcomes the report.',
    });
    expect(saved.items[0]).toMatchObject({
      position: 'accepted',
      plannedAction: 'Training for all.',
    });
    // Saving the same again changes nothing and records nothing.
    await s.records.responses.edit(draft.id, { intro: saved.intro }, as.oversight!);
    expect(await s.records.responses.history(draft.id)).toHaveLength(2);

    await expect(s.records.responses.approve(draft.id, as.oversight!)).rejects.toThrow(/Rec 2/);
    await expect(
      s.records.responses.edit(draft.id, { chiefOfficerInvitedOn: '2024-02-30' }, as.admin!),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      s.records.responses.edit(
        draft.id,
        { items: [{ findingId: '424242', position: null, plannedAction: '' }] },
        as.admin!,
      ),
    ).rejects.toMatchObject({ code: 'UNKNOWN_RECORD' });
    await expect(
      s.records.responses.edit(draft.id, { intro: 'x' }, as.lead!),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    await expect(
      s.records.responses.edit(
        draft.id,
        { items: [{ findingId: b!.id, position: 'maybe', plannedAction: '' }] } as never,
        as.admin!,
      ),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/items\.0\.position/),
    });

    await s.records.responses.edit(
      draft.id,
      {
        items: [
          { findingId: b!.id, position: 'for_others', plannedAction: 'For the Home Office.' },
        ],
        bodyReply: 'I note the chief officer’s comments.',
      },
      as.admin!,
    );
    for (const who of ['admin', 'lead', 'analyst', 'panel'])
      await expect(s.records.responses.approve(draft.id, as[who]!)).rejects.toMatchObject({
        code: 'NOT_PERMITTED',
      });
    await expect(s.records.responses.approve('99999', as.admin!)).rejects.toMatchObject({
      code: 'UNKNOWN_RECORD',
    });
    await expect(
      s.records.responses.publish(
        draft.id,
        { publishedOn: '2024-04-20', copiesTo: ['HMICFRS'] },
        as.oversight!,
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      hint: expect.stringMatching(/approved/),
    });

    await s.records.responses.approve(draft.id, as.oversight!, 'Approved at the board');
    await expect(
      s.records.responses.edit(draft.id, { intro: 'Too late' }, as.oversight!),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const reopened = await s.records.responses.reopen(draft.id, as.admin!, 'A typo');
    expect(reopened).toMatchObject({ status: 'draft', approvedAt: null, approvedBy: null });
    await s.records.responses.edit(
      draft.id,
      { intro: 'I write in response to the report of HMICFRS.' },
      as.oversight!,
    );
    const approved = await s.records.responses.approve(draft.id, as.oversight!);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: as.oversight!.userId });

    await expect(
      s.records.responses.publish(
        draft.id,
        { publishedOn: '2024-02-28', copiesTo: ['HMICFRS'] },
        as.admin!,
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/publishedOn/) });
    await expect(
      s.records.responses.publish(draft.id, { publishedOn: '2024-04-20', copiesTo: [] }, as.admin!),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/copiesTo/) });
    await expect(
      s.records.responses.publish(
        draft.id,
        { publishedOn: '2024-04-20', copiesTo: ['HMICFRS'] },
        as.lead!,
      ),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    const copiesTo = [...RESPONSE_DUTIES.hmicfrs.copiesTo];
    const published = await s.records.responses.publish(
      draft.id,
      { publishedOn: '2024-04-20', copiesTo: [...copiesTo, copiesTo[0]!] },
      as.oversight!,
    );
    expect(published).toMatchObject({ status: 'published', publishedOn: '2024-04-20', copiesTo });
    await expect(
      s.records.responses.publish(draft.id, { publishedOn: '2024-04-21', copiesTo }, as.oversight!),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION', hint: expect.stringMatching(/already/) });
    await expect(s.records.responses.reopen(draft.id, as.oversight!)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });

    const timeline = await s.records.responses.history(draft.id);
    expect(timeline.map((h) => h.action)).toEqual([
      'drafted',
      'edited',
      'edited',
      'approved',
      'reopened',
      'edited',
      'approved',
      'published',
    ]);
    expect(timeline[0]).toMatchObject({
      before: {},
      after: { status: 'draft', 'due on': '2024-04-24' },
    });
    expect(timeline[1]).toMatchObject({
      actorUserId: as.oversight!.userId,
      note: 'First pass',
      before: { introduction: '', 'Rec 1: position': null, "chief officer's comments": '' },
      after: {
        introduction: 'I write in response to the report.',
        'Rec 1: position': 'accepted',
        'Rec 1: planned action': 'Training for all.',
        'chief officer invited on': '2024-03-04',
      },
    });
    expect(timeline[1]!.after).not.toHaveProperty('Rec 2: position');
    expect(timeline[3]).toMatchObject({
      note: 'Approved at the board',
      after: { status: 'approved' },
    });
    expect(timeline[7]!.after).toMatchObject({ status: 'published', 'published on': '2024-04-20' });

    // The audit log has the steps, with statuses and dates, never the words.
    const audit = (await s.records.audit.list({ limit: 1000 })).filter(
      (x) => x.subject === `response:${draft.id}`,
    );
    expect(audit.map((x) => x.action).reverse()).toEqual(
      timeline.map((h) => `response_${h.action}`),
    );
    const details = JSON.stringify(audit.map((x) => x.details));
    expect(details).not.toMatch(/welcomes|Training|typo|HMICFRS/);
    expect(audit[0]!.details).toMatchObject({ status: 'published', publishedOn: '2024-04-20' });
  });

  it('lists every report with a duty, answered or not, soonest due first', async () => {
    const fresh = await report('hmicfrs', '2030-01-10', ['Rec 1']);
    const vc = await report('victims_commissioner', '2029-12-01', ['Rec 1']);
    await report('internal_audit', '2029-12-01', ['Finding 1']);
    const duties = await s.records.responses.duties();
    const mine = duties.filter((d) => [fresh.src.id, vc.src.id].includes(d.source.id));
    expect(mine.map((d) => [d.source.kind, d.dueOn, d.days, d.response])).toEqual([
      ['victims_commissioner', '2030-01-25', 56, null],
      ['hmicfrs', '2030-03-06', 56, null],
    ]);
    expect(duties.every((d) => d.source.kind !== ('internal_audit' as never))).toBe(true);
    expect(duties.map((d) => d.dueOn)).toEqual([...duties.map((d) => d.dueOn)].sort());
    const answered = duties.filter((d) => d.response !== null);
    expect(answered.length).toBeGreaterThan(0);
    for (const d of answered) expect(d.dueOn).toBe(d.response!.dueOn);
  });
});

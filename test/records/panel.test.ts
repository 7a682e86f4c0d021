import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/records/api.ts';
import {
  COMPLAINT_TRANSITIONS,
  annualFigures,
  financialYear,
  financialYearOf,
} from '../../src/records/accountability/complaints.ts';
import {
  COMPLAINT_STATUSES,
  outcomesFor,
  type Complaint,
  type ComplaintStatus,
} from '../../src/records/accountability/panel-types.ts';
import { STORES, type TestStore } from './stores.ts';

// The panel's records on PGlite and on PostgreSQL: every complaint step the table allows and
// every one it refuses, who may take them, the dates and outcomes each step needs, the
// timeline and audit each change leaves, the annual report's figures worked by hand on a small
// set, and the work programme.

const cli: Actor = { userId: null, via: 'cli' };
const PASSWORD = 'a long enough password';

/** The shortest path of steps from a new complaint to `to`, as the table defines it. */
function pathTo(to: ComplaintStatus): ComplaintStatus[] {
  const seen = new Map<ComplaintStatus, ComplaintStatus[]>([['received', []]]);
  const queue: ComplaintStatus[] = ['received'];
  while (queue.length) {
    const at = queue.shift() as ComplaintStatus;
    for (const t of COMPLAINT_TRANSITIONS.filter((t) => t.from === at && !seen.has(t.to))) {
      seen.set(t.to, [...(seen.get(at) ?? []), t.to]);
      queue.push(t.to);
    }
  }
  const path = seen.get(to);
  if (!path) throw new Error(`${to} cannot be reached`);
  return path;
}

/** A step's outcome when it needs one (the first the table gives). */
const outcomeFor = (to: ComplaintStatus) =>
  outcomesFor(to).length > 1 ? { outcome: outcomesFor(to)[0] } : {};

describe.each(STORES)('the panel records on %s', (_name, open) => {
  let s: TestStore;
  let unopened: unknown = null;
  const as: Record<string, Actor> = {};
  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as TestStore;
    });
    if (!s) return;
    // Today is 1 June 2025 (London), after the whole 2024-25 financial year.
    s.clock.advance(Date.parse('2025-06-01T09:00:00Z') - s.clock.now().getTime());
    const people: Role[] = ['admin', 'analyst', 'lead', 'oversight', 'panel'];
    for (const role of people) {
      const u = await s.records.users.add(
        { email: `${role}@example.org`, role, password: PASSWORD },
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

  const complaint = (over: Record<string, unknown> = {}) =>
    s.records.complaints.add(
      {
        receivedOn: '2025-01-06',
        summary: 'The holder spoke dismissively to a resident at a public meeting (test).',
        category: 'behaviour',
        ...over,
      },
      cli,
    );
  async function complaintAt(status: ComplaintStatus): Promise<Complaint> {
    const c = await complaint();
    for (const to of pathTo(status))
      await s.records.complaints.transition(c.id, { to, ...outcomeFor(to) }, cli);
    return (await s.records.complaints.byId(c.id))!;
  }

  describe('complaint steps', () => {
    const pairs = COMPLAINT_STATUSES.flatMap((from) =>
      COMPLAINT_STATUSES.map((to) => [from, to] as const),
    );
    it.each(pairs)('%s → %s: allowed exactly when the table has it', async (from, to) => {
      const c = await complaintAt(from);
      expect(c.status).toBe(from);
      const allowed = COMPLAINT_TRANSITIONS.some((t) => t.from === from && t.to === to);
      const step = s.records.complaints.transition(c.id, { to, ...outcomeFor(to) }, as.panel!);
      if (allowed) {
        const after = await step;
        expect(after.status).toBe(to);
        expect(after.updatedAt.getTime()).toBe(s.clock.now().getTime());
      } else {
        await expect(step).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
        expect((await s.records.complaints.byId(c.id))?.status).toBe(from);
      }
    });

    it('says which steps there are from where a complaint stands', async () => {
      const c = await complaintAt('resolved');
      await expect(
        s.records.complaints.transition(c.id, { to: 'recorded' }, cli),
      ).rejects.toMatchObject({
        message: 'A complaint that is resolved cannot become recorded.',
        hint: 'A complaint that is resolved is finished.',
      });
      const r = await complaint();
      await expect(
        s.records.complaints.transition(r.id, { to: 'resolved', outcome: 'apology_given' }, cli),
      ).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
        hint: 'From received it can become: recorded, not recorded, withdrawn, referred to the IOPC.',
      });
    });

    it('records the day of each step, and the outcome a step to an end needs', async () => {
      const c = await complaint({ receivedOn: '2025-02-03' });
      await expect(
        s.records.complaints.transition(c.id, { to: 'recorded', on: '2025-02-01' }, cli),
      ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('before') });
      await expect(
        s.records.complaints.transition(c.id, { to: 'recorded', on: '2025-06-02' }, cli),
      ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('future') });
      await expect(
        s.records.complaints.transition(c.id, { to: 'recorded', on: '2025-02-30' }, cli),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' });
      const recorded = await s.records.complaints.transition(
        c.id,
        { to: 'recorded', on: '2025-02-10' },
        cli,
      );
      expect(recorded).toMatchObject({ recordedOn: '2025-02-10', outcome: null, outcomeOn: null });
      await s.records.complaints.transition(c.id, { to: 'informal_resolution' }, cli);
      // Resolving needs one of the resolutions, and only those.
      await expect(
        s.records.complaints.transition(c.id, { to: 'resolved' }, cli),
      ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('outcome') });
      await expect(
        s.records.complaints.transition(
          c.id,
          { to: 'resolved', outcome: 'outside_regulations' },
          cli,
        ),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' });
      const done = await s.records.complaints.transition(
        c.id,
        { to: 'resolved', outcome: 'apology_given', on: '2025-03-14', note: 'Apology accepted.' },
        cli,
      );
      expect(done).toMatchObject({
        status: 'resolved',
        recordedOn: '2025-02-10',
        outcome: 'apology_given',
        outcomeOn: '2025-03-14',
      });
      // Withdrawal and referral have one outcome each, set without asking; a start has none.
      const w = await complaint();
      expect(
        await s.records.complaints.transition(w.id, { to: 'withdrawn', on: '2025-01-07' }, cli),
      ).toMatchObject({ outcome: 'withdrawn', outcomeOn: '2025-01-07', recordedOn: null });
      const i = await complaintAt('recorded');
      await expect(
        s.records.complaints.transition(
          i.id,
          { to: 'informal_resolution', outcome: 'apology_given' },
          cli,
        ),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' });
      // Referred back by the IOPC: recorded, the referral's outcome gone, today's date kept.
      const back = await complaintAt('referred_iopc');
      expect(back).toMatchObject({ outcome: 'referred_iopc', outcomeOn: '2025-06-01' });
      expect(await s.records.complaints.transition(back.id, { to: 'recorded' }, cli)).toMatchObject(
        { status: 'recorded', recordedOn: '2025-06-01', outcome: null },
      );
    });

    it('refuses a complaint received in the future, and one without a summary', async () => {
      await expect(complaint({ receivedOn: '2025-06-02' })).rejects.toMatchObject({
        code: 'BAD_INPUT',
      });
      await expect(complaint({ summary: '   ' })).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringContaining('summary'),
      });
      await expect(complaint({ category: 'policy' })).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringContaining('category'),
      });
    });

    it('lets panel members and administrators handle complaints, and no one else', async () => {
      for (const role of ['admin', 'panel'] as const) {
        const c = await s.records.complaints.add(
          { receivedOn: '2025-05-01', summary: 'x (test)', category: 'other' },
          as[role]!,
        );
        await s.records.complaints.transition(c.id, { to: 'recorded' }, as[role]!);
      }
      const c = await complaint();
      for (const role of ['analyst', 'lead', 'oversight'] as const) {
        await expect(
          s.records.complaints.add(
            { receivedOn: '2025-05-01', summary: 'x', category: 'other' },
            as[role]!,
          ),
        ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
        await expect(
          s.records.complaints.transition(c.id, { to: 'recorded' }, as[role]!),
        ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
        await expect(
          s.records.complaints.update(c.id, { category: 'integrity' }, as[role]!),
        ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
      }
      await expect(
        s.records.complaints.transition('999999', { to: 'recorded' }, cli),
      ).rejects.toMatchObject({ code: 'UNKNOWN_RECORD' });
      await expect(
        s.records.complaints.transition('x', { to: 'recorded' }, cli),
      ).rejects.toMatchObject({ code: 'UNKNOWN_RECORD' });
    });
  });

  describe('a complaint’s timeline', () => {
    it('keeps who did what when, before and after, and audits without the free text', async () => {
      const c = await s.records.complaints.add(
        {
          receivedOn: '2025-04-02',
          summary: 'Comments about a named resident posted online (test).',
          category: 'public_statements',
        },
        as.panel!,
      );
      s.clock.advance(60_000);
      await s.records.complaints.transition(
        c.id,
        { to: 'recorded', on: '2025-04-09', note: 'Meets the requirements.' },
        as.panel!,
      );
      s.clock.advance(60_000);
      await s.records.complaints.update(
        c.id,
        { category: 'behaviour' },
        as.admin!,
        'Recategorised',
      );
      s.clock.advance(60_000);
      await s.records.complaints.transition(c.id, { to: 'informal_resolution' }, as.panel!);
      const h = await s.records.complaints.history(c.id);
      expect(h.map((e) => [e.action, e.before.status ?? null, e.after.status])).toEqual([
        ['added', null, 'received'],
        ['transition', 'received', 'recorded'],
        ['updated', 'recorded', 'recorded'],
        ['transition', 'recorded', 'informal_resolution'],
      ]);
      expect(h.map((e) => e.actorUserId)).toEqual([
        as.panel!.userId,
        as.panel!.userId,
        as.admin!.userId,
        as.panel!.userId,
      ]);
      expect(h[1]).toMatchObject({
        note: 'Meets the requirements.',
        after: { recordedOn: '2025-04-09' },
      });
      expect(h[2]).toMatchObject({
        before: { category: 'public_statements' },
        after: { category: 'behaviour' },
        note: 'Recategorised',
      });
      expect(h[3]!.at.getTime() - h[0]!.at.getTime()).toBe(180_000);
      const audit = (await s.records.audit.list({ limit: 5000 })).filter(
        (a) => a.subject === `complaint:${c.id}`,
      );
      expect(audit.map((a) => a.action).sort()).toEqual([
        'complaint_added',
        'complaint_transition',
        'complaint_transition',
        'complaint_updated',
      ]);
      const details = JSON.stringify(audit.map((a) => a.details));
      expect(details).not.toContain('resident');
      expect(details).not.toContain('Meets the requirements');
      expect(details).toContain('"from":"received"');
      // Another complaint's timeline is its own.
      expect(await s.records.complaints.history('999999')).toEqual([]);
    });
  });

  describe('the annual complaints report', () => {
    it('works out the figures of a year from the complaints received in it', async () => {
      // A fresh year of its own: 2022-23, nothing else received in it.
      const add = async (
        receivedOn: string,
        category: string,
        steps: { to: ComplaintStatus; on: string; outcome?: string }[],
      ) => {
        const c = await complaint({ receivedOn, category });
        for (const st of steps) await s.records.complaints.transition(c.id, st as never, cli);
      };
      const resolve = (rec: string, start: string, end: string, outcome: string) => [
        { to: 'recorded' as const, on: rec },
        { to: 'informal_resolution' as const, on: start },
        { to: 'resolved' as const, on: end, outcome },
      ];
      // Resolved in 50, 60 and 117 days: the median is 60.
      await add(
        '2022-04-10',
        'behaviour',
        resolve('2022-04-20', '2022-05-01', '2022-05-30', 'explanation_provided'),
      );
      await add(
        '2022-06-03',
        'behaviour',
        resolve('2022-06-10', '2022-06-20', '2022-08-02', 'apology_given'),
      );
      await add(
        '2022-09-15',
        'public_statements',
        resolve('2022-09-20', '2022-10-01', '2023-01-10', 'apology_given'),
      );
      await add('2022-11-01', 'other', [
        { to: 'not_recorded', on: '2022-11-08', outcome: 'outside_regulations' },
      ]);
      await add('2023-01-20', 'use_of_office', [
        { to: 'not_recorded', on: '2023-01-25', outcome: 'not_about_conduct' },
      ]);
      await add('2023-02-02', 'behaviour', [
        { to: 'recorded', on: '2023-02-05' },
        { to: 'withdrawn', on: '2023-02-20' },
      ]);
      await add('2023-03-01', 'integrity', [
        { to: 'recorded', on: '2023-03-05' },
        { to: 'informal_resolution', on: '2023-03-10' },
      ]);
      await add('2023-03-31', 'correspondence', []);
      await add('2022-12-12', 'integrity', [{ to: 'referred_iopc', on: '2022-12-15' }]);
      // Either side of the year: not counted.
      await add('2022-03-31', 'behaviour', [{ to: 'recorded', on: '2022-04-02' }]);
      await add('2023-04-01', 'behaviour', []);

      const f = await s.records.complaints.annualFigures('2022-23');
      expect(f).toMatchObject({
        year: '2022-23',
        from: '2022-04-01',
        to: '2023-03-31',
        asAt: '2025-06-01',
        received: 9,
        recorded: 5,
        notRecorded: 2,
        noRecordingDecision: 2,
        resolvedInformally: 3,
        inInformalResolution: 1,
        daysToResolution: { count: 3, median: 60 },
      });
      expect(Object.fromEntries(f.byCategory.map((c) => [c.category, c.count]))).toEqual({
        behaviour: 3,
        public_statements: 1,
        use_of_office: 1,
        integrity: 2,
        correspondence: 1,
        other: 1,
      });
      expect(Object.fromEntries(f.byOutcome.map((o) => [o.outcome, o.count]))).toEqual({
        explanation_provided: 1,
        apology_given: 2,
        action_agreed: 0,
        no_further_action: 0,
        outside_regulations: 1,
        not_about_conduct: 1,
        already_dealt_with: 0,
        withdrawn: 1,
        referred_iopc: 1,
        open: 2,
      });
      expect(await s.records.complaints.list({ year: '2022-23' })).toHaveLength(9);
      expect(
        (await s.records.complaints.list({ year: '2022-23', status: 'not_recorded' })).map(
          (c) => c.receivedOn,
        ),
      ).toEqual(['2023-01-20', '2022-11-01']);
      expect(
        await s.records.complaints.list({ year: '2022-23', category: 'integrity' }),
      ).toHaveLength(2);
      await expect(s.records.complaints.annualFigures('2022-24')).rejects.toMatchObject({
        code: 'BAD_INPUT',
      });
    });
  });

  describe('the work programme', () => {
    it('keeps items by meeting date, undated last, with a timeline of each change', async () => {
      const a = await s.records.workProgramme.add(
        { title: 'Annual report on complaints (test)', meetingOn: '2025-09-15' },
        as.panel!,
      );
      const b = await s.records.workProgramme.add(
        {
          title: 'Proposed precept (test)',
          description: 'The statutory review of the proposed precept.',
          meetingOn: '2025-07-01',
          papersRequested: ['Medium-term financial plan', 'Precept proposal'],
        },
        as.admin!,
      );
      const c = await s.records.workProgramme.add({ title: 'Road safety (test)' }, as.panel!);
      const listed = (await s.records.workProgramme.list()).map((w) => w.id);
      expect(listed.indexOf(b.id)).toBeLessThan(listed.indexOf(a.id));
      expect(listed.indexOf(a.id)).toBeLessThan(listed.indexOf(c.id));
      expect(b).toMatchObject({
        status: 'planned',
        papersRequested: ['Medium-term financial plan', 'Precept proposal'],
      });

      const moved = await s.records.workProgramme.update(
        b.id,
        { status: 'deferred', meetingOn: '2025-11-25' },
        as.panel!,
        'Papers not ready',
      );
      expect(moved).toMatchObject({ status: 'deferred', meetingOn: '2025-11-25' });
      const h = await s.records.workProgramme.history(b.id);
      expect(h.map((e) => e.action)).toEqual(['added', 'updated']);
      expect(h[1]).toMatchObject({
        before: { status: 'planned', meetingOn: '2025-07-01' },
        after: { status: 'deferred', meetingOn: '2025-11-25' },
        note: 'Papers not ready',
        actorUserId: as.panel!.userId,
      });
      expect(h[0]!.after.papersRequested).toBe('Medium-term financial plan; Precept proposal');
      expect((await s.records.workProgramme.list({ status: 'deferred' })).map((w) => w.id)).toEqual(
        [b.id],
      );

      for (const role of ['oversight', 'lead', 'analyst'] as const)
        await expect(
          s.records.workProgramme.update(a.id, { status: 'done' }, as[role]!),
        ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
      await expect(
        s.records.workProgramme.add({ title: 'x', meetingOn: '2025-02-30' }, as.panel!),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(s.records.workProgramme.add({ title: ' ' }, as.panel!)).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringContaining('title'),
      });
      await expect(s.records.workProgramme.update(a.id, {}, as.panel!)).rejects.toMatchObject({
        code: 'BAD_INPUT',
      });
      await expect(
        s.records.workProgramme.update('424242', { status: 'done' }, as.panel!),
      ).rejects.toMatchObject({ code: 'UNKNOWN_RECORD' });
    });
  });
});

describe('financial years and the report figures (pure)', () => {
  it('knows the first and last day of a financial year, and the year of a day', () => {
    expect(financialYear('2024-25')).toEqual({ from: '2024-04-01', to: '2025-03-31' });
    expect(financialYear('1999-00')).toEqual({ from: '1999-04-01', to: '2000-03-31' });
    for (const bad of ['2024-26', '2024', '24-25', '2024/25'])
      expect(() => financialYear(bad)).toThrow(/financial year/);
    expect(financialYearOf('2025-03-31')).toBe('2024-25');
    expect(financialYearOf('2025-04-01')).toBe('2025-26');
  });

  it('gives an even count the mean of its two middle days, and an empty year no median', () => {
    const at = new Date(0);
    const c = (receivedOn: string, outcomeOn: string): Complaint => ({
      id: receivedOn,
      receivedOn,
      recordedOn: receivedOn,
      summary: 'x',
      category: 'other',
      status: 'resolved',
      outcome: 'apology_given',
      outcomeOn,
      createdAt: at,
      updatedAt: at,
    });
    const f = annualFigures(
      [c('2024-05-01', '2024-05-11'), c('2024-06-01', '2024-06-04')],
      '2024-25',
      '2025-06-01',
    );
    expect(f.daysToResolution).toEqual({ count: 2, median: 6.5 });
    expect(annualFigures([], '2024-25', '2025-06-01')).toMatchObject({
      received: 0,
      daysToResolution: { count: 0, median: null },
    });
  });
});

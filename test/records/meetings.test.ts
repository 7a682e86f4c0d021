import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/records/api.ts';
import {
  ACTION_STATUSES,
  ACTION_STEPS,
  CHALLENGE_STATUSES,
  CHALLENGE_STEPS,
  dueState,
  isOverdue,
  stepsFor,
  type ActionStatus,
  type ChallengeStatus,
  type MeetingInput,
} from '../../src/records/accountability/meetings-types.ts';
import { londonDate } from '../../src/records/accountability/clock.ts';
import { STORES, type TestStore } from './stores.ts';

// Holding to account on PGlite and on PostgreSQL: meetings and their published notes, written
// challenges and meeting actions driven through every step of their tables (allowed and
// refused, by every kind of user), the timeline and audit each change leaves, and the due clock.

const cli: Actor = { userId: null, via: 'cli' };
const PASSWORD = 'a long enough password';
const DAY_MS = 86_400_000;

const MEETING: MeetingInput = {
  type: 'assurance_accountability',
  subject: 'Violence against women and girls (test)',
  heldOn: '2021-06-15',
  location: 'Headquarters, conference room 2',
  attendees: ['Deputy Police and Crime Commissioner', 'Temporary Chief Constable'],
  agenda: ['Response times to domestic abuse incidents', 'Specialist officers'],
  papers: [{ title: 'VAWG performance paper', link: 'https://example.org/vawg.pdf' }],
};

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return String((e as { code?: unknown }).code ?? e);
  }
  return 'not refused';
}

describe.each(STORES)('holding to account on %s', (_name, open) => {
  let s: TestStore;
  let unopened: unknown = null;
  const as: Record<string, Actor> = {};
  const id: Record<string, string> = {};
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
      id[name] = u.id;
    }
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  const newMeeting = (over: Record<string, unknown> = {}) =>
    s.records.meetings.add({ ...MEETING, ...over } as never, cli);
  const raise = (over: Record<string, unknown> = {}) =>
    s.records.challenges.raise(
      {
        question: 'Why has the domestic abuse arrest rate fallen below its lower limit?',
        raisedBy: 'Deputy Police and Crime Commissioner',
        ownerUserId: id.owner!,
        dueOn: '2021-07-30',
        ...over,
      },
      as.oversight!,
    );

  describe('meetings', () => {
    it('keeps a meeting with its agenda, attendees as office titles and papers', async () => {
      const m = await s.records.meetings.add(MEETING, as.oversight!);
      expect(m).toMatchObject({ ...MEETING, notes: '', notesPublishedOn: null });
      expect(await s.records.meetings.byId(m.id)).toEqual(m);
      expect(await s.records.meetings.byId('nope')).toBeNull();
      const history = await s.records.meetings.history(m.id);
      expect(history.map((h) => [h.action, h.actorUserId])).toEqual([['added', id.oversight]]);
      expect(history[0]?.after.attendees).toBe(
        'Deputy Police and Crime Commissioner; Temporary Chief Constable',
      );
    });

    it('lets only admin and oversight add or change one', async () => {
      expect(await code(s.records.meetings.add(MEETING, as.admin!))).toBe('not refused');
      for (const who of ['owner', 'analyst', 'panel']) {
        expect(await code(s.records.meetings.add(MEETING, as[who]!)), who).toBe('NOT_PERMITTED');
      }
      const m = await newMeeting();
      expect(await code(s.records.meetings.update(m.id, { notes: 'x' }, as.owner!))).toBe(
        'NOT_PERMITTED',
      );
      expect(await code(s.records.meetings.update('999999', { notes: 'x' }, as.admin!))).toBe(
        'UNKNOWN_RECORD',
      );
    });

    it('refuses bad input naming the field', async () => {
      for (const bad of [
        { type: 'council' },
        { subject: ' ' },
        { heldOn: '2021-02-29' },
        { papers: [{ title: 'x', link: 'javascript:alert(1)' }] },
        { attendees: [''] },
      ]) {
        const e = await newMeeting(bad).catch(
          (x: unknown) => x as { code: string; message: string },
        );
        expect(e, JSON.stringify(bad)).toMatchObject({ code: 'BAD_INPUT' });
      }
      const e = await newMeeting({ papers: [{ title: 'x', link: 'ftp://x' }] }).catch(
        (x: unknown) => x as Error,
      );
      expect((e as Error).message).toContain('papers.0.link');
    });

    it('edits and publishes notes once, on the timeline with what changed', async () => {
      const m = await newMeeting();
      expect(await code(s.records.meetings.publishNotes(m.id, as.oversight!))).toBe(
        'INVALID_TRANSITION',
      );
      const edited = await s.records.meetings.update(
        m.id,
        { notes: 'The force set out progress on response times.' },
        as.oversight!,
        'First draft',
      );
      expect(edited.notes).toBe('The force set out progress on response times.');
      s.clock.advance(DAY_MS);
      const published = await s.records.meetings.publishNotes(m.id, as.admin!);
      const today = londonDate(s.clock.now());
      expect(published.notesPublishedOn).toBe(today);
      expect(await code(s.records.meetings.publishNotes(m.id, as.oversight!))).toBe(
        'INVALID_TRANSITION',
      );
      const history = await s.records.meetings.history(m.id);
      expect(history.map((h) => h.action)).toEqual(['added', 'updated', 'published']);
      expect(history[1]).toMatchObject({
        before: { notes: '' },
        after: { notes: 'The force set out progress on response times.' },
        note: 'First draft',
      });
      expect(history[2]).toMatchObject({
        before: { notesPublishedOn: null },
        after: { notesPublishedOn: today },
        actorUserId: id.admin,
      });
      const audit = (await s.records.audit.list({ limit: 50 })).filter(
        (a) => a.subject === `meeting:${m.id}`,
      );
      expect(audit.map((a) => a.action).sort()).toEqual([
        'meeting_added',
        'meeting_published',
        'meeting_updated',
      ]);
      // The audit keeps the type and dates, never the notes.
      expect(JSON.stringify(audit)).not.toContain('response times');
    });

    it('lists latest first, by type, and only published ones when asked', async () => {
      const thematic = await newMeeting({ type: 'thematic', heldOn: '2021-08-01' });
      const all = await s.records.meetings.list();
      expect(all[0]?.id).toBe(thematic.id);
      expect(all.map((m) => m.heldOn)).toEqual([...all.map((m) => m.heldOn)].sort().reverse());
      expect((await s.records.meetings.list({ type: 'thematic' })).map((m) => m.id)).toEqual([
        thematic.id,
      ]);
      const published = await s.records.meetings.list({ published: true });
      expect(published.length).toBeGreaterThan(0);
      expect(published.every((m) => m.notesPublishedOn !== null)).toBe(true);
    });
  });

  describe('challenges', () => {
    /** A new challenge taken to `status` by the people the table names. */
    async function challengeAt(status: ChallengeStatus) {
      const c = await raise();
      if (status === 'open') return c;
      if (status === 'withdrawn')
        return s.records.challenges.transition(c.id, 'withdrawn', as.oversight!);
      await s.records.challenges.answer(c.id, 'Arrests are reviewed daily.', as.owner!);
      if (status === 'answered') return (await s.records.challenges.byId(c.id))!;
      return s.records.challenges.transition(c.id, status, as.oversight!);
    }

    it('raises one from a measure exception, linked to a meeting, on its timeline', async () => {
      const m = await newMeeting();
      const c = await raise({
        meetingId: m.id,
        exception: {
          measureId: 'da_arrest_rate',
          period: '2021/22-Q1',
          lpa: '',
          signal: 'special cause of concern: below its lower limit',
        },
      });
      expect(c).toMatchObject({
        status: 'open',
        raisedBy: 'Deputy Police and Crime Commissioner',
        raisedByUserId: id.oversight,
        raisedOn: londonDate(s.clock.now()),
        ownerUserId: id.owner,
        meetingId: m.id,
        response: null,
        exception: { measureId: 'da_arrest_rate', period: '2021/22-Q1', lpa: '' },
      });
      expect(await s.records.challenges.byId(c.id)).toEqual(c);
      expect((await s.records.challenges.list({ meetingId: m.id })).map((x) => x.id)).toEqual([
        c.id,
      ]);
      expect(
        (await s.records.challenges.list({ measureId: 'da_arrest_rate' })).map((x) => x.id),
      ).toEqual([c.id]);
      const [h] = await s.records.challenges.history(c.id);
      expect(h).toMatchObject({ action: 'raised', actorUserId: id.oversight, via: 'web' });
      expect(h?.after).toMatchObject({ status: 'open', measureId: 'da_arrest_rate' });
    });

    it('lets only admin and oversight raise one, for a lead or oversight owner', async () => {
      expect(await code(raise())).toBe('not refused');
      for (const who of ['owner', 'analyst', 'panel']) {
        expect(
          await code(
            s.records.challenges.raise(
              { question: 'q', raisedBy: 'x', ownerUserId: id.owner! },
              as[who]!,
            ),
          ),
          who,
        ).toBe('NOT_PERMITTED');
      }
      expect(
        await code(
          s.records.challenges.raise(
            { question: 'q', raisedBy: 'Chair', ownerUserId: id.owner! },
            as.admin!,
          ),
        ),
      ).toBe('not refused');
      for (const owner of [id.analyst!, id.panel!, id.admin!, '999999', 'x'])
        expect(await code(raise({ ownerUserId: owner })), owner).toBe('BAD_INPUT');
      expect(await code(raise({ ownerUserId: id.oversight }))).toBe('not refused');
      expect(await code(raise({ meetingId: '999999' }))).toBe('UNKNOWN_RECORD');
      expect(await code(raise({ question: '' }))).toBe('BAD_INPUT');
      expect(await code(raise({ dueOn: '2021-13-01' }))).toBe('BAD_INPUT');
      expect(
        await code(
          raise({ exception: { measureId: 'DROP TABLE', period: '2021/22-Q1', signal: 'x' } }),
        ),
      ).toBe('BAD_INPUT');
    });

    it('takes every step of the table, allowed for whom it names and refused for everyone else', async () => {
      const everyone = ['admin', 'owner', 'another lead', 'oversight', 'analyst', 'panel'];
      for (const rule of CHALLENGE_STEPS) {
        for (const who of everyone) {
          const c = await challengeAt(rule.from);
          // The owner and the other lead are both leads: only the owner counts as `owner`.
          const allowed =
            (who === 'owner' && rule.by.includes('owner')) ||
            (who !== 'owner' && who !== 'another lead' && rule.by.includes(who as Role));
          const step =
            rule.to === 'answered'
              ? s.records.challenges.answer(c.id, 'Our answer.', as[who]!)
              : s.records.challenges.transition(c.id, rule.to, as[who]!);
          expect(await code(step), `${rule.from} → ${rule.to} by ${who}`).toBe(
            allowed ? 'not refused' : 'NOT_PERMITTED',
          );
          expect((await s.records.challenges.byId(c.id))?.status).toBe(
            allowed ? rule.to : rule.from,
          );
        }
      }
    });

    it('refuses every step the table does not have as INVALID_TRANSITION', async () => {
      for (const from of CHALLENGE_STATUSES)
        for (const to of CHALLENGE_STATUSES) {
          if (CHALLENGE_STEPS.some((t) => t.from === from && t.to === to)) continue;
          const c = await challengeAt(from);
          const step =
            to === 'answered'
              ? s.records.challenges.answer(c.id, 'Late answer.', as.owner!)
              : s.records.challenges.transition(c.id, to, as.oversight!);
          expect(await code(step), `${from} → ${to}`).toBe('INVALID_TRANSITION');
        }
      // Answering goes through answer(), with a response.
      const c = await challengeAt('open');
      expect(await code(s.records.challenges.transition(c.id, 'answered', as.owner!))).toBe(
        'INVALID_TRANSITION',
      );
      expect(await code(s.records.challenges.answer(c.id, '  ', as.owner!))).toBe('BAD_INPUT');
      expect(await code(s.records.challenges.answer('999999', 'x', as.owner!))).toBe(
        'UNKNOWN_RECORD',
      );
    });

    it('answers, asks again, closes: each on the timeline with before and after', async () => {
      const c = await raise();
      s.clock.advance(DAY_MS);
      const answered = await s.records.challenges.answer(
        c.id,
        'Arrest decisions are now reviewed at the daily meeting.',
        as.owner!,
      );
      expect(answered).toMatchObject({
        status: 'answered',
        response: 'Arrest decisions are now reviewed at the daily meeting.',
        respondedOn: londonDate(s.clock.now()),
      });
      await s.records.challenges.transition(c.id, 'open', as.oversight!, 'Say by when.');
      await s.records.challenges.answer(c.id, 'By the end of August.', as.owner!);
      const closed = await s.records.challenges.transition(c.id, 'closed', as.oversight!);
      expect(closed.status).toBe('closed');
      expect(closed.response).toBe('By the end of August.');
      const history = await s.records.challenges.history(c.id);
      expect(history.map((h) => [h.action, h.before.status ?? null, h.after.status])).toEqual([
        ['raised', null, 'open'],
        ['answered', 'open', 'answered'],
        ['transition', 'answered', 'open'],
        ['answered', 'open', 'answered'],
        ['transition', 'answered', 'closed'],
      ]);
      expect(history[2]?.note).toBe('Say by when.');
      expect(history[4]?.note).toBe('Closed: the answer is accepted');
      expect(history.map((h) => h.actorUserId)).toEqual([
        id.oversight,
        id.owner,
        id.oversight,
        id.owner,
        id.oversight,
      ]);
      const audit = (await s.records.audit.list({ limit: 100 })).filter(
        (a) => a.subject === `challenge:${c.id}`,
      );
      expect(audit.map((a) => a.action).sort()).toEqual([
        'challenge_answered',
        'challenge_answered',
        'challenge_raised',
        'challenge_transition',
        'challenge_transition',
      ]);
      expect(JSON.stringify(audit)).not.toContain('August');
      expect(
        audit.find((a) => a.details.from === 'answered' && a.details.status === 'closed'),
      ).toBeDefined();
    });

    it('lets admin and oversight reassign an unfinished one, and no one else', async () => {
      const c = await raise();
      expect(
        await code(s.records.challenges.update(c.id, { ownerUserId: id.oversight! }, as.owner!)),
      ).toBe('NOT_PERMITTED');
      const moved = await s.records.challenges.update(
        c.id,
        { ownerUserId: id['another lead']!, dueOn: '2021-08-15' },
        as.admin!,
        'Portfolio changed',
      );
      expect(moved).toMatchObject({ ownerUserId: id['another lead'], dueOn: '2021-08-15' });
      // The first owner can no longer answer it; the new one can.
      expect(await code(s.records.challenges.answer(c.id, 'x', as.owner!))).toBe('NOT_PERMITTED');
      const last = (await s.records.challenges.history(c.id)).at(-1);
      expect(last).toMatchObject({
        action: 'updated',
        before: { ownerUserId: id.owner, dueOn: '2021-07-30' },
        after: { ownerUserId: id['another lead'], dueOn: '2021-08-15' },
        note: 'Portfolio changed',
      });
      expect(
        await code(s.records.challenges.update(c.id, { ownerUserId: id.panel! }, as.admin!)),
      ).toBe('BAD_INPUT');
      const done = await challengeAt('closed');
      expect(await code(s.records.challenges.update(done.id, { dueOn: null }, as.admin!))).toBe(
        'INVALID_TRANSITION',
      );
    });

    it('is overdue once its due date has passed and it is not answered', async () => {
      const c = await raise({ dueOn: '2021-07-10' });
      const today = '2021-07-11';
      expect(isOverdue(c, today)).toBe(true);
      expect(dueState(c, '2021-07-10')).toBe('due_soon');
      expect(dueState(c, '2021-06-01')).toBe('on_time');
      expect(dueState({ ...c, dueOn: null }, today)).toBe('no_date');
      const answered = await s.records.challenges.answer(c.id, 'Answered late.', as.owner!);
      expect(isOverdue(answered, today)).toBe(false);
      expect(dueState(answered, today)).toBe('finished');
      const listed = await s.records.challenges.list({ ownerUserId: id.owner! });
      const dues = listed.map((x) => x.dueOn);
      const dated = dues.filter((d) => d !== null);
      expect(dated).toEqual([...dated].sort());
      expect(
        dues.indexOf(null) === -1 || dues.slice(dues.indexOf(null)).every((d) => d === null),
      ).toBe(true);
    });

    it('offers each user only the steps the table gives them', () => {
      const owner = { role: 'lead' as const, userId: '7' };
      expect(stepsFor(CHALLENGE_STEPS, 'open', owner, '7').map((r) => r.to)).toEqual(['answered']);
      expect(stepsFor(CHALLENGE_STEPS, 'open', owner, '8')).toEqual([]);
      expect(
        stepsFor(CHALLENGE_STEPS, 'answered', { role: 'oversight', userId: '1' }, '7').map(
          (r) => r.to,
        ),
      ).toEqual(['closed', 'open', 'withdrawn']);
      expect(stepsFor(CHALLENGE_STEPS, 'closed', { role: 'oversight', userId: '1' }, '7')).toEqual(
        [],
      );
    });
  });

  describe('actions', () => {
    let meetingId = '';
    const addAction = (over: Record<string, unknown> = {}, actor = as.oversight!) =>
      s.records.meetingActions.add(
        {
          meetingId,
          text: 'Report rapid video response use to the next meeting.',
          ownerUserId: id.owner!,
          dueOn: '2021-08-31',
          ...over,
        },
        actor,
      );
    beforeAll(async () => {
      if (s) meetingId = (await newMeeting()).id;
    });

    it('adds an action for a lead or oversight owner, by admin or oversight only', async () => {
      const a = await addAction();
      expect(a).toMatchObject({ meetingId, status: 'open', ownerUserId: id.owner, doneOn: null });
      expect(await s.records.meetingActions.byId(a.id)).toEqual(a);
      expect(await code(addAction({}, as.admin!))).toBe('not refused');
      for (const who of ['owner', 'analyst', 'panel'])
        expect(await code(addAction({}, as[who]!)), who).toBe('NOT_PERMITTED');
      expect(await code(addAction({ ownerUserId: id.analyst }))).toBe('BAD_INPUT');
      expect(await code(addAction({ meetingId: '999999' }))).toBe('UNKNOWN_RECORD');
      expect(await code(addAction({ text: '' }))).toBe('BAD_INPUT');
      const listed = await s.records.meetingActions.list({ meetingId });
      expect(listed.length).toBeGreaterThanOrEqual(2);
      expect(listed.every((x) => x.meetingId === meetingId)).toBe(true);
    });

    it('takes every step of the table, allowed for whom it names and refused for everyone else', async () => {
      const everyone = ['admin', 'owner', 'another lead', 'oversight', 'analyst', 'panel'];
      for (const rule of ACTION_STEPS)
        for (const who of everyone) {
          const a = await addAction();
          const allowed =
            (who === 'owner' && rule.by.includes('owner')) ||
            (who !== 'owner' && who !== 'another lead' && rule.by.includes(who as Role));
          expect(
            await code(s.records.meetingActions.transition(a.id, rule.to, as[who]!)),
            `${rule.from} → ${rule.to} by ${who}`,
          ).toBe(allowed ? 'not refused' : 'NOT_PERMITTED');
          expect((await s.records.meetingActions.byId(a.id))?.status).toBe(
            allowed ? rule.to : rule.from,
          );
        }
    });

    it('refuses every step the table does not have, and keeps the timeline', async () => {
      for (const from of ACTION_STATUSES)
        for (const to of ACTION_STATUSES) {
          if (ACTION_STEPS.some((t) => t.from === from && t.to === to)) continue;
          const a = await addAction();
          if (from !== 'open') await s.records.meetingActions.transition(a.id, from, cli);
          expect(
            await code(s.records.meetingActions.transition(a.id, to as ActionStatus, cli)),
            `${from} → ${to}`,
          ).toBe('INVALID_TRANSITION');
        }
      const a = await addAction({ dueOn: '2021-07-01' });
      expect(isOverdue(a, '2021-07-05')).toBe(true);
      const done = await s.records.meetingActions.transition(a.id, 'done', as.owner!, 'Reported.');
      expect(done).toMatchObject({ status: 'done', doneOn: londonDate(s.clock.now()) });
      expect(isOverdue(done, '2021-07-05')).toBe(false);
      const history = await s.records.meetingActions.history(a.id);
      expect(history.map((h) => [h.action, h.after.status, h.note])).toEqual([
        ['added', 'open', null],
        ['transition', 'done', 'Reported.'],
      ]);
      const audit = (await s.records.audit.list({ limit: 100 })).filter(
        (x) => x.subject === `action:${a.id}`,
      );
      expect(audit.map((x) => x.action).sort()).toEqual(['action_added', 'action_transition']);
    });
  });
});

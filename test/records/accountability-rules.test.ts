import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/records/api.ts';
import {
  clockState,
  dayNumber,
  DUE_SOON_DAYS,
  londonDate,
  responseAlerts,
  s55DueOn,
} from '../../src/records/accountability/clock.ts';
import {
  checkTransition,
  FINDING_STATUSES,
  nextSteps,
  OPEN_STATUSES,
  ruleFor,
  TRANSITIONS,
  type ActingAs,
} from '../../src/records/accountability/lifecycle.ts';

// The pure rules: the s55 clock and the findings lifecycle table. The same table drives the
// store suite (accountability.test.ts), which proves the repositories apply it on both stores.

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

describe('the s55 clock: 56 days beginning with the day of publication', () => {
  it('is due 55 days after publication, counting 29 February', () => {
    expect(s55DueOn('2024-02-29')).toBe('2024-04-24');
    // Day 1 is the day of publication: 56 days in all.
    expect(dayNumber(s55DueOn('2024-02-29')) - dayNumber('2024-02-29') + 1).toBe(56);
    // A year without 29 February lands one calendar day later.
    expect(s55DueOn('2023-02-28')).toBe('2023-04-24');
  });

  it('leaves a deadline on a weekend where it falls', () => {
    expect(s55DueOn('2024-01-07')).toBe('2024-03-02');
    expect(weekday('2024-03-02')).toBe(6); // Saturday: not moved to the Friday or Monday
  });

  it('does not drift across the BST changes', () => {
    // BST began on 31 March 2024 and ended on 27 October 2024.
    expect(s55DueOn('2024-03-30')).toBe('2024-05-24');
    expect(s55DueOn('2024-03-31')).toBe('2024-05-25');
    expect(s55DueOn('2024-10-26')).toBe('2024-12-20');
    expect(s55DueOn('2024-10-27')).toBe('2024-12-21');
  });

  it('takes today in London: late evening UTC in summer is already tomorrow', () => {
    expect(londonDate(new Date('2024-03-31T23:30:00Z'))).toBe('2024-04-01');
    expect(londonDate(new Date('2024-10-27T23:30:00Z'))).toBe('2024-10-27');
    expect(londonDate(new Date('2024-03-30T23:30:00Z'))).toBe('2024-03-30');
  });

  it('refuses a date that does not exist', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-2-3', '29/02/2024'])
      expect(() => s55DueOn(bad)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it(`is due soon with ${DUE_SOON_DAYS} days or fewer left, overdue the day after the last`, () => {
    const due = { dueOn: '2024-04-24', publishedOn: null };
    expect(clockState(due, '2024-04-09')).toBe('on_time'); // 15 days left
    expect(clockState(due, '2024-04-10')).toBe('due_soon'); // 14
    expect(clockState(due, '2024-04-24')).toBe('due_soon'); // the last day
    expect(clockState(due, '2024-04-25')).toBe('overdue');
    expect(clockState({ ...due, publishedOn: '2024-04-30' }, '2024-05-30')).toBe('published');
  });

  it('lists the responses needing attention, most urgent first', () => {
    const rs = [
      { id: 'a', dueOn: '2024-05-01', publishedOn: null },
      { id: 'b', dueOn: '2024-04-01', publishedOn: null },
      { id: 'c', dueOn: '2024-04-01', publishedOn: '2024-03-30' },
      { id: 'd', dueOn: '2024-09-01', publishedOn: null },
    ];
    expect(
      responseAlerts(rs, '2024-04-20').map((a) => [a.response.id, a.state, a.daysLeft]),
    ).toEqual([
      ['b', 'overdue', -19],
      ['a', 'due_soon', 11],
    ]);
  });
});

/** Every kind of actor: each role, the finding's own lead, another lead, and the system. */
const LEAD = '7';
const ACTORS: [string, ActingAs][] = [
  ...ROLES.filter((r) => r !== 'lead').map((r): [string, ActingAs] => [
    r,
    { role: r, userId: '1' },
  ]),
  ['owner', { role: 'lead', userId: LEAD }],
  ['another lead', { role: 'lead', userId: '8' }],
  ['system', { role: null, userId: null }],
];

describe('the findings lifecycle table', () => {
  it('has one rule per step, and nothing after closed or superseded', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(TRANSITIONS.filter((t) => !OPEN_STATUSES.includes(t.from))).toEqual([]);
    for (const from of OPEN_STATUSES) expect(ruleFor(from, 'superseded')).not.toBeNull();
    expect(ruleFor('evidence_submitted', 'in_progress')?.by).toEqual(['oversight']);
  });

  for (const from of FINDING_STATUSES)
    for (const to of FINDING_STATUSES)
      it(`${from} → ${to}: allowed for exactly the takers the table names`, () => {
        const rule = ruleFor(from, to);
        for (const [name, who] of ACTORS) {
          const attempt = () => checkTransition({ status: from, leadUserId: LEAD }, to, who);
          if (!rule) {
            expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
            continue;
          }
          // Another lead is no taker: a lead moves only the findings they lead.
          const may =
            name === 'system' ||
            (name !== 'another lead' && (rule.by as readonly string[]).includes(name));
          if (may) expect(attempt()).toBe(rule);
          else expect(attempt).toThrow(expect.objectContaining({ code: 'NOT_PERMITTED' }));
        }
      });

  it('offers each user the steps they may take next', () => {
    const owner: ActingAs = { role: 'lead', userId: LEAD };
    expect(nextSteps('allocated', owner, LEAD).map((t) => t.to)).toEqual(['in_progress']);
    expect(nextSteps('allocated', owner, '9')).toEqual([]);
    expect(
      nextSteps('evidence_submitted', { role: 'oversight', userId: '2' }, LEAD).map((t) => t.to),
    ).toEqual(['in_progress', 'approved_for_closure', 'superseded']);
    expect(nextSteps('closed', { role: null, userId: null }, LEAD)).toEqual([]);
  });

  it('says in plain words why a step is refused', () => {
    expect(() =>
      checkTransition({ status: 'closed', leadUserId: LEAD }, 'in_progress', {
        role: null,
        userId: null,
      }),
    ).toThrow('A finding that is closed cannot become in progress.');
    expect(() =>
      checkTransition({ status: 'allocated', leadUserId: LEAD }, 'in_progress', {
        role: 'lead',
        userId: '8',
      }),
    ).toThrow('You cannot move this finding to in progress.');
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { approvedQuotes, QUOTES_FILE } from '../../src/app/quotes.ts';
import { LOCK_FILE } from '../../src/lib/lock.ts';
import { tempDir, writeTableCsv } from '../helpers/files.ts';
import { clearRecordsOf, rows, withRecordsOf } from '../records/stores.ts';
import { openRecordsStore } from '../../src/records/open.ts';
import { sql } from 'drizzle-orm';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let cleanup: () => void;
let dataDir: string;
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

const answer = (id: string, survey: string, at: string, question: string, text: string) => ({
  response_id: id,
  survey,
  lpa: 'North',
  neighbourhood: 'North 01',
  interviewed_at: at,
  question,
  answer: text,
});

/** Personal data a victim might write, and none of it may reach a list or a report. */
const SECRETS = [
  'Sarah Jones',
  'Jones',
  '07700 900123',
  's.jones@example.com',
  '12 Elm Road',
  'AB1 2CD',
  'Okafor',
];

const ROWS = [
  answer('S-1', 'burglary', '2021-04-20T10:00:00', 'whole_experience', 'Very satisfied'),
  answer('S-1', 'burglary', '2021-04-20T10:00:00', 'went_well', 'PC Sarah Jones was brilliant'),
  answer(
    'S-1',
    'burglary',
    '2021-04-20T10:00:00',
    'could_be_better',
    'Please ring me on 07700 900123',
  ),
  answer(
    'S-2',
    'hate',
    '2021-05-02T11:00:00',
    'went_well',
    'Sgt Okafor came to 12 Elm Road, AB1 2CD',
  ),
  answer('S-2', 'hate', '2021-05-02T11:00:00', 'could_be_better', 'Nothing'),
  answer('S-3', 'sms', '2021-06-30T18:00:00', 'sms_comment', 'Reply to s.jones@example.com'),
  answer('S-4', 'burglary', '2021-07-01T09:00:00', 'went_well', 'Kind and quick (next quarter)'),
];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  const f = writeTableCsv(dir, 'survey.csv', 'survey_responses', ROWS);
  const r = await runCli(['--data-dir', dataDir, 'import', 'survey_responses', f]);
  expect(r.code, r.err).toBe(0);
}, 60_000);
afterAll(() => cleanup());
afterEach(async () => {
  rmSync(join(dataDir, QUOTES_FILE), { force: true });
  rmSync(join(dataDir, `${QUOTES_FILE}.migrated`), { force: true });
  await clearRecordsOf(dataDir, ['quote_decisions']);
});
const approved = (period: string, opts: { survey?: string } = {}) =>
  withRecordsOf(dataDir, (r) => approvedQuotes(r, period, opts));
/** Everything stored about decisions, as text (for checking nothing personal is kept). */
async function storedText(): Promise<string> {
  const { records, db } = await openRecordsStore({ dataDir, clock: { now: () => new Date() } });
  try {
    const all = [
      ...(await rows(db, sql`select * from quote_decisions`)),
      ...(await rows(db, sql`select * from audit_log`)),
    ];
    return JSON.stringify(all);
  } finally {
    await records.close();
  }
}

describe('quotes list', () => {
  it('lists the period’s free-text answers, redacted, without scale answers or empty ones', async () => {
    const r = await cli('quotes', 'list', '--period', '2021/22-Q1');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'S-1:could_be_better  burglary  2021-04  [pending]  "Please ring me on [phone]"',
      'S-1:went_well  burglary  2021-04  [pending]  "[officer] was brilliant"',
      'S-2:went_well  hate  2021-05  [pending]  "[officer] came to [address], [postcode]"',
      'S-3:sms_comment  sms  2021-06  [pending]  "Reply to [email]"',
    ]);
    expect(lines).toHaveLength(5); // the hint; "Nothing", Q2's answer and the scale answer left out
    for (const s of SECRETS) expect(r.out).not.toContain(s);
  });

  it('--json carries the redaction counts and never the original', async () => {
    const r = await cli('quotes', 'list', '--period', '2021/22-Q1', '--survey', 'hate', '--json');
    const j = JSON.parse(r.out) as { total: number; quotes: { id: string; redactions: object }[] };
    expect(j.total).toBe(1);
    expect(j.quotes[0]).toMatchObject({
      id: 'S-2:went_well',
      survey: 'hate',
      month: '2021-05',
      redactions: { officer: 1, address: 1, postcode: 1 },
      decision: null,
    });
    for (const s of SECRETS) expect(r.out).not.toContain(s);
  });

  it('--limit and --status narrow the list; bad values exit 2', async () => {
    const r = await cli('quotes', 'list', '--period', '2021/22-Q1', '--limit', '1');
    expect(r.out).toContain('… and 3 more (4 in all');
    expect((await cli('quotes', 'list', '--period', '2021/22-Q1', '--survey', 'nope')).code).toBe(
      2,
    );
    expect((await cli('quotes', 'list', '--period', '2021/22-Q1', '--status', 'maybe')).code).toBe(
      2,
    );
    expect((await cli('quotes', 'list', '--period', '2021/22-Q1', '--limit', '0')).code).toBe(2);
  });
});

describe('quotes approve and reject', () => {
  it('only approved quotes, redacted, are offered to the report', async () => {
    const a = await cli('quotes', 'approve', 'S-1:went_well', '--by', 'J Analyst');
    expect(a.code, a.err).toBe(0);
    expect(a.out).toBe('Approved S-1:went_well (burglary, 2021-04): "[officer] was brilliant"');
    await cli('quotes', 'approve', 'S-2:went_well', '--by', 'J Analyst');
    const rej = await cli(
      'quotes',
      'reject',
      'S-1:could_be_better',
      '--by',
      'J Analyst',
      '--reason',
      'asks for a call',
    );
    expect(rej.code, rej.err).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    const q = await approved('2021/22-Q1');
    expect(q).toEqual([
      {
        id: 'S-1:went_well',
        survey: 'burglary',
        question: 'went_well',
        month: '2021-04',
        text: '[officer] was brilliant',
        approvedBy: 'J Analyst',
        approvedAt: '2021-07-05T09:00:00.000Z',
      },
      expect.objectContaining({
        id: 'S-2:went_well',
        text: '[officer] came to [address], [postcode]',
      }),
    ]);
    expect((await approved('2021/22-Q1', { survey: 'hate' })).map((x) => x.id)).toEqual([
      'S-2:went_well',
    ]);
    expect(await approved('2021/22-Q2')).toEqual([]);
    // Nothing personal is stored either, and a rejection keeps no text.
    const file = await storedText();
    for (const s of SECRETS) expect(file).not.toContain(s);
    expect(file).not.toContain('[phone]');

    const listed = await cli('quotes', 'list', '--period', '2021/22-Q1', '--status', 'rejected');
    expect(listed.out.split('\n')[0]).toBe(
      'S-1:could_be_better  burglary  2021-04  [rejected by J Analyst (asks for a call)]  "Please ring me on [phone]"',
    );
  });

  it('a later decision replaces an earlier one', async () => {
    await cli('quotes', 'approve', 'S-3:sms_comment', '--by', 'A');
    await cli('quotes', 'reject', 'S-3:sms_comment', '--by', 'B');
    expect(await approved('2021/22-Q1')).toEqual([]);
  });

  it('an approval edited by hand to hold personal data is redacted again on the way out', async () => {
    writeFileSync(
      join(dataDir, QUOTES_FILE),
      JSON.stringify({
        decisions: {
          'S-1:went_well': {
            status: 'approved',
            by: 'A',
            at: '2021-07-05T09:00:00.000Z',
            survey: 'burglary',
            question: 'went_well',
            month: '2021-04',
            text: 'PC Sarah Jones was brilliant',
          },
        },
      }),
    );
    expect((await approved('2021/22-Q1')).map((x) => x.text)).toEqual(['[officer] was brilliant']);
  });

  it.each([
    [
      ['approve', 'S-9:went_well', '--by', 'A'],
      1,
      /No free-text survey answer has the id "S-9:went_well"/,
    ],
    [['approve', 'S-1:whole_experience', '--by', 'A'], 1, /No free-text survey answer/],
    [['approve', 'not-an-id', '--by', 'A'], 2, /is not a quote id/],
    [['approve', 'S-1:went_well', '--by', ' '], 2, /--by must name who decided/],
  ])('refuses %j', async (args, code, message) => {
    const r = await cli('quotes', ...args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(await approved('2021/22-Q1')).toEqual([]);
    expect(await withRecordsOf(dataDir, (x) => x.quotes.decisions())).toEqual({});
  });
});

describe('bluelamp redact', () => {
  it('redacts standard input to standard output, counts to standard error', async () => {
    const r = await runCli(['redact', '--counts'], {
      stdin: 'PC Sarah Jones rang me on 07700 900123.\nEmail s.jones@example.com\n',
    });
    expect(r.code).toBe(0);
    expect(r.out).toBe('[officer] rang me on [phone].\nEmail [email]');
    expect(r.err).toBe('bluelamp redact: email 1, phone 1, officer 1.');
  });
});

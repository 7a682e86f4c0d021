import { describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { countCsvRecords, MAX_ROW_BYTES } from '../../src/facts/import/csv-records.ts';
import { BluelampError } from '../../src/lib/errors.ts';
import { crime, person, writeTableCsv } from '../helpers/files.ts';
import { withTempStore } from '../helpers/store.ts';

let store: FactsStore;
let dir: string;
withTempStore((t) => ({ store, dir } = t));

async function refusal(p: Promise<unknown>): Promise<BluelampError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BluelampError);
    return e as BluelampError;
  }
  throw new Error('expected the import to be refused');
}

const count = async (table: string) =>
  Number((await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

const SURVEY_HEADER =
  'response_id,survey,crime_id,lpa,neighbourhood,interviewed_at,question,answer';
const answer = (id: string, text: string) =>
  `${id},burglary,,,,2021-05-20T11:00:00,went_well,${text}`;

describe('no silent loss: every row of a file is imported or reported', () => {
  it('refuses a 5-row file with one 33 MB field, naming file, line and column', async () => {
    // DuckDB's reader drops a row larger than its buffer without a reject: this imported "4 rows".
    const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [
      crime('C1'),
      crime('C2'),
      crime('C3', { offence_description: 'x'.repeat(33 * 1024 * 1024) }),
      crime('C4'),
      crime('C5'),
    ]);
    const e = await refusal(importTable(store, 'crimes', [f]));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.issues).toEqual([
      {
        file: f,
        line: 4,
        column: 'offence_description',
        value: null,
        rule: `field longer than ${MAX_ROW_BYTES.toLocaleString('en-GB')} bytes (the limit): it is ${(33 * 1024 * 1024).toLocaleString('en-GB')} bytes`,
      },
    ]);
    expect(await count('crimes')).toBe(0);
  });

  it('a field just over the limit is refused the same way (the reader would reject it as a whole line)', async () => {
    const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [
      crime('C1', { offence_description: 'y'.repeat(MAX_ROW_BYTES + 1) }),
      crime('C2'),
    ]);
    const e = await refusal(importTable(store, 'crimes', [f]));
    expect(e.issues.map((i) => `${i.line}:${i.column}`)).toEqual(['2:offence_description']);
    expect(e.issues[0]?.value).toBeNull();
  });

  it('counts records independently of the reader: blank lines, CRLF, quoted line breaks, an unclosed quote', () => {
    const cases: [string, number][] = [
      ['a,b\n1,2\n\n3,4\n', 2],
      ['a,b\r\n1,2\r\n\r\n3,4', 2],
      ['\ufeffa,b\n1,"x\ny"\n3,"say ""hi"",\nthere"\n', 2],
      ['a,b\n1,2\n3,"open\n4,5\n6,7\n', 2],
      ['a,b\n1,x"y\n3,4\n', 2],
      ['a,b\n', 0],
    ];
    for (const [text, rows] of cases) {
      const f = join(dir, 'c.csv');
      writeFileSync(f, text);
      expect(countCsvRecords(f).rows, JSON.stringify(text)).toBe(rows);
    }
    writeFileSync(join(dir, 'c.csv'), 'a,b\n1,2\n3,"open\n4,5\n6,7\n');
    expect(countCsvRecords(join(dir, 'c.csv')).openQuote).toEqual({ line: 3, linesAfter: 2 });
  });
});

describe('replacing a batch with much less needs --allow-shrink', () => {
  const people = (n: number) => Array.from({ length: n }, (_, i) => person(`P${i + 1}`));

  it('a header-only file does not replace a batch unless asked', async () => {
    await importTable(store, 'people', [writeTableCsv(dir, 'p.csv', 'people', people(4))], {
      batchId: 'hr',
    });
    const empty = writeTableCsv(dir, 'empty.csv', 'people', []);
    const e = await refusal(importTable(store, 'people', [empty], { batchId: 'hr' }));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/holds 4 rows and the new files hold 0; .*all of them/);
    expect(e.hint).toMatch(/--allow-shrink/);
    expect(await count('people')).toBe(4);

    const r = await importTable(store, 'people', [empty], { batchId: 'hr', allowShrink: true });
    expect([r.rows, r.replacedRows]).toEqual([0, 4]);
    expect(await count('people')).toBe(0);
  });

  it('fewer than half the rows is refused; half or more is a normal replacement', async () => {
    await importTable(store, 'people', [writeTableCsv(dir, 'p.csv', 'people', people(5))], {
      batchId: 'hr',
    });
    const two = writeTableCsv(dir, 'two.csv', 'people', people(2));
    expect((await refusal(importTable(store, 'people', [two], { batchId: 'hr' }))).code).toBe(
      'BAD_INPUT',
    );
    const three = writeTableCsv(dir, 'three.csv', 'people', people(3));
    const r = await importTable(store, 'people', [three], { batchId: 'hr' });
    expect([r.rows, r.replacedRows]).toEqual([3, 5]);
  });
});

describe('problems: the true total, the files that have them, all of them in the report', () => {
  it('counts every problem beyond the collecting limit and writes them all to the report', async () => {
    // 30 rows that repeat a key: the old count stopped at the limit of collected issues.
    const rows = Array.from({ length: 31 }, () => person('P1'));
    const f = writeTableCsv(dir, 'p.csv', 'people', rows);
    const report = join(dir, 'report.csv');
    const e = await refusal(
      importTable(store, 'people', [f], { issueLimit: 5, problemReport: () => report }),
    );
    expect(e.issueCount).toBe(30);
    expect(e.issues).toHaveLength(5);
    expect(e.message).toMatch(/^people: 30 problems found in 1 file;/);
    expect(e.report).toBe(report);
    const lines = readFileSync(report, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(31); // header + 30
    expect(lines[1]).toBe(
      `${f},3,person_id,P1,duplicates an earlier row of this file (must be unique)`,
    );
    expect(statSync(report).mode & 0o777).toBe(0o600);
  });

  it('"in N files" counts the files that have problems', async () => {
    const good = writeTableCsv(dir, 'good.csv', 'people', [person('P1')]);
    const bad = writeTableCsv(dir, 'bad.csv', 'people', [person('P2', { sex: 'x' })]);
    const e = await refusal(importTable(store, 'people', [good, bad]));
    expect(e.message).toMatch(/1 problem found in 1 of 2 files/);
  });
});

describe('private by default: a malformed row is described, never echoed', () => {
  it('a row with free text about a person is reported by line and shape only', async () => {
    const f = join(dir, 'survey.csv');
    writeFileSync(
      f,
      [
        SURVEY_HEADER,
        answer('S-1', 'Fine'),
        answer('S-2', 'Jane Doe rang 07700 900123, jane.doe@example.com'),
        '',
      ].join('\n'),
    );
    const e = await refusal(importTable(store, 'survey_responses', [f]));
    expect(e.issues).toEqual([
      {
        file: f,
        line: 3,
        column: '(row)',
        value: null,
        rule: 'malformed CSV row: more fields than the header names',
      },
    ]);
    expect(JSON.stringify(e.issues)).not.toMatch(/Jane|07700|example\.com/);
  });

  it('an unclosed quote does not leak the rows after it', async () => {
    const after = Array.from({ length: 94 }, (_, i) =>
      answer(`S-${i + 10}`, `respondent secret-${i} lives at ${i} Acacia Avenue`),
    );
    const f = join(dir, 'survey.csv');
    writeFileSync(
      f,
      [SURVEY_HEADER, answer('S-1', 'Fine'), answer('S-2', '"It started badly'), ...after, ''].join(
        '\n',
      ),
    );
    const e = await refusal(importTable(store, 'survey_responses', [f]));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ line: 3, column: 'answer', value: null });
    expect(e.issues[0]?.rule).toBe(
      'malformed CSV row: unterminated quote in column answer starting at line 3; the rest of the file (94 more lines) is inside it, so none of it could be read as rows',
    );
    expect(JSON.stringify(e)).not.toMatch(/secret|Acacia|started badly/);
  });
});

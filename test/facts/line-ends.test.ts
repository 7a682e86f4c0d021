/**
 * A CSV file whose lines end in a mix of CRLF, LF and CR (edited on two systems, or files joined
 * together) is read as it is meant: DuckDB's reader refuses such a file outright ("invalid
 * state"), so it is read from a copy with uniform line ends. Quoted line breaks are data and
 * are kept byte for byte; problems are still named by the original's line numbers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { countCsvRecords } from '../../src/facts/import/csv-records.ts';
import { TABLES } from '../../src/facts/tables.ts';
import { BluelampError } from '../../src/lib/errors.ts';
import { crime } from '../helpers/files.ts';
import { withTempStore } from '../helpers/store.ts';

let store: FactsStore;
let dir: string;
withTempStore((t) => ({ store, dir } = t));

const header = TABLES.crimes.columns.map((c) => c.name);
const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const line = (r: Record<string, string>) => header.map((h) => cell(r[h] ?? '')).join(',');

/** A crimes file: the header and one row per end, each line closed by its own line end. */
function file(name: string, rows: Record<string, string>[], ends: readonly string[]): string {
  const lines = [header.join(','), ...rows.map(line)];
  const path = join(dir, name);
  writeFileSync(path, lines.map((l, i) => l + (ends[i] ?? '\n')).join(''));
  return path;
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => crime(`C${i + 1}`));

describe('mixed line ends', () => {
  it.each([
    ['CRLF then LF', ['\r\n', '\r\n', '\n', '\n'], { line: 3, first: 'CRLF', then: 'LF' }],
    ['LF then CRLF', ['\n', '\n', '\n', '\r\n'], { line: 4, first: 'LF', then: 'CRLF' }],
    ['CR and LF', ['\r', '\r', '\n', '\r'], { line: 3, first: 'CR', then: 'LF' }],
    ['CRLF and CR', ['\r\n', '\r', '\r\n', '\r\n'], { line: 2, first: 'CRLF', then: 'CR' }],
  ])('%s: every row is imported', async (_, ends, mixed) => {
    const f = file('crimes.csv', rows(3), ends);
    expect(countCsvRecords(f).mixedLineEnds).toEqual(mixed);
    const result = await importTable(store, 'crimes', [f]);
    expect(result.rows).toBe(3);
    const ids = await store.all<{ crime_id: string }>(
      'SELECT crime_id FROM crimes ORDER BY crime_id',
    );
    expect(ids.map((r) => r.crime_id)).toEqual(['C1', 'C2', 'C3']);
  });

  it('uniform line ends are not "mixed", whatever the quoted values hold', () => {
    const quoted = [crime('C1', { offence_description: 'two\r\nlines' }), crime('C2')];
    expect(countCsvRecords(file('lf.csv', quoted, ['\n', '\n', '\n'])).mixedLineEnds).toBeNull();
    expect(
      countCsvRecords(file('crlf.csv', rows(2), ['\r\n', '\r\n', '\r\n'])).mixedLineEnds,
    ).toBeNull();
  });

  it('quoted line breaks are kept byte for byte', async () => {
    const quoted = [
      crime('C1', { offence_description: 'two\r\nlines' }),
      crime('C2', { offence_description: 'and\nthese\rtoo' }),
    ];
    await importTable(store, 'crimes', [file('crimes.csv', quoted, ['\n', '\r\n', '\n'])]);
    const got = await store.all<{ d: string }>(
      'SELECT offence_description AS d FROM crimes ORDER BY crime_id',
    );
    expect(got.map((r) => r.d)).toEqual(['two\r\nlines', 'and\nthese\rtoo']);
  });

  it('problems are named by the lines of the original file', async () => {
    const bad = [
      crime('C1'),
      crime('C2', { lpa: '' }),
      crime('C3'),
      crime('C4', { hate: 'maybe' }),
    ];
    const f = file('crimes.csv', bad, ['\r\n', '\n', '\r\n', '\n', '\r\n']);
    const err = await importTable(store, 'crimes', [f]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BluelampError);
    const issues = (err as BluelampError).issues.map((i) => `${i.line}:${i.column}`);
    expect(issues).toEqual(['3:lpa', '5:hate']);
  });
});

/**
 * The values issue 6 saw accepted silently, each refused with a clear rule on both paths: alone
 * in a clean file (the fast path) and beside a bad row (the detail path). And the documented
 * readings: the repeated October hour, fractions of a second, offsets.
 */
import { describe, expect, it } from 'vitest';
import { type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { RULES } from '../../src/facts/sql.ts';
import type { ProjectTableName } from '../../src/facts/tables.ts';
import { BluelampError } from '../../src/lib/errors.ts';
import { crime, person, writeTableCsv } from '../helpers/files.ts';
import { withTempStore } from '../helpers/store.ts';

let store: FactsStore;
let dir: string;
withTempStore((t) => ({ store, dir } = t));

/** The rules broken on line 2, as "column: rule", or [] when the import was accepted (then rolled back). */
async function rulesOn2(table: ProjectTableName, rows: Record<string, string>[]) {
  try {
    await importTable(store, table, [writeTableCsv(dir, `${table}.csv`, table, rows)], {
      validateOnly: true,
    });
    return [];
  } catch (e) {
    if (!(e instanceof BluelampError)) throw e;
    return e.issues.filter((i) => i.line === 2).map((i) => `${i.column}: ${i.rule}`);
  }
}

/** The same verdict alone and beside a bad row (which forces the detail path). */
async function verdict(
  table: ProjectTableName,
  row: Record<string, string>,
  badNeighbour: Record<string, string>,
) {
  const alone = await rulesOn2(table, [row]);
  const besideBad = await rulesOn2(table, [row, badNeighbour]);
  expect(besideBad, 'beside a bad row').toEqual(alone);
  return alone;
}

const badCrime = crime('C-BAD', { lpa: '' });
const badPerson = person('P-BAD', { sex: 'robot' });

describe('bad values are refused on every path', () => {
  it.each([
    ['2999-01-01T00:00:00', RULES.range],
    ['1066-10-14T00:00:00', RULES.range],
    ['0000-01-01T00:00:00', RULES.range],
    ['2021-04-03T14:20:00+25:00', RULES.offset],
    ['2021-04-03T14:20:00-13:00', RULES.offset],
    ['2021-03-28T01:30:00', RULES.londonGap],
    ['2021-04-03T14:20:00.1234', RULES.milliseconds],
    ['2021-4-3T14:20:00', RULES.timestamp],
  ])('recorded_at %s: %s', async (value, rule) => {
    expect(await verdict('crimes', crime('C1', { recorded_at: value }), badCrime)).toEqual([
      `recorded_at: ${rule}`,
    ]);
  });

  it.each([
    ['3000-01-01', RULES.range],
    ['1990-5-7', RULES.date],
  ])('date_of_birth %s: %s', async (value, rule) => {
    expect(await verdict('people', person('P1', { date_of_birth: value }), badPerson)).toEqual([
      `date_of_birth: ${rule}`,
    ]);
  });

  it('whitespace-only required values are missing', async () => {
    expect(await verdict('crimes', crime('C1', { lpa: '   ' }), badCrime)).toEqual([
      'lpa: is required',
    ]);
    expect(await verdict('crimes', crime('\t', {}), badCrime)).toEqual(['crime_id: is required']);
  });

  it('digit separators are not numbers', async () => {
    const call = (answered: string) => ({
      call_id: 'X1',
      line: '999',
      offered_at: '2021-04-01T00:00:00',
      answered_after_seconds: answered,
    });
    const bad = { ...call('1'), call_id: 'X2', line: '112' };
    expect(await verdict('calls', call('1_000'), bad)).toEqual([
      `answered_after_seconds: ${RULES.integer}`,
    ]);
    expect(await verdict('calls', call('1,000'), bad)).toEqual([
      `answered_after_seconds: ${RULES.integer}`,
    ]);
    expect(await verdict('calls', call('1000'), bad)).toEqual([]);
  });

  it.each([
    ['NUL', '\u0000'],
    ['ESC', '\u001b'],
    ['BEL', '\u0007'],
    ['DEL', '\u007f'],
  ])('control character %s in text', async (_name, ch) => {
    expect(
      await verdict('crimes', crime('C1', { offence_description: `Assault${ch}x` }), badCrime),
    ).toEqual([`offence_description: ${RULES.textControl}`]);
  });

  it('tabs and line breaks stay allowed in free text, not in identifiers', async () => {
    expect(
      await verdict(
        'crimes',
        crime('C1', { offence_description: 'two\nlines\tand a tab' }),
        badCrime,
      ),
    ).toEqual([]);
    expect(await verdict('crimes', crime('C\t1'), badCrime)).toEqual([
      `crime_id: ${RULES.idControl}`,
    ]);
  });
});

describe('returns', () => {
  const ret = (over: Record<string, string>) => ({
    measure_id: 'female_officers_pct',
    period: '2021/22-Q1',
    lpa: '',
    value: '0.333',
    numerator: '',
    denominator: '',
    source: 'HR system',
    submitted_by: 'Head of HR',
    submitted_at: '',
    ...over,
  });
  const bad = ret({ lpa: 'Other', source: '' });

  it('refuses a measure id that is not in the catalogue', async () => {
    expect(await verdict('returns', ret({ measure_id: 'no_such_measure' }), bad)).toEqual([
      'measure_id: must be a measure id from the catalogue',
    ]);
    // A catalogue measure that is computed, not returned.
    expect(await verdict('returns', ret({ measure_id: 'oc16_rate' }), bad)).toEqual([
      'measure_id: must be a measure id from the catalogue',
    ]);
  });

  it('refuses malformed periods and years that do not follow on', async () => {
    expect(await verdict('returns', ret({ period: '2021-13' }), bad)).toEqual([
      'period: must be YYYY-MM, YYYY/YY, YYYY/YY-Qn, Nm-to-YYYY-MM or ytd-to-YYYY-MM',
    ]);
    expect(await verdict('returns', ret({ period: '2021/99-Q4' }), bad)).toEqual([
      'period: must name consecutive years, e.g. 2021/22',
    ]);
    for (const period of ['2021-06', '2021/22', '1999/00', '12m-to-2021-06', 'ytd-to-2021-06'])
      expect(await verdict('returns', ret({ period }), bad), period).toEqual([]);
  });

  it('refuses a percentage given as 33.3 where a fraction is documented; counts are free', async () => {
    expect(await verdict('returns', ret({ value: '33.3' }), bad)).toEqual([
      'value: must be a fraction between 0 and 1 for a percentage measure (33.3% is 0.333)',
    ]);
    expect(
      await verdict('returns', ret({ measure_id: 'soc_disruptions', value: '33' }), bad),
    ).toEqual([]);
  });
});

describe('documented readings of London time', () => {
  const stored = async (values: string[]) => {
    await importTable(store, 'crimes', [
      writeTableCsv(
        dir,
        'crimes.csv',
        'crimes',
        values.map((v, i) => crime(`C${i}`, { recorded_at: v })),
      ),
    ]);
    const rows = await store.all<{ t: string }>(
      "SELECT strftime(recorded_at, '%Y-%m-%d %H:%M:%S.%g') AS t FROM crimes ORDER BY crime_id",
    );
    return rows.map((r) => r.t);
  };

  it('the repeated October hour without an offset is its first occurrence (BST, +01:00)', async () => {
    expect(
      await stored([
        '2021-10-31T01:30:00',
        '2021-10-31T01:30:00+01:00', // the first 01:30, in BST
        '2021-10-31T00:30:00Z', // the same moment in UTC
      ]),
    ).toEqual(Array(3).fill('2021-10-31 01:30:00.000'));
  });

  it('keeps milliseconds, converts offsets to London wall time', async () => {
    expect(
      await stored(['2021-04-03T14:20:00.123', '2021-04-03T13:20:00.5Z', '2021-03-28T01:30:00Z']),
    ).toEqual(['2021-04-03 14:20:00.123', '2021-04-03 14:20:00.500', '2021-03-28 02:30:00.000']);
  });
});

describe('batch ids', () => {
  it.each(['', '   ', 'a\u0007b'])('refuses the batch id %j', async (batchId) => {
    const f = writeTableCsv(dir, 'people.csv', 'people', [person('P1')]);
    await expect(importTable(store, 'people', [f], { batchId })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    expect((await store.all('SELECT * FROM _batches')).length).toBe(0);
  });
});

/**
 * What lets the fast path skip work without changing a verdict: the file's own scan proves which
 * control characters it holds (a rule no byte can break is not checked value by value), and
 * booleans are read natively by the CSV reader, which refuses exactly what the rule refuses.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCsvRecords } from '../../src/facts/import/csv-records.ts';
import { provenRules } from '../../src/facts/import/fast-path.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { RULES } from '../../src/facts/sql.ts';
import { type FactsStore } from '../../src/facts/store.ts';
import { BluelampError } from '../../src/lib/errors.ts';
import { crime, writeTableCsv } from '../helpers/files.ts';
import { withTempStore } from '../helpers/store.ts';

let store: FactsStore;
let dir: string;
withTempStore((t) => ({ store, dir } = t));

const scan = (text: string) => {
  const f = join(dir, 'c.csv');
  writeFileSync(f, text);
  return countCsvRecords(f).controls;
};

describe('the scan of control characters', () => {
  it.each([
    ['a,b\n1,2\r\n', { text: false, tab: false, quotedBreak: false }],
    ['a,b\n1,"x\ny"\n', { text: false, tab: false, quotedBreak: true }],
    ['a,b\n1,"x\r\ny"\n', { text: false, tab: false, quotedBreak: true }],
    ['a,b\n1,"x,y"\n2,"z"\n', { text: false, tab: false, quotedBreak: false }],
    ['a,b\n1,x\ty\n', { text: false, tab: true, quotedBreak: false }],
    ['a,b\n1,x\u0000y\n', { text: true, tab: false, quotedBreak: false }],
    ['a,b\n1,x\u001by\n', { text: true, tab: false, quotedBreak: false }],
    ['a,b\n1,x\u007fy\n', { text: true, tab: false, quotedBreak: false }],
    ['a,b\n1,Zoë – “quoted”\n', { text: false, tab: false, quotedBreak: false }],
  ])('%j', (text, controls) => {
    expect(scan(text)).toEqual(controls);
  });

  it('proves only the rules the bytes cannot break', () => {
    const none = { text: false, tab: false, quotedBreak: false };
    expect([...provenRules(none)].sort()).toEqual([RULES.idControl, RULES.textControl].sort());
    expect([...provenRules({ ...none, tab: true })]).toEqual([RULES.textControl]);
    expect([...provenRules({ ...none, quotedBreak: true })]).toEqual([RULES.textControl]);
    expect([...provenRules({ ...none, text: true })]).toEqual([]);
    expect([...provenRules(undefined)]).toEqual([]);
  });
});

/** The rules broken, as "line column: rule", or [] when the file was accepted. */
async function problems(rows: Record<string, string>[]): Promise<string[]> {
  try {
    await importTable(store, 'crimes', [writeTableCsv(dir, 'crimes.csv', 'crimes', rows)], {
      validateOnly: true,
    });
    return [];
  } catch (e) {
    if (!(e instanceof BluelampError)) throw e;
    return e.issues.map((i) => `${i.line} ${i.column}: ${i.rule}`);
  }
}

describe('a clean file on the fast path is still judged by every rule', () => {
  it('a tab in an id is refused where the file holds a tab in free text too', async () => {
    const found = await problems([
      crime('C1', { offence_description: 'a\tb' }),
      crime('C\t2'),
      crime('C3', { offence_description: 'two\nlines' }),
    ]);
    expect(found).toEqual([`3 crime_id: ${RULES.idControl}`]);
  });

  it('a line break in an id is refused', async () => {
    expect(await problems([crime('C1'), crime('C\n2')])).toEqual([
      `3 crime_id: ${RULES.idControl}`,
    ]);
  });

  it('boolean spellings: every one the rule takes is taken, blank and others refused', async () => {
    const ok = ['true', 'FALSE', 'Yes', 'n', 'T', 'f', '1', '0'];
    expect(await problems(ok.map((v, i) => crime(`C${i}`, { hate: v })))).toEqual([]);
    const stored = await store.all<{ n: bigint }>('SELECT count(*) AS n FROM crimes');
    expect(Number(stored[0]?.n)).toBe(0); // validate-only: nothing written
    for (const bad of [' true', 'true ', '2', 'on', '01', ' '])
      expect(await problems([crime('C1'), crime('C2', { hate: bad })]), bad).toEqual([
        `3 hate: ${bad.trim() === '' ? RULES.required : RULES.boolean}`,
      ]);
  });
});

describe('Parquet booleans', () => {
  /** A crimes Parquet file with the flags as BOOLEAN (or as text), one of them NULL when asked. */
  async function parquet(asText: boolean, nullHate: boolean): Promise<string> {
    const out = join(dir, `crimes-${asText}-${nullHate}.parquet`);
    const csv = writeTableCsv(dir, 'src.csv', 'crimes', [
      crime('C1', { hate: 'true' }),
      crime('C2', { hate: nullHate ? '' : 'false' }),
    ]);
    const hate = asText ? 'CAST(hate AS VARCHAR)' : 'hate';
    await store.run(
      `COPY (SELECT * REPLACE (${hate} AS hate) FROM read_csv($csv, header = true)) TO $out (FORMAT parquet)`,
      { csv, out },
    );
    return out;
  }

  it.each([true, false])('read as stored (as text: %s), the same values', async (asText) => {
    await importTable(store, 'crimes', [await parquet(asText, false)]);
    const got = await store.all<{ crime_id: string; hate: boolean }>(
      'SELECT crime_id, hate FROM crimes ORDER BY crime_id',
    );
    expect(got).toEqual([
      { crime_id: 'C1', hate: true },
      { crime_id: 'C2', hate: false },
    ]);
  });

  it('a missing required boolean is refused', async () => {
    const e = await importTable(store, 'crimes', [await parquet(false, true)]).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(BluelampError);
    expect((e as BluelampError).issues.map((i) => `${i.line} ${i.column}: ${i.rule}`)).toEqual([
      `2 hate: ${RULES.required}`,
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { exportTable } from '../../src/facts/export.ts';
import { crime, person, writeTableCsv } from '../helpers/files.ts';
import { TABLES, type ProjectTableName, type TableSpec } from '../../src/facts/tables.ts';
import { dependencyOrder } from '../../src/facts/dependency-order.ts';
import { withTempStore } from '../helpers/store.ts';

let store: FactsStore;
let dir: string;
withTempStore((t) => ({ store, dir } = t));

describe('export', () => {
  it('writes CSV in the import format that re-imports unchanged', async () => {
    const src = writeTableCsv(dir, 'crimes.csv', 'crimes', [
      crime('C2', {
        recorded_at: '2021-06-30T23:59:59',
        offence_description: 'Has, a comma "and quotes"',
      }),
      crime('C1', { neighbourhood: '' }),
    ]);
    await importTable(store, 'crimes', [src]);
    const out = join(dir, 'out.csv');
    expect(await exportTable(store, 'crimes', 'csv', out)).toBe(2);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(readFileSync(src, 'utf8').split('\n')[0]);
    expect(text).toContain('C2,2021-06-30T23:59:59,8N,"Has, a comma ""and quotes"""');
    const again = await openFactsStore(':memory:');
    try {
      await importTable(again, 'crimes', [out]);
      const a = await store.all('SELECT * EXCLUDE (batch_id) FROM crimes ORDER BY crime_id');
      const b = await again.all('SELECT * EXCLUDE (batch_id) FROM crimes ORDER BY crime_id');
      expect(b).toEqual(a);
    } finally {
      again.close();
    }
  });

  it('writes Parquet that re-imports unchanged', async () => {
    await importTable(store, 'people', [
      writeTableCsv(dir, 'p.csv', 'people', [
        person('P1'),
        person('P2', { date_of_birth: '', sex: '' }),
      ]),
    ]);
    const out = join(dir, 'people.parquet');
    await exportTable(store, 'people', 'parquet', out);
    const again = await openFactsStore(':memory:');
    try {
      const r = await importTable(again, 'people', [out]);
      expect(r.rows).toBe(2);
      expect(await again.all('SELECT * EXCLUDE (batch_id) FROM people ORDER BY 1')).toEqual(
        await store.all('SELECT * EXCLUDE (batch_id) FROM people ORDER BY 1'),
      );
    } finally {
      again.close();
    }
  });

  it('reports Parquet validation errors by row', async () => {
    await store.run(
      `COPY (SELECT 'P1' AS person_id, 'robot' AS sex, '25-34' AS age_band, NULL AS date_of_birth, 'white' AS ethnicity, 'no' AS disability) TO $out (FORMAT parquet)`,
      { out: join(dir, 'bad.parquet') },
    );
    await expect(importTable(store, 'people', [join(dir, 'bad.parquet')])).rejects.toMatchObject({
      issues: [{ line: 1, column: 'sex', value: 'robot' }],
    });
  });

  it('every table re-imports unchanged from CSV and from Parquet, fractional seconds included', async () => {
    // Three rows per table from the documented examples: as given; with milliseconds and empty
    // optional values; with an offset, a fraction and awkward text.
    const ids = ['', '-1', '-2'];
    const rowsOf = (spec: TableSpec) =>
      ids.map((suffix, i) =>
        Object.fromEntries(
          spec.columns.map((c) => {
            let v: string = c.example;
            const keyed = spec.key.includes(c.name) && (c.type === 'id' || c.name === 'lpa');
            if (keyed || c.references) v = `${c.example}${suffix}`;
            else if (c.type === 'timestamp' && i === 1) v = `${c.example}.123`;
            else if (c.type === 'timestamp' && i === 2) v = `${c.example.slice(0, 19)}.5+00:00`;
            else if (i === 1 && !c.required) v = '';
            else if (c.type === 'text' && i === 2 && !c.pattern) v = `${c.example}, "q" ü\nnext`;
            return [c.name, v];
          }),
        ),
      );
    const tables = dependencyOrder() as ProjectTableName[];
    for (const t of tables)
      await importTable(store, t, [writeTableCsv(dir, `${t}.csv`, t, rowsOf(TABLES[t]))]);
    const checksum = async (s: FactsStore, t: string) =>
      (
        await s.all<{ n: bigint; sum: string }>(
          `SELECT count(*) AS n, md5(string_agg(CAST(r AS VARCHAR), chr(10) ORDER BY CAST(r AS VARCHAR))) AS sum
           FROM (SELECT * EXCLUDE (batch_id) FROM ${t}) r`,
        )
      )[0];
    const crimesCsv = join(dir, 'crimes-out.csv');
    await exportTable(store, 'crimes', 'csv', crimesCsv);
    expect(readFileSync(crimesCsv, 'utf8')).toContain('2021-04-03T14:20:00.123');
    expect(readFileSync(crimesCsv, 'utf8')).toContain('2021-04-03T15:20:00.500');
    for (const format of ['csv', 'parquet'] as const) {
      const again = await openFactsStore(':memory:');
      try {
        for (const t of tables) {
          const out = join(dir, `${t}-out.${format}`);
          expect(await exportTable(store, t, format, out)).toBe(3);
          await importTable(again, t, [out]);
          expect(await checksum(again, t), `${t} via ${format}`).toEqual(await checksum(store, t));
        }
      } finally {
        again.close();
      }
    }
  });

  it('refuses an unknown table', async () => {
    await expect(exportTable(store, 'secrets', 'csv', join(dir, 'x.csv'))).rejects.toMatchObject({
      code: 'UNKNOWN_TABLE',
    });
  });
});

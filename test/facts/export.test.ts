import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { exportTable } from '../../src/facts/export.ts';
import { crime, person, tempDir, writeTableCsv } from '../helpers/files.ts';

let store: FactsStore;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  store = await openFactsStore(':memory:');
});
afterEach(() => {
  store.close();
  cleanup();
});

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

  it('refuses an unknown table', async () => {
    await expect(exportTable(store, 'secrets', 'csv', join(dir, 'x.csv'))).rejects.toMatchObject({
      code: 'UNKNOWN_TABLE',
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  allTableSpecs,
  openFactsStore,
  schemaStamp,
  schemaStatements,
  stampOf,
  STAMP_KEY,
  type FactsStore,
} from '../../src/facts/store.ts';
import { REFERENCE_TABLES } from '../../src/facts/reference/load.ts';
import { tempDir } from '../helpers/files.ts';

// Opening a store read-write skips the schema and reference rebuild when `_meta` holds the
// stamp of this version's tables and reference data. Observed through a reference row altered
// by hand: it stays while the stamp matches and is put right once the stamp differs.

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const FORCE = 'ref_forces';
const first = REFERENCE_TABLES.find((t) => t.name === FORCE)?.rows[0] ?? [];
const FORCE_ID = String(first[0]);

async function reopen(change: (s: FactsStore) => Promise<void>): Promise<FactsStore> {
  const s = await openFactsStore(dir);
  await change(s);
  s.close();
  return openFactsStore(dir);
}

const forceName = async (s: FactsStore) =>
  (await s.all<{ name: string }>(`SELECT name FROM ${FORCE} WHERE force_id = $1`, [FORCE_ID]))[0]
    ?.name;
const stored = async (s: FactsStore) =>
  (await s.all<{ value: bigint }>('SELECT value FROM _meta WHERE key = $1', [STAMP_KEY])).map(
    (r) => r.value,
  );
const alterRow = (s: FactsStore) =>
  s.run(`UPDATE ${FORCE} SET name = 'Altered' WHERE force_id = $1`, [FORCE_ID]);

describe('schema stamp', () => {
  it('is written on the first open, once, and is this version’s', async () => {
    const s = await reopen(async () => {});
    expect(await stored(s)).toEqual([schemaStamp()]);
    expect(await forceName(s)).toBe(first[1]);
    s.close();
  });

  it('changes with any reference row or schema statement', () => {
    const statements = schemaStatements();
    const base = stampOf(statements, REFERENCE_TABLES);
    expect(base).toBe(schemaStamp());
    const changed = REFERENCE_TABLES.map((t) =>
      t.name === FORCE
        ? { ...t, rows: [[FORCE_ID, 'Renamed', ...first.slice(2)], ...t.rows.slice(1)] }
        : t,
    );
    expect(stampOf(statements, changed)).not.toBe(base);
    expect(
      stampOf([...statements, 'ALTER TABLE crimes ADD COLUMN x VARCHAR'], REFERENCE_TABLES),
    ).not.toBe(base);
  });

  it('skips the rebuild when it matches: an altered reference row stays', async () => {
    const s = await reopen(alterRow);
    expect(await forceName(s)).toBe('Altered');
    expect(await stored(s)).toEqual([schemaStamp()]);
    s.close();
  });

  it('rebuilds the reference tables when it differs (other reference data)', async () => {
    const s = await reopen(async (old) => {
      await alterRow(old);
      await old.run('DELETE FROM ref_lad_pfa');
      await old.run('UPDATE _meta SET value = 1 WHERE key = $1', [STAMP_KEY]);
    });
    expect(await forceName(s)).toBe(first[1]);
    const [n] = await s.all<{ n: bigint }>('SELECT count(*) AS n FROM ref_lad_pfa');
    expect(Number(n?.n)).toBe(REFERENCE_TABLES.find((t) => t.name === 'ref_lad_pfa')?.rows.length);
    expect(await stored(s)).toEqual([schemaStamp()]);
    s.close();
  });

  it('rebuilds a store made before stamps (none in _meta)', async () => {
    const s = await reopen(async (old) => {
      await alterRow(old);
      await old.run('DELETE FROM _meta WHERE key = $1', [STAMP_KEY]);
    });
    expect(await forceName(s)).toBe(first[1]);
    expect(await stored(s)).toEqual([schemaStamp()]);
    s.close();
  });

  const optional = Object.entries(allTableSpecs()).flatMap(([table, spec]) =>
    spec.columns.filter((c) => c.optionalInHeader).map((c) => [table, c.name] as const),
  );

  it.each([
    ['with an older stamp', true],
    ['even with this stamp', false],
  ])('gives a store without the optional columns them, %s', async (_, restamp) => {
    expect(optional.length).toBeGreaterThan(0);
    const s = await reopen(async (old) => {
      for (const [table, column] of optional)
        await old.run(`ALTER TABLE ${table} DROP COLUMN ${column}`);
      await old.run('DROP TABLE ref_return_measures');
      if (restamp) await old.run('UPDATE _meta SET value = 1 WHERE key = $1', [STAMP_KEY]);
    });
    const cols = await s.all<{ t: string; c: string }>(
      'SELECT table_name AS t, column_name AS c FROM duckdb_columns()',
    );
    const have = new Set(cols.map((r) => `${r.t}.${r.c}`));
    for (const [table, column] of optional) expect(have).toContain(`${table}.${column}`);
    expect(have).toContain('ref_return_measures.measure_id');
    expect(await stored(s)).toEqual([schemaStamp()]);
    s.close();
  });

  it('puts back a missing data version even when the stamp matches', async () => {
    const s = await reopen((old) => old.run("DELETE FROM _meta WHERE key = 'data_version'"));
    const rows = await s.all<{ value: bigint }>(
      "SELECT value FROM _meta WHERE key = 'data_version'",
    );
    expect(rows.map((r) => Number(r.value))).toEqual([0]);
    s.close();
  });

  it('a read-only open of a current store reads it as it is', async () => {
    (await reopen(alterRow)).close();
    const ro = await openFactsStore(dir, { readOnly: true });
    expect(await forceName(ro)).toBe('Altered');
    expect(await stored(ro)).toEqual([schemaStamp()]);
    ro.close();
  });
});

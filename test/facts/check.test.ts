import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { checkStore } from '../../src/facts/check.ts';
import { runCli } from '../helpers/cli.ts';
import { crime, person, tempDir, writeTableCsv } from '../helpers/files.ts';

let dir: string;
let cleanup: () => void;
let store: FactsStore;
const data = () => join(dir, 'data');

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  store = await openFactsStore(data());
  await importTable(store, 'crimes', [
    writeTableCsv(dir, 'c.csv', 'crimes', [crime('C1'), crime('C2'), crime('C3')]),
  ]);
  await importTable(store, 'people', [
    writeTableCsv(dir, 'p.csv', 'people', [person('P1'), person('P2')]),
  ]);
  await importTable(store, 'crime_victims', [
    writeTableCsv(dir, 'v.csv', 'crime_victims', [
      { crime_id: 'C1', person_id: 'P1' },
      { crime_id: 'C2', person_id: 'P2' },
    ]),
  ]);
});
afterEach(() => {
  store.close();
  cleanup();
});

/** Runs `bluelamp check` as a user would, with the store closed. */
async function cliCheck(json = false) {
  store.close();
  const r = await runCli(['--data-dir', data(), 'check', ...(json ? ['--json'] : [])]);
  store = await openFactsStore(data());
  return r;
}

describe('bluelamp check', () => {
  it('passes on a store written only by imports', async () => {
    const r = await checkStore(store);
    expect(r).toMatchObject({ ok: true, batches: 3, dataVersion: 3, problems: [] });
    expect(r.references).toBeGreaterThanOrEqual(10);
    const cli = await cliCheck();
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(
      /^Store check passed \(\d+ tables, 3 batches, \d+ references, \d+ aggregates, data version 3\)/,
    );
  });

  it('finds rows of a batch that was never recorded, as a torn import leaves them', async () => {
    // What kill -9 in a commit left before commits became checkpoints: rows, no batch, old version.
    await store.run(
      "INSERT INTO crimes SELECT * REPLACE ('torn' AS batch_id, crime_id || '-t' AS crime_id) FROM crimes",
    );
    const r = await checkStore(store);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      {
        check: 'batches',
        table: 'crimes',
        message:
          '3 rows with batch "torn", which is not recorded in _batches (rows outside any batch, as a torn import would leave)',
      },
    ]);
    const cli = await cliCheck();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('Store check FAILED');
    expect(cli.out).toContain(
      '  crimes: 3 rows with batch "torn", which is not recorded in _batches',
    );
  });

  it('finds a batch whose rows are missing or whose count disagrees, and one for no table', async () => {
    await store.run("DELETE FROM crimes WHERE crime_id = 'C3'");
    await store.run('DELETE FROM people');
    await store.run(
      "INSERT INTO _batches SELECT 'ghost', 'no_such_table', '[]', 1, now()::TIMESTAMP, NULL, NULL",
    );
    const messages = (await checkStore(store)).problems.map((p) => `${p.table}: ${p.message}`);
    expect(messages).toEqual([
      '_batches: batch "ghost" is recorded for a table that does not exist ("no_such_table")',
      'crimes: batch "crimes:c.csv" is recorded with 3 rows but the table holds 2 rows',
      'people: batch "people:p.csv" is recorded with 2 rows but the table holds none of them',
      'crime_victims: 2 rows of crime_victims: person_id names no people.person_id',
    ]);
  });

  it('finds references that do not resolve, and a missing data version', async () => {
    await store.run("DELETE FROM crimes WHERE crime_id = 'C2'");
    await store.run("UPDATE _batches SET row_count = 2 WHERE table_name = 'crimes'");
    await store.run('DELETE FROM _meta');
    const cli = JSON.parse((await cliCheck(true)).out) as { ok: boolean; problems: unknown[] };
    // (Opening the store puts a missing data version back at 0, so the CLI sees only the reference.)
    expect(cli).toMatchObject({
      ok: false,
      problems: [
        {
          check: 'references',
          table: 'crime_victims',
          message: '1 row of crime_victims: crime_id names no crimes.crime_id',
        },
      ],
    });
    await store.run('DELETE FROM _meta');
    expect((await checkStore(store)).problems).toContainEqual({
      check: 'data_version',
      table: '_meta',
      message: 'the data version is missing from _meta',
    });
  });
});

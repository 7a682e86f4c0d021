/**
 * Duplicate keys get the same verdict on both import paths: keys are compared as the typed
 * values the table stores, not as the text of the file. `referrals` has a timestamp in its key,
 * so the same instant written with and without its offset is one key; a blank optional key part
 * is empty however it is written; ids are compared exactly (no trimming, case kept) on both paths.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import type { ProjectTableName } from '../../src/facts/tables.ts';
import { BluelampError } from '../../src/lib/errors.ts';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';

let store: FactsStore;
let dir: string;
let cleanup: () => void;
let n = 0;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  store = await openFactsStore(':memory:');
  await importTable(store, 'crimes', [writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1')])]);
});
afterEach(() => {
  store.close();
  cleanup();
});

const referral = (at: string, service = 'Victim Advice Line') => ({
  crime_id: 'C1',
  service,
  referred_at: at,
});
const ret = (lpa: string) => ({
  measure_id: 'female_officers_pct',
  period: '2021-06',
  lpa,
  value: '0.3',
  numerator: '',
  denominator: '',
  source: 'HR system',
  submitted_by: 'Analyst',
  submitted_at: '',
});

/** The key rules broken, as "line: rule" (the rule without the batch name), or [] when accepted. */
async function keyProblems(
  table: ProjectTableName,
  files: readonly (readonly Record<string, string>[])[],
  batchId?: string,
): Promise<string[]> {
  const paths = files.map((rows) => writeTableCsv(dir, `${table}-${n++}.csv`, table, rows));
  try {
    await importTable(store, table, paths, { ...(batchId ? { batchId } : {}), validateOnly: true });
    return [];
  } catch (e) {
    if (!(e instanceof BluelampError)) throw e;
    return e.issues
      .filter((i) => /unique/.test(i.rule))
      .map((i) => `${paths.indexOf(i.file)}:${i.line}: ${i.rule.replace(/"[^"]*"/, '"…"')}`);
  }
}

/** The fast path (clean files) and the detail path (a bad row appended to the last file) agree. */
async function bothPaths(
  table: ProjectTableName,
  files: readonly (readonly Record<string, string>[])[],
  bad: Record<string, string>,
  batchId?: string,
): Promise<string[]> {
  const fast = await keyProblems(table, files, batchId);
  const withBad = files.map((rows, i) => (i === files.length - 1 ? [...rows, bad] : rows));
  const detail = await keyProblems(table, withBad, batchId);
  // The fast path lists nothing itself: a key problem sends it to the detail path, which names it.
  expect(detail, 'detail path').toEqual(fast);
  return fast;
}

const badReferral = referral('2021-04-03T14:20:00', '');
const badReturn = { ...ret('North'), value: 'lots' };

describe('duplicate keys, one verdict on both paths', () => {
  it('the same instant with and without its offset is one key (within a file)', async () => {
    const found = await bothPaths(
      'referrals',
      [[referral('2021-04-03T14:20:00'), referral('2021-04-03T14:20:00+01:00')]],
      badReferral,
    );
    expect(found).toEqual(['0:3: duplicates an earlier row of this file (must be unique)']);
  });

  it('… across the files of a batch', async () => {
    const found = await bothPaths(
      'referrals',
      [[referral('2021-04-03T13:20:00Z')], [referral('2021-04-03T14:20:00')]],
      badReferral,
    );
    expect(found).toEqual(['1:2: duplicates a row of another file in this batch (must be unique)']);
  });

  it('… against another batch already imported', async () => {
    await importTable(
      store,
      'referrals',
      [writeTableCsv(dir, 'first.csv', 'referrals', [referral('2021-04-03T14:20:00')])],
      { batchId: 'first' },
    );
    const found = await bothPaths(
      'referrals',
      [[referral('2021-04-03T14:20:00+01:00')]],
      badReferral,
      'second',
    );
    expect(found).toEqual(['0:2: already imported in batch "…" (must be unique)']);
  });

  it('different instants are different keys', async () => {
    const found = await bothPaths(
      'referrals',
      [[referral('2021-04-03T14:20:00'), referral('2021-04-03T14:20:00+00:00')]],
      badReferral,
    );
    expect(found).toEqual([]);
  });

  it('a blank optional key part is empty however it is written', async () => {
    const found = await bothPaths('returns', [[ret(''), ret('  ')]], badReturn);
    expect(found).toEqual(['0:3: duplicates an earlier row of this file (must be unique)']);
  });

  it('ids are compared exactly: spaces and case make a different id on both paths', async () => {
    const found = await bothPaths(
      'referrals',
      [
        [
          referral('2021-04-03T14:20:00', 'Victim Advice Line'),
          referral('2021-04-03T14:20:00', 'victim advice line'),
          referral('2021-04-03T14:20:00', 'Victim Advice Line '),
        ],
      ],
      badReferral,
    );
    expect(found).toEqual([]);
    const ids = await bothPaths(
      'crimes',
      [[crime('C2'), crime(' C2'), crime('c2'), crime('C2 ')]],
      crime('C-BAD', { lpa: '' }),
      'crimes-2',
    );
    expect(ids).toEqual([]);
  });
});

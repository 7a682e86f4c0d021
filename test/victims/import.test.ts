import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { TABLES } from '../../src/facts/tables.ts';
import { BluelampError, type ValidationIssue } from '../../src/lib/errors.ts';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { audit } from './support.ts';
import { withTempStore } from '../helpers/store.ts';

// The Victims' Code audit's later columns (`referral`, `victim_date_of_birth`) and the
// `victim_withdrawals` table, through the importer every file goes through.

let store: FactsStore;
let dir: string;
withTempStore((t) => ({ store, dir } = t));

async function issuesOf(p: Promise<unknown>): Promise<ValidationIssue[]> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BluelampError);
    return [...(e as BluelampError).issues];
  }
  throw new Error('expected the import to fail');
}

const where = (i: ValidationIssue) => `${i.file.split('/').pop()}:${i.line}:${i.column}: ${i.rule}`;

/** The header files had before `referral` and `victim_date_of_birth` existed. */
const OLD_HEADER = TABLES.victims_code_audits.columns
  .map((c) => c.name)
  .filter((c) => c !== 'referral' && c !== 'victim_date_of_birth');

describe('victims_code_audits: the later columns', () => {
  it('imports a file written before them (no referral, no date of birth in the header), by both paths', async () => {
    // A clean file goes straight in (the fast path).
    const clean = writeTableCsv(dir, 'old.csv', 'victims_code_audits', [audit('A1')], {
      header: OLD_HEADER,
    });
    expect((await importTable(store, 'victims_code_audits', [clean])).rows).toBe(1);
    // A bad row sends a file down the detail path, which reports only that row's problem.
    const detail = writeTableCsv(
      dir,
      'old-detail.csv',
      'victims_code_audits',
      [audit('A2'), audit('A3', { vps_offered: 'maybe' })],
      { header: OLD_HEADER },
    );
    expect(
      (await issuesOf(importTable(store, 'victims_code_audits', [detail]))).map(where),
    ).toEqual(['old-detail.csv:3:vps_offered: must be one of: yes, no, n/a']);
    const rows = await store.all<{ case_id: string; referral: string | null; dob: string | null }>(
      'SELECT case_id, referral, victim_date_of_birth::VARCHAR AS dob FROM victims_code_audits ORDER BY 1',
    );
    expect(rows).toEqual([{ case_id: 'A1', referral: null, dob: null }]);
  });

  it('imports an old-format file with its columns in another order and CRLF line ends', async () => {
    const f = join(dir, 'old-spaced.csv');
    const header = [...OLD_HEADER].reverse();
    const row = audit('A4', { referred_within_2_days: 'no' });
    writeFileSync(f, `${header.join(',')}\r\n${header.map((h) => row[h]).join(',')}\r\n`);
    expect((await importTable(store, 'victims_code_audits', [f])).rows).toBe(1);
  });

  it('stores referral and date of birth when given', async () => {
    const f = writeTableCsv(dir, 'new.csv', 'victims_code_audits', [
      audit('B1', { referred_within_2_days: 'no', referral: 'late' }),
      audit('B2', {
        referred_within_2_days: 'no',
        referral: 'not_referred',
        victim_age_band: '',
        victim_date_of_birth: '2004-05-15',
      }),
    ]);
    await importTable(store, 'victims_code_audits', [f]);
    const rows = await store.all<{ referral: string; dob: string | null }>(
      'SELECT referral, victim_date_of_birth::VARCHAR AS dob FROM victims_code_audits ORDER BY case_id',
    );
    expect(rows).toEqual([
      { referral: 'late', dob: null },
      { referral: 'not_referred', dob: '2004-05-15' },
    ]);
  });

  it('refuses bad rows naming the file, line, field and rule', async () => {
    const f = writeTableCsv(dir, 'bad.csv', 'victims_code_audits', [
      audit('C1', { referral: 'soon' }),
      audit('C2', { referred_within_2_days: 'yes', referral: 'late' }),
      audit('C3', { victim_date_of_birth: '2021-06-01' }),
      // 17 on the audit date (the 18th birthday is the next day), given as 18-24.
      audit('C4', { victim_date_of_birth: '2003-05-15', victim_age_band: '18-24' }),
      audit('C5', { victim_date_of_birth: '14/05/1990' }),
      audit('C6', { referred_within_2_days: 'n/a', referral: 'na' }),
    ]);
    const issues = (await issuesOf(importTable(store, 'victims_code_audits', [f]))).map(where);
    expect(issues).toEqual(
      expect.arrayContaining([
        'bad.csv:2:referral: must be one of: within_2_days, late, not_referred, na',
        'bad.csv:3:referral: must agree with referred_within_2_days (within_2_days = yes; late or not_referred = no; na = n/a)',
        'bad.csv:4:victim_date_of_birth: must not be after audited_at',
        "bad.csv:5:victim_age_band: must agree with victim_date_of_birth (the victim's age on audited_at)",
        expect.stringMatching(/^bad\.csv:6:victim_date_of_birth: /),
      ]),
    );
    expect(issues).toHaveLength(5);
    expect(await store.all('SELECT * FROM victims_code_audits')).toEqual([]);
  });

  it('takes a birthday on the audit date as reached', async () => {
    const f = writeTableCsv(dir, 'birthday.csv', 'victims_code_audits', [
      audit('D1', { victim_date_of_birth: '2003-05-14', victim_age_band: '18-24' }),
      audit('D2', { victim_date_of_birth: '2003-05-15', victim_age_band: '0-17' }),
    ]);
    expect((await importTable(store, 'victims_code_audits', [f])).rows).toBe(2);
  });

  it('gives a store made before the columns existed the new columns when it opens', async () => {
    const t = tempDir();
    try {
      const old = await openFactsStore(t.dir);
      await old.run('ALTER TABLE victims_code_audits DROP COLUMN referral');
      await old.run('ALTER TABLE victims_code_audits DROP COLUMN victim_date_of_birth');
      old.close();
      const reopened = await openFactsStore(t.dir);
      const cols = await reopened.all<{ column_name: string }>(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'victims_code_audits'",
      );
      expect(cols.map((c) => c.column_name)).toEqual(
        expect.arrayContaining(['referral', 'victim_date_of_birth']),
      );
      const f = writeTableCsv(t.dir, 'a.csv', 'victims_code_audits', [audit('E1')]);
      expect((await importTable(reopened, 'victims_code_audits', [f])).rows).toBe(1);
      reopened.close();
    } finally {
      t.cleanup();
    }
  });

  it('still requires every other column in the header', async () => {
    const f = writeTableCsv(dir, 'short.csv', 'victims_code_audits', [audit('F1')], {
      header: OLD_HEADER.filter((c) => c !== 'informed_code'),
    });
    expect((await issuesOf(importTable(store, 'victims_code_audits', [f]))).map(where)).toEqual([
      'short.csv:1:informed_code: required column is missing from the header',
    ]);
  });
});

describe('victim_withdrawals', () => {
  const withdrawal = (id: string, over: Record<string, string> = {}) => ({
    withdrawal_id: id,
    crime_id: 'CR-1',
    withdrew_at: '2021-05-02',
    stage: 'investigation',
    reason: 'fear_of_reprisal',
    ...over,
  });

  it('imports withdrawals of known crimes', async () => {
    await importTable(store, 'crimes', [
      writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('CR-1')]),
    ]);
    const f = writeTableCsv(dir, 'w.csv', 'victim_withdrawals', [
      withdrawal('W1'),
      withdrawal('W2', { stage: 'post_charge', reason: 'not_recorded' }),
    ]);
    expect((await importTable(store, 'victim_withdrawals', [f])).rows).toBe(2);
  });

  it('refuses an unknown stage or reason, a missing date and an unknown crime, by file, line and field', async () => {
    await importTable(store, 'crimes', [
      writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('CR-1')]),
    ]);
    const f = writeTableCsv(dir, 'w.csv', 'victim_withdrawals', [
      withdrawal('W1', { stage: 'trial' }),
      withdrawal('W2', { reason: 'scared' }),
      withdrawal('W3', { withdrew_at: '' }),
      withdrawal('W4', { crime_id: 'CR-404' }),
    ]);
    const issues = (await issuesOf(importTable(store, 'victim_withdrawals', [f]))).map(where);
    expect(issues).toEqual([
      'w.csv:2:stage: must be one of: report, investigation, pre_charge, post_charge',
      'w.csv:3:reason: must be one of: fear_of_reprisal, relationship_with_suspect, lack_of_confidence, process_too_long, wants_to_move_on, pressure_from_others, other, not_recorded',
      'w.csv:4:withdrew_at: is required',
      expect.stringMatching(/^w\.csv:5:crime_id: .*crimes/),
    ]);
  });
});

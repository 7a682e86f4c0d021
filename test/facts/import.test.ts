import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { BluelampError, type ValidationIssue } from '../../src/lib/errors.ts';
import { crime, person, writeTableCsv } from '../helpers/files.ts';
import { withTempStore } from '../helpers/store.ts';

let store: FactsStore;
let dir: string;
withTempStore((t) => ({ store, dir } = t));

async function issuesOf(p: Promise<unknown>): Promise<ValidationIssue[]> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BluelampError);
    const err = e as BluelampError;
    expect(err.exitCode).toBe(2);
    return [...err.issues];
  }
  throw new Error('expected the import to fail');
}

const count = async (table: string) =>
  Number((await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

describe('project-format import: good rows', () => {
  it('loads a valid batch with typed values, London time for offsets, and a batch record', async () => {
    const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [
      crime('C1'),
      crime('C2', { recorded_at: '2021-03-31T23:30:00Z', domestic_abuse: 'yes' }),
      crime('C3', {
        recorded_at: '2021-10-31T01:30:00+01:00',
        offence_description: 'Assault, common',
      }),
    ]);
    const r = await importTable(store, 'crimes', [f]);
    expect(r.rows).toBe(3);
    expect(r.batchId).toBe('crimes:crimes.csv');
    const rows = await store.all<{
      crime_id: string;
      t: string;
      domestic_abuse: boolean;
      offence_description: string;
    }>(
      'SELECT crime_id, recorded_at::VARCHAR AS t, domestic_abuse, offence_description FROM crimes ORDER BY crime_id',
    );
    // 23:30 UTC on 31 March 2021 is 00:30 BST on 1 April: a Q1 2021/22 crime.
    expect(rows.map((x) => x.t)).toEqual([
      '2021-04-10 10:00:00',
      '2021-04-01 00:30:00',
      '2021-10-31 01:30:00',
    ]);
    expect(rows[1]?.domestic_abuse).toBe(true);
    expect(rows[2]?.offence_description).toBe('Assault, common');
    const batches = await store.all<{ row_count: bigint }>('SELECT row_count FROM _batches');
    expect(batches.map((b) => Number(b.row_count))).toEqual([3]);
  });

  it('accepts CRLF line endings, a BOM and columns in any order', async () => {
    const cols = ['sex', 'person_id', 'age_band', 'date_of_birth', 'ethnicity', 'disability'];
    const path = writeTableCsv(
      dir,
      'people.csv',
      'people',
      [person('P1'), person('P2', { sex: '' })],
      { eol: '\r\n', header: cols },
    );
    const text = `\ufeff${(await import('node:fs')).readFileSync(path, 'utf8')}`;
    writeFileSync(path, text);
    await importTable(store, 'people', [path]);
    const rows = await store.all<{ person_id: string; sex: string | null }>(
      'SELECT person_id, sex FROM people ORDER BY 1',
    );
    expect(rows).toEqual([
      { person_id: 'P1', sex: 'female' },
      { person_id: 'P2', sex: null },
    ]);
  });
});

describe('project-format import: every rule, all errors at once, nothing written', () => {
  it('reports each broken rule with file, line, column, value and rule', async () => {
    const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [
      crime('C1'),
      crime('', {}), // line 3: required
      crime('C3', { recorded_at: '2021-02-30T10:00:00' }), // line 4: impossible date
      crime('C4', { offence_subgroup: 'Burglary' }), // line 5: not a Home Office subgroup
      crime('C5', { victim_based: 'maybe' }), // line 6: boolean
      crime('C1'), // line 7: duplicate key
      crime('C7', { recorded_at: '1850-01-01T00:00:00' }), // line 8: out of range
    ]);
    const issues = await issuesOf(importTable(store, 'crimes', [f]));
    const brief = issues.map((i) => `${i.line}:${i.column}:${i.value ?? ''}`);
    expect(brief).toEqual([
      '3:crime_id:',
      '4:recorded_at:2021-02-30T10:00:00',
      '5:offence_subgroup:Burglary',
      '6:victim_based:maybe',
      '7:crime_id:C1',
      '8:recorded_at:1850-01-01T00:00:00',
    ]);
    expect(issues.every((i) => i.file === f)).toBe(true);
    expect(issues[0]?.rule).toBe('is required');
    expect(issues[2]?.rule).toMatch(/^must be one of: Homicide, /);
    expect(issues[4]?.rule).toMatch(/duplicates an earlier row/);
    expect(await count('crimes')).toBe(0);
    expect(await count('_batches')).toBe(0);
  });

  it('checks numbers, minimums, enums, patterns and row rules', async () => {
    const f = writeTableCsv(dir, 'cdi.csv', 'cdi_audits', [
      {
        audit_id: 'A1',
        audited_at: '2020-11-30',
        crime_group: 'VAP',
        crimes_expected: '10',
        crimes_recorded: '12',
      },
      {
        audit_id: 'A2',
        audited_at: '2020/11/30',
        crime_group: 'VAP',
        crimes_expected: 'ten',
        crimes_recorded: '-1',
      },
    ]);
    const issues = await issuesOf(importTable(store, 'cdi_audits', [f]));
    expect(issues.map((i) => `${i.line}:${i.column}:${i.rule}`)).toEqual([
      '2:crimes_recorded:must not exceed crimes_expected',
      '3:audited_at:must be a date YYYY-MM-DD',
      '3:crimes_expected:must be a whole number',
      '3:crimes_recorded:must be at least 0',
    ]);
    const calls = writeTableCsv(dir, 'calls.csv', 'calls', [
      {
        call_id: 'X',
        line: '112',
        offered_at: '2021-04-01T00:00:00',
        answered_after_seconds: '1.5',
      },
    ]);
    const callIssues = await issuesOf(importTable(store, 'calls', [calls]));
    expect(callIssues.map((i) => `${i.column}:${i.rule}`)).toEqual([
      'line:must be one of: 999, 101',
      'answered_after_seconds:must be a whole number',
    ]);
    const returns = writeTableCsv(dir, 'returns.csv', 'returns', [
      {
        measure_id: 'Female Officers',
        period: 'Q1',
        value: '0.3',
        source: 'HR',
        submitted_by: 'HR lead',
      },
    ]);
    const retIssues = await issuesOf(importTable(store, 'returns', [returns]));
    expect(retIssues.map((i) => `${i.column}:${i.rule}`)).toEqual([
      'measure_id:must be a measure id from the catalogue',
      'period:must be YYYY-MM, YYYY/YY, YYYY/YY-Qn, Nm-to-YYYY-MM or ytd-to-YYYY-MM',
    ]);
  });

  it('checks references against the store: outcome → crime, victim → person', async () => {
    await importTable(store, 'crimes', [writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1')])]);
    await importTable(store, 'people', [
      writeTableCsv(dir, 'people.csv', 'people', [person('P1')]),
    ]);
    const outcomes = writeTableCsv(dir, 'outcomes.csv', 'outcomes', [
      { crime_id: 'C1', outcome_type: '16', outcome_at: '2021-05-01T09:00:00' },
      { crime_id: 'C9', outcome_type: '0', outcome_at: '2021-05-01T09:00:00' },
    ]);
    const issues = await issuesOf(importTable(store, 'outcomes', [outcomes]));
    expect(issues.map((i) => `${i.line}:${i.column}:${i.value}`)).toEqual([
      '3:outcome_type:0',
      '3:crime_id:C9',
    ]);
    expect(issues[1]?.rule).toMatch(/import crimes first/);
    const victims = writeTableCsv(dir, 'v.csv', 'crime_victims', [
      { crime_id: 'C1', person_id: 'P1' },
      { crime_id: 'C1', person_id: 'P2' },
    ]);
    const vIssues = await issuesOf(importTable(store, 'crime_victims', [victims]));
    expect(vIssues.map((i) => `${i.line}:${i.column}:${i.value}`)).toEqual(['3:person_id:P2']);
    expect(await count('outcomes')).toBe(0);
    expect(await count('crime_victims')).toBe(0);
  });

  it('reports header problems: unknown, missing and repeated columns, and empty files', async () => {
    const bad = join(dir, 'people.csv');
    writeFileSync(bad, 'person_id,sex,sex,colour\nP1,female,female,red\n');
    const issues = await issuesOf(importTable(store, 'people', [bad]));
    expect(issues.map((i) => `${i.line}:${i.column}:${i.value ?? ''}`)).toEqual([
      '1:sex:sex',
      '1:(header column 4):colour',
      '1:age_band:',
      '1:date_of_birth:',
      '1:ethnicity:',
      '1:disability:',
    ]);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const e2 = await issuesOf(importTable(store, 'people', [empty]));
    expect(e2[0]?.rule).toMatch(/empty/);
  });

  it('reports malformed CSV rows with their physical line, and later errors still on the right line', async () => {
    const f = join(dir, 'people.csv');
    writeFileSync(
      f,
      [
        'person_id,sex,age_band,date_of_birth,ethnicity,disability',
        'P1,female,25-34,,white,no',
        'P2,female',
        'P3,alien,25-34,,white,no',
        '',
      ].join('\n'),
    );
    const issues = await issuesOf(importTable(store, 'people', [f]));
    expect(issues.map((i) => `${i.line}:${i.column}`)).toEqual(['3:age_band', '4:sex']);
    expect(issues[0]?.rule).toMatch(/malformed CSV row/);
  });

  it('validates every file of a batch, including duplicates across files', async () => {
    const a = writeTableCsv(dir, 'a.csv', 'people', [person('P1'), person('P2', { sex: 'x' })]);
    const b = writeTableCsv(dir, 'b.csv', 'people', [person('P3', { ethnicity: 'purple' })]);
    const issues = await issuesOf(importTable(store, 'people', [a, b]));
    expect(issues.map((i) => `${i.file === a ? 'a' : 'b'}:${i.line}:${i.column}`)).toEqual([
      'a:3:sex',
      'b:2:ethnicity',
    ]);
    const c = writeTableCsv(dir, 'c.csv', 'people', [person('P1')]);
    const dup = await issuesOf(
      importTable(store, 'people', [
        a.replace('a.csv', 'c.csv'),
        writeTableCsv(dir, 'd.csv', 'people', [person('P1')]),
      ]),
    );
    expect(dup.map((i) => `${i.line}:${i.rule}`)).toEqual([
      '2:duplicates a row of another file in this batch (must be unique)',
    ]);
    expect(c).toBeTruthy();
    expect(await count('people')).toBe(0);
  });

  it('rejects a key already imported in another batch, and unknown tables and files', async () => {
    await importTable(store, 'people', [writeTableCsv(dir, 'a.csv', 'people', [person('P1')])]);
    const issues = await issuesOf(
      importTable(store, 'people', [writeTableCsv(dir, 'b.csv', 'people', [person('P1')])]),
    );
    expect(issues[0]?.rule).toBe('already imported in batch "people:a.csv" (must be unique)');
    await expect(importTable(store, 'nope', [join(dir, 'a.csv')])).rejects.toMatchObject({
      code: 'UNKNOWN_TABLE',
    });
    await expect(importTable(store, 'people', [join(dir, 'missing.csv')])).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    await expect(importTable(store, 'people', [join(dir, 'a.txt')])).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });
});

describe('batches', () => {
  it('re-importing a batch id replaces it', async () => {
    const a = writeTableCsv(dir, 'people.csv', 'people', [person('P1'), person('P2')]);
    await importTable(store, 'people', [a], { batchId: 'hr-1' });
    const b = writeTableCsv(dir, 'people2.csv', 'people', [
      person('P1', { sex: 'male' }),
      person('P3'),
    ]);
    const r = await importTable(store, 'people', [b], { batchId: 'hr-1' });
    expect(r.replacedRows).toBe(2);
    const rows = await store.all<{ person_id: string; sex: string }>(
      'SELECT person_id, sex FROM people ORDER BY 1',
    );
    expect(rows).toEqual([
      { person_id: 'P1', sex: 'male' },
      { person_id: 'P3', sex: 'female' },
    ]);
    const batches = await store.all<{ batch_id: string; row_count: bigint }>(
      'SELECT batch_id, row_count FROM _batches',
    );
    expect(batches).toEqual([{ batch_id: 'hr-1', row_count: 2n }]);
  });

  it('refuses a replacement that would orphan rows of other tables', async () => {
    await importTable(
      store,
      'crimes',
      [writeTableCsv(dir, 'c.csv', 'crimes', [crime('C1'), crime('C2')])],
      { batchId: 'crimes-1' },
    );
    await importTable(store, 'outcomes', [
      writeTableCsv(dir, 'o.csv', 'outcomes', [
        { crime_id: 'C2', outcome_type: '1', outcome_at: '2021-06-01T00:00:00' },
      ]),
    ]);
    const issues = await issuesOf(
      importTable(store, 'crimes', [writeTableCsv(dir, 'c2.csv', 'crimes', [crime('C1')])], {
        batchId: 'crimes-1',
      }),
    );
    expect(issues[0]?.rule).toMatch(
      /would remove 1 crimes row still referred to by outcomes.crime_id/,
    );
    expect(await count('crimes')).toBe(2);
  });

  it('a batch id belongs to one table', async () => {
    await importTable(store, 'people', [writeTableCsv(dir, 'p.csv', 'people', [person('P1')])], {
      batchId: 'b1',
    });
    await expect(
      importTable(store, 'crimes', [writeTableCsv(dir, 'c.csv', 'crimes', [crime('C1')])], {
        batchId: 'b1',
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  for (const point of ['after-delete', 'after-insert:0', 'after-insert:1', 'before-commit']) {
    it(`a fault injected ${point} leaves the store exactly as before`, async () => {
      await importTable(
        store,
        'people',
        [writeTableCsv(dir, 'p.csv', 'people', [person('P1'), person('P2')])],
        { batchId: 'hr' },
      );
      const before = await store.all('SELECT * FROM people ORDER BY person_id');
      const batchesBefore = await store.all('SELECT * FROM _batches');
      const files = [
        writeTableCsv(dir, 'n1.csv', 'people', [person('P1', { sex: 'male' })]),
        writeTableCsv(dir, 'n2.csv', 'people', [person('P9')]),
      ];
      await expect(
        importTable(store, 'people', files, {
          batchId: 'hr',
          faultAt: (p) => {
            if (p === point) throw new BluelampError('INJECTED_FAULT', `fault at ${p}`);
          },
        }),
      ).rejects.toMatchObject({ code: 'INJECTED_FAULT' });
      expect(await store.all('SELECT * FROM people ORDER BY person_id')).toEqual(before);
      expect(await store.all('SELECT * FROM _batches')).toEqual(batchesBefore);
      // and the store is usable afterwards
      await importTable(store, 'people', files, { batchId: 'hr' });
      expect(await count('people')).toBe(2);
    });
  }
});

describe('cross-field rules', () => {
  it('victim_based must agree with the offence subgroup', async () => {
    const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [
      crime('C1'),
      crime('C2', { offence_subgroup: 'Possession of drugs' }),
    ]);
    const issues = await issuesOf(importTable(store, 'crimes', [f]));
    expect(issues.map((i) => `${i.line}:${i.column}:${i.value}`)).toEqual(['3:victim_based:true']);
  });
});

describe('rules over empty values', () => {
  it('an empty optional number does not hide the row from cross-field rules', async () => {
    const f = writeTableCsv(dir, 'incidents.csv', 'incidents', [
      {
        incident_id: 'I1',
        opened_at: '2021-04-01T10:00:00',
        resourced_at: '2021-04-01T09:00:00',
        closed_at: '',
        lpa: 'North',
        category: 'ASB',
        grade: 'priority',
        anti_social_behaviour: 'true',
      },
    ]);
    const issues = await issuesOf(importTable(store, 'incidents', [f]));
    expect(issues.map((i) => `${i.line}:${i.column}:${i.rule}`)).toEqual([
      '2:resourced_at:must not be before opened_at',
    ]);
  });
});

describe('fast and detail paths', () => {
  it('validateOnly checks everything and writes nothing, on either path', async () => {
    const canonical = writeTableCsv(dir, 'a.csv', 'crimes', [crime('C1')]);
    const offsets = writeTableCsv(dir, 'b.csv', 'crimes', [
      crime('C2', { recorded_at: '2021-04-01T10:00:00.5+01:00', hate: 'Yes' }),
    ]);
    for (const f of [canonical, offsets]) {
      const r = await importTable(store, 'crimes', [f], { validateOnly: true });
      expect(r.rows).toBe(1);
    }
    expect(await count('crimes')).toBe(0);
    expect(await count('_batches')).toBe(0);
  });

  it('a valid file in the non-canonical forms (offsets, fractions of a second, yes/no) imports through the detail path', async () => {
    const f = writeTableCsv(dir, 'b.csv', 'crimes', [
      crime('C2', { recorded_at: '2021-04-01T10:00:00.5+01:00', hate: 'Yes' }),
    ]);
    await importTable(store, 'crimes', [f]);
    expect(await store.all('SELECT recorded_at::VARCHAR AS t, hate FROM crimes')).toEqual([
      { t: '2021-04-01 10:00:00.5', hate: true },
    ]);
  });
});

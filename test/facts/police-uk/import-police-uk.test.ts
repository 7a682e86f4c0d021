import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FactsStore } from '../../../src/facts/store.ts';
import { importPoliceUk } from '../../../src/facts/police-uk/import-police-uk.ts';
import type { ImportProgress } from '../../../src/facts/import/progress.ts';
import { STREET_HEADER, count, errorOf, fixture, issuesOf, nothingWritten } from './helpers.ts';
import { withTempStore } from '../../helpers/store.ts';

let store: FactsStore;
let dir: string;
withTempStore((t) => ({ store, dir } = t));

const fixedNow = () => new Date('2021-08-02T09:00:00Z');

interface StreetRow {
  crime_id: string | null;
  month: string;
  longitude: number | null;
  latitude: number | null;
  location: string | null;
  lsoa_code: string | null;
  lsoa_name: string | null;
  crime_type: string;
  last_outcome_category: string | null;
  context: string | null;
  row_ref: string | null;
}

const streetRows = (where = 'true') =>
  store.all<StreetRow & Record<string, unknown>>(
    `SELECT * EXCLUDE (batch_id) FROM police_uk_street WHERE ${where} ORDER BY month, row_ref NULLS FIRST, crime_id`,
  );

describe('police-uk import: a data.police.uk archive directory', () => {
  it('walks the months, classifies by header, and loads one street and one outcomes batch', async () => {
    const notes: string[] = [];
    const results = await importPoliceUk(store, [fixture('archive')], {
      now: fixedNow,
      onNote: (m) => notes.push(m),
    });
    expect(results.map((r) => [r.table, r.batchId, r.rows, r.replacedRows])).toEqual([
      ['police_uk_street', 'police-uk:west-mercia:2021-05..2021-06:street', 8, 0],
      ['police_uk_outcomes', 'police-uk:west-mercia:2021-05..2021-06:outcomes', 5, 0],
    ]);
    // The published files, in month order, not the importer's working copies.
    expect(results[0]?.files).toEqual([
      fixture('archive', '2021-05', '2021-05-west-mercia-street.csv'),
      fixture('archive', '2021-06', '2021-06-west-mercia-street.csv'),
    ]);
    expect(results[1]?.files).toEqual([
      fixture('archive', '2021-05', '2021-05-west-mercia-outcomes.csv'),
      fixture('archive', '2021-06', '2021-06-west-mercia-outcomes.csv'),
    ]);
    expect(notes).toEqual([
      'Ignored 1 file that is not CSV.',
      `Skipped ${fixture('archive', '2021-05', '2021-05-west-mercia-stop-and-search.csv')}: stop-and-search files are not imported.`,
    ]);
    const batches = await store.all<{
      batch_id: string;
      files: string;
      row_count: bigint;
      at: string;
    }>(
      'SELECT batch_id, files, row_count, imported_at::VARCHAR AS at FROM _batches ORDER BY batch_id',
    );
    expect(batches).toEqual([
      {
        batch_id: 'police-uk:west-mercia:2021-05..2021-06:outcomes',
        files: JSON.stringify([
          '2021-05-west-mercia-outcomes.csv',
          '2021-06-west-mercia-outcomes.csv',
        ]),
        row_count: 5n,
        at: '2021-08-02 10:00:00',
      },
      {
        batch_id: 'police-uk:west-mercia:2021-05..2021-06:street',
        files: JSON.stringify(['2021-05-west-mercia-street.csv', '2021-06-west-mercia-street.csv']),
        row_count: 8n,
        at: '2021-08-02 10:00:00',
      },
    ]);
  });

  it('keeps ASB rows with an empty Crime ID, identical ones included, each with its file and line', async () => {
    await importPoliceUk(store, [fixture('archive')]);
    const asb = await streetRows("crime_type = 'Anti-social behaviour'");
    expect(asb.map((r) => [r.crime_id, r.month, r.location, r.row_ref])).toEqual([
      [null, '2021-05', 'On or near Broad Street', '2021-05-west-mercia-street.csv:4'],
      [null, '2021-05', 'On or near Broad Street', '2021-05-west-mercia-street.csv:5'],
      [null, '2021-06', 'On or near Parking Area', '2021-06-west-mercia-street.csv:4'],
    ]);
    // Every published row, crimes included, is identified by its file and line.
    const crimes = await streetRows("crime_type <> 'Anti-social behaviour'");
    expect(crimes).toHaveLength(5);
    expect(
      crimes.every(
        (r) =>
          r.crime_id !== null && /^2021-0[56]-west-mercia-street\.csv:\d+$/.test(r.row_ref ?? ''),
      ),
    ).toBe(true);
  });

  it('reads a CRLF file with a UTF-8 BOM like an LF one', async () => {
    await importPoliceUk(store, [fixture('archive', '2021-06', '2021-06-west-mercia-street.csv')]);
    const rows = await streetRows();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      crime_id: '0429fc254096041ab5303517dc44d79c0fe01889d54c99ac6cd2bf49c93b15f2',
      month: '2021-06',
      reported_by: 'West Mercia Police',
      longitude: -2.22015,
      latitude: 52.19247,
      crime_type: 'Vehicle crime',
      last_outcome_category: 'Under investigation',
      context: null, // not "\r"
    });
  });

  it('keeps an outcome given twice in a month (two rows, two row refs)', async () => {
    await importPoliceUk(store, [
      fixture('archive', '2021-06', '2021-06-west-mercia-outcomes.csv'),
    ]);
    const rows = await store.all<{ outcome_type: string; row_ref: string }>(
      'SELECT outcome_type, row_ref FROM police_uk_outcomes ORDER BY row_ref',
    );
    expect(rows).toEqual([
      { outcome_type: 'Suspect charged', row_ref: '2021-06-west-mercia-outcomes.csv:2' },
      {
        outcome_type: 'Unable to prosecute suspect',
        row_ref: '2021-06-west-mercia-outcomes.csv:3',
      },
      {
        outcome_type: 'Unable to prosecute suspect',
        row_ref: '2021-06-west-mercia-outcomes.csv:4',
      },
    ]);
  });

  it('reports progress against the published file names', async () => {
    const seen: ImportProgress[] = [];
    await importPoliceUk(store, [fixture('archive')], { onProgress: (p) => seen.push(p) });
    const files = new Set(seen.map((p) => p.file).filter((f) => f !== ''));
    expect([...files].sort()).toEqual(
      [
        fixture('archive', '2021-05', '2021-05-west-mercia-street.csv'),
        fixture('archive', '2021-06', '2021-06-west-mercia-street.csv'),
        fixture('archive', '2021-05', '2021-05-west-mercia-outcomes.csv'),
        fixture('archive', '2021-06', '2021-06-west-mercia-outcomes.csv'),
      ].sort(),
    );
  });
});

describe('police-uk import: quirks of the published files', () => {
  it('keeps quoted locations with commas and quotes, No Location rows and Context as published', async () => {
    const [r] = await importPoliceUk(store, [fixture('quirks')]);
    expect(r?.batchId).toBe('police-uk:durham:2021-07:street');
    const rows = await streetRows();
    const byLine = (crimeType: string) => rows.find((x) => x.crime_type === crimeType);
    expect(byLine('Theft from the person')).toMatchObject({
      location: 'On or near Saddler Street, Market Place, Durham',
      lsoa_name: 'County Durham 001A',
    });
    expect(byLine('Other theft')).toMatchObject({
      location: 'On or near "The Centre", Broadmead',
      lsoa_name: 'Bristol, City of 032B',
      context: 'Recorded on behalf of Avon and Somerset',
    });
    expect(byLine('Public order')).toMatchObject({
      location: 'No Location',
      longitude: null,
      latitude: null,
      lsoa_code: null,
      lsoa_name: null,
    });
    expect(byLine('Criminal damage and arson')?.location?.startsWith('On or near')).toBe(true);
  });

  it('accepts legacy crime types and outcome labels as published', async () => {
    await importPoliceUk(store, [fixture('legacy')]);
    const rows = await streetRows();
    expect(rows.map((r) => [r.crime_type, r.last_outcome_category]).sort()).toEqual([
      ['Anti-social behaviour', null],
      ['Other theft', 'Offender given community penalty'],
      ['Public disorder and weapons', 'Offender imprisoned'],
      ['Violent crime', 'No further action'],
    ]);
    const outcomes = await store.all<{ outcome_type: string }>(
      'SELECT outcome_type FROM police_uk_outcomes ORDER BY row_ref',
    );
    expect(outcomes.map((o) => o.outcome_type)).toEqual([
      'No further action',
      'Offender imprisoned',
      'Suspect found not guilty',
    ]);
  });

  it('accepts Northern Ireland crimes, which are published without a Crime ID', async () => {
    await importPoliceUk(store, [fixture('psni')]);
    const rows = await streetRows();
    expect(rows.map((r) => [r.crime_id, r.crime_type, r.row_ref])).toEqual([
      [null, 'Burglary', '2021-06-northern-ireland-street.csv:2'],
      [null, 'Burglary', '2021-06-northern-ireland-street.csv:3'],
      [null, 'Anti-social behaviour', '2021-06-northern-ireland-street.csv:4'],
    ]);
  });
});

describe('police-uk import: bad files are reported by file, line and column, and nothing is written', () => {
  it('an unknown header: the file and each unknown column, before anything is read', async () => {
    const file = fixture('bad', 'unknown-header', '2021-06-west-mercia-street.csv');
    const issues = await issuesOf(
      importPoliceUk(store, [fixture('archive'), fixture('bad', 'unknown-header')]),
    );
    expect(issues.map((i) => [i.file, i.line, i.column, i.value])).toEqual([
      [file, 1, '(header column 1)', 'Crime Ref'],
      [file, 1, '(header column 13)', 'Notes'],
    ]);
    expect(issues[0]?.rule).toMatch(
      /^unknown column; expected the published street header \(Crime ID,Month,/,
    );
    await nothingWritten(store);
  });

  it('a header with the published columns out of order is not guessed at', async () => {
    const file = join(dir, 'swapped.csv');
    const cols = STREET_HEADER.split(',');
    [cols[0], cols[1]] = [cols[1] ?? '', cols[0] ?? ''];
    writeFileSync(
      file,
      `${cols.join(',')}\n2021-06,abc,West Mercia Police,West Mercia Police,,,,,,Burglary,,\n`,
    );
    const issues = await issuesOf(importPoliceUk(store, [file]));
    expect(issues.map((i) => [i.file, i.line, i.column])).toEqual([[file, 1, '(header)']]);
    expect(issues[0]?.rule).toMatch(/^columns missing, repeated or out of order/);
    await nothingWritten(store);
  });

  it('an empty file', async () => {
    const issues = await issuesOf(importPoliceUk(store, [fixture('bad', 'empty.csv')]));
    expect(issues.map((i) => [i.file, i.line, i.column])).toEqual([
      [fixture('bad', 'empty.csv'), 1, '(header)'],
    ]);
  });

  it('an unknown crime type', async () => {
    const file = fixture('bad', 'unknown-crime-type.csv');
    const issues = await issuesOf(importPoliceUk(store, [fixture('archive'), file]));
    expect(issues.map((i) => [i.file, i.line, i.column, i.value])).toEqual([
      [file, 4, 'Crime type', 'Burglary (dwelling)'],
    ]);
    expect(issues[0]?.rule).toMatch(/^must be one of: Anti-social behaviour, Bicycle theft, /);
    await nothingWritten(store);
  });

  it('a bad month', async () => {
    const file = fixture('bad', 'bad-month.csv');
    const issues = await issuesOf(importPoliceUk(store, [file]));
    expect(issues).toEqual([
      { file, line: 3, column: 'Month', value: '2021-13', rule: 'must be a month YYYY-MM' },
    ]);
    await nothingWritten(store);
  });

  it('a one-digit month', async () => {
    const file = join(dir, '2021-06-west-mercia-street.csv');
    writeFileSync(
      file,
      `${STREET_HEADER}\nabc,2021-6,West Mercia Police,West Mercia Police,,,No Location,,,Burglary,,\n`,
    );
    const issues = await issuesOf(importPoliceUk(store, [file]));
    expect(issues.map((i) => [i.line, i.column, i.value, i.rule])).toEqual([
      [2, 'Month', '2021-6', 'must be a month YYYY-MM'],
    ]);
  });

  it('a crime (not ASB) without a Crime ID', async () => {
    const file = fixture('bad', 'missing-crime-id.csv');
    const issues = await issuesOf(importPoliceUk(store, [file]));
    // Line 4 is ASB without a Crime ID, which is fine; line 5 is a robbery.
    expect(issues).toEqual([
      {
        file,
        line: 5,
        column: 'Crime ID',
        value: null,
        rule: 'Crime ID is required unless Crime type is Anti-social behaviour or the publisher is one that publishes crimes without one (Police Service of Northern Ireland, British Transport Police)',
      },
    ]);
    await nothingWritten(store);
  });

  it('an unknown force name in Reported by and in Falls within', async () => {
    const file = fixture('bad', 'unknown-force.csv');
    const issues = await issuesOf(importPoliceUk(store, [file]));
    expect(issues.map((i) => [i.file, i.line, i.column, i.value])).toEqual([
      [file, 3, 'Reported by', 'Wessex Constabulary'],
      [file, 4, 'Falls within', 'Mercia Police'],
    ]);
    expect(issues[0]?.rule).toContain('as data.police.uk names it or named it');
    await nothingWritten(store);
  });

  it('several problems in a CRLF file with a BOM: all listed, with the published line numbers', async () => {
    const file = fixture('bad', 'many-errors-crlf.csv');
    const issues = await issuesOf(importPoliceUk(store, [file]));
    const brief = issues.map((i) => [i.line, i.column, i.value]);
    expect(brief).toEqual(
      expect.arrayContaining([
        [3, 'Month', 'June 2021'],
        [4, 'Longitude', '-2.715303'], // Longitude without Latitude
        [5, 'Last outcome category', 'Sent to the moon'],
      ]),
    );
    // Line 6 repeats line 2's Crime ID and month: a published row like any other, not a problem.
    expect(issues.some((i) => i.line === 6)).toBe(false);
    // The short last line is reported by its published line number.
    expect(issues.some((i) => i.line === 7)).toBe(true);
    expect(issues.every((i) => i.file === file)).toBe(true);
    await nothingWritten(store);
  });

  it('a bad outcomes file stops the street files of the same import too', async () => {
    const file = fixture('bad', 'bad-outcomes', '2021-06-west-mercia-outcomes.csv');
    const issues = await issuesOf(importPoliceUk(store, [fixture('bad', 'bad-outcomes')]));
    expect(issues.map((i) => [i.file, i.line, i.column, i.value])).toEqual([
      [file, 3, 'Outcome type', 'Suspect locked up'],
    ]);
    await nothingWritten(store);
  });

  it('an explicitly named stop-and-search file is an error; a zip or other file is refused', async () => {
    const ss = fixture('archive', '2021-05', '2021-05-west-mercia-stop-and-search.csv');
    const issues = await issuesOf(importPoliceUk(store, [ss]));
    expect(issues.map((i) => [i.file, i.line, i.column])).toEqual([[ss, 1, '(header)']]);
    expect(issues[0]?.rule).toMatch(/^a stop-and-search file/);

    const zip = join(dir, 'latest.zip');
    writeFileSync(zip, 'PK');
    const z = await errorOf(importPoliceUk(store, [zip]));
    expect([z.code, z.hint]).toEqual(['BAD_INPUT', expect.stringMatching(/^Unzip/)]);
    const txt = await errorOf(importPoliceUk(store, [fixture('archive', 'README.txt')]));
    expect(txt.code).toBe('BAD_INPUT');
    const missing = await errorOf(importPoliceUk(store, [join(dir, 'nope')]));
    expect(missing.code).toBe('FILE_NOT_FOUND');
    const none = await errorOf(importPoliceUk(store, [dir]));
    expect(none.code).toBe('BAD_INPUT');
    expect(none.message).toMatch(/^No data.police.uk street or outcomes files/);
    await nothingWritten(store);
  });
});

describe('police-uk import: batches', () => {
  it('re-importing the same files replaces the batch', async () => {
    const first = await importPoliceUk(store, [fixture('archive')]);
    const again = await importPoliceUk(store, [fixture('archive')]);
    expect(again.map((r) => [r.batchId, r.rows, r.replacedRows])).toEqual(
      first.map((r) => [r.batchId, r.rows, r.rows]),
    );
    expect(await count(store, 'police_uk_street')).toBe(8);
    expect(await count(store, 'police_uk_outcomes')).toBe(5);
    expect(await count(store, '_batches')).toBe(2);
  });

  it('--batch gets a suffix per kind, and replacing it drops files left out', async () => {
    const r = await importPoliceUk(store, [fixture('archive')], { batchId: 'wm-2021' });
    expect(r.map((x) => x.batchId)).toEqual(['wm-2021:street', 'wm-2021:outcomes']);
    const again = await importPoliceUk(store, [fixture('archive', '2021-05')], {
      batchId: 'wm-2021',
      allowShrink: true,
    });
    expect(again.map((x) => [x.batchId, x.rows, x.replacedRows])).toEqual([
      ['wm-2021:street', 5, 8],
      ['wm-2021:outcomes', 2, 5],
    ]);
    expect(await count(store, "police_uk_street WHERE month = '2021-06'")).toBe(0);
  });

  it('a published file already in another batch is refused once per file, naming the batch', async () => {
    await importPoliceUk(store, [fixture('archive')], { batchId: 'wm-2021' });
    const file = fixture('archive', '2021-05', '2021-05-west-mercia-street.csv');
    const issues = await issuesOf(importPoliceUk(store, [file]));
    expect(issues).toEqual([
      {
        file,
        line: null,
        column: '(file)',
        value: '2021-05-west-mercia-street.csv',
        rule: 'already imported in batch "wm-2021:street"; a batch is replaced as a whole, so import it again with the rest of that batch (--batch wm-2021), or leave this file out',
      },
    ]);
    expect(await count(store, 'police_uk_street')).toBe(8);
  });

  it('the same crimes under another file name and batch are loaded with a warning naming the count', async () => {
    await importPoliceUk(store, [fixture('archive', '2021-05')]);
    const copy = join(dir, 'renamed.csv');
    copyFileSync(fixture('archive', '2021-05', '2021-05-west-mercia-street.csv'), copy);
    const notes: string[] = [];
    await importPoliceUk(store, [copy], { batchId: 'other', onNote: (n) => notes.push(n) });
    // Crimes on lines 2, 3 and 6 share their Crime ID and month with the other file.
    expect(notes).toEqual([
      'Warning: 3 Crime IDs of this import also appear in another published file of the same month; if the same file was loaded twice under two names, remove one batch.',
    ]);
    expect(await count(store, 'police_uk_street')).toBe(10);
  });

  it('the same file reached twice, or two copies of it in one import', async () => {
    // A directory and a file inside it: read once.
    const r = await importPoliceUk(store, [
      fixture('archive', '2021-05'),
      fixture('archive', '2021-05', '2021-05-west-mercia-street.csv'),
    ]);
    expect(r[0]?.rows).toBe(5);
    // Two copies of the same published file in different directories: a duplicate.
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    for (const d of ['a', 'b']) {
      copyFileSync(
        fixture('archive', '2021-06', '2021-06-west-mercia-street.csv'),
        join(dir, d, '2021-06-west-mercia-street.csv'),
      );
    }
    const issues = await issuesOf(importPoliceUk(store, [dir]));
    const second = join(dir, 'b', '2021-06-west-mercia-street.csv');
    expect(issues.map((i) => [i.file, i.line, i.rule])).toEqual([
      [second, 2, 'duplicates a row of another file in this batch (must be unique)'],
      [second, 3, 'duplicates a row of another file in this batch (must be unique)'],
      [second, 4, 'duplicates a row of another file in this batch (must be unique)'],
    ]);
  });

  it('a failure inside the load transaction leaves nothing', async () => {
    const faultAt = (point: string) => {
      if (point === 'after-insert:1') throw new Error('injected');
    };
    await expect(importPoliceUk(store, [fixture('archive')], { faultAt })).rejects.toThrow(
      'injected',
    );
    await nothingWritten(store);
  });

  it('a failure while loading the outcomes batch leaves the street batch loaded (two batches)', async () => {
    let commits = 0;
    const faultAt = (point: string) => {
      if (point === 'before-commit' && ++commits === 2) throw new Error('injected');
    };
    await expect(importPoliceUk(store, [fixture('archive')], { faultAt })).rejects.toThrow(
      'injected',
    );
    expect(await count(store, 'police_uk_street')).toBe(8);
    expect(await count(store, 'police_uk_outcomes')).toBe(0);
  });
});

describe('police-uk import: coordinates', () => {
  it('must be within UK bounds when given; an empty pair is fine and still gets the Crime ID rule', async () => {
    const file = join(dir, '2021-06-west-mercia-street.csv');
    writeFileSync(
      file,
      [
        STREET_HEADER,
        'a1,2021-06,West Mercia Police,West Mercia Police,-2.7,48.1,On or near Broad Street,E01013978,Herefordshire 013C,Burglary,,',
        'a2,2021-06,West Mercia Police,West Mercia Police,12.5,52.1,On or near Broad Street,E01013978,Herefordshire 013C,Burglary,,',
        ',2021-06,West Mercia Police,West Mercia Police,,,No Location,,,Robbery,,',
        'a4,2021-06,West Mercia Police,West Mercia Police,east,52.1,On or near Broad Street,E01013978,Herefordshire 013C,Burglary,,',
        '',
      ].join('\n'),
    );
    const issues = await issuesOf(importPoliceUk(store, [file]));
    expect(issues.map((i) => [i.line, i.column, i.value, i.rule])).toEqual(
      expect.arrayContaining([
        [2, 'Latitude', '48.1', 'must be within the UK (49.8 to 60.9)'],
        [3, 'Longitude', '12.5', 'must be within the UK (-8.7 to 1.8)'],
        [
          4,
          'Crime ID',
          null,
          'Crime ID is required unless Crime type is Anti-social behaviour or the publisher is one that publishes crimes without one (Police Service of Northern Ireland, British Transport Police)',
        ],
        [5, 'Longitude', 'east', 'must be a number'],
      ]),
    );
    expect(issues).toHaveLength(4);
    await nothingWritten(store);
  });
});

describe('police-uk import: default batch ids', () => {
  it('name the forces and months, so another force for the same months is another batch', async () => {
    const mids = join(dir, '2021-05-west-midlands-street.csv');
    writeFileSync(
      mids,
      `${STREET_HEADER}\nm1,2021-05,West Midlands Police,West Midlands Police,-1.9,52.48,On or near Bull Street,E01033620,Birmingham 138A,Robbery,Under investigation,\n`,
    );
    const a = await importPoliceUk(store, [
      fixture('archive', '2021-05', '2021-05-west-mercia-street.csv'),
    ]);
    const b = await importPoliceUk(store, [mids]);
    expect([a[0]?.batchId, b[0]?.batchId]).toEqual([
      'police-uk:west-mercia:2021-05:street',
      'police-uk:west-midlands:2021-05:street',
    ]);
    expect(await count(store, 'police_uk_street')).toBe(6);
  });
});

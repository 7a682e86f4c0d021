import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFactsStore, type FactsStore } from '../../../src/facts/store.ts';
import { importPoliceUk } from '../../../src/facts/police-uk/import-police-uk.ts';
import { ensurePoliceUkViews } from '../../../src/facts/police-uk/views.ts';
import { STREET_HEADER, fixture } from './helpers.ts';
import { withTempStore } from '../../helpers/store.ts';

let store: FactsStore;
let dir: string;
withTempStore((t) => ({ store, dir } = t));

interface CrimeView {
  crime_id: string | null;
  crime_type: string;
  lsoa_name: string | null;
  location: string | null;
  local_authority: string | null;
  current_crime_type: string;
  crime_type_is_legacy: boolean;
  current_outcome: string | null;
  is_asb: boolean;
  has_location: boolean;
  street: string | null;
  outside_force_area: boolean | null;
}

const view = (where = 'true') =>
  store.all<CrimeView & Record<string, unknown>>(
    `SELECT * FROM police_uk_crimes_v WHERE ${where} ORDER BY month, lsoa_name NULLS LAST, crime_type, row_ref`,
  );

const pick = (r: CrimeView | undefined, ...keys: (keyof CrimeView)[]) =>
  Object.fromEntries(keys.map((k) => [k, r?.[k]]));

describe('police_uk_crimes_v', () => {
  it('derives local authority, street and location flags, including names with spaces and commas', async () => {
    await importPoliceUk(store, [fixture('quirks')]);
    const rows = await view();
    expect(
      rows.map((r) => pick(r, 'lsoa_name', 'local_authority', 'street', 'has_location')),
    ).toEqual([
      {
        lsoa_name: 'Bristol, City of 032B',
        local_authority: 'Bristol, City of',
        street: '"The Centre", Broadmead',
        has_location: true,
      },
      {
        lsoa_name: 'County Durham 001A',
        local_authority: 'County Durham',
        street: 'Saddler Street, Market Place, Durham',
        has_location: true,
      },
      {
        lsoa_name: 'County Durham 001A',
        local_authority: 'County Durham',
        street: 'Saddler Street, Market Place, Durham',
        has_location: true,
      },
      // "On or near " with no street name
      {
        lsoa_name: 'Darlington 004B',
        local_authority: 'Darlington',
        street: null,
        has_location: true,
      },
      // No Location: no coordinates, no LSOA
      { lsoa_name: null, local_authority: null, street: null, has_location: false },
    ]);
    expect(rows.find((r) => r.location === 'No Location')?.outside_force_area).toBe(true);
  });

  it('maps legacy crime types and outcomes to current labels where one-to-one, and flags ASB', async () => {
    await importPoliceUk(store, [fixture('legacy')]);
    const rows = await view();
    expect(
      rows
        .map((r) => [
          r.crime_type,
          r.current_crime_type,
          r.crime_type_is_legacy,
          r.current_outcome,
          r.is_asb,
        ])
        .sort(),
    ).toEqual([
      ['Anti-social behaviour', 'Anti-social behaviour', false, null, true],
      ['Other theft', 'Other theft', false, 'Offender given community sentence', false],
      // Split into Public order and Possession of weapons in 2013: no one successor, so kept.
      [
        'Public disorder and weapons',
        'Public disorder and weapons',
        true,
        'Offender sent to prison',
        false,
      ],
      [
        'Violent crime',
        'Violence and sexual offences',
        true,
        'Investigation complete; no suspect identified',
        false,
      ],
    ]);
  });

  it('flags rows outside the force area by the districts of its police force area, whatever their share', async () => {
    // 150 West Mercia rows in 2021-08: Powys holds 2 (1.3%; in Dyfed-Powys, so outside, where the
    // old 1% rule called it inside), Birmingham 1 (West Midlands).
    const line = (i: number, lsoa: string, name: string) =>
      `c${i},2021-08,West Mercia Police,West Mercia Police,-2.7,52.1,On or near High Street,${lsoa},${name},Burglary,Under investigation,`;
    const lines = [STREET_HEADER];
    let i = 0;
    for (let n = 0; n < 100; n++) lines.push(line(i++, 'E01013978', 'Herefordshire 013C'));
    for (let n = 0; n < 46; n++) lines.push(line(i++, 'E01028947', 'Shropshire 020B'));
    for (let n = 0; n < 2; n++) lines.push(line(i++, 'W01000400', 'Powys 009A'));
    lines.push(line(i++, 'E01033620', 'Birmingham 138A'));
    lines.push(
      `c${i},2021-08,West Mercia Police,West Mercia Police,,,No Location,,,Burglary,Under investigation,`,
    );
    const file = join(dir, '2021-08-west-mercia-street.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    // Shares are per force and month: the force's other months do not count.
    await importPoliceUk(store, [file, fixture('archive', '2021-06')]);

    const byLa = await store.all<{
      local_authority: string | null;
      n: bigint;
      outside: boolean | null;
    }>(
      `SELECT local_authority, count(*) AS n, any_value(outside_force_area) AS outside
       FROM police_uk_crimes_v WHERE month = '2021-08' GROUP BY ALL ORDER BY n DESC, local_authority NULLS LAST`,
    );
    expect(byLa.map((r) => [r.local_authority, Number(r.n), r.outside])).toEqual([
      ['Herefordshire', 100, false],
      ['Shropshire', 46, false],
      ['Powys', 2, true],
      ['Birmingham', 1, true],
      [null, 1, true],
    ]);
    // Kept, not errors: all 150 rows are loaded.
    expect((await view("month = '2021-08'")).length).toBe(150);
  });

  it('leaves outside_force_area NULL for forces without a territorial area (PSNI, BTP)', async () => {
    await importPoliceUk(store, [fixture('psni')]);
    const rows = await view();
    expect(rows.map((r) => r.outside_force_area)).toEqual([null, null, null]);
  });

  it('police_uk_outcomes_v: current outcome labels and the crime type from the street data', async () => {
    await importPoliceUk(store, [fixture('legacy')]);
    const rows = await store.all<{
      outcome_type: string;
      current_outcome: string;
      outcome_is_legacy: boolean;
      crime_type: string | null;
      current_crime_type: string | null;
      local_authority: string;
    }>(
      'SELECT outcome_type, current_outcome, outcome_is_legacy, crime_type, current_crime_type, local_authority FROM police_uk_outcomes_v ORDER BY row_ref',
    );
    expect(rows).toEqual([
      {
        outcome_type: 'No further action',
        current_outcome: 'Investigation complete; no suspect identified',
        outcome_is_legacy: true,
        crime_type: 'Violent crime',
        current_crime_type: 'Violence and sexual offences',
        local_authority: 'Herefordshire',
      },
      {
        outcome_type: 'Offender imprisoned',
        current_outcome: 'Offender sent to prison',
        outcome_is_legacy: true,
        crime_type: 'Public disorder and weapons',
        current_crime_type: 'Public disorder and weapons',
        local_authority: 'Herefordshire',
      },
      {
        outcome_type: 'Suspect found not guilty',
        current_outcome: 'Defendant found not guilty',
        outcome_is_legacy: true,
        crime_type: 'Public disorder and weapons',
        current_crime_type: 'Public disorder and weapons',
        local_authority: 'Herefordshire',
      },
    ]);
  });

  it('exist on a fresh store once ensured, and survive reopening a store on disk', async () => {
    await ensurePoliceUkViews(store);
    expect(await view()).toEqual([]);

    const onDisk = await openFactsStore(join(dir, 'data'));
    await importPoliceUk(onDisk, [fixture('archive')]);
    onDisk.close();
    // Reopening recreates the reference tables the views join to.
    const reopened = await openFactsStore(join(dir, 'data'));
    try {
      const [r] = await reopened.all<{ n: bigint }>(
        'SELECT count(*) AS n FROM police_uk_crimes_v WHERE is_asb',
      );
      expect(Number(r?.n)).toBe(3);
    } finally {
      reopened.close();
    }
  });
});

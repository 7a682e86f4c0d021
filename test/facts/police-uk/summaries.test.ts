import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFactsStore, type FactsStore } from '../../../src/facts/store.ts';
import { importPoliceUk } from '../../../src/facts/police-uk/import-police-uk.ts';
import {
  countsByLocalAuthority,
  countsByMonthAndCrimeType,
  countsByOutcome,
  topLsoas,
} from '../../../src/facts/police-uk/summaries.ts';
import { errorOf, fixture } from './helpers.ts';

let store: FactsStore;

beforeAll(async () => {
  store = await openFactsStore(':memory:');
  await importPoliceUk(store, [fixture('archive'), fixture('quirks'), fixture('legacy')]);
});
afterAll(() => store.close());

const WM = { force: 'West Mercia Police' } as const;

describe('police-uk summaries', () => {
  it('counts by month × crime type, legacy labels under their successor', async () => {
    expect(await countsByMonthAndCrimeType(store, WM)).toEqual([
      { month: '2013-04', crimeType: 'Anti-social behaviour', count: 1 },
      { month: '2013-04', crimeType: 'Other theft', count: 1 },
      { month: '2013-04', crimeType: 'Public disorder and weapons', count: 1 },
      { month: '2013-04', crimeType: 'Violence and sexual offences', count: 1 },
      { month: '2021-05', crimeType: 'Anti-social behaviour', count: 2 },
      { month: '2021-05', crimeType: 'Burglary', count: 1 },
      { month: '2021-05', crimeType: 'Shoplifting', count: 1 },
      { month: '2021-05', crimeType: 'Violence and sexual offences', count: 1 },
      { month: '2021-06', crimeType: 'Anti-social behaviour', count: 1 },
      { month: '2021-06', crimeType: 'Vehicle crime', count: 1 },
      { month: '2021-06', crimeType: 'Violence and sexual offences', count: 1 },
    ]);
    expect(
      await countsByMonthAndCrimeType(store, {
        ...WM,
        from: '2021-06',
        to: '2021-06',
        crimeType: 'Violence and sexual offences',
      }),
    ).toEqual([{ month: '2021-06', crimeType: 'Violence and sexual offences', count: 1 }]);
  });

  it('counts by local authority, with rows outside the force area counted', async () => {
    expect(await countsByLocalAuthority(store, { force: 'Durham Constabulary' })).toEqual([
      { localAuthority: 'County Durham', count: 2, outsideForceArea: 0 },
      // Bristol is in Avon and Somerset's force area, not Durham's.
      { localAuthority: 'Bristol, City of', count: 1, outsideForceArea: 1 },
      { localAuthority: 'Darlington', count: 1, outsideForceArea: 0 },
      { localAuthority: null, count: 1, outsideForceArea: 1 },
    ]);
    expect(
      await countsByLocalAuthority(store, {
        force: 'Durham Constabulary',
        withinForceAreaOnly: true,
      }),
    ).toEqual([
      { localAuthority: 'County Durham', count: 2, outsideForceArea: 0 },
      { localAuthority: 'Darlington', count: 1, outsideForceArea: 0 },
    ]);
  });

  it('the top N LSOAs', async () => {
    expect(await topLsoas(store, { ...WM, from: '2021-01' }, 2)).toEqual([
      {
        lsoaCode: 'E01013978',
        lsoaName: 'Herefordshire 013C',
        localAuthority: 'Herefordshire',
        count: 3,
      },
      { lsoaCode: 'E01032399', lsoaName: 'Worcester 010D', localAuthority: 'Worcester', count: 2 },
    ]);
    expect(await topLsoas(store, { localAuthority: 'Worcester' })).toEqual([
      { lsoaCode: 'E01032399', lsoaName: 'Worcester 010D', localAuthority: 'Worcester', count: 2 },
      { lsoaCode: 'E01032400', lsoaName: 'Worcester 011A', localAuthority: 'Worcester', count: 1 },
    ]);
  });

  it('counts crimes (not ASB) by current outcome category', async () => {
    expect(await countsByOutcome(store, { ...WM, to: '2013-12' })).toEqual([
      { outcome: 'Investigation complete; no suspect identified', count: 1 },
      { outcome: 'Offender given community sentence', count: 1 },
      { outcome: 'Offender sent to prison', count: 1 },
    ]);
    expect(await countsByOutcome(store, { ...WM, from: '2021-05' })).toEqual([
      { outcome: 'Under investigation', count: 2 },
      { outcome: 'Awaiting court outcome', count: 1 },
      { outcome: 'Investigation complete; no suspect identified', count: 1 },
      { outcome: 'Offender given a caution', count: 1 },
    ]);
  });

  it('binds values as parameters and checks months and limits', async () => {
    // A force name is resolved against the reference first: anything else is refused.
    expect((await errorOf(countsByMonthAndCrimeType(store, { force: "x' OR '1'='1" }))).code).toBe(
      'BAD_INPUT',
    );
    expect((await errorOf(countsByMonthAndCrimeType(store, { from: '2021-6' }))).code).toBe(
      'BAD_PERIOD',
    );
    expect((await errorOf(topLsoas(store, {}, 0))).code).toBe('BAD_INPUT');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.ts';
import { openFactsStore } from '../../../src/facts/store.ts';
import { importPoliceUk } from '../../../src/facts/police-uk/import-police-uk.ts';
import { policeUkReportData } from '../../../src/facts/police-uk/report-data.ts';
import { policeUkSectionHtml } from '../../../src/report/police-uk-section.ts';
import { buildReport } from '../../../src/report/assemble.ts';
import { parsePeriod } from '../../../src/measures/period.ts';
import { monthGaps } from '../../../src/facts/status.ts';
import { STREET_HEADER, fixture, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => void;
let dataDir: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
});
afterEach(() => cleanup());

const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

async function load(...paths: string[]) {
  const r = await cli('import', 'police-uk', ...paths);
  expect(r.code, r.err).toBe(0);
}

describe('bluelamp police-uk summary', () => {
  it('--format json prints {"rows": [...]} with the chosen keys, each published row counted once', async () => {
    await load(fixture('published'));
    const r = await cli(
      'police-uk',
      'summary',
      '--by',
      'month',
      '--by',
      'crime_type',
      '--force',
      'Devon and Cornwall Constabulary',
      '--format',
      'json',
    );
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      rows: [
        { month: '2013-06', crime_type: 'Anti-social behaviour', count: 1 },
        { month: '2013-06', crime_type: 'Burglary', count: 2 },
        { month: '2013-06', crime_type: 'Public order', count: 1 },
        { month: '2013-06', crime_type: 'Violence and sexual offences', count: 1 },
      ],
    });
    // Keys in the order asked for, the count last.
    expect(Object.keys(JSON.parse(r.out).rows[0])).toEqual(['month', 'crime_type', 'count']);
  });

  it('groups by outcome, local authority and LSOA, filters by month, and writes CSV and tables', async () => {
    await load(fixture('published'));
    const byOutcome = await cli(
      'police-uk',
      'summary',
      '--by',
      'outcome',
      '--force',
      'metropolitan',
      '--json',
    );
    expect(JSON.parse(byOutcome.out).rows).toEqual([
      { outcome: 'Investigation complete; no suspect identified', count: 1 },
      { outcome: 'Offender given community sentence', count: 1 },
      { outcome: null, count: 1 },
    ]);
    const csv = await cli(
      'police-uk',
      'summary',
      '--by',
      'local_authority,month',
      '--from',
      '2016-03',
      '--to',
      '2016-03',
      '--format',
      'csv',
    );
    expect(csv.out.split('\n').slice(0, 3)).toEqual([
      'local_authority,month,count',
      'Camden,2016-03,3',
      'City of London,2016-03,20',
    ]);
    const lsoa = await cli('police-uk', 'summary', '--by', 'lsoa', '--force', 'btp');
    expect(lsoa.out).toContain('lsoa       lsoa_name        count');
    expect(lsoa.out).toContain('E01000914  Camden 028B          1');
    expect(lsoa.out).toContain('2 groups, 2 published rows');
  });

  it('refuses an unknown dimension, force, month or format as bad input (exit 2)', async () => {
    await load(fixture('published'));
    for (const args of [
      ['--by', 'street'],
      ['--by', 'month', '--force', 'Wessex Constabulary'],
      ['--by', 'month', '--from', '2013-13'],
      ['--by', 'month', '--format', 'xml'],
    ]) {
      const r = await cli('police-uk', 'summary', ...args);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});

describe('bluelamp export police_uk_street|police_uk_outcomes', () => {
  it('writes the published layout, in published order, and the file imports again', async () => {
    await load(fixture('published', '2013-06'));
    const out = join(dir, 'out');
    mkdirSync(out);
    const street = join(out, '2013-06-all-street.csv');
    const r = await cli('export', 'police_uk_street', '--out', street);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Exported 11 police_uk_street rows');
    const lines = readFileSync(street, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(STREET_HEADER);
    expect(lines).toHaveLength(12);
    // Published order: the BTP file first (by name), its rows in line order.
    expect(lines[1]).toContain('British Transport Police');
    const outcomes = join(out, '2013-06-all-outcomes.csv');
    expect((await cli('export', 'police_uk_outcomes', '--out', outcomes)).code).toBe(0);

    const other = await openFactsStore(join(dir, 'other'));
    try {
      const results = await importPoliceUk(other, [street, outcomes]);
      expect(results.map((x) => x.rows)).toEqual([11, 3]);
    } finally {
      other.close();
    }
  });
});

describe('bluelamp status: month coverage per source', () => {
  it('lists each police.uk force’s months and the gaps between them', async () => {
    const feb = join(dir, '2016-01-city-of-london-street.csv');
    writeFileSync(
      feb,
      `${STREET_HEADER}\r\nabc,2016-01,City of London Police,City of London Police,-0.09,51.51,On or near Cheapside,E01000001,City of London 001A,Other theft,,\r\n`,
    );
    await load(fixture('published'), feb);
    const r = await cli('status');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      'police_uk_street: City of London Police: 2016-01 to 2016-03, 2 months; gaps: 2016-02',
    );
    expect(r.out).toContain(
      'police_uk_street: Devon & Cornwall Police: 2013-06 to 2013-06, 1 month; no gaps',
    );
    const json = JSON.parse((await cli('status', '--json')).out);
    expect(json.coverage).toContainEqual({
      source: 'police_uk_outcomes: Devon & Cornwall Police',
      table: 'police_uk_outcomes',
      force: 'Devon & Cornwall Police',
      from: '2013-06',
      to: '2013-06',
      months: 1,
      gaps: [],
    });
  });

  it('writes gaps as single months or ranges', () => {
    expect(monthGaps(['2013-11', '2014-02', '2014-03', '2014-05'])).toEqual([
      '2013-12..2014-01',
      '2014-04',
    ]);
    expect(monthGaps(['2020-01'])).toEqual([]);
  });
});

describe('the report’s data.police.uk section', () => {
  it('trend with SPC per crime type, top LSOAs and local authorities, outcome mix — counted as published', async () => {
    const store = await openFactsStore(':memory:');
    try {
      // 14 months of City of London: 10 to 16 thefts a month, then 40 in the last month.
      const lines = [STREET_HEADER];
      let id = 0;
      for (let m = 0; m < 14; m++) {
        const month = `20${15 + Math.floor((m + 1) / 12)}-${String(((m + 1) % 12) + 1).padStart(2, '0')}`;
        const n = m === 13 ? 40 : 10 + (m % 3) * 3;
        for (let i = 0; i < n; i++)
          lines.push(
            `c${id++},${month},City of London Police,City of London Police,-0.09,51.51,On or near Cheapside,E01000001,City of London 001A,Other theft,Under investigation,`,
          );
      }
      const file = join(dir, '2015-02-city-of-london-street.csv');
      writeFileSync(file, `${lines.join('\r\n')}\r\n`);
      await importPoliceUk(store, [file, fixture('published', '2016-03')]);
      const data = await policeUkReportData(store, { lastMonth: '2016-03' });
      expect(data).not.toBeNull();
      if (!data) return;
      expect(data.months).toHaveLength(14);
      const theft = data.trends.find((t) => t.crimeType === 'Other theft');
      expect(theft?.counts.at(-1)).toBe(60); // 40 + the fixture's 20 in 2016-03
      expect(theft?.outsideMonths).toEqual(['2016-03']);
      expect(theft?.lastReading).toBe('Above UCL');
      expect(data.topLsoas[0]).toMatchObject({ lsoaCode: 'E01000001', count: 226 });
      expect(data.localAuthorities.find((l) => l.localAuthority === 'Camden')).toEqual({
        localAuthority: 'Camden',
        count: 3,
        outsideForceArea: 3,
      });
      expect(data.outcomes.reduce((n, o) => n + o.count, 0)).toBe(data.totalRows);

      const section = policeUkSectionHtml(data);
      expect(section).toContain('id="section-police-uk"');
      expect(section).toContain('Above UCL');
      const { html } = await buildReport({
        forceName: 'City of London Police',
        period: parsePeriod('2015/16-Q4'),
        lpa: null,
        results: [],
        commentary: {},
        generatedAt: '2016-04-10T09:00:00Z',
        policeUk: data,
      });
      expect(html).toContain('href="#section-police-uk"');
      expect(html).toContain('City of London 001A (E01000001)');
      const without = await buildReport({
        forceName: 'City of London Police',
        period: parsePeriod('2015/16-Q4'),
        lpa: null,
        results: [],
        commentary: {},
        generatedAt: '2016-04-10T09:00:00Z',
      });
      expect(without.html).not.toContain('section-police-uk');
    } finally {
      store.close();
    }
  });

  it('is absent when no data.police.uk data is loaded', async () => {
    const store = await openFactsStore(':memory:');
    try {
      expect(await policeUkReportData(store)).toBeNull();
    } finally {
      store.close();
    }
  });
});

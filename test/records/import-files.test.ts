import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentaryFor } from '../../src/app/commentary.ts';
import { approvedQuotes } from '../../src/app/quotes.ts';
import { listRebases } from '../../src/app/rebases.ts';
import { readSettings } from '../../src/app/settings.ts';
import { importDataDirFiles, MIGRATED_SUFFIX } from '../../src/records/import-files.ts';
import { openRecordsStore } from '../../src/records/open.ts';
import { tempDir } from '../helpers/files.ts';
import { rows } from './stores.ts';

// The one-time move of the data directory's JSON files into the records store at open.

const clock = { now: () => new Date('2021-07-05T09:00:00Z') };
const AT = '2021-07-01T09:00:00.000Z';

const FILES = {
  'commentary.json': {
    '2021/22-Q1|': {
      oc16_rate: { text: 'Force reading', author: 'J Analyst', updatedAt: AT },
      'section:demand:outlook': { text: 'Busy summer', author: 'J Analyst', updatedAt: AT },
    },
    '2021/22-Q1|North': { oc16_rate: { text: 'North reading', author: 'K', updatedAt: AT } },
    // A slot of the earliest files: the period alone.
    '2021/22-Q2': { _summary: { text: 'Old summary', author: 'A', updatedAt: AT } },
  },
  'quotes.json': {
    decisions: {
      'S-1:went_well': {
        status: 'approved',
        by: 'A',
        at: AT,
        survey: 'burglary',
        question: 'went_well',
        month: '2021-04',
        text: 'The officer was kind',
      },
      'S-2:went_well': {
        status: 'rejected',
        by: 'A',
        at: AT,
        reason: 'identifying',
        survey: 'burglary',
        question: 'went_well',
        month: '2021-05',
      },
    },
  },
  'rebases.json': {
    rebases: [
      {
        measureId: 'priority_residential_burglary',
        month: '2020-04',
        reason: 'COVID-19',
        approvedBy: 'Head of Performance',
        recordedAt: AT,
      },
    ],
  },
  'settings.json': { forceName: 'Northshire Police', lpaPopulations: { North: 200000 } },
} as const;

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('bluelamp-import-files-'));
});
afterEach(() => cleanup());

const write = (files: Record<string, unknown>) => {
  for (const [name, body] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(body));
};

describe('moving the JSON files into the records store', () => {
  it('imports every file at open, in one go, and renames each to .migrated', async () => {
    write(FILES);
    const { records, db } = await openRecordsStore({ dataDir: dir, clock });
    try {
      const q1 = await commentaryFor(records, '2021/22-Q1', null);
      expect(q1.measures.oc16_rate).toMatchObject({ text: 'Force reading', author: 'J Analyst' });
      expect(q1.sections.demand?.outlook?.text).toBe('Busy summer');
      expect((await commentaryFor(records, '2021/22-Q1', 'North')).measures.oc16_rate?.text).toBe(
        'North reading',
      );
      expect((await commentaryFor(records, '2021/22-Q2', null)).summary?.text).toBe('Old summary');
      expect((await approvedQuotes(records, '2021/22-Q1')).map((q) => q.id)).toEqual([
        'S-1:went_well',
      ]);
      expect((await records.quotes.decisions())['S-2:went_well']).toMatchObject({
        status: 'rejected',
        reason: 'identifying',
      });
      expect(await listRebases(records)).toEqual(FILES['rebases.json'].rebases);
      expect(await readSettings(records)).toEqual(FILES['settings.json']);
      const imported = await records.audit.list({ action: 'records_imported' });
      expect(imported.map((a) => a.subject).sort()).toEqual([
        'file:commentary.json',
        'file:quotes.json',
        'file:rebases.json',
        'file:settings.json',
      ]);
      expect(JSON.stringify(imported)).not.toMatch(/reading|kind|J Analyst/);
      for (const name of Object.keys(FILES)) {
        expect(existsSync(join(dir, name))).toBe(false);
        expect(existsSync(join(dir, `${name}${MIGRATED_SUFFIX}`))).toBe(true);
      }

      // A crash after the commit, before the renames: the files come back, and importing them
      // again changes nothing.
      write(FILES);
      await records.commentary.set(
        { period: '2021/22-Q3', lpa: null, key: 'oc16_rate' },
        { text: 'Written since', author: 'B', updatedAt: AT },
        { userId: null, via: 'cli' },
      );
      const count = async () =>
        (await rows(db, sql`select count(*)::int as n from commentary`))[0]?.n;
      const before = await count();
      expect(await importDataDirFiles(db, dir, clock, ['commentary', 'settings'])).toEqual([
        'commentary.json',
        'settings.json',
      ]);
      expect(await count()).toBe(before);
      expect(await readSettings(records)).toEqual(FILES['settings.json']);
    } finally {
      await records.close();
    }
  });

  it('does not import a file again once moved, and keeps changes made since', async () => {
    write({ 'rebases.json': FILES['rebases.json'] });
    const first = await openRecordsStore({ dataDir: dir, clock });
    await first.records.rebases.remove('priority_residential_burglary', '2020-04', {
      userId: null,
      via: 'cli',
    });
    await first.records.close();
    const again = await openRecordsStore({ dataDir: dir, clock });
    try {
      expect(await listRebases(again.records)).toEqual([]);
      expect(await again.records.audit.list({ action: 'records_imported' })).toHaveLength(1);
    } finally {
      await again.records.close();
    }
  });

  it.each([
    ['commentary.json', '{"2021/22-Q1|": {"oc16_rate": {"text": 3}}}', /not a commentary file/],
    ['settings.json', '{"lpaPopulations": {"North": -5}}', /not a settings file.*lpaPopulations/],
    ['quotes.json', '{"decisions": ', /not valid JSON, so not a quote decisions file/],
  ])(
    'refuses to open with a damaged %s, naming it and leaving every file as it was',
    async (name, body, message) => {
      write({ 'rebases.json': FILES['rebases.json'] });
      writeFileSync(join(dir, name), body);
      const opening = openRecordsStore({ dataDir: dir, clock });
      await expect(opening).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
      await expect(opening).rejects.toThrow(join(dir, name));
      await expect(opening).rejects.toThrow(message);
      expect(readFileSync(join(dir, name), 'utf8')).toBe(body);
      // Nothing was imported, not even the sound file beside it.
      expect(existsSync(join(dir, 'rebases.json'))).toBe(true);
      expect(existsSync(join(dir, `rebases.json${MIGRATED_SUFFIX}`))).toBe(false);
    },
  );
});

import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { COMMENTARY_FILE, commentaryFor, commentaryTexts } from '../../src/app/commentary.ts';
import { LOCK_FILE } from '../../src/lib/lock.ts';
import { catalogue } from '../../src/measures/load-catalogue.ts';
import { REPORT_LAYOUT } from '../../src/report/layout.ts';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { clearRecordsOf, withRecordsOf } from '../records/stores.ts';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let cleanup: () => void;
let dataDir: string;
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
const Q1 = '2021/22-Q1';
const Q2 = '2021/22-Q2';

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1')]);
  expect((await runCli(['--data-dir', dataDir, 'import', 'crimes', f])).code).toBe(0);
});
afterAll(() => cleanup());
afterEach(async () => {
  rmSync(join(dataDir, COMMENTARY_FILE), { force: true });
  await clearRecordsOf(dataDir, ['commentary']);
});
/** What the records hold for a period, as the report reads it. */
const stored = (period: string, lpa: string | null) =>
  withRecordsOf(dataDir, (r) => commentaryFor(r, period, lpa));

describe('commentary set', () => {
  it('writes per measure, per section part, per section and the summary; atomically, lock released', async () => {
    expect((await cli('commentary', 'set', 'oc16_rate', '--period', Q1, '--text', 'A')).code).toBe(
      0,
    );
    const s = await cli(
      'commentary',
      'set',
      '--section',
      'demand',
      '--part',
      'outlook',
      '--period',
      Q1,
      '--text',
      'Demand will rise in summer',
      '--author',
      'J Analyst',
    );
    expect(s.out).toBe(`Commentary saved for section demand (outlook), ${Q1}.`);
    await cli('commentary', 'set', '--section', 'service', '--period', Q1, '--text', 'General');
    await cli('commentary', 'set', '_summary', '--period', Q1, '--text', 'Overall');
    const c = await stored(Q1, null);
    expect(c.measures.oc16_rate).toMatchObject({ text: 'A', carriedForward: false, period: Q1 });
    expect(c.sections.demand?.outlook).toMatchObject({
      text: 'Demand will rise in summer',
      author: 'J Analyst',
      carriedForward: false,
    });
    expect(c.sections.service?.general?.text).toBe('General');
    expect(c.summary?.text).toBe('Overall');
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('empty text removes the entry', async () => {
    await cli('commentary', 'set', 'oc16_rate', '--period', Q1, '--text', 'A');
    const r = await cli('commentary', 'set', 'oc16_rate', '--period', Q1, '--text', '  ');
    expect(r.out).toBe(`Commentary removed for oc16_rate, ${Q1}.`);
    expect((await stored(Q1, null)).measures).toEqual({});
  });

  it.each([
    [['nope_measure', '--text', 'x'], /nope_measure/],
    [['--section', 'nowhere', '--text', 'x'], /no report section "nowhere"/],
    [
      ['--section', 'demand', '--part', 'why', '--text', 'x'],
      /--part must be one of focus, drivers, actions, outlook/,
    ],
    [['oc16_rate', '--part', 'focus', '--text', 'x'], /--part goes with --section/],
    [['oc16_rate', '--section', 'demand', '--text', 'x'], /not both/],
    [['--text', 'x'], /Name a measure/],
    [['oc16_rate'], /either --text or --carry-forward/],
    [['oc16_rate', '--text', 'x'.repeat(4001)], /limited to 4,000 characters/],
  ])('refuses %j with exit 2 and writes nothing', async (args, message) => {
    const r = await cli('commentary', 'set', ...args, '--period', Q1);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect((await stored(Q1, null)).measures).toEqual({});
  });
});

describe('carried forward', () => {
  it("offers last quarter's text as a draft until this quarter's is written", async () => {
    await cli('commentary', 'set', 'oc16_rate', '--period', Q1, '--text', 'Q1 reading');
    await cli(
      'commentary',
      'set',
      '--section',
      'demand',
      '--part',
      'drivers',
      '--period',
      Q1,
      '--text',
      'Q1 drivers',
    );
    const draft = await stored(Q2, null);
    expect(draft.measures.oc16_rate).toMatchObject({
      text: 'Q1 reading',
      carriedForward: true,
      period: Q1,
    });
    expect(draft.sections.demand?.drivers).toMatchObject({ carriedForward: true, period: Q1 });
    // Today's report is told it is a draft, in its text.
    expect(commentaryTexts(draft).oc16_rate).toBe(
      `Carried forward from ${Q1}, not yet reviewed: Q1 reading`,
    );
    const list = await cli('commentary', 'list', '--period', Q2);
    expect(list.out).toMatch(
      /^oc16_rate \(analyst, .*\) \[carried forward from 2021\/22-Q1: edit it/m,
    );

    await cli('commentary', 'set', 'oc16_rate', '--period', Q2, '--text', 'Q2 reading');
    const edited = await stored(Q2, null);
    expect(edited.measures.oc16_rate).toMatchObject({ text: 'Q2 reading', carriedForward: false });
    expect(edited.sections.demand?.drivers?.carriedForward).toBe(true);
    // Only one period back: Q3 sees Q2's text, not Q1's section drivers.
    const q3 = await stored('2021/22-Q3', null);
    expect(q3.measures.oc16_rate?.text).toBe('Q2 reading');
    expect(q3.sections.demand).toBeUndefined();
  });

  it('--carry-forward keeps the draft as this period’s text; refused when there is none', async () => {
    await cli('commentary', 'set', 'oc16_rate', '--period', Q1, '--text', 'Still true');
    const kept = await cli('commentary', 'set', 'oc16_rate', '--period', Q2, '--carry-forward');
    expect(kept.code).toBe(0);
    expect((await stored(Q2, null)).measures.oc16_rate).toMatchObject({
      text: 'Still true',
      carriedForward: false,
      period: Q2,
    });
    const again = await cli('commentary', 'set', 'oc16_rate', '--period', Q2, '--carry-forward');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already has commentary for 2021/22-Q2');
    const none = await cli('commentary', 'set', 'sat_hate', '--period', Q2, '--carry-forward');
    expect(none.code).toBe(1);
    expect(none.err).toContain('no commentary for the period before 2021/22-Q2');
  });

  it('an LPA’s commentary is its own', async () => {
    await cli(
      'commentary',
      'set',
      'oc16_rate',
      '--period',
      Q1,
      '--text',
      'Force',
      '--lpa',
      'North',
    );
    expect((await stored(Q1, null)).measures).toEqual({});
    expect((await stored(Q1, 'North')).measures.oc16_rate?.text).toBe('Force');
  });
});

describe('commentary list --missing', () => {
  const gold = catalogue().filter((m) => m.tier === 'gold');

  it('lists every gold measure, every report section and the summary when nothing is written', async () => {
    const r = await cli('commentary', 'list', '--period', Q1, '--missing', '--json');
    const { missing } = JSON.parse(r.out) as { missing: { kind: string; id: string }[] };
    expect(missing.filter((x) => x.kind === 'measure').map((x) => x.id)).toEqual(
      gold.map((m) => m.id),
    );
    expect(missing.filter((x) => x.kind === 'section').map((x) => x.id)).toEqual(
      REPORT_LAYOUT.map((s) => s.id),
    );
    expect(missing.filter((x) => x.kind === 'summary')).toHaveLength(1);
  });

  it('drops what is written, keeps drafts as missing (marked), ignores silver measures', async () => {
    const first = gold[0]?.id as string;
    const silver = catalogue().find((m) => m.tier === 'silver')?.id as string;
    await cli('commentary', 'set', first, '--period', Q2, '--text', 'done');
    await cli('commentary', 'set', silver, '--period', Q2, '--text', 'silver note');
    await cli(
      'commentary',
      'set',
      '--section',
      'demand',
      '--part',
      'focus',
      '--period',
      Q2,
      '--text',
      'f',
    );
    await cli('commentary', 'set', '_summary', '--period', Q1, '--text', 'old summary');
    const r = await cli('commentary', 'list', '--period', Q2, '--missing');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      `${gold.length - 1 + REPORT_LAYOUT.length - 1 + 1} without commentary for ${Q2}:`,
    );
    expect(r.out).not.toMatch(new RegExp(`^  ${first} `, 'm'));
    expect(r.out).not.toMatch(/--section demand /);
    expect(r.out).toMatch(/--section service /);
    expect(r.out).toMatch(
      /^ {2}_summary +Overall summary \(draft carried forward from 2021\/22-Q1\)$/m,
    );
  });

  it('says so when nothing is missing', async () => {
    // Written straight into the records (one open, not one command per entry).
    const keys = [
      ...gold.map((m) => m.id),
      ...REPORT_LAYOUT.map((x) => `section:${x.id}:general`),
      '_summary',
    ];
    const entry = { text: 'ok', author: 'analyst', updatedAt: '2021-07-05T09:00:00.000Z' };
    const actor = { userId: null, via: 'cli' } as const;
    await withRecordsOf(dataDir, async (r) => {
      for (const key of keys) await r.commentary.set({ period: Q1, lpa: null, key }, entry, actor);
    });
    const r = await cli('commentary', 'list', '--period', Q1, '--missing');
    expect(r.out).toMatch(/^Nothing missing/);
  }, 60_000);
});

describe('reading', () => {
  it('a typo in --data-dir is refused, not read as "no commentary"', async () => {
    const r = await runCli(['--data-dir', join(dir, 'typo'), 'commentary', 'list', '--period', Q1]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no Bluelamp data here');
  });

  it('a damaged commentary file is named, not overwritten', async () => {
    await cli('commentary', 'set', 'oc16_rate', '--period', Q1, '--text', 'A');
    const path = join(dataDir, COMMENTARY_FILE);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, '{"2021/22-Q1|": {"oc16_rate": {"text": 3}}}');
    const r = await cli('commentary', 'set', 'sat_hate', '--period', Q1, '--text', 'B');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${path}: not a commentary file`);
    expect(readFileSync(path, 'utf8')).toContain('"text": 3');
  });

  it('moves the file of earlier versions (measure ids only) into the records, once', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(dataDir, COMMENTARY_FILE),
      JSON.stringify({
        '2021/22-Q1|': {
          oc16_rate: { text: 'old', author: 'a', updatedAt: '2021-07-01T09:00:00.000Z' },
          _summary: { text: 'sum', author: 'a', updatedAt: '2021-07-01T09:00:00.000Z' },
        },
      }),
    );
    const c = await stored(Q1, null);
    expect(c.measures.oc16_rate?.text).toBe('old');
    expect(c.summary?.text).toBe('sum');
    expect(existsSync(join(dataDir, COMMENTARY_FILE))).toBe(false);
    expect(existsSync(join(dataDir, `${COMMENTARY_FILE}.migrated`))).toBe(true);
    rmSync(join(dataDir, `${COMMENTARY_FILE}.migrated`));
  });
});

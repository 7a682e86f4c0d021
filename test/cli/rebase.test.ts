import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO_REBASES,
  listRebases,
  REBASES_FILE,
  recordDemoRebases,
} from '../../src/app/rebases.ts';
import { LOCK_FILE } from '../../src/lib/lock.ts';
import { monthsBetween } from '../../src/measures/period.ts';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { clearRecordsOf, withRecordsOf } from '../records/stores.ts';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let cleanup: () => void;
let dataDir: string;
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
const REASON = 'COVID-19 lockdown: a new, lower level';

/**
 * Hate crimes a month, 2018-07 to 2021-06 (the 36 months charted for 2021/22-Q1): about 20
 * until March 2020, about 8 from April 2020, a step like the demo force's COVID one.
 */
function hateCrimes(): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const [i, month] of monthsBetween('2018-07', '2021-06').entries()) {
    const n = (month < '2020-04' ? 20 : 8) + ((i * 7) % 5) - 2;
    for (let k = 0; k < n; k++)
      rows.push(
        crime(`H${month}-${k}`, {
          recorded_at: `${month}-${String(1 + (k % 27)).padStart(2, '0')}T12:00:00`,
          hate: 'true',
        }),
      );
  }
  return rows;
}

interface Spc {
  rebases: { period: string; reason: string; approvedBy: string; date: string }[];
  points: { period: string; mean: number | null; pointType: string }[];
}
const spcOf = async (): Promise<Spc> => {
  const r = await cli('measure', 'priority_hate', '--period', '2021/22-Q1', '--json');
  expect(r.code, r.err).toBe(0);
  return (JSON.parse(r.out) as { spc: Spc }).spc;
};

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  const f = writeTableCsv(dir, 'crimes.csv', 'crimes', hateCrimes());
  expect((await runCli(['--data-dir', dataDir, 'import', 'crimes', f])).code).toBe(0);
}, 60_000);
afterAll(() => cleanup());
afterEach(async () => {
  rmSync(join(dataDir, REBASES_FILE), { force: true });
  rmSync(join(dataDir, `${REBASES_FILE}.migrated`), { force: true });
  await clearRecordsOf(dataDir, ['spc_rebases']);
});
const stored = (measureId?: string) => withRecordsOf(dataDir, (r) => listRebases(r, measureId));

describe('bluelamp spc rebase', () => {
  it('records a rebase that the engine applies: limits from the rebase month, reason on the chart', async () => {
    const before = await spcOf();
    expect(before.rebases).toEqual([]);
    // One set of limits over both levels: the later months sit below the mean as special cause.
    expect(new Set(before.points.map((p) => p.mean)).size).toBe(1);
    expect(
      before.points
        .filter((p) => p.period >= '2020-04')
        .every((p) => p.pointType !== 'common_cause'),
    ).toBe(true);

    const r = await cli(
      'spc',
      'rebase',
      'priority_hate',
      '--at',
      '2020-04',
      '--reason',
      REASON,
      '--approver',
      'Head of Performance',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Rebase recorded: priority_hate from 2020-04');
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const after = await spcOf();
    expect(after.rebases).toEqual([
      { period: '2020-04', reason: REASON, approvedBy: 'Head of Performance', date: '2021-07-05' },
    ]);
    const early = after.points.filter((p) => p.period < '2020-04');
    const late = after.points.filter((p) => p.period >= '2020-04');
    expect(new Set(early.map((p) => p.mean)).size).toBe(1);
    expect(new Set(late.map((p) => p.mean)).size).toBe(1);
    expect(late[0]?.mean).toBeLessThan(10);
    expect(early[0]?.mean).toBeGreaterThan(18);
    expect(late.every((p) => p.pointType === 'common_cause')).toBe(true);

    // The scorecard applies it too.
    const card = await cli('scorecard', '--period', '2021/22-Q1', '--json');
    const hate = (JSON.parse(card.out) as { measures: { id: string; spc: Spc }[] }).measures.find(
      (m) => m.id === 'priority_hate',
    );
    expect(hate?.spc.rebases.map((x) => x.reason)).toEqual([REASON]);
  }, 60_000);

  it('lists, replaces and removes', async () => {
    await cli(
      'spc',
      'rebase',
      'priority_hate',
      '--at',
      '2020-04',
      '--reason',
      'first',
      '--approver',
      'A',
    );
    const again = await cli(
      'spc',
      'rebase',
      'priority_hate',
      '--at',
      '2020-04',
      '--reason',
      'second',
      '--approver',
      'B',
    );
    expect(again.out).toContain('Rebase replaced');
    await cli(
      'spc',
      'rebase',
      'sat_hate',
      '--at',
      '2019-10',
      '--reason',
      'new survey provider',
      '--approver',
      'C',
    );
    const list = await cli('spc', 'rebase', 'list');
    expect(list.out.split('\n')).toEqual([
      'priority_hate from 2020-04: second (approved by B; recorded 2021-07-05)',
      'sat_hate from 2019-10: new survey provider (approved by C; recorded 2021-07-05)',
    ]);
    const json = await cli('spc', 'rebase', 'list', '--measure', 'sat_hate', '--json');
    expect(JSON.parse(json.out)).toEqual({ rebases: await stored('sat_hate') });
    expect(await stored('sat_hate')).toHaveLength(1);

    const rm = await cli('spc', 'rebase', 'remove', 'priority_hate', '--at', '2020-04');
    expect(rm.code, rm.err).toBe(0);
    expect((await stored()).map((x) => x.measureId)).toEqual(['sat_hate']);
    const gone = await cli('spc', 'rebase', 'remove', 'priority_hate', '--at', '2020-04');
    expect(gone.code).toBe(1);
    expect(gone.err).toContain('No rebase is recorded for priority_hate at 2020-04');
  });

  it.each([
    [['no_such_measure', '--at', '2020-04', '--reason', 'r', '--approver', 'a'], /no_such_measure/],
    [
      ['priority_hate', '--at', '2020-13', '--reason', 'r', '--approver', 'a'],
      /--at must be a month written YYYY-MM/,
    ],
    [
      ['priority_hate', '--at', '2020/04', '--reason', 'r', '--approver', 'a'],
      /--at must be a month/,
    ],
    [['priority_hate', '--at', '2021-08', '--reason', 'r', '--approver', 'a'], /in the future/],
    [
      ['priority_hate', '--at', '2020-04', '--reason', ' ', '--approver', 'a'],
      /--reason must not be empty/,
    ],
    [['priority_hate', '--at', '2020-04', '--reason', 'r'], /--approver is required/],
    [['crime_shoplifting', '--at', '2020-04', '--reason', 'r', '--approver', 'a'], /legacy limits/],
  ])('refuses %j with exit 2, recording nothing', async (args, message) => {
    const r = await cli('spc', 'rebase', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(await stored()).toEqual([]);
  });

  it('`bluelamp spc` on a series still works beside its rebase subcommand', async () => {
    const r = await runCli(['spc', '--json'], { stdin: '{"y": [1, 2, 3, 4, 5, 6]}' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).groups).toHaveLength(1);
  });

  it("the demo's documented rebase (COVID-19, April 2020) passes the command's checks and is recorded", async () => {
    expect(DEMO_REBASES.map((r) => [r.measureId, r.month])).toEqual([
      ['priority_residential_burglary', '2020-04'],
    ]);
    for (const r of DEMO_REBASES) {
      const x = await cli(
        'spc',
        'rebase',
        r.measureId,
        '--at',
        r.month,
        '--reason',
        r.reason,
        '--approver',
        r.approvedBy,
      );
      expect(x.code, x.err).toBe(0);
    }
    await clearRecordsOf(dataDir, ['spc_rebases']);
    await withRecordsOf(dataDir, (r) => recordDemoRebases(r, new Date('2021-07-05T09:00:00Z')));
    expect(await stored()).toEqual(
      DEMO_REBASES.map((r) => ({ ...r, recordedAt: '2021-07-05T09:00:00.000Z' })),
    );
  });
});

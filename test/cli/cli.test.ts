import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock } from '../../src/lib/lock.ts';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let cleanup: () => void;
let dataDir: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
});
afterEach(() => cleanup());

describe('bluelamp CLI', () => {
  it('imports, reports status as JSON, and exports', async () => {
    const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1'), crime('C2')]);
    const imp = await runCli(['--data-dir', dataDir, 'import', 'crimes', f]);
    expect(imp.code).toBe(0);
    expect(imp.out).toMatch(/^Imported 2 crimes rows as batch "crimes:crimes.csv"/);
    const status = await runCli(['--data-dir', dataDir, 'status', '--json']);
    expect(status.code).toBe(0);
    const s = JSON.parse(status.out);
    expect(s.tables.find((t: { table: string }) => t.table === 'crimes')).toMatchObject({
      rows: 2,
      batches: 1,
      from: '2021-04-10 10:00:00',
    });
    expect(s.lastImport).toBe('2021-07-05T10:00:00');
    const out = join(dir, 'out.csv');
    const exp = await runCli([
      '--data-dir',
      dataDir,
      'export',
      'crimes',
      '--format',
      'csv',
      '--out',
      out,
    ]);
    expect(exp.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[1]).toMatch(/^C1,2021-04-10T10:00:00,/);
  });

  it('bad input exits 2, lists the problems and writes the full report', async () => {
    const f = writeTableCsv(
      dir,
      'crimes.csv',
      'crimes',
      Array.from({ length: 25 }, (_, i) => crime(`C${i}`, { lpa: '' })),
    );
    const r = await runCli(['--data-dir', dataDir, 'import', 'crimes', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('crimes: 25 problems found in 1 file; nothing was imported.');
    expect(r.err).toContain(`${f}:2 column lpa: is required`);
    expect(r.err).toContain('… and 5 more (25 in all), listed in the full report.');
    const reports = readdirSync(join(dataDir, 'reports'));
    expect(reports).toHaveLength(1);
    const csv = readFileSync(join(dataDir, 'reports', reports[0] as string), 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(26);
    expect(csv[0]).toBe('file,line,column,value,rule');
    expect(r.err).toContain('What to do:');
  });

  it('exit codes: unknown table 2, unknown command 2, --help 0, locked data directory 1', async () => {
    expect((await runCli(['--data-dir', dataDir, 'import', 'nope', join(dir, 'x.csv')])).code).toBe(
      2,
    );
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const help = await runCli(['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('re-importing a batch id replaces that batch');
    const lock = acquireLock(dataDir, 'serve');
    try {
      const r = await runCli(['--data-dir', dataDir, 'status']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/in use by process \d+ on .* running "serve"/);
    } finally {
      lock.release();
    }
  });

  it('BLUELAMP_DATA_DIR chooses the data directory', async () => {
    const env = { BLUELAMP_DATA_DIR: dataDir };
    const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1')]);
    expect((await runCli(['import', 'crimes', f], { env })).code).toBe(0);
    expect(existsSync(join(dataDir, 'facts.duckdb'))).toBe(true);
    const r = await runCli(['status'], { env });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Data directory: ${dataDir}`);
  });

  it('spc reads JSON on standard input and prints the contract', async () => {
    const y = [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 30];
    const r = await runCli(['spc', '--json'], {
      stdin: JSON.stringify({ y, improvementDirection: 'decrease' }),
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.points.at(-1)).toMatchObject({
      specialCauseType: 'Above UCL',
      pointType: 'special_cause_concern',
    });
    expect(out.variationIcon).toBe('special_cause_concern');
    const csv = join(dir, 'series.csv');
    writeFileSync(csv, 'period,value\n2021-01,x\n');
    const bad = await runCli(['spc', '--input', csv]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('series.csv');
  });

  it('measure prints a table-shaped result under its column names', async () => {
    await runCli([
      '--data-dir',
      dataDir,
      'import',
      'crimes',
      writeTableCsv(dir, 'c.csv', 'crimes', [crime('C1'), crime('C2')]),
    ]);
    const outcomes = writeTableCsv(dir, 'o.csv', 'outcomes', [
      { crime_id: 'C1', outcome_type: '16', outcome_at: '2021-05-01T09:00:00' },
      { crime_id: 'C2', outcome_type: '1', outcome_at: '2021-05-02T09:00:00' },
    ]);
    expect((await runCli(['--data-dir', dataDir, 'import', 'outcomes', outcomes])).code).toBe(0);
    const r = await runCli([
      '--data-dir',
      dataDir,
      'measure',
      'outcomes_table',
      '--period',
      '2021/22-Q1',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '  outcome_type | outcome | group | count | share | count_two_years_ago | share_two_years_ago',
    );
    expect(r.out).toContain(
      // Two years earlier is before the outcomes data (May 2021 on): unknown, not 0.
      '  16 | Evidential difficulties: suspect identified; victim does not support action | evidential_victim_does_not_support | 1 | 0.500 | — | —',
    );
  });

  it('scorecard and measure refuse a bad period with a hint', async () => {
    const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1')]);
    expect((await runCli(['--data-dir', dataDir, 'import', 'crimes', f])).code).toBe(0);
    const r = await runCli(['--data-dir', dataDir, 'scorecard', '--period', '2021-Q1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('"2021-Q1" is not a period.');
    expect(r.err).toContain('2021/22-Q1');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { runCli } from '../helpers/cli.ts';

/**
 * The scorecard and measure commands say what their numbers cover: the months of data, periods
 * outside them refused, force-wide figures marked in an LPA view, a measure's own window named.
 */
let dir: string;
let cleanup: () => void;
let dataDir: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  const crimes = writeTableCsv(dir, 'crimes.csv', 'crimes', [
    crime('C1', { recorded_at: '2021-04-10T10:00:00' }),
    crime('C2', { recorded_at: '2021-06-10T10:00:00', lpa: 'South' }),
  ]);
  expect((await runCli(['--data-dir', dataDir, 'import', 'crimes', crimes])).code).toBe(0);
  const calls = writeTableCsv(dir, 'calls.csv', 'calls', [
    { call_id: 'K1', line: '999', offered_at: '2021-05-01T10:00:00', answered_after_seconds: '4' },
  ]);
  expect((await runCli(['--data-dir', dataDir, 'import', 'calls', calls])).code).toBe(0);
}, 60_000);

afterAll(() => cleanup());

const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

describe('scorecard and measure on what the data covers', () => {
  it('a period wholly outside the data is refused, exit 2, naming the months covered', async () => {
    const r = await cli('scorecard', '--period', '2025/26-Q1');
    expect(r.code).toBe(2);
    expect(r.err).toContain('No data covers 2025/26-Q1: the data covers April 2021 – June 2021.');
    expect(r.out).toBe('');
  });

  it('the scorecard says which months the data covers, and shows no met / NOT MET without data', async () => {
    const r = await cli('scorecard', '--period', '2021/22-Q1');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toBe('Data: April 2021 – June 2021.');
    // No victims, surveys, incidents or audits: those rows are "no data", never judged.
    const row = (title: string) => r.out.split('\n').find((l) => l.startsWith(title)) ?? '';
    expect(row('Burglary victim satisfaction')).toMatch(/no data\s.*no data in window/);
    expect(row("Victims' Code compliance")).toMatch(/no data/);
    expect(row('Victims with ethnicity recorded')).not.toMatch(/NOT MET|\bmet\b/);
  });

  it('an LPA scorecard marks every force-wide figure, in text and in JSON', async () => {
    const r = await cli('scorecard', '--period', '2021/22-Q1', '--lpa', 'North');
    expect(r.code).toBe(0);
    const row = (title: string) => r.out.split('\n').find((l) => l.startsWith(title)) ?? '';
    expect(row('999 calls answered within 10 seconds')).toMatch(/force-wide/);
    expect(row('Crime data integrity')).toMatch(/force-wide/);
    expect(row('High-harm repeat nominals')).toMatch(/force-wide/);
    expect(row('Total recorded crime')).not.toMatch(/force-wide/);
    expect(r.out).toContain("the force's figure is shown, not North's");
    const json = await cli('scorecard', '--period', '2021/22-Q1', '--lpa', 'North', '--json');
    const card = JSON.parse(json.out) as {
      coverage: { label: string };
      measures: { id: string; scope: string; lpa: string | null }[];
    };
    expect(card.coverage.label).toBe('April 2021 – June 2021');
    const calls = card.measures.find((m) => m.id === 'calls_999_10s');
    expect(calls).toMatchObject({ scope: 'force', lpa: null });
    expect(card.measures.find((m) => m.id === 'crime_total')).toMatchObject({
      scope: 'lpa',
      lpa: 'North',
    });
  });

  it('measure names its own window when the period asked for is of another kind', async () => {
    const r = await cli('measure', 'crime_total', '--period', '2021-06');
    expect(r.out).toContain('Window: 2021-06\n');
    const cdi = await cli('measure', 'cdi_compliance', '--period', '2021-06', '--lpa', 'South');
    expect(cdi.out.split('\n')[0]).toContain(
      'whole force (force-wide: not counted by local policing area)',
    );
    expect(cdi.out).toContain(
      "Window: 2021/22 to 2021-06 (this measure's own window; the period asked for is 2021-06)",
    );
  });
});

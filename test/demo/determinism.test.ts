/**
 * The demo is deterministic: the same seed and scale give byte-identical files; a different
 * seed gives different data. Small runs (scale 0.05, and a 6-month run) keep this quick.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoSummary } from '../../src/demo/generate.ts';
import { PROJECT_TABLE_NAMES } from '../../src/facts/tables.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'bluelamp-demo-det-'));
  dirs.push(d);
  return d;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function digests(summary: DemoSummary): Record<string, string> {
  return Object.fromEntries(
    PROJECT_TABLE_NAMES.map((t) => [
      t,
      createHash('sha256').update(readFileSync(summary.tables[t].path)).digest('hex'),
    ]),
  );
}

describe('demo determinism', () => {
  it('same seed and scale (0.05, 48 months) → byte-identical files for every table', async () => {
    const a = await generateDemo({ seed: 11, scale: 0.05, outDir: tempDir() });
    const b = await generateDemo({ seed: 11, scale: 0.05, outDir: tempDir() });
    expect(digests(b)).toEqual(digests(a));
    for (const t of PROJECT_TABLE_NAMES) expect(b.tables[t].rows, t).toBe(a.tables[t].rows);
  });

  it('a different seed → different crimes, people, incidents, calls and surveys', async () => {
    const a = digests(await generateDemo({ seed: 11, scale: 0.05, outDir: tempDir(), months: 6 }));
    const b = digests(await generateDemo({ seed: 12, scale: 0.05, outDir: tempDir(), months: 6 }));
    for (const t of [
      'crimes',
      'people',
      'crime_victims',
      'outcomes',
      'incidents',
      'calls',
      'survey_responses',
    ] as const) {
      expect(b[t], t).not.toBe(a[t]);
    }
  });

  it('the months option (test-only) limits the run and is itself deterministic', async () => {
    const a = await generateDemo({ seed: 5, scale: 0.05, outDir: tempDir(), months: 3 });
    const b = await generateDemo({ seed: 5, scale: 0.05, outDir: tempDir(), months: 3 });
    expect(a.lastMonth).toBe('2018-06');
    expect(digests(b)).toEqual(digests(a));
    const crimes = readFileSync(a.tables.crimes.path, 'utf8').trim().split('\n').slice(1);
    expect(crimes.length).toBeGreaterThan(0);
    for (const line of crimes) expect(line.split(',')[1]! < '2018-07-01').toBe(true);
  });

  it('rejects bad options with a clear message', async () => {
    await expect(generateDemo({ seed: 1.5, scale: 1, outDir: tempDir() })).rejects.toThrow(
      /seed must be an integer/,
    );
    await expect(generateDemo({ seed: 1, scale: 0, outDir: tempDir() })).rejects.toThrow(
      /scale must be/,
    );
    await expect(
      generateDemo({ seed: 1, scale: 1, outDir: tempDir(), months: 49 }),
    ).rejects.toThrow(/months must be/);
  });
});

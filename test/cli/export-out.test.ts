import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from '../../src/cli/out-file.ts';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let cleanup: () => void;
let dataDir: string;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  const f = writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1'), crime('C2')]);
  expect((await runCli(['--data-dir', dataDir, 'import', 'crimes', f])).code).toBe(0);
});
afterEach(() => cleanup());

const exportTo = (out: string, ...extra: string[]) =>
  runCli(['--data-dir', dataDir, 'export', 'crimes', '--out', out, ...extra]);

async function storeStillWorks() {
  const s = await runCli(['--data-dir', dataDir, 'status', '--json']);
  expect(s.code).toBe(0);
  const tables = JSON.parse(s.out).tables as { table: string; rows: number }[];
  expect(tables.find((t) => t.table === 'crimes')?.rows).toBe(2);
}

describe('export --out never writes into the data directory', () => {
  for (const name of ['facts.duckdb', 'bluelamp.lock', join('reports', 'x.csv'), 'new.csv']) {
    it(`refuses ${name} inside the data directory, and the store survives`, async () => {
      const before = statSync(join(dataDir, 'facts.duckdb')).size;
      const r = await exportTo(join(dataDir, name), '--force');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is inside the data directory/);
      expect(r.err).not.toMatch(/internal error/);
      expect(existsSync(join(dataDir, 'bluelamp.lock'))).toBe(false);
      expect(statSync(join(dataDir, 'facts.duckdb')).size).toBe(before);
      await storeStillWorks();
    });
  }

  it('refuses the data directory reached through a link or a relative spelling', async () => {
    symlinkSync(dataDir, join(dir, 'alias'));
    expect((await exportTo(join(dir, 'alias', 'facts.duckdb'), '--force')).code).toBe(2);
    expect((await exportTo(join(dataDir, '..', 'data', 'facts.duckdb'), '--force')).code).toBe(2);
    await storeStillWorks();
  });
});

describe('export --out onto an existing file or into a missing folder', () => {
  it('refuses an existing file unless --force, leaving it as it was', async () => {
    const out = join(dir, 'out.csv');
    writeFileSync(out, 'precious\n');
    const r = await exportTo(out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/already exists/);
    expect(r.err).toMatch(/--force/);
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    expect((await exportTo(out, '--force')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^crime_id,/);
  });

  it('a missing folder or a folder as --out is a user error, not a bug', async () => {
    const missing = await exportTo(join(dir, 'nope', 'out.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/the folder .*nope does not exist/);
    expect(missing.err).not.toMatch(/internal error|at .*\.ts:/);
    const folder = await exportTo(dir, '--force');
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/is a folder/);
  });

  it('writes the file whole: nothing beside it is left behind', async () => {
    const out = join(dir, 'out.parquet');
    expect((await exportTo(out, '--format', 'parquet')).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('out.parquet'))).toEqual(['out.parquet']);
  });
});

describe('writeAtomically', () => {
  it('a write that fails leaves neither a partial file nor a changed target', async () => {
    const target = join(dir, 'target.csv');
    writeFileSync(target, 'old\n');
    await expect(
      writeAtomically(target, async (tmp) => {
        writeFileSync(tmp, 'half');
        throw new Error('disk went away');
      }),
    ).rejects.toThrow('disk went away');
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).filter((f) => f.includes('target'))).toEqual(['target.csv']);
    const fresh = join(dir, 'fresh.csv');
    await expect(
      writeAtomically(fresh, async () => {
        throw new Error('no');
      }),
    ).rejects.toThrow();
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('export --help', () => {
  it('says the import-format export is exact and not neutralised', async () => {
    const r = await runCli(['export', '--help']);
    expect(r.out).toMatch(/exact, for round trips/);
    expect(r.out).toMatch(/NOT neutralised/);
    expect(r.out).toMatch(/--force/);
  });
});

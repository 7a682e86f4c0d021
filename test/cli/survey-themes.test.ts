import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir, writeTableCsv } from '../helpers/files.ts';

let dir: string;
let cleanup: () => void;
let dataDir: string;
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

const answer = (
  id: string,
  survey: string,
  lpa: string,
  at: string,
  question: string,
  text: string,
) => ({
  response_id: id,
  survey,
  lpa,
  neighbourhood: `${lpa} 01`,
  interviewed_at: at,
  question,
  answer: text,
});

/** What the victims wrote that must never be printed. */
const SECRETS = ['Sarah Jones', 'Jones', '07700 900123', '900123'];

// Worked by hand for 2021/22-Q1 (the July answer, the scale answer and "Nothing" left out):
//   S-1 North Apr  "[officer] kept me updated and was very kind"  communication, attitude  positive
//   S-1 North Apr  "Please ring me on [phone]"                     no theme                 neutral
//   S-2 South May  "Nobody told me what happened in the end"      communication, outcome   negative
//   S-3 North Jun  "Waited too long on 101"                        timeliness, access       negative
//   S-4 South Jun  "Officers were polite and respectful"           professionalism          positive
const ROWS = [
  answer('S-1', 'burglary', 'North', '2021-04-10T10:00:00', 'whole_experience', 'Very satisfied'),
  answer(
    'S-1',
    'burglary',
    'North',
    '2021-04-10T10:00:00',
    'went_well',
    'PC Sarah Jones kept me updated and was very kind',
  ),
  answer(
    'S-1',
    'burglary',
    'North',
    '2021-04-10T10:00:00',
    'could_be_better',
    'Please ring me on 07700 900123',
  ),
  answer('S-2', 'hate', 'South', '2021-05-03T11:00:00', 'went_well', 'Nothing'),
  answer(
    'S-2',
    'hate',
    'South',
    '2021-05-03T11:00:00',
    'could_be_better',
    'Nobody told me what happened in the end',
  ),
  answer('S-3', 'sms', 'North', '2021-06-20T18:00:00', 'sms_comment', 'Waited too long on 101'),
  answer(
    'S-4',
    'burglary',
    'South',
    '2021-06-25T09:00:00',
    'went_well',
    'Officers were polite and respectful',
  ),
  answer('S-5', 'burglary', 'North', '2021-07-02T09:00:00', 'went_well', 'Quick and kind'),
];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  const f = writeTableCsv(dir, 'survey.csv', 'survey_responses', ROWS);
  const r = await runCli(['--data-dir', dataDir, 'import', 'survey_responses', f]);
  expect(r.code, r.err).toBe(0);
}, 60_000);
afterAll(() => cleanup());

interface Json {
  comments: number;
  framework: { name: string; source: string };
  tables: {
    segment: string | null;
    comments: number;
    all: { positive: number; neutral: number; negative: number };
    rows: {
      theme: string;
      total: number;
      positive: number;
      neutral: number;
      negative: number;
      share: number;
    }[];
  }[];
  trend: {
    months: { month: string; comments: number }[];
    rows: { theme: string; cells: { count: number }[] }[];
  };
  examples: { theme: string; total: number; examples: { id: string; text: string }[] }[];
}

const row = (t: Json['tables'][number], theme: string) => {
  const r = t.rows.find((x) => x.theme === theme)!;
  return [r.total, r.positive, r.neutral, r.negative];
};

describe('bluelamp survey themes', () => {
  it('--format json: theme × sentiment, the trend and the examples, as worked by hand', async () => {
    const r = await cli('survey', 'themes', '--period', '2021/22-Q1', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(j.comments).toBe(5);
    expect(j.framework).toEqual({ name: 'Police contact (default)', source: 'default' });
    const [all] = j.tables;
    expect(all!.all).toEqual({ positive: 2, neutral: 1, negative: 2, total: 5 });
    expect(row(all!, 'communication')).toEqual([2, 1, 0, 1]);
    expect(row(all!, 'attitude')).toEqual([1, 1, 0, 0]);
    expect(row(all!, 'outcome')).toEqual([1, 0, 0, 1]);
    expect(row(all!, 'timeliness')).toEqual([1, 0, 0, 1]);
    expect(row(all!, 'access')).toEqual([1, 0, 0, 1]);
    expect(row(all!, 'professionalism')).toEqual([1, 1, 0, 0]);
    expect(row(all!, 'none')).toEqual([1, 0, 1, 0]);
    expect(all!.rows.find((x) => x.theme === 'communication')!.share).toBe(0.4);
    expect(j.trend.months).toEqual([
      { month: '2021-04', comments: 2 },
      { month: '2021-05', comments: 1 },
      { month: '2021-06', comments: 2 },
    ]);
    expect(
      j.trend.rows.find((x) => x.theme === 'communication')!.cells.map((c) => c.count),
    ).toEqual([1, 1, 0]);
    const comms = j.examples.find((e) => e.theme === 'communication')!;
    // Newest first: May's before April's.
    expect(comms.examples.map((e) => e.id)).toEqual(['S-2:could_be_better', 'S-1:went_well']);
    expect(comms.examples[1]!.text).toBe('[officer] kept me updated and was very kind');
    for (const s of SECRETS) expect(r.out).not.toContain(s);
  });

  it('--by lpa --format csv: one block of rows per area', async () => {
    const r = await cli(
      'survey',
      'themes',
      '--period',
      '2021/22-Q1',
      '--by',
      'lpa',
      '--format',
      'csv',
    );
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('segment,theme,theme_label,comments,share,positive,neutral,negative');
    expect(lines).toContain('North,access,Access and contact,1,0.3333,0,0,1');
    expect(lines).toContain('North,none,No theme,1,0.3333,0,1,0');
    expect(lines).toContain('North,all,All comments,3,1,1,1,1');
    expect(lines).toContain('South,communication,Communication and updates,1,0.5,0,0,1');
    expect(lines).toContain('South,all,All comments,2,1,1,0,1');
    expect(lines).toHaveLength(1 + 2 * 8);
  });

  it('table: the counts and the redacted examples, never the original text', async () => {
    const r = await cli('survey', 'themes', '--period', '2021/22-Q1', '--survey', 'burglary');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Themes in 3 free-text answers, Q1 2021/22 (burglary survey).');
    expect(r.out).toMatch(/Communication and updates\s+1\s+33%\s+1\s+0\s+0/);
    expect(r.out).toMatch(/All comments\s+3\s+2\s+1\s+0/);
    expect(r.out).toContain('"Please ring me on [phone]"  [S-1:could_be_better]');
    expect(r.out).toContain('"[officer] kept me updated and was very kind"');
    for (const s of SECRETS) expect(r.out).not.toContain(s);
  });

  it('uses the data directory’s themes.json, or --framework', async () => {
    const own = {
      name: 'Kindness only',
      themes: [{ id: 'kindness', label: 'Kindness', phrases: ['kind'] }],
      sentimentCues: [],
    };
    const path = join(dir, 'own.json');
    writeFileSync(path, JSON.stringify(own));
    const r = await cli(
      'survey',
      'themes',
      '--period',
      '2021/22-Q1',
      '--format',
      'json',
      '--framework',
      path,
    );
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(j.framework).toEqual({ name: 'Kindness only', source: 'own.json' });
    expect(j.tables[0]!.rows.map((x) => [x.theme, x.total])).toEqual([
      ['kindness', 1],
      ['none', 4],
    ]);
    writeFileSync(join(dataDir, 'themes.json'), JSON.stringify(own));
    try {
      const p = await cli('survey', 'framework');
      expect(p.code, p.err).toBe(0);
      expect(JSON.parse(p.out)).toEqual(own);
      expect(p.err).toContain('Kindness only (from themes.json), 1 themes, 0 sentiment cues');
    } finally {
      writeFileSync(join(dataDir, 'themes.json'), JSON.stringify({ ...own, themes: [] }));
    }
    const bad = await cli('survey', 'themes', '--period', '2021/22-Q1');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('themes.json: field themes: themes must hold at least one theme.');
    rmSync(join(dataDir, 'themes.json'));
  });

  it('refuses bad options with exit 2, naming the option', async () => {
    const by = await cli('survey', 'themes', '--period', '2021/22-Q1', '--by', 'colour');
    expect(by.code).toBe(2);
    expect(by.err).toContain('--by must be one of lpa, month, quarter, survey, not "colour".');
    const survey = await cli('survey', 'themes', '--period', '2021/22-Q1', '--survey', 'cats');
    expect(survey.code).toBe(2);
    expect(survey.err).toContain('--survey must be one of');
    const period = await cli('survey', 'themes', '--period', 'soon');
    expect(period.code).not.toBe(0);
    expect(period.err).toContain('"soon" is not a period.');
  });

  it('says so when the period has no free-text answers', async () => {
    const r = await cli('survey', 'themes', '--period', '2020/21-Q1');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('No free-text answers for Q1 2020/21.');
  });
});

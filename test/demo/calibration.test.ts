/**
 * The synthetic force at scale 1 reproduces calibration.md: every figure below is computed
 * from the generated CSV files (read back with DuckDB), never from the generator's own
 * parameters. Tolerances are in the test names. Seed 20210630 (the CLI default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoSummary } from '../../src/demo/generate.ts';
import { LPAS } from '../../src/demo/force.ts';
import {
  callPerformance,
  highHarmNominals,
  openAt,
  openDemo,
  outcomesAssigned,
  repeatVictimRate,
  satisfaction,
  trc,
  unresourcedAt0600,
  type DemoDb,
} from './support.ts';

let dir: string;
let db: DemoDb;
let summary: DemoSummary;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bluelamp-demo-cal-'));
  summary = await generateDemo({ seed: 20210630, scale: 1, outDir: dir });
  db = await openDemo(dir);
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const Q1_21: [string, string] = ['2021-04-01', '2021-07-01'];
const Q1_19: [string, string] = ['2019-04-01', '2019-07-01'];
const Q1_20: [string, string] = ['2020-04-01', '2020-07-01'];
const Q4_20: [string, string] = ['2021-01-01', '2021-04-01'];

const n = async (sql: string): Promise<number> => {
  const row = await db.one<Record<string, number>>(sql);
  return Number(Object.values(row)[0]);
};
const within = (actual: number, target: number, relative: number) =>
  expect(Math.abs(actual - target) / target, `${actual} vs ${target}`).toBeLessThanOrEqual(
    relative,
  );
const near = (actual: number, target: number, points: number) =>
  expect(Math.abs(actual - target), `${actual.toFixed(4)} vs ${target}`).toBeLessThanOrEqual(
    points,
  );

describe('recorded crime (calibration table)', () => {
  it('total recorded crime (excluding crimed incidents) Q1 2021/22 within 5% of 21,009', async () => {
    within((await db.one<{ n: number }>(trc(...Q1_21))).n, 21009, 0.05);
  });

  it('total recorded crime Q1 2019/20 within 5% of 21,497', async () => {
    within((await db.one<{ n: number }>(trc(...Q1_19))).n, 21497, 0.05);
  });

  it('each scorecard group Q1 2021/22 within max(10%, 3√n) of its row', async () => {
    const { CRIME_GROUPS } = await import('../../src/demo/calibration.ts');
    const { OFFENCE_SUBGROUPS } = await import('../../src/facts/reference/offence-subgroups.ts');
    const rows = await db.all<{ sg: string; n: number }>(
      `SELECT offence_subgroup AS sg, count(*) AS n FROM crimes WHERE NOT crimed_incident AND recorded_at >= '${Q1_21[0]}' AND recorded_at < '${Q1_21[1]}' GROUP BY 1`,
    );
    const byGroup = new Map<string, number>();
    for (const r of rows) {
      const g = OFFENCE_SUBGROUPS.find((s) => s.subgroup === r.sg)!.scorecardGroup;
      byGroup.set(g, (byGroup.get(g) ?? 0) + r.n);
    }
    for (const [g, cal] of Object.entries(CRIME_GROUPS)) {
      const got = byGroup.get(g) ?? 0;
      expect(Math.abs(got - cal.q1_2021), `${g}: ${got} vs ${cal.q1_2021}`).toBeLessThanOrEqual(
        Math.max(0.1 * cal.q1_2021, 3 * Math.sqrt(cal.q1_2021)),
      );
    }
  });

  it('DA features in about 1 in 5 notifiable crimes (18–22%) in Q1 2021/22', async () => {
    const share = await n(
      `SELECT avg(domestic_abuse::INT) FROM crimes WHERE NOT crimed_incident AND recorded_at >= '${Q1_21[0]}' AND recorded_at < '${Q1_21[1]}'`,
    );
    expect(share).toBeGreaterThanOrEqual(0.18);
    expect(share).toBeLessThanOrEqual(0.22);
  });

  it('priorities (crimes and crimed incidents) within 8% (CSE 25%): DA 6,883, hate 708, vulnerable adult 4,378, child at risk 6,447, CSE 137; 2019/20: 6,705, 453, 3,511, 5,391, 179', async () => {
    const count = (flag: string, [from, to]: [string, string]) =>
      n(
        `SELECT count(*) FROM crimes WHERE ${flag} AND recorded_at >= '${from}' AND recorded_at < '${to}'`,
      );
    within(await count('domestic_abuse', Q1_21), 6883, 0.08);
    within(await count('hate', Q1_21), 708, 0.08);
    within(await count('vulnerable_adult', Q1_21), 4378, 0.08);
    within(await count('child_at_risk', Q1_21), 6447, 0.08);
    within(await count('cse', Q1_21), 137, 0.25);
    within(await count('domestic_abuse', Q1_19), 6705, 0.08);
    within(await count('hate', Q1_19), 453, 0.1);
    within(await count('vulnerable_adult', Q1_19), 3511, 0.08);
    within(await count('child_at_risk', Q1_19), 5391, 0.08);
    within(await count('cse', Q1_19), 179, 0.25);
  });

  it('cyber-enabled (1,421; 804) and alcohol-related (1,475; 1,694) notifiable crimes within 8%', async () => {
    const count = (flag: string, [from, to]: [string, string]) =>
      n(
        `SELECT count(*) FROM crimes WHERE ${flag} AND NOT crimed_incident AND recorded_at >= '${from}' AND recorded_at < '${to}'`,
      );
    within(await count('cyber_enabled', Q1_21), 1421, 0.08);
    within(await count('cyber_enabled', Q1_19), 804, 0.08);
    within(await count('alcohol_related', Q1_21), 1475, 0.08);
    within(await count('alcohol_related', Q1_19), 1694, 0.08);
  });

  it('COVID dip: Q1 2020/21 at least 10% below Q1 2019/20, acquisitive falling most; Q1 2021/22 recovers above Q4 2020/21', async () => {
    const q119 = (await db.one<{ n: number }>(trc(...Q1_19))).n;
    const q120 = (await db.one<{ n: number }>(trc(...Q1_20))).n;
    const q420 = (await db.one<{ n: number }>(trc(...Q4_20))).n;
    const q121 = (await db.one<{ n: number }>(trc(...Q1_21))).n;
    expect(q120).toBeLessThan(q119 * 0.9);
    expect(q121).toBeGreaterThan(q420 * 1.1);
    const ratio = async (subs: string) => {
      const c = (r: [string, string]) =>
        n(
          `SELECT count(*) FROM crimes WHERE NOT crimed_incident AND offence_subgroup IN (${subs}) AND recorded_at >= '${r[0]}' AND recorded_at < '${r[1]}'`,
        );
      return (await c(Q1_20)) / (await c(Q1_19));
    };
    const acquisitive = await ratio(
      `'Residential burglary', 'Non-residential burglary', 'Vehicle offences', 'Theft from the person', 'Shoplifting', 'All other theft offences'`,
    );
    const violence = await ratio(
      `'Violence with injury', 'Violence without injury', 'Stalking and harassment'`,
    );
    expect(acquisitive).toBeLessThan(violence - 0.15);
  });
});

describe('outcomes', () => {
  it('outcomes assigned Apr–Jun 2021 within 5% of 19,170; outcome 16 within 3 points of 36%; action taken within 2 points of 10%', async () => {
    const rows = await db.all<{ type: string; n: number }>(outcomesAssigned(...Q1_21));
    const total = rows.reduce((s, r) => s + r.n, 0);
    within(total, 19170, 0.05);
    const of = (types: string[]) =>
      rows.filter((r) => types.includes(r.type)).reduce((s, r) => s + r.n, 0) / total;
    near(of(['16']), 0.36, 0.03);
    near(of(['1', '1A', '2', '2A', '3', '3A', '4', '6', '7', '8']), 0.1, 0.02);
  });

  it('per-type counts Apr–Jun 2021 within max(12%, 4√n) of calibration (1, 1A, 3, 7, 8, 14, 15, 16, 18, 20)', async () => {
    const rows = await db.all<{ type: string; n: number }>(outcomesAssigned(...Q1_21));
    const got = Object.fromEntries(rows.map((r) => [r.type, r.n]));
    const want: Record<string, number> = {
      '1': 1145,
      '1A': 285,
      '3': 177,
      '7': 101,
      '8': 106,
      '14': 1775,
      '15': 2811,
      '16': 6881,
      '18': 5202,
      '20': 154,
    };
    for (const [t, v] of Object.entries(want)) {
      expect(Math.abs((got[t] ?? 0) - v), `type ${t}: ${got[t]} vs ${v}`).toBeLessThanOrEqual(
        Math.max(0.12 * v, 4 * Math.sqrt(v)),
      );
    }
  });

  it('Apr–Jun 2019 outcomes within 5% of 20,891; DA-only Apr–Jun 2021 within 6% of 3,837 with outcome 16 within 4 points of 69%', async () => {
    const y19 = (await db.all<{ n: number }>(outcomesAssigned(...Q1_19))).reduce(
      (s, r) => s + r.n,
      0,
    );
    within(y19, 20891, 0.05);
    const da = await db.all<{ type: string; n: number }>(outcomesAssigned(...Q1_21, true));
    const total = da.reduce((s, r) => s + r.n, 0);
    within(total, 3837, 0.06);
    near((da.find((r) => r.type === '16')?.n ?? 0) / total, 2643 / 3837, 0.04);
  });

  it('per-group action-taken and outcome-16 rates within 5 points for the large groups', async () => {
    const rows = await db.all<{ sg: string; n: number; at_rate: number; o16: number }>(`
      SELECT CASE WHEN c.offence_subgroup IN ('Violence without injury', 'Stalking and harassment') THEN 'vwoi'
                  WHEN c.offence_subgroup IN ('Violence with injury', 'Homicide', 'Death or serious injury caused by unlawful driving') THEN 'vwi'
                  ELSE c.offence_subgroup END AS sg,
             count(*) AS n,
             avg(CASE WHEN o.outcome_type IN ('1','1A','2','2A','3','3A','4','6','7','8') THEN 1.0 ELSE 0 END) AS at_rate,
             avg(CASE WHEN o.outcome_type = '16' THEN 1.0 ELSE 0 END) AS o16
      FROM outcomes o JOIN crimes c USING (crime_id)
      WHERE o.outcome_at >= '${Q1_21[0]}' AND o.outcome_at < '${Q1_21[1]}' GROUP BY 1`);
    const want: Record<string, [number, number]> = {
      vwi: [0.12, 0.5],
      vwoi: [0.06, 0.58],
      Shoplifting: [0.21, 0.07],
      'Criminal damage': [0.07, 0.19],
      'Public order offences': [0.12, 0.45],
      'All other theft offences': [0.03, 0.17],
    };
    for (const [sg, [at, o16]] of Object.entries(want)) {
      const r = rows.find((x) => x.sg === sg)!;
      near(r.at_rate, at, 0.05);
      near(r.o16, o16, 0.05);
    }
  });

  it('victim linked: outcome-14 crimes within 4 points of 81%, outcome-16 within 3 points of 92%', async () => {
    const rate = (t: string) =>
      n(
        `SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM crime_victims v WHERE v.crime_id = o.crime_id) THEN 1.0 ELSE 0 END) FROM outcomes o WHERE outcome_type = '${t}' AND outcome_at >= '${Q1_21[0]}' AND outcome_at < '${Q1_21[1]}'`,
      );
    near(await rate('14'), 0.81, 0.04);
    near(await rate('16'), 0.92, 0.03);
  });

  it('open investigations within 10% of 10,096 at end of June 2021 and of 8,875 at end of April; violence share within 5 points of 35%', async () => {
    const jun = await db.one<{ n: number; violence_share: number }>(openAt('2021-07-01'));
    const apr = await db.one<{ n: number; violence_share: number }>(openAt('2021-05-01'));
    within(jun.n, 10096, 0.1);
    within(apr.n, 8875, 0.1);
    near(jun.violence_share, 0.35, 0.05);
  });
});

describe('victims and people', () => {
  it('repeat victim rate Q1 2021/22 within 3 points of 34% (all) and 43% (DA), rising over the quarter', async () => {
    let all = [0, 0];
    let da = [0, 0];
    const monthly: number[] = [];
    for (const m of ['2021-04-01', '2021-05-01', '2021-06-01']) {
      const a = await db.one<{ victims: number; repeats: number }>(repeatVictimRate(m, false));
      const d = await db.one<{ victims: number; repeats: number }>(repeatVictimRate(m, true));
      all = [all[0]! + a.repeats, all[1]! + a.victims];
      da = [da[0]! + d.repeats, da[1]! + d.victims];
      monthly.push(a.repeats / a.victims);
    }
    near(all[0]! / all[1]!, 0.34, 0.03);
    near(da[0]! / da[1]!, 0.43, 0.03);
    expect(monthly[2]!).toBeGreaterThan(monthly[0]!);
  });

  it('high-harm repeat nominals within 10% of 539 (May 2021) and 607 (June 2021); each split within 20%; 67% ± 6 points linked to DA', async () => {
    const may = await db.one<{
      total: number;
      victim_only: number;
      suspect_only: number;
      both: number;
      da: number;
    }>(highHarmNominals('2021-05-01'));
    const jun = await db.one<{
      total: number;
      victim_only: number;
      suspect_only: number;
      both: number;
      da: number;
    }>(highHarmNominals('2021-06-01'));
    within(may.total, 539, 0.1);
    within(jun.total, 607, 0.1);
    within(may.victim_only, 96, 0.2);
    within(may.suspect_only, 175, 0.2);
    within(may.both, 268, 0.2);
    within(jun.victim_only, 111, 0.2);
    within(jun.suspect_only, 193, 0.2);
    within(jun.both, 303, 0.2);
    near(may.da / may.total, 0.67, 0.06);
    near(jun.da / jun.total, 0.67, 0.06);
  });

  it('protected characteristics recorded for victims: ethnicity 86.2% ± 1.5, sex 98.59% ± 0.7, date of birth 100%', async () => {
    const r = await db.one<{ eth: number; sex: number; dob: number }>(`
      SELECT avg((p.ethnicity IS NOT NULL)::INT) AS eth, avg((p.sex IS NOT NULL)::INT) AS sex, avg((p.date_of_birth IS NOT NULL)::INT) AS dob
      FROM crime_victims v JOIN people p USING (person_id) JOIN crimes c USING (crime_id)
      WHERE c.recorded_at >= '${Q1_21[0]}' AND c.recorded_at < '${Q1_21[1]}'`);
    near(r.eth, 0.862, 0.015);
    near(r.sex, 0.9859, 0.007);
    expect(r.dob).toBe(1);
  });

  it('drug and weapons crimes have no victim; age bands agree with dates of birth', async () => {
    const share = await n(`
      SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM crime_victims v WHERE v.crime_id = c.crime_id) THEN 1.0 ELSE 0 END)
      FROM crimes c WHERE c.offence_subgroup IN ('Trafficking of drugs', 'Possession of drugs', 'Possession of weapons offences')`);
    expect(share).toBe(0);
    // Age at 2022-03-31 is at least the lower bound of the band at first contact.
    const bad = await n(`
      SELECT count(*) FROM people WHERE age_band IN ('25-34', '35-44', '45-54', '55-64', '65+')
        AND date_diff('year', date_of_birth, DATE '2022-03-31') < CAST(split_part(replace(age_band, '+', '-'), '-', 1) AS INT)`);
    expect(bad).toBe(0);
  });

  it('DA arrest rate is stable (±3 points) from April 2019 to October 2020 and at least 3 points lower in Q1 2021/22', async () => {
    const rows = await db.all<{ m: string; r: number }>(`
      WITH a AS (SELECT strftime(arrested_at, '%Y-%m') AS m, count(*) AS n FROM arrests WHERE domestic_abuse GROUP BY 1),
           c AS (SELECT strftime(recorded_at, '%Y-%m') AS m, count(*) AS n FROM crimes WHERE domestic_abuse AND NOT crimed_incident GROUP BY 1)
      SELECT m, a.n / c.n AS r FROM a JOIN c USING (m) ORDER BY m`);
    const stable = rows.filter((r) => r.m >= '2019-04' && r.m <= '2020-10').map((r) => r.r);
    const mean = stable.reduce((s, x) => s + x, 0) / stable.length;
    for (const r of stable) near(r, mean, 0.03);
    const q1 = rows.filter((r) => r.m >= '2021-04' && r.m <= '2021-06').map((r) => r.r);
    expect(q1.reduce((s, x) => s + x, 0) / q1.length).toBeLessThan(mean - 0.03);
  });
});

describe('contact', () => {
  it('incidents within 3% of 70,553 (Q1 2021/22) and 76,485 (Q1 2019/20); ASB within 5% of 11,995 and 10,290', async () => {
    const count = (r: [string, string], asb: boolean) =>
      n(
        `SELECT count(*) FROM incidents WHERE opened_at >= '${r[0]}' AND opened_at < '${r[1]}' ${asb ? 'AND anti_social_behaviour' : ''}`,
      );
    within(await count(Q1_21, false), 70553, 0.03);
    within(await count(Q1_19, false), 76485, 0.03);
    within(await count(Q1_21, true), 11995, 0.05);
    within(await count(Q1_19, true), 10290, 0.05);
  });

  it('mean incidents open and awaiting a resource at 06:00 is 150–200 in each month of Q1 2021/22', async () => {
    for (const [from, to] of [
      ['2021-04-01', '2021-05-01'],
      ['2021-05-01', '2021-06-01'],
      ['2021-06-01', '2021-07-01'],
    ] as const) {
      const mean = await n(unresourcedAt0600(from, to));
      expect(mean, from).toBeGreaterThanOrEqual(150);
      expect(mean, from).toBeLessThanOrEqual(200);
    }
  });

  it('999 answered within 10 s (of answered calls) within 1.5 points of 93/94/94%; June abandonment within 0.5 points of 1.26%; demand +27% ± 5 on the previous quarter, +42% ± 6 on the year', async () => {
    const months = [
      ['2021-04-01', '2021-05-01', 0.93],
      ['2021-05-01', '2021-06-01', 0.94],
      ['2021-06-01', '2021-07-01', 0.94],
    ] as const;
    for (const [from, to, target] of months) {
      const r = await db.one<{ within: number; abandoned: number }>(
        callPerformance('999', from, to),
      );
      near(r.within, target, 0.015);
      if (from === '2021-06-01') near(r.abandoned, 0.0126, 0.005);
    }
    const offered = async (r: [string, string]) =>
      (await db.one<{ offered: number }>(callPerformance('999', ...r))).offered;
    near((await offered(Q1_21)) / (await offered(Q4_20)), 1.27, 0.05);
    near((await offered(Q1_21)) / (await offered(Q1_20)), 1.42, 0.06);
  });

  it('101 answered within 30 s within 2 points of 57/63/63%; June abandonment within 1.5 points of 11.7%; demand −6% ± 4 on the year, +11% ± 5 on the previous quarter', async () => {
    const months = [
      ['2021-04-01', '2021-05-01', 0.57],
      ['2021-05-01', '2021-06-01', 0.63],
      ['2021-06-01', '2021-07-01', 0.63],
    ] as const;
    for (const [from, to, target] of months) {
      const r = await db.one<{ within: number; abandoned: number }>(
        callPerformance('101', from, to),
      );
      near(r.within, target, 0.02);
      if (from === '2021-06-01') near(r.abandoned, 0.117, 0.015);
    }
    const offered = async (r: [string, string]) =>
      (await db.one<{ offered: number }>(callPerformance('101', ...r))).offered;
    near((await offered(Q1_21)) / (await offered(Q1_20)), 0.94, 0.04);
    near((await offered(Q1_21)) / (await offered(Q4_20)), 1.11, 0.05);
  });

  it('KSI exactly 117 (9 fatal + 108 serious) in Q1 2021/22 and 124 (11 + 113) in Q1 2019/20, with slight casualties', async () => {
    const sev = async ([from, to]: [string, string]) =>
      Object.fromEntries(
        (
          await db.all<{ severity: string; n: number }>(
            `SELECT severity, count(*) AS n FROM casualties WHERE collision_at >= '${from}' AND collision_at < '${to}' GROUP BY 1`,
          )
        ).map((r) => [r.severity, r.n]),
      );
    const a = await sev(Q1_21);
    expect([a.fatal, a.serious]).toEqual([9, 108]);
    expect(a.slight).toBeGreaterThan(300);
    const b = await sev(Q1_19);
    expect([b.fatal, b.serious]).toEqual([11, 113]);
  });
});

describe('victim voice', () => {
  const force = async (survey: string, from: string, to: string, question?: string) =>
    (
      await db.all<{ lpa: string; n: number; rate: number }>(
        satisfaction(survey, from, to, question),
      )
    ).find((r) => r.lpa === 'force')!;

  it('burglary satisfaction (6 months to June 2021) within 3 points of 76%, previous window within 3 points of 74%; LPAs within 10 points of 74/65/83/87/71', async () => {
    near((await force('burglary', '2021-01-01', '2021-07-01')).rate, 0.76, 0.03);
    near((await force('burglary', '2020-10-01', '2021-04-01')).rate, 0.74, 0.03);
    const rows = await db.all<{ lpa: string; rate: number }>(
      satisfaction('burglary', '2021-01-01', '2021-07-01'),
    );
    [0.74, 0.65, 0.83, 0.87, 0.71].forEach((t, i) =>
      near(rows.find((r) => r.lpa === LPAS[i]!.name)!.rate, t, 0.1),
    );
  });

  it('violent crime satisfaction (6 months to June 2021) within 3 points of 69%', async () => {
    near((await force('violent', '2021-01-01', '2021-07-01')).rate, 0.69, 0.03);
  });

  it('hate crime satisfaction (12 months to June 2021) within 3 points of 64%, previous within 3 points of 62%; LPAs within 10 points of 66/74/61/66/57', async () => {
    near((await force('hate', '2020-07-01', '2021-07-01')).rate, 0.64, 0.03);
    near((await force('hate', '2020-04-01', '2021-04-01')).rate, 0.62, 0.03);
    const rows = await db.all<{ lpa: string; rate: number }>(
      satisfaction('hate', '2020-07-01', '2021-07-01'),
    );
    [0.66, 0.74, 0.61, 0.66, 0.57].forEach((t, i) =>
      near(rows.find((r) => r.lpa === LPAS[i]!.name)!.rate, t, 0.1),
    );
  });

  it('DA survey Q1 2021/22: exactly 115 interviews; stages within 5 points of 89/75/90/57%; "Yes, fully" within 5 points of 71/77/83/88%', async () => {
    expect(
      await n(
        `SELECT count(DISTINCT response_id) FROM survey_responses WHERE survey = 'domestic_abuse' AND interviewed_at >= '${Q1_21[0]}' AND interviewed_at < '${Q1_21[1]}'`,
      ),
    ).toBe(115);
    const stages: [string, number][] = [
      ['stage_initial_report', 0.89],
      ['stage_police_actions', 0.75],
      ['stage_treatment', 0.9],
      ['stage_follow_up', 0.57],
    ];
    for (const [q, t] of stages) near((await force('domestic_abuse', ...Q1_21, q)).rate, t, 0.05);
    const service = await db.all<{ question: string; r: number }>(`
      SELECT question, avg((answer = 'Yes, fully')::INT) AS r FROM survey_responses
      WHERE survey = 'domestic_abuse' AND question LIKE 'da\\_%' ESCAPE '\\' AND interviewed_at >= '${Q1_21[0]}' AND interviewed_at < '${Q1_21[1]}' GROUP BY 1`);
    const want: Record<string, number> = {
      da_felt_safer: 0.71,
      da_police_cared: 0.77,
      da_confident_again: 0.83,
      da_would_recommend: 0.88,
    };
    for (const [q, t] of Object.entries(want))
      near(service.find((r) => r.question === q)!.r, t, 0.05);
  });

  it('victim surveys: 20–100 interviews a month for burglary, violent, hate and rtc; free text names officers, phone numbers and emails, and is sometimes empty', async () => {
    const rows = await db.all<{ survey: string; m: string; n: number }>(`
      SELECT survey, strftime(interviewed_at, '%Y-%m') AS m, count(DISTINCT response_id) AS n FROM survey_responses
      WHERE survey IN ('burglary', 'violent', 'hate', 'rtc') AND interviewed_at >= '2018-07-01' GROUP BY ALL`);
    for (const r of rows) {
      expect(r.n, `${r.survey} ${r.m}`).toBeGreaterThanOrEqual(20);
      expect(r.n, `${r.survey} ${r.m}`).toBeLessThanOrEqual(100);
    }
    const text = `FROM survey_responses WHERE question IN ('went_well', 'could_be_better')`;
    expect(
      await n(
        `SELECT count(*) ${text} AND regexp_matches(answer, '\\b(PC|PCSO|DC|Sgt|DS|Insp) [A-Z][a-z]+')`,
      ),
    ).toBeGreaterThan(100);
    expect(
      await n(`SELECT count(*) ${text} AND regexp_matches(answer, '07700 900\\d{3}')`),
    ).toBeGreaterThan(10);
    expect(
      await n(`SELECT count(*) ${text} AND regexp_matches(answer, '[a-z.0-9]+@example\\.com')`),
    ).toBeGreaterThan(10);
    expect(await n(`SELECT count(*) ${text} AND answer IS NULL`)).toBeGreaterThan(10);
  });

  it('perception Q1 2021/22: confidence within 3 points of 85%; understands issues 75%, emergency 93%, non-emergency 66%, sees officer weekly 30%, satisfied 60% (each ± 4); confidence lower for ages 35–54, disability and ethnic minorities', async () => {
    const rows = await db.all<{ question: string; r: number }>(`
      SELECT question, avg((answer IN ('Strongly agree', 'Tend to agree', 'Yes', 'Very satisfied', 'Fairly satisfied'))::INT) AS r
      FROM survey_responses WHERE survey = 'perception' AND interviewed_at >= '${Q1_21[0]}' AND interviewed_at < '${Q1_21[1]}' GROUP BY 1`);
    const r = (q: string) => rows.find((x) => x.question === q)!.r;
    near(r('confidence'), 0.85, 0.03);
    near(r('understands_issues'), 0.75, 0.04);
    near(r('access_emergency'), 0.93, 0.04);
    near(r('access_non_emergency'), 0.66, 0.04);
    near(r('sees_officer_weekly'), 0.3, 0.04);
    near(r('satisfied_local_policing'), 0.6, 0.04);
    const by = async (question: string, group: string) =>
      db.all<{ g: boolean; r: number }>(`
        WITH d AS (SELECT response_id, answer AS v FROM survey_responses WHERE question = '${question}'),
             c AS (SELECT response_id, answer IN ('Strongly agree', 'Tend to agree') AS ok FROM survey_responses WHERE survey = 'perception' AND question = 'confidence')
        SELECT (v IN (${group})) AS g, avg(ok::INT) AS r FROM c JOIN d USING (response_id) GROUP BY 1`);
    for (const [question, group] of [
      ['respondent_age_band', `'35-44', '45-54'`],
      ['respondent_disability', `'yes'`],
      ['respondent_ethnicity', `'mixed', 'asian', 'black', 'other'`],
    ] as const) {
      const rs = await by(question, group);
      expect(rs.find((x) => x.g)!.r, question).toBeLessThan(rs.find((x) => !x.g)!.r - 0.02);
    }
  });

  it('Victim Advice Line referral rate (referrals ÷ victim-based crimes) within 1.5 points of 26.4/23.7/22.6% (force) and 4 points of each LPA-month', async () => {
    const rows = await db.all<{
      lpa: string;
      m: string;
      rate: number;
      refs: number;
      crimes: number;
    }>(`
      WITH c AS (SELECT lpa, strftime(recorded_at, '%m') AS m, count(*) AS n FROM crimes WHERE victim_based AND NOT crimed_incident AND recorded_at >= '${Q1_21[0]}' AND recorded_at < '${Q1_21[1]}' GROUP BY ALL),
           r AS (SELECT c.lpa, strftime(referred_at, '%m') AS m, count(*) AS n FROM referrals JOIN crimes c USING (crime_id) WHERE service = 'Victim Advice Line' AND referred_at >= '${Q1_21[0]}' AND referred_at < '${Q1_21[1]}' GROUP BY ALL)
      SELECT lpa, m, r.n / c.n AS rate, r.n AS refs, c.n AS crimes FROM c JOIN r USING (lpa, m)`);
    const published: Record<string, number[]> = {
      Northmoor: [0.223, 0.15, 0.171],
      Eastvale: [0.292, 0.252, 0.249],
      'Southport Wharf': [0.31, 0.299, 0.298],
      Westbridge: [0.251, 0.239, 0.231],
      'Central Fenwick': [0.267, 0.278, 0.212],
    };
    ['04', '05', '06'].forEach((m, i) => {
      const ms = rows.filter((r) => r.m === m);
      near(
        ms.reduce((s, r) => s + r.refs, 0) / ms.reduce((s, r) => s + r.crimes, 0),
        [0.264, 0.237, 0.226][i]!,
        0.015,
      );
      for (const r of ms) near(r.rate, published[r.lpa]![i]!, 0.04);
    });
  });

  it("Victims' Code audits 2021/22 (a few hundred a quarter): VPS not offered 28%, not told of end of journey 14%, need not referred within 2 days 22% (15% + 7%), not told about the Code 51% (each ± 4 points)", async () => {
    const r = await db.one<{ n: number; vps: number; eoj: number; ref: number; code: number }>(`
      SELECT count(*) AS n,
             avg((vps_offered = 'no')::INT) FILTER (WHERE vps_offered <> 'n/a') AS vps,
             avg((informed_end_of_journey = 'no')::INT) FILTER (WHERE informed_end_of_journey <> 'n/a') AS eoj,
             avg((referred_within_2_days = 'no')::INT) FILTER (WHERE need_identified = 'yes') AS ref,
             avg((informed_code = 'no')::INT) AS code
      FROM victims_code_audits WHERE audited_at >= '2021-04-01' AND audited_at < '2022-04-01'`);
    expect(r.n / 4).toBeGreaterThan(200);
    expect(r.n / 4).toBeLessThan(500);
    near(r.vps, 0.28, 0.04);
    near(r.eoj, 0.14, 0.04);
    near(r.ref, 0.22, 0.04);
    near(r.code, 0.51, 0.04);
  });
});

describe('audits and returns', () => {
  it('CDI audits 2020/21: exactly 1,208 crimes reviewed and 214 not recorded, over several crime groups', async () => {
    const r = await db.one<{ e: number; missing: number; groups: number }>(`
      SELECT sum(crimes_expected) AS e, sum(crimes_expected - crimes_recorded) AS missing, count(DISTINCT crime_group) AS groups
      FROM cdi_audits WHERE audited_at >= '2020-04-01' AND audited_at < '2021-04-01'`);
    expect([r.e, r.missing]).toEqual([1208, 214]);
    expect(r.groups).toBeGreaterThanOrEqual(4);
  });

  it('workforce returns for 2021/22-Q1 are the published values, force level, with source and submitter; every quarter has every return', async () => {
    const rows = await db.all<{ measure_id: string; value: number }>(
      `SELECT measure_id, value FROM returns WHERE period = '2021/22-Q1' AND lpa IS NULL`,
    );
    const v = Object.fromEntries(rows.map((r) => [r.measure_id, r.value]));
    expect(v).toMatchObject({
      female_officers_pct: 0.333,
      ethnic_minority_officers_pct: 0.029,
      attrition_officers: 0.065,
      attrition_staff: 0.1,
      attrition_pcso: 0.096,
      officers_under_2_years: 0.191,
    });
    expect(v.soc_disruptions).toBeGreaterThan(0);
    expect(v.rape_cps_overdue).toBeGreaterThanOrEqual(0);
    expect(
      await n(`SELECT count(*) FROM returns WHERE source IS NULL OR submitted_by IS NULL`),
    ).toBe(0);
    expect(await n(`SELECT count(DISTINCT period) FROM returns`)).toBe(16);
    expect(
      await n(
        `SELECT count(*) FROM (SELECT measure_id FROM returns GROUP BY 1 HAVING count(*) <> 16)`,
      ),
    ).toBe(0);
  });

  it('scale 1 volumes: about 1.3M crime, people and link rows, about 1.2M incidents, 1–2M calls', () => {
    const t = summary.tables;
    const core = t.crimes.rows + t.people.rows + t.crime_victims.rows + t.crime_suspects.rows;
    expect(core).toBeGreaterThan(1_000_000);
    expect(core).toBeLessThan(1_600_000);
    expect(t.incidents.rows).toBeGreaterThan(1_000_000);
    expect(t.calls.rows).toBeGreaterThan(1_000_000);
    expect(t.calls.rows).toBeLessThan(2_000_000);
  });
});

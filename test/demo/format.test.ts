/**
 * The demo's files are in the exact import format of src/facts/tables.ts: headers in column
 * order, booleans `true`/`false`, ISO timestamps and dates, allowed enum values, required
 * fields filled, unique keys, references that resolve, row rules kept, ASCII only.
 * Generated once at scale 0.05 (all 48 months).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, DEMO_IMPORT_ORDER, type DemoSummary } from '../../src/demo/generate.ts';
import { LPAS } from '../../src/demo/force.ts';
import { OFFENCE_SUBGROUPS } from '../../src/facts/reference/offence-subgroups.ts';
import { OUTCOME_TYPES } from '../../src/facts/reference/outcome-groups.ts';
import { RETURN_MEASURES } from '../../src/facts/reference/return-measures.ts';
import {
  PROJECT_TABLE_NAMES,
  TABLES,
  type ColumnSpec,
  type ProjectTableName,
} from '../../src/facts/tables.ts';
import {
  AGREE_SCALE,
  DA_SERVICE_SCALE,
  LOCAL_POLICING_SCALE,
  SATISFACTION_SCALE,
  STAGE_QUESTIONS,
} from '../../src/demo/surveys.ts';

let dir: string;
let summary: DemoSummary;
let db: DuckDBInstance;
let c: DuckDBConnection;

const q = async (sql: string): Promise<Record<string, unknown>[]> =>
  (await c.runAndReadAll(sql))
    .getRowObjectsJS()
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
      ),
    );
const count = async (sql: string): Promise<number> => {
  const rows = await q(sql);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
};
const sqlList = (values: readonly string[]) =>
  values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const cols = (t: ProjectTableName): readonly ColumnSpec[] => TABLES[t].columns;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bluelamp-demo-format-'));
  summary = await generateDemo({ seed: 4242, scale: 0.05, outDir: dir });
  db = await DuckDBInstance.create(':memory:');
  c = await db.connect();
  // Every file read as text exactly as written (no type inference), so checks see the raw values.
  for (const t of PROJECT_TABLE_NAMES) {
    const spec = cols(t)
      .map((col) => `'${col.name}': 'VARCHAR'`)
      .join(', ');
    await c.run(
      `CREATE TABLE ${t} AS SELECT * FROM read_csv('${join(dir, `${t}.csv`)}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, columns = {${spec}})`,
    );
  }
});

afterAll(() => {
  c?.closeSync();
  db?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('demo files: shape', () => {
  it('writes one <table>.csv per table of tables.ts, listed in the summary with row counts', () => {
    expect(Object.keys(summary.tables).sort()).toEqual([...PROJECT_TABLE_NAMES].sort());
    for (const t of PROJECT_TABLE_NAMES) {
      expect(summary.files[t]).toEqual([join(dir, `${t}.csv`)]);
      expect(summary.tables[t].rows, t).toBeGreaterThan(0);
    }
    expect([...summary.importOrder].sort()).toEqual([...PROJECT_TABLE_NAMES].sort());
    expect(DEMO_IMPORT_ORDER.slice(0, 2)).toEqual(['people', 'crimes']);
    expect(summary.forceName).toMatch(/Synthetic/);
    expect(summary.lpas.map((l) => l.name)).toEqual(LPAS.map((l) => l.name));
    for (const l of summary.lpas) expect(l.neighbourhoods.length).toBeGreaterThanOrEqual(6);
    for (const l of summary.lpas) expect(l.neighbourhoods.length).toBeLessThanOrEqual(10);
  });

  it('headers are exactly the columns of tables.ts, in order; LF line ends; ASCII only', () => {
    for (const t of PROJECT_TABLE_NAMES) {
      const bytes = readFileSync(join(dir, `${t}.csv`));
      const text = bytes.toString('latin1');
      const header = text.slice(0, text.indexOf('\n'));
      expect(header, t).toBe(
        cols(t)
          .map((col) => col.name)
          .join(','),
      );
      expect(text.includes('\r'), `${t} has CR`).toBe(false);
      expect(text.endsWith('\n'), `${t} ends with a newline`).toBe(true);
      const nonAscii = bytes.findIndex((b) => b > 0x7e || (b < 0x20 && b !== 0x0a));
      expect(nonAscii, `${t}: non-ASCII byte at ${nonAscii}`).toBe(-1);
    }
  });

  it('row counts in the summary match the files', async () => {
    for (const t of PROJECT_TABLE_NAMES) {
      expect(await count(`SELECT count(*) FROM ${t}`), t).toBe(summary.tables[t].rows);
    }
  });
});

describe('demo files: values', () => {
  it('booleans are true/false, timestamps YYYY-MM-DDTHH:MM:SS (valid, none in the spring-forward gap), dates YYYY-MM-DD', async () => {
    for (const t of PROJECT_TABLE_NAMES) {
      for (const col of cols(t)) {
        const v = `"${col.name}"`;
        let bad: string | undefined;
        if (col.type === 'boolean') bad = `${v} NOT IN ('true', 'false')`;
        if (col.type === 'timestamp') {
          bad = `NOT regexp_full_match(${v}, '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}') OR try_strptime(${v}, '%Y-%m-%dT%H:%M:%S') IS NULL
                 OR (month(strptime(${v}, '%Y-%m-%dT%H:%M:%S')) = 3 AND dayofweek(strptime(${v}, '%Y-%m-%dT%H:%M:%S')) = 0
                     AND day(strptime(${v}, '%Y-%m-%dT%H:%M:%S')) > 24 AND hour(strptime(${v}, '%Y-%m-%dT%H:%M:%S')) = 1)`;
        }
        if (col.type === 'date')
          bad = `NOT regexp_full_match(${v}, '\\d{4}-\\d{2}-\\d{2}') OR try_strptime(${v}, '%Y-%m-%d') IS NULL`;
        if (col.type === 'integer')
          bad = `try_cast(${v} AS BIGINT) IS NULL OR NOT regexp_full_match(${v}, '-?\\d+')`;
        if (col.type === 'decimal') bad = `try_cast(${v} AS DOUBLE) IS NULL`;
        if (!bad) continue;
        const n = await count(`SELECT count(*) FROM ${t} WHERE ${v} IS NOT NULL AND (${bad})`);
        expect(n, `${t}.${col.name} (${col.type})`).toBe(0);
      }
    }
  });

  it('required columns are filled; enum, reference-list, pattern and range rules hold', async () => {
    const refValues: Record<string, readonly string[]> = {
      'ref_offence_subgroups.subgroup': OFFENCE_SUBGROUPS.map((s) => s.subgroup),
      'ref_outcome_types.outcome_type': OUTCOME_TYPES.map((o) => o.outcomeType),
      'ref_return_measures.measure_id': RETURN_MEASURES.map((m) => m.measureId),
    };
    for (const t of PROJECT_TABLE_NAMES) {
      for (const col of cols(t)) {
        const v = `"${col.name}"`;
        if (col.required)
          expect(
            await count(`SELECT count(*) FROM ${t} WHERE ${v} IS NULL OR trim(${v}) = ''`),
            `${t}.${col.name} required`,
          ).toBe(0);
        const allowed = col.values ?? (col.refValues ? refValues[col.refValues] : undefined);
        if (col.refValues) expect(allowed, col.refValues).toBeDefined();
        if (allowed) {
          const bad = await q(
            `SELECT DISTINCT ${v} AS v FROM ${t} WHERE ${v} IS NOT NULL AND ${v} NOT IN (${sqlList(allowed)}) LIMIT 5`,
          );
          expect(bad, `${t}.${col.name} values`).toEqual([]);
        }
        if (col.pattern) {
          const pat = col.pattern.replace(/'/g, "''");
          expect(
            await count(
              `SELECT count(*) FROM ${t} WHERE ${v} IS NOT NULL AND NOT regexp_full_match(${v}, '${pat}')`,
            ),
            `${t}.${col.name} pattern`,
          ).toBe(0);
        }
        if (col.min !== undefined)
          expect(
            await count(`SELECT count(*) FROM ${t} WHERE CAST(${v} AS DOUBLE) < ${col.min}`),
            `${t}.${col.name} min`,
          ).toBe(0);
        if (col.max !== undefined)
          expect(
            await count(`SELECT count(*) FROM ${t} WHERE CAST(${v} AS DOUBLE) > ${col.max}`),
            `${t}.${col.name} max`,
          ).toBe(0);
      }
    }
  });

  it('keys are unique and every reference resolves (crime_victims.crime_id in crimes, person_id in people, …)', async () => {
    for (const t of PROJECT_TABLE_NAMES) {
      const key = TABLES[t].key.map((k) => `"${k}"`).join(', ');
      expect(
        await count(
          `SELECT count(*) FROM (SELECT ${key} FROM ${t} GROUP BY ALL HAVING count(*) > 1)`,
        ),
        `${t} key (${key})`,
      ).toBe(0);
      for (const col of cols(t)) {
        if (!col.references) continue;
        const { table, column } = col.references;
        const n = await count(
          `SELECT count(*) FROM ${t} x WHERE x."${col.name}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${table} r WHERE r."${column}" = x."${col.name}")`,
        );
        expect(n, `${t}.${col.name} → ${table}.${column}`).toBe(0);
      }
    }
  });

  it('row rules hold: incidents resourced/closed not before opened; CDI recorded ≤ expected; outcomes after recording', async () => {
    expect(
      await count(
        `SELECT count(*) FROM incidents WHERE resourced_at < opened_at OR closed_at < opened_at`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) FROM cdi_audits WHERE CAST(crimes_recorded AS INT) > CAST(crimes_expected AS INT)`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) FROM outcomes o JOIN crimes c USING (crime_id) WHERE o.outcome_at < c.recorded_at`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) FROM survey_responses s JOIN crimes c USING (crime_id) WHERE s.interviewed_at < c.recorded_at`,
      ),
    ).toBe(0);
  });

  it('victim_based agrees with the subgroup; crimed incidents carry a marker but no outcome, victim or suspect', async () => {
    const vb = OFFENCE_SUBGROUPS.filter((s) => s.victimBased).map((s) => s.subgroup);
    expect(
      await count(
        `SELECT count(*) FROM crimes WHERE (victim_based = 'true') <> (offence_subgroup IN (${sqlList(vb)}))`,
      ),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) FROM crimes WHERE crimed_incident = 'true'`),
    ).toBeGreaterThan(0);
    expect(
      await count(
        `SELECT count(*) FROM crimes WHERE crimed_incident = 'true' AND domestic_abuse = 'false' AND hate = 'false' AND cse = 'false' AND vulnerable_adult = 'false' AND child_at_risk = 'false' AND course_of_conduct = 'false'`,
      ),
    ).toBeLessThan(
      (await count(`SELECT count(*) FROM crimes WHERE crimed_incident = 'true'`)) * 0.2,
    );
    for (const t of ['outcomes', 'crime_victims', 'crime_suspects']) {
      expect(
        await count(
          `SELECT count(*) FROM ${t} JOIN crimes USING (crime_id) WHERE crimed_incident = 'true'`,
        ),
        t,
      ).toBe(0);
    }
  });

  it('every LPA and neighbourhood is one of the fictional force’s', async () => {
    const lpas = LPAS.map((l) => l.name);
    const hoods = LPAS.flatMap((l) => l.neighbourhoods.map((n) => n.name));
    for (const t of [
      'crimes',
      'incidents',
      'survey_responses',
      'victims_code_audits',
      'casualties',
    ]) {
      expect(
        await count(
          `SELECT count(*) FROM ${t} WHERE lpa IS NOT NULL AND lpa NOT IN (${sqlList(lpas)})`,
        ),
        t,
      ).toBe(0);
    }
    for (const t of ['crimes', 'survey_responses']) {
      expect(
        await count(
          `SELECT count(*) FROM ${t} WHERE neighbourhood IS NOT NULL AND neighbourhood NOT IN (${sqlList(hoods)})`,
        ),
        t,
      ).toBe(0);
      expect(
        await count(
          `SELECT count(*) FROM ${t} WHERE neighbourhood IS NOT NULL AND NOT starts_with(neighbourhood, lpa)`,
        ),
        t,
      ).toBe(0);
    }
    expect(await count(`SELECT count(*) FROM returns WHERE lpa IS NOT NULL`)).toBe(0);
  });
});

describe('demo files: survey vocabulary', () => {
  const VICTIM = ['burglary', 'violent', 'hate', 'domestic_abuse', 'rtc'];

  it('victim surveys use the fixed question ids and answer labels', async () => {
    const scaleQs = ['whole_experience', ...STAGE_QUESTIONS];
    expect(
      await count(
        `SELECT count(*) FROM survey_responses WHERE survey IN (${sqlList(VICTIM)}) AND question IN (${sqlList(scaleQs)}) AND answer NOT IN (${sqlList(SATISFACTION_SCALE)})`,
      ),
    ).toBe(0);
    const da = ['da_felt_safer', 'da_police_cared', 'da_confident_again', 'da_would_recommend'];
    expect(
      await count(
        `SELECT count(*) FROM survey_responses WHERE question IN (${sqlList(da)}) AND (survey <> 'domestic_abuse' OR answer NOT IN (${sqlList(DA_SERVICE_SCALE)}))`,
      ),
    ).toBe(0);
    // The send each interview answers, and the respondent's own demographics (about 3 in 5).
    const respondent = [
      'respondent_sex',
      'respondent_age_band',
      'respondent_disability',
      'respondent_ethnicity',
    ];
    const known = [...scaleQs, ...da, 'went_well', 'could_be_better', 'send_id', ...respondent];
    expect(
      await q(
        `SELECT DISTINCT question FROM survey_responses WHERE survey IN (${sqlList(VICTIM)}) AND question NOT IN (${sqlList(known)})`,
      ),
    ).toEqual([]);
    // Every interview answers whole_experience and the four stages; DA interviews the four service questions.
    expect(
      await count(
        `SELECT count(*) FROM (SELECT response_id FROM survey_responses WHERE survey IN (${sqlList(VICTIM)}) GROUP BY 1 HAVING count(*) FILTER (WHERE question IN (${sqlList(scaleQs)})) <> 5)`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) FROM (SELECT response_id FROM survey_responses WHERE survey = 'domestic_abuse' GROUP BY 1 HAVING count(*) FILTER (WHERE question LIKE 'da\\_%' ESCAPE '\\') <> 4)`,
      ),
    ).toBe(0);
  });

  it('victim survey responses point at a real crime of the right kind in the same LPA and neighbourhood (rtc: no crime)', async () => {
    const kinds: Record<string, string> = {
      burglary: `c.offence_subgroup = 'Residential burglary'`,
      violent: `c.offence_subgroup IN ('Violence with injury', 'Violence without injury', 'Stalking and harassment', 'Homicide', 'Death or serious injury caused by unlawful driving')`,
      hate: `c.hate = 'true'`,
      domestic_abuse: `c.domestic_abuse = 'true'`,
    };
    for (const [survey, cond] of Object.entries(kinds)) {
      const total = await count(`SELECT count(*) FROM survey_responses WHERE survey = '${survey}'`);
      expect(total, survey).toBeGreaterThan(0);
      expect(
        await count(
          `SELECT count(*) FROM survey_responses s JOIN crimes c USING (crime_id) WHERE s.survey = '${survey}' AND ${cond} AND s.lpa = c.lpa AND s.neighbourhood = c.neighbourhood`,
        ),
        survey,
      ).toBe(total);
      expect(
        await count(
          `SELECT count(*) FROM survey_responses s WHERE s.survey = '${survey}' AND NOT EXISTS (SELECT 1 FROM crime_victims v WHERE v.crime_id = s.crime_id)`,
        ),
        `${survey} victim linked`,
      ).toBe(0);
    }
    expect(
      await count(
        `SELECT count(*) FROM survey_responses WHERE survey IN ('rtc', 'perception', 'sms') AND crime_id IS NOT NULL`,
      ),
    ).toBe(0);
  });

  it('perception survey uses the fixed question ids and labels', async () => {
    const agree = ['confidence', 'understands_issues', 'access_emergency', 'access_non_emergency'];
    expect(
      await count(
        `SELECT count(*) FROM survey_responses WHERE survey = 'perception' AND question IN (${sqlList(agree)}) AND answer NOT IN (${sqlList(AGREE_SCALE)})`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) FROM survey_responses WHERE survey = 'perception' AND question = 'sees_officer_weekly' AND answer NOT IN ('Yes', 'No')`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) FROM survey_responses WHERE survey = 'perception' AND question = 'satisfied_local_policing' AND answer NOT IN (${sqlList(LOCAL_POLICING_SCALE)})`,
      ),
    ).toBe(0);
    const ages = TABLES.people.columns.find((col) => col.name === 'age_band')!.values!;
    const eth = TABLES.people.columns.find((col) => col.name === 'ethnicity')!.values!;
    expect(
      await count(
        `SELECT count(*) FROM survey_responses WHERE question = 'respondent_age_band' AND answer NOT IN (${sqlList(ages)})`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) FROM survey_responses WHERE question = 'respondent_ethnicity' AND answer NOT IN (${sqlList(eth)})`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) FROM survey_responses WHERE question = 'respondent_disability' AND answer NOT IN ('yes', 'no', 'not_stated')`,
      ),
    ).toBe(0);
    const questions = (
      await q(
        `SELECT DISTINCT question FROM survey_responses WHERE survey = 'perception' ORDER BY 1`,
      )
    ).map((r) => r.question);
    expect(questions).toEqual(
      [
        ...agree,
        'sees_officer_weekly',
        'satisfied_local_policing',
        'respondent_age_band',
        'respondent_disability',
        'respondent_ethnicity',
        'respondent_sex',
      ].sort(),
    );
  });

  it('sms survey has a few questions and free text', async () => {
    const qs = (await q(`SELECT DISTINCT question FROM survey_responses WHERE survey = 'sms'`)).map(
      (r) => r.question,
    );
    expect(qs).toEqual(expect.arrayContaining(['sms_overall', 'sms_comment']));
  });
});

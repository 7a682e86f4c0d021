/**
 * Test support: read the generated CSVs back with DuckDB (typed from src/facts/tables.ts, so
 * a malformed boolean, date or timestamp fails the read) and the calibration measures the
 * tests check, written as plain SQL over those views.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { TABLES, type ColumnType, type ProjectTableName } from '../../src/facts/tables.ts';

const DUCK_TYPE: Record<ColumnType, string> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  enum: 'VARCHAR',
  integer: 'BIGINT',
  decimal: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  month: 'VARCHAR',
};

export interface DemoDb {
  all<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  one<T = Record<string, unknown>>(sql: string): Promise<T>;
  close(): void;
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  return v;
}

export async function openDemo(dir: string): Promise<DemoDb> {
  const db = await DuckDBInstance.create(':memory:');
  const c: DuckDBConnection = await db.connect();
  for (const [name, spec] of Object.entries(TABLES)) {
    const cols = spec.columns.map((col) => `'${col.name}': '${DUCK_TYPE[col.type]}'`).join(', ');
    const path = join(dir, `${name}.csv`).replace(/'/g, "''");
    await c.run(
      `CREATE TABLE ${name} AS SELECT * FROM read_csv('${path}', header = true, delim = ',', quote = '"', escape = '"', auto_detect = false, columns = {${cols}}, timestampformat = '%Y-%m-%dT%H:%M:%S', dateformat = '%Y-%m-%d')`,
    );
  }
  const all = async <T>(sql: string): Promise<T[]> => {
    const r = await c.runAndReadAll(sql);
    return r
      .getRowObjectsJS()
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])) as T);
  };
  return {
    all,
    async one<T>(sql: string): Promise<T> {
      const rows = await all<T>(sql);
      if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql}`);
      return rows[0] as T;
    },
    close() {
      c.closeSync();
      db.closeSync();
    },
  };
}

export const TABLE_NAMES = Object.keys(TABLES) as ProjectTableName[];

/** Notifiable crimes recorded in [from, to). */
export const trc = (from: string, to: string) =>
  `SELECT count(*) AS n FROM crimes WHERE NOT crimed_incident AND recorded_at >= TIMESTAMP '${from}' AND recorded_at < TIMESTAMP '${to}'`;

/** Crimes open (no outcome assigned yet) at an instant: notifiable, recorded before it. */
export const openAt = (at: string) => `
  SELECT count(*) AS n,
         avg(CASE WHEN c.offence_subgroup IN ('Violence with injury', 'Violence without injury', 'Stalking and harassment', 'Homicide', 'Death or serious injury caused by unlawful driving') THEN 1 ELSE 0 END) AS violence_share
  FROM crimes c LEFT JOIN outcomes o USING (crime_id)
  WHERE NOT c.crimed_incident AND c.recorded_at < TIMESTAMP '${at}'
    AND (o.outcome_at IS NULL OR o.outcome_at >= TIMESTAMP '${at}')`;

/**
 * Repeat victim rate for the month starting `monthStart`: distinct victims of crimes recorded
 * in the month (optionally DA-flagged crimes only) who were victims of another crime
 * recorded in the 12 months before the month began.
 */
export const repeatVictimRate = (monthStart: string, daOnly: boolean) => `
  WITH v AS (
    SELECT cv.person_id, c.recorded_at, c.domestic_abuse
    FROM crime_victims cv JOIN crimes c USING (crime_id)
    WHERE NOT c.crimed_incident
  ),
  m AS (
    SELECT DISTINCT person_id FROM v
    WHERE recorded_at >= TIMESTAMP '${monthStart}' AND recorded_at < TIMESTAMP '${monthStart}' + INTERVAL 1 MONTH
      ${daOnly ? 'AND domestic_abuse' : ''}
  )
  SELECT count(*) AS victims,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM v p WHERE p.person_id = m.person_id
             AND p.recorded_at >= TIMESTAMP '${monthStart}' - INTERVAL 12 MONTH
             AND p.recorded_at < TIMESTAMP '${monthStart}')) AS repeats
  FROM m`;

/** People linked to 3+ high-harm crimes in the 3 months ending with the month starting `monthStart`. */
export const highHarmNominals = (monthStart: string) => `
  WITH hh AS (
    SELECT crime_id, domestic_abuse FROM crimes
    WHERE NOT crimed_incident
      AND offence_subgroup IN ('Homicide', 'Death or serious injury caused by unlawful driving', 'Violence with injury', 'Violence without injury', 'Stalking and harassment', 'Rape', 'Other sexual offences')
      AND recorded_at >= TIMESTAMP '${monthStart}' - INTERVAL 2 MONTH
      AND recorded_at < TIMESTAMP '${monthStart}' + INTERVAL 1 MONTH
  ),
  links AS (
    SELECT person_id, 'v' AS role, domestic_abuse FROM crime_victims JOIN hh USING (crime_id)
    UNION ALL
    SELECT person_id, 's' AS role, domestic_abuse FROM crime_suspects JOIN hh USING (crime_id)
  ),
  per AS (
    SELECT person_id, count(*) AS n, count(*) FILTER (WHERE role = 'v') AS v,
           count(*) FILTER (WHERE role = 's') AS s, bool_or(domestic_abuse) AS da
    FROM links GROUP BY person_id HAVING count(*) >= 3
  )
  SELECT count(*) AS total,
         count(*) FILTER (WHERE s = 0) AS victim_only,
         count(*) FILTER (WHERE v = 0) AS suspect_only,
         count(*) FILTER (WHERE v > 0 AND s > 0) AS both,
         count(*) FILTER (WHERE da) AS da
  FROM per`;

/** Outcomes assigned in [from, to) by type (optionally DA-flagged crimes only). */
export const outcomesAssigned = (from: string, to: string, daOnly = false) => `
  SELECT o.outcome_type AS type, count(*) AS n
  FROM outcomes o JOIN crimes c USING (crime_id)
  WHERE o.outcome_at >= TIMESTAMP '${from}' AND o.outcome_at < TIMESTAMP '${to}'
    ${daOnly ? 'AND c.domestic_abuse' : ''}
  GROUP BY 1 ORDER BY 2 DESC`;

/** Mean number of incidents open and awaiting a resource at 06:00 each day of [from, to). */
export const unresourcedAt0600 = (from: string, to: string) => `
  WITH days AS (
    SELECT d + INTERVAL 6 HOUR AS t
    FROM range(TIMESTAMP '${from}', TIMESTAMP '${to}', INTERVAL 1 DAY) r(d)
  )
  SELECT avg(n) AS mean FROM (
    SELECT days.t, (SELECT count(*) FROM incidents i
                    WHERE i.opened_at <= days.t
                      AND (i.resourced_at IS NULL OR i.resourced_at > days.t)
                      AND (i.closed_at IS NULL OR i.closed_at > days.t)) AS n
    FROM days)`;

/** Answering: share answered within the line's standard (of answered calls) and abandonment (of offered). */
export const callPerformance = (line: '999' | '101', from: string, to: string) => `
  SELECT count(*) AS offered,
         count(answered_after_seconds) AS answered,
         avg(CASE WHEN answered_after_seconds <= ${line === '999' ? 10 : 30} THEN 1.0 ELSE 0.0 END) FILTER (WHERE answered_after_seconds IS NOT NULL) AS within,
         avg(CASE WHEN answered_after_seconds IS NULL THEN 1.0 ELSE 0.0 END) AS abandoned
  FROM calls WHERE line = '${line}' AND offered_at >= TIMESTAMP '${from}' AND offered_at < TIMESTAMP '${to}'`;

/** Whole-experience satisfaction (completely or very satisfied) for a survey in [from, to), by LPA and overall. */
export const satisfaction = (
  survey: string,
  from: string,
  to: string,
  question = 'whole_experience',
) => `
  SELECT coalesce(lpa, 'force') AS lpa, count(*) AS n,
         avg(CASE WHEN answer IN ('Completely satisfied', 'Very satisfied') THEN 1.0 ELSE 0.0 END) AS rate
  FROM survey_responses
  WHERE survey = '${survey}' AND question = '${question}'
    AND interviewed_at >= TIMESTAMP '${from}' AND interviewed_at < TIMESTAMP '${to}'
  GROUP BY ROLLUP (lpa)`;

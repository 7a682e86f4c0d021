/** A measure's proportion split by group: survey respondents' own answers, or victims'. */
import type { CountSide } from '../definition.ts';
import { sideCondition } from './filters.ts';
import { auditAgeBandSql } from '../../facts/tables.ts';
import { Params, range, type CompiledQuery, type QueryForm } from './params.ts';

/**
 * A survey measure by respondent: the numerator and denominator filters of the measure, split by
 * the respondent's own answers (age band, disability, ethnicity) and by neighbourhood.
 */
export function respondentBreakdownQuery(
  numerator: CountSide,
  denominator: CountSide,
  from: string,
  to: string,
  lpa: string | null,
  form: QueryForm = 'window',
): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const pos = sideCondition(numerator, params);
  const counted = sideCondition(denominator, params);
  const monthly = form === 'monthly';
  const lpaWhere = lpa === null || monthly ? '' : `AND s.lpa = ${params.bind(lpa)}`;
  // The monthly form: by month and LPA of the interview (a response's rows share both).
  const by = monthly ? 'a.month, a.lpa, ' : '';
  const window = `s.interviewed_at >= CAST(${lo} AS TIMESTAMP) AND s.interviewed_at < CAST(${hi} AS TIMESTAMP) ${lpaWhere}`;
  const sql = `WITH base AS (
  SELECT s.response_id, ${monthly ? "strftime(s.interviewed_at, '%Y-%m') AS month, s.lpa, " : ''}s.neighbourhood, coalesce(${pos}, false) AS pos, coalesce(${counted}, false) AS counted
  FROM survey_responses s WHERE ${window}),
answered AS (SELECT * FROM base WHERE counted),
dims AS (
  SELECT s.response_id, replace(s.question, 'respondent_', '') AS dimension, s.answer AS grp FROM survey_responses s
  WHERE s.question IN ('respondent_age_band', 'respondent_disability', 'respondent_ethnicity') AND ${window})
SELECT ${by}d.dimension, d.grp, count(*) FILTER (WHERE a.pos) AS num, count(*) AS den FROM answered a JOIN dims d ON d.response_id = a.response_id GROUP BY ALL
UNION ALL
SELECT ${by}'neighbourhood' AS dimension, a.neighbourhood AS grp, count(*) FILTER (WHERE a.pos) AS num, count(*) AS den FROM answered a WHERE a.neighbourhood IS NOT NULL GROUP BY ALL`;
  return { purpose: 'breakdown by respondent', sql, params: params.values };
}

/** An audit measure split by the victim's sex, age band and ethnicity. */
export function victimBreakdownQuery(
  numerator: CountSide,
  denominator: CountSide,
  from: string,
  to: string,
  lpa: string | null,
  form: QueryForm = 'window',
): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const num = sideCondition(numerator, params);
  const den = sideCondition(denominator, params);
  const monthly = form === 'monthly';
  const lpaWhere = lpa === null || monthly ? '' : `AND a.lpa = ${params.bind(lpa)}`;
  const by = monthly ? "strftime(a.audited_at, '%Y-%m') AS month, a.lpa AS lpa, " : '';
  const part = (dimension: string, value: string) =>
    `SELECT ${by}'${dimension}' AS dimension, coalesce(${value}, 'not recorded') AS grp, count(*) FILTER (WHERE coalesce(${num}, false)) AS num, count(*) FILTER (WHERE coalesce(${den}, false)) AS den
FROM victims_code_audits a WHERE a.audited_at >= CAST(${lo} AS DATE) AND a.audited_at < CAST(${hi} AS DATE) ${lpaWhere} GROUP BY ALL`;
  const sql = [
    part('sex', 'a.victim_sex'),
    part('age_band', auditAgeBandSql('a')),
    part('ethnicity', 'a.victim_ethnicity'),
  ].join('\nUNION ALL\n');
  return { purpose: 'breakdown by victim characteristics', sql, params: params.values };
}

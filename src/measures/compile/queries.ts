/**
 * The named queries: computations that are not a count over one source (repeat victims,
 * unresourced incidents, open investigations, high-harm nominals, outcome tables, VAWG, survey
 * interviews); each returns cells or table rows.
 */
import { ACTION_TAKEN_TYPES } from '../../facts/reference/outcome-groups.ts';
import { Params, inList, range, type CompiledQuery, type QueryForm } from './params.ts';
import { crimeVirtuals } from './sources.ts';
import { addMonths, monthsBetween } from '../period.ts';

/** Months in [from, to) as a table of month starts and ends. */
const monthsCte = (lo: string, hi: string) =>
  `months AS (SELECT m AS month_start, m + INTERVAL 1 MONTH AS month_end, strftime(m, '%Y-%m') AS month
   FROM range(CAST(${lo} AS TIMESTAMP), CAST(${hi} AS TIMESTAMP), INTERVAL 1 MONTH) t(m))`;

/**
 * Repeat victims: for each victim-month, whether the person was a victim of another offence in
 * the 12 months before that month's crime (num, of den distinct victims per month), and the same
 * for domestic abuse against earlier domestic abuse (num_da of den_da). One sort of the victims
 * serves both. People are counted distinct at each level: per month and LPA, and per month for
 * the whole force (rows with force_level = 1), so a person who was a victim in two LPAs in a
 * month is one victim of the force, not two.
 */
export function repeatVictimsQuery(from: string, to: string): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const sql = `WITH events AS (
  SELECT cv.person_id, c.lpa, c.recorded_at, c.domestic_abuse AS da,
    lag(c.recorded_at) OVER w AS previous_at,
    max(CASE WHEN c.domestic_abuse THEN c.recorded_at END) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_da_at
  FROM crime_victims cv JOIN crimes c ON c.crime_id = cv.crime_id
  WHERE NOT c.crimed_incident AND c.recorded_at >= CAST(${lo} AS TIMESTAMP) - INTERVAL 12 MONTH AND c.recorded_at < CAST(${hi} AS TIMESTAMP)
  WINDOW w AS (PARTITION BY cv.person_id ORDER BY c.recorded_at, c.crime_id))
SELECT month, lpa, grouping(lpa) AS force_level,
  count(DISTINCT person_id) FILTER (WHERE previous_at >= recorded_at - INTERVAL 12 MONTH) AS num,
  count(DISTINCT person_id) AS den,
  count(DISTINCT person_id) FILTER (WHERE da AND previous_da_at >= recorded_at - INTERVAL 12 MONTH) AS num_da,
  count(DISTINCT person_id) FILTER (WHERE da) AS den_da
FROM (SELECT *, strftime(recorded_at, '%Y-%m') AS month FROM events WHERE recorded_at >= CAST(${lo} AS TIMESTAMP))
GROUP BY GROUPING SETS ((month, lpa), (month))`;
  return { purpose: 'repeat victims (all crime and domestic abuse)', sql, params: params.values };
}

/**
 * Incidents open and awaiting a resource at 06:00 each day: num = the sum of the daily counts
 * (the engine divides by the days in the window). An incident waits from opened_at until it is
 * resourced or closed (still waiting when it is neither). Incidents graded no_deployment are
 * never to be resourced, so they are not awaiting one and are left out of the queue. Each incident yields the 06:00 samples it was waiting at — the first 06:00 at or after
 * its opening, then daily while it waits — so the work follows the waiting, not days × incidents.
 */
export function unresourcedIncidentsQuery(from: string, to: string): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const LO = `CAST(${lo} AS TIMESTAMP)`;
  const HI = `CAST(${hi} AS TIMESTAMP)`;
  const sql = `WITH spans AS (
  SELECT lpa,
    date_trunc('day', opened_at + INTERVAL 18 HOUR - INTERVAL 1 MICROSECOND) + INTERVAL 6 HOUR AS first_sample,
    coalesce(least(resourced_at, closed_at), resourced_at, closed_at, ${HI}) AS ends_at
  FROM incidents WHERE opened_at < ${HI} AND grade <> 'no_deployment'),
waiting AS (
  SELECT lpa, unnest(range(greatest(first_sample, ${LO} + INTERVAL 6 HOUR), least(ends_at, ${HI}), INTERVAL 1 DAY)) AS sample_at
  FROM spans WHERE ends_at > first_sample AND ends_at > ${LO} + INTERVAL 6 HOUR),
daily AS (SELECT sample_at, lpa, count(*) AS n FROM waiting GROUP BY ALL),
samples AS (SELECT d + INTERVAL 6 HOUR  AS sample_at FROM range(${LO}, ${HI}, INTERVAL 1 DAY) t(d)),
lpas AS (SELECT DISTINCT lpa FROM incidents)
SELECT strftime(s.sample_at, '%Y-%m') AS month, l.lpa, sum(coalesce(d.n, 0)) AS num
FROM samples s CROSS JOIN lpas l LEFT JOIN daily d ON d.sample_at = s.sample_at AND d.lpa = l.lpa
GROUP BY ALL`;
  return { purpose: 'incidents awaiting a resource at 06:00', sql, params: params.values };
}

/**
 * Crimes with no outcome at each month end (num), by LPA: crimes recorded before the month end
 * less those whose outcome came before it (an outcome dated before the crime counts from the
 * crime's recording), accumulated month by month over the whole history.
 */
export function openInvestigationsQuery(from: string, to: string): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const sql = `WITH ${monthsCte(lo, hi)},
changes AS (
  SELECT c.lpa, c.recorded_at AS t, 1 AS d FROM crimes c WHERE NOT c.crimed_incident
  UNION ALL
  SELECT c.lpa, greatest(o.outcome_at, c.recorded_at) AS t, -1 AS d FROM crimes c JOIN outcomes o ON o.crime_id = c.crime_id WHERE NOT c.crimed_incident),
by_month AS (SELECT lpa, date_trunc('month', t) AS m, sum(d) AS d FROM changes GROUP BY ALL),
lpas AS (SELECT DISTINCT lpa FROM by_month)
SELECT mo.month, l.lpa, coalesce(sum(b.d), 0) AS num
FROM months mo CROSS JOIN lpas l LEFT JOIN by_month b ON b.lpa = l.lpa AND b.m < mo.month_end
GROUP BY ALL`;
  return { purpose: 'open investigations at each month end', sql, params: params.values };
}

/**
 * The monthly form of open investigations (its aggregate's definition): per month and LPA, the
 * crimes recorded less those whose outcome came (an outcome dated before its crime closes it in
 * the crime's month), so the number open at a month end is the sum of every month up to it
 * (`openInvestigationsAggregateRead`). Each month's row depends on that month's rows only, so an
 * import rebuilds the months it touches, not the history after them. A group whose changes sum
 * to 0 keeps its row: the LPAs of the grid are every LPA with a crime.
 */
export function openInvestigationsDeltasQuery(from: string, to: string): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const LO = `CAST(${lo} AS TIMESTAMP)`;
  const HI = `CAST(${hi} AS TIMESTAMP)`;
  // The closings in two halves, each filtered on a stored date: dated at the outcome, or (an
  // outcome before its crime) at the crime.
  const sql = `WITH changes AS (
  SELECT c.lpa, c.recorded_at AS t, 1 AS d FROM crimes c
  WHERE NOT c.crimed_incident AND c.recorded_at >= ${LO} AND c.recorded_at < ${HI}
  UNION ALL
  SELECT c.lpa, o.outcome_at AS t, -1 AS d FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id
  WHERE NOT c.crimed_incident AND o.outcome_at >= c.recorded_at AND o.outcome_at >= ${LO} AND o.outcome_at < ${HI}
  UNION ALL
  SELECT c.lpa, c.recorded_at AS t, -1 AS d FROM crimes c JOIN outcomes o ON o.crime_id = c.crime_id
  WHERE NOT c.crimed_incident AND o.outcome_at < c.recorded_at AND c.recorded_at >= ${LO} AND c.recorded_at < ${HI})
SELECT strftime(t, '%Y-%m') AS month, lpa, sum(d) AS d FROM changes GROUP BY ALL`;
  return {
    purpose: 'open investigations: openings less closings by month',
    sql,
    params: params.values,
  };
}

/** The months `YYYY-MM` of [from, to), as a VALUES list of parameters. */
const monthValues = (params: Params, from: string, to: string): string => {
  const months = monthsBetween(from.slice(0, 7), addMonths(to.slice(0, 7), -1));
  return months.length > 0
    ? `(VALUES ${months.map((m) => `(${params.bind(m)})`).join(', ')}) mo(month)`
    : '(SELECT NULL::VARCHAR AS month WHERE false) mo';
};

/**
 * Open investigations at each month end of [from, to) by LPA, from the aggregate of monthly
 * openings less closings: the rows `openInvestigationsQuery` gives (every month, every LPA).
 */
export function openInvestigationsAggregateRead(
  table: string,
  from: string,
  to: string,
): CompiledQuery {
  const params = new Params();
  const sql = `SELECT mo.month, l.lpa, coalesce(sum(a.d), 0) AS num
FROM ${monthValues(params, from, to)} CROSS JOIN (SELECT DISTINCT lpa FROM ${table}) l
LEFT JOIN ${table} a ON a.lpa = l.lpa AND a.month <= mo.month
GROUP BY mo.month, l.lpa`;
  return {
    purpose: 'open investigations at each month end (aggregate)',
    sql,
    params: params.values,
  };
}

/** The age profile of crimes open at one moment, and the share that is violence or stalking and harassment. */
export function openInvestigationsProfileQuery(at: string, lpa: string | null): CompiledQuery {
  const params = new Params();
  const t = params.bind(at);
  const lpaWhere = lpa === null ? '' : `AND c.lpa = ${params.bind(lpa)}`;
  const age = `date_diff('day', c.recorded_at, CAST(${t} AS TIMESTAMP))`;
  const sql = `SELECT CASE WHEN ${age} < 28 THEN 1 WHEN ${age} < 56 THEN 2 WHEN ${age} < 84 THEN 3
    WHEN ${age} < 182 THEN 4 WHEN ${age} < 365 THEN 5 ELSE 6 END AS band,
  count(*) AS n,
  count(*) FILTER (WHERE c.offence_subgroup IN (${inList(['Violence with injury', 'Violence without injury', 'Stalking and harassment'])})) AS violence
FROM crimes c LEFT JOIN outcomes o ON o.crime_id = c.crime_id
WHERE c.recorded_at < CAST(${t} AS TIMESTAMP) AND NOT c.crimed_incident ${lpaWhere}
  AND (o.outcome_at IS NULL OR o.outcome_at >= CAST(${t} AS TIMESTAMP))
GROUP BY ALL ORDER BY band`;
  return { purpose: 'age profile of open investigations', sql, params: params.values };
}

/**
 * The monthly form of the age profile (its aggregate's definition), by month start in [from, to)
 * and LPA, in two kinds of row. Bands 1–5 (under a year old): crimes are first counted by day of
 * recording, LPA, violence and the month their investigation closes (capped 14 months on), then
 * spread to the month starts in the year after recording, so the work grows with days and LPAs,
 * not crimes. Band 0: the month's openings less closings (a crime opens from the month start
 * after its recording and closes from the month start after its outcome, or after its recording
 * when the outcome came first), so the number open at a month start is the sum of band 0 up to
 * it, and the band of over a year is that less bands 1–5 (`profileAggregateRead`). Every row
 * depends only on crimes and outcomes of its own month and the 13 before it, so an import
 * rebuilds those months, not the history after them. The key of outcomes is the crime.
 */
export function openInvestigationsProfileMonthlyQuery(from: string, to: string): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const LO = `CAST(${lo} AS TIMESTAMP)`;
  const HI = `CAST(${hi} AS TIMESTAMP)`;
  const age = `date_diff('day', rec_day, ms)`;
  const violence = `c.offence_subgroup IN (${inList(['Violence with injury', 'Violence without injury', 'Stalking and harassment'])})`;
  const M1 = 'INTERVAL 1 MONTH';
  const sql = `WITH x AS (
  SELECT c.lpa, ${violence} AS v, c.recorded_at AS rec, o.outcome_at AS out
  FROM crimes c LEFT JOIN outcomes o ON o.crime_id = c.crime_id
  WHERE NOT c.crimed_incident AND c.recorded_at >= ${LO} - INTERVAL 13 MONTH AND c.recorded_at < ${HI}),
by_day AS (
  SELECT lpa, v, date_trunc('day', rec) AS rec_day,
    least(coalesce(date_trunc('month', out), date_trunc('month', rec) + INTERVAL 14 MONTH), date_trunc('month', rec) + INTERVAL 14 MONTH) AS open_until,
    count(*) AS n
  FROM x GROUP BY ALL),
spread AS (
  SELECT lpa, v, rec_day, open_until, n,
    unnest(range(date_trunc('month', rec_day) + ${M1}, rec_day + INTERVAL 366 DAY, ${M1})) AS ms
  FROM by_day),
recent AS (
  SELECT ms, lpa, CASE WHEN ${age} < 28 THEN 1 WHEN ${age} < 56 THEN 2 WHEN ${age} < 84 THEN 3
    WHEN ${age} < 182 THEN 4 ELSE 5 END AS band,
    sum(n) AS n, coalesce(sum(n) FILTER (WHERE v), 0) AS violence
  FROM spread WHERE ${age} < 365 AND open_until >= ms AND ms >= ${LO} AND ms < ${HI}
  GROUP BY ALL),
deltas AS (
  SELECT c.lpa, ${violence} AS v, date_trunc('month', c.recorded_at) + ${M1} AS ms, 1 AS d FROM crimes c
  WHERE NOT c.crimed_incident AND c.recorded_at >= ${LO} - ${M1} AND c.recorded_at < ${HI} - ${M1}
  UNION ALL
  SELECT c.lpa, ${violence}, date_trunc('month', o.outcome_at) + ${M1}, -1 FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id
  WHERE NOT c.crimed_incident AND date_trunc('month', o.outcome_at) >= date_trunc('month', c.recorded_at)
    AND o.outcome_at >= ${LO} - ${M1} AND o.outcome_at < ${HI} - ${M1}
  UNION ALL
  SELECT c.lpa, ${violence}, date_trunc('month', c.recorded_at) + ${M1}, -1 FROM crimes c JOIN outcomes o ON o.crime_id = c.crime_id
  WHERE NOT c.crimed_incident AND date_trunc('month', o.outcome_at) < date_trunc('month', c.recorded_at)
    AND c.recorded_at >= ${LO} - ${M1} AND c.recorded_at < ${HI} - ${M1})
SELECT strftime(ms, '%Y-%m') AS month, lpa, band, n, violence FROM recent
UNION ALL
SELECT strftime(ms, '%Y-%m') AS month, lpa, 0 AS band, sum(d) AS n, coalesce(sum(d) FILTER (WHERE v), 0) AS violence
FROM deltas GROUP BY ALL`;
  return { purpose: 'age profile of open investigations (monthly)', sql, params: params.values };
}

/**
 * The age profile at one month start (for one LPA or the force) from the aggregate of
 * `openInvestigationsProfileMonthlyQuery`: bands 1–5 as held, band 6 the open crimes (band 0
 * summed to that month) less them; the rows `openInvestigationsProfileQuery` gives.
 */
export function profileAggregateRead(
  table: string,
  month: string,
  lpa: string | null,
): CompiledQuery {
  const params = new Params();
  const m = params.bind(month.slice(0, 7));
  const lpaWhere = lpa === null ? '' : `AND lpa = ${params.bind(lpa)}`;
  const sql = `WITH recent AS (
  SELECT band, sum(n) AS n, sum(violence) AS violence FROM ${table} WHERE band > 0 AND month = ${m} ${lpaWhere} GROUP BY band),
open AS (
  SELECT coalesce(sum(n), 0) AS n, coalesce(sum(violence), 0) AS violence FROM ${table} WHERE band = 0 AND month <= ${m} ${lpaWhere})
SELECT band, n::BIGINT AS n, violence::BIGINT AS violence FROM recent
UNION ALL
SELECT 6, (o.n - coalesce((SELECT sum(n) FROM recent), 0))::BIGINT, (o.violence - coalesce((SELECT sum(violence) FROM recent), 0))::BIGINT FROM open o
ORDER BY band`;
  return { purpose: 'age profile of open investigations (aggregate)', sql, params: params.values };
}

export const AGE_BANDS = [
  'Under 4 weeks',
  '4–8 weeks',
  '8–12 weeks',
  '12 weeks–6 months',
  '6 months–1 year',
  'Over 1 year',
] as const;

/**
 * High-harm repeat nominals at each month end: people linked as victim or suspect to 3+
 * high-harm crimes recorded in the 3 months to that month end.
 */
export function highHarmNominalsQuery(from: string, to: string): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  // Each person's distinct high-harm crimes per month are spread to the three month ends whose
  // window holds them, so the rolling count is a hash aggregate rather than a range join.
  const sql = `WITH links AS (
  SELECT person_id, crime_id, 'victim' AS role FROM crime_victims
  UNION ALL SELECT person_id, crime_id, 'suspect' AS role FROM crime_suspects),
events AS (
  SELECT l.person_id, l.role, c.crime_id, date_trunc('month', c.recorded_at) AS m, c.domestic_abuse FROM links l JOIN crimes c ON c.crime_id = l.crime_id
  WHERE ${crimeVirtuals('c').high_harm} AND NOT c.crimed_incident
    AND c.recorded_at >= CAST(${lo} AS TIMESTAMP) - INTERVAL 2 MONTH AND c.recorded_at < CAST(${hi} AS TIMESTAMP)),
per_month AS (
  SELECT person_id, m, count(DISTINCT crime_id) AS n, bool_or(role = 'victim') AS v, bool_or(role = 'suspect') AS s, bool_or(domestic_abuse) AS da
  FROM events GROUP BY ALL),
-- Only people with 3 or more high-harm crimes over the whole range can reach 3 in a window.
candidates AS (SELECT person_id FROM per_month GROUP BY person_id HAVING sum(n) >= 3),
spread AS (
  SELECT p.*, p.m + to_months(CAST(k AS INTEGER)) AS month_start
  FROM (SELECT * FROM per_month WHERE person_id IN (SELECT person_id FROM candidates)) p, range(3) r(k)),
per_person AS (
  SELECT month_start, person_id, sum(n) AS offences, bool_or(v) AS as_victim, bool_or(s) AS as_suspect, bool_or(da) AS da
  FROM spread WHERE month_start >= CAST(${lo} AS TIMESTAMP) AND month_start < CAST(${hi} AS TIMESTAMP)
  GROUP BY ALL HAVING sum(n) >= 3)
SELECT strftime(month_start, '%Y-%m') AS month, NULL AS lpa, count(*) AS num,
  count(*) FILTER (WHERE as_victim AND NOT as_suspect) AS victim_only,
  count(*) FILTER (WHERE as_suspect AND NOT as_victim) AS suspect_only,
  count(*) FILTER (WHERE as_victim AND as_suspect) AS both_roles,
  count(*) FILTER (WHERE offences BETWEEN 3 AND 4) AS band_3_4,
  count(*) FILTER (WHERE offences BETWEEN 5 AND 9) AS band_5_9,
  count(*) FILTER (WHERE offences BETWEEN 10 AND 19) AS band_10_19,
  count(*) FILTER (WHERE offences >= 20) AS band_20_plus,
  count(*) FILTER (WHERE da) AS linked_to_da
FROM per_person GROUP BY ALL`;
  return { purpose: 'high-harm repeat nominals at each month end', sql, params: params.values };
}

/**
 * Outcomes assigned in [from, to) by outcome type (optionally DA-flagged crimes only, one LPA).
 * The monthly form (a monthly aggregate's definition) keeps month, LPA and the DA flag as columns
 * instead of filtering on them; summed over a window's months it gives the window's rows.
 */
export function outcomesByTypeQuery(
  from: string,
  to: string,
  daOnly: boolean,
  lpa: string | null,
  form: QueryForm = 'window',
): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const monthly = form === 'monthly';
  const sql = `SELECT ${monthly ? "strftime(o.outcome_at, '%Y-%m') AS month, c.lpa AS lpa, c.domestic_abuse AS da, " : ''}o.outcome_type, r.short_name, r.report_group, count(*) AS n
FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id JOIN ref_outcome_types r ON r.outcome_type = o.outcome_type
WHERE o.outcome_at >= CAST(${lo} AS TIMESTAMP) AND o.outcome_at < CAST(${hi} AS TIMESTAMP)
  ${daOnly && !monthly ? 'AND c.domestic_abuse' : ''} ${lpa === null || monthly ? '' : `AND c.lpa = ${params.bind(lpa)}`}
GROUP BY ALL`;
  return {
    purpose: `outcomes by type${daOnly ? ' (domestic abuse)' : ''}`,
    sql,
    params: params.values,
  };
}

/** Outcomes assigned in [from, to) per scorecard crime group: count, action taken, outcome 16. */
export function outcomesByGroupQuery(
  from: string,
  to: string,
  lpa: string | null,
  form: QueryForm = 'window',
): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const v = crimeVirtuals('c');
  const monthly = form === 'monthly';
  const sql = `SELECT ${monthly ? "strftime(o.outcome_at, '%Y-%m') AS month, c.lpa AS lpa, " : ''}${v.scorecard_group} AS crime_group, count(*) AS outcomes,
  count(*) FILTER (WHERE o.outcome_type IN (${inList(ACTION_TAKEN_TYPES)})) AS action_taken,
  count(*) FILTER (WHERE o.outcome_type = '16') AS oc16
FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id
WHERE o.outcome_at >= CAST(${lo} AS TIMESTAMP) AND o.outcome_at < CAST(${hi} AS TIMESTAMP) AND NOT c.crimed_incident
  ${lpa === null || monthly ? '' : `AND c.lpa = ${params.bind(lpa)}`}
GROUP BY ALL`;
  return { purpose: 'outcomes by crime group', sql, params: params.values };
}

const VAWG_GROUPS = `(VALUES ('Rape', 1), ('Other sexual offences', 2), ('Stalking and harassment', 3), ('Domestic abuse', 4)) g(name, ord)`;
const VAWG_MEMBER = `((g.name = 'Domestic abuse' AND c.domestic_abuse) OR (g.name <> 'Domestic abuse' AND c.offence_subgroup = g.name))`;

/** VAWG: crimes recorded, outcomes and outcome 16 over a window, for rape, other sexual, stalking and harassment, DA. */
export function vawgQuery(from: string, to: string, lpa: string | null): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const lpaWhere = lpa === null ? '' : `AND c.lpa = ${params.bind(lpa)}`;
  const member = VAWG_MEMBER;
  const sql = `SELECT g.name AS crime_group, g.ord,
  (SELECT count(*) FROM crimes c WHERE ${member} AND NOT c.crimed_incident AND c.recorded_at >= CAST(${lo} AS TIMESTAMP) AND c.recorded_at < CAST(${hi} AS TIMESTAMP) ${lpaWhere}) AS recorded,
  (SELECT count(*) FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id WHERE ${member} AND o.outcome_at >= CAST(${lo} AS TIMESTAMP) AND o.outcome_at < CAST(${hi} AS TIMESTAMP) ${lpaWhere}) AS outcomes,
  (SELECT count(*) FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id WHERE ${member} AND o.outcome_type = '16' AND o.outcome_at >= CAST(${lo} AS TIMESTAMP) AND o.outcome_at < CAST(${hi} AS TIMESTAMP) ${lpaWhere}) AS oc16
FROM ${VAWG_GROUPS} ORDER BY g.ord`;
  return { purpose: 'violence against women and girls: outcome 16', sql, params: params.values };
}

/** The VAWG counts by group, month (of recording, or of the outcome) and LPA: a monthly aggregate. */
export function vawgMonthlyQuery(from: string, to: string): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const sql = `SELECT g.name AS crime_group, strftime(c.recorded_at, '%Y-%m') AS month, c.lpa AS lpa, count(*) AS recorded, 0 AS outcomes, 0 AS oc16
FROM ${VAWG_GROUPS} JOIN crimes c ON ${VAWG_MEMBER}
WHERE NOT c.crimed_incident AND c.recorded_at >= CAST(${lo} AS TIMESTAMP) AND c.recorded_at < CAST(${hi} AS TIMESTAMP) GROUP BY ALL
UNION ALL
SELECT g.name, strftime(o.outcome_at, '%Y-%m'), c.lpa, 0, count(*), count(*) FILTER (WHERE o.outcome_type = '16')
FROM ${VAWG_GROUPS} JOIN outcomes o ON true JOIN crimes c ON c.crime_id = o.crime_id
WHERE ${VAWG_MEMBER} AND o.outcome_at >= CAST(${lo} AS TIMESTAMP) AND o.outcome_at < CAST(${hi} AS TIMESTAMP) GROUP BY ALL`;
  return { purpose: 'violence against women and girls (monthly)', sql, params: params.values };
}

/** The VAWG rows of a window from the monthly aggregate: every group, in order, zeros included. */
export function vawgAggregateRead(
  table: string,
  from: string,
  to: string,
  lpa: string | null,
): CompiledQuery {
  const params = new Params();
  const lpaWhere = lpa === null ? '' : `AND lpa = ${params.bind(lpa)}`;
  const sql = `SELECT g.name AS crime_group, g.ord, coalesce(sum(a.recorded), 0)::BIGINT AS recorded,
  coalesce(sum(a.outcomes), 0)::BIGINT AS outcomes, coalesce(sum(a.oc16), 0)::BIGINT AS oc16
FROM ${VAWG_GROUPS} LEFT JOIN (SELECT * FROM ${table} WHERE month >= ${params.bind(from.slice(0, 7))} AND month < ${params.bind(to.slice(0, 7))} ${lpaWhere}) a ON a.crime_group = g.name
GROUP BY g.name, g.ord ORDER BY g.ord`;
  return {
    purpose: 'violence against women and girls: outcome 16 (aggregate)',
    sql,
    params: params.values,
  };
}

/** Interviews (distinct responses) per survey in [from, to); monthly: by month and LPA too. */
export function surveyInterviewsQuery(
  from: string,
  to: string,
  lpa: string | null,
  form: QueryForm = 'window',
): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const monthly = form === 'monthly';
  const sql = `SELECT ${monthly ? "strftime(interviewed_at, '%Y-%m') AS month, lpa, " : ''}survey, count(DISTINCT response_id) AS interviews FROM survey_responses
WHERE interviewed_at >= CAST(${lo} AS TIMESTAMP) AND interviewed_at < CAST(${hi} AS TIMESTAMP) ${lpa === null || monthly ? '' : `AND lpa = ${params.bind(lpa)}`}
GROUP BY ALL${monthly ? '' : ' ORDER BY survey'}`;
  return { purpose: 'survey interviews', sql, params: params.values };
}

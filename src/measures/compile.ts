/**
 * Measures → SQL, in one module. Everything else treats SQL as data: a `CompiledQuery` is text
 * plus named parameters, and every value (filter values, dates) is a bound parameter. Only
 * identifiers and expressions declared here are spliced into the text.
 *
 * The unit of work is a *cell*: a number per (month, LPA) for one series. Additive measures
 * read their cells from one grouped scan per fact source covering every month any measure needs
 * ("one scan per fact table"); the rest have a named query each that returns the same shape.
 */
import { OFFENCE_SUBGROUPS } from '../facts/reference/offence-subgroups.ts';
import { ACTION_TAKEN_TYPES } from '../facts/reference/outcome-groups.ts';
import { TABLES, type SURVEYS } from '../facts/tables.ts';

type Survey = (typeof SURVEYS)[number];
import type { CountSide, Filter, SourceName } from './definition.ts';

export type ParamValue = string | number | boolean | null;

export interface CompiledQuery {
  readonly purpose: string;
  readonly sql: string;
  readonly params: Record<string, ParamValue>;
}

interface Source {
  readonly from: string;
  /** The timestamp or date that places a row in a month. */
  readonly date: string;
  /** The row's LPA, or null where the source has none (force level only). */
  readonly lpa: string | null;
  /** Filterable columns: name → SQL expression. */
  readonly columns: Readonly<Record<string, string>>;
  /** The fact tables read, for freshness and lineage. */
  readonly tables: readonly string[];
}

const columnsOf = (table: keyof typeof TABLES, alias: string): Record<string, string> =>
  Object.fromEntries(TABLES[table].columns.map((c) => [c.name, `${alias}.${c.name}`]));

const inList = (values: readonly string[]) =>
  values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');

/** Virtual crime columns from the reference data (constants of our own code). */
const crimeVirtuals = (alias: string): Record<string, string> => {
  const subgroupsWhere = (pred: (s: (typeof OFFENCE_SUBGROUPS)[number]) => boolean) =>
    `${alias}.offence_subgroup IN (${inList(OFFENCE_SUBGROUPS.filter(pred).map((s) => s.subgroup))})`;
  const groupCase = `CASE ${OFFENCE_SUBGROUPS.map((s) => `WHEN ${alias}.offence_subgroup = '${s.subgroup}' THEN '${s.scorecardGroup}'`).join(' ')} END`;
  return {
    scorecard_group: groupCase,
    high_harm: subgroupsWhere((s) => s.highHarm),
    vawg_group: subgroupsWhere((s) => s.vawg),
  };
};

const CRIME_COLUMNS = { ...columnsOf('crimes', 'c'), ...crimeVirtuals('c') };

export const SOURCES: Readonly<Record<SourceName, Source>> = {
  crimes: {
    from: 'crimes c',
    date: 'c.recorded_at',
    lpa: 'c.lpa',
    columns: CRIME_COLUMNS,
    tables: ['crimes'],
  },
  outcomes: {
    // Whether a victim is linked is worked out once per outcome (one semi-join), not per filter.
    from: '(SELECT o.*, EXISTS (SELECT 1 FROM crime_victims v WHERE v.crime_id = o.crime_id) AS has_victim FROM outcomes o) o JOIN crimes c ON c.crime_id = o.crime_id',
    date: 'o.outcome_at',
    lpa: 'c.lpa',
    columns: {
      ...CRIME_COLUMNS,
      outcome_type: 'o.outcome_type',
      outcome_at: 'o.outcome_at',
      has_victim: 'o.has_victim',
      action_taken: `o.outcome_type IN (${inList(ACTION_TAKEN_TYPES)})`,
    },
    tables: ['outcomes', 'crimes', 'crime_victims'],
  },
  incidents: {
    from: 'incidents i',
    date: 'i.opened_at',
    lpa: 'i.lpa',
    columns: columnsOf('incidents', 'i'),
    tables: ['incidents'],
  },
  calls: {
    from: 'calls k',
    date: 'k.offered_at',
    lpa: null,
    columns: {
      ...columnsOf('calls', 'k'),
      answered_within_10s: 'coalesce(k.answered_after_seconds <= 10, false)',
      answered_within_30s: 'coalesce(k.answered_after_seconds <= 30, false)',
    },
    tables: ['calls'],
  },
  survey: {
    from: 'survey_responses s',
    date: 's.interviewed_at',
    lpa: 's.lpa',
    columns: columnsOf('survey_responses', 's'),
    tables: ['survey_responses'],
  },
  referrals: {
    from: 'referrals r JOIN crimes c ON c.crime_id = r.crime_id',
    date: 'r.referred_at',
    lpa: 'c.lpa',
    columns: { ...CRIME_COLUMNS, service: 'r.service' },
    tables: ['referrals', 'crimes'],
  },
  victims_code_audits: {
    from: 'victims_code_audits a',
    date: 'a.audited_at',
    lpa: 'a.lpa',
    columns: columnsOf('victims_code_audits', 'a'),
    tables: ['victims_code_audits'],
  },
  cdi_audits: {
    from: 'cdi_audits d',
    date: 'd.audited_at',
    lpa: null,
    columns: columnsOf('cdi_audits', 'd'),
    tables: ['cdi_audits'],
  },
  casualties: {
    from: 'casualties x',
    date: 'x.collision_at',
    lpa: 'x.lpa',
    columns: columnsOf('casualties', 'x'),
    tables: ['casualties'],
  },
  arrests: {
    // Arrests carry no LPA of their own: each is placed in the LPA of the crime it was for.
    // An arrest linked to no crime (a warrant, a breach) counts for the force only.
    from: 'arrests a LEFT JOIN crimes c ON c.crime_id = a.crime_id',
    date: 'a.arrested_at',
    lpa: 'c.lpa',
    columns: columnsOf('arrests', 'a'),
    tables: ['arrests', 'crimes'],
  },
  victims: {
    from: 'crime_victims cv JOIN crimes c ON c.crime_id = cv.crime_id JOIN people p ON p.person_id = cv.person_id',
    date: 'c.recorded_at',
    lpa: 'c.lpa',
    columns: { ...CRIME_COLUMNS, ...columnsOf('people', 'p') },
    tables: ['crime_victims', 'crimes', 'people'],
  },
};

export class CompileError extends Error {}

/** Binds values as numbered parameters while compiling. */
class Params {
  readonly values: Record<string, ParamValue> = {};
  private n = 0;
  bind(v: ParamValue): string {
    const name = `p${++this.n}`;
    this.values[name] = v;
    return `$${name}`;
  }
}

export function compileFilter(f: Filter, source: SourceName, params: Params): string {
  const col = (name: string) => {
    const expr = SOURCES[source].columns[name];
    if (expr === undefined) throw new CompileError(`source ${source} has no column "${name}"`);
    return expr;
  };
  if ('all' in f) return `(${f.all.map((x) => compileFilter(x, source, params)).join(' AND ')})`;
  if ('any' in f) return `(${f.any.map((x) => compileFilter(x, source, params)).join(' OR ')})`;
  if ('not' in f) return `(NOT coalesce(${compileFilter(f.not, source, params)}, false))`;
  if ('eq' in f && f.col === 'scorecard_group' && 'offence_subgroup' in SOURCES[source].columns) {
    // A scorecard group is a set of offence subgroups: test the stored column, not the derived one.
    const subgroups = OFFENCE_SUBGROUPS.filter((s) => s.scorecardGroup === f.eq).map(
      (s) => s.subgroup,
    );
    if (subgroups.length === 0)
      throw new CompileError(`no offence subgroup is in scorecard group "${String(f.eq)}"`);
    return `${col('offence_subgroup')} IN (${subgroups.map((v) => params.bind(v)).join(', ')})`;
  }
  if ('eq' in f) return `${col(f.col)} = ${params.bind(f.eq)}`;
  if ('in' in f) return `${col(f.col)} IN (${f.in.map((v) => params.bind(v)).join(', ')})`;
  if ('notIn' in f)
    return `coalesce(${col(f.col)} NOT IN (${f.notIn.map((v) => params.bind(v)).join(', ')}), true)`;
  return `${col(f.col)} IS ${f.isNull ? '' : 'NOT '}NULL`;
}

/** A stable key for a count side, so identical sides across measures share one column. */
export const sideKey = (side: CountSide): string =>
  JSON.stringify([side.source, side.where ?? null, side.sum ?? null]);

/**
 * One grouped scan of a source: a column per distinct side, counted (or summed) per month and LPA,
 * over [from, to) — London local dates.
 */
export function sourceScan(
  source: SourceName,
  sides: readonly CountSide[],
  from: string,
  to: string,
): CompiledQuery & { columns: string[] } {
  const s = SOURCES[source];
  const params = new Params();
  const keys: string[] = [];
  const aggregates = sides.map((side, i) => {
    keys.push(sideKey(side));
    const where = side.where ? compileFilter(side.where, source, params) : null;
    const value = side.sum ? s.columns[side.sum] : undefined;
    if (side.sum && value === undefined)
      throw new CompileError(`source ${source} has no column "${side.sum}"`);
    const agg = value ? `sum(${value})` : 'count(*)';
    return `${agg}${where ? ` FILTER (WHERE coalesce(${where}, false))` : ''} AS c${i}`;
  });
  const lo = params.bind(from);
  const hi = params.bind(to);
  const sql = `SELECT strftime(${s.date}, '%Y-%m') AS month, ${s.lpa ?? 'NULL'} AS lpa, ${aggregates.join(', ')}
FROM ${s.from}
WHERE ${s.date} >= CAST(${lo} AS TIMESTAMP) AND ${s.date} < CAST(${hi} AS TIMESTAMP)
GROUP BY ALL`;
  return { purpose: `monthly counts from ${source}`, sql, params: params.values, columns: keys };
}

/** Survey sides: positive answers (numerator) and answers that count (denominator). */
export function surveySides(
  surveys: readonly Survey[],
  question: string,
  positive: readonly string[],
  excluded: readonly string[],
): { numerator: CountSide; denominator: CountSide } {
  const base: Filter[] = [
    { col: 'survey', in: surveys },
    { col: 'question', eq: question },
  ];
  const counted: Filter[] = [
    ...base,
    { col: 'answer', isNull: false },
    ...(excluded.length > 0 ? [{ col: 'answer', notIn: excluded } as const] : []),
  ];
  return {
    numerator: { source: 'survey', where: { all: [...base, { col: 'answer', in: positive }] } },
    denominator: { source: 'survey', where: { all: counted } },
  };
}

// ------------------------------------------------------------------ named queries

const range = (params: Params, from: string, to: string) => ({
  lo: params.bind(from),
  hi: params.bind(to),
});

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

/** Outcomes assigned in [from, to) by outcome type (optionally DA-flagged crimes only, one LPA). */
export function outcomesByTypeQuery(
  from: string,
  to: string,
  daOnly: boolean,
  lpa: string | null,
): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const sql = `SELECT o.outcome_type, r.short_name, r.report_group, count(*) AS n
FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id JOIN ref_outcome_types r ON r.outcome_type = o.outcome_type
WHERE o.outcome_at >= CAST(${lo} AS TIMESTAMP) AND o.outcome_at < CAST(${hi} AS TIMESTAMP)
  ${daOnly ? 'AND c.domestic_abuse' : ''} ${lpa === null ? '' : `AND c.lpa = ${params.bind(lpa)}`}
GROUP BY ALL`;
  return {
    purpose: `outcomes by type${daOnly ? ' (domestic abuse)' : ''}`,
    sql,
    params: params.values,
  };
}

/** Outcomes assigned in [from, to) per scorecard crime group: count, action taken, outcome 16. */
export function outcomesByGroupQuery(from: string, to: string, lpa: string | null): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const v = crimeVirtuals('c');
  const sql = `SELECT ${v.scorecard_group} AS crime_group, count(*) AS outcomes,
  count(*) FILTER (WHERE o.outcome_type IN (${inList(ACTION_TAKEN_TYPES)})) AS action_taken,
  count(*) FILTER (WHERE o.outcome_type = '16') AS oc16
FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id
WHERE o.outcome_at >= CAST(${lo} AS TIMESTAMP) AND o.outcome_at < CAST(${hi} AS TIMESTAMP) AND NOT c.crimed_incident
  ${lpa === null ? '' : `AND c.lpa = ${params.bind(lpa)}`}
GROUP BY ALL`;
  return { purpose: 'outcomes by crime group', sql, params: params.values };
}

/** VAWG: crimes recorded, outcomes and outcome 16 over a window, for rape, other sexual, stalking and harassment, DA. */
export function vawgQuery(from: string, to: string, lpa: string | null): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const lpaWhere = lpa === null ? '' : `AND c.lpa = ${params.bind(lpa)}`;
  const groups = `(VALUES ('Rape', 1), ('Other sexual offences', 2), ('Stalking and harassment', 3), ('Domestic abuse', 4)) g(name, ord)`;
  const member = `((g.name = 'Domestic abuse' AND c.domestic_abuse) OR (g.name <> 'Domestic abuse' AND c.offence_subgroup = g.name))`;
  const sql = `SELECT g.name AS crime_group, g.ord,
  (SELECT count(*) FROM crimes c WHERE ${member} AND NOT c.crimed_incident AND c.recorded_at >= CAST(${lo} AS TIMESTAMP) AND c.recorded_at < CAST(${hi} AS TIMESTAMP) ${lpaWhere}) AS recorded,
  (SELECT count(*) FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id WHERE ${member} AND o.outcome_at >= CAST(${lo} AS TIMESTAMP) AND o.outcome_at < CAST(${hi} AS TIMESTAMP) ${lpaWhere}) AS outcomes,
  (SELECT count(*) FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id WHERE ${member} AND o.outcome_type = '16' AND o.outcome_at >= CAST(${lo} AS TIMESTAMP) AND o.outcome_at < CAST(${hi} AS TIMESTAMP) ${lpaWhere}) AS oc16
FROM ${groups} ORDER BY g.ord`;
  return { purpose: 'violence against women and girls: outcome 16', sql, params: params.values };
}

/** Interviews (distinct responses) per survey in [from, to). */
export function surveyInterviewsQuery(from: string, to: string, lpa: string | null): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const sql = `SELECT survey, count(DISTINCT response_id) AS interviews FROM survey_responses
WHERE interviewed_at >= CAST(${lo} AS TIMESTAMP) AND interviewed_at < CAST(${hi} AS TIMESTAMP) ${lpa === null ? '' : `AND lpa = ${params.bind(lpa)}`}
GROUP BY ALL ORDER BY survey`;
  return { purpose: 'survey interviews', sql, params: params.values };
}

/**
 * Latest record of each fact table (freshness), and the first and last month its records fall in
 * (coverage); all NULL for a table without a date column or without rows.
 */
export function freshnessQuery(tables: readonly string[]): CompiledQuery {
  const parts = tables.map((t) => {
    const spec = TABLES[t as keyof typeof TABLES];
    const col = spec?.dateColumn;
    return col
      ? `SELECT '${t}' AS tbl, max(${col})::VARCHAR AS latest, strftime(min(${col}), '%Y-%m') AS first_month, strftime(max(${col}), '%Y-%m') AS last_month FROM ${t}`
      : `SELECT '${t}' AS tbl, NULL AS latest, NULL AS first_month, NULL AS last_month`;
  });
  return { purpose: 'freshness', sql: parts.join(' UNION ALL '), params: {} };
}

/** The periods manual returns have been submitted for (they cover those periods' months). */
export function returnPeriodsQuery(): CompiledQuery {
  return { purpose: 'return periods', sql: 'SELECT DISTINCT period FROM returns', params: {} };
}

/** The return for a measure and period label (force level when lpa is null). */
export function returnQuery(measureId: string, period: string, lpa: string | null): CompiledQuery {
  const params = new Params();
  const sql = `SELECT value, numerator, denominator, source, submitted_by, submitted_at::VARCHAR AS submitted_at FROM returns
WHERE measure_id = ${params.bind(measureId)} AND period = ${params.bind(period)} AND lpa IS NOT DISTINCT FROM ${params.bind(lpa)}`;
  return { purpose: 'manual return', sql, params: params.values };
}

/** The condition a count side puts on its source's rows ('true' when it counts them all). */
const sideCondition = (side: CountSide, params: Params) =>
  side.where ? compileFilter(side.where, side.source, params) : 'true';

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
): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const pos = sideCondition(numerator, params);
  const counted = sideCondition(denominator, params);
  const lpaWhere = lpa === null ? '' : `AND s.lpa = ${params.bind(lpa)}`;
  const window = `s.interviewed_at >= CAST(${lo} AS TIMESTAMP) AND s.interviewed_at < CAST(${hi} AS TIMESTAMP) ${lpaWhere}`;
  const sql = `WITH base AS (
  SELECT s.response_id, s.neighbourhood, coalesce(${pos}, false) AS pos, coalesce(${counted}, false) AS counted
  FROM survey_responses s WHERE ${window}),
answered AS (SELECT * FROM base WHERE counted),
dims AS (
  SELECT s.response_id, replace(s.question, 'respondent_', '') AS dimension, s.answer AS grp FROM survey_responses s
  WHERE s.question IN ('respondent_age_band', 'respondent_disability', 'respondent_ethnicity') AND ${window})
SELECT d.dimension, d.grp, count(*) FILTER (WHERE a.pos) AS num, count(*) AS den FROM answered a JOIN dims d ON d.response_id = a.response_id GROUP BY ALL
UNION ALL
SELECT 'neighbourhood' AS dimension, a.neighbourhood AS grp, count(*) FILTER (WHERE a.pos) AS num, count(*) AS den FROM answered a WHERE a.neighbourhood IS NOT NULL GROUP BY ALL`;
  return { purpose: 'breakdown by respondent', sql, params: params.values };
}

/** An audit measure split by the victim's sex, age band and ethnicity. */
export function victimBreakdownQuery(
  numerator: CountSide,
  denominator: CountSide,
  from: string,
  to: string,
  lpa: string | null,
): CompiledQuery {
  const params = new Params();
  const { lo, hi } = range(params, from, to);
  const num = sideCondition(numerator, params);
  const den = sideCondition(denominator, params);
  const lpaWhere = lpa === null ? '' : `AND a.lpa = ${params.bind(lpa)}`;
  const part = (dimension: string, column: string) =>
    `SELECT '${dimension}' AS dimension, coalesce(a.${column}, 'not recorded') AS grp, count(*) FILTER (WHERE coalesce(${num}, false)) AS num, count(*) FILTER (WHERE coalesce(${den}, false)) AS den
FROM victims_code_audits a WHERE a.audited_at >= CAST(${lo} AS DATE) AND a.audited_at < CAST(${hi} AS DATE) ${lpaWhere} GROUP BY ALL`;
  const sql = [
    part('sex', 'victim_sex'),
    part('age_band', 'victim_age_band'),
    part('ethnicity', 'victim_ethnicity'),
  ].join('\nUNION ALL\n');
  return { purpose: 'breakdown by victim characteristics', sql, params: params.values };
}

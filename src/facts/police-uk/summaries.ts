import type { DuckDBValue } from '@duckdb/node-api';
import { BluelampError } from '../../lib/errors.ts';
import type { FactsStore } from '../store.ts';
import { FORCE_NAMES } from '../reference/police-uk-vocabulary.ts';
import { ensurePoliceUkViews } from './views.ts';

/**
 * Counts over the public data.police.uk data (`police_uk_crimes_v`), as plain rows. Every value
 * from the caller is a bound parameter. Counts are raw: outputs for the public or panels apply
 * the disclosure rules (suppressing 1–4) where they are shown.
 */

export interface PoliceUkFilter {
  /**
   * The force whose area the rows fall within: its name in any vintage (`Devon and Cornwall
   * Constabulary`, `Devon & Cornwall Police`), any case, or its id (`devon-and-cornwall`).
   */
  readonly force?: string;
  /** First month, YYYY-MM, inclusive. */
  readonly from?: string;
  /** Last month, YYYY-MM, inclusive. */
  readonly to?: string;
  readonly localAuthority?: string;
  /** A current crime type (legacy labels are counted under their successor). */
  readonly crimeType?: string;
  /** Leave out rows flagged `outside_force_area` (and rows without an LSOA). */
  readonly withinForceAreaOnly?: boolean;
}

export interface MonthCrimeTypeCount {
  readonly month: string;
  readonly crimeType: string;
  readonly count: number;
}

export interface LocalAuthorityCount {
  /** NULL when the row has no LSOA. */
  readonly localAuthority: string | null;
  readonly count: number;
  /** Of `count`, rows flagged outside the force area. */
  readonly outsideForceArea: number;
}

export interface LsoaCount {
  readonly lsoaCode: string;
  readonly lsoaName: string | null;
  readonly localAuthority: string | null;
  readonly count: number;
}

export interface OutcomeCount {
  /** Current outcome label; NULL for crimes without one. */
  readonly outcome: string | null;
  readonly count: number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A force's id from any of its names or its id, any case; unknown names are a user error. */
export function resolveForce(name: string): string {
  const key = name.trim().toLowerCase();
  const hit = FORCE_NAMES.find((f) => f.published.toLowerCase() === key || f.forceId === key);
  if (!hit) {
    const ids = [...new Set(FORCE_NAMES.map((f) => f.forceId))].join(', ');
    throw new BluelampError('BAD_INPUT', `There is no force "${name}".`, {
      hint: `Give a force's name as data.police.uk publishes it (e.g. "West Mercia Police") or its id: ${ids}.`,
    });
  }
  return hit.forceId;
}

function where(
  filter: PoliceUkFilter,
  extra: readonly string[] = [],
): { sql: string; params: Record<string, DuckDBValue> } {
  const conds = [...extra];
  const params: Record<string, DuckDBValue> = {};
  const month = (name: 'from' | 'to') => {
    const v = filter[name];
    if (v === undefined) return;
    if (!MONTH.test(v)) {
      throw new BluelampError('BAD_PERIOD', `"${v}" is not a month.`, {
        hint: 'Give months as YYYY-MM, e.g. 2021-06.',
      });
    }
    params[name] = v;
    conds.push(name === 'from' ? 'month >= $from' : 'month <= $to');
  };
  month('from');
  month('to');
  if (filter.force !== undefined) {
    params.force = resolveForce(filter.force);
    conds.push('force_id = $force');
  }
  if (filter.localAuthority !== undefined) {
    params.la = filter.localAuthority;
    conds.push('local_authority = $la');
  }
  if (filter.crimeType !== undefined) {
    params.crime_type = filter.crimeType;
    conds.push('current_crime_type = $crime_type');
  }
  if (filter.withinForceAreaOnly)
    conds.push('outside_force_area IS NOT TRUE AND lsoa_code IS NOT NULL');
  return { sql: conds.length === 0 ? '' : `WHERE ${conds.join(' AND ')}`, params };
}

const views = new WeakSet<FactsStore>();
async function ready(store: FactsStore): Promise<void> {
  if (views.has(store)) return;
  await ensurePoliceUkViews(store);
  views.add(store);
}

const num = (v: bigint | number) => Number(v);

/** Crimes and ASB by month × current crime type, in month then type order. */
export async function countsByMonthAndCrimeType(
  store: FactsStore,
  filter: PoliceUkFilter = {},
): Promise<MonthCrimeTypeCount[]> {
  await ready(store);
  const w = where(filter);
  const rows = await store.all<{ month: string; crime_type: string; n: bigint }>(
    `SELECT month, current_crime_type AS crime_type, count(*) AS n FROM police_uk_crimes_v ${w.sql}
     GROUP BY ALL ORDER BY month, crime_type`,
    w.params,
  );
  return rows.map((r) => ({ month: r.month, crimeType: r.crime_type, count: num(r.n) }));
}

/** Crimes and ASB by local authority, largest first; rows without an LSOA under NULL, last. */
export async function countsByLocalAuthority(
  store: FactsStore,
  filter: PoliceUkFilter = {},
): Promise<LocalAuthorityCount[]> {
  await ready(store);
  const w = where(filter);
  const rows = await store.all<{ local_authority: string | null; n: bigint; outside: bigint }>(
    `SELECT local_authority, count(*) AS n, count(*) FILTER (WHERE outside_force_area) AS outside
     FROM police_uk_crimes_v ${w.sql}
     GROUP BY local_authority ORDER BY local_authority IS NULL, n DESC, local_authority`,
    w.params,
  );
  return rows.map((r) => ({
    localAuthority: r.local_authority,
    count: num(r.n),
    outsideForceArea: num(r.outside),
  }));
}

/** The `limit` LSOAs with most crimes and ASB (ties by LSOA code). */
export async function topLsoas(
  store: FactsStore,
  filter: PoliceUkFilter = {},
  limit = 10,
): Promise<LsoaCount[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new BluelampError('BAD_INPUT', `Top ${limit}: give a whole number from 1 to 10000.`);
  }
  await ready(store);
  const w = where(filter, ['lsoa_code IS NOT NULL']);
  const rows = await store.all<{
    lsoa_code: string;
    lsoa_name: string | null;
    local_authority: string | null;
    n: bigint;
  }>(
    `SELECT lsoa_code, any_value(lsoa_name) AS lsoa_name, any_value(local_authority) AS local_authority, count(*) AS n
     FROM police_uk_crimes_v ${w.sql}
     GROUP BY lsoa_code ORDER BY n DESC, lsoa_code LIMIT $limit`,
    { ...w.params, limit: BigInt(limit) },
  );
  return rows.map((r) => ({
    lsoaCode: r.lsoa_code,
    lsoaName: r.lsoa_name,
    localAuthority: r.local_authority,
    count: num(r.n),
  }));
}

/** Crimes (not ASB, which has no outcomes) by current last outcome category, largest first. */
export async function countsByOutcome(
  store: FactsStore,
  filter: PoliceUkFilter = {},
): Promise<OutcomeCount[]> {
  await ready(store);
  const w = where(filter, ['NOT is_asb']);
  const rows = await store.all<{ outcome: string | null; n: bigint }>(
    `SELECT current_outcome AS outcome, count(*) AS n FROM police_uk_crimes_v ${w.sql}
     GROUP BY current_outcome ORDER BY outcome IS NULL, n DESC, outcome`,
    w.params,
  );
  return rows.map((r) => ({ outcome: r.outcome, count: num(r.n) }));
}

// ---------------------------------------------------------------- summary by chosen dimensions

/** What `police-uk summary --by` can group by, and the view column behind each. */
export const SUMMARY_DIMENSIONS = {
  month: 'month',
  crime_type: 'current_crime_type',
  outcome: 'current_outcome',
  lsoa: 'lsoa_code',
  local_authority: 'local_authority',
  force: 'force',
} as const;

export type SummaryDimension = keyof typeof SUMMARY_DIMENSIONS;

export const isSummaryDimension = (v: string): v is SummaryDimension =>
  Object.hasOwn(SUMMARY_DIMENSIONS, v);

/** One summary row: the chosen dimensions (NULL where the row has none) and the count. */
export type SummaryRow = Record<string, string | number | null> & { count: number };

/**
 * Street rows (crimes and ASB) counted by the chosen dimensions, each published row once (so a
 * Crime ID published on two rows counts twice, as data.police.uk's own counts do). `outcome` is
 * the current label of the row's `Last outcome category` (NULL for ASB and crimes without one);
 * `lsoa` adds `lsoa_name`. Ordered by the dimensions as given, NULLs last.
 */
export async function summarise(
  store: FactsStore,
  by: readonly SummaryDimension[],
  filter: PoliceUkFilter = {},
): Promise<SummaryRow[]> {
  const dims = [...new Set(by)];
  if (dims.length === 0) {
    throw new BluelampError('BAD_INPUT', 'Nothing to group by.', {
      hint: `Give --by with one or more of: ${Object.keys(SUMMARY_DIMENSIONS).join(', ')}.`,
    });
  }
  await ready(store);
  const w = where(filter);
  const select = dims.map((d) => `${SUMMARY_DIMENSIONS[d]} AS ${d}`);
  if (dims.includes('lsoa')) select.push('any_value(lsoa_name) AS lsoa_name');
  const group = dims.map((d) => SUMMARY_DIMENSIONS[d]).join(', ');
  const order = dims.map((d) => `${d} NULLS LAST`).join(', ');
  const rows = await store.all<Record<string, string | bigint | null>>(
    `SELECT ${select.join(', ')}, count(*) AS count FROM police_uk_crimes_v ${w.sql}
     GROUP BY ${group} ORDER BY ${order}`,
    w.params,
  );
  return rows.map((r) => {
    // Keys in the order asked for, the count last: {"month": …, "crime_type": …, "count": …}.
    const out: Record<string, string | number | null> = {};
    for (const d of dims) out[d] = (r[d] as string | null) ?? null;
    if (dims.includes('lsoa')) out.lsoa_name = (r.lsoa_name as string | null) ?? null;
    out.count = Number(r.count);
    return out as SummaryRow;
  });
}

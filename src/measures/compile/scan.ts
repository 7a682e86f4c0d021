/** The one grouped scan per fact source that gives every additive measure its cells. */
import type { CountSide, SourceName } from '../definition.ts';
import { compileFilter, filterColumns, sideKey } from './filters.ts';
import { CompileError, Params, type CompiledQuery } from './params.ts';
import { SOURCES } from './sources.ts';

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

/**
 * The same scan in two steps, for a monthly aggregate's definition: the rows are first counted by
 * month, LPA and every column any side's filter reads, then each side counts the groups its filter
 * keeps. Equal to `sourceScan` (a filter sees only grouped columns; a count that keeps no group is
 * 0, as `count(*)` is), and far cheaper when many sides filter few columns of many rows (survey
 * answers): each filter is evaluated per group, not per row. Count sides only; with a summed side
 * it is `sourceScan` itself.
 */
export function groupedSourceScan(
  source: SourceName,
  sides: readonly CountSide[],
  from: string,
  to: string,
): CompiledQuery & { columns: string[] } {
  if (sides.some((s) => s.sum)) return sourceScan(source, sides, from, to);
  const s = SOURCES[source];
  const params = new Params();
  const used = [...new Set(sides.flatMap((x) => (x.where ? filterColumns(x.where, source) : [])))]
    .filter((c) => s.columns[c] !== undefined)
    .sort();
  const grouped = Object.fromEntries(used.map((c, i) => [c, `k${i}`]));
  const lo = params.bind(from);
  const hi = params.bind(to);
  const keys = sides.map(sideKey);
  const counts = sides.map((side, i) => {
    const where = side.where ? compileFilter(side.where, source, params, grouped) : null;
    return `coalesce(sum(n)${where ? ` FILTER (WHERE coalesce(${where}, false))` : ''}, 0)::BIGINT AS c${i}`;
  });
  const sql = `WITH g AS (
  SELECT strftime(${s.date}, '%Y-%m') AS month, ${s.lpa ?? 'NULL'} AS lpa${used.map((c, i) => `, ${s.columns[c]} AS k${i}`).join('')}, count(*) AS n
  FROM ${s.from}
  WHERE ${s.date} >= CAST(${lo} AS TIMESTAMP) AND ${s.date} < CAST(${hi} AS TIMESTAMP)
  GROUP BY ALL)
SELECT month, lpa, ${counts.join(', ')} FROM g GROUP BY month, lpa`;
  return { purpose: `monthly counts from ${source}`, sql, params: params.values, columns: keys };
}

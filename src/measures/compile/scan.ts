/** The one grouped scan per fact source that gives every additive measure its cells. */
import type { CountSide, SourceName } from '../definition.ts';
import { compileFilter, sideKey } from './filters.ts';
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

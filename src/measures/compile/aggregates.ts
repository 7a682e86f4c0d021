/**
 * Reading the monthly aggregates (src/facts/aggregates.ts): an aggregate holds a month-keyed
 * query's rows over the whole span of the data, so the rows of months [from, to) are what the
 * query itself gives for that window.
 */
import { aggregateTable } from '../../facts/aggregates-sql.ts';
import { ident } from '../../facts/sql.ts';
import type { SourceName } from '../definition.ts';
import { Params, type CompiledQuery } from './params.ts';

/** The aggregate of a source's monthly scan. */
export const scanAggregateName = (source: SourceName) => `scan_${source}`;

const monthRange = (params: Params, from: string, to: string) =>
  `month >= ${params.bind(from.slice(0, 7))} AND month < ${params.bind(to.slice(0, 7))}`;

/**
 * The scan of some of a source's sides from its aggregate: column `c{j}` of the aggregate (the
 * j-th of every side the catalogue scans) read as `c{i}` (the i-th side asked for), as the raw
 * scan names them.
 */
export function scanAggregateRead(
  source: SourceName,
  columnOf: readonly number[],
  from: string,
  to: string,
): CompiledQuery {
  const params = new Params();
  const cols = columnOf.map((j, i) => `c${j} AS c${i}`).join(', ');
  const sql = `SELECT month, lpa${cols ? `, ${cols}` : ''} FROM ${aggregateTable(scanAggregateName(source))} WHERE ${monthRange(params, from, to)}`;
  return { purpose: `monthly counts from ${source} (aggregate)`, sql, params: params.values };
}

/** A named month-keyed query's rows for [from, to) from its aggregate. */
export function monthlyAggregateRead(name: string, from: string, to: string): CompiledQuery {
  const params = new Params();
  const sql = `SELECT * FROM ${aggregateTable(name)} WHERE ${monthRange(params, from, to)}`;
  return { purpose: `${name.replaceAll('_', ' ')} (aggregate)`, sql, params: params.values };
}

/**
 * A window's rows from the monthly aggregate of a summable query: grouped by `keys`, each of
 * `sums` added over the window's months (and over the LPAs, unless one is asked for); `flags`
 * keeps only the rows with those boolean columns true or false, as the window's form filters.
 */
export function summedAggregateRead(
  name: string,
  shape: { keys: readonly string[]; sums: readonly string[]; orderBy?: readonly string[] },
  window: { from: string; to: string; lpa: string | null; flags?: Record<string, boolean> },
): CompiledQuery {
  const params = new Params();
  const where = [monthRange(params, window.from, window.to)];
  if (window.lpa !== null) where.push(`lpa = ${params.bind(window.lpa)}`);
  for (const [col, v] of Object.entries(window.flags ?? {}))
    where.push(`${ident(col)} = ${params.bind(v)}`);
  const keys = shape.keys.map(ident);
  const sql = `SELECT ${[...keys, ...shape.sums.map((s) => `sum(${ident(s)})::BIGINT AS ${ident(s)}`)].join(', ')}
FROM ${aggregateTable(name)} WHERE ${where.join(' AND ')}
GROUP BY ${keys.join(', ')}${shape.orderBy ? ` ORDER BY ${shape.orderBy.map(ident).join(', ')}` : ''}`;
  return { purpose: `${name.replaceAll('_', ' ')} (aggregate)`, sql, params: params.values };
}

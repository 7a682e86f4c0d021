/**
 * Whether two databases gave the same rows: compared as multisets of rows, column by column in
 * name order, numbers to a relative 1e-9 (sums of doubles are added in a different order) and
 * timestamps as instants. Integers arrive as bigint from DuckDB and as text from PostgreSQL's
 * bigint and numeric, so every number-like value is read as a number on both sides.
 */
type Row = Record<string, unknown>;

const NUMERIC = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

function value(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && NUMERIC.test(v)) return Number(v);
  if (v instanceof Date) return v.toISOString();
  return v ?? null;
}

const canonical = (r: Row) =>
  Object.keys(r)
    .sort()
    .map((k) => [k, value(r[k])] as const);

const close = (a: unknown, b: unknown) =>
  a === b ||
  (typeof a === 'number' &&
    typeof b === 'number' &&
    Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

/** A key exact to 6 significant figures, so rows pair up before the tolerant comparison. */
const key = (row: ReturnType<typeof canonical>) =>
  JSON.stringify(row.map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(6)) : v]));

/** Null when the rows agree, else what differs (the first few rows of each side). */
export function differences(duck: Row[], pg: Row[]): string | null {
  if (duck.length !== pg.length) return `DuckDB gave ${duck.length} rows, PostgreSQL ${pg.length}`;
  const a = duck.map(canonical).sort((x, y) => key(x).localeCompare(key(y)));
  const b = pg.map(canonical).sort((x, y) => key(x).localeCompare(key(y)));
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ReturnType<typeof canonical>;
    const y = b[i] as ReturnType<typeof canonical>;
    const same =
      x.length === y.length && x.every(([k, v], j) => y[j]?.[0] === k && close(v, y[j]?.[1]));
    if (!same) return `row ${i}: DuckDB ${JSON.stringify(x)} vs PostgreSQL ${JSON.stringify(y)}`;
  }
  return null;
}

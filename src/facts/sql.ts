/**
 * Every SQL statement the facts store runs, compiled from the table declarations. Values that
 * come from users (file paths, batch ids) are always bound parameters; the only text spliced in
 * is identifiers and constants declared in our own code, and those pass through `ident`/`literal`.
 */
import type { ColumnSpec, RowRule, TableSpec } from './tables.ts';

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** An identifier from our own declarations; anything else is a bug. */
export function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`Not a safe SQL identifier: ${name}`);
  return name;
}

/** A string constant declared in our own code (enum values, rule names). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlType(col: ColumnSpec): string {
  switch (col.type) {
    case 'integer':
      return 'BIGINT';
    case 'decimal':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    default:
      return 'VARCHAR';
  }
}

export function createTableSql(
  table: string,
  spec: TableSpec,
  extra: readonly string[] = [],
): string {
  const cols = spec.columns.map((c) => `${ident(c.name)} ${sqlType(c)}`);
  return `CREATE TABLE IF NOT EXISTS ${ident(table)} (${[...cols, ...extra, 'batch_id VARCHAR NOT NULL'].join(', ')})`;
}

/** A table's dating column as a TIMESTAMP (month columns are YYYY-MM text). */
export function dateColumnExpr(spec: TableSpec): string | null {
  const c = spec.columns.find((x) => x.name === spec.dateColumn);
  if (!c) return null;
  return c.type === 'month'
    ? `strptime(${ident(c.name)}, '%Y-%m')`
    : `CAST(${ident(c.name)} AS TIMESTAMP)`;
}

/** A counter bumped by every committed change to the facts, so derived results can be cached safely. */
export const META_TABLE_SQL = `CREATE TABLE IF NOT EXISTS _meta (key VARCHAR NOT NULL, value BIGINT NOT NULL)`;
export const BUMP_DATA_VERSION_SQL = `UPDATE _meta SET value = value + 1 WHERE key = 'data_version'`;
export const QUERY_CACHE_TABLE_SQL = `CREATE TABLE IF NOT EXISTS _query_cache (
  key VARCHAR NOT NULL, data_version BIGINT NOT NULL, rows VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)`;

export const BATCHES_TABLE_SQL = `CREATE TABLE IF NOT EXISTS _batches (
  batch_id VARCHAR NOT NULL, table_name VARCHAR NOT NULL, files VARCHAR NOT NULL, row_count BIGINT NOT NULL,
  imported_at TIMESTAMP NOT NULL, min_date TIMESTAMP, max_date TIMESTAMP)`;

// ---------------------------------------------------------------- staging and validation
//
// A file is read once into a staging table of text columns. Three set-based queries follow:
// a count of rows breaking any rule (one cheap scan), the detailed errors (only when that count
// is not zero), and the typed insert. Expressions are written for speed on clean data: the
// common form of a value is tried first and the general form only when it fails.

/** The column's text, NULL when empty. */
const raw = (c: ColumnSpec) => `NULLIF(${ident(c.name)}, '')`;

/**
 * How a file is staged. On the `fast` path the reader converts booleans, dates and date-times
 * in their canonical forms itself (true/false…, YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS) and rejects
 * anything else; any rejected row sends the file down the `detail` path, which reads every
 * column as text, accepts the other documented forms (offsets, fractional seconds) and spells
 * out every problem. Clean canonical files never pay for the detail path.
 */
export type StageMode = 'fast' | 'detail';

const NATIVE: Partial<Record<ColumnSpec['type'], string>> = {
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

const nativeInStage = (c: ColumnSpec, mode: StageMode) =>
  mode === 'fast' && NATIVE[c.type] !== undefined;

/** The typed value of a staged column (NULL when empty or not convertible). */
export function typedExpr(c: ColumnSpec, mode: StageMode = 'detail'): string {
  const n = ident(c.name);
  const x = raw(c);
  if (nativeInStage(c, mode)) return n;
  switch (c.type) {
    case 'integer':
      return `TRY_CAST(${x} AS BIGINT)`;
    case 'decimal':
      return `TRY_CAST(${x} AS DOUBLE)`;
    case 'boolean':
      // DuckDB's cast takes exactly true/false, t/f, yes/no, y/n, 1/0 in any case.
      return `TRY_CAST(${x} AS BOOLEAN)`;
    case 'date':
      return `TRY_CAST(${x} AS DATE)`;
    case 'timestamp':
      // 19 characters is YYYY-MM-DDTHH:MM:SS with no room for an offset: London time as given.
      // An explicit offset (or Z) is converted to London wall time.
      return `CASE WHEN length(${n}) = 19 THEN TRY_CAST(${n} AS TIMESTAMP) WHEN ${n}[-1:] = 'Z' OR ${n}[-6:-6] IN ('+', '-') THEN timezone('Europe/London', TRY_CAST(${n} AS TIMESTAMPTZ)) ELSE TRY_CAST(${x} AS TIMESTAMP) END`;
    default:
      return x;
  }
}

interface Check {
  readonly column: string;
  readonly rule: string;
  /** TRUE when the row breaks the rule. */
  readonly broken: string;
}

function columnChecks(c: ColumnSpec, mode: StageMode): Check[] {
  const n = ident(c.name);
  const native = nativeInStage(c, mode);
  const x = native ? n : raw(c);
  const t = typedExpr(c, mode);
  const present = `${x} IS NOT NULL`;
  const checks: Check[] = [];
  const add = (rule: string, broken: string) => checks.push({ column: c.name, rule, broken });
  if (c.required) add('is required', `${x} IS NULL`);
  // A natively read column was converted (or its row rejected) by the reader.
  if (native) return checks;
  switch (c.type) {
    case 'integer':
      // Whole numbers only: DuckDB would round "1.5" to 2 when casting to an integer.
      add(
        'must be a whole number',
        `${present} AND (TRY_CAST(${n} AS DOUBLE) IS NULL OR TRY_CAST(${n} AS DOUBLE) <> floor(TRY_CAST(${n} AS DOUBLE)) OR ${t} IS NULL)`,
      );
      break;
    case 'decimal':
      add('must be a number', `${present} AND (${t} IS NULL OR NOT isfinite(${t}))`);
      break;
    case 'boolean':
      add('must be true or false (also yes/no, y/n, 1/0)', `${present} AND ${t} IS NULL`);
      break;
    case 'date':
      add(
        'must be a date YYYY-MM-DD',
        `${present} AND (${t} IS NULL OR NOT regexp_full_match(${n}, '\\d{4}-\\d{2}-\\d{2}'))`,
      );
      break;
    case 'timestamp':
      add(
        'must be an ISO 8601 date and time, e.g. 2021-04-01T09:30:00',
        `${present} AND ${t} IS NULL`,
      );
      break;
    case 'month':
      add('must be a month YYYY-MM', `${present} AND TRY_STRPTIME(${n}, '%Y-%m') IS NULL`);
      break;
    case 'enum':
      if (c.values)
        add(
          `must be one of: ${c.values.join(', ')}`,
          `${present} AND ${n} NOT IN (${c.values.map(literal).join(', ')})`,
        );
      if (c.refValues) {
        const [table, column] = c.refValues.split('.') as [string, string];
        add(
          `must be a value listed in ${table}`,
          `${present} AND ${n} NOT IN (SELECT ${ident(column)} FROM ${ident(table)})`,
        );
      }
      break;
    default:
      break;
  }
  if (c.type === 'date' || c.type === 'timestamp') {
    add(
      'must be between 1900 and 2100',
      `${t} IS NOT NULL AND (${t} < '1900-01-01' OR ${t} >= '2101-01-01')`,
    );
  }
  if (c.min !== undefined) add(`must be at least ${c.min}`, `${t} < ${Number(c.min)}`);
  if (c.max !== undefined) add(`must be at most ${c.max}`, `${t} > ${Number(c.max)}`);
  if (c.pattern) {
    add(
      `must be ${c.patternHint ?? 'in the documented pattern'}`,
      `${present} AND NOT regexp_full_match(${n}, ${literal(c.pattern)})`,
    );
  }
  return checks;
}

const anyBroken = (spec: TableSpec, mode: StageMode) => {
  const checks = spec.columns.flatMap((c) => columnChecks(c, mode));
  // coalesce: a check over an empty value is NULL, which must count as "not broken", not poison the OR.
  return checks.length === 0
    ? 'false'
    : checks.map((k) => `coalesce(${k.broken}, false)`).join(' OR ');
};

export function stageRawSql(stage: string, from: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${ident(stage)} AS SELECT * FROM ${from}`;
}

/** How many staged rows break at least one column rule: the one check clean data pays for. */
export function brokenRowCountSql(spec: TableSpec, stage: string): string {
  return `SELECT count(*) AS n FROM ${ident(stage)} WHERE ${anyBroken(spec, 'detail')}`;
}

/** Every broken rule of every broken row, as "column␟value␟rule" strings, in file order. */
export function cellErrorsSql(spec: TableSpec, stage: string): string {
  const checks = spec.columns.flatMap((c) => columnChecks(c, 'detail'));
  const items = checks.map(
    (k) =>
      `CASE WHEN ${k.broken} THEN ${literal(k.column)} || chr(31) || coalesce(${ident(k.column)}, '') || chr(31) || ${literal(k.rule)} END`,
  );
  return `SELECT rowid AS _row, unnest(list_filter([${items.join(', ')}], e -> e IS NOT NULL)) AS e
    FROM ${ident(stage)} WHERE ${anyBroken(spec, 'detail')}`;
}

const typedColumns = (columns: readonly ColumnSpec[], mode: StageMode) =>
  columns.map((c) => `${typedExpr(c, mode)} AS ${ident(c.name)}`).join(', ');

/** The CSV reader for a file whose header (already checked) names these columns, in file order. */
export function csvSourceSql(spec: TableSpec, header: readonly string[], mode: StageMode): string {
  const cols = header
    .map((n) => {
      const c = spec.columns.find((x) => x.name === n);
      return `${literal(ident(n))}: ${literal(c && nativeInStage(c, mode) ? (NATIVE[c.type] as string) : 'VARCHAR')}`;
    })
    .join(', ');
  return `read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${cols}}, dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%dT%H:%M:%S', store_rejects = true, rejects_table = 'bl_rejects', rejects_scan = 'bl_rejects_scan')`;
}

/** Parquet columns as the stage expects them. On the fast path a value not in canonical form raises an error, and the caller falls back to the detail path. */
export function parquetSourceSql(spec: TableSpec, mode: StageMode): string {
  const cols = spec.columns
    .map((c) => {
      const n = ident(c.name);
      if (!nativeInStage(c, mode)) return `CAST(${n} AS VARCHAR) AS ${n}`;
      const text = `CAST(${n} AS VARCHAR)`;
      const width = c.type === 'date' ? 10 : 19;
      const strict =
        c.type === 'boolean'
          ? `CAST(${text} AS BOOLEAN)`
          : `CASE WHEN length(${text}) = ${width} THEN CAST(${text} AS ${NATIVE[c.type] as string}) ELSE error('not canonical') END`;
      return `CASE WHEN ${n} IS NULL THEN NULL ELSE ${strict} END AS ${n}`;
    })
    .join(', ');
  return `(SELECT ${cols} FROM read_parquet($path))`;
}

/** Cross-field rules over the typed values of rows whose cells are all valid (only the columns the rules name). */
export function rowRuleSql(spec: TableSpec, stage: string): string | null {
  const rules: readonly RowRule[] = spec.rowRules ?? [];
  if (rules.length === 0) return null;
  const used = spec.columns.filter((c) =>
    rules.some((r) => new RegExp(`\\b${c.name}\\b`).test(r.brokenWhen) || r.column === c.name),
  );
  const typed = `WITH typed AS (SELECT rowid AS _row, ${typedColumns(used, 'detail')} FROM ${ident(stage)} WHERE NOT (${anyBroken(spec, 'detail')})) `;
  return (
    typed +
    rules
      .map(
        (r) =>
          `SELECT _row, ${literal(r.column)} AS column_name, CAST(${ident(r.column)} AS VARCHAR) AS value, ${literal(r.rule)} AS rule FROM typed WHERE ${r.brokenWhen}`,
      )
      .join(' UNION ALL ')
  );
}

export function duplicateKeySql(stage: string, key: readonly string[]): string {
  const k = key.map(ident).join(', ');
  return `SELECT _row, value FROM (
    SELECT rowid AS _row, concat_ws(' / ', ${k}) AS value,
      row_number() OVER (PARTITION BY ${k} ORDER BY rowid) AS n
    FROM ${ident(stage)}) WHERE n > 1 ORDER BY _row LIMIT $limit`;
}

export function keyInOtherBatchSql(stage: string, table: string, key: readonly string[]): string {
  const on = key.map((k) => `s.${ident(k)} IS NOT DISTINCT FROM t.${ident(k)}`).join(' AND ');
  const k = key.map((c) => `s.${ident(c)}`).join(', ');
  return `SELECT s.rowid AS _row, concat_ws(' / ', ${k}) AS value, t.batch_id AS other
    FROM ${ident(stage)} s JOIN ${ident(table)} t ON ${on}
    WHERE t.batch_id <> $batch ORDER BY _row LIMIT $limit`;
}

/** Rows whose reference is in neither the store (outside the batch being replaced) nor, for self-batches, the stage. */
export function missingReferenceSql(
  stage: string,
  column: string,
  refTable: string,
  refColumn: string,
): string {
  const c = ident(column);
  return `SELECT s.rowid AS _row, s.${c} AS value FROM ${ident(stage)} s
    WHERE s.${c} IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ${ident(refTable)} r WHERE r.${ident(refColumn)} = s.${c})
    ORDER BY _row LIMIT $limit`;
}

export function insertFromStageSql(table: string, spec: TableSpec, stage: string): string {
  const cols = spec.columns.map((c) => ident(c.name)).join(', ');
  return `INSERT INTO ${ident(table)} (${cols}, batch_id) SELECT ${typedColumns(spec.columns, 'detail')}, $batch FROM ${ident(stage)}`;
}

// ---------------------------------------------------------------- the fast path
//
// A clean, canonical file goes straight from the reader into its table in one statement: every
// column rule is a guard that raises an error, so the first broken value aborts the statement,
// the transaction rolls back, and the detail path (staging as text) lists every problem.
// Set-based rules (keys, references, row rules) are then checked on the batch's rows before commit.

/** INSERT … SELECT from the reader, each value guarded by its column's rules. */
export function fastInsertSql(table: string, spec: TableSpec, source: string): string {
  const cols = spec.columns.map((c) => ident(c.name)).join(', ');
  const exprs = spec.columns.map((c) => {
    const checks = columnChecks(c, 'fast');
    const typed = typedExpr(c, 'fast');
    const guarded =
      checks.length === 0
        ? typed
        : `CASE WHEN ${checks.map((k) => `coalesce(${k.broken}, false)`).join(' OR ')} THEN error(${literal(`bluelamp: a value in ${c.name} breaks a rule`)}) ELSE ${typed} END`;
    return `${guarded} AS ${ident(c.name)}`;
  });
  return `INSERT INTO ${ident(table)} (${cols}, batch_id) SELECT ${exprs.join(', ')}, $batch FROM ${source}`;
}

const keyOf = (key: readonly string[]) => key.map(ident).join(', ');

/** Any key repeated within the batch (a hash aggregate; details come from the detail path). */
export function batchDuplicateSql(table: string, key: readonly string[]): string {
  return `SELECT 1 AS found FROM ${ident(table)} WHERE batch_id = $batch GROUP BY ${keyOf(key)} HAVING count(*) > 1 LIMIT 1`;
}

export function batchKeyInOtherBatchSql(table: string, key: readonly string[]): string {
  const on = key.map((k) => `s.${ident(k)} IS NOT DISTINCT FROM o.${ident(k)}`).join(' AND ');
  return `SELECT 1 AS found FROM ${ident(table)} s JOIN ${ident(table)} o ON ${on} WHERE s.batch_id = $batch AND o.batch_id <> $batch LIMIT 1`;
}

/**
 * A row whose reference finds nothing: within the batch being loaded (`inBatch`), or anywhere in a
 * referencing table (rows left dangling after a batch was replaced).
 */
export function unmatchedReferenceSql(
  table: string,
  column: string,
  refTable: string,
  refColumn: string,
  inBatch: boolean,
): string {
  const c = ident(column);
  return `SELECT 1 AS found FROM ${ident(table)} s WHERE ${inBatch ? 's.batch_id = $batch AND ' : ''}s.${c} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM ${ident(refTable)} r WHERE r.${ident(refColumn)} = s.${c}) LIMIT 1`;
}

export function batchRowRuleSql(table: string, rules: readonly RowRule[]): string | null {
  if (rules.length === 0) return null;
  return `SELECT 1 AS found FROM ${ident(table)} WHERE batch_id = $batch AND (${rules.map((r) => `coalesce(${r.brokenWhen}, false)`).join(' OR ')}) LIMIT 1`;
}

/**
 * Every SQL statement the facts store runs, compiled from the table declarations. Values that
 * come from users (file paths, batch ids) are always bound parameters; the only text spliced in
 * is identifiers and constants declared in our own code, and those pass through `ident`/`literal`.
 */
import type { ColumnSpec, RowRule, TableSpec } from './tables.ts';
import { MAX_ROW_BYTES } from './import/csv-records.ts';

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
// Both paths read every column of a file as text, and every column rule is declared once, in
// `columnChecks`, as a SQL condition over that text and its typed value. The fast path turns
// the rules into guards that abort its insert; the detail path (staging as text) into one cell
// error per broken rule. The expressions are the same, so a value gets the same verdict
// whichever path its file takes (test/facts/rules-parity.test.ts generates values for every
// rule of every column and checks). Expressions are written for speed on clean data.

/** Space, tab, LF and CR: a field made only of these counts as empty. */
const BLANK_CHARS = `' ' || chr(9) || chr(10) || chr(13)`;

/** The column's text, NULL when empty or blank (only spaces, tabs or line breaks). */
const raw = (c: ColumnSpec) => {
  const n = ident(c.name);
  // Only a value that starts with one of those characters (or is '') can be blank: the trim is
  // paid for by those alone.
  return `CASE WHEN ascii(${n}) NOT IN (0, 9, 10, 13, 32) THEN ${n} WHEN trim(${n}, ${BLANK_CHARS}) = '' THEN NULL ELSE ${n} END`;
};

/** Control characters refused in free text: C0 except tab, LF and CR (a quoted field may span lines), and DEL. */
const TEXT_CONTROL = '[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]';
/** In identifiers no control character at all, tabs and line breaks included. */
const ID_CONTROL = '[\\x00-\\x1F\\x7F]';

const INTEGER_FORM = '[+-]?\\d+(\\.0*)?';
const DECIMAL_FORM = '[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?';
const DATE_FORM = '\\d{4}-\\d{2}-\\d{2}';
/** Date, `T` (or a space, as Parquet timestamps print), time to the second, any fraction, then `Z`, `±HH:MM`, `±HH` or nothing. */
const TIMESTAMP_FORM =
  '\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}(:\\d{2})?)?';
/** The offset at the end of a date-time (empty when none; `Z` is not an offset here). */
const offsetOf = (n: string) => `regexp_extract(${n}, '[+-]\\d{2}(:\\d{2})?$')`;

/** Dates and date-times must fall in 1900–2100: anything else is a typing error, not a record. */
const RANGE_FROM = '1900-01-01';
const RANGE_TO = '2101-01-01';

/** The typed value of a staged column (NULL when empty or not convertible). */
export function typedExpr(c: ColumnSpec): string {
  const n = ident(c.name);
  const x = raw(c);
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
      return `CASE WHEN length(${n}) = 19 THEN TRY_CAST(${n} AS TIMESTAMP) WHEN ${n}[-1:] = 'Z' OR ${n}[-6:-6] IN ('+', '-') OR ${n}[-3:-3] IN ('+', '-') THEN timezone('Europe/London', TRY_CAST(${n} AS TIMESTAMPTZ)) ELSE TRY_CAST(${x} AS TIMESTAMP) END`;
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

/** Rule texts shared with the tests and the documentation. */
export const RULES = {
  required: 'is required',
  textControl: 'must not contain control characters (such as NUL, BEL or ESC)',
  idControl: 'must not contain control characters, tabs or line breaks',
  integer: 'must be a whole number',
  decimal: 'must be a number',
  boolean: 'must be true or false (also yes/no, y/n, 1/0)',
  date: 'must be a date YYYY-MM-DD',
  timestamp: 'must be an ISO 8601 date and time, e.g. 2021-04-01T09:30:00',
  milliseconds: 'must give seconds to at most 3 decimal places (milliseconds)',
  offset: 'must have a UTC offset between -12:00 and +14:00',
  londonGap:
    'does not exist in London time (clocks went forward); give an offset, e.g. +00:00 or +01:00',
  month: 'must be a month YYYY-MM',
  range: 'must be between 1900 and 2100',
} as const;

/** The column holding a column's typed value in `withTyped`. */
const typedRef = (c: ColumnSpec) => ident(`_t_${c.name}`);

/**
 * Rows of `from` with each column's typed value computed once beside its text (`_t_<name>`),
 * so the rules, the guards and the insert share it instead of converting again per rule.
 */
function withTyped(from: string, columns: readonly ColumnSpec[], rowid: boolean): string {
  const typed = columns.map((c) => `${typedExpr(c)} AS ${typedRef(c)}`);
  return `(SELECT ${rowid ? 'rowid AS _row, ' : ''}*, ${typed.join(', ')} FROM ${from})`;
}

/**
 * Every rule of one column, in the order its problems are listed. `t` is the typed value: its
 * expression by default, or the `withTyped` column the compiled statements use.
 */
export function columnChecks(c: ColumnSpec, t: string = typedExpr(c)): Check[] {
  const n = ident(c.name);
  const x = raw(c);
  const present = `${x} IS NOT NULL`;
  const checks: Check[] = [];
  const add = (rule: string, broken: string) => checks.push({ column: c.name, rule, broken });
  if (c.required) add(RULES.required, `${x} IS NULL`);
  switch (c.type) {
    case 'id':
      add(RULES.idControl, `${present} AND regexp_matches(${n}, '${ID_CONTROL}')`);
      break;
    case 'text':
      add(RULES.textControl, `${present} AND regexp_matches(${n}, '${TEXT_CONTROL}')`);
      break;
    case 'integer':
      // Digits only: DuckDB's cast also takes "1_000" and would round "1.5" to 2.
      add(
        RULES.integer,
        `${present} AND (NOT regexp_full_match(${n}, '${INTEGER_FORM}') OR ${t} IS NULL)`,
      );
      break;
    case 'decimal':
      add(
        RULES.decimal,
        `${present} AND (NOT regexp_full_match(${n}, '${DECIMAL_FORM}') OR ${t} IS NULL OR NOT isfinite(${t}))`,
      );
      break;
    case 'boolean':
      add(RULES.boolean, `${present} AND ${t} IS NULL`);
      break;
    case 'date':
      // The cast alone would take 1990-5-7; the form keeps one spelling per date.
      add(
        RULES.date,
        `${present} AND (NOT regexp_full_match(${n}, '${DATE_FORM}') OR ${t} IS NULL)`,
      );
      break;
    case 'timestamp': {
      const form = `regexp_full_match(${n}, '${TIMESTAMP_FORM}')`;
      add(RULES.timestamp, `${present} AND (NOT ${form} OR ${t} IS NULL)`);
      // Canonical values (19 characters) skip the rules about fractions and offsets.
      add(
        RULES.milliseconds,
        `CASE WHEN length(${n}) <= 23 THEN false ELSE regexp_matches(${n}, ':\\d{2}\\.\\d{4}') END`,
      );
      const o = offsetOf(n);
      const hours = `CAST(${o}[2:3] AS INTEGER)`;
      const minutes = `coalesce(TRY_CAST(${o}[5:6] AS INTEGER), 0)`;
      add(
        RULES.offset,
        `CASE WHEN length(${n}) <= 19 OR NOT ${form} OR ${o} = '' THEN false ELSE ${minutes} > 59 OR ${hours} * 60 + ${minutes} > CASE WHEN ${o}[1:1] = '+' THEN 840 ELSE 720 END END`,
      );
      // London's spring-forward gaps, 1900–2100, all fall at 01:xx or 02:xx wall time between
      // February and May: only those few values pay for the round trip through the zone.
      add(
        RULES.londonGap,
        `CASE WHEN ${t} IS NULL OR hour(${t}) NOT IN (1, 2) OR month(${t}) NOT BETWEEN 2 AND 5 OR ${n}[-1:] = 'Z' OR ${o} <> '' THEN false ELSE timezone('Europe/London', timezone('Europe/London', ${t})) <> ${t} END`,
      );
      break;
    }
    case 'month':
      add(
        RULES.month,
        `${present} AND (NOT regexp_full_match(${n}, '\\d{4}-\\d{2}') OR TRY_STRPTIME(${n}, '%Y-%m') IS NULL)`,
      );
      break;
    case 'enum':
      if (c.values)
        add(
          `must be ${c.valuesHint ?? `one of: ${c.values.join(', ')}`}`,
          `${present} AND ${x} NOT IN (${c.values.map(literal).join(', ')})`,
        );
      break;
    default:
      break;
  }
  if (c.refValues) {
    const [table, column] = c.refValues.split('.') as [string, string];
    add(
      `must be ${c.valuesHint ?? `a value listed in ${table}`}`,
      `${present} AND ${x} NOT IN (SELECT ${ident(column)} FROM ${ident(table)})`,
    );
  }
  if (c.type === 'date' || c.type === 'timestamp') {
    add(RULES.range, `${t} IS NOT NULL AND (${t} < '${RANGE_FROM}' OR ${t} >= '${RANGE_TO}')`);
  }
  if (c.min !== undefined) add(`must be at least ${c.min}`, `${t} < ${Number(c.min)}`);
  if (c.max !== undefined) add(`must be at most ${c.max}`, `${t} > ${Number(c.max)}`);
  if (c.pattern) {
    add(
      `must be ${c.patternHint ?? 'in the documented pattern'}`,
      `${present} AND NOT regexp_full_match(${n}, ${literal(c.pattern)})`,
    );
  }
  for (const k of c.checks ?? []) add(k.rule, `${present} AND (${k.brokenWhen})`);
  return checks;
}

/** TRUE when any rule of the columns is broken; a check over an empty value is NULL, which counts as "not broken". */
const anyBroken = (checks: readonly Check[]) =>
  checks.length === 0 ? 'false' : checks.map((k) => `coalesce(${k.broken}, false)`).join(' OR ');

/** Every column rule of a table, over the `withTyped` columns. */
const tableChecks = (spec: TableSpec) => spec.columns.flatMap((c) => columnChecks(c, typedRef(c)));

export function stageRawSql(stage: string, from: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${ident(stage)} AS SELECT * FROM ${from}`;
}

/** How many staged rows break at least one column rule: the one check clean data pays for. */
export function brokenRowCountSql(spec: TableSpec, stage: string): string {
  return `SELECT count(*) AS n FROM ${withTyped(ident(stage), spec.columns, false)} WHERE ${anyBroken(tableChecks(spec))}`;
}

/** Every broken rule of every broken row, as "column␟value␟rule" strings, in file order. */
export function cellErrorsSql(spec: TableSpec, stage: string): string {
  const checks = tableChecks(spec);
  // Each rule is evaluated once, into a flag; the list and the filter then read the flags.
  const flags = checks.map((k, i) => `coalesce(${k.broken}, false) AS _b${i}`);
  const items = checks.map(
    (k, i) =>
      `CASE WHEN _b${i} THEN ${literal(k.column)} || chr(31) || coalesce(${ident(k.column)}, '') || chr(31) || ${literal(k.rule)} END`,
  );
  const any = checks.length === 0 ? 'false' : checks.map((_, i) => `_b${i}`).join(' OR ');
  return `SELECT _row, unnest(list_filter([${items.join(', ')}], e -> e IS NOT NULL)) AS e
    FROM (SELECT *, ${flags.join(', ') || 'false AS _b'} FROM ${withTyped(ident(stage), spec.columns, true)}) WHERE ${any}`;
}

/**
 * The CSV reader for a file whose header (already checked) names these columns, in file order:
 * every column as text, except the `native` ones (the fast path's), read by the reader's own type.
 */
export function csvSourceSql(
  header: readonly string[],
  native: ReadonlySet<string> = new Set(),
  absent: readonly string[] = [],
): string {
  const cols = header
    .map((n) => `${literal(ident(n))}: ${native.has(n) ? "'BOOLEAN'" : "'VARCHAR'"}`)
    .join(', ');
  const reader = `read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${cols}}, max_line_size = ${MAX_ROW_BYTES}, store_rejects = true, rejects_table = 'bl_rejects', rejects_scan = 'bl_rejects_scan')`;
  return absent.length === 0 ? reader : `(SELECT *, ${absentColumns(absent)} FROM ${reader})`;
}

/** Columns a file left out of its header (`optionalInHeader`), read as empty text. */
const absentColumns = (absent: readonly string[]) =>
  absent.map((n) => `CAST(NULL AS VARCHAR) AS ${ident(n)}`).join(', ');

/** The table's `optionalInHeader` columns that a file's header leaves out. */
export function absentFrom(spec: TableSpec, header: readonly string[]): string[] {
  return spec.columns
    .filter((c) => c.optionalInHeader === true && !header.includes(c.name))
    .map((c) => c.name);
}

/**
 * Columns the fast path's CSV reader may read natively, because its reading gives exactly the
 * verdict and the value of the text rules: booleans. DuckDB's CSV reader accepts precisely the
 * spellings its cast does (true/false, t/f, yes/no, y/n, 1/0 in any case) and rejects every other
 * value — blank ones too — as a malformed row, which sends the file down the detail path.
 * (test/facts/rules-parity.test.ts checks every generated value on both paths.) The conversion
 * of eleven boolean columns was a third of the fast path's cost.
 */
export function nativeBooleanColumns(spec: TableSpec): Set<string> {
  const plain = (c: ColumnSpec) =>
    c.type === 'boolean' &&
    !c.pattern &&
    !c.checks?.length &&
    !c.refValues &&
    c.min === undefined &&
    c.max === undefined;
  return new Set(spec.columns.filter(plain).map((c) => c.name));
}

/**
 * Parquet columns as text, so both paths and both formats are judged by the same rules; on the
 * fast path the `native` ones (booleans stored as BOOLEAN, whose text would only be cast back)
 * are read as they are.
 */
export function parquetSourceSql(
  spec: TableSpec,
  native: ReadonlySet<string> = new Set(),
  absent: readonly string[] = [],
): string {
  const cols = spec.columns.map((c) =>
    absent.includes(c.name)
      ? absentColumns([c.name])
      : native.has(c.name)
        ? ident(c.name)
        : `CAST(${ident(c.name)} AS VARCHAR) AS ${ident(c.name)}`,
  );
  return `(SELECT ${cols.join(', ')} FROM read_parquet($path))`;
}

/** The column names and types of a Parquet file. */
export const PARQUET_TYPES_SQL = 'DESCRIBE SELECT * FROM read_parquet($path)';

/** Cross-field rules over the typed values of rows whose cells are all valid (only the columns the rules name). */
export function rowRuleSql(spec: TableSpec, stage: string): string | null {
  const rules: readonly RowRule[] = spec.rowRules ?? [];
  if (rules.length === 0) return null;
  const used = spec.columns.filter((c) =>
    rules.some((r) => new RegExp(`\\b${c.name}\\b`).test(r.brokenWhen) || r.column === c.name),
  );
  const typedCols = used.map((c) => `${typedRef(c)} AS ${ident(c.name)}`).join(', ');
  const typed = `WITH typed AS (SELECT _row, ${typedCols} FROM ${withTyped(ident(stage), spec.columns, true)} WHERE NOT (${anyBroken(tableChecks(spec))})) `;
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

/**
 * A staged key, compared as the table stores it: each part's typed value, so the same instant
 * written with and without its offset is one key and a blank part is empty however it is
 * written (the fast path groups the stored values). A value that does not convert (a cell error
 * of its own) is compared by its text instead, so two different bad values are not one key.
 */
function stagedKey(key: readonly ColumnSpec[]): string[] {
  return key.flatMap((c) => [typedRef(c), `CASE WHEN ${typedRef(c)} IS NULL THEN ${raw(c)} END`]);
}

/** The key's columns, in key order. */
export function keyColumns(spec: TableSpec): ColumnSpec[] {
  return spec.key.map((k) => {
    const c = spec.columns.find((x) => x.name === k);
    if (!c) throw new Error(`Key column ${k} is not a column`);
    return c;
  });
}

/** The key as the file gives it, for the problem list. */
const keyText = (key: readonly ColumnSpec[]) =>
  `concat_ws(' / ', ${key.map((c) => ident(c.name)).join(', ')})`;

export function duplicateKeySql(stage: string, spec: TableSpec): string {
  const key = keyColumns(spec);
  return `SELECT _row, value FROM (
    SELECT _row, ${keyText(key)} AS value,
      row_number() OVER (PARTITION BY ${stagedKey(key).join(', ')} ORDER BY _row) AS n
    FROM ${withTyped(ident(stage), key, true)}) WHERE n > 1 ORDER BY _row LIMIT $limit`;
}

/** The same key within the batch's other files: the first file holding it keeps it. */
export function duplicateAcrossStagesSql(stages: readonly string[], spec: TableSpec): string {
  const key = keyColumns(spec);
  const union = stages
    .map((s, i) => `SELECT ${i} AS _file, * FROM ${withTyped(ident(s), key, true)}`)
    .join(' UNION ALL ');
  return `SELECT _file, _row, value FROM (SELECT _file, _row, ${keyText(key)} AS value,
    row_number() OVER (PARTITION BY ${stagedKey(key).join(', ')} ORDER BY _file, _row) AS n
    FROM (${union})) WHERE n > 1 ORDER BY _file, _row LIMIT $limit`;
}

export function keyInOtherBatchSql(stage: string, table: string, spec: TableSpec): string {
  const key = keyColumns(spec);
  // A part that does not convert matches nothing (its cell error says why); a blank one matches an empty one.
  const on = key
    .map(
      (c) =>
        `s.${typedRef(c)} IS NOT DISTINCT FROM t.${ident(c.name)} AND (s.${typedRef(c)} IS NOT NULL OR s.${ident(c.name)} IS NULL OR trim(s.${ident(c.name)}, ${BLANK_CHARS}) = '')`,
    )
    .join(' AND ');
  return `SELECT s._row, concat_ws(' / ', ${key.map((c) => `s.${ident(c.name)}`).join(', ')}) AS value, t.batch_id AS other
    FROM ${withTyped(ident(stage), key, true)} s JOIN ${ident(table)} t ON ${on}
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
  // A blank reference is a missing one, as the typed insert stores it (NULL).
  return `SELECT s.rowid AS _row, s.${c} AS value FROM ${ident(stage)} s
    WHERE trim(s.${c}, ${BLANK_CHARS}) <> ''
      AND NOT EXISTS (SELECT 1 FROM ${ident(refTable)} r WHERE r.${ident(refColumn)} = s.${c})
    ORDER BY _row LIMIT $limit`;
}

export function insertFromStageSql(table: string, spec: TableSpec, stage: string): string {
  const cols = spec.columns.map((c) => ident(c.name)).join(', ');
  return `INSERT INTO ${ident(table)} (${cols}, batch_id) SELECT ${spec.columns.map((c) => `${typedExpr(c)} AS ${ident(c.name)}`).join(', ')}, $batch FROM ${ident(stage)}`;
}

// ---------------------------------------------------------------- the fast path
//
// A clean, canonical file goes straight from the reader into its table in one statement: every
// column rule is a guard that raises an error, so the first broken value aborts the statement,
// the transaction rolls back, and the detail path (staging as text) lists every problem.
// Set-based rules (keys, references, row rules) are then checked on the batch's rows before commit.

export interface FastReading {
  /** Columns the reader reads natively (see `nativeBooleanColumns`). */
  readonly native?: ReadonlySet<string>;
  /** Rules (texts of `RULES`) that no value of the file can break, proven from its bytes. */
  readonly proven?: ReadonlySet<string>;
}

/**
 * INSERT … SELECT from the reader, each value guarded by its column's rules. A `native` column
 * (see `nativeBooleanColumns`) arrives typed: the reader has already refused any other spelling, so
 * only "required" is left to check. A `proven` rule is not checked again value by value.
 */
export function fastInsertSql(
  table: string,
  spec: TableSpec,
  source: string,
  { native = new Set(), proven = new Set() }: FastReading = {},
): string {
  const cols = spec.columns.map((c) => ident(c.name)).join(', ');
  const text = spec.columns.filter((c) => !native.has(c.name));
  const exprs = spec.columns.map((c) => {
    const isNative = native.has(c.name);
    const typed = isNative ? ident(c.name) : typedRef(c);
    const checks = isNative
      ? c.required
        ? [{ column: c.name, rule: RULES.required, broken: `${typed} IS NULL` }]
        : []
      : columnChecks(c, typed).filter((k) => !proven.has(k.rule));
    const guarded =
      checks.length === 0
        ? typed
        : `CASE WHEN ${anyBroken(checks)} THEN error(${literal(`bluelamp: a value in ${c.name} breaks a rule`)}) ELSE ${typed} END`;
    return `${guarded} AS ${ident(c.name)}`;
  });
  return `INSERT INTO ${ident(table)} (${cols}, batch_id) SELECT ${exprs.join(', ')}, $batch FROM ${withTyped(source, text, false)}`;
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

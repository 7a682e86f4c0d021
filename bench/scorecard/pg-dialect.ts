/**
 * The engine's DuckDB statements in PostgreSQL's dialect, for the warehouse baseline. A general
 * rewriter covers the constructs the compiler uses (GROUP BY ALL, strftime, date_diff, year,
 * INTERVAL n UNIT, range and unnest(range), to_months, subqueries in FROM without an alias,
 * named parameters); a statement it cannot express is matched by shape to a hand-written
 * equivalent (HAND_WRITTEN). The bench runs every translation against DuckDB's own rows and
 * refuses to time one that differs (compare.ts), so the rewriter may be simple but not wrong.
 */

export interface PgStatement {
  readonly text: string;
  readonly values: unknown[];
  /** How it was made: by the rewriter, or the name of a hand-written equivalent. */
  readonly via: string;
}

/**
 * Statements the rewriter cannot translate: DuckDB's catalogue functions have no PostgreSQL
 * namesake. Each is matched by its text and replaced whole (parameters carried over by name).
 */
const HAND_WRITTEN: readonly { name: string; match: RegExp; sql: string }[] = [
  {
    name: 'catalogue probe (information_schema)',
    match:
      /^SELECT count\(\*\) AS n FROM duckdb_tables\(\) WHERE table_name = '(\w+)' AND schema_name = 'main'$/,
    sql: "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '$1' AND table_schema = 'public'",
  },
];

/** The text with each string literal's contents blanked, so structure can be found by position. */
function mask(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, (s) => `'${'_'.repeat(s.length - 2)}'`);
}

/** Index of the parenthesis closing the one at `open` (in masked text). */
function closing(m: string, open: number): number {
  let depth = 0;
  for (let i = open; i < m.length; i++) {
    if (m[i] === '(') depth++;
    else if (m[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses at ${open}`);
}

/** Splits `s` at the commas outside parentheses and strings. */
function splitTop(s: string): string[] {
  const m = mask(s);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < m.length; i++) {
    if (m[i] === '(') depth++;
    else if (m[i] === ')') depth--;
    else if (m[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim());
}

const STRFTIME: Record<string, string> = {
  '%Y': 'YYYY',
  '%m': 'MM',
  '%d': 'DD',
  '%H': 'HH24',
  '%M': 'MI',
  '%S': 'SS',
};

/** DuckDB's range: end exclusive; generate_series: end inclusive. */
function series(args: string[]): string {
  if (args.length === 1) return `generate_series(0, (${args[0]}) - 1)`;
  const [lo, hi, step] = args;
  if (step && /INTERVAL/i.test(step))
    return `generate_series(${lo}, (${hi}) - INTERVAL '1 microsecond', ${step})`;
  return `generate_series(${lo}, (${hi}) - 1${step ? `, ${step}` : ''})`;
}

const CALLS: Record<string, (args: string[]) => string> = {
  strftime: ([x, f]) => {
    const fmt = (f as string).replace(/%[YmdHMS]/g, (k) => STRFTIME[k] as string);
    return `to_char(${x}, ${fmt})`;
  },
  // Day boundaries crossed, as DuckDB counts them for naive timestamps.
  date_diff: ([part, a, b]) => {
    if (part !== "'day'") throw new Error(`date_diff(${part}) is not translated`);
    return `(CAST(${b} AS date) - CAST(${a} AS date))`;
  },
  year: ([x]) => `CAST(extract(year FROM ${x}) AS integer)`,
  to_months: ([n]) => `make_interval(months => ${n})`,
  range: series,
  // unnest(range(…)) is a set-returning generate_series in PostgreSQL's select list.
  unnest: ([x]) => {
    const inner = /^generate_series\(/.test(x as string) ? x : null;
    if (inner === null) throw new Error('unnest of anything but range() is not translated');
    return inner as string;
  },
};

/** Rewrites the calls of CALLS, innermost first. */
function rewriteCalls(sql: string): string {
  const m = mask(sql);
  const re = new RegExp(`(?<![\\w.])(${Object.keys(CALLS).join('|')})\\s*\\(`, 'gi');
  let out = '';
  let at = 0;
  for (let hit = re.exec(m); hit; hit = re.exec(m)) {
    if (hit.index < at) continue;
    const open = hit.index + hit[0].length - 1;
    const close = closing(m, open);
    const args = splitTop(sql.slice(open + 1, close)).map(rewriteCalls);
    const call = CALLS[(hit[1] as string).toLowerCase()] as (args: string[]) => string;
    out += sql.slice(at, hit.index) + call(args);
    at = close + 1;
    re.lastIndex = at;
  }
  return out + sql.slice(at);
}

const intervals = (sql: string) =>
  sql.replace(
    /\bINTERVAL\s+(\d+)\s+(MICROSECOND|SECOND|MINUTE|HOUR|DAY|WEEK|MONTH|YEAR)S?\b/gi,
    (_s, n: string, unit: string) => `INTERVAL '${n} ${unit.toLowerCase()}'`,
  );

const AGGREGATE = /\b(count|sum|min|max|avg|bool_or|bool_and|string_agg|array_agg|grouping)\s*\(/i;
const LITERAL = /^('(?:[^']|'')*'|NULL|-?\d+(?:\.\d+)?|true|false)(\s+AS\s+\w+)?$/i;

/**
 * GROUP BY ALL as the ordinals of its select list's items that are not aggregates (constants
 * left out unless nothing else is grouped: grouping by a constant changes nothing but the
 * empty input, where PostgreSQL's GROUP BY () would give a row and DuckDB none).
 */
function groupByAll(sql: string): string {
  for (;;) {
    const m = mask(sql);
    const hit = /\bGROUP BY ALL\b/i.exec(m);
    if (!hit) return sql;
    // Back to the SELECT of the same parenthesis level.
    let depth = 0;
    let select = -1;
    for (let i = hit.index - 1; i >= 0; i--) {
      const c = m[i];
      if (c === ')') depth++;
      else if (c === '(') {
        if (depth === 0) break;
        depth--;
      } else if (
        depth === 0 &&
        /^SELECT\b/i.test(m.slice(i, i + 7)) &&
        !/\w/.test(m[i - 1] ?? ' ')
      ) {
        select = i;
        break;
      }
    }
    if (select < 0) throw new Error('GROUP BY ALL without its SELECT');
    depth = 0;
    let from = -1;
    for (let i = select + 6; i < hit.index; i++) {
      const c = m[i];
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (depth === 0 && /^FROM\b/i.test(m.slice(i, i + 5)) && !/\w/.test(m[i - 1] ?? ' ')) {
        from = i;
        break;
      }
    }
    if (from < 0) throw new Error('GROUP BY ALL without FROM');
    const items = splitTop(sql.slice(select + 6, from).replace(/^\s*DISTINCT\s/i, ''));
    const keys = items.flatMap((it, i) => (AGGREGATE.test(mask(it)) ? [] : [i + 1]));
    const kept = keys.filter((k) => !LITERAL.test(items[k - 1] as string));
    const list = (kept.length > 0 ? kept : keys).join(', ');
    if (list === '') throw new Error('GROUP BY ALL over aggregates only');
    sql = `${sql.slice(0, hit.index)}GROUP BY ${list}${sql.slice(hit.index + hit[0].length)}`;
  }
}

/** PostgreSQL 15 wants an alias on every subquery in FROM. */
function aliasSubqueries(sql: string): string {
  let n = 0;
  for (let from = 0; ;) {
    const m = mask(sql);
    const re = /\bFROM\s*\(\s*SELECT\b/gi;
    re.lastIndex = from;
    const hit = re.exec(m);
    if (!hit) return sql;
    const open = m.indexOf('(', hit.index);
    const close = closing(m, open);
    const next = /^\s*(\w+)?/.exec(m.slice(close + 1))?.[1] ?? '';
    const keyword = /^(WHERE|GROUP|ORDER|UNION|LIMIT|JOIN|LEFT|INNER|CROSS|HAVING|WINDOW|)$/i.test(
      next,
    );
    if (keyword) sql = `${sql.slice(0, close + 1)} AS _sub${++n}${sql.slice(close + 1)}`;
    from = open + 1;
  }
}

/** `$p7` → `$1`…, numbered in order of first use; values only for parameters the text uses. */
function positional(
  sql: string,
  params: Record<string, unknown> | undefined,
): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/\$(\w+)\b/g, (_s, name: string) => {
    if (!params || !(name in params)) throw new Error(`parameter $${name} has no value`);
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text, values: order.map((n) => params?.[n]) };
}

const stripComments = (sql: string) => {
  const m = mask(sql);
  return sql.replace(/--[^\n]*/g, (s, at: number) => (m.slice(at, at + 2) === '--' ? '' : s));
};

/** One statement in PostgreSQL's dialect, with its parameters as PostgreSQL numbers them. */
export function toPostgres(sql: string, params?: Record<string, unknown>): PgStatement {
  const trimmed = sql.trim();
  for (const h of HAND_WRITTEN) {
    const hit = h.match.exec(trimmed);
    if (hit) {
      const text = h.sql.replace(/\$(\d)/g, (_s, i: string) => hit[Number(i)] as string);
      return { ...positional(text, params), via: h.name };
    }
  }
  const text = aliasSubqueries(groupByAll(intervals(rewriteCalls(stripComments(trimmed)))));
  return { ...positional(text, params), via: 'rewriter' };
}

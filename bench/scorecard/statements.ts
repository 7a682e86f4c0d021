/**
 * The statements a gold scorecard sends to the facts store, recorded in order with what each is
 * for: the engine's own lineage names the queries behind results; the engine's bookkeeping and
 * the reads of monthly aggregates are named from their shape.
 */
import type { FactsStore } from '../../src/facts/store.ts';
import { evaluateScorecard } from '../../src/measures/engine.ts';

export interface Statement {
  readonly purpose: string;
  readonly sql: string;
  readonly params: Record<string, unknown> | undefined;
}

const SHAPES: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/FROM _meta\b/, () => 'data version'],
  [/FROM duckdb_tables\(\)/, () => 'aggregates present (catalogue)'],
  [/FROM _aggregates\b/, () => 'aggregates: versions and spans'],
  [/FROM _batches\b/, () => 'last import per table'],
  [/^SELECT DISTINCT period FROM returns/, () => 'periods with manual returns'],
  [/^SELECT 'crimes' AS tbl/, () => 'freshness and coverage per table'],
  [/FROM "?_agg_scan_(\w+?)"? WHERE/, (m) => `monthly counts from ${m[1]} (aggregate)`],
  [/FROM "?_agg_(\w+?)"? WHERE/, (m) => `${(m[1] as string).replaceAll('_', ' ')} (aggregate)`],
  [/^WITH base AS/, () => 'breakdown by respondent'],
  [/^SELECT 'sex' AS dimension/, () => 'breakdown by victim characteristics'],
  [/^SELECT CASE WHEN date_diff\('day'/, () => 'age profile of open investigations'],
  [
    /^SELECT strftime\(\w+\.\w+, '%Y-%m'\) AS month[^]*?\nFROM (\w+)/,
    (m) => `monthly counts from ${m[1]}`,
  ],
];

function purposeOf(sql: string, lineage: ReadonlyMap<string, string>): string {
  const known = lineage.get(sql);
  if (known) return known;
  for (const [re, name] of SHAPES) {
    const m = re.exec(sql);
    if (m) return name(m);
  }
  return sql.replace(/\s+/g, ' ').slice(0, 60);
}

/**
 * Runs the gold scorecard once, uncached, recording every statement it reads with; `aggregates`
 * false: the statements it sends when it scans the facts for everything.
 */
export async function recordScorecard(
  store: FactsStore,
  period: string,
  aggregates: boolean,
): Promise<Statement[]> {
  const sent: { sql: string; params: Record<string, unknown> | undefined }[] = [];
  const recording: FactsStore = {
    ...store,
    all: async (sql, params) => {
      sent.push({ sql, params: params as Record<string, unknown> | undefined });
      return store.all(sql, params);
    },
  };
  const card = await evaluateScorecard(recording, { period, cache: false, aggregates });
  const lineage = new Map<string, string>();
  for (const m of card.measures) for (const l of m.lineage.sql) lineage.set(l.sql, l.purpose);
  return sent.map((s) => ({ ...s, purpose: purposeOf(s.sql, lineage) }));
}

import { BluelampError } from '../../lib/errors.ts';
import { addCell } from '../cells.ts';
import { freshnessQuery, returnPeriodsQuery, SOURCES, sourceScan } from '../compile.ts';
import type { Measure } from '../definition.ts';
import { scanRead, sidesBySource } from './aggregates.ts';
import { parsePeriod } from '../period.ts';
import { union, type Span } from '../coverage.ts';
import { type Context, num, run } from './context.ts';

/** Reading the store: freshness and coverage of each table, the data's span, LPAs, one scan per source. */
/** The span of all the data: every dated fact table, and the periods of manual returns. */
export async function dataSpan(ctx: Context): Promise<Span | null> {
  const spans: (Span | null)[] = [...ctx.coverage.values()];
  for (const r of await ctx.store.all<{ period: string }>(returnPeriodsQuery().sql)) {
    try {
      const p = parsePeriod(r.period);
      spans.push({ from: p.months[0] as string, to: p.months.at(-1) as string });
    } catch {
      // A return for a period label the engine cannot read covers nothing.
    }
  }
  return union(spans);
}

export async function checkLpa(ctx: Context, lpa: string): Promise<void> {
  const rows = await ctx.store.all<{ lpa: string }>('SELECT DISTINCT lpa FROM crimes ORDER BY lpa');
  const known = rows.map((r) => r.lpa);
  if (!known.includes(lpa)) {
    throw new BluelampError('BAD_INPUT', `There is no local policing area "${lpa}".`, {
      hint: `Local policing areas: ${known.join(', ') || '(none loaded)'}.`,
    });
  }
}

export async function readFreshness(ctx: Context): Promise<void> {
  const tables = [...new Set(Object.values(SOURCES).flatMap((s) => s.tables))];
  const q = freshnessQuery(tables);
  for (const r of await ctx.store.all<{
    tbl: string;
    latest: string | null;
    first_month: string | null;
    last_month: string | null;
  }>(q.sql)) {
    ctx.freshness.set(r.tbl, r.latest);
    ctx.coverage.set(
      r.tbl,
      r.first_month && r.last_month ? { from: r.first_month, to: r.last_month } : null,
    );
  }
  for (const r of await ctx.store.all<{ table_name: string; last: string | null }>(
    'SELECT table_name, max(imported_at)::VARCHAR AS last FROM _batches GROUP BY ALL',
  )) {
    ctx.lastImport.set(r.table_name, r.last);
  }
}

/** One grouped scan per fact source, for every count side of every measure asked for. */
export async function scanSources(ctx: Context, measures: readonly Measure[]): Promise<void> {
  for (const [source, sides] of sidesBySource(measures)) {
    const q = sourceScan(source, [...sides.values()], ctx.from, ctx.to);
    const rows = await run(ctx, scanRead(ctx, source, q.columns) ?? q);
    for (const key of q.columns) {
      ctx.producedBy.set(key, q);
      ctx.cells.set(key, new Map());
    }
    for (const r of rows) {
      q.columns.forEach((key, i) =>
        addCell(ctx.cells, key, String(r.month), (r.lpa as string | null) ?? null, num(r[`c${i}`])),
      );
    }
  }
}

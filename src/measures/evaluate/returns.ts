import { returnQuery, type CompiledQuery } from '../compile.ts';
import type { Measure } from '../definition.ts';
import { statusOf } from '../judge.ts';
import type { MeasureResult } from '../result.ts';
import { type Context, type Row, num, run } from './context.ts';
import { base } from './base.ts';

// ------------------------------------------------------------------ returns and tables

export async function fromReturn(ctx: Context, m: Measure): Promise<MeasureResult> {
  const labels = [ctx.period.label, ctx.period.months.at(-1) as string];
  let row: Row | undefined;
  let q: CompiledQuery | undefined;
  for (const label of labels) {
    q = returnQuery(m.id, label, m.scope === 'force' ? null : ctx.lpa);
    row = (await run(ctx, q))[0];
    if (row) break;
  }
  if (!row) {
    return base(ctx, m, {
      sources: ['returns'],
      status: 'no_data',
      warnings: [`No return has been submitted for ${ctx.period.label}.`],
    });
  }
  const value = row.value === null ? null : num(row.value);
  return {
    ...base(ctx, m, {
      sources: ['returns'],
      status: statusOf(m.target, value, null),
      warnings: [],
    }),
    value,
    numerator: row.numerator === null ? null : num(row.numerator),
    denominator: row.denominator === null ? null : num(row.denominator),
    source: {
      kind: 'return',
      return: {
        source: String(row.source),
        submittedBy: String(row.submitted_by),
        submittedAt: (row.submitted_at as string | null) ?? null,
      },
    },
    lineage: {
      sql: q
        ? [
            {
              purpose: q.purpose,
              sql: q.sql,
              params: q.params,
            },
          ]
        : [],
      rowCounts: { returns: 1 },
    },
  };
}

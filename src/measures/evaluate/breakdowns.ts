import { respondentBreakdownQuery, victimBreakdownQuery } from '../compile.ts';
import type { CountSide, Measure } from '../definition.ts';
import { interval } from '../judge.ts';
import { twoProportionTest } from '../../stats/two-proportion.ts';
import { addMonths } from '../period.ts';
import { valueWindow } from '../windows.ts';
import { type Context, num, run } from './context.ts';
import { breakdownAggregateName, summedRead } from './aggregates.ts';

/**
 * A proportion by group, each group tested against everyone else (pooled two-proportion z-test):
 * the disproportionality check for Victims' Code failures and confidence by respondent.
 */
export async function groupBreakdown(
  ctx: Context,
  m: Measure,
  numerator: CountSide,
  denominator: CountSide,
) {
  const w = valueWindow(m, ctx.period);
  const from = `${w.months[0]}-01`;
  const to = `${addMonths(w.months.at(-1) as string, 1)}-01`;
  const q = m.breakdowns.includes('respondent')
    ? respondentBreakdownQuery(numerator, denominator, from, to, ctx.lpa)
    : victimBreakdownQuery(numerator, denominator, from, to, ctx.lpa);
  const read = summedRead(
    ctx,
    breakdownAggregateName(m),
    { keys: ['dimension', 'grp'], sums: ['num', 'den'] },
    { from, to },
  );
  const rows = await run(ctx, read ?? q);
  const totals = new Map<string, { x: number; n: number }>();
  for (const r of rows) {
    const t = totals.get(String(r.dimension)) ?? { x: 0, n: 0 };
    totals.set(String(r.dimension), { x: t.x + num(r.num), n: t.n + num(r.den) });
  }
  return rows
    .filter((r) => num(r.den) > 0)
    .map((r) => {
      const x = num(r.num);
      const n = num(r.den);
      const t = totals.get(String(r.dimension)) ?? { x, n };
      const ci = interval(m, x, n);
      const test =
        t.n - n > 0 && x <= n && t.x - x <= t.n - n
          ? twoProportionTest(x, n, t.x - x, t.n - n)
          : null;
      return {
        dimension: String(r.dimension),
        group: String(r.grp),
        numerator: x,
        denominator: n,
        value: x / n,
        lower: ci?.lower ?? null,
        upper: ci?.upper ?? null,
        rest_value: t.n - n > 0 ? (t.x - x) / (t.n - n) : null,
        z_vs_rest: test?.z ?? null,
        p_vs_rest: test?.pValue ?? null,
        significant: test?.significant ?? false,
      };
    })
    .sort(
      (a, b) => a.dimension.localeCompare(b.dimension) || a.group.localeCompare(b.group, 'en-GB'),
    );
}

/**
 * A reader's model of real engine results (written apart from src/present/disclosure): which
 * fields are counts and which sums hold between them in the unsuppressed figures — LPAs against
 * the force, months against the period, comparison windows against their months, rates against
 * their counts. The attacker of test/present/disclosure-support.ts works these relations.
 */
import type { MeasureResult } from '../../src/measures/result.ts';
import type { Model } from '../present/disclosure-support.ts';

const COUNT_COLUMNS =
  /^(count|count_two_years_ago|crimes|people|recorded|outcomes|outcome_16|interviews|numerator|denominator)$/;
const mi = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const mo = (k: number) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
function monthsOf(start: string, end: string): string[] {
  const out: string[] = [];
  for (let k = mi(start); k < mi(end) + (end.slice(8, 10) === '01' ? 0 : 1); k++) out.push(mo(k));
  return out;
}

export function realModel(results: readonly MeasureResult[]): Model {
  const m: Model = {
    results: [...results],
    counts: new Map(),
    hidden: new Map(),
    sums: [],
    fns: [],
    smallBase: [],
  };
  const get = (id: string): number | null => {
    const [i, path] = [Number(id.split('/')[0]), id.slice(id.indexOf('/') + 1)];
    let x: unknown = results[i];
    for (const k of path.split('.'))
      x = x === null || typeof x !== 'object' ? undefined : (x as Record<string, unknown>)[k];
    return typeof x === 'number' ? x : null;
  };
  const sum = (total: string, parts: string[]) => {
    const t = get(total);
    const ps = parts.map(get);
    if (t === null || ps.some((p) => p === null) || parts.length === 0) return;
    if (Math.abs(t - ps.reduce((a, b) => (a as number) + (b as number), 0)!) < 1e-9)
      m.sums.push({ total, parts });
  };
  results.forEach((r, i) => {
    const count = (path: string) => {
      const id = `${i}/${path}`;
      const v = get(id);
      if (v !== null) m.counts.set(id, v);
      return id;
    };
    const fig = (at: string) => {
      const p = at ? `${at}.` : '';
      const num = count(`${p}numerator`);
      const den = count(`${p}denominator`);
      const value = r.unit === 'count' ? count(`${p}value`) : `${i}/${p}value`;
      if (r.unit !== 'count' && get(value) !== null && get(num) !== null && get(den) !== null)
        m.fns.push({ out: value, ins: [num, den] });
      return { num, den, value };
    };
    const top = fig('');
    const rows = r.breakdown.map((_, k) => fig(`breakdown.${k}`));
    if (r.lpa === null)
      for (const f of ['num', 'den', 'value'] as const)
        sum(
          top[f],
          rows.map((x) => x[f]),
        );
    const byMonth = new Map(r.series.map((p, k) => [p.period, fig(`series.${k}`)]));
    const window = monthsOf(r.window.start, r.window.end);
    const over = (f: ReturnType<typeof fig>, months: string[]) => {
      const parts = months.map((mm) => byMonth.get(mm));
      if (parts.some((x) => !x)) return;
      for (const s of ['num', 'den', 'value'] as const)
        sum(
          f[s],
          parts.map((x) => x![s]),
        );
    };
    over(top, window);
    const n = monthsOf(r.period.start, r.period.end).length;
    r.comparisons.forEach((c, j) => {
      const f = fig(`comparisons.${j}`);
      const shift = c.kind === 'last_year' ? -12 : c.kind === 'two_years_ago' ? -24 : -n;
      over(
        f,
        window.map((mm) => mo(mi(mm) + shift)),
      );
    });
    ((r.table?.rows ?? []) as Record<string, unknown>[]).forEach((row, k) => {
      for (const col of Object.keys(row))
        if (COUNT_COLUMNS.test(col)) count(`table.rows.${k}.${col}`);
    });
  });
  return m;
}

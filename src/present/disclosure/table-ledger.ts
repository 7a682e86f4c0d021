/**
 * The ledger of a table-shaped result, one reader per kind of table the engine makes (outcome
 * tables, the age profile of open investigations, high-harm nominals, VAWG, survey interviews,
 * a proportion by group, the crime table, the national measures), chosen by the table's `kind`.
 */
import type { MeasureResult, TableKind } from '../../measures/result.ts';
import type { LedgerBuilder } from './builder.ts';
import type { ResultCells } from './result-ledger.ts';

type Row = Readonly<Record<string, unknown>>;

interface Ctx {
  readonly b: LedgerBuilder;
  readonly i: number;
  readonly rows: readonly Row[];
  readonly own: ResultCells;
  readonly byId: ReadonlyMap<string, ResultCells>;
  /** Where the rows are in the result: `table.rows`. */
  readonly at: readonly string[];
}

const cell = (x: Ctx, k: number, col: string) => x.b.count(x.i, [...x.at, k, col]);
const derive = (
  x: Ctx,
  k: number,
  col: string,
  deps: readonly (string | null)[],
  bases: readonly (string | null)[] = [],
) => x.b.derive(x.i, [...x.at, k, col], deps, bases);
const numberAt = (row: Row | undefined, col: string): number | null => {
  const v = row?.[col];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const topCount = (f: ResultCells['top'] | undefined) => f?.value ?? f?.num ?? null;

/**
 * The cell of a table's total: the published one, else a hidden one (a share printed with
 * its count reveals the total even when the total is not printed).
 */
function totalOf(x: Ctx, published: string | null, parts: readonly (string | null)[]) {
  x.b.sum(published, parts);
  if (published !== null) return published;
  if (parts.some((p) => p === null)) return null;
  const total = parts.reduce((s, p) => s + (x.b.valueOf(p as string) ?? 0), 0);
  const hidden = x.b.hidden(x.i, 'total', total);
  x.b.sum(hidden, parts);
  return hidden;
}

/** A rate printed with its base reveals its numerator (rate × base): a hidden count. */
function rateOf(x: Ctx, k: number, col: string, base: string | null) {
  const rate = numberAt(x.rows[k], col);
  const b = base === null ? null : x.b.valueOf(base);
  if (rate === null) return;
  const numerator = b === null ? null : x.b.hidden(x.i, col, rate * b);
  derive(x, k, col, [numerator, base], [base]);
  x.b.ratio(numerator, base);
}

function outcomes(x: Ctx) {
  const now = x.rows.map((_, k) => cell(x, k, 'count'));
  const then = x.rows.map((_, k) => cell(x, k, 'count_two_years_ago'));
  const total = totalOf(x, topCount(x.own.top), now);
  const totalThen = totalOf(x, topCount(x.own.comparisons.get('two_years_ago')), then);
  x.rows.forEach((_, k) => {
    derive(x, k, 'share', [now[k] ?? null, total], [total]);
    derive(x, k, 'share_two_years_ago', [then[k] ?? null, totalThen], [totalThen]);
  });
}

function ageProfile(x: Ctx) {
  const crimes = x.rows.map((_, k) => cell(x, k, 'crimes'));
  const label = (k: number) => String(x.rows[k]?.age_band ?? '');
  const allRow = x.rows.findIndex((_, k) => /^(all|total)\b/i.test(label(k)));
  const bands = crimes.filter((_, k) => k !== allRow && !/^of which/i.test(label(k)));
  const total = totalOf(x, allRow < 0 ? null : (crimes[allRow] ?? null), bands);
  x.b.sum(topCount(x.own.top), [total]);
  x.rows.forEach((_, k) => derive(x, k, 'share', [crimes[k] ?? null, total], [total]));
}

function highHarm(x: Ctx) {
  const people = x.rows.map((_, k) => cell(x, k, 'people'));
  // The shares are of everyone in the month; a printed share and count reveal that base.
  const k0 = x.rows.findIndex((r) => (numberAt(r, 'share') ?? 0) > 0);
  const base =
    k0 < 0
      ? null
      : x.b.hidden(
          x.i,
          'base',
          (numberAt(x.rows[k0], 'people') ?? 0) / (numberAt(x.rows[k0], 'share') ?? 1),
        );
  x.b.sum(topCount(x.own.top), [base]);
  // Runs of rows that add up to everyone (the roles; the offence bands) are constraints.
  for (let s = 0; s < people.length; s++)
    for (let e = s + 2; e <= people.length; e++) x.b.sum(base, people.slice(s, e));
  x.rows.forEach((_, k) => derive(x, k, 'share', [people[k] ?? null, base], [base]));
}

function vawg(x: Ctx) {
  x.rows.forEach((_, k) => {
    cell(x, k, 'recorded');
    const outcomesCell = cell(x, k, 'outcomes');
    const oc16 = cell(x, k, 'outcome_16');
    derive(x, k, 'outcome_16_share', [oc16, outcomesCell], [outcomesCell]);
    x.b.ratio(oc16, outcomesCell);
    // The headline is one row's figures (rape) repeated: declared where the numbers match.
    x.b.sum(x.own.top.num, [oc16]);
    x.b.sum(x.own.top.den, [outcomesCell]);
  });
}

function interviews(x: Ctx) {
  const n = x.rows.map((_, k) => cell(x, k, 'interviews'));
  x.b.sum(topCount(x.own.top), n);
}

function byGroup(x: Ctx) {
  const dims = new Map<string, number[]>();
  x.rows.forEach((r, k) => {
    const d = String(r.dimension ?? '');
    dims.set(d, [...(dims.get(d) ?? []), k]);
  });
  for (const ks of dims.values()) {
    const xs = ks.map((k) => cell(x, k, 'numerator'));
    const ns = ks.map((k) => cell(x, k, 'denominator'));
    x.b.sum(x.own.top.num, xs);
    x.b.sum(x.own.top.den, ns);
    ks.forEach((k, j) => {
      const [xk, nk] = [xs[j] ?? null, ns[j] ?? null];
      x.b.ratio(xk, nk);
      for (const col of ['value', 'lower', 'upper']) derive(x, k, col, [xk, nk], [nk]);
      // "Everyone else" is the dimension less this group: two more counts a reader can see.
      const others = (cs: readonly (string | null)[]) => cs.filter((_, o) => o !== j);
      const restOf = (cs: readonly (string | null)[], label: string) => {
        const parts = others(cs);
        if (parts.some((p) => p === null) || numberAt(x.rows[k], 'rest_value') === null)
          return null;
        const total = parts.reduce((s, p) => s + (x.b.valueOf(p as string) ?? 0), 0);
        const h = x.b.hidden(x.i, label, total);
        x.b.sum(h, parts);
        return h;
      };
      const rx = restOf(xs, 'rest_num');
      const rn = restOf(ns, 'rest_den');
      x.b.ratio(rx, rn);
      derive(x, k, 'rest_value', [rx, rn], [rn]);
      for (const col of ['z_vs_rest', 'p_vs_rest', 'significant'])
        derive(x, k, col, [xk, nk, rx, rn], [nk, rn]);
    });
  }
}

function crimeTable(x: Ctx) {
  const counts = x.rows.map((r, k) => {
    const count = cell(x, k, 'count');
    const then = cell(x, k, 'count_two_years_ago');
    const linked = typeof r.id === 'string' ? x.byId.get(r.id) : undefined;
    x.b.sum(topCount(linked?.top), [count]);
    x.b.sum(topCount(linked?.comparisons.get('two_years_ago')), [then]);
    derive(x, k, 'change_two_years', [count, then], [then]);
    derive(x, k, 'ytd_change', linked ? linked.series : [count]);
    for (const col of ['lower_limit', 'upper_limit'])
      derive(x, k, col, linked ? linked.spc : [count]);
    const outcomesCell = cell(x, k, 'outcomes');
    rateOf(x, k, 'action_taken_rate', outcomesCell);
    rateOf(x, k, 'oc16_rate', outcomesCell);
    return count;
  });
  const totalRow = x.rows.findIndex((r) => r.id === 'crime_total');
  if (totalRow < 0) return;
  x.b.sum(topCount(x.own.top), [counts[totalRow] ?? null]);
  x.b.sum(
    counts[totalRow] ?? null,
    counts.filter((_, k) => k !== totalRow),
  );
  // Where the groups add up to the total, so do their own results, month by month.
  const linked = x.rows.map((r) => (typeof r.id === 'string' ? x.byId.get(r.id) : undefined));
  const total = linked[totalRow];
  const groups = linked.filter((_, k) => k !== totalRow);
  if (!total || groups.some((g) => g === undefined)) return;
  const parts = groups as ResultCells[];
  const sides = ['num', 'den', 'value'] as const;
  for (const side of sides)
    x.b.sum(
      total.top[side],
      parts.map((g) => g.top[side]),
    );
  for (const [kind, f] of total.comparisons)
    for (const side of sides)
      x.b.sum(
        f[side],
        parts.map((g) => g.comparisons.get(kind)?.[side] ?? null),
      );
  for (const [month, f] of total.byMonth)
    for (const side of sides)
      x.b.sum(
        f[side],
        parts.map((g) => g.byMonth.get(month)?.[side] ?? null),
      );
}

function national(x: Ctx) {
  x.rows.forEach((r, k) => {
    if (r.unit !== 'count') return;
    const now = cell(x, k, 'last_12_months');
    const then = cell(x, k, 'baseline_2019_20');
    derive(x, k, 'change', [now, then], [then]);
  });
}

/** Open findings by age band: counts of reports' findings (not people), with their total row. */
function openFindings(x: Ctx) {
  const open = x.rows.map((_, k) => cell(x, k, 'open'));
  const national = x.rows.map((_, k) => cell(x, k, 'national_scope'));
  const allRow = x.rows.findIndex((r) => /^all\b/i.test(String(r.age_band ?? '')));
  const bands = (cs: readonly (string | null)[]) => cs.filter((_, k) => k !== allRow);
  const total = totalOf(x, allRow < 0 ? null : (open[allRow] ?? null), bands(open));
  totalOf(x, allRow < 0 ? null : (national[allRow] ?? null), bands(national));
  x.b.sum(topCount(x.own.top), [total]);
  x.rows.forEach((_, k) => derive(x, k, 'share', [open[k] ?? null, total], [total]));
}

/** One reader per kind of table: which columns are counts and what each other number reveals. */
const READERS: Record<TableKind, (x: Ctx) => void> = {
  outcomes,
  age_profile: ageProfile,
  high_harm_nominals: highHarm,
  vawg,
  survey_interviews: interviews,
  group_breakdown: byGroup,
  crime_groups: crimeTable,
  national,
  open_findings: openFindings,
};

export function tableLedger(
  b: LedgerBuilder,
  i: number,
  r: MeasureResult,
  own: ResultCells,
  byId: ReadonlyMap<string, ResultCells>,
): void {
  const t = r.table;
  if (!t || t.rows.length === 0) return;
  READERS[t.kind]({ b, i, rows: t.rows, own, byId, at: ['table', 'rows'] });
}

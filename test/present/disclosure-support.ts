/**
 * Test support for disclosure control: hand-built results, a generator of adversarial fact sets
 * (small cells in breakdowns, totals, series, comparisons, outcome tables, the crime table) with
 * a model of every relation a reader could use, and an attacker that works those relations.
 * Written independently of src/present/disclosure/ (it shares no code with it).
 */
import { MeasureResult, type CrimeGroupRow } from '../../src/measures/result.ts';

/** A crime table row: the given columns, every other one null. */
export function crimeGroupRow(
  over: Partial<CrimeGroupRow> & Pick<CrimeGroupRow, 'id' | 'crime_group'>,
): CrimeGroupRow {
  return {
    count: null,
    count_two_years_ago: null,
    change_two_years: null,
    ytd_change: null,
    lower_limit: null,
    upper_limit: null,
    last_month_signal: null,
    outcomes: null,
    action_taken_rate: null,
    oc16_rate: null,
    ...over,
  };
}

export type Rng = () => number;

/** mulberry32: a small seeded PRNG. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** Mostly small: zeros, 1–4, just over 5, and some larger counts. */
export function smallCount(rng: Rng): number {
  const r = rng();
  if (r < 0.2) return 0;
  if (r < 0.55) return int(rng, 1, 4);
  if (r < 0.8) return int(rng, 5, 9);
  return int(rng, 10, 60);
}

export const PERIOD = {
  label: '2021/22-Q1',
  kind: 'quarter',
  start: '2021-04-01',
  end: '2021-07-01',
};
const WINDOW = { label: 'Q1 2021/22', start: '2021-04-01', end: '2021-07-01' };
/** 27 months: April 2019 to June 2021, so the quarter a year and two years ago are in the series. */
export const MONTHS = Array.from({ length: 27 }, (_, k) => {
  const m = 3 + k;
  return `${2019 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
});
const NOW = MONTHS.slice(24);
const BEFORE = { last_year: MONTHS.slice(12, 15), two_years_ago: MONTHS.slice(0, 3) } as const;
type Kind = keyof typeof BEFORE;

export function result(
  over: Partial<MeasureResult> & Pick<MeasureResult, 'id' | 'unit'>,
): MeasureResult {
  return MeasureResult.parse({
    title: over.id,
    tier: 'gold',
    area: 'core',
    polarity: 'lower_is_better',
    definition: 'A test measure.',
    period: PERIOD,
    window: WINDOW,
    lpa: null,
    value: null,
    numerator: null,
    denominator: null,
    interval: null,
    target: null,
    status: 'no_target',
    comparisons: [],
    spc: null,
    breakdown: [],
    series: [],
    table: null,
    warnings: [],
    source: { kind: 'facts', return: null },
    freshness: { tables: ['crimes'], latestRecord: null, lastImport: null },
    lineage: {
      sql: [{ purpose: 'numerator', sql: 'SELECT 1', params: {} }],
      rowCounts: { numerator: over.numerator ?? 0 },
    },
    ...over,
  });
}

/** What a reader can use: ids are `i/dotted.path`, or `i/#name` for a count no field prints. */
export interface Model {
  readonly results: MeasureResult[];
  /** Every field that is a count, with its value. */
  readonly counts: Map<string, number>;
  /** Counts a printed rate reveals (rate × base) without printing them. */
  readonly hidden: Map<string, number>;
  /** total = Σ parts */
  readonly sums: { total: string; parts: string[] }[];
  /** out = f(ins), invertible in any one input: out and all inputs but one give that one. */
  readonly fns: { out: string; ins: string[] }[];
  /** Rates over a base of 1–4: these fields must be withheld. */
  readonly smallBase: string[];
}

function newModel(): Model {
  return { results: [], counts: new Map(), hidden: new Map(), sums: [], fns: [], smallBase: [] };
}

const wilsonLike = (x: number, n: number) =>
  n > 0
    ? {
        lower: Math.max(0, x / n - 1 / n),
        upper: Math.min(1, x / n + 1 / n),
        method: 'wilson' as const,
        level: 0.95,
      }
    : null;

interface Cell2 {
  num: number;
  den: number | null;
}

/** A figure's fields and relations: value, numerator, denominator, interval. */
function figureOf(m: Model, i: number, at: string, c: Cell2, withInterval = false) {
  const p = (f: string) => `${i}/${at}${at ? '.' : ''}${f}`;
  m.counts.set(p('numerator'), c.num);
  if (c.den === null) {
    m.counts.set(p('value'), c.num);
    m.sums.push({ total: p('value'), parts: [p('numerator')] });
    return { value: c.num, numerator: c.num, denominator: null, interval: null };
  }
  m.counts.set(p('denominator'), c.den);
  const value = c.den > 0 ? c.num / c.den : null;
  if (value !== null) m.fns.push({ out: p('value'), ins: [p('numerator'), p('denominator')] });
  const interval = withInterval ? wilsonLike(c.num, c.den) : null;
  if (interval) m.fns.push({ out: p('interval'), ins: [p('numerator'), p('denominator')] });
  if (c.den >= 1 && c.den <= 4)
    m.smallBase.push(p('value'), p('numerator'), ...(interval ? [p('interval')] : []));
  return { value, numerator: c.num, denominator: c.den, interval };
}

const add = (a: Cell2, b: Cell2): Cell2 => ({
  num: a.num + b.num,
  den: a.den === null || b.den === null ? null : a.den + b.den,
});

/** A measure by LPA and month: breakdown, series, last year's comparison and SPC. */
function grid(
  m: Model,
  rng: Rng,
  id: string,
  ratio: boolean,
  lpas: number,
  kind: Kind = 'last_year',
): MeasureResult {
  const THEN = BEFORE[kind];
  const i = m.results.length;
  const cells = Array.from({ length: lpas }, () =>
    MONTHS.map((): Cell2 => {
      const den = smallCount(rng);
      return ratio ? { num: int(rng, 0, den), den } : { num: smallCount(rng), den: null };
    }),
  );
  const zero: Cell2 = { num: 0, den: ratio ? 0 : null };
  const over = (l: number | null, months: readonly string[]) =>
    months.reduce(
      (s, mo) =>
        add(
          s,
          (l === null
            ? cells.map((r) => r[MONTHS.indexOf(mo)] as Cell2)
            : [cells[l]?.[MONTHS.indexOf(mo)] as Cell2]
          ).reduce(add, zero),
        ),
      zero,
    );
  const top = figureOf(m, i, '', over(null, NOW), true);
  const then = over(null, THEN);
  const cmp = figureOf(m, i, 'comparisons.0', then);
  const abs = top.value !== null && cmp.value !== null ? top.value - cmp.value : null;
  const rel = abs !== null && cmp.value ? abs / (cmp.value as number) : null;
  const ins = (at: string) => [`${i}/${at}numerator`, ...(ratio ? [`${i}/${at}denominator`] : [])];
  if (abs !== null)
    m.fns.push({
      out: `${i}/comparisons.0.absoluteChange`,
      ins: [...ins(''), ...ins('comparisons.0.')],
    });
  if (rel !== null)
    m.fns.push({
      out: `${i}/comparisons.0.relativeChange`,
      ins: [...ins(''), ...ins('comparisons.0.')],
    });
  const breakdown = cells.map((_, l) => {
    const f = figureOf(m, i, `breakdown.${l}`, over(l, NOW), true);
    return { key: `L${l}`, label: `LPA ${l}`, ...f };
  });
  const series = MONTHS.map((mo, k) => ({
    period: mo,
    ...figureOf(m, i, `series.${k}`, over(null, [mo])),
  }));
  for (const side of ratio ? ['numerator', 'denominator'] : ['numerator', 'value']) {
    m.sums.push({
      total: `${i}/${side}`,
      parts: breakdown.map((_, l) => `${i}/breakdown.${l}.${side}`),
    });
    m.sums.push({
      total: `${i}/${side}`,
      parts: NOW.map((mo) => `${i}/series.${MONTHS.indexOf(mo)}.${side}`),
    });
    m.sums.push({
      total: `${i}/comparisons.0.${side}`,
      parts: THEN.map((mo) => `${i}/series.${MONTHS.indexOf(mo)}.${side}`),
    });
  }
  const ys = series.map((s) => s.value);
  const spc = ys.every((y) => y !== null)
    ? (() => {
        const mean = (ys as number[]).reduce((a, b) => a + b, 0) / ys.length;
        const pointIns = series.flatMap((_, k) => ins(`series.${k}.`));
        for (const f of ['mean', 'lpl', 'upl']) m.fns.push({ out: `${i}/spc.${f}`, ins: pointIns });
        series.forEach((_, k) => {
          m.fns.push({ out: `${i}/spc.points@${MONTHS[k]}.y`, ins: ins(`series.${k}.`) });
          for (const f of ['mean', 'lpl', 'upl'])
            m.fns.push({ out: `${i}/spc.points@${MONTHS[k]}.${f}`, ins: pointIns });
        });
        return {
          method: 'xmr_mdc' as const,
          methodLabel: 'XmR',
          mean,
          lpl: mean - 1,
          upl: mean + 1,
          variationIcon: 'common_cause' as const,
          assuranceIcon: null,
          shortGroupWarning: false,
          points: series.map((s) => ({
            period: s.period,
            y: s.value as number,
            mean,
            lpl: mean - 1,
            upl: mean + 1,
            specialCauseType: 'Common Cause' as const,
            pointType: 'common_cause' as const,
          })),
          rebases: [],
        };
      })()
    : null;
  const r = result({
    id,
    unit: ratio ? 'percent' : 'count',
    ...top,
    comparisons: [
      {
        kind,
        period: kind === 'last_year' ? '2020/21-Q1' : '2019/20-Q1',
        ...cmp,
        absoluteChange: abs,
        relativeChange: rel,
        significance: null,
      },
    ],
    breakdown,
    series,
    spc,
    warnings:
      ratio && top.denominator !== null && top.denominator < 5
        ? [`Small base: ${top.denominator} responses, below the minimum of 30; treat with caution.`]
        : [],
  });
  m.results.push(r);
  return r;
}

function outcomeTable(m: Model, rng: Rng): void {
  const i = m.results.length;
  const rows = Array.from({ length: int(rng, 2, 7) }, (_, k) => ({
    k,
    now: smallCount(rng),
    then: smallCount(rng),
  }));
  const total = rows.reduce((s, r) => s + r.now, 0);
  const totalThen = rows.reduce((s, r) => s + r.then, 0);
  m.counts.set(`${i}/value`, total).set(`${i}/numerator`, total);
  m.counts
    .set(`${i}/comparisons.0.value`, totalThen)
    .set(`${i}/comparisons.0.numerator`, totalThen);
  m.sums.push({ total: `${i}/value`, parts: [`${i}/numerator`] });
  m.sums.push({ total: `${i}/comparisons.0.value`, parts: [`${i}/comparisons.0.numerator`] });
  m.sums.push({ total: `${i}/value`, parts: rows.map((r) => `${i}/table.rows.${r.k}.count`) });
  m.sums.push({
    total: `${i}/comparisons.0.value`,
    parts: rows.map((r) => `${i}/table.rows.${r.k}.count_two_years_ago`),
  });
  m.fns.push({
    out: `${i}/comparisons.0.absoluteChange`,
    ins: [`${i}/value`, `${i}/comparisons.0.value`],
  });
  for (const r of rows) {
    m.counts
      .set(`${i}/table.rows.${r.k}.count`, r.now)
      .set(`${i}/table.rows.${r.k}.count_two_years_ago`, r.then);
    if (total > 0)
      m.fns.push({
        out: `${i}/table.rows.${r.k}.share`,
        ins: [`${i}/table.rows.${r.k}.count`, `${i}/value`],
      });
    if (totalThen > 0)
      m.fns.push({
        out: `${i}/table.rows.${r.k}.share_two_years_ago`,
        ins: [`${i}/table.rows.${r.k}.count_two_years_ago`, `${i}/comparisons.0.value`],
      });
  }
  m.results.push(
    result({
      id: 'outcomes_table',
      unit: 'count',
      value: total,
      numerator: total,
      comparisons: [
        {
          kind: 'two_years_ago',
          period: '2019/20-Q1',
          value: totalThen,
          numerator: totalThen,
          denominator: null,
          absoluteChange: total - totalThen,
          relativeChange: null,
          significance: null,
        },
      ],
      table: {
        kind: 'outcomes',
        rows: rows.map((r) => ({
          outcome_type: String(r.k + 1),
          outcome: `Outcome ${r.k + 1}`,
          group: 'other',
          count: r.now,
          share: total > 0 ? r.now / total : null,
          count_two_years_ago: r.then,
          share_two_years_ago: totalThen > 0 ? r.then / totalThen : null,
        })),
      },
    }),
  );
}

function ageProfile(m: Model, rng: Rng): void {
  const i = m.results.length;
  const bands = Array.from({ length: 6 }, () => smallCount(rng));
  const total = bands.reduce((a, b) => a + b, 0);
  const violence = int(rng, 0, total);
  const rows = [
    ...bands.map((n, k) => ({ age_band: `Band ${k + 1}`, crimes: n })),
    { age_band: 'All open investigations', crimes: total },
    { age_band: 'of which violence or stalking and harassment', crimes: violence },
  ];
  m.counts.set(`${i}/value`, total).set(`${i}/numerator`, total);
  m.sums.push({ total: `${i}/value`, parts: [`${i}/numerator`] });
  m.sums.push({ total: `${i}/value`, parts: [`${i}/table.rows.6.crimes`] });
  m.sums.push({
    total: `${i}/table.rows.6.crimes`,
    parts: bands.map((_, k) => `${i}/table.rows.${k}.crimes`),
  });
  rows.forEach((r, k) => {
    m.counts.set(`${i}/table.rows.${k}.crimes`, r.crimes);
    if (total > 0)
      m.fns.push({
        out: `${i}/table.rows.${k}.share`,
        ins: [`${i}/table.rows.${k}.crimes`, `${i}/table.rows.6.crimes`],
      });
  });
  m.results.push(
    result({
      id: 'open_investigations',
      unit: 'count',
      value: total,
      numerator: total,
      table: {
        kind: 'age_profile',
        rows: rows.map((r) => ({ ...r, share: total > 0 ? r.crimes / total : null })),
      },
    }),
  );
}

/** Crime groups (each a result) that add up to crime_total, and the crime table over them. */
function crimeTable(m: Model, rng: Rng): void {
  const groups = int(rng, 2, 4);
  const first = m.results.length;
  const results = Array.from({ length: groups }, (_, g) =>
    grid(m, rng, `crime_g${g}`, false, 1, 'two_years_ago'),
  );
  // crime_total: the same months summed over the groups.
  const ti = m.results.length;
  const sumOf = (f: (r: MeasureResult) => number | null) =>
    results.reduce((s, r) => s + (f(r) ?? 0), 0);
  const series = MONTHS.map((mo, k) => {
    const v = sumOf((r) => r.series[k]?.value ?? 0);
    return { period: mo, value: v, numerator: v, denominator: null };
  });
  const value = sumOf((r) => r.value);
  const then = sumOf((r) => r.comparisons[0]?.value ?? null);
  for (const [k, p] of series.entries()) {
    m.counts.set(`${ti}/series.${k}.value`, p.value).set(`${ti}/series.${k}.numerator`, p.value);
    m.sums.push({ total: `${ti}/series.${k}.value`, parts: [`${ti}/series.${k}.numerator`] });
    m.sums.push({
      total: `${ti}/series.${k}.value`,
      parts: results.map((_, g) => `${first + g}/series.${k}.value`),
    });
  }
  m.counts.set(`${ti}/value`, value).set(`${ti}/numerator`, value);
  m.counts.set(`${ti}/comparisons.0.value`, then).set(`${ti}/comparisons.0.numerator`, then);
  m.sums.push({ total: `${ti}/value`, parts: [`${ti}/numerator`] });
  m.sums.push({ total: `${ti}/comparisons.0.value`, parts: [`${ti}/comparisons.0.numerator`] });
  m.sums.push({ total: `${ti}/value`, parts: results.map((_, g) => `${first + g}/value`) });
  m.sums.push({
    total: `${ti}/comparisons.0.value`,
    parts: results.map((_, g) => `${first + g}/comparisons.0.value`),
  });
  m.sums.push({
    total: `${ti}/value`,
    parts: NOW.map((mo) => `${ti}/series.${MONTHS.indexOf(mo)}.value`),
  });
  m.sums.push({
    total: `${ti}/comparisons.0.value`,
    parts: BEFORE.two_years_ago.map((mo) => `${ti}/series.${MONTHS.indexOf(mo)}.value`),
  });
  m.results.push(
    result({
      id: 'crime_total',
      unit: 'count',
      value,
      numerator: value,
      comparisons: [
        {
          kind: 'two_years_ago',
          period: '2019/20-Q1',
          value: then,
          numerator: then,
          denominator: null,
          absoluteChange: value - then,
          relativeChange: null,
          significance: null,
        },
      ],
      series,
    }),
  );
  m.fns.push({
    out: `${ti}/comparisons.0.absoluteChange`,
    ins: [`${ti}/value`, `${ti}/comparisons.0.value`],
  });
  const ci = m.results.length;
  const all = [...results, m.results[ti] as MeasureResult];
  const rows = all.map((r, k) => {
    const outcomes = smallCount(rng);
    const at = int(rng, 0, outcomes);
    const ri = k < groups ? first + k : ti;
    m.counts
      .set(`${ci}/table.rows.${k}.count`, r.value as number)
      .set(`${ci}/table.rows.${k}.count_two_years_ago`, r.comparisons[0]?.value as number);
    m.counts.set(`${ci}/table.rows.${k}.outcomes`, outcomes);
    m.sums.push({ total: `${ci}/table.rows.${k}.count`, parts: [`${ri}/value`] });
    m.sums.push({
      total: `${ci}/table.rows.${k}.count_two_years_ago`,
      parts: [`${ri}/comparisons.0.value`],
    });
    m.fns.push({
      out: `${ci}/table.rows.${k}.change_two_years`,
      ins: [`${ci}/table.rows.${k}.count`, `${ci}/table.rows.${k}.count_two_years_ago`],
    });
    if (outcomes > 0) {
      m.hidden.set(`${ci}/#action_taken.${k}`, at);
      m.fns.push({
        out: `${ci}/table.rows.${k}.action_taken_rate`,
        ins: [`${ci}/#action_taken.${k}`, `${ci}/table.rows.${k}.outcomes`],
      });
      if (outcomes <= 4) m.smallBase.push(`${ci}/table.rows.${k}.action_taken_rate`);
    }
    return {
      id: r.id,
      crime_group: r.id,
      count: r.value,
      count_two_years_ago: r.comparisons[0]?.value ?? null,
      change_two_years: null,
      ytd_change: null,
      lower_limit: null,
      upper_limit: null,
      last_month_signal: null,
      outcomes,
      action_taken_rate: outcomes > 0 ? at / outcomes : null,
      oc16_rate: null,
    };
  });
  m.sums.push({
    total: `${ci}/table.rows.${groups}.count`,
    parts: results.map((_, k) => `${ci}/table.rows.${k}.count`),
  });
  m.results.push(
    result({
      id: 'crime_table',
      unit: 'count',
      value: value,
      table: { kind: 'crime_groups', rows },
    }),
  );
  m.counts.set(`${ci}/value`, value);
  m.sums.push({ total: `${ci}/value`, parts: [`${ti}/value`] });
}

/** One output's worth of results, every kind of relation in it. */
export function factSet(seed: number): Model {
  const rng = seeded(seed);
  const m = newModel();
  grid(m, rng, 'count_by_lpa', false, int(rng, 2, 5));
  grid(m, rng, 'rate_by_lpa', true, int(rng, 2, 5));
  outcomeTable(m, rng);
  ageProfile(m, rng);
  crimeTable(m, rng);
  return m;
}

/** The value an output prints at an id (undefined for a hidden count). */
export function printed(out: readonly unknown[], id: string): unknown {
  const slash = id.indexOf('/');
  const path = id.slice(slash + 1);
  if (path.startsWith('#')) return undefined;
  let x: unknown = out[Number(id.slice(0, slash))];
  for (const k of path === '' ? [] : path.split('.')) {
    if (x === null || typeof x !== 'object') return undefined;
    // `points@YYYY-MM`: an SPC point by its month (withheld points are left out of the chart).
    const [key, month] = k.split('@') as [string, string | undefined];
    x = (x as Record<string, unknown>)[key];
    if (month !== undefined)
      x = (x as { period: string }[] | undefined)?.find((p) => p.period === month) ?? null;
  }
  return x;
}

/**
 * The attacker: starts from what the output prints and works every relation with exactly one
 * unknown (a sum: the missing part or total; a function: its one unknown input, given its
 * output) until nothing changes. Returns the counts it recovered that the output withholds.
 */
export function recover(m: Model, out: readonly unknown[]): string[] {
  const known = new Set<string>();
  const ids = new Set([
    ...m.counts.keys(),
    ...m.hidden.keys(),
    ...m.sums.flatMap((s) => [s.total, ...s.parts]),
    ...m.fns.flatMap((f) => [f.out, ...f.ins]),
  ]);
  for (const id of ids) {
    const v = printed(out, id);
    if (v !== null && v !== undefined) known.add(id);
  }
  const initially = new Set(known);
  for (let changed = true; changed;) {
    changed = false;
    for (const s of m.sums) {
      const unknown = [s.total, ...s.parts].filter((x) => !known.has(x));
      if (unknown.length === 1) {
        known.add(unknown[0] as string);
        changed = true;
      }
    }
    for (const f of m.fns) {
      if (!known.has(f.out)) continue;
      const unknown = f.ins.filter((x) => !known.has(x));
      if (unknown.length === 1) {
        known.add(unknown[0] as string);
        changed = true;
      }
    }
  }
  const counts = new Map([...m.counts, ...m.hidden]);
  return [...known].filter((id) => {
    if (initially.has(id) || !counts.has(id)) return false;
    const v = counts.get(id) as number;
    // A withheld count recovered; a hidden count recovered only matters when it is 1–4.
    return m.hidden.has(id) ? v >= 1 && v <= 4 : true;
  });
}

/** Every count field the output prints with a value of 1–4 (walking the model's counts). */
export function smallCountsPrinted(m: Model, out: readonly unknown[]): string[] {
  return [...m.counts.keys()].filter((id) => {
    const v = printed(out, id);
    return typeof v === 'number' && v >= 1 && v <= 4;
  });
}

const COUNT_KEYS = new Set([
  'numerator',
  'denominator',
  'count',
  'count_two_years_ago',
  'crimes',
  'outcomes',
  'people',
  'interviews',
]);

/**
 * A walk of the whole output JSON: any number under a count-named key (and `value`/`y` in a
 * count measure, and anything under `rowCounts`) that is 1–4.
 */
export function smallCountsAnywhere(out: readonly unknown[]): string[] {
  const found: string[] = [];
  const walk = (x: unknown, path: string, countUnit: boolean, underRowCounts: boolean) => {
    if (Array.isArray(x)) x.forEach((v, k) => walk(v, `${path}.${k}`, countUnit, underRowCounts));
    else if (x !== null && typeof x === 'object')
      for (const [k, v] of Object.entries(x)) {
        const isCount =
          COUNT_KEYS.has(k) || underRowCounts || (countUnit && (k === 'value' || k === 'y'));
        if (typeof v === 'number' && isCount && v >= 1 && v <= 4) found.push(`${path}.${k}`);
        else walk(v, `${path}.${k}`, countUnit, underRowCounts || k === 'rowCounts');
      }
  };
  out.forEach((r, i) => walk(r, String(i), (r as MeasureResult).unit === 'count', false));
  return found;
}

/**
 * The control: primary suppression only (every count of 1–4 nulled, nothing else), as a naive
 * implementation would do it. With `derived`, figures computed from a nulled count go too,
 * but still no complementary cells.
 */
export function naiveSuppress(m: Model, derived = false): MeasureResult[] {
  const out = structuredClone(m.results);
  const nulled = new Set<string>();
  const setNull = (id: string) => {
    const slash = id.indexOf('/');
    const keys = id.slice(slash + 1).split('.');
    const x = printed(out, `${id.slice(0, slash)}/${keys.slice(0, -1).join('.')}`) as Record<
      string,
      unknown
    > | null;
    const last = keys.at(-1) as string;
    if (x && last in x) x[last] = null;
    nulled.add(id);
  };
  for (const [id, v] of [...m.counts, ...m.hidden]) if (v >= 1 && v <= 4) nulled.add(id);
  for (const id of nulled) if (!id.includes('#')) setNull(id);
  if (derived) for (const f of m.fns) if (f.ins.some((x) => nulled.has(x))) setNull(f.out);
  return out;
}

/**
 * The attacker with bounds: "fewer than 5" is 1–4, a count withheld for a small base 0–4, any
 * other withheld count 5 or more; bounds are propagated over the sums (integers) until they
 * settle. Returns the withheld counts pinned to a single value.
 */
export function pinned(
  m: Model,
  out: readonly { disclosure: { suppressed: Record<string, string> } }[],
): string[] {
  const reason = (id: string) => {
    const slash = id.indexOf('/');
    return out[Number(id.slice(0, slash))]?.disclosure.suppressed[id.slice(slash + 1)];
  };
  const bounds = new Map<string, [number, number]>();
  const get = (id: string): [number, number] => {
    const b = bounds.get(id);
    if (b) return b;
    const v = printed(out, id);
    const r = reason(id);
    const x: [number, number] =
      typeof v === 'number'
        ? [v, v]
        : r === 'fewer_than_5'
          ? [1, 4]
          : r === 'small_base'
            ? [0, 4]
            : [0, Infinity];
    if (r === 'complementary') x[0] = 5;
    bounds.set(id, x);
    return x;
  };
  const sums = m.sums.filter((s) => [s.total, ...s.parts].every((id) => !id.includes('#')));
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    for (const s of sums) {
      const [tl, th] = get(s.total);
      const parts = s.parts.map(get);
      const lo = parts.reduce((a, p) => a + p[0], 0);
      const hi = parts.reduce((a, p) => a + p[1], 0);
      const tighten = (id: string, l: number, h: number) => {
        const [cl, ch] = get(id);
        const n: [number, number] = [Math.max(cl, Math.ceil(l)), Math.min(ch, Math.floor(h))];
        if (n[0] !== cl || n[1] !== ch) {
          bounds.set(id, n);
          changed = true;
        }
      };
      tighten(s.total, lo, hi);
      s.parts.forEach((id, k) => {
        const [pl, ph] = parts[k] as [number, number];
        tighten(id, tl - (hi - ph), th - (lo - pl));
      });
    }
  }
  return [...bounds]
    .filter(([id, [l, h]]) => l === h && printed(out, id) === null && m.counts.has(id))
    .map(([id]) => id);
}

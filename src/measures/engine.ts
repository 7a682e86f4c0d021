import type { FactsStore } from '../facts/store.ts';
import { evaluate, type DataCoverage } from './evaluate.ts';
import { catalogue, findMeasure } from './load-catalogue.ts';
import { parsePeriod } from './period.ts';
import type { MeasureResult } from './result.ts';
import type { Measure } from './definition.ts';

import type { RecordInputs } from './evaluate/records.ts';

export type { DataCoverage } from './evaluate.ts';
export type { FindingsRegister, RecordInputs, RegisterFinding } from './evaluate/records.ts';

/** The engine's front door: what the CLI, the report and (later) the web app call. */
export interface Scorecard {
  readonly period: string;
  readonly lpa: string | null;
  /** The months the data covers, overall and per fact table. */
  readonly coverage: DataCoverage;
  readonly measures: MeasureResult[];
}

/**
 * Rebases recorded by the analyst (kept in the records store), by measure id: each
 * starts a new XmR group at its month, on top of any the catalogue declares. The legacy-limit
 * method has no groups and ignores them (`spc rebase` refuses such a measure).
 */
export type RecordedRebases = Readonly<
  Record<string, readonly NonNullable<Measure['spc']>['rebases'][number][]>
>;

/** The catalogue with the recorded rebases applied to each measure's SPC settings. */
function withRebases(
  measures: readonly Measure[],
  rebases: RecordedRebases | undefined,
): Measure[] {
  if (!rebases) return [...measures];
  return measures.map((m) => {
    const extra = rebases[m.id];
    if (!m.spc || !extra || extra.length === 0) return m;
    const months = new Set(extra.map((r) => r.period));
    const kept = m.spc.rebases.filter((r) => !months.has(r.period));
    const all = [...kept, ...extra].sort((a, b) => a.period.localeCompare(b.period));
    return { ...m, spc: { ...m.spc, rebases: all } };
  });
}

/**
 * One measure. A period wholly outside the data is refused (PERIOD_NOT_COVERED, naming the
 * months the data covers); a window the measure's own data does not cover gives status no_data.
 */
export async function evaluateMeasure(
  store: FactsStore,
  id: string,
  opts: {
    period: string;
    lpa?: string | null;
    cache?: boolean;
    aggregates?: boolean;
    rebases?: RecordedRebases;
    /** The records behind measures over records (e.g. recommendations_open); none: not read. */
    records?: RecordInputs;
  },
): Promise<MeasureResult> {
  const [m] = withRebases([findMeasure(id)], opts.rebases) as [Measure];
  const { results } = await evaluate(store, [m], withRebases(catalogue(), opts.rebases), {
    period: parsePeriod(opts.period),
    lpa: opts.lpa ?? null,
    cache: opts.cache ?? true,
    ...(opts.aggregates === false ? { aggregates: false } : {}),
    ...(opts.records ? { records: opts.records } : {}),
  });
  return results[0] as MeasureResult;
}

/** Every gold measure, evaluated together so each fact table is scanned once. */
export async function evaluateScorecard(
  store: FactsStore,
  opts: {
    period: string;
    lpa?: string | null;
    tiers?: readonly string[];
    cache?: boolean;
    aggregates?: boolean;
    rebases?: RecordedRebases;
    /** The records behind measures over records (e.g. recommendations_open); none: not read. */
    records?: RecordInputs;
  },
): Promise<Scorecard> {
  const period = parsePeriod(opts.period);
  const tiers = opts.tiers ?? ['gold'];
  const all = withRebases(catalogue(), opts.rebases);
  const measures = all.filter((m) => tiers.includes(m.tier));
  const { results, coverage } = await evaluate(store, measures, all, {
    period,
    lpa: opts.lpa ?? null,
    cache: opts.cache ?? true,
    ...(opts.aggregates === false ? { aggregates: false } : {}),
    ...(opts.records ? { records: opts.records } : {}),
  });
  return { period: period.label, lpa: opts.lpa ?? null, coverage, measures: results };
}

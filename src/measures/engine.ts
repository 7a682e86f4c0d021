import type { FactsStore } from '../facts/store.ts';
import { evaluate, type DataCoverage } from './evaluate.ts';
import { catalogue, findMeasure } from './load-catalogue.ts';
import { parsePeriod } from './period.ts';
import type { MeasureResult } from './result.ts';

export type { DataCoverage } from './evaluate.ts';

/** The engine's front door: what the CLI, the report and (later) the web app call. */
export interface Scorecard {
  readonly period: string;
  readonly lpa: string | null;
  /** The months the data covers, overall and per fact table. */
  readonly coverage: DataCoverage;
  readonly measures: MeasureResult[];
}

/**
 * One measure. A period wholly outside the data is refused (PERIOD_NOT_COVERED, naming the
 * months the data covers); a window the measure's own data does not cover gives status no_data.
 */
export async function evaluateMeasure(
  store: FactsStore,
  id: string,
  opts: { period: string; lpa?: string | null; cache?: boolean },
): Promise<MeasureResult> {
  const m = findMeasure(id);
  const { results } = await evaluate(store, [m], catalogue(), {
    period: parsePeriod(opts.period),
    lpa: opts.lpa ?? null,
    cache: opts.cache ?? true,
  });
  return results[0] as MeasureResult;
}

/** Every gold measure, evaluated together so each fact table is scanned once. */
export async function evaluateScorecard(
  store: FactsStore,
  opts: { period: string; lpa?: string | null; tiers?: readonly string[]; cache?: boolean },
): Promise<Scorecard> {
  const period = parsePeriod(opts.period);
  const tiers = opts.tiers ?? ['gold'];
  const measures = catalogue().filter((m) => tiers.includes(m.tier));
  const { results, coverage } = await evaluate(store, measures, catalogue(), {
    period,
    lpa: opts.lpa ?? null,
    cache: opts.cache ?? true,
  });
  return { period: period.label, lpa: opts.lpa ?? null, coverage, measures: results };
}

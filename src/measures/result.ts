import { z } from 'zod';

/**
 * The MeasureResult contract: what `measure --json` and `scorecard --json` print and every view
 * reads. Percentages are fractions between 0 and 1.
 */
export const Unit = z.enum(['count', 'percent', 'rate', 'days', 'mean']);
export const Tier = z.enum(['gold', 'silver', 'bronze']);
export const Polarity = z.enum([
  'higher_is_better',
  'lower_is_better',
  'increased_reporting_is_good',
  'neutral',
]);

export const Interval = z.object({
  lower: z.number(),
  upper: z.number(),
  method: z.literal('wilson'),
  level: z.number(),
});

export const Significance = z.object({
  test: z.enum(['two_proportion_z', 'overlap_adjusted_z']),
  z: z.number(),
  p: z.number(),
  significant: z.boolean(),
  normalApproxOk: z.boolean(),
});

export const Comparison = z.object({
  kind: z.enum(['previous', 'last_year', 'two_years_ago']),
  period: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  absoluteChange: z.number().nullable(),
  relativeChange: z.number().nullable(),
  significance: Significance.nullable(),
});

export const Target = z.object({
  description: z.string(),
  value: z.number().nullable(),
  band: z.tuple([z.number(), z.number()]).nullable(),
  direction: z.enum(['at_least', 'at_most', 'within', 'reduce_by', 'none']),
  /** For reductions on a baseline: the baseline period and its value. */
  baseline: z.object({ period: z.string(), value: z.number().nullable() }).nullable(),
});

/** The months some data covers, as "YYYY-MM" (null when there is none) and in words. */
export const Coverage = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  label: z.string(),
  window: z.enum(['full', 'partial', 'none']),
  /** Months of the value window that the data covers, of all its months. */
  coveredMonths: z.number().int(),
  windowMonths: z.number().int(),
});

export const Status = z.enum(['met', 'not_met', 'near', 'no_target', 'no_data']);

export const SpcSummary = z.object({
  method: z.enum(['xmr_mdc', 'legacy_2sd']),
  methodLabel: z.string(),
  mean: z.number().nullable(),
  lpl: z.number().nullable(),
  upl: z.number().nullable(),
  variationIcon: z.string(),
  assuranceIcon: z.string().nullable(),
  shortGroupWarning: z.boolean(),
  points: z.array(
    z.object({
      period: z.string(),
      y: z.number(),
      mean: z.number().nullable(),
      lpl: z.number().nullable(),
      upl: z.number().nullable(),
      specialCauseType: z.string(),
      pointType: z.string(),
    }),
  ),
  rebases: z.array(
    z.object({ period: z.string(), reason: z.string(), approvedBy: z.string(), date: z.string() }),
  ),
});

export const SeriesPoint = z.object({
  period: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
});

export const BreakdownRow = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  interval: Interval.nullable(),
});

/** Extra rows for table-shaped measures (outcomes table, crime table, age profile …). */
export const TableRow = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

export const MeasureResult = z.object({
  id: z.string(),
  title: z.string(),
  tier: Tier,
  area: z.string(),
  unit: Unit,
  polarity: Polarity,
  definition: z.string(),
  period: z.object({ label: z.string(), kind: z.string(), start: z.string(), end: z.string() }),
  /** The window the value is measured over (e.g. rolling 6 months to the period's end). */
  window: z.object({ label: z.string(), start: z.string(), end: z.string() }),
  lpa: z.string().nullable(),
  /**
   * The level the figure is counted at: 'force' for a force-wide figure (shown as such in an
   * LPA view, where `lpa` is then null), 'lpa' for one counted by local policing area. Always
   * set by the engine; optional for hand-built results.
   */
  scope: z.enum(['force', 'lpa']).optional(),
  /**
   * The months the measure's source data covers and how much of the value window they cover:
   * 'full', 'partial' (the value is over the covered months only and no target status is
   * judged) or 'none' (no value, status no_data). Always set by the engine.
   */
  coverage: Coverage.optional(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  interval: Interval.nullable(),
  target: Target.nullable(),
  status: Status,
  comparisons: z.array(Comparison),
  spc: SpcSummary.nullable(),
  breakdown: z.array(BreakdownRow),
  series: z.array(SeriesPoint),
  table: z.array(TableRow).nullable(),
  warnings: z.array(z.string()),
  source: z.object({
    kind: z.enum(['facts', 'return', 'records']),
    return: z
      .object({ source: z.string(), submittedBy: z.string(), submittedAt: z.string().nullable() })
      .nullable(),
  }),
  freshness: z.object({
    tables: z.array(z.string()),
    latestRecord: z.string().nullable(),
    lastImport: z.string().nullable(),
  }),
  lineage: z.object({
    sql: z.array(
      z.object({
        purpose: z.string(),
        sql: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      }),
    ),
    rowCounts: z.record(z.string(), z.number()),
  }),
});
export type MeasureResult = z.infer<typeof MeasureResult>;
export type Comparison = z.infer<typeof Comparison>;
export type SpcSummary = z.infer<typeof SpcSummary>;
export type Target = z.infer<typeof Target>;
export type Status = z.infer<typeof Status>;
export type Coverage = z.infer<typeof Coverage>;
export type BreakdownRow = z.infer<typeof BreakdownRow>;
export type SeriesPoint = z.infer<typeof SeriesPoint>;

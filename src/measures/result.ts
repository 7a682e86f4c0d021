import { z } from 'zod';
import { CATALOGUE, type MeasureId } from './catalogue/index.ts';
import { Polarity, Tier, Unit, type Family, type PhraseDef } from './definition.ts';
import { ASSURANCE_ICONS, POINT_TYPES } from '../stats/spc-icons.ts';
import { SPECIAL_CAUSE_TYPES } from '../stats/spc-rules.ts';

/**
 * The MeasureResult contract: what `measure --json` and `scorecard --json` print and every view
 * reads. Percentages are fractions between 0 and 1.
 */
// The unit, tier and polarity enums live with the measure definition (no import cycle with the
// catalogue); the contract re-exports them.
export { Polarity, Tier, Unit };

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

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/**
 * The months a value is measured over, as data: no view parses a label. `kind` says how they
 * relate to the period asked for: the period itself (month, quarter, year, rolling, ytd), the
 * measure's own rolling window or year to date, or a point in time (the end of `last`).
 */
export const WindowKind = z.enum(['month', 'quarter', 'year', 'rolling', 'ytd', 'point_in_time']);
export const WindowSpan = z.object({ kind: WindowKind, first: Month, last: Month });

export const Comparison = z.object({
  kind: z.enum(['previous', 'last_year', 'two_years_ago']),
  period: z.string(),
  /** The comparison's months (the value window shifted). Always set by the engine. */
  window: WindowSpan.optional(),
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

/**
 * Target status. The engine sets the first five; `withheld` is set only by disclosure control
 * (src/present/disclosure.ts) when the value is withheld, because "met" beside a withheld rate
 * over a base of three would tell what the rate is.
 */
export const Status = z.enum(['met', 'not_met', 'near', 'no_target', 'no_data', 'withheld']);

export const SpcSummary = z.object({
  method: z.enum(['xmr_mdc', 'legacy_2sd']),
  methodLabel: z.string(),
  mean: z.number().nullable(),
  lpl: z.number().nullable(),
  upl: z.number().nullable(),
  variationIcon: z.enum(POINT_TYPES),
  assuranceIcon: z.enum(ASSURANCE_ICONS).nullable(),
  shortGroupWarning: z.boolean(),
  points: z.array(
    z.object({
      period: z.string(),
      y: z.number(),
      mean: z.number().nullable(),
      lpl: z.number().nullable(),
      upl: z.number().nullable(),
      specialCauseType: z.enum(SPECIAL_CAUSE_TYPES),
      pointType: z.enum(POINT_TYPES),
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

// --- table-shaped results ---------------------------------------------------------------------
// One schema per kind of table the engine makes, with named, typed columns: views switch on
// `kind`, never guess a column. Row field names are the JSON the CLI prints. Every number may be
// null: the engine writes null for "not computable", disclosure control for "withheld".
const Num = z.number().nullable();

/** Outcomes assigned by outcome type, now and two years earlier (`outcomes_table_all|_da`). */
export const OutcomesRow = z
  .object({
    outcome_type: z.string(),
    outcome: z.string(),
    /** The outcome's report group (`action_taken`, …). */
    group: z.string(),
    count: Num,
    share: Num,
    count_two_years_ago: Num,
    share_two_years_ago: Num,
  })
  .strict();

/** One row per crime group (`crime_table`): the group's result with outcomes assigned. */
export const CrimeGroupRow = z
  .object({
    id: z.string(),
    crime_group: z.string(),
    count: Num,
    count_two_years_ago: Num,
    change_two_years: Num,
    ytd_change: Num,
    lower_limit: Num,
    upper_limit: Num,
    last_month_signal: z.string().nullable(),
    outcomes: Num,
    action_taken_rate: Num,
    oc16_rate: Num,
  })
  .strict();

/** Open investigations by age band, then the "All …" and "of which …" rows. */
export const AgeProfileRow = z.object({ age_band: z.string(), crimes: Num, share: Num }).strict();

/** High-harm nominals by role, offence band and domestic-abuse link (latest month). */
export const HighHarmRow = z.object({ group: z.string(), people: Num, share: Num }).strict();

/** Outcome 16 by VAWG crime group (the groups overlap). */
export const VawgRow = z
  .object({
    crime_group: z.string(),
    recorded: Num,
    outcomes: Num,
    outcome_16: Num,
    outcome_16_share: Num,
  })
  .strict();

/** Interviews per survey against its quarterly target. */
export const SurveyInterviewsRow = z
  .object({
    survey: z.string(),
    interviews: Num,
    quarterly_target: Num,
    target_met: z.boolean().nullable(),
  })
  .strict();

/** A proportion by group, each group tested against the rest (victims' or respondents' groups). */
export const GroupBreakdownRow = z
  .object({
    /** The vocabulary `group` is read in (`ethnicity`, `age_band`, …). */
    dimension: z.string(),
    group: z.string(),
    numerator: Num,
    denominator: Num,
    value: Num,
    lower: Num,
    upper: Num,
    rest_value: Num,
    z_vs_rest: Num,
    p_vs_rest: Num,
    significant: z.boolean().nullable(),
  })
  .strict();

/** The National Crime and Policing Measures: last 12 months against 2019/20. */
export const NationalRow = z
  .object({
    measure: z.string(),
    lead: z.string(),
    unit: z.enum(['count', 'percent']),
    last_12_months: Num,
    baseline_2019_20: Num,
    change: Num,
    direction: z.enum(['↑', '↓', '↔']),
    spc_signal: z.string(),
  })
  .strict();

/**
 * Open inspection findings (recommendations, areas for improvement, causes of concern) by age at
 * the end of the window, from the records store's register, then the "All open findings" row.
 */
export const OpenFindingsRow = z
  .object({
    age_band: z.string(),
    open: Num,
    share: Num,
    /** Of those, findings addressed nationally (scope national), not to the force alone. */
    national_scope: Num,
  })
  .strict();

const tableOf = <K extends string, R extends z.ZodTypeAny>(kind: K, row: R) =>
  z.object({ kind: z.literal(kind), rows: z.array(row) }).strict();

/** A table-shaped result: its kind and its rows. */
export const ResultTable = z.discriminatedUnion('kind', [
  tableOf('outcomes', OutcomesRow),
  tableOf('crime_groups', CrimeGroupRow),
  tableOf('age_profile', AgeProfileRow),
  tableOf('high_harm_nominals', HighHarmRow),
  tableOf('vawg', VawgRow),
  tableOf('survey_interviews', SurveyInterviewsRow),
  tableOf('group_breakdown', GroupBreakdownRow),
  tableOf('national', NationalRow),
  tableOf('open_findings', OpenFindingsRow),
]);
export type ResultTable = z.infer<typeof ResultTable>;
export type TableKind = ResultTable['kind'];
/** The rows of a table of one kind. */
export type RowsOf<K extends TableKind> = Extract<ResultTable, { kind: K }>['rows'];
export type OutcomesRow = z.infer<typeof OutcomesRow>;
export type CrimeGroupRow = z.infer<typeof CrimeGroupRow>;
export type AgeProfileRow = z.infer<typeof AgeProfileRow>;
export type GroupBreakdownRow = z.infer<typeof GroupBreakdownRow>;
export type NationalRow = z.infer<typeof NationalRow>;
export type OpenFindingsRow = z.infer<typeof OpenFindingsRow>;

/** The rows of a result's table when it is of `kind`, else none. */
export function rowsOf<K extends TableKind>(
  table: ResultTable | null | undefined,
  kind: K,
): RowsOf<K> {
  return (table?.kind === kind ? table.rows : []) as RowsOf<K>;
}

/** How many rows a result's table has (0 without one). */
export const tableSize = (table: ResultTable | null | undefined): number => table?.rows.length ?? 0;

export const MeasureResult = z.object({
  id: z.string(),
  title: z.string(),
  tier: Tier,
  area: z.string(),
  unit: Unit,
  polarity: Polarity,
  definition: z.string(),
  period: z.object({ label: z.string(), kind: z.string(), start: z.string(), end: z.string() }),
  /**
   * The window the value is measured over (e.g. rolling 6 months to the period's end): a label to
   * show, its dates (start inclusive, end exclusive) and, always set by the engine (optional for
   * hand-built results), its kind and first and last months.
   */
  window: z.object({
    label: z.string(),
    start: z.string(),
    end: z.string(),
    kind: WindowKind.optional(),
    first: Month.optional(),
    last: Month.optional(),
  }),
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
  table: ResultTable.nullable(),
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
export type WindowKind = z.infer<typeof WindowKind>;
export type WindowSpan = z.infer<typeof WindowSpan>;

export type { Family, MeasureId, PhraseDef };

/** What the catalogue says about a measure, for views: its title, tier, family and phrase. */
export interface MeasureFacts {
  readonly id: MeasureId;
  readonly title: string;
  readonly tier: z.infer<typeof Tier>;
  readonly family: Family | null;
  readonly phrase: PhraseDef | null;
}

const FACTS: ReadonlyMap<string, MeasureFacts> = new Map(
  CATALOGUE.map((m) => [
    m.id,
    {
      id: m.id,
      title: m.title,
      tier: m.tier,
      family: ('family' in m ? m.family : undefined) ?? null,
      phrase: ('phrase' in m ? m.phrase : undefined) ?? null,
    },
  ]),
);

/**
 * The catalogue's facts about a measure, by id (null for an id outside the catalogue): views
 * read a measure's title, tier, family and phrase here, from the one place they are declared,
 * including for a measure with no result (a "not available" line).
 */
export function measureFacts(id: string): MeasureFacts | null {
  return FACTS.get(id) ?? null;
}

import { z } from 'zod';
import { Polarity, Tier, Unit } from './result.ts';

/**
 * What a measure is, as plain data. The catalogue files declare these; `loadCatalogue` validates
 * them all at once and reports every problem with its path (`crime.oc16_rate.target.value`).
 * SQL is never written here: filters are structured data that `compile.ts` turns into SQL.
 */

/** A condition on a fact source's columns. */
export type Filter =
  | { readonly col: string; readonly eq: string | boolean | number }
  | { readonly col: string; readonly in: readonly string[] }
  | { readonly col: string; readonly notIn: readonly string[] }
  | { readonly col: string; readonly isNull: boolean }
  | { readonly all: readonly Filter[] }
  | { readonly any: readonly Filter[] }
  | { readonly not: Filter };

export const FilterSchema: z.ZodType<Filter> = z.lazy(() =>
  z.union([
    z.strictObject({
      col: z.string().regex(/^[a-z_][a-z0-9_]*$/),
      eq: z.union([z.string(), z.boolean(), z.number()]),
    }),
    z.strictObject({ col: z.string().regex(/^[a-z_][a-z0-9_]*$/), in: z.array(z.string()).min(1) }),
    z.strictObject({
      col: z.string().regex(/^[a-z_][a-z0-9_]*$/),
      notIn: z.array(z.string()).min(1),
    }),
    z.strictObject({ col: z.string().regex(/^[a-z_][a-z0-9_]*$/), isNull: z.boolean() }),
    z.strictObject({ all: z.array(FilterSchema).min(1) }),
    z.strictObject({ any: z.array(FilterSchema).min(1) }),
    z.strictObject({ not: FilterSchema }),
  ]),
);

/** Fact sources the compiler knows (each a FROM clause with a date, an LPA and named columns). */
export const SourceName = z.enum([
  'crimes',
  'outcomes',
  'incidents',
  'calls',
  'survey',
  'referrals',
  'victims_code_audits',
  'cdi_audits',
  'casualties',
  'arrests',
  'victims',
]);
export type SourceName = z.infer<typeof SourceName>;

/** Rows of a source counted in a month (optionally only those matching a filter), or a column summed. */
export const CountSide = z.strictObject({
  source: SourceName,
  where: FilterSchema.optional(),
  sum: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
});
export type CountSide = z.infer<typeof CountSide>;

export const Compute = z.discriminatedUnion('kind', [
  /** A count of rows per month. */
  z.strictObject({ kind: z.literal('count'), count: CountSide }),
  /** numerator ÷ denominator, each a monthly count (percent or rate). */
  z.strictObject({ kind: z.literal('ratio'), numerator: CountSide, denominator: CountSide }),
  /** % of survey answers to one question that are positive (excluding the answers listed as excluded). */
  z.strictObject({
    kind: z.literal('survey'),
    surveys: z.array(z.string()).min(1),
    question: z.string(),
    positive: z.array(z.string()).min(1),
    excluded: z.array(z.string()).default([]),
  }),
  /** Computations that are not a count per month, each compiled by name. */
  z.strictObject({
    kind: z.literal('special'),
    name: z.enum([
      'repeat_victims_all',
      'repeat_victims_da',
      'high_harm_nominals',
      'open_investigations',
      'unresourced_incidents',
      'outcomes_table_all',
      'outcomes_table_da',
      'national_measures',
      'crime_table',
      'vawg_oc16',
      'survey_interviews',
    ]),
  }),
  /** A periodic manual return: the value arrives signed, not computed. */
  z.strictObject({ kind: z.literal('return') }),
  /** Computed over the records store (inspections, plan …). */
  z.strictObject({ kind: z.literal('records'), name: z.string() }),
]);
export type Compute = z.infer<typeof Compute>;

/** The window a value is measured over, relative to the period asked for. */
export const Window = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('period') }),
  z.strictObject({ kind: z.literal('rolling'), months: z.number().int().min(1).max(36) }),
  z.strictObject({ kind: z.literal('ytd') }),
  z.strictObject({ kind: z.literal('point_in_time') }),
]);
export type Window = z.infer<typeof Window>;

export const TargetDef = z.strictObject({
  description: z.string().min(1),
  direction: z.enum(['at_least', 'at_most', 'within', 'reduce_by', 'none']),
  value: z.number().optional(),
  band: z.tuple([z.number(), z.number()]).optional(),
  /** Amber band for at_least/at_most (e.g. VAL referrals 15–20% when good is 20–30%). */
  nearBand: z.tuple([z.number(), z.number()]).optional(),
  /** For reduce_by: the baseline financial year, same months (e.g. 2019/20). */
  baselineYear: z
    .string()
    .regex(/^\d{4}\/\d{2}$/)
    .optional(),
});
export type TargetDef = z.infer<typeof TargetDef>;

export const SpcDef = z.strictObject({
  method: z.enum(['xmr_mdc', 'legacy_2sd']).default('xmr_mdc'),
  /** Months charted, ending with the period's last month. */
  months: z.number().int().min(12).max(60).default(36),
  improvement: z.enum(['increase', 'decrease', 'neutral']).optional(),
  /** Legacy limits: the baseline financial year and which SD. */
  baselineYear: z
    .string()
    .regex(/^\d{4}\/\d{2}$/)
    .optional(),
  sd: z.enum(['sample', 'population']).default('sample'),
  rebases: z
    .array(
      z.strictObject({
        period: z.string().regex(/^\d{4}-\d{2}$/),
        reason: z.string().min(1),
        approvedBy: z.string().min(1),
        date: z.string(),
      }),
    )
    .default([]),
});

export const MeasureDef = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_]+$/, 'must be snake_case'),
    title: z.string().min(1),
    tier: Tier,
    area: z.string().min(1),
    unit: Unit,
    /** Rates are per this many (e.g. 1 for a plain ratio); percentages are fractions 0–1. */
    polarity: Polarity,
    definition: z.string().min(10),
    compute: Compute,
    window: Window.default({ kind: 'period' }),
    comparisons: z
      .array(z.enum(['previous', 'last_year', 'two_years_ago']))
      .default(['previous', 'last_year', 'two_years_ago']),
    target: TargetDef.nullable().default(null),
    /** lpa: by local policing area; respondent: perception-survey respondents' age band, disability, ethnicity and neighbourhood; victim: audited victims' sex, age band and ethnicity, each group tested against the rest. */
    breakdowns: z.array(z.enum(['lpa', 'respondent', 'victim'])).default(['lpa']),
    /**
     * The level the figure is counted at. 'force': only for the whole force (no LPA in the data,
     * or the count is of people across areas); an LPA view shows the force figure marked
     * force-wide. 'lpa': counted for each local policing area and for the force.
     */
    scope: z.enum(['lpa', 'force']).default('lpa'),
    minimumBase: z.number().int().min(0).optional(),
    /** Quarterly interview target of the survey (a warning on every figure of that survey when missed). */
    surveyTarget: z.number().int().min(1).optional(),
    spc: SpcDef.nullable().default({ method: 'xmr_mdc', months: 36, sd: 'sample', rebases: [] }),
    nationalFramework: z.string().optional(),
    owner: z.string().min(1),
    seed: z.string().optional(),
  })
  .superRefine((m, ctx) => {
    const t = m.target;
    if (t?.direction === 'within' && !t.band)
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'band'],
        message: 'a "within" target needs a band',
      });
    if ((t?.direction === 'at_least' || t?.direction === 'at_most') && t.value === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'value'],
        message: `an "${t.direction}" target needs a value`,
      });
    if (t?.direction === 'reduce_by' && (t.value === undefined || !t.baselineYear))
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: 'a "reduce_by" target needs a value and a baselineYear',
      });
    if (m.unit === 'percent' && t?.value !== undefined && (t.value < 0 || t.value > 1))
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'value'],
        message: 'percentages are fractions between 0 and 1',
      });
    if (m.scope === 'force' && m.breakdowns.includes('lpa'))
      ctx.addIssue({
        code: 'custom',
        path: ['breakdowns'],
        message: 'a force-wide measure has no breakdown by local policing area',
      });
    if (m.spc?.method === 'legacy_2sd' && !m.spc.baselineYear)
      ctx.addIssue({
        code: 'custom',
        path: ['spc', 'baselineYear'],
        message: 'legacy limits need a baseline financial year',
      });
  });

/** What a catalogue file declares (before defaults). */
export type MeasureInput = z.input<typeof MeasureDef>;
/** A validated measure, defaults applied. */
export type Measure = z.output<typeof MeasureDef>;

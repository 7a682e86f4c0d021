import { z } from 'zod';
import { SCORECARD_CRIME_GROUPS } from '../facts/reference/offence-subgroups.ts';
import { SURVEYS } from '../facts/tables.ts';
import type { ColumnName, Filter } from './vocabulary.ts';

/**
 * What a measure is, as plain data. The catalogue files declare these; `loadCatalogue` validates
 * them all at once and reports every problem with its path (`crime.oc16_rate.target.value`).
 * SQL is never written here: filters are structured data that `compile.ts` turns into SQL.
 */

export type { Filter } from './vocabulary.ts';

const COLUMN = z.string().regex(/^[a-z_][a-z0-9_]*$/);

/**
 * The shape of a filter, checked at run time. Its values are typed by their columns'
 * vocabularies at compile time (`Filter`, vocabulary.ts) and checked against them at run time by
 * `loadCatalogue`, so the schema is declared as producing a `Filter`.
 */
export const FilterSchema = z.lazy(() =>
  z.union([
    z.strictObject({ col: COLUMN, eq: z.union([z.string(), z.boolean(), z.number()]) }),
    z.strictObject({ col: COLUMN, in: z.array(z.string()).min(1) }),
    z.strictObject({ col: COLUMN, notIn: z.array(z.string()).min(1) }),
    z.strictObject({ col: COLUMN, isNull: z.boolean() }),
    z.strictObject({ all: z.array(FilterSchema).min(1) }),
    z.strictObject({ any: z.array(FilterSchema).min(1) }),
    z.strictObject({ not: FilterSchema }),
  ]),
) as unknown as z.ZodType<Filter, Filter>;

export const Unit = z.enum(['count', 'percent', 'rate', 'days', 'mean']);
export const Tier = z.enum(['gold', 'silver', 'bronze']);
export const Polarity = z.enum([
  'higher_is_better',
  'lower_is_better',
  'increased_reporting_is_good',
  'neutral',
]);

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
  sum: (COLUMN as unknown as z.ZodType<ColumnName, ColumnName>).optional(),
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
    surveys: z.array(z.enum(SURVEYS)).min(1),
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

/** How key points name a measure in a sentence (report/key-points.ts); all optional. */
export const PhraseDef = z.strictObject({
  /** The grammatical subject ("Burglary victim satisfaction", "Outcome 16"); default: the title. */
  subject: z.string().min(1).optional(),
  /** The subject is plural ("were"); 'as_title': when the title reads as plural (a family's titles vary). */
  plural: z.union([z.boolean(), z.literal('as_title')]).optional(),
  /** For shares: what the denominator counts, singular and plural. */
  base: z.tuple([z.string(), z.string()]).optional(),
  /** "of-the": "36% of the 19,170 outcomes assigned"; "x-of-n" (default): "82% (994 of 1,208 …)". */
  baseStyle: z.enum(['of-the', 'x-of-n']).optional(),
  /** For counts: what is counted, singular and plural ("crime", "crimes"). */
  noun: z.tuple([z.string(), z.string()]).optional(),
});
export type PhraseDef = z.infer<typeof PhraseDef>;

/**
 * Families of measures built alike, declared by each member (never found from an id's prefix):
 * the report lays a family out together (the crime table's rows, the priorities table …).
 */
export const Family = z.enum([
  'satisfaction',
  'satisfaction_stage',
  'domestic_abuse_service',
  'perception',
  'victims_code',
  'recorded_characteristic',
  'calls',
  'outcome_rate',
  'victim_linked',
  'recorded_crime',
  'priority',
  'workforce',
]);
export type Family = z.infer<typeof Family>;

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
    phrase: PhraseDef.optional(),
    family: Family.optional(),
    /** Measures this one is built from (the crime table from its rows): evaluated with it, in this order. */
    dependsOn: z.array(z.string()).default([]),
    /** A crime-table row that is one scorecard crime group: which (its outcomes are matched by it). */
    crimeGroup: z.enum(SCORECARD_CRIME_GROUPS).optional(),
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

/** A catalogue entry whose id is a literal type, so `MeasureId` can be derived from the catalogue. */
export type MeasureEntry<I extends string = string> = MeasureInput & { readonly id: I };
/** Declares a catalogue entry, keeping its id as a literal type. */
export const measure = <const I extends string>(m: MeasureEntry<I>): MeasureEntry<I> => m;

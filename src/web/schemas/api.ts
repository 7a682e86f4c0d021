import { z } from 'zod';
import { MeasureResult } from '../../measures/result.ts';

/**
 * The JSON API's requests and responses as zod schemas: the routes validate with them and
 * /api/v1/openapi.json is generated from them (z.toJSONSchema), so the document cannot drift
 * from what the API does. The measure result is the engine's own contract (src/measures/result.ts).
 */

/** The named schemas: components of the OpenAPI document, referred to by `$ref`. */
export const apiSchemas = z.registry<{ id: string }>();

const Period = z
  .string()
  .min(1)
  .max(40)
  .describe('A period: 2021-06, 2021/22-Q1, 2021/22, 12m-to-2021-06 or ytd-to-2021-06.');
const Lpa = z
  .string()
  .min(1)
  .max(120)
  .describe('One local policing area (omit for the whole force).');

export const ScorecardQuery = z.object({ period: Period, lpa: Lpa.optional() }).strict();
export const MeasureParams = z
  .object({ id: z.string().min(1).max(80).describe('A measure id, e.g. oc16_rate.') })
  .strict();
export const MeasureQuery = ScorecardQuery;
export const PublicScorecardQuery = z
  .object({
    period: Period.optional().describe(
      'A period (2021/22-Q1, 2021-06, …); the latest complete quarter when omitted.',
    ),
  })
  .strict();
export const ImportParams = z
  .object({
    table: z.string().min(1).max(60).describe('A table of the import format, e.g. crimes.'),
  })
  .strict();
export const NoQuery = z.object({}).strict();

export const DataCoverage = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    label: z.string(),
    tables: z.record(z.string(), z.object({ from: z.string(), to: z.string() }).nullable()),
  })
  .register(apiSchemas, { id: 'DataCoverage' });

export const ApiMeasureResult = MeasureResult.clone().register(apiSchemas, { id: 'MeasureResult' });

export const Disclosure = z
  .object({
    edition: z.literal('public'),
    suppressed: z.record(
      z.string(),
      z.enum(['fewer_than_5', 'complementary', 'small_base', 'derived']),
    ),
  })
  .describe('What disclosure control withheld: each withheld field (now null) by its dotted path.')
  .register(apiSchemas, { id: 'Disclosure' });

export const PublicMeasureResult = MeasureResult.extend({ disclosure: Disclosure }).register(
  apiSchemas,
  {
    id: 'PublicMeasureResult',
  },
);

/** Exactly what `bluelamp scorecard --json` prints. */
export const Scorecard = z
  .object({
    period: z.string(),
    lpa: z.string().nullable(),
    coverage: DataCoverage,
    measures: z.array(ApiMeasureResult),
  })
  .register(apiSchemas, { id: 'Scorecard' });

/** The same shape, every result disclosure-controlled (panel tokens and the public API). */
export const PublicScorecard = z
  .object({
    period: z.string(),
    lpa: z.string().nullable(),
    coverage: DataCoverage,
    measures: z.array(PublicMeasureResult),
  })
  .register(apiSchemas, { id: 'PublicScorecard' });

/** Exactly what `bluelamp status --json` prints. */
export const Status = z
  .object({
    dataDir: z.string(),
    tables: z.array(
      z.object({
        table: z.string(),
        rows: z.number(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        batches: z.number(),
        lastImport: z.string().nullable(),
      }),
    ),
    batches: z.array(
      z.object({
        batchId: z.string(),
        table: z.string(),
        files: z.array(z.string()),
        rows: z.number(),
        importedAt: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
      }),
    ),
    lastImport: z.string().nullable(),
    coverage: z.array(
      z.object({
        source: z.string(),
        table: z.string(),
        force: z.string().nullable(),
        from: z.string(),
        to: z.string(),
        months: z.number(),
        gaps: z.array(z.string()),
      }),
    ),
  })
  .register(apiSchemas, { id: 'Status' });

/** What an import wrote: one batch per table (data.police.uk files may fill several tables). */
export const ImportBatches = z
  .object({
    batches: z.array(
      z.object({
        table: z.string(),
        batchId: z.string(),
        rows: z.number(),
        replacedRows: z.number(),
      }),
    ),
  })
  .register(apiSchemas, { id: 'ImportBatches' });

export const ApiError = z
  .object({ code: z.string(), message: z.string(), hint: z.string().optional() })
  .register(apiSchemas, { id: 'Error' });

/** 422: every problem found (up to the importer's limit) and how many there are in all. */
export const ValidationReport = z
  .object({
    code: z.literal('VALIDATION_FAILED'),
    message: z.string(),
    hint: z.string().optional(),
    issues: z.array(
      z.object({
        file: z.string(),
        line: z.number().nullable(),
        column: z.string(),
        value: z.string().nullable(),
        rule: z.string(),
      }),
    ),
    issueCount: z.number(),
  })
  .register(apiSchemas, { id: 'ValidationReport' });

export type ScorecardQuery = z.infer<typeof ScorecardQuery>;
export type PublicScorecardQuery = z.infer<typeof PublicScorecardQuery>;
export type PublicScorecard = z.infer<typeof PublicScorecard>;
export type ValidationReport = z.infer<typeof ValidationReport>;

import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { storeStatus } from '../../facts/status.ts';
import { BluelampError, isBluelampError } from '../../lib/errors.ts';
import type { MeasureResult } from '../../measures/result.ts';
import { suppressForPublic } from '../../present/disclosure.ts';
import { seesSuppressedOnly } from '../permissions.ts';
import type { RequestContext } from '../route.ts';
import { publicPeriod, suppressedScorecard } from '../models/public.ts';
import {
  ApiError,
  ApiMeasureResult,
  ImportBatches,
  ImportParams,
  MeasureParams,
  MeasureQuery,
  NoQuery,
  PublicMeasureResult,
  PublicScorecard,
  PublicScorecardQuery,
  Scorecard,
  ScorecardQuery,
  Status,
  ValidationReport,
} from '../schemas/api.ts';
import { apiRoute, type ApiOperation } from './define.ts';
import { openApiDocument } from './openapi.ts';
import { operations as findingsOps } from './v1-findings.ts';
import { operations as responsesOps } from './v1-responses.ts';
import { operations as planOps } from './v1-plan.ts';
import { operations as meetingsOps } from './v1-meetings.ts';
import { operations as panelOps } from './v1-panel.ts';
import { operations as tasksOps } from './v1-tasks.ts';

const err = (description: string) => ({ description, schema: ApiError });
const COMMON = {
  400: err('A parameter is not valid (e.g. the period).'),
  401: err('No valid bearer token.'),
  403: err("The token's role does not allow this."),
  404: err(
    'Not found: an unknown measure, a period outside the data, or an area outside your scope.',
  ),
};

/** The area a request is for: the one asked (the core has refused any outside scope), or a scoped user's first. */
function areaOf(ctx: RequestContext, asked: string | undefined): string | null {
  return asked ?? ctx.lpaScope?.[0] ?? null;
}

/**
 * A scoped user's view of a result: the LPA breakdown keeps only their areas (the engine lists
 * every area beside the one asked for). Unscoped users get the result exactly as the CLI prints it.
 */
function scoped<T extends MeasureResult>(r: T, scope: readonly string[] | null): T {
  if (!scope) return r;
  return { ...r, breakdown: r.breakdown.filter((b) => scope.includes(b.key)) };
}

async function scorecardAnswer(ctx: RequestContext, q: ScorecardQuery) {
  const lpa = areaOf(ctx, q.lpa);
  if (seesSuppressedOnly(ctx.user)) {
    const card = await suppressedScorecard(ctx.deps, { period: q.period, lpa, publicOnly: false });
    return ctx.lpaScope
      ? { ...card, measures: card.measures.map((r) => scoped(r, ctx.lpaScope)) }
      : card;
  }
  const card = await ctx.deps.engine.scorecard({ period: q.period, lpa });
  return ctx.lpaScope
    ? { ...card, measures: card.measures.map((r) => scoped(r, ctx.lpaScope)) }
    : card;
}

async function measureAnswer(ctx: RequestContext, id: string, q: ScorecardQuery) {
  const lpa = areaOf(ctx, q.lpa);
  const r = await ctx.deps.engine.measure(id, { period: q.period, lpa });
  if (!seesSuppressedOnly(ctx.user)) return scoped(r, ctx.lpaScope);
  // A gold measure is cut from the same suppressed scorecard a panel member also reads, so the
  // two answers cannot be set against each other; other measures are suppressed on their own.
  const card = await suppressedScorecard(ctx.deps, { period: q.period, lpa, publicOnly: false });
  const same = card.measures.find((m) => m.id === r.id);
  return scoped(same ?? (suppressForPublic([r])[0] as MeasureResult), ctx.lpaScope);
}

/** Saves an upload (multipart files, or a raw text/csv body) in a temp folder for the importer. */
async function saveUpload(ctx: RequestContext, table: string, dir: string): Promise<string[]> {
  const files: string[] = [];
  const req = ctx.req;
  if (req.isMultipart()) {
    let k = 0;
    for await (const part of req.files()) {
      k++;
      const name = basename(part.filename || `${table}-${k}.csv`).replace(/[^A-Za-z0-9._-]+/g, '_');
      const path = join(dir, `${k}`, name);
      mkdirSync(join(dir, `${k}`), { recursive: true });
      await pipeline(part.file, createWriteStream(path));
      if (part.file.truncated)
        throw new BluelampError('BAD_INPUT', `The file ${name} is too large.`, {
          hint: 'Import it with the command line (bluelamp import) instead.',
        });
      files.push(path);
    }
  } else if (Buffer.isBuffer(req.body) && req.body.length > 0) {
    const path = join(dir, `${table}.csv`);
    await pipeline(Readable.from([req.body]), createWriteStream(path));
    files.push(path);
  }
  if (files.length === 0)
    throw new BluelampError('BAD_INPUT', 'The request has no file to import.', {
      hint: 'Send the file as multipart/form-data, or as the body with Content-Type: text/csv.',
    });
  return files;
}

async function importAnswer(ctx: RequestContext, table: string) {
  const { imports } = ctx.deps;
  if (!imports.tables.includes(table))
    throw new BluelampError('UNKNOWN_TABLE', `There is no table "${table}".`, {
      hint: `Tables: ${imports.tables.join(', ')}.`,
    });
  if (!imports.writable)
    throw new BluelampError(
      'READ_ONLY',
      'This service cannot import: it reads a published copy of the facts.',
      {
        hint: 'Import where the data directory is (bluelamp import), then publish the facts again.',
      },
    );
  const dir = mkdtempSync(join(tmpdir(), 'bluelamp-api-import-'));
  try {
    const files = await saveUpload(ctx, table, dir);
    const batches = await imports.run(table, files, () => undefined);
    await ctx.deps.facts.refresh();
    await ctx.deps.records.audit.append(
      {
        action: 'import',
        subject: `table:${table}`,
        details: { batches: batches.length, rows: batches.reduce((n, b) => n + b.rows, 0) },
      },
      { userId: ctx.user?.id ?? null, via: 'api' },
    );
    return { status: 201, body: { batches } };
  } catch (e) {
    if (isBluelampError(e) && e.code === 'VALIDATION_FAILED') {
      const body: ValidationReport = {
        code: 'VALIDATION_FAILED',
        message: e.message,
        ...(e.hint ? { hint: e.hint } : {}),
        // The uploaded file's own name, never the temp folder it was saved in.
        issues: e.issues.map((i) => ({
          file: basename(i.file),
          line: i.line,
          column: i.column,
          value: i.value,
          rule: i.rule,
        })),
        issueCount: e.issueCount,
      };
      return { status: 422, body };
    }
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every operation of /api/v1: the route table's API rows and the OpenAPI document both come from here. */
export const operations: ApiOperation[] = [
  {
    method: 'GET',
    url: '/api/v1/scorecard',
    access: 'view_scorecard',
    operationId: 'getScorecard',
    summary: 'The gold scorecard: exactly what `bluelamp scorecard --json` prints.',
    description:
      'Panel members get every figure after disclosure control (counts of 1 to 4 and what would reveal them withheld, with a `disclosure` map). A user limited to some areas gets only their areas in each LPA breakdown; without `lpa`, their first area.',
    query: ScorecardQuery,
    responses: {
      200: { description: 'The scorecard.', schema: z.union([Scorecard, PublicScorecard]) },
      ...COMMON,
    },
    example: { url: '/api/v1/scorecard?period=2021/22-Q4' },
    handler: async (ctx, { query }) => ({
      status: 200,
      body: await scorecardAnswer(ctx, query as ScorecardQuery),
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/measures/:id',
    access: 'view_measure',
    operationId: 'getMeasure',
    summary: "One measure's full result: exactly what `bluelamp measure ID --json` prints.",
    params: MeasureParams,
    query: MeasureQuery,
    responses: {
      200: {
        description: 'The measure result.',
        schema: z.union([ApiMeasureResult, PublicMeasureResult]),
      },
      ...COMMON,
    },
    example: { url: '/api/v1/measures/crime_total?period=2021/22-Q4' },
    handler: async (ctx, { params, query }) => ({
      status: 200,
      body: await measureAnswer(ctx, (params as { id: string }).id, query as ScorecardQuery),
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/status',
    access: 'view_data',
    operationId: 'getStatus',
    summary: 'What is loaded: exactly what `bluelamp status --json` prints.',
    query: NoQuery,
    responses: { 200: { description: 'The facts store status.', schema: Status }, ...COMMON },
    example: { url: '/api/v1/status' },
    handler: async (ctx) => {
      const { store } = await ctx.deps.facts.current();
      // Through JSON, as the CLI prints it (dates become strings, undefined fields go).
      const s = JSON.parse(
        JSON.stringify({ dataDir: ctx.deps.dataDir, ...(await storeStatus(store)) }),
      );
      return { status: 200, body: s };
    },
  },
  {
    method: 'POST',
    url: '/api/v1/imports/:table',
    access: 'import_data',
    operationId: 'importTable',
    summary: 'Imports a file into a table, as `bluelamp import TABLE FILE` does: all rows or none.',
    description:
      'Send the file as multipart/form-data (one or more files), or as the body with Content-Type: text/csv. The import runs in the request; a file that breaks a rule is refused with the full validation report.',
    params: ImportParams,
    query: NoQuery,
    multipart: true,
    body: { description: 'The file to import.', contentTypes: ['multipart/form-data', 'text/csv'] },
    responses: {
      201: { description: 'Imported: the batches written.', schema: ImportBatches },
      422: {
        description: 'Refused: every problem found, nothing written.',
        schema: ValidationReport,
      },
      ...COMMON,
      404: err('There is no such table.'),
      503: err('This process serves a read-only copy of the facts.'),
    },
    example: { url: '/api/v1/imports/crimes' },
    handler: async (ctx, { params }) => importAnswer(ctx, (params as { table: string }).table),
  },
  {
    method: 'GET',
    url: '/api/v1/public/scorecard',
    access: 'public',
    operationId: 'getPublicScorecard',
    summary:
      'The published measures, after disclosure control: the same shape as `scorecard --json`.',
    description:
      'No token needed. Whole force only; a period is one of the published quarters (the latest when omitted). Counts of 1 to 4 are withheld ("fewer than 5"), and so is anything that would let them be worked out.',
    query: PublicScorecardQuery,
    responses: {
      200: { description: 'The public scorecard.', schema: PublicScorecard },
      400: COMMON[400],
      404: err('No published figures for that period.'),
    },
    example: { url: '/api/v1/public/scorecard' },
    handler: async (ctx, { query }) => {
      const period = await publicPeriod(ctx.deps, (query as { period?: string }).period);
      return {
        status: 200,
        body: await suppressedScorecard(ctx.deps, { period, lpa: null, publicOnly: true }),
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/openapi.json',
    access: 'public',
    operationId: 'getOpenApi',
    summary: 'This document: OpenAPI 3.1, generated from the schemas the API validates with.',
    query: NoQuery,
    responses: {
      200: { description: 'The OpenAPI document.', schema: z.record(z.string(), z.unknown()) },
    },
    example: { url: '/api/v1/openapi.json' },
    handler: async () => ({ status: 200, body: openApiDocument(allOperations()) }),
  },
];

/** Every operation of the API, for its document (the accountability modules register their own routes). */
function allOperations(): ApiOperation[] {
  return [
    ...operations,
    ...findingsOps,
    ...responsesOps,
    ...planOps,
    ...meetingsOps,
    ...panelOps,
    ...tasksOps,
  ];
}

export const routes = operations.map(apiRoute);

import { BluelampError } from '../../lib/errors.ts';
import { isMeasureId } from '../../measures/catalogue/index.ts';
import { measureFacts, type MeasureResult } from '../../measures/result.ts';
import { SUPPRESSION_NOTE } from '../../present/disclosure.ts';
import { formatPeriodLabel, goodLooksLikeText } from '../../present/format.ts';
import { boardValue } from '../../present/scorecard.ts';
import {
  breakdownSheet,
  safeFileName,
  seriesSheet,
  sheetFor,
  tableSheet,
} from '../downloads/data.ts';
import { sheetCsv } from '../downloads/csv.ts';
import { chartFile } from '../downloads/svg.ts';
import { workbook } from '../downloads/xlsx.ts';
import { dataSpan, queryString, readQuery, type PageQuery } from '../models/filters.ts';
import { can } from '../permissions.ts';
import { measureModel, windowText } from '../models/measure.ts';
import { audienceOf, shownMeasure } from '../models/shown.ts';
import { refuse } from '../refuse.ts';
import type { RequestContext, RouteDef } from '../route.ts';

const EXAMPLE_ID = 'oc16_rate';
/** Long enough for a board paragraph or two; a report prints it whole. */
const MAX_COMMENTARY = 5000;

/** The measure asked for, or a 404 page (an unknown id is not echoed back). */
function measureId(ctx: RequestContext): string {
  const id = (ctx.req.params as { id?: string }).id ?? '';
  if (!isMeasureId(id)) refuse(ctx.reply, false, 'not_found');
  return id;
}

/** The result a download is made from: the page's own query, or a 400 page for a bad one. */
async function downloadResult(ctx: RequestContext): Promise<{ r: MeasureResult; q: PageQuery }> {
  const id = measureId(ctx);
  const q = readQuery(ctx, await dataSpan(ctx.deps));
  const first = q.errors[0];
  if (first)
    throw new BluelampError(
      first.field === 'period' ? 'BAD_PERIOD' : 'BAD_INPUT',
      `${first.text}.`,
    );
  return { r: await shownMeasure(ctx, id, q), q };
}

function attachment(
  ctx: RequestContext,
  r: MeasureResult,
  q: PageQuery,
  ext: string,
  type: string,
) {
  const name = safeFileName([r.id, r.period.label, q.lpa ?? 'force'], ext);
  return ctx.reply
    .header('Content-Type', type)
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .header('X-Content-Type-Options', 'nosniff');
}

const dataKind = (ctx: RequestContext): string | undefined => {
  const v = (ctx.req.query as Record<string, unknown>).data;
  return typeof v === 'string' ? v : undefined;
};

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/measures/:id',
    access: 'view_measure',
    example: { url: `/measures/${EXAMPLE_ID}` },
    handler: async (ctx) => {
      const id = measureId(ctx);
      const data = await dataSpan(ctx.deps);
      const query = readQuery(ctx, data);
      const audience = audienceOf(ctx);
      const result = query.errors.length === 0 ? await shownMeasure(ctx, id, query) : null;
      const charts = result ? await ctx.deps.charts.forMeasure(result) : [];
      const commentary =
        result && !audience.suppressed
          ? ((await ctx.deps.records.commentary.entries(query.period, query.lpa))[id] ?? null)
          : null;
      const model = measureModel({
        result,
        id,
        title: result?.title ?? measureFacts(id)?.title ?? id,
        charts,
        wordsOf: ctx.deps.charts,
        data,
        query,
        scope: audience.scope,
        suppressed: audience.suppressed,
        commentary,
        canEditCommentary: can(ctx.user, 'edit_commentary'),
        canRaiseChallenge: can(ctx.user, 'manage_meetings'),
      });
      return ctx.render('measure.njk', model, query.errors.length ? 400 : 200);
    },
  },
  {
    // The period and area are in the action's query string, so the core refuses (404) a
    // scoped analyst writing for an area outside their scope, as for reading.
    method: 'POST',
    url: '/measures/:id/commentary',
    access: 'edit_commentary',
    example: {
      url: `/measures/${EXAMPLE_ID}/commentary?period=2021/22-Q1`,
      form: { text: 'Example commentary.' },
    },
    handler: async (ctx) => {
      const id = measureId(ctx);
      const q = readQuery(ctx, await dataSpan(ctx.deps));
      const first = q.errors[0];
      if (first)
        throw new BluelampError(
          first.field === 'period' ? 'BAD_PERIOD' : 'BAD_INPUT',
          `${first.text}.`,
        );
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      const text = typeof body.text === 'string' ? body.text.replace(/\r\n/g, '\n').trim() : '';
      if (text.length > MAX_COMMENTARY)
        throw new BluelampError(
          'BAD_INPUT',
          `Commentary must be ${MAX_COMMENTARY} characters or fewer.`,
        );
      const user = ctx.user as NonNullable<RequestContext['user']>;
      await ctx.deps.records.commentary.set(
        { period: q.period, lpa: q.lpa, key: id },
        text
          ? { text, author: user.displayName, updatedAt: ctx.deps.clock.now().toISOString() }
          : null,
        { userId: user.id, via: 'web' },
      );
      return ctx.redirect(`/measures/${encodeURIComponent(id)}${queryString(q)}#commentary`, {
        text: text ? 'Commentary saved.' : 'Commentary removed.',
        success: true,
      });
    },
  },
  {
    method: 'GET',
    url: '/measures/:id/download.csv',
    access: 'view_measure',
    example: { url: `/measures/${EXAMPLE_ID}/download.csv` },
    handler: async (ctx) => {
      const { r, q } = await downloadResult(ctx);
      const sheet = sheetFor(r, dataKind(ctx));
      return attachment(ctx, r, q, 'csv', 'text/csv; charset=utf-8').send(sheetCsv(sheet));
    },
  },
  {
    method: 'GET',
    url: '/measures/:id/download.xlsx',
    access: 'view_measure',
    example: { url: `/measures/${EXAMPLE_ID}/download.xlsx` },
    handler: async (ctx) => {
      const { r, q } = await downloadResult(ctx);
      const audience = audienceOf(ctx);
      const about: [string, string][] = [
        ['Measure', r.title],
        ['Measure ID', r.id],
        ['Period', formatPeriodLabel(r.period.label)],
        [
          'Area',
          q.lpa && r.scope === 'force' ? 'Whole force (force-wide)' : (r.lpa ?? 'Whole force'),
        ],
        ['Window', windowText(r)],
        ['Value', boardValue(r)],
        ['Good looks like', goodLooksLikeText(r)],
        ['Definition', r.definition],
        ...(audience.suppressed
          ? [['Disclosure control', SUPPRESSION_NOTE] as [string, string]]
          : []),
      ];
      const table = tableSheet(r);
      const sheets = [
        seriesSheet(r),
        ...(r.breakdown.length ? [breakdownSheet(r)] : []),
        ...(table ? [table] : []),
      ];
      const file = await workbook(about, sheets);
      return attachment(
        ctx,
        r,
        q,
        'xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ).send(file);
    },
  },
  {
    method: 'GET',
    url: '/measures/:id/download.svg',
    access: 'view_measure',
    example: { url: `/measures/${EXAMPLE_ID}/download.svg` },
    handler: async (ctx) => {
      const { r, q } = await downloadResult(ctx);
      const charts = await ctx.deps.charts.forMeasure(r);
      const asked = (ctx.req.query as Record<string, unknown>).chart;
      const chart = charts.find((c) => c.kind === asked) ?? charts[0];
      if (!chart) return refuse(ctx.reply, false, 'not_found');
      return attachment(ctx, r, q, 'svg', 'image/svg+xml; charset=utf-8').send(chartFile(chart));
    },
  },
];

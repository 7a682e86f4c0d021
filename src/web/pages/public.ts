import { createReadStream } from 'node:fs';
import { resolve, sep } from 'node:path';
import { SUPPRESSION_NOTE } from '../../present/disclosure.ts';
import { formatDate, formatPeriodLabel } from '../../present/format.ts';
import { isPublicMeasure } from '../../present/public-measures.ts';
import type { Publication } from '../../records/api.ts';
import { organisation } from '../layout-model.ts';
import { Refused } from '../refuse.ts';
import type { RequestContext, RouteDef } from '../route.ts';
import {
  publicMeasurePage,
  publicPeriod,
  publicQuarters,
  publicRows,
  quarterChoices,
  suppressedScorecard,
} from '../models/public.ts';

/**
 * The public transparency site (/public): no sign-in, and only disclosure-controlled figures —
 * every number on these pages comes from `suppressedScorecard(…, publicOnly)`, one output per
 * published quarter, whole force only.
 */
const periodAsked = (ctx: RequestContext): string | undefined => {
  const p = (ctx.req.query as Record<string, unknown>).period;
  return typeof p === 'string' ? p : undefined;
};

async function landing(ctx: RequestContext) {
  const period = await publicPeriod(ctx.deps, periodAsked(ctx));
  const card = await suppressedScorecard(ctx.deps, { period, lpa: null, publicOnly: true });
  return ctx.render('public.njk', {
    org: await organisation(ctx.deps),
    period,
    periodLabel: formatPeriodLabel(period),
    quarters: quarterChoices(await publicQuarters(ctx.deps), period),
    rows: publicRows(card),
    suppressionNote: SUPPRESSION_NOTE,
    coverage: card.coverage.label,
  });
}

async function measurePage(ctx: RequestContext) {
  const id = (ctx.req.params as { id: string }).id;
  if (!isPublicMeasure(id)) throw new Refused('not_found');
  const period = await publicPeriod(ctx.deps, periodAsked(ctx));
  const card = await suppressedScorecard(ctx.deps, { period, lpa: null, publicOnly: true });
  const r = card.measures.find((m) => m.id === id);
  if (!r) throw new Refused('not_found');
  const charts = await ctx.deps.charts.forMeasure(r);
  return ctx.render('public-measure.njk', {
    page: publicMeasurePage(r, card),
    charts,
    period,
    quarters: quarterChoices(await publicQuarters(ctx.deps), period),
    suppressionNote: SUPPRESSION_NOTE,
  });
}

/** Public report editions published for the public: nothing else is ever listed or sent. */
const isPublished = (p: Publication | null): p is Publication =>
  p !== null && p.public && p.edition === 'public';

async function reportsPage(ctx: RequestContext) {
  const list = (await ctx.deps.records.publications.list({ publicOnly: true }))
    .filter(isPublished)
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
  return ctx.render('public-reports.njk', {
    reports: list.map((p) => ({
      href: `/public/reports/${encodeURIComponent(p.id)}`,
      period: formatPeriodLabel(p.period),
      format: p.format.toUpperCase(),
      size: `${Math.max(1, Math.round(p.bytes / 1024)).toLocaleString('en-GB')} KB`,
      published: formatDate(p.publishedAt.toISOString().slice(0, 10)),
    })),
  });
}

async function download(ctx: RequestContext) {
  const id = (ctx.req.params as { id: string }).id;
  const p = await ctx.deps.records.publications.byId(id).catch(() => null);
  if (!isPublished(p)) throw new Refused('not_found');
  const root = resolve(ctx.deps.dataDir);
  const file = resolve(root, p.path);
  if (!file.startsWith(root + sep)) throw new Refused('not_found');
  const name = `bluelamp-public-${p.period.replace(/[^A-Za-z0-9]+/g, '-')}.${p.format}`;
  return ctx.reply
    .type(p.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .send(createReadStream(file));
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/public',
    access: 'public',
    example: { url: '/public' },
    handler: landing,
  },
  {
    method: 'GET',
    url: '/public/measures/:id',
    access: 'public',
    example: { url: '/public/measures/crime_total' },
    handler: measurePage,
  },
  {
    method: 'GET',
    url: '/public/reports',
    access: 'public',
    example: { url: '/public/reports' },
    handler: reportsPage,
  },
  {
    method: 'GET',
    url: '/public/reports/:id',
    access: 'public',
    example: { url: '/public/reports/none' },
    handler: download,
  },
];

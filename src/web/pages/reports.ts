import { createReadStream, existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { parsePeriod } from '../../measures/period.ts';
import { isBluelampError } from '../../lib/errors.ts';
import type { ReportEdition } from '../deps.ts';
import { dataSpan, defaultPeriod, periodGroups } from '../models/filters.ts';
import {
  downloadName,
  EDITIONS,
  editionRows,
  reportsModel,
  type EditionRow,
} from '../models/reports.ts';
import { can, seesSuppressedOnly } from '../permissions.ts';
import { refuse } from '../refuse.ts';
import type { RequestContext, RouteDef } from '../route.ts';

type FormError = { field: 'period' | 'edition'; text: string };

/** The editions this user may see: panel members (and anyone who sees suppressed numbers only) the public edition only. */
async function visibleRows(ctx: RequestContext): Promise<EditionRow[]> {
  const rows = editionRows(await ctx.deps.records.publications.list());
  return seesSuppressedOnly(ctx.user) ? rows.filter((r) => r.edition === 'public') : rows;
}

async function renderReports(
  ctx: RequestContext,
  form: { period: string; edition: string; pdf: boolean; error: FormError | null },
  status = 200,
) {
  const span = await dataSpan(ctx.deps);
  const period = form.period || defaultPeriod(span) || '';
  const groups = periodGroups(span, period).filter((g) => g.label !== 'Months');
  const canGenerate = can(ctx.user, 'generate_report');
  const pdfAvailable = ctx.deps.reports.pdfAvailable();
  return ctx.render(
    'reports.njk',
    {
      editions: reportsModel(await visibleRows(ctx), { canPublish: canGenerate }),
      panelOnly: seesSuppressedOnly(ctx.user),
      generate: canGenerate
        ? {
            periodGroups: groups,
            editions: EDITIONS.map((e) => ({
              value: e.value,
              text: e.text,
              hint: { text: e.hint },
              checked: e.value === (form.edition || 'board'),
            })),
            pdf: form.pdf,
            pdfAvailable,
            error: form.error,
            errorList: form.error ? [{ text: form.error.text, href: `#${form.error.field}` }] : [],
          }
        : null,
    },
    status,
  );
}

async function startReport(ctx: RequestContext) {
  const body = (ctx.req.body ?? {}) as Record<string, unknown>;
  const period = typeof body.period === 'string' ? body.period.trim() : '';
  const edition = typeof body.edition === 'string' ? body.edition : '';
  const pdf = body.pdf === 'yes';
  const again = (error: FormError) => renderReports(ctx, { period, edition, pdf, error }, 400);
  try {
    parsePeriod(period);
  } catch (e) {
    if (isBluelampError(e))
      return again({ field: 'period', text: 'Choose a period for the report' });
    throw e;
  }
  if (!EDITIONS.some((e) => e.value === edition))
    return again({ field: 'edition', text: 'Choose an edition' });
  const user = ctx.user as NonNullable<RequestContext['user']>;
  const actor = { userId: user.id, via: 'web' as const };
  const { deps } = ctx;
  const job = deps.jobs.start('report', user.id, async (control) => {
    const files = await deps.reports.generate(
      { period, edition: edition as ReportEdition, pdf: pdf && deps.reports.pdfAvailable() },
      (f, s) => control.progress(f, s),
    );
    // Every stored file is recorded (and so audited); none is public until someone publishes it.
    for (const f of files)
      await deps.records.publications.add(
        {
          period,
          edition: edition as ReportEdition,
          format: f.format,
          bytes: f.bytes,
          sha256: f.sha256,
          path: f.path,
          public: false,
        },
        actor,
      );
    return { resultUrl: '/reports' };
  });
  return ctx.redirect(`/jobs/${job.id}`);
}

/** The stored edition a request names, if this user may have it (else "not found"). */
async function editionFor(ctx: RequestContext): Promise<{ row: EditionRow; file: string }> {
  const { id } = ctx.req.params as { id: string };
  const row = (await visibleRows(ctx)).find((r) => r.id === id);
  const root = resolve(ctx.deps.dataDir);
  const file = row ? resolve(join(root, row.path)) : '';
  if (!row || !file.startsWith(root + sep) || !existsSync(file))
    throw refuse(ctx.reply, false, 'not_found');
  return { row, file };
}

const TYPES = { html: 'text/html; charset=utf-8', pdf: 'application/pdf' } as const;

async function sendEdition(ctx: RequestContext, inline: boolean) {
  const { row, file } = await editionFor(ctx);
  const reply = ctx.reply
    .type(TYPES[row.format])
    .header(
      'Content-Disposition',
      `${inline ? 'inline' : 'attachment'}; filename="${downloadName(row)}"`,
    )
    .header('X-Content-Type-Options', 'nosniff');
  // A report is one self-contained file with its own styles and no scripts: shown in the
  // browser it may use its inline styles, and nothing else (sandboxed, no script, no fetch).
  if (inline)
    reply.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox",
    );
  return reply.send(createReadStream(file));
}

async function publish(ctx: RequestContext) {
  const { row } = await editionFor(ctx);
  if (row.edition !== 'public') throw refuse(ctx.reply, false, 'not_found');
  if (row.publishedAt)
    return ctx.redirect('/reports', { text: 'That edition is already published.' });
  const pub = (await ctx.deps.records.publications.byId(row.id))!;
  await ctx.deps.records.publications.add(
    {
      period: pub.period,
      edition: 'public',
      format: pub.format,
      bytes: pub.bytes,
      sha256: pub.sha256,
      path: pub.path,
      public: true,
    },
    { userId: ctx.user?.id ?? null, via: 'web' },
  );
  return ctx.redirect('/reports', {
    text: 'The public edition is published: it is listed on the public site.',
    success: true,
  });
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/reports',
    access: 'view_reports',
    example: { url: '/reports' },
    handler: (ctx) => renderReports(ctx, { period: '', edition: '', pdf: false, error: null }),
  },
  {
    method: 'POST',
    url: '/reports',
    access: 'generate_report',
    example: { url: '/reports', form: { period: 'nonsense', edition: 'board' } },
    handler: startReport,
  },
  {
    method: 'GET',
    url: '/reports/:id/download',
    access: 'view_reports',
    example: { url: '/reports/999999/download' },
    handler: (ctx) => sendEdition(ctx, false),
  },
  {
    method: 'GET',
    url: '/reports/:id/view',
    access: 'view_reports',
    example: { url: '/reports/999999/view' },
    handler: (ctx) => sendEdition(ctx, true),
  },
  {
    method: 'POST',
    url: '/reports/:id/publish',
    access: 'generate_report',
    example: { url: '/reports/999999/publish', form: {} },
    handler: publish,
  },
];

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BluelampError, isBluelampError } from '../../lib/errors.ts';
import { parsePeriod } from '../../measures/period.ts';
import { formatPeriodLabel } from '../../present/format.ts';
import { londonDate } from '../../records/accountability/clock.ts';
import { METRIC_IDS, type MetricId } from '../../victims/compliance.ts';
import { complianceExport, exportCsv } from '../../victims/export.ts';
import {
  complianceFigures,
  withdrawalFigures,
  type ComplianceFigures,
  type WithdrawalFigures,
} from '../../victims/figures.ts';
import { victimsSettings } from '../../victims/rights.ts';
import { attritionCsv } from '../../victims/withdrawals-csv.ts';
import { safeFileName } from '../downloads/data.ts';
import { organisation } from '../layout-model.ts';
import { dataSpan, defaultPeriod, periodGroups, type DataSpan } from '../models/filters.ts';
import { compliancePage, metricChoices, withdrawalsPage } from '../models/victims-code.ts';
import {
  auditCsv,
  dateItems,
  FIELD_IDS,
  formChoices,
  importErrors,
  quarterOfDate,
  readAuditForm,
  type FieldErrors,
  type Fields,
} from '../models/victims-code-form.ts';
import { can } from '../permissions.ts';
import type { RequestContext, RouteDef } from '../route.ts';

/**
 * Victims' Code compliance (issue 10): the audit's compliance overall, by component and broken
 * down with disproportionality tests; not referred apart from referred late; the rights the force
 * cannot audit yet; the CSV the policing body reviews; a form to record an audited case (written
 * through the importer, as `bluelamp import` would); and why victims withdraw, beside outcome 16.
 * A scoped user sees, and records for, their own areas only.
 */

const EXAMPLE_PERIOD = '2021/22-Q1';
const PERIOD_ERROR =
  'Enter a period like 2021/22-Q1 (a quarter), 2021-06 (a month) or 2021/22 (a year)';

const one = (v: unknown): string =>
  Array.isArray(v) ? one(v[0]) : typeof v === 'string' ? v.trim() : '';

/** The period asked for (default: the latest complete quarter), or the message to show. */
function periodOf(ctx: RequestContext, data: DataSpan): { period: string; error: string | null } {
  const q = (ctx.req.query ?? {}) as Record<string, unknown>;
  const asked = one(q.period) || defaultPeriod(data) || EXAMPLE_PERIOD;
  try {
    return { period: parsePeriod(asked).label, error: null };
  } catch (e) {
    if (!isBluelampError(e)) throw e;
    return { period: asked, error: PERIOD_ERROR };
  }
}

function metricOf(ctx: RequestContext): MetricId | null {
  const m = one(((ctx.req.query ?? {}) as Record<string, unknown>).metric) || 'compliance';
  return (METRIC_IDS as readonly string[]).includes(m) ? (m as MetricId) : null;
}

const scopeKey = (ctx: RequestContext) => (ctx.lpaScope ? ctx.lpaScope.join('\u001f') : '');

function compliance(ctx: RequestContext, period: string): Promise<ComplianceFigures> {
  return ctx.deps.facts.use(({ store, dataVersion }) =>
    ctx.deps.results.getOrCompute(
      { dataVersion, kind: 'victims-code', period, lpa: scopeKey(ctx), edition: 'full' },
      () => complianceFigures(store, { period, lpas: ctx.lpaScope }),
    ),
  );
}

function withdrawals(ctx: RequestContext, period: string): Promise<WithdrawalFigures> {
  return ctx.deps.facts.use(({ store, dataVersion }) =>
    ctx.deps.results.getOrCompute(
      { dataVersion, kind: 'victims-withdrawals', period, lpa: scopeKey(ctx), edition: 'full' },
      () => withdrawalFigures(store, { period, lpas: ctx.lpaScope }),
    ),
  );
}

const notAuditable = async (ctx: RequestContext) =>
  victimsSettings(await ctx.deps.records.settings.get()).notAuditable;

async function compliancePageRoute(ctx: RequestContext) {
  const data = await dataSpan(ctx.deps);
  const { period, error } = periodOf(ctx, data);
  const metric = metricOf(ctx);
  const errors = [
    ...(error ? [{ text: error, href: '#period' }] : []),
    ...(metric ? [] : [{ text: 'Choose what to break down from the list', href: '#metric' }]),
  ];
  const base = {
    errors,
    periodError: error,
    metricError: metric ? null : 'Choose what to break down from the list',
    form: {
      periodGroups: error ? [] : periodGroups(data, period),
      metrics: metricChoices(metric ?? 'compliance'),
    },
    scoped: ctx.lpaScope ? ctx.lpaScope.join(', ') : null,
    canRecord: can(ctx.user, 'record_vc_audits') && ctx.deps.imports.writable,
  };
  if (errors.length > 0) return ctx.render('victims-code.njk', { ...base, page: null }, 400);
  const figures = await compliance(ctx, period);
  const q = new URLSearchParams({ period: figures.period.label });
  return ctx.render('victims-code.njk', {
    ...base,
    page: compliancePage(figures, metric!, await notAuditable(ctx)),
    navQuery: `?${q.toString()}`,
    csvHref: `/victims-code/download.csv?${q.toString()}`,
    withdrawalsHref: `/victims-code/withdrawals?${q.toString()}`,
  });
}

/** The export the policing body reviews, as CSV (docs/victims-code-export.md). */
async function downloadCompliance(ctx: RequestContext) {
  const data = await dataSpan(ctx.deps);
  const { period, error } = periodOf(ctx, data);
  if (error) throw new BluelampError('BAD_PERIOD', `${error}.`);
  const figures = await compliance(ctx, period);
  const settings = victimsSettings(await ctx.deps.records.settings.get());
  const org = await organisation(ctx.deps);
  const e = complianceExport({
    cases: figures.cases,
    period: { label: figures.period.label, start: figures.period.start, end: figures.period.end },
    areas: ctx.lpaScope,
    force: org.forceName,
    policingBody: org.policingBodyName,
    generatedAt: ctx.deps.clock.now().toISOString(),
    notAuditable: settings.notAuditable,
    metrics: settings.exportMetrics,
  });
  const name = safeFileName(['victims-code-compliance', figures.period.label], 'csv');
  return ctx.reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(exportCsv(e));
}

async function withdrawalsRoute(ctx: RequestContext) {
  const data = await dataSpan(ctx.deps);
  const { period, error } = periodOf(ctx, data);
  const base = {
    errors: error ? [{ text: error, href: '#period' }] : [],
    periodError: error,
    form: { periodGroups: error ? [] : periodGroups(data, period) },
    scoped: ctx.lpaScope ? ctx.lpaScope.join(', ') : null,
    canRecord: can(ctx.user, 'record_vc_audits') && ctx.deps.imports.writable,
  };
  if (error) return ctx.render('victims-code-withdrawals.njk', { ...base, page: null }, 400);
  const figures = await withdrawals(ctx, period);
  const q = new URLSearchParams({ period: figures.period.label });
  return ctx.render('victims-code-withdrawals.njk', {
    ...base,
    page: withdrawalsPage(figures),
    navQuery: `?${q.toString()}`,
    csvHref: `/victims-code/withdrawals/download.csv?${q.toString()}`,
    complianceHref: `/victims-code?${q.toString()}`,
    measureHref: `/measures/vawg_oc16?${q.toString()}`,
  });
}

async function downloadWithdrawals(ctx: RequestContext) {
  const data = await dataSpan(ctx.deps);
  const { period, error } = periodOf(ctx, data);
  if (error) throw new BluelampError('BAD_PERIOD', `${error}.`);
  const figures = await withdrawals(ctx, period);
  const name = safeFileName(['victim-withdrawals', figures.period.label], 'csv');
  return ctx.reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(attritionCsv(figures));
}

// ---- recording an audited case

const recordableLpas = async (ctx: RequestContext) =>
  ctx.lpaScope ?? (await dataSpan(ctx.deps)).lpas;

async function showForm(ctx: RequestContext, body: Fields, errors: FieldErrors = {}) {
  const lpas = await recordableLpas(ctx);
  const errorList = Object.entries(errors).map(([k, text]) => ({
    text,
    href: `#${FIELD_IDS[k] ?? k}`,
  }));
  return ctx.render(
    'victims-code-audit-new.njk',
    {
      values: body,
      errors,
      errorList,
      choices: formChoices(body, lpas),
      auditedAt: dateItems(body, 'audited_at', Boolean(errors.audited_at)),
      dateOfBirth: dateItems(body, 'victim_date_of_birth', Boolean(errors.victim_date_of_birth)),
      writable: ctx.deps.imports.writable,
    },
    errorList.length > 0 ? 400 : 200,
  );
}

const bodyOf = (ctx: RequestContext): Fields => {
  const out: Fields = {};
  for (const [k, v] of Object.entries((ctx.req.body ?? {}) as Record<string, unknown>))
    if (typeof v === 'string') out[k] = v;
  return out;
};

async function recordAudit(ctx: RequestContext) {
  const body = bodyOf(ctx);
  if (!ctx.deps.imports.writable)
    throw new BluelampError(
      'READ_ONLY',
      'This service cannot record audited cases: it reads a published copy of the facts.',
      { hint: 'Record them on the service that holds the data directory, or import them there.' },
    );
  const today = londonDate(ctx.deps.clock.now());
  const read = readAuditForm(body, await recordableLpas(ctx), today);
  if ('errors' in read) return showForm(ctx, body, read.errors);
  // One row of the import format, imported as a batch of its own through the same importer as
  // `bluelamp import` (every rule, every reference, the key against every other batch).
  const dir = mkdtempSync(join(tmpdir(), 'bluelamp-vc-audit-'));
  const stamp = ctx.deps.clock.now().toISOString().replace(/\D/g, '').slice(0, 14);
  const file = join(dir, `web-audit-${stamp}-${randomUUID().slice(0, 8)}.csv`);
  const user = ctx.user as NonNullable<RequestContext['user']>;
  try {
    writeFileSync(file, auditCsv(read.row), { mode: 0o600 });
    let batches;
    try {
      batches = await ctx.deps.imports.run('victims_code_audits', [file], () => undefined);
    } catch (e) {
      if (isBluelampError(e) && e.code === 'VALIDATION_FAILED' && e.issues.length > 0)
        return showForm(ctx, body, importErrors(e.issues));
      throw e;
    }
    await ctx.deps.facts.refresh();
    await ctx.deps.records.audit.append(
      {
        action: 'vc_audit_recorded',
        subject: 'table:victims_code_audits',
        details: { table: 'victims_code_audits', batch: batches[0]?.batchId ?? '', rows: 1 },
      },
      { userId: user.id, via: 'web' },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const quarter = quarterOfDate(read.row.audited_at!);
  return ctx.redirect(`/victims-code?period=${encodeURIComponent(quarter)}`, {
    text: `Audited case ${read.row.case_id} recorded. It is counted in ${formatPeriodLabel(quarter)}.`,
    success: true,
  });
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/victims-code',
    access: 'view_vc_audits',
    example: { url: `/victims-code?period=${EXAMPLE_PERIOD}` },
    handler: compliancePageRoute,
  },
  {
    method: 'GET',
    url: '/victims-code/download.csv',
    access: 'view_vc_audits',
    example: { url: `/victims-code/download.csv?period=${EXAMPLE_PERIOD}` },
    handler: downloadCompliance,
  },
  {
    method: 'GET',
    url: '/victims-code/withdrawals',
    access: 'view_vc_audits',
    example: { url: `/victims-code/withdrawals?period=${EXAMPLE_PERIOD}` },
    handler: withdrawalsRoute,
  },
  {
    method: 'GET',
    url: '/victims-code/withdrawals/download.csv',
    access: 'view_vc_audits',
    example: { url: `/victims-code/withdrawals/download.csv?period=${EXAMPLE_PERIOD}` },
    handler: downloadWithdrawals,
  },
  {
    method: 'GET',
    url: '/victims-code/audits/new',
    access: 'record_vc_audits',
    example: { url: '/victims-code/audits/new' },
    handler: (ctx) => showForm(ctx, {}),
  },
  {
    method: 'POST',
    url: '/victims-code/audits',
    access: 'record_vc_audits',
    example: {
      url: '/victims-code/audits',
      // Left incomplete on purpose: the example must not add a case to the shared demo data.
      form: { case_id: 'VC-EXAMPLE' },
    },
    handler: recordAudit,
  },
];

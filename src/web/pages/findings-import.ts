import { BluelampError, isBluelampError, type ValidationIssue } from '../../lib/errors.ts';
import { formatDate, plural } from '../../present/format.ts';
import { TRACKER_COLUMNS } from '../../records/accountability/tracker-csv.ts';
import type { RequestContext, RouteDef } from '../route.ts';
import { safeFileName } from './data.ts';

/**
 * Importing a findings tracker from the browser (manage_findings): the CSV a force keeps its
 * tracker in, uploaded, checked row by row and imported all or nothing by the records store
 * (src/records/accountability/tracker-import.ts). A refused file shows every problem by line
 * and column on the page, so the spreadsheet can be corrected in one go.
 */

/** A tracker is a spreadsheet, not a data extract: a few megabytes at most. */
export const MAX_TRACKER_BYTES = 5 * 1024 * 1024;
/** How many problems the page lists; the total is always given. */
export const SHOWN_PROBLEMS = 200;

interface Received {
  readonly fileName: string | null;
  readonly bytes: Buffer | null;
  readonly source: string;
  readonly createSources: boolean;
}

async function receive(ctx: RequestContext): Promise<Received> {
  let fileName: string | null = null;
  let bytes: Buffer | null = null;
  let source = '';
  let createSources = false;
  for await (const part of ctx.req.parts({ limits: { fileSize: MAX_TRACKER_BYTES, files: 1 } })) {
    if (part.type === 'file') {
      const data = await part.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return null;
        throw e;
      });
      if (data === null || part.file.truncated)
        throw new BluelampError(
          'BAD_INPUT',
          'The file is too large for a tracker (5 MB at most).',
          {
            hint: 'Import it at the command line: bluelamp findings import-tracker FILE.',
          },
        );
      if (part.filename) {
        fileName = safeFileName(part.filename);
        bytes = data;
      }
    } else if (part.fieldname === 'source') source = String(part.value);
    else if (part.fieldname === 'createSources') createSources = String(part.value) === 'yes';
  }
  return { fileName, bytes, source, createSources };
}

async function show(
  ctx: RequestContext,
  form: { source?: string; createSources?: boolean; error?: { field: string; text: string } },
  refused: { message: string; issues: readonly ValidationIssue[]; total: number } | null = null,
  status = 200,
) {
  const sources = await ctx.deps.records.findingSources.list();
  const chosen = form.source ?? '';
  return ctx.render(
    'findings-import.njk',
    {
      sources: [
        { value: '', text: 'Each row names its report', selected: chosen === '' },
        ...sources.map((s) => ({
          value: s.id,
          text: `${s.title} (${formatDate(s.publishedOn)})`,
          selected: s.id === chosen,
        })),
      ],
      createSources: form.createSources ?? false,
      columns: TRACKER_COLUMNS.map((c) => ({ name: c.name, required: c.required, doc: c.doc })),
      error: form.error ?? null,
      errorList: form.error
        ? [{ text: form.error.text, href: `#${form.error.field}` }]
        : refused
          ? [{ text: refused.message, href: '#problems' }]
          : [],
      refused: refused && {
        message: refused.message,
        total: refused.total,
        more: refused.total > refused.issues.length ? refused.total - refused.issues.length : 0,
        rows: refused.issues.map((i) => ({
          line: i.line === null ? '' : String(i.line),
          column: i.column,
          value: i.value ?? '',
          rule: i.rule,
        })),
      },
    },
    status,
  );
}

async function upload(ctx: RequestContext) {
  if (!ctx.req.isMultipart())
    return show(ctx, { error: { field: 'file', text: 'Choose a CSV file to upload' } }, null, 400);
  const r = await receive(ctx);
  const form = { source: r.source, createSources: r.createSources };
  if (!r.fileName || !r.bytes)
    return show(
      ctx,
      { ...form, error: { field: 'file', text: 'Choose a CSV file to upload' } },
      null,
      400,
    );
  if (r.source !== '' && r.createSources)
    return show(
      ctx,
      {
        ...form,
        error: {
          field: 'createSources',
          text: 'Choose a report, or let the import add new reports, not both',
        },
      },
      null,
      400,
    );
  const actor = { userId: ctx.user?.id ?? null, via: 'web' as const };
  try {
    const s = await ctx.deps.records.tracker.importCsv(
      r.bytes,
      {
        fileName: r.fileName,
        ...(r.source === '' ? {} : { sourceId: r.source }),
        ...(r.createSources ? { createSources: true } : {}),
      },
      actor,
    );
    const ignored = s.ignoredColumns.length
      ? ` Columns not in the format were ignored: ${s.ignoredColumns.join(', ')}.`
      : '';
    return ctx.redirect('/findings/import', {
      text: `Imported ${r.fileName}: ${plural(s.rows, 'row')}; ${plural(s.added, 'finding')} added, ${s.updated} updated, ${s.unchanged} unchanged; ${plural(s.sourcesCreated, 'report')} added.${ignored}`,
      success: true,
    });
  } catch (e) {
    if (isBluelampError(e) && e.code === 'UNKNOWN_RECORD')
      return show(
        ctx,
        { ...form, error: { field: 'source', text: 'Choose a report from the list' } },
        null,
        400,
      );
    if (!isBluelampError(e) || e.code !== 'VALIDATION_FAILED') throw e;
    await ctx.deps.records.audit.append(
      {
        action: 'tracker_import_refused',
        subject: 'findings',
        details: { problems: e.issueCount },
      },
      actor,
    );
    return show(
      ctx,
      form,
      { message: e.message, issues: e.issues.slice(0, SHOWN_PROBLEMS), total: e.issueCount },
      422,
    );
  }
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/findings/import',
    access: 'manage_findings',
    example: { url: '/findings/import' },
    handler: (ctx) => show(ctx, {}),
  },
  {
    method: 'POST',
    url: '/findings/import',
    access: 'manage_findings',
    multipart: true,
    example: { url: '/findings/import', form: {} },
    handler: upload,
  },
];

import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { checkStore } from '../../facts/check.ts';
import { storeStatus } from '../../facts/status.ts';
import { BluelampError, isBluelampError } from '../../lib/errors.ts';
import { formatCount, plural } from '../../present/format.ts';
import { dataModel, tableChoices } from '../models/data.ts';
import { can } from '../permissions.ts';
import type { RequestContext, RouteDef } from '../route.ts';

/** How many problems the job page lists; the total is always given. */
export const SHOWN_PROBLEMS = 50;

const notWritable = () =>
  new BluelampError(
    'READ_ONLY',
    'This service cannot import: it reads a published copy of the facts.',
    {
      hint: 'Import on the machine that holds the data directory (bluelamp import), then publish the facts again (bluelamp publish-facts).',
    },
  );

async function renderData(
  ctx: RequestContext,
  form: { table: string; error: { field: 'table' | 'file'; text: string } | null },
  status = 200,
) {
  const { status: loaded, check } = await ctx.deps.facts.use(async ({ store }) => ({
    status: await storeStatus(store),
    // Every request: the batches and references, not the recomputation of the aggregates.
    check: await checkStore(store, { aggregates: false }),
  }));
  return ctx.render(
    'data.njk',
    {
      data: dataModel(loaded, check),
      upload: {
        writable: ctx.deps.imports.writable,
        canImport: can(ctx.user, 'import_data'),
        choices: tableChoices(ctx.deps.imports.tables, form.table),
        error: form.error,
        errorList: form.error ? [{ text: form.error.text, href: `#${form.error.field}` }] : [],
      },
    },
    status,
  );
}

/** A file name safe to keep on disk: its last part, letters, digits, dots, dashes. */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const clean = last.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return clean === '' ? 'upload.csv' : clean.slice(0, 120);
}

/**
 * Saves the uploaded files to a temp folder only this process's user can read (each in its own
 * subfolder, so two files of one name both keep it: the validation report names files as sent).
 */
async function receive(
  ctx: RequestContext,
): Promise<{ dir: string; table: string; files: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'bluelamp-upload-'));
  const files: string[] = [];
  let table = '';
  try {
    for await (const part of ctx.req.parts()) {
      if (part.type === 'file') {
        if (!part.filename) {
          part.file.resume();
          continue;
        }
        const sub = join(dir, String(files.length + 1));
        mkdirSync(sub, { mode: 0o700 });
        const path = join(sub, safeFileName(part.filename));
        await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
        if (part.file.truncated)
          throw new BluelampError(
            'BAD_INPUT',
            `${safeFileName(part.filename)} is too large to upload.`,
            {
              hint: 'Import very large files on the server with "bluelamp import".',
            },
          );
        files.push(path);
      } else if (part.fieldname === 'table') {
        table = String(part.value);
      }
    }
    return { dir, table, files };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The job's error as the job page shows it: names of files as sent, the first problems, the total. */
function shownError(e: unknown, dir: string): unknown {
  if (!isBluelampError(e)) return e;
  // The temp folder (and each file's numbered subfolder) is ours, not the user's: leave it out.
  const ours = new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\d+/`, 'g');
  const scrub = (s: string) => s.replace(ours, '');
  const total = e.issueCount;
  const more =
    total > SHOWN_PROBLEMS
      ? ` The first ${formatCount(SHOWN_PROBLEMS)} of ${plural(total, 'problem')} are listed; correct them and import again to see the rest.`
      : '';
  return new BluelampError(e.code, scrub(e.message), {
    hint: `${e.hint ?? ''}${more}`.trim(),
    issues: e.issues.slice(0, SHOWN_PROBLEMS).map((i) => ({ ...i, file: scrub(i.file) })),
    issueCount: total,
  });
}

async function startImport(ctx: RequestContext) {
  if (!ctx.deps.imports.writable) throw notWritable();
  if (!ctx.req.isMultipart())
    return renderData(
      ctx,
      { table: '', error: { field: 'file', text: 'Choose a file to upload' } },
      400,
    );
  const { dir, table, files } = await receive(ctx);
  const fail = (field: 'table' | 'file', text: string) => {
    rmSync(dir, { recursive: true, force: true });
    return renderData(ctx, { table, error: { field, text } }, 400);
  };
  if (!ctx.deps.imports.tables.includes(table))
    return fail('table', 'Choose the table to import into');
  if (files.length === 0) return fail('file', 'Choose a file to upload');

  const user = ctx.user as NonNullable<RequestContext['user']>;
  const actor = { userId: user.id, via: 'web' as const };
  const { deps } = ctx;
  const job = deps.jobs.start('import', user.id, async (control) => {
    try {
      const batches = await deps.imports.run(table, files, (f, s) => control.progress(f, s));
      control.progress(1, 'Updating the figures');
      await deps.facts.refresh();
      const rows = batches.reduce((n, b) => n + b.rows, 0);
      await deps.records.audit.append(
        {
          action: 'data_imported',
          subject: `table:${table}`,
          details: {
            table,
            files: files.length,
            batches: batches.map((b) => b.batchId).join(', '),
            rows,
          },
        },
        actor,
      );
      control.progress(1, `Imported ${plural(rows, 'row')}`);
      return { resultUrl: '/data' };
    } catch (e) {
      const shown = shownError(e, dir);
      await deps.records.audit.append(
        {
          action: 'data_import_refused',
          subject: `table:${table}`,
          details: {
            table,
            files: files.length,
            code: isBluelampError(e) ? e.code : 'BUG',
            problems: isBluelampError(e) ? e.issueCount : 0,
          },
        },
        actor,
      );
      throw shown;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return ctx.redirect(`/jobs/${job.id}`);
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/data',
    access: 'view_data',
    example: { url: '/data' },
    handler: (ctx) => renderData(ctx, { table: '', error: null }),
  },
  {
    method: 'POST',
    url: '/data/imports',
    access: 'import_data',
    multipart: true,
    example: { url: '/data/imports', form: {} },
    handler: startImport,
  },
];

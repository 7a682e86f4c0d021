import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { BluelampError, isBluelampError, type ValidationIssue } from '../../lib/errors.ts';
import { importBatch, type ImportBatchOptions, type ImportResult } from '../import/import-batch.ts';
import type { FactsStore } from '../store.ts';
import type { TableSpec } from '../tables.ts';
import {
  POLICE_UK_HEADERS,
  POLICE_UK_OUTCOMES,
  POLICE_UK_STREET,
  ROW_REF_HEADER,
} from '../extra-tables.ts';
import {
  annotateCopy,
  appendedSuffix,
  classifyFiles,
  findCsvFiles,
  type PoliceUkKind,
} from './files.ts';
import { ensurePoliceUkViews } from './views.ts';

/**
 * `bluelamp import police-uk FILES|DIR`: data.police.uk street and outcomes files as published.
 *
 * Files (or directories, walked recursively) are classified by their exact published header;
 * all street files become one batch of `police_uk_street` and all outcomes files one batch of
 * `police_uk_outcomes`, each validated and loaded by the generic importer (every row checked,
 * nothing written if any is wrong, a batch id replaced as a whole). See CONTEXT.md.
 */

export interface PoliceUkImportOptions extends Pick<
  ImportBatchOptions,
  'batchId' | 'onProgress' | 'now' | 'faultAt' | 'issueLimit' | 'allowShrink' | 'problemReport'
> {
  /** Informational messages: skipped stop-and-search files, ignored non-CSV files. */
  readonly onNote?: (message: string) => void;
}

interface KindSpec {
  readonly kind: PoliceUkKind;
  readonly table: string;
  readonly spec: TableSpec;
  readonly header: readonly string[];
}

const KINDS: readonly KindSpec[] = [
  {
    kind: 'street',
    table: 'police_uk_street',
    spec: POLICE_UK_STREET,
    header: POLICE_UK_HEADERS.street,
  },
  {
    kind: 'outcomes',
    table: 'police_uk_outcomes',
    spec: POLICE_UK_OUTCOMES,
    header: POLICE_UK_HEADERS.outcomes,
  },
];

interface Plan extends KindSpec {
  readonly files: readonly string[];
  /** Working copy → published file. */
  readonly original: ReadonlyMap<string, string>;
  readonly copies: readonly string[];
  readonly batchId: string;
}

const HINT =
  'Nothing was imported. Correct or leave out the rows listed (or download the files again from data.police.uk) and import again.';

export async function importPoliceUk(
  store: FactsStore,
  paths: readonly string[],
  opts: PoliceUkImportOptions = {},
): Promise<ImportResult[]> {
  const note = opts.onNote ?? (() => undefined);
  const { files, ignored } = findCsvFiles(paths);
  if (ignored.length > 0) {
    const n = ignored.length;
    note(`Ignored ${n} file${n === 1 ? ' that is' : 's that are'} not CSV.`);
  }
  const classified = classifyFiles(files);
  for (const s of classified.skipped) note(`Skipped ${s}: stop-and-search files are not imported.`);
  if (classified.street.length === 0 && classified.outcomes.length === 0) {
    throw new BluelampError(
      'BAD_INPUT',
      `No data.police.uk street or outcomes files in ${paths.join(', ')}.`,
      {
        hint: 'Give the street (…-street.csv) and outcomes (…-outcomes.csv) files of a data.police.uk download, or its directory.',
      },
    );
  }

  const work = mkdtempSync(join(tmpdir(), 'bluelamp-police-uk-'));
  try {
    const plans = await preparePlans(classified, work, opts.batchId);
    await checkFilesNotInOtherBatches(store, plans);
    const batchOptions = (plan: Plan): ImportBatchOptions => ({
      table: plan.table,
      spec: plan.spec,
      files: plan.copies,
      batchId: plan.batchId,
      publishedHeader: [...plan.header, ROW_REF_HEADER],
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.issueLimit === undefined ? {} : { issueLimit: opts.issueLimit }),
      ...(opts.allowShrink === undefined ? {} : { allowShrink: opts.allowShrink }),
      // The full error report names the published files and columns, as the error does.
      ...(opts.problemReport
        ? {
            problemReport: opts.problemReport,
            displayIssue: (i: ValidationIssue) => ({
              ...i,
              file: [...plan.original].reduce((f, [copy, o]) => f.replaceAll(copy, o), i.file),
              column: publishedColumn(plan, i.column),
            }),
          }
        : {}),
      ...(opts.onProgress
        ? {
            onProgress: (p) =>
              opts.onProgress?.({ ...p, file: plan.original.get(p.file) ?? p.file }),
          }
        : {}),
    });
    // Street and outcomes are two batches. So that a bad outcomes file does not leave the street
    // batch loaded alone, every batch after the first is validated before the first is loaded.
    for (const plan of plans.slice(1)) {
      try {
        await validateOnly(store, batchOptions(plan));
      } catch (e) {
        throw translateError(e, plan, []);
      }
    }
    const results: ImportResult[] = [];
    for (const plan of plans) {
      try {
        const r = await importBatch(store, {
          ...batchOptions(plan),
          ...(opts.faultAt ? { faultAt: opts.faultAt } : {}),
        });
        results.push({ ...r, files: plan.files });
      } catch (e) {
        throw translateError(e, plan, results);
      }
    }
    await ensurePoliceUkViews(store);
    for (const r of results)
      if (r.table === 'police_uk_street') await noteSharedCrimeIds(store, r, note);
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Every check of `importBatch`, and nothing written. */
async function validateOnly(store: FactsStore, opts: ImportBatchOptions): Promise<void> {
  await importBatch(store, { ...opts, validateOnly: true });
}

const ARCHIVE_NAME = /^\d{4}-\d{2}-(.+)-(street|outcomes)\.csv$/i;

/** The force slug of an archive file name (`2021-06-west-mercia-street.csv` → `west-mercia`), else the name. */
export function sourceOf(file: string): string {
  const name = basename(file);
  return (ARCHIVE_NAME.exec(name)?.[1] ?? name.replace(/\.csv$/i, '')).toLowerCase();
}

/**
 * The batch id base when no `--batch` is given: `police-uk:<forces>:<first>..<last month>`, the
 * forces being the slugs of the file names (more than three: their count and a short hash), so
 * that re-importing the same download replaces it while another force or months do not.
 */
export function defaultBatchBase(
  sources: readonly string[],
  first: string | null,
  last: string | null,
): string {
  const uniq = [...new Set(sources)].sort();
  const who =
    uniq.length <= 3
      ? uniq.join('+')
      : `${uniq.length}-forces-${createHash('sha256').update(uniq.join('\n')).digest('hex').slice(0, 8)}`;
  const range =
    first === null || last === null ? 'no-rows' : first === last ? first : `${first}..${last}`;
  return `police-uk:${who}:${range}`;
}

async function preparePlans(
  classified: { street: readonly string[]; outcomes: readonly string[] },
  work: string,
  batchBase: string | undefined,
): Promise<Plan[]> {
  // Copy every file first: the default batch id covers the forces and months of the command.
  const sources = [...classified.street, ...classified.outcomes].map(sourceOf);
  const copied: {
    k: KindSpec;
    files: readonly string[];
    copies: string[];
    original: Map<string, string>;
  }[] = [];
  let first: string | null = null;
  let last: string | null = null;
  let n = 0;
  for (const k of KINDS) {
    const files = classified[k.kind];
    if (files.length === 0) continue;
    const copies: string[] = [];
    const original = new Map<string, string>();
    for (const f of files) {
      const dir = join(work, String(n++));
      mkdirSync(dir);
      const copy = join(dir, basename(f));
      const info = await annotateCopy(f, copy);
      if (info.firstMonth !== null && (first === null || info.firstMonth < first))
        first = info.firstMonth;
      if (info.lastMonth !== null && (last === null || info.lastMonth > last))
        last = info.lastMonth;
      copies.push(copy);
      original.set(copy, f);
    }
    copied.push({ k, files, copies, original });
  }
  return copied.map(({ k, files, copies, original }) => ({
    ...k,
    files,
    copies,
    original,
    batchId: `${batchBase ?? defaultBatchBase(sources, first, last)}:${k.kind}`,
  }));
}

/**
 * A published file (by name) already loaded in another batch would be counted twice; the
 * importer would report every row of it, so say it once per file instead.
 */
async function checkFilesNotInOtherBatches(
  store: FactsStore,
  plans: readonly Plan[],
): Promise<void> {
  const issues: ValidationIssue[] = [];
  for (const plan of plans) {
    const batches = await store.all<{ batch_id: string; files: string }>(
      'SELECT batch_id, files FROM _batches WHERE table_name = $table AND batch_id <> $batch ORDER BY batch_id',
      { table: plan.table, batch: plan.batchId },
    );
    for (const f of plan.files) {
      const name = basename(f);
      const holder = batches.find((b) => (JSON.parse(b.files) as string[]).includes(name));
      if (!holder) continue;
      const base = holder.batch_id.replace(/:(street|outcomes)$/, '');
      issues.push({
        file: f,
        line: null,
        column: '(file)',
        value: name,
        rule: `already imported in batch "${holder.batch_id}"; a batch is replaced as a whole, so import it again with the rest of that batch (--batch ${base}), or leave this file out`,
      });
    }
  }
  if (issues.length > 0) {
    throw new BluelampError(
      'VALIDATION_FAILED',
      `police-uk: ${issues.length} file${issues.length === 1 ? ' is' : 's are'} already imported in another batch; nothing was imported.`,
      {
        issues,
        hint: 'Re-import a batch by giving its id with --batch; a batch is replaced as a whole.',
      },
    );
  }
}

/** Published column name for a table column (`crime_type` → `Crime type`), also in `a + b` keys. */
function publishedColumn(plan: KindSpec, column: string): string {
  const names = [...plan.header, ROW_REF_HEADER];
  return column
    .split(' + ')
    .map((c) => {
      const i = plan.spec.columns.findIndex((s) => s.name === c);
      return i === -1 ? c : (names[i] ?? c);
    })
    .join(' + ');
}

/** Errors name the published files and columns, not the working copies. */
function translateError(e: unknown, plan: Plan, done: readonly ImportResult[]): unknown {
  if (!isBluelampError(e)) return e;
  const toOriginal = (text: string) => {
    let out = text;
    for (const [copy, orig] of plan.original) out = out.replaceAll(copy, orig);
    return out;
  };
  const issues = e.issues.map((i): ValidationIssue => {
    let value = i.value;
    if (value !== null && i.line !== null && i.rule.startsWith('malformed CSV row')) {
      const suffix = appendedSuffix(plan.original.get(i.file) ?? i.file, i.line, value);
      value = value.slice(0, value.length - suffix.length);
    }
    return { ...i, file: toOriginal(i.file), column: publishedColumn(plan, i.column), value };
  });
  const already = done.map((r) => `batch "${r.batchId}" (${r.table}, ${r.rows} rows) was imported`);
  const message =
    toOriginal(e.message) + (already.length > 0 ? ` Note: ${already.join('; ')}.` : '');
  return new BluelampError(e.code, message, {
    issues,
    issueCount: e.issueCount,
    ...(e.report === undefined ? {} : { report: e.report }),
    hint: e.code === 'VALIDATION_FAILED' ? HINT : (e.hint ?? HINT),
    cause: e,
  });
}

/**
 * data.police.uk publishes some Crime IDs on more than one row of a month's file (differing in
 * location, LSOA or outcome). They are kept, each published row counted once (CONTEXT.md,
 * "Counting"); this says how many there are, and warns when a Crime ID of the batch also appears
 * in another published file of the same month, which would be the sign of a file loaded twice
 * under two names.
 */
async function noteSharedCrimeIds(
  store: FactsStore,
  result: ImportResult,
  note: (m: string) => void,
): Promise<void> {
  const [r] = await store.all<{ within: bigint; files: bigint; across: bigint }>(
    `WITH mine AS (
       SELECT crime_id, month, regexp_extract(row_ref, '^(.*):[0-9]+$', 1) AS file
       FROM police_uk_street WHERE batch_id = $batch AND crime_id IS NOT NULL),
     shared AS (SELECT crime_id, month, file FROM mine GROUP BY ALL HAVING count(*) > 1),
     across AS (
       SELECT DISTINCT m.crime_id, m.month FROM mine m JOIN police_uk_street o
         ON o.crime_id = m.crime_id AND o.month = m.month
        AND regexp_extract(o.row_ref, '^(.*):[0-9]+$', 1) <> m.file)
     SELECT (SELECT count(*) FROM shared) AS within, (SELECT count(DISTINCT file) FROM shared) AS files,
            (SELECT count(*) FROM across) AS across`,
    { batch: result.batchId },
  );
  const within = Number(r?.within ?? 0);
  const files = Number(r?.files ?? 0);
  const across = Number(r?.across ?? 0);
  if (within > 0)
    note(
      `${within} Crime ID${within === 1 ? ' is' : 's are'} published on more than one row of the same month in ${files} file${files === 1 ? '' : 's'}; each published row is kept and counted once, as data.police.uk counts them.`,
    );
  if (across > 0)
    note(
      `Warning: ${across} Crime ID${across === 1 ? '' : 's'} of this import also appear${across === 1 ? 's' : ''} in another published file of the same month; if the same file was loaded twice under two names, remove one batch.`,
    );
}

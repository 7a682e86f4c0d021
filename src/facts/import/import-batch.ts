import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { BluelampError, type ValidationIssue } from '../../lib/errors.ts';
import {
  absentFrom,
  csvSourceSql,
  duplicateAcrossStagesSql,
  duplicateKeySql,
  ident,
  insertFromStageSql,
  keyInOtherBatchSql,
  missingReferenceSql,
  parquetSourceSql,
  rowRuleSql,
  stageRawSql,
  brokenRowCountSql,
  BUMP_DATA_VERSION_SQL,
  dateColumnExpr,
  cellErrorsSql,
  literal,
} from '../sql.ts';
import type { TableSpec } from '../tables.ts';
import { allTableSpecs, type FactsStore } from '../store.ts';
import { readCsvHeader } from './csv-header.ts';
import { checkHeader } from './check-header.ts';
import { withProgress, type ImportProgress } from './progress.ts';
import { clearRejects, csvRejects, type Reject } from './rejects.ts';
import { countCsvRecords, MAX_ROW_BYTES, type CsvRecordCount } from './csv-records.ts';
import { ProblemKind, Problems, stagedLineSql, text } from './problems.ts';
import { replaceBatch } from './replace-batch.ts';
import { tryFastPath } from './fast-path.ts';
import { uniformLineEndsCopy, type UniformCopy } from './line-ends.ts';
import { londonIso } from '../../lib/london-time.ts';

/**
 * A batch import: every row of every file is validated first; any problem and nothing is
 * written. Otherwise the batch replaces any earlier batch with the same id in one transaction.
 */
export interface ImportBatchOptions {
  readonly table: string;
  readonly spec: TableSpec;
  readonly files: readonly string[];
  readonly batchId?: string;
  /** The exact published header, when the source is a published format (data.police.uk). */
  readonly publishedHeader?: readonly string[];
  readonly now?: () => Date;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Check everything and write nothing (the load transaction is rolled back at its end). */
  readonly validateOnly?: boolean;
  /** Test hook: called at named points inside the load transaction; throwing aborts it. */
  readonly faultAt?: (point: string) => void;
  /** How many problems the error holds (all are counted, and all go to `problemReport`). */
  readonly issueLimit?: number;
  /** Replacing a batch with fewer than half its rows, or none, is refused unless this is set. */
  readonly allowShrink?: boolean;
  /** Called when the import is refused: where to write every problem (an owner-only CSV). */
  readonly problemReport?: () => string;
  /** How a problem is shown in the report (police-uk names its published files and columns). */
  readonly displayIssue?: (i: ValidationIssue) => ValidationIssue;
}

export interface ImportResult {
  readonly table: string;
  readonly batchId: string;
  readonly files: readonly string[];
  readonly rows: number;
  readonly replacedRows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
}

interface Stage {
  readonly name: string;
  readonly file: string;
  readonly format: Format;
  readonly rows: number;
  /** Rows the CSV reader rejected as malformed; their lines let row numbers map back to lines. */
  readonly rejects: readonly Reject[];
  readonly rejectedLines: readonly number[];
  /** Temp table of the lines not staged (see `stagedLineSql`); null for Parquet. */
  readonly skipTable: string | null;
}

interface FileCheck {
  readonly file: string;
  readonly format: Format;
  readonly header: string[];
  readonly issues: ValidationIssue[];
  /** The file's own count of its records (CSV only), independent of the reader. */
  readonly scan?: CsvRecordCount;
  /** Where the reader reads the file: a copy with uniform line ends when its own are mixed. */
  readonly readPath?: string;
}

export function defaultBatchId(table: string, files: readonly string[]): string {
  return `${table}:${files.map((f) => basename(f)).join('+')}`;
}

type Format = 'csv' | 'parquet';

function formatOf(file: string): Format {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.parquet') return 'parquet';
  throw new BluelampError('BAD_INPUT', `${file}: unsupported file type "${ext || '(none)'}".`, {
    hint: 'Give CSV (.csv) or Parquet (.parquet) files in the documented import format (docs/data-format.md).',
  });
}

/** Maps a 0-based staging row to its 1-based physical line, stepping over rejected lines. */
export function rowToLine(row: number, rejectedLines: readonly number[], format: Format): number {
  let line = row + 2;
  if (format === 'parquet') return row + 1;
  for (const rejected of rejectedLines) if (rejected <= line) line++;
  return line;
}

export async function importBatch(
  store: FactsStore,
  opts: ImportBatchOptions,
): Promise<ImportResult> {
  const copies: UniformCopy[] = [];
  try {
    return await importFiles(store, opts, copies);
  } finally {
    for (const c of copies) c.remove();
  }
}

async function importFiles(
  store: FactsStore,
  opts: ImportBatchOptions,
  copies: UniformCopy[],
): Promise<ImportResult> {
  const started = Date.now();
  const now = opts.now ?? (() => new Date());
  const limit = opts.issueLimit ?? 100_000;
  const batchId = opts.batchId ?? defaultBatchId(opts.table, opts.files);
  // A blank or control-character id could not be named again to replace or find the batch.
  if (batchId.trim() === '' || [...batchId].some((ch) => ch < ' ' || ch === '\x7f'))
    throw new BluelampError('BAD_INPUT', 'The batch id is empty or holds control characters.', {
      hint: 'Give --batch a visible name, or leave it out for the default (table and file names).',
    });
  if (opts.files.length === 0)
    throw new BluelampError('BAD_INPUT', 'No files given.', {
      hint: 'Name one or more CSV or Parquet files.',
    });
  for (const f of opts.files) {
    if (!existsSync(f) || !statSync(f).isFile())
      throw new BluelampError('FILE_NOT_FOUND', `${f}: no such file.`);
  }
  await checkBatchOwner(store, batchId, opts.table);

  const headers: FileCheck[] = [];
  for (const file of opts.files) {
    const format = formatOf(file);
    const checked = await checkFileHeader(store, opts, file, format);
    // Every CSV file is counted independently of the reader, so no row can go missing unseen.
    const scan =
      format === 'csv' && checked.issues.length === 0 ? countCsvRecords(file) : undefined;
    if (scan) checked.issues.push(...oversizeIssues(file, checked.header, scan));
    let readPath: string | undefined;
    if (scan?.mixedLineEnds) {
      const copy = uniformLineEndsCopy(file);
      copies.push(copy);
      readPath = copy.path;
    }
    headers.push({
      file,
      format,
      ...checked,
      ...(scan ? { scan } : {}),
      ...(readPath ? { readPath } : {}),
    });
  }
  if (!opts.allowShrink) await checkShrink(store, opts, batchId, headers);
  if (headers.every((h) => h.issues.length === 0)) {
    const fast = await tryFastPath(
      store,
      opts,
      headers.map((h) => ({
        ...h,
        ...(h.scan ? { records: h.scan.rows, controls: h.scan.controls } : {}),
      })),
      batchId,
      () => recordBatch(store, opts, batchId, now),
    );
    if (fast) {
      const seconds = (Date.now() - started) / 1000;
      return {
        table: opts.table,
        batchId,
        files: opts.files,
        rows: fast.rows,
        replacedRows: fast.replacedRows,
        seconds,
        rowsPerSecond: fast.rows / Math.max(seconds, 1e-6),
      };
    }
  }

  // The detail path: every file staged as text, every rule checked, every problem recorded.
  const stages: Stage[] = [];
  const problems = await Problems.create(store);
  try {
    for (const [i, check] of headers.entries()) {
      await problems.add(i, ProblemKind.File, check.issues);
      if (check.issues.length > 0 && !check.scan) continue; // the header is wrong: nothing to read
      const stage = await stageFile(store, opts, check, `bl_stage_${i}`, opts.onProgress);
      stages.push(stage);
      await validateStage(store, opts, stage, i, check.scan, batchId, problems);
    }
    let { total } = await problems.count();
    // Listed beside any other problems, so the list is the same whichever path found them.
    if (stages.length > 1) {
      const dup = await duplicatesAcrossFiles(store, opts, stages, limit);
      for (const d of dup) await problems.add(opts.files.indexOf(d.file), ProblemKind.Key, [d]);
      total += dup.length;
    }
    if (total === 0) {
      const orphans = await orphanedByReplacement(store, opts, stages, batchId);
      await problems.add(-1, ProblemKind.Batch, orphans);
      total += orphans.length;
    }
    if (total > 0) throw await refusal(opts, problems, limit);
    const rows = stages.reduce((n, s) => n + s.rows, 0);
    if (opts.validateOnly) {
      return {
        table: opts.table,
        batchId,
        files: opts.files,
        rows,
        replacedRows: 0,
        seconds: (Date.now() - started) / 1000,
        rowsPerSecond: 0,
      };
    }
    opts.onProgress?.({ phase: 'load', file: '', fraction: 0, rows: 0 });
    const replacedRows = await commit(store, opts, stages, batchId, now);
    opts.onProgress?.({ phase: 'load', file: '', fraction: 1, rows });
    const seconds = (Date.now() - started) / 1000;
    return {
      table: opts.table,
      batchId,
      files: opts.files,
      rows,
      replacedRows,
      seconds,
      rowsPerSecond: rows / Math.max(seconds, 1e-6),
    };
  } finally {
    for (const s of stages) {
      await store.run(`DROP TABLE IF EXISTS ${ident(s.name)}`);
      if (s.skipTable) await store.run(`DROP TABLE IF EXISTS ${ident(s.skipTable)}`);
    }
    await problems.drop();
  }
}

/** The error for a refused import: the true total, the files with problems, the first problems, the report. */
async function refusal(
  opts: ImportBatchOptions,
  problems: Problems,
  limit: number,
): Promise<BluelampError> {
  const { total, files } = await problems.count();
  const issues = await problems.first(limit);
  let report: string | undefined;
  if (opts.problemReport) {
    // The refusal matters more than its report: a report that cannot be written is left out.
    try {
      const path = opts.problemReport();
      await problems.writeReport(path, opts.displayIssue);
      report = path;
    } catch {
      report = undefined;
    }
  }
  const n = opts.files.length;
  const plural = (k: number, word: string) =>
    `${k.toLocaleString('en-GB')} ${word}${k === 1 ? '' : 's'}`;
  const where =
    files === 0
      ? 'in the batch'
      : files === n
        ? `in ${plural(n, 'file')}`
        : `in ${files} of ${n} files`;
  return new BluelampError(
    'VALIDATION_FAILED',
    `${opts.table}: ${plural(total, 'problem')} found ${where}; nothing was imported.`,
    {
      issues,
      issueCount: total,
      ...(report === undefined ? {} : { report }),
      hint: 'Correct the rows listed and import the batch again. The format is in docs/data-format.md.',
    },
  );
}

/** A row over the reader's limit, named by its line and its longest field. */
function oversizeIssues(
  file: string,
  header: readonly string[],
  scan: CsvRecordCount,
): ValidationIssue[] {
  const limit = MAX_ROW_BYTES.toLocaleString('en-GB');
  return scan.oversize.map((o) => {
    const column = header[o.field] ?? `(field ${o.field + 1})`;
    const size = o.fieldBytes.toLocaleString('en-GB');
    return {
      file,
      line: o.line,
      column,
      value: null,
      rule:
        o.fieldBytes > MAX_ROW_BYTES
          ? `field longer than ${limit} bytes (the limit): it is ${size} bytes`
          : `row longer than ${limit} bytes (the limit): it is ${o.rowBytes.toLocaleString('en-GB')} bytes, its longest field ${size}`,
    };
  });
}

/**
 * Replacing a batch with fewer than half its rows, or with none (a header-only or cut-off
 * file), is almost always a mistake that would silently remove data, so it must be asked for.
 */
async function checkShrink(
  store: FactsStore,
  opts: ImportBatchOptions,
  batchId: string,
  files: readonly FileCheck[],
): Promise<void> {
  const [held] = await store.all<{ n: bigint }>(
    `SELECT count(*) AS n FROM ${ident(opts.table)} WHERE batch_id = $batch`,
    { batch: batchId },
  );
  const before = Number(held?.n ?? 0);
  if (before === 0) return;
  let after = 0;
  for (const f of files) {
    if (f.scan) after += f.scan.rows;
    else if (f.format === 'parquet' && f.issues.length === 0) {
      const [n] = await store.all<{ n: bigint }>('SELECT count(*) AS n FROM read_parquet($path)', {
        path: f.file,
      });
      after += Number(n?.n ?? 0);
    } else return; // a file that cannot be read is reported by validation instead
  }
  if (after > 0 && after * 2 >= before) return;
  const fmt = (k: number) => k.toLocaleString('en-GB');
  throw new BluelampError(
    'BAD_INPUT',
    `${opts.table}: batch "${batchId}" holds ${fmt(before)} rows and the new files hold ${fmt(after)}; replacing it would remove ${after === 0 ? 'all of them' : 'more than half of them'}, so nothing was imported.`,
    {
      hint: 'Check the files are complete (not just a header, not cut off). If the batch really is meant to shrink, import again with --allow-shrink.',
    },
  );
}

async function checkBatchOwner(store: FactsStore, batchId: string, table: string): Promise<void> {
  const owner = await store.all<{ table_name: string }>(
    'SELECT table_name FROM _batches WHERE batch_id = $batch',
    { batch: batchId },
  );
  const other = owner[0]?.table_name;
  if (other !== undefined && other !== table) {
    throw new BluelampError(
      'BAD_INPUT',
      `Batch "${batchId}" already holds ${other} rows, not ${table}.`,
      {
        hint: 'Choose another --batch id.',
      },
    );
  }
}

async function checkFileHeader(
  store: FactsStore,
  opts: ImportBatchOptions,
  file: string,
  format: Format,
): Promise<{ header: string[]; issues: ValidationIssue[] }> {
  const expected = opts.spec.columns.map((c) => c.name);
  let found: string[];
  if (format === 'csv') {
    const header = readCsvHeader(file);
    if (header === null)
      return {
        header: [],
        issues: [
          {
            file,
            line: 1,
            column: '(header)',
            value: null,
            rule: 'the file is empty: a header line is required',
          },
        ],
      };
    found = header;
  } else {
    try {
      const cols = await store.all<{ column_name: string }>(
        'DESCRIBE SELECT * FROM read_parquet($path)',
        { path: file },
      );
      found = cols.map((c) => c.column_name);
    } catch (e) {
      return {
        header: [],
        issues: [
          {
            file,
            line: null,
            column: '(file)',
            value: null,
            rule: `not a readable Parquet file: ${(e as Error).message}`,
          },
        ],
      };
    }
  }
  const omittable = opts.spec.columns.filter((c) => c.optionalInHeader).map((c) => c.name);
  const issues = checkHeader(file, found, expected, opts.publishedHeader, omittable);
  // A published header maps positionally onto the table's columns; a project header names them.
  return { header: opts.publishedHeader ? expected : found, issues };
}

async function stageFile(
  store: FactsStore,
  opts: ImportBatchOptions,
  check: FileCheck,
  name: string,
  onProgress: ImportBatchOptions['onProgress'],
): Promise<Stage> {
  const { file, format, header, scan } = check;
  const absent = absentFrom(opts.spec, header);
  const source =
    format === 'csv'
      ? csvSourceSql(header, new Set(), absent)
      : parquetSourceSql(opts.spec, new Set(), absent);
  const sql = stageRawSql(name, source);
  await clearRejects(store);
  try {
    await withProgress(
      store,
      () => store.run(sql, { path: check.readPath ?? file }),
      (fraction) => onProgress?.({ phase: 'read', file, fraction, rows: 0 }),
    );
  } catch (e) {
    // Mixed line ends are read from a uniform copy; any other structure the reader gives up on
    // is still the file's fault, not a bug.
    if (format === 'csv' && /invalid state/i.test((e as Error).message))
      throw new BluelampError(
        'BAD_INPUT',
        `${file}: the CSV reader could not follow this file's structure.`,
        {
          hint: 'Check the file is comma-separated UTF-8 text with one header line, its quotes closed, in the documented format (docs/data-format.md).',
        },
      );
    throw e;
  }
  const [count] = await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${ident(name)}`);
  const rows = Number(count?.n ?? 0);
  onProgress?.({ phase: 'read', file, fraction: 1, rows });
  if (format !== 'csv')
    return { name, file, format, rows, rejects: [], rejectedLines: [], skipTable: null };
  // A row over the size limit is reported from our own count (with its column), not the reader's.
  const oversize = new Set((scan?.oversize ?? []).map((o) => o.line));
  const rejects = (await csvRejects(store, scan)).filter(
    (r) => !(r.type === 'LINE SIZE OVER MAXIMUM' && oversize.has(r.line)),
  );
  const rejectedLines = [...new Set([...rejects.map((r) => r.line), ...oversize])].sort(
    (a, b) => a - b,
  );
  const skipTable = `${name}_skipped`;
  await store.run(`CREATE OR REPLACE TEMP TABLE ${ident(skipTable)} (adj BIGINT)`);
  for (let i = 0; i < rejectedLines.length; i += 1000) {
    const part = rejectedLines.slice(i, i + 1000);
    await store.run(
      `INSERT INTO ${ident(skipTable)} VALUES ${part.map((line, j) => `(${line - (i + j + 1)})`).join(', ')}`,
    );
  }
  return { name, file, format, rows, rejects, rejectedLines, skipTable };
}

async function validateStage(
  store: FactsStore,
  opts: ImportBatchOptions,
  stage: Stage,
  fileNo: number,
  scan: CsvRecordCount | undefined,
  batchId: string,
  problems: Problems,
): Promise<void> {
  const { file } = stage;
  const line = stagedLineSql(stage.skipTable);
  const add = (
    kind: ProblemKind,
    sql: string,
    select: Parameters<Problems['addQuery']>[6],
    params: Record<string, string> = {},
  ) => problems.addQuery(fileNo, file, kind, sql, params, line, select);
  await problems.add(
    fileNo,
    ProblemKind.Malformed,
    stage.rejects.map((r) => ({
      file,
      line: r.line,
      column: r.column,
      value: r.value,
      rule: r.rule,
    })),
  );

  // No silent loss: every record of the file is either staged or reported.
  if (scan) {
    const reported = stage.rejectedLines.length;
    if (stage.rows + reported !== scan.rows)
      await problems.add(fileNo, ProblemKind.File, [
        {
          file,
          line: null,
          column: '(file)',
          value: null,
          rule: `the file holds ${scan.rows.toLocaleString('en-GB')} rows but the CSV reader accounted for ${(stage.rows + reported).toLocaleString('en-GB')} (${stage.rows.toLocaleString('en-GB')} read, ${reported.toLocaleString('en-GB')} malformed); check the file's quoting and line ends`,
        },
      ]);
  }

  const [broken] = await store.all<{ n: bigint }>(brokenRowCountSql(opts.spec, stage.name));
  if (Number(broken?.n ?? 0) > 0) {
    // Only now, on the error path, is every broken rule of every broken row spelled out.
    // "column␟value␟rule": the column and rule are ours; the value is all between them.
    const col = 'split_part(q.e, chr(31), 1)';
    const rule = "regexp_extract(q.e, '[^\\x1f]*$')";
    await add(ProblemKind.Cell, cellErrorsSql(opts.spec, stage.name), {
      column: col,
      value: `nullif(q.e[length(${col}) + 2 : length(q.e) - length(${rule}) - 1], '')`,
      rule,
      pos: `list_position([${opts.spec.columns.map((c) => literal(c.name)).join(', ')}], ${col})`,
    });
  }

  const ruleSql = rowRuleSql(opts.spec, stage.name);
  if (ruleSql)
    await add(ProblemKind.RowRule, ruleSql, {
      column: 'q.column_name',
      value: 'q.value',
      rule: 'q.rule',
    });

  const key = opts.spec.key;
  const keyName = text(key.join(' + '));
  await add(ProblemKind.Key, duplicateKeySql(stage.name, opts.spec), {
    column: keyName,
    value: 'q.value',
    rule: text('duplicates an earlier row of this file (must be unique)'),
  });
  await add(
    ProblemKind.Key,
    keyInOtherBatchSql(stage.name, opts.table, opts.spec),
    {
      column: keyName,
      value: 'q.value',
      rule: `${literal('already imported in batch "')} || q.other || ${literal('" (must be unique)')}`,
    },
    { batch: batchId },
  );

  for (const c of opts.spec.columns) {
    if (!c.references) continue;
    await add(
      ProblemKind.Reference,
      missingReferenceSql(stage.name, c.name, c.references.table, c.references.column),
      {
        column: text(c.name),
        value: 'q.value',
        rule: text(
          `must refer to an imported ${c.references.table}.${c.references.column} (import ${c.references.table} first)`,
        ),
      },
    );
  }
}

async function duplicatesAcrossFiles(
  store: FactsStore,
  opts: ImportBatchOptions,
  stages: readonly Stage[],
  limit: number,
): Promise<ValidationIssue[]> {
  const rows = await store.all<{ _file: number; _row: bigint; value: string }>(
    duplicateAcrossStagesSql(
      stages.map((s) => s.name),
      opts.spec,
    ),
    { limit: BigInt(limit) },
  );
  return rows.map((r) => {
    const stage = stages[r._file] as Stage;
    return {
      file: stage.file,
      line: rowToLine(Number(r._row), stage.rejectedLines, stage.format),
      column: opts.spec.key.join(' + '),
      value: r.value,
      rule: 'duplicates a row of another file in this batch (must be unique)',
    };
  });
}

/** Replacing a batch must not leave rows of other tables pointing at crimes or people it removes. */
async function orphanedByReplacement(
  store: FactsStore,
  opts: ImportBatchOptions,
  stages: readonly Stage[],
  batchId: string,
): Promise<ValidationIssue[]> {
  const existing = await store.all('SELECT 1 FROM _batches WHERE batch_id = $batch', {
    batch: batchId,
  });
  if (existing.length === 0) return [];
  const issues: ValidationIssue[] = [];
  for (const [table, spec] of Object.entries(allTableSpecs())) {
    for (const c of spec.columns) {
      if (c.references?.table !== opts.table) continue;
      const target = ident(c.references.column);
      const keptKeys =
        stages.map((s) => `SELECT ${target} FROM ${ident(s.name)}`).join(' UNION ALL ') ||
        `SELECT NULL AS ${target}`;
      const [row] = await store.all<{ n: bigint }>(
        `SELECT count(*) AS n FROM ${ident(table)} r
         WHERE r.${ident(c.name)} IN (SELECT ${target} FROM ${ident(opts.table)} WHERE batch_id = $batch)
           AND r.${ident(c.name)} NOT IN (${keptKeys})`,
        { batch: batchId },
      );
      const n = Number(row?.n ?? 0);
      if (n > 0) {
        issues.push({
          file: opts.files.join(', '),
          line: null,
          column: c.references.column,
          value: null,
          rule: `replacing batch "${batchId}" would remove ${n} ${c.references.table} row${n === 1 ? '' : 's'} still referred to by ${table}.${c.name}; re-import or remove those first`,
        });
      }
    }
  }
  return issues;
}

async function commit(
  store: FactsStore,
  opts: ImportBatchOptions,
  stages: readonly Stage[],
  batchId: string,
  now: () => Date,
): Promise<number> {
  const done = await replaceBatch(
    store,
    { table: opts.table, batchId, ...(opts.faultAt ? { faultAt: opts.faultAt } : {}) },
    async (fault) => {
      for (const [i, s] of stages.entries()) {
        await store.run(insertFromStageSql(opts.table, opts.spec, s.name), { batch: batchId });
        fault(`after-insert:${i}`);
      }
      return true;
    },
    () => recordBatch(store, opts, batchId, now),
  );
  return done?.replacedRows ?? 0;
}

/** Records (or re-records) the batch: its files, rows, date range and when it was imported. */
async function recordBatch(
  store: FactsStore,
  opts: ImportBatchOptions,
  batchId: string,
  now: () => Date,
): Promise<void> {
  const table = ident(opts.table);
  const dated = dateColumnExpr(opts.spec);
  const range = dated
    ? `SELECT min(${dated}) AS lo, max(${dated}) AS hi, count(*) AS n FROM ${table} WHERE batch_id = $batch`
    : `SELECT NULL::TIMESTAMP AS lo, NULL::TIMESTAMP AS hi, count(*) AS n FROM ${table} WHERE batch_id = $batch`;
  await store.run(BUMP_DATA_VERSION_SQL);
  await store.run('DELETE FROM _batches WHERE batch_id = $batch', { batch: batchId });
  await store.run(
    `INSERT INTO _batches SELECT $batch, $table, $files, n, $at::TIMESTAMP, lo, hi FROM (${range})`,
    {
      batch: batchId,
      table: opts.table,
      files: JSON.stringify(opts.files.map((f) => basename(f))),
      at: londonIso(now()),
    },
  );
}

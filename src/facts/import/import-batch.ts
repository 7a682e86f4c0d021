import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { BluelampError, type ValidationIssue } from '../../lib/errors.ts';
import {
  csvSourceSql,
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
} from '../sql.ts';
import type { TableSpec } from '../tables.ts';
import { allTableSpecs, type FactsStore } from '../store.ts';
import { readCsvHeader } from './csv-header.ts';
import { checkHeader } from './check-header.ts';
import { withProgress, type ImportProgress } from './progress.ts';
import { clearRejects, csvRejects, type Reject } from './rejects.ts';
import { replaceBatch } from './replace-batch.ts';
import { tryFastPath } from './fast-path.ts';
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
  /** How many issues to collect per check (the total is always counted). */
  readonly issueLimit?: number;
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
  const started = Date.now();
  const now = opts.now ?? (() => new Date());
  const limit = opts.issueLimit ?? 100_000;
  const batchId = opts.batchId ?? defaultBatchId(opts.table, opts.files);
  if (opts.files.length === 0)
    throw new BluelampError('BAD_INPUT', 'No files given.', {
      hint: 'Name one or more CSV or Parquet files.',
    });
  for (const f of opts.files) {
    if (!existsSync(f) || !statSync(f).isFile())
      throw new BluelampError('FILE_NOT_FOUND', `${f}: no such file.`);
  }
  await checkBatchOwner(store, batchId, opts.table);

  const headers: { file: string; format: Format; header: string[]; issues: ValidationIssue[] }[] =
    [];
  for (const file of opts.files) {
    const format = formatOf(file);
    headers.push({ file, format, ...(await checkFileHeader(store, opts, file, format)) });
  }
  if (headers.every((h) => h.issues.length === 0)) {
    const fast = await tryFastPath(store, opts, headers, batchId, () =>
      recordBatch(store, opts, batchId, now),
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

  // The detail path: every file staged as text, every rule checked, every problem listed.
  const issues: ValidationIssue[] = [];
  let issueCount = 0;
  const stages: Stage[] = [];
  try {
    for (const [i, { file, format, header, issues: headerIssues }] of headers.entries()) {
      if (headerIssues.length > 0) {
        issues.push(...headerIssues);
        issueCount += headerIssues.length;
        continue;
      }
      const stage = await stageFile(
        store,
        opts,
        file,
        format,
        header,
        `bl_stage_${i}`,
        opts.onProgress,
      );
      stages.push(stage);
      const found = await validateStage(store, opts, stage, batchId, limit);
      issueCount += found.count;
      issues.push(...found.issues.slice(0, Math.max(0, limit - issues.length)));
    }
    if (stages.length > 1 && issueCount === 0) {
      const dup = await duplicatesAcrossFiles(store, opts, stages, limit);
      issueCount += dup.length;
      issues.push(...dup);
    }
    if (issueCount === 0) {
      const orphans = await orphanedByReplacement(store, opts, stages, batchId);
      issueCount += orphans.length;
      issues.push(...orphans);
    }
    if (issueCount > 0) {
      // In file order, then line order, so a person can work down the file.
      const fileOrder = (f: string) => opts.files.indexOf(f);
      issues.sort((a, b) => fileOrder(a.file) - fileOrder(b.file) || (a.line ?? 0) - (b.line ?? 0));
      throw new BluelampError(
        'VALIDATION_FAILED',
        `${opts.table}: ${issueCount} problem${issueCount === 1 ? '' : 's'} found in ${opts.files.length} file${opts.files.length === 1 ? '' : 's'}; nothing was imported.`,
        {
          issues,
          hint: 'Correct the rows listed and import the batch again. The format is in docs/data-format.md.',
        },
      );
    }
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
    for (const s of stages) await store.run(`DROP TABLE IF EXISTS ${ident(s.name)}`);
  }
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
  const issues = checkHeader(file, found, expected, opts.publishedHeader);
  // A published header maps positionally onto the table's columns; a project header names them.
  return { header: opts.publishedHeader ? expected : found, issues };
}

async function stageFile(
  store: FactsStore,
  opts: ImportBatchOptions,
  file: string,
  format: Format,
  header: readonly string[],
  name: string,
  onProgress: ImportBatchOptions['onProgress'],
): Promise<Stage> {
  const source =
    format === 'csv'
      ? csvSourceSql(opts.spec, header, 'detail')
      : parquetSourceSql(opts.spec, 'detail');
  const sql = stageRawSql(name, source);
  await clearRejects(store);
  await withProgress(
    store,
    () => store.run(sql, { path: file }),
    (fraction) => onProgress?.({ phase: 'read', file, fraction, rows: 0 }),
  );
  const [count] = await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${ident(name)}`);
  const rows = Number(count?.n ?? 0);
  onProgress?.({ phase: 'read', file, fraction: 1, rows });
  const rejects = format === 'csv' ? await csvRejects(store) : [];
  const rejectedLines = [...new Set(rejects.map((r) => r.line))].sort((a, b) => a - b);
  return { name, file, format, rows, rejects, rejectedLines };
}

async function validateStage(
  store: FactsStore,
  opts: ImportBatchOptions,
  stage: Stage,
  batchId: string,
  limit: number,
): Promise<{ count: number; issues: ValidationIssue[] }> {
  const format = stage.format;
  const issues: ValidationIssue[] = [];
  const toLine = (row: bigint | number) => rowToLine(Number(row), stage.rejectedLines, format);
  const rejects = stage.rejects;
  for (const r of rejects)
    issues.push({ file: stage.file, line: r.line, column: r.column, value: r.value, rule: r.rule });

  let cellErrors = 0;
  const [broken] = await store.all<{ n: bigint }>(brokenRowCountSql(opts.spec, stage.name));
  if (Number(broken?.n ?? 0) > 0) {
    // Only now, on the error path, is every broken rule of every broken row spelled out.
    const detail = cellErrorsSql(opts.spec, stage.name);
    const [counted] = await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM (${detail})`);
    cellErrors = Number(counted?.n ?? 0);
    const rows = await store.all<{ _row: bigint; e: string }>(
      `${detail} ORDER BY _row LIMIT $limit`,
      { limit: BigInt(limit) },
    );
    for (const r of rows) {
      const [column = '', value = '', rule = ''] = r.e.split('\x1f');
      issues.push({
        file: stage.file,
        line: toLine(r._row),
        column,
        value: value === '' ? null : value,
        rule,
      });
    }
  }
  let count = rejects.length + cellErrors;

  const ruleSql = rowRuleSql(opts.spec, stage.name);
  if (ruleSql) {
    const broken = await store.all<{
      _row: bigint;
      column_name: string;
      value: string | null;
      rule: string;
    }>(ruleSql);
    count += broken.length;
    for (const b of broken.slice(0, limit))
      issues.push({
        file: stage.file,
        line: toLine(b._row),
        column: b.column_name,
        value: b.value,
        rule: b.rule,
      });
  }

  const key = opts.spec.key;
  const keyName = key.join(' + ');
  const dups = await store.all<{ _row: bigint; value: string }>(duplicateKeySql(stage.name, key), {
    limit: BigInt(limit),
  });
  count += dups.length;
  for (const d of dups)
    issues.push({
      file: stage.file,
      line: toLine(d._row),
      column: keyName,
      value: d.value,
      rule: 'duplicates an earlier row of this file (must be unique)',
    });

  const other = await store.all<{ _row: bigint; value: string; other: string }>(
    keyInOtherBatchSql(stage.name, opts.table, key),
    {
      batch: batchId,
      limit: BigInt(limit),
    },
  );
  count += other.length;
  for (const d of other)
    issues.push({
      file: stage.file,
      line: toLine(d._row),
      column: keyName,
      value: d.value,
      rule: `already imported in batch "${d.other}" (must be unique)`,
    });

  for (const c of opts.spec.columns) {
    if (!c.references) continue;
    const missing = await store.all<{ _row: bigint; value: string }>(
      missingReferenceSql(stage.name, c.name, c.references.table, c.references.column),
      { limit: BigInt(limit) },
    );
    count += missing.length;
    for (const m of missing) {
      issues.push({
        file: stage.file,
        line: toLine(m._row),
        column: c.name,
        value: m.value,
        rule: `must refer to an imported ${c.references.table}.${c.references.column} (import ${c.references.table} first)`,
      });
    }
  }
  return { count, issues };
}

async function duplicatesAcrossFiles(
  store: FactsStore,
  opts: ImportBatchOptions,
  stages: readonly Stage[],
  limit: number,
): Promise<ValidationIssue[]> {
  const key = opts.spec.key.map(ident).join(', ');
  const union = stages
    .map((s, i) => `SELECT ${key}, ${i} AS _file, rowid AS _row FROM ${ident(s.name)}`)
    .join(' UNION ALL ');
  const rows = await store.all<{ _file: number; _row: bigint; value: string }>(
    `SELECT _file, _row, value FROM (SELECT _file, _row, concat_ws(' / ', ${key}) AS value,
       row_number() OVER (PARTITION BY ${key} ORDER BY _file, _row) AS n FROM (${union})) WHERE n > 1 ORDER BY _file, _row LIMIT $limit`,
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

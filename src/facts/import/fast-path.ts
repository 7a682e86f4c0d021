import { BluelampError } from '../../lib/errors.ts';
import {
  batchDuplicateSql,
  batchKeyInOtherBatchSql,
  batchRowRuleSql,
  csvSourceSql,
  fastInsertSql,
  ident,
  parquetSourceSql,
  unmatchedReferenceSql,
} from '../sql.ts';
import { allTableSpecs, type FactsStore } from '../store.ts';
import type { ImportBatchOptions } from './import-batch.ts';
import { withProgress } from './progress.ts';

export interface FastFile {
  readonly file: string;
  readonly format: 'csv' | 'parquet';
  /** The column names in file order (already checked). */
  readonly header: readonly string[];
}

/**
 * The fast path: inside one transaction, replace the batch by reading each file straight into the
 * table with guarded values, then check keys, references and row rules on the batch's rows. Any
 * problem rolls everything back and returns null, and the caller takes the detail path, which
 * lists every problem (or imports a valid file written in the documented non-canonical forms).
 * Errors that are not about the data (an injected fault, a held lock) are rethrown after the rollback.
 */
export async function tryFastPath(
  store: FactsStore,
  opts: ImportBatchOptions,
  files: readonly FastFile[],
  batchId: string,
  recordBatch: () => Promise<void>,
): Promise<{ rows: number; replacedRows: number } | null> {
  const table = ident(opts.table);
  const fault = opts.faultAt ?? (() => undefined);
  const found = async (sql: string | null, params: Record<string, string> = { batch: batchId }) =>
    sql !== null && (await store.all(sql, params)).length > 0;
  await store.run('BEGIN TRANSACTION');
  let done = false;
  try {
    const [old] = await store.all<{ n: bigint }>(
      `SELECT count(*) AS n FROM ${table} WHERE batch_id = $batch`,
      { batch: batchId },
    );
    const replacedRows = Number(old?.n ?? 0);
    await store.run(`DELETE FROM ${table} WHERE batch_id = $batch`, { batch: batchId });
    fault('after-delete');
    for (const [i, f] of files.entries()) {
      await store.run('DROP TABLE IF EXISTS bl_rejects');
      await store.run('DROP TABLE IF EXISTS bl_rejects_scan');
      const source =
        f.format === 'csv'
          ? csvSourceSql(opts.spec, f.header, 'fast')
          : parquetSourceSql(opts.spec, 'fast');
      try {
        await withProgress(
          store,
          () =>
            store.run(fastInsertSql(opts.table, opts.spec, source), {
              path: f.file,
              batch: batchId,
            }),
          (fraction) => opts.onProgress?.({ phase: 'read', file: f.file, fraction, rows: 0 }),
        );
      } catch (e) {
        if (e instanceof BluelampError) throw e;
        return null; // a value broke a rule or is not in canonical form
      }
      if (
        f.format === 'csv' &&
        (await store.all("SELECT 1 FROM duckdb_tables() WHERE table_name = 'bl_rejects'")).length >
          0
      ) {
        if ((await store.all('SELECT 1 FROM bl_rejects LIMIT 1')).length > 0) return null;
      }
      const [sofar] = await store.all<{ n: bigint }>(
        `SELECT count(*) AS n FROM ${table} WHERE batch_id = $batch`,
        { batch: batchId },
      );
      opts.onProgress?.({ phase: 'read', file: f.file, fraction: 1, rows: Number(sofar?.n ?? 0) });
      fault(`after-insert:${i}`);
    }
    const spec = opts.spec;
    if (await found(batchDuplicateSql(opts.table, spec.key))) return null;
    if (await found(batchKeyInOtherBatchSql(opts.table, spec.key))) return null;
    for (const c of spec.columns) {
      if (
        c.references &&
        (await found(
          unmatchedReferenceSql(opts.table, c.name, c.references.table, c.references.column, true),
        ))
      )
        return null;
    }
    if (await found(batchRowRuleSql(opts.table, spec.rowRules ?? []))) return null;
    if (replacedRows > 0) {
      for (const [other, otherSpec] of Object.entries(allTableSpecs())) {
        for (const c of otherSpec.columns) {
          if (
            c.references?.table === opts.table &&
            (await found(
              unmatchedReferenceSql(other, c.name, opts.table, c.references.column, false),
              {},
            ))
          )
            return null;
        }
      }
    }
    const [count] = await store.all<{ n: bigint }>(
      `SELECT count(*) AS n FROM ${table} WHERE batch_id = $batch`,
      { batch: batchId },
    );
    if (opts.validateOnly) return { rows: Number(count?.n ?? 0), replacedRows };
    await recordBatch();
    fault('before-commit');
    await store.run('COMMIT');
    done = true;
    opts.onProgress?.({ phase: 'load', file: '', fraction: 1, rows: Number(count?.n ?? 0) });
    return { rows: Number(count?.n ?? 0), replacedRows };
  } finally {
    if (!done) await store.run('ROLLBACK');
  }
}

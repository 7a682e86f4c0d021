import { BluelampError } from '../../lib/errors.ts';
import {
  absentFrom,
  batchDuplicateSql,
  batchKeyInOtherBatchSql,
  batchRowRuleSql,
  csvSourceSql,
  fastInsertSql,
  ident,
  nativeBooleanColumns,
  parquetSourceSql,
  PARQUET_TYPES_SQL,
  RULES,
  unmatchedReferenceSql,
} from '../sql.ts';
import { allTableSpecs, type FactsStore } from '../store.ts';
import type { ImportBatchOptions } from './import-batch.ts';
import { withProgress } from './progress.ts';
import { clearRejects, csvRejects } from './rejects.ts';
import type { ControlBytes } from './csv-records.ts';
import { replaceBatch } from './replace-batch.ts';

export interface FastFile {
  readonly file: string;
  readonly format: 'csv' | 'parquet';
  /** The column names in file order (already checked). */
  readonly header: readonly string[];
  /** The file's records as counted independently of the reader (CSV): each must be loaded. */
  readonly records?: number;
  /** Where the reader reads it, when not `file` (a copy with uniform line ends). */
  readonly readPath?: string;
  /** Control characters found in the file's bytes (CSV): rules they cannot break are skipped. */
  readonly controls?: ControlBytes;
}

/** The control-character rules no value of a file can break, given the bytes it holds. */
export function provenRules(controls: ControlBytes | undefined): Set<string> {
  const proven = new Set<string>();
  if (!controls || controls.text) return proven;
  proven.add(RULES.textControl);
  // Ids also refuse tabs and line breaks; a line break outside quotes ends the record.
  if (!controls.tab && !controls.quotedBreak) proven.add(RULES.idControl);
  return proven;
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
  const found = async (sql: string | null, params: Record<string, string> = { batch: batchId }) =>
    sql !== null && (await store.all(sql, params)).length > 0;
  const spec = opts.spec;
  // Parquet booleans stored as BOOLEAN are taken as they are (their text would only be cast back).
  const parquetNative = async (file: string): Promise<Set<string>> => {
    const types = await store.all<{ column_name: string; column_type: string }>(PARQUET_TYPES_SQL, {
      path: file,
    });
    const plain = nativeBooleanColumns(spec);
    return new Set(
      types
        .filter((t) => t.column_type === 'BOOLEAN' && plain.has(t.column_name))
        .map((t) => t.column_name),
    );
  };
  const load = async (fault: (point: string) => void, replacedRows: number): Promise<boolean> => {
    let rows = 0;
    for (const [i, f] of files.entries()) {
      await clearRejects(store);
      const native = f.format === 'csv' ? nativeBooleanColumns(spec) : await parquetNative(f.file);
      const absent = absentFrom(spec, f.header);
      const source =
        f.format === 'csv'
          ? csvSourceSql(f.header, native, absent)
          : parquetSourceSql(spec, native, absent);
      try {
        await withProgress(
          store,
          () =>
            store.run(
              fastInsertSql(opts.table, spec, source, { native, proven: provenRules(f.controls) }),
              {
                path: f.readPath ?? f.file,
                batch: batchId,
              },
            ),
          (fraction) => opts.onProgress?.({ phase: 'read', file: f.file, fraction, rows }),
        );
      } catch (e) {
        if (e instanceof BluelampError) throw e;
        return false; // a value broke a rule or is not in canonical form
      }
      if (f.format === 'csv' && (await csvRejects(store)).length > 0) return false;
      const [sofar] = await store.all<{ n: bigint }>(
        `SELECT count(*) AS n FROM ${ident(opts.table)} WHERE batch_id = $batch`,
        { batch: batchId },
      );
      const before = rows;
      rows = Number(sofar?.n ?? 0);
      // A row the reader dropped without a reject: the detail path reports the difference.
      if (f.records !== undefined && rows - before !== f.records) return false;
      opts.onProgress?.({ phase: 'read', file: f.file, fraction: 1, rows });
      fault(`after-insert:${i}`);
    }
    if (await found(batchDuplicateSql(opts.table, spec.key))) return false;
    if (await found(batchKeyInOtherBatchSql(opts.table, spec.key))) return false;
    for (const c of spec.columns) {
      const ref = c.references;
      if (
        ref &&
        (await found(unmatchedReferenceSql(opts.table, c.name, ref.table, ref.column, true)))
      )
        return false;
    }
    if (await found(batchRowRuleSql(opts.table, spec.rowRules ?? []))) return false;
    if (replacedRows > 0) {
      for (const [other, otherSpec] of Object.entries(allTableSpecs())) {
        for (const c of otherSpec.columns) {
          const ref = c.references;
          if (
            ref?.table === opts.table &&
            (await found(unmatchedReferenceSql(other, c.name, opts.table, ref.column, false), {}))
          )
            return false;
        }
      }
    }
    return true;
  };

  const done = await replaceBatch(
    store,
    {
      table: opts.table,
      batchId,
      ...(opts.faultAt ? { faultAt: opts.faultAt } : {}),
      ...(opts.validateOnly ? { validateOnly: true } : {}),
    },
    load,
    recordBatch,
  );
  if (done && !opts.validateOnly)
    opts.onProgress?.({ phase: 'load', file: '', fraction: 1, rows: done.rows });
  return done;
}

import { ident } from '../sql.ts';
import { commitDurably, type FactsStore } from '../store.ts';
import { tracePhase } from '../../lib/trace.ts';
import { captureChangedRows, refreshAggregates } from '../aggregates.ts';

/**
 * Replaces a batch in one transaction, for both import paths: the batch's old rows go, `load`
 * writes and checks the new ones, the batch is recorded, and the transaction commits. `load`
 * returning false, `validateOnly`, or anything thrown rolls everything back. The test hook
 * `faultAt` fires at `after-delete`, at whatever points `load` names, at `record`, at
 * `aggregates` (before the monthly aggregates are rebuilt: src/facts/aggregates.ts) and at
 * `before-commit`; with BLUELAMP_TRACE_PHASES=1 each point (and `begin`, `committed`) is also named
 * on stderr, for the crash test. The commit is a checkpoint (`commitDurably`): see there why.
 */
export async function replaceBatch(
  store: FactsStore,
  args: {
    readonly table: string;
    readonly batchId: string;
    readonly faultAt?: (point: string) => void;
    readonly validateOnly?: boolean;
  },
  /** Writes and checks the new rows; told how many old rows were removed. */
  load: (fault: (point: string) => void, replacedRows: number) => Promise<boolean>,
  record: () => Promise<void>,
): Promise<{ rows: number; replacedRows: number } | null> {
  const table = ident(args.table);
  const batch = { batch: args.batchId };
  const fault = (point: string) => {
    tracePhase(point);
    args.faultAt?.(point);
  };
  const countRows = async () =>
    Number(
      (
        await store.all<{ n: bigint }>(
          `SELECT count(*) AS n FROM ${table} WHERE batch_id = $batch`,
          batch,
        )
      )[0]?.n ?? 0,
    );
  tracePhase('begin');
  await store.run('BEGIN TRANSACTION');
  let committed = false;
  try {
    const replacedRows = await countRows();
    // What the aggregates' refresh needs of the old rows (their months), before they go.
    await captureChangedRows(store, { table: args.table, batchId: args.batchId });
    await store.run(`DELETE FROM ${table} WHERE batch_id = $batch`, batch);
    fault('after-delete');
    if (!(await load(fault, replacedRows))) return null;
    const rows = await countRows();
    if (args.validateOnly) return { rows, replacedRows };
    fault('record');
    await record();
    fault('aggregates');
    // The months of the monthly aggregates this batch's old and new rows alter are rebuilt in
    // the same transaction.
    await refreshAggregates(store, { table: args.table, batchId: args.batchId });
    fault('before-commit');
    await commitDurably(store);
    committed = true;
    tracePhase('committed');
    return { rows, replacedRows };
  } finally {
    if (!committed) await store.run('ROLLBACK');
  }
}

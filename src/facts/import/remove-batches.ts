import { BUMP_DATA_VERSION_SQL, ident } from '../sql.ts';
import { allTableSpecs, type FactsStore } from '../store.ts';
import { refreshAggregates } from '../aggregates.ts';

/**
 * Removes every batch whose id starts with `prefix` (rows in every fact table and their batch
 * records) in one transaction, and bumps the data version. Part of the importers' public API, so
 * the demo can start clean without writing facts SQL of its own.
 */
export async function removeBatchesWithPrefix(store: FactsStore, prefix: string): Promise<void> {
  await store.run('BEGIN TRANSACTION');
  try {
    for (const name of Object.keys(allTableSpecs())) {
      await store.run(`DELETE FROM ${ident(name)} WHERE starts_with(batch_id, $prefix)`, {
        prefix,
      });
    }
    await store.run(BUMP_DATA_VERSION_SQL);
    await store.run('DELETE FROM _batches WHERE starts_with(batch_id, $prefix)', { prefix });
    await refreshAggregates(store, null);
    await store.run('COMMIT');
  } catch (e) {
    await store.run('ROLLBACK');
    throw e;
  }
}

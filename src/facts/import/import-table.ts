import { BluelampError } from '../../lib/errors.ts';
import { isProjectTable, PROJECT_TABLE_NAMES, TABLES } from '../tables.ts';
import type { FactsStore } from '../store.ts';
import { importBatch, type ImportBatchOptions, type ImportResult } from './import-batch.ts';

export type ImportTableOptions = Omit<
  ImportBatchOptions,
  'table' | 'spec' | 'files' | 'publishedHeader'
>;

/** `bluelamp import TABLE FILES…`: a batch of project-format files for one table. */
export async function importTable(
  store: FactsStore,
  table: string,
  files: readonly string[],
  opts: ImportTableOptions = {},
): Promise<ImportResult> {
  if (!isProjectTable(table)) {
    throw new BluelampError('UNKNOWN_TABLE', `There is no table "${table}".`, {
      hint: `Tables: ${PROJECT_TABLE_NAMES.join(', ')}; or "police-uk" for data.police.uk files.`,
    });
  }
  return importBatch(store, { ...opts, table, spec: TABLES[table], files });
}

import { allTableSpecs, type FactsStore } from './store.ts';
import { checkAggregates } from './aggregates.ts';
import {
  batchAccountSql,
  danglingReferenceSql,
  DATA_VERSION_ROWS_SQL,
  DUPLICATE_BATCHES_SQL,
  BATCH_TABLES_SQL,
} from './check-sql.ts';

/**
 * `bluelamp check`: proves the store is whole. Every fact table's rows belong to a recorded batch
 * of that table and number exactly what the batch records; every recorded batch has its rows;
 * every reference between fact tables resolves; the data version is there; every current monthly
 * aggregate equals its recomputation from the raw facts. An import is one
 * transaction, so none of this can fail after a crash; a failure here means the store was
 * changed outside Bluelamp or a bug, and the list says exactly where.
 */
export interface CheckProblem {
  readonly check: 'batches' | 'references' | 'data_version' | 'aggregates';
  readonly table: string | null;
  readonly message: string;
}

export interface CheckResult {
  readonly ok: boolean;
  readonly tables: number;
  readonly batches: number;
  readonly references: number;
  readonly dataVersion: number | null;
  /** Monthly aggregates compared with their recomputation from the raw facts. */
  readonly aggregates: number;
  /** Aggregates not current at the data version (not read; rebuilt by the next import or read). */
  readonly staleAggregates: readonly string[];
  readonly problems: readonly CheckProblem[];
}

const n = (v: unknown) => Number(v ?? 0);
const rows = (k: number) => `${k.toLocaleString('en-GB')} row${k === 1 ? '' : 's'}`;

async function checkBatches(store: FactsStore, table: string): Promise<CheckProblem[]> {
  const found = await store.all<{
    batch_id: string | null;
    held: bigint;
    recorded: bigint | null;
  }>(batchAccountSql(table), { table });
  return found.map((b): CheckProblem => {
    const batch = b.batch_id === null ? 'no batch id' : `batch "${b.batch_id}"`;
    const message =
      b.recorded === null
        ? `${rows(n(b.held))} with ${batch}, which is not recorded in _batches (rows outside any batch, as a torn import would leave)`
        : n(b.held) === 0
          ? `${batch} is recorded with ${rows(n(b.recorded))} but the table holds none of them`
          : `${batch} is recorded with ${rows(n(b.recorded))} but the table holds ${rows(n(b.held))}`;
    return { check: 'batches', table, message };
  });
}

export async function checkStore(
  store: FactsStore,
  /**
   * `aggregates: false` leaves out the recomputation of the monthly aggregates from the raw facts
   * (a scan of every fact table): the data page checks on every request, `bluelamp check` in full.
   */
  opts: { aggregates?: boolean } = {},
): Promise<CheckResult> {
  const specs = allTableSpecs();
  const names = Object.keys(specs);
  const problems: CheckProblem[] = [];

  const versions = await store.all<{ value: bigint }>(DATA_VERSION_ROWS_SQL);
  if (versions.length !== 1)
    problems.push({
      check: 'data_version',
      table: '_meta',
      message:
        versions.length === 0
          ? 'the data version is missing from _meta'
          : `the data version is recorded ${versions.length} times in _meta`,
    });

  for (const d of await store.all<{ batch_id: string; n: bigint }>(DUPLICATE_BATCHES_SQL))
    problems.push({
      check: 'batches',
      table: '_batches',
      message: `batch "${d.batch_id}" is recorded ${n(d.n)} times`,
    });
  const recorded = await store.all<{ batch_id: string; table_name: string }>(BATCH_TABLES_SQL);
  for (const u of recorded.filter((b) => !(b.table_name in specs)))
    problems.push({
      check: 'batches',
      table: '_batches',
      message: `batch "${u.batch_id}" is recorded for a table that does not exist ("${u.table_name}")`,
    });
  for (const table of names) problems.push(...(await checkBatches(store, table)));

  let references = 0;
  for (const [table, spec] of Object.entries(specs)) {
    for (const c of spec.columns) {
      const ref = c.references;
      if (!ref) continue;
      references++;
      const [row] = await store.all<{ n: bigint }>(
        danglingReferenceSql(table, c.name, ref.table, ref.column),
      );
      const dangling = n(row?.n);
      if (dangling > 0)
        problems.push({
          check: 'references',
          table,
          message: `${rows(dangling)} of ${table}: ${c.name} names no ${ref.table}.${ref.column}`,
        });
    }
  }

  const aggregates =
    opts.aggregates === false
      ? { checked: 0, problems: [], stale: [] }
      : await checkAggregates(store);
  for (const p of aggregates.problems)
    problems.push({ check: 'aggregates', table: `_agg_${p.name}`, message: p.message });

  return {
    ok: problems.length === 0,
    tables: names.length,
    batches: recorded.length,
    references,
    aggregates: aggregates.checked,
    staleAggregates: aggregates.stale,
    dataVersion: versions.length === 1 ? n(versions[0]?.value) : null,
    problems,
  };
}

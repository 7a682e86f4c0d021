import { createHash } from 'node:crypto';
import type { FactsStore } from '../facts/store.ts';
import type { CompiledQuery } from './compile.ts';

/**
 * Results of the engine's queries, kept in the facts store against the facts' data version.
 * Every committed import bumps the version, so a cached result is never older than the data:
 * the scorecard, the report and each measure page can share one computation until the next
 * import. Old versions' rows are dropped when a new one is written.
 */
type Row = Record<string, unknown>;

const keyOf = (q: CompiledQuery) =>
  createHash('sha256').update(q.sql).update('\0').update(JSON.stringify(q.params)).digest('hex');
const toJson = (rows: Row[]) =>
  JSON.stringify(rows, (_k, v: unknown) =>
    typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : v,
  );

export interface QueryCache {
  get(q: CompiledQuery): Promise<Row[] | null>;
  put(q: CompiledQuery, rows: Row[]): Promise<void>;
}

export function queryCache(
  store: FactsStore,
  version: number,
  now: () => Date = () => new Date(),
): QueryCache {
  let pruned = false;
  return {
    async get(q) {
      const [hit] = await store.all<{ rows: string }>(
        'SELECT rows FROM _query_cache WHERE key = $key AND data_version = $version',
        {
          key: keyOf(q),
          version,
        },
      );
      return hit ? (JSON.parse(hit.rows) as Row[]) : null;
    },
    async put(q, rows) {
      // A read-only store (a data directory that cannot be written) is read, never cached into.
      if (store.readOnly) return;
      if (!pruned) {
        await store.run('DELETE FROM _query_cache WHERE data_version <> $version', { version });
        pruned = true;
      }
      await store.run('DELETE FROM _query_cache WHERE key = $key', { key: keyOf(q) });
      await store.run('INSERT INTO _query_cache VALUES ($key, $version, $rows, $at::TIMESTAMP)', {
        key: keyOf(q),
        version,
        rows: toJson(rows),
        at: now().toISOString().slice(0, 19),
      });
    },
  };
}

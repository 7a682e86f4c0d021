import type { ImportProgress } from '../facts/import/progress.ts';
import { importTable } from '../facts/import/import-table.ts';
import { importPoliceUk } from '../facts/police-uk/import-police-uk.ts';
import { prepareAggregates } from '../measures/aggregates.ts';
import type { FactsStore, Params, Row } from '../facts/store.ts';
import { PROJECT_TABLE_NAMES } from '../facts/tables.ts';
import { BluelampError, type ValidationIssue } from '../lib/errors.ts';
import type { WebImports } from '../web/deps.ts';
import type { FactsSource } from './facts-source.ts';

/**
 * Imports from the web app, on the store the serving process holds. An import runs on a DuckDB
 * connection of its own (`store.connect()`), so pages keep reading the committed facts on the
 * main connection while it reads, checks and loads (DuckDB isolates the transactions). Only its
 * COMMIT waits for running reads to finish and holds new ones back (a gate): the commit is one
 * checkpoint of the file (src/facts/store.ts `commitDurably`), which DuckDB can take only when no
 * other transaction is open. Imports run one at a time.
 */
export interface ImportGate {
  /** Runs one statement of a reader, after any open import transaction ends. */
  read<T>(work: () => Promise<T>): Promise<T>;
  /** The store an import writes through: its COMMIT waits for readers and holds new ones back. */
  writer(store: FactsStore): FactsStore;
  /** Runs imports one after another. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export function importGate(): ImportGate {
  let held: Promise<void> | null = null;
  let release: (() => void) | null = null;
  let readers = 0;
  let drained: (() => void) | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const acquire = async () => {
    while (held) await held;
    held = new Promise<void>((r) => (release = r));
    while (readers > 0) await new Promise<void>((r) => (drained = r));
  };
  const letGo = () => {
    const r = release;
    held = null;
    release = null;
    r?.();
  };
  return {
    async read(work) {
      while (held) await held;
      readers++;
      try {
        return await work();
      } finally {
        readers--;
        if (readers === 0) drained?.();
      }
    },
    writer(store) {
      return {
        ...store,
        path: store.path,
        connection: store.connection,
        all: <T extends Row = Row>(sql: string, params?: Params) => store.all<T>(sql, params),
        async run(sql: string, params?: Params) {
          const commits = /^\s*COMMIT\b/i.test(sql);
          if (!commits) return store.run(sql, params);
          await acquire();
          try {
            await store.run(sql, params);
          } finally {
            letGo();
          }
        },
        interrupt: (reason: Error) => store.interrupt(reason),
        close: () => undefined,
      };
    },
    exclusive(work) {
      const next = queue.then(work, work);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** The facts as readers see them: every statement passes the gate. */
export function gatedFacts(source: FactsSource, gate: ImportGate): FactsSource {
  const wrap = (store: FactsStore): FactsStore => ({
    ...store,
    all: <T extends Row = Row>(sql: string, params?: Params) =>
      gate.read(() => store.all<T>(sql, params)),
    run: (sql: string, params?: Params) => gate.read(() => store.run(sql, params)),
  });
  const current = async () => {
    const v = await gate.read(() => source.current());
    return { ...v, store: wrap(v.store) };
  };
  return {
    kind: source.kind,
    writable: source.writable,
    close: () => source.close(),
    current,
    use: async (work) => work(await current()),
    refresh: () => gate.read(() => source.refresh()),
  };
}

/** How the web app shows one problem: where it is and the rule, never the cell or the row. */
export function issueText(i: ValidationIssue): string {
  const line = i.line === null ? '' : `, line ${i.line.toLocaleString('en-GB')}`;
  return `${i.file.split(/[\\/]/).pop() ?? i.file}${line}, field ${i.column}: ${i.rule}`;
}

const PHASES: Record<ImportProgress['phase'], string> = {
  read: 'Reading and checking',
  load: 'Loading',
};

/**
 * The importer the data page runs (`deps.imports`): the same functions as `bluelamp import`,
 * on the live store through the gate. `store` is null when the process serves a snapshot.
 */
export function webImports(opts: {
  store: FactsStore | null;
  gate: ImportGate;
  now: () => Date;
}): WebImports {
  const { store, gate } = opts;
  return {
    writable: store !== null && store.readOnly !== true,
    tables: [...PROJECT_TABLE_NAMES, 'police-uk'],
    async run(table, files, onProgress) {
      if (!store || store.readOnly)
        throw new BluelampError(
          'READ_ONLY',
          'This service cannot import: it reads a published copy of the facts.',
          {
            hint: 'Import on the machine that holds the data directory (bluelamp import), then publish the facts again (bluelamp publish-facts).',
          },
        );
      const own = await store.connect();
      const writer = gate.writer(own);
      const progress = (p: ImportProgress) =>
        onProgress(
          p.phase === 'load' ? 0.9 + p.fraction * 0.1 : p.fraction * 0.9,
          `${PHASES[p.phase]}${p.file ? ` ${p.file.split(/[\\/]/).pop()}` : ''}`,
        );
      onProgress(null, 'Waiting for any other import to finish');
      return gate
        .exclusive(async () => {
          onProgress(0, 'Starting');
          const common = { onProgress: progress, now: opts.now };
          // The aggregates are the catalogue's before the import, so it maintains them.
          await prepareAggregates(writer, opts.now());
          const results =
            table === 'police-uk'
              ? await importPoliceUk(writer, files, common)
              : [await importTable(writer, table, files, common)];
          return results.map((r) => ({
            table: r.table,
            batchId: r.batchId,
            rows: r.rows,
            replacedRows: r.replacedRows,
          }));
        })
        .finally(() => own.close());
    },
  };
}

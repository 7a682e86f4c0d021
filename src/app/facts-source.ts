import { join } from 'node:path';
import { BluelampError } from '../lib/errors.ts';
import {
  dataVersion,
  openFactsStore,
  type FactsStore,
  type Params,
  type Row,
} from '../facts/store.ts';
import { readPointer, tableRowCounts, type SnapshotPointer } from '../facts/snapshot.ts';
import { systemClock, type Clock } from './deps.ts';
import { silentLogger, type Logger } from './logger.ts';

/**
 * Where a web process reads the facts from: the store it holds itself (`liveFactsSource`), or
 * the read-only snapshots `bluelamp publish-facts` writes (`snapshotFactsSource`), which any
 * number of processes, on any number of machines, can read at once.
 */
export interface FactsView {
  readonly store: FactsStore;
  /** The facts' data version: results computed from `store` may be cached against it. */
  readonly dataVersion: number;
}

export interface FactsSource {
  readonly kind: 'live' | 'snapshot';
  /** False for a snapshot: this process may not import. */
  readonly writable: boolean;
  /**
   * The facts as they are now. A snapshot replaced meanwhile stays open while calls on it run
   * and for `graceMs` after it was replaced, so a request of several queries finishes on it.
   */
  current(): Promise<FactsView>;
  /** Runs `work` on the current facts, holding them open (however long it takes) until it ends. */
  use<T>(work: (facts: FactsView) => Promise<T>): Promise<T>;
  /** Re-reads the data version (after an import) or CURRENT.json now; true if it changed. */
  refresh(): Promise<boolean>;
  /** Stops polling; closes what the source opened (a live source leaves its store to its owner). */
  close(): Promise<void>;
}

/** The store the serving process holds. The data version is cached for `maxAgeMs` (default 1 s). */
export function liveFactsSource(
  store: FactsStore,
  opts: { clock?: Clock; maxAgeMs?: number } = {},
): FactsSource {
  const clock = opts.clock ?? systemClock;
  const maxAgeMs = opts.maxAgeMs ?? 1000;
  let cached: { version: number; at: number } | null = null;
  /** Reads the version; true when it differs from the one read before. */
  const read = async (): Promise<{ version: number; changed: boolean }> => {
    const version = await dataVersion(store);
    const changed = cached !== null && cached.version !== version;
    cached = { version, at: clock.now().getTime() };
    return { version, changed };
  };
  const current = async (): Promise<FactsView> => {
    const fresh = cached !== null && clock.now().getTime() - cached.at < maxAgeMs;
    return { store, dataVersion: fresh && cached ? cached.version : (await read()).version };
  };
  return {
    kind: 'live',
    writable: store.readOnly !== true,
    current,
    use: async (work) => work(await current()),
    refresh: async () => (await read()).changed,
    close: async () => undefined,
  };
}

/** One opened snapshot, with the calls and leases running on it. */
interface Opened {
  readonly pointer: SnapshotPointer;
  readonly store: FactsStore;
  running: number;
  retiredAt: number | null;
  closed: boolean;
  drained: (() => void)[];
}

export interface SnapshotSourceOptions {
  /** How often CURRENT.json is looked at (default 2 s). */
  readonly pollMs?: number;
  /** How long a replaced snapshot stays open for requests that hold it (default 30 s). */
  readonly graceMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

const noSnapshot = (dir: string) =>
  new BluelampError('NO_DATA', `no facts snapshot in ${dir} (there is no CURRENT.json).`, {
    hint: 'Run `bluelamp publish-facts --out DIR` on the machine that imports, then start the server again.',
  });

/**
 * The snapshots in `dir`, following its CURRENT.json: a new pointer is opened (read-only) and
 * checked against its row counts, then swapped in; the one it replaces is closed once nothing
 * runs on it. A pointer that cannot be read or a snapshot that does not open keeps the old one.
 */
export async function snapshotFactsSource(
  dir: string,
  opts: SnapshotSourceOptions = {},
): Promise<FactsSource> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? silentLogger;
  const graceMs = opts.graceMs ?? 30_000;
  const first = readPointer(dir);
  if (first === null) throw noSnapshot(dir);
  let active = await openSnapshot(dir, first);
  const retired = new Set<Opened>();
  let stopped = false;
  let checking: Promise<boolean> | null = null;

  const closeIfIdle = (o: Opened) => {
    if (o.closed || o.running > 0 || o.retiredAt === null) return;
    if (!stopped && clock.now().getTime() - o.retiredAt < graceMs) return;
    o.closed = true;
    retired.delete(o);
    o.store.close();
    for (const resolve of o.drained.splice(0)) resolve();
    logger.debug('facts.snapshot.closed', { dataVersion: o.pointer.dataVersion });
  };

  const check = async (): Promise<boolean> => {
    for (const o of retired) closeIfIdle(o);
    let pointer: SnapshotPointer | null;
    try {
      pointer = readPointer(dir);
    } catch (e) {
      logger.warn('facts.snapshot.unreadable', { code: codeOf(e) });
      return false;
    }
    if (pointer === null || pointer.snapshot === active.pointer.snapshot || stopped) return false;
    let next: Opened;
    try {
      next = await openSnapshot(dir, pointer);
    } catch (e) {
      logger.warn('facts.snapshot.unopenable', { code: codeOf(e) });
      return false;
    }
    if (stopped) {
      next.store.close();
      return false;
    }
    const old = active;
    active = next;
    old.retiredAt = clock.now().getTime();
    retired.add(old);
    closeIfIdle(old);
    logger.info('facts.snapshot.swapped', {
      from: old.pointer.dataVersion,
      dataVersion: next.pointer.dataVersion,
    });
    return true;
  };
  const refresh = () => (checking ??= check().finally(() => (checking = null)));

  const timer = setInterval(() => void refresh(), opts.pollMs ?? 2000);
  timer.unref();

  /** Counts a call (or a lease) on `o` while it runs. */
  const hold = async <T>(o: Opened, work: () => Promise<T>): Promise<T> => {
    if (o.closed)
      throw new BluelampError(
        'NO_DATA',
        'the facts this request started on were replaced by a newer snapshot; try again.',
      );
    o.running++;
    try {
      return await work();
    } finally {
      o.running--;
      closeIfIdle(o);
    }
  };
  const views = new WeakMap<Opened, FactsView>();
  const viewOf = (o: Opened): FactsView => {
    let view = views.get(o);
    if (!view) {
      view = { store: trackedStore(o, hold), dataVersion: o.pointer.dataVersion };
      views.set(o, view);
    }
    return view;
  };

  return {
    kind: 'snapshot',
    writable: false,
    current: async () => viewOf(active),
    use: async (work) => {
      const o = active;
      return hold(o, () => work(viewOf(o)));
    },
    refresh,
    async close() {
      stopped = true;
      clearInterval(timer);
      await checking;
      const all = [...retired, active];
      if (active.retiredAt === null) active.retiredAt = clock.now().getTime();
      await Promise.all(
        all.map(
          (o) =>
            new Promise<void>((resolve) => {
              if (o.closed) return resolve();
              o.drained.push(resolve);
              closeIfIdle(o);
            }),
        ),
      );
    },
  };
}

async function openSnapshot(dir: string, pointer: SnapshotPointer): Promise<Opened> {
  const store = await openFactsStore(join(dir, pointer.snapshot), { readOnly: true });
  try {
    // A snapshot copied to this machine by other means must be the one the pointer describes.
    const counts = await tableRowCounts(store);
    for (const [table, { rows }] of Object.entries(pointer.tables))
      if (counts[table] !== rows)
        throw new BluelampError(
          'STORE_INCONSISTENT',
          `snapshot ${pointer.snapshot} does not match CURRENT.json (table ${table}).`,
        );
    if ((await dataVersion(store)) !== pointer.dataVersion)
      throw new BluelampError(
        'STORE_INCONSISTENT',
        `snapshot ${pointer.snapshot} is not data version ${pointer.dataVersion}.`,
      );
  } catch (e) {
    store.close();
    throw e;
  }
  return { pointer, store, running: 0, retiredAt: null, closed: false, drained: [] };
}

/**
 * The snapshot's store as callers see it: read-only, every call counted, `close` and
 * `interrupt` left to the source (one request must not stop the others sharing it).
 */
function trackedStore(
  o: Opened,
  hold: <T>(o: Opened, work: () => Promise<T>) => Promise<T>,
): FactsStore {
  return {
    path: o.store.path,
    connection: o.store.connection,
    readOnly: true,
    all: <T extends Row = Row>(sql: string, params?: Params) =>
      hold(o, () => o.store.all<T>(sql, params)),
    run: (sql, params) => hold(o, () => o.store.run(sql, params)),
    interrupt: () => undefined,
    // A snapshot is read-only: nothing needs a connection of its own (imports are refused).
    connect: () =>
      Promise.reject(
        new BluelampError('READ_ONLY', 'A published snapshot of the facts cannot be written.'),
      ),
    close: () => undefined,
  };
}

const codeOf = (e: unknown) =>
  e instanceof BluelampError ? e.code : ((e as NodeJS.ErrnoException).code ?? 'unknown');

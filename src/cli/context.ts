import { resolve } from 'node:path';
import { acquireLock, type DataDirLock } from '../lib/lock.ts';
import { openFactsStore, type FactsStore } from '../facts/store.ts';

/** What every command gets: the data directory, its lock and its stores, and output streams. */
export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTTY: boolean;
  readonly readStdin: () => string;
  readonly now: () => Date;
  readonly env: NodeJS.ProcessEnv;
}

export function dataDirOf(opts: { dataDir?: string }, env: NodeJS.ProcessEnv): string {
  return resolve(opts.dataDir ?? env.BLUELAMP_DATA_DIR ?? './bluelamp-data');
}

export interface OpenData {
  readonly dataDir: string;
  readonly store: FactsStore;
  close(): void;
}

/** Takes the data-directory lock, then opens the facts store; `close` undoes both. */
export async function openData(
  dataDir: string,
  command: string,
  now: () => Date,
): Promise<OpenData> {
  const lock: DataDirLock = acquireLock(dataDir, command, now);
  let store: FactsStore;
  try {
    store = await openFactsStore(dataDir);
  } catch (e) {
    lock.release();
    throw e;
  }
  return {
    dataDir,
    store,
    close() {
      try {
        store.close();
      } finally {
        lock.release();
      }
    },
  };
}

export async function withData<T>(
  dataDir: string,
  command: string,
  io: CliIO,
  work: (d: OpenData) => Promise<T>,
): Promise<T> {
  const d = await openData(dataDir, command, io.now);
  try {
    return await work(d);
  } finally {
    d.close();
  }
}

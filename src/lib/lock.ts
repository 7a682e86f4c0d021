import { hostname } from 'node:os';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BluelampError } from './errors.ts';

/**
 * One process owns a data directory. DuckDB refuses a second writer, but PGlite silently
 * loses a second process's writes, so every command takes this lock before opening a store
 * and a second process is told plainly who holds it.
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

export const LOCK_FILE = 'bluelamp.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

export function acquireLock(
  dataDir: string,
  command: string,
  now: () => Date = () => new Date(),
): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command,
    since: now().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          const current = readHolder(path);
          if (current?.pid === holder.pid && current.host === holder.host)
            rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const current = readHolder(path);
      // A lock left by a process that has died on this host is stale: take it over.
      if (current && current.host === holder.host && !isAlive(current.pid)) {
        rmSync(path, { force: true });
        continue;
      }
      const who = current
        ? `process ${current.pid} on ${current.host} running "${current.command}" since ${current.since}`
        : 'another process (the lock file is unreadable)';
      throw new BluelampError('DATA_DIR_LOCKED', `The data directory is in use by ${who}.`, {
        hint: `Wait for it to finish, or stop it. If no such process is running, delete ${LOCK_FILE} in the data directory.`,
      });
    }
  }
  throw new BluelampError('DATA_DIR_LOCKED', 'Could not take the data-directory lock.');
}

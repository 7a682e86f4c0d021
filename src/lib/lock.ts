import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { BluelampError } from './errors.ts';

/**
 * One process owns a data directory. DuckDB refuses a second writer, but PGlite silently
 * loses a second process's writes, so every command takes this lock before opening a store
 * and a second process is told plainly who holds it.
 *
 * The lock file appears whole or not at all: the holder is written to a private temporary file
 * that is then hard-linked into place, and linking fails if a lock already exists. A lock left by
 * a process that has died on this host (or one that is empty or unreadable and older than
 * UNREADABLE_STALE_MS, e.g. after a full disk) is stale; it is replaced by the new holder's in one
 * rename, under a second, short-lived guard file, so of any number of racing processes exactly
 * one takes it over and the others find it held.
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
  /** Tells this holder's lock from a later one of a process that got the same pid. */
  readonly token?: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

export const LOCK_FILE = 'bluelamp.lock';
const GUARD_FILE = 'bluelamp.lock.takeover';
/** An empty or unreadable lock file younger than this may still be being written by an old version. */
export const UNREADABLE_STALE_MS = 5_000;
/** The takeover guard is held for a few system calls; one this old was left by a crash. */
const GUARD_STALE_MS = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Seen =
  | { readonly kind: 'none' }
  | { readonly kind: 'holder'; readonly holder: LockHolder; readonly ino: number }
  | { readonly kind: 'unreadable'; readonly ageMs: number; readonly ino: number };

function isHolder(v: unknown): v is LockHolder {
  const h = v as Partial<LockHolder> | null;
  return (
    typeof h === 'object' && h !== null && typeof h.pid === 'number' && typeof h.host === 'string'
  );
}

function look(path: string, nowMs: number): Seen {
  let ino: number;
  let mtimeMs: number;
  let text: string;
  try {
    ({ ino, mtimeMs } = statSync(path));
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw e;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isHolder(parsed)) return { kind: 'holder', holder: parsed, ino };
  } catch {
    // unreadable: below
  }
  return { kind: 'unreadable', ageMs: nowMs - mtimeMs, ino };
}

function isStale(seen: Seen, host: string): boolean {
  if (seen.kind === 'holder') return seen.holder.host === host && !isAlive(seen.holder.pid);
  if (seen.kind === 'unreadable') return seen.ageMs >= UNREADABLE_STALE_MS;
  return false;
}

/** Error codes of a file system that has no hard links (FAT, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Writes `text` to a fresh file and links it to `target`; false if `target` already exists. */
function linkNew(dataDir: string, target: string, text: string): boolean {
  const temp = join(dataDir, `.${LOCK_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeWhole(temp, text);
    linkSync(temp, target);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_LINKS.has(code)) throw e;
  } finally {
    rmSync(temp, { force: true });
  }
  // No hard links here: create exclusively and write in place (a crash may leave it empty,
  // which is why an old empty lock counts as stale).
  try {
    writeWhole(target, text);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

function writeWhole(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw e;
  }
  closeSync(fd);
}

/** Blocks briefly: lock taking is synchronous, and a rival's takeover lasts a few system calls. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Replaces the stale lock seen as `seen` with ours, if it is still that very file, holding the
 * takeover guard: 'taken' (we hold the lock now), 'changed' (someone else got there first) or
 * 'busy' (another process holds the guard: it is taking the lock over right now). The rename
 * replaces the file in one step, so the lock is never absent for a rival to grab meanwhile.
 */
function takeOver(
  dataDir: string,
  path: string,
  seen: Seen,
  text: string,
): 'taken' | 'changed' | 'busy' {
  const guard = join(dataDir, GUARD_FILE);
  if (!linkNew(dataDir, guard, String(process.pid))) {
    try {
      if (Date.now() - statSync(guard).mtimeMs >= GUARD_STALE_MS) rmSync(guard, { force: true });
    } catch {
      // gone already
    }
    return 'busy';
  }
  const temp = join(dataDir, `.${LOCK_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const now = look(path, Date.now());
    // The same file as judged stale: nobody can have replaced it since, as a new lock cannot be
    // linked over an existing one and only the guard's holder replaces one.
    if (now.kind === 'none' || seen.kind === 'none' || now.ino !== seen.ino) return 'changed';
    writeWhole(temp, text);
    renameSync(temp, path);
    return 'taken';
  } finally {
    rmSync(temp, { force: true });
    rmSync(guard, { force: true });
  }
}

/** Temporary lock files of processes killed while taking the lock (they name their pid). */
function removeLeftovers(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    const pid = /^\.bluelamp\.lock\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) rmSync(join(dataDir, name), { force: true });
  }
}

function describe(seen: Seen): string {
  if (seen.kind === 'holder') {
    const h = seen.holder;
    return `process ${h.pid} on ${h.host} running "${h.command}" since ${h.since}`;
  }
  return 'another process (the lock file is empty or unreadable, perhaps still being written)';
}

export function acquireLock(
  dataDir: string,
  command: string,
  now: () => Date = () => new Date(),
  /** Told, in one line, when a stale lock is taken over. */
  notice: (text: string) => void = () => undefined,
): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command,
    since: now().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const deadline = Date.now() + 3_000;
  const text = JSON.stringify(holder);
  const held = (): DataDirLock => {
    removeLeftovers(dataDir);
    let released = false;
    return {
      path,
      release() {
        if (released) return;
        released = true;
        const current = look(path, Date.now());
        if (current.kind === 'holder' && current.holder.token === holder.token) unlinkSync(path);
      },
    };
  };
  while (Date.now() < deadline) {
    if (linkNew(dataDir, path, text)) return held();
    const seen = look(path, Date.now());
    if (seen.kind === 'none') continue; // released meanwhile: try again
    if (!isStale(seen, holder.host)) {
      throw new BluelampError(
        'DATA_DIR_LOCKED',
        `The data directory is in use by ${describe(seen)}.`,
        {
          hint: `Wait for it to finish, or stop it. If no such process is running, delete ${LOCK_FILE} in the data directory.`,
        },
      );
    }
    const outcome = takeOver(dataDir, path, seen, text);
    if (outcome === 'taken') {
      notice(
        seen.kind === 'holder'
          ? `bluelamp: took over a stale lock left by process ${seen.holder.pid} ("${seen.holder.command}", which has ended).`
          : 'bluelamp: took over a stale lock (an empty or unreadable lock file).',
      );
      return held();
    }
    if (outcome === 'busy') pause(5);
  }
  throw new BluelampError(
    'DATA_DIR_LOCKED',
    'Could not take the data-directory lock in 3 seconds.',
    {
      hint: 'Other processes keep taking and releasing it; try again in a moment.',
    },
  );
}

/**
 * Like `acquireLock`, but waits (up to `timeoutMs`) while another process holds the lock: for
 * short writes, such as commentary, that should queue rather than fail.
 */
export async function acquireLockWaiting(
  dataDir: string,
  command: string,
  opts: { now?: () => Date; notice?: (text: string) => void; timeoutMs?: number } = {},
): Promise<DataDirLock> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    try {
      return acquireLock(dataDir, command, opts.now, opts.notice);
    } catch (e) {
      if (!(e instanceof BluelampError && e.code === 'DATA_DIR_LOCKED') || Date.now() > deadline)
        throw e;
    }
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
  }
}

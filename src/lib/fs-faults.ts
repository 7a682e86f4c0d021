import { statSync } from 'node:fs';
import { dirname, relative, isAbsolute, resolve } from 'node:path';
import { BluelampError, type ErrorCode } from './errors.ts';

/**
 * Faults of the machine or of a path the user gave — a read-only or full disk, a missing folder,
 * a file where a folder should be — reach us as Node errno errors or as DuckDB "IO Error"
 * messages. They are the user's to fix, not bugs, so each becomes a BluelampError that names
 * the path and what to do. This is the one place that knows both shapes.
 */
export type FaultKind =
  | 'read_only'
  | 'permission'
  | 'disk_full'
  | 'not_found'
  | 'not_a_directory'
  | 'is_a_directory'
  | 'exists'
  | 'too_many_files'
  | 'io'
  | 'broken_pipe';

export interface Fault {
  readonly kind: FaultKind;
  readonly path: string | null;
  /** The system call (Node) or DuckDB's verb, e.g. "open", "Could not write file". */
  readonly operation: string | null;
}

const ERRNO: Record<string, FaultKind> = {
  EROFS: 'read_only',
  EACCES: 'permission',
  EPERM: 'permission',
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
  ENOENT: 'not_found',
  ENOTDIR: 'not_a_directory',
  EISDIR: 'is_a_directory',
  EEXIST: 'exists',
  EMFILE: 'too_many_files',
  ENFILE: 'too_many_files',
  EIO: 'io',
  EPIPE: 'broken_pipe',
};

// DuckDB reports the C library's strerror text after the path.
const STRERROR: readonly (readonly [RegExp, FaultKind])[] = [
  [/No space left on device|Disk quota exceeded/i, 'disk_full'],
  [/Read-only file system/i, 'read_only'],
  [/Permission denied|Operation not permitted/i, 'permission'],
  [/No such file or directory/i, 'not_found'],
  [/Not a directory/i, 'not_a_directory'],
  [/Is a directory/i, 'is_a_directory'],
  [/Too many open files/i, 'too_many_files'],
  [/Broken pipe/i, 'broken_pipe'],
  [/Input\/output error/i, 'io'],
];

function errnoFault(e: NodeJS.ErrnoException): Fault | null {
  const kind = e.code === undefined ? undefined : ERRNO[e.code];
  if (!kind) return null;
  // EEXIST is only a fault when a folder was wanted where a file stands (mkdir onto a file).
  if (kind === 'exists' && e.syscall !== 'mkdir') return null;
  return { kind, path: e.path ?? null, operation: e.syscall ?? null };
}

// "IO Error: Could not write file "P": …", also quoted inside a FATAL error ("database has been
// invalidated … Original error: …") when a checkpoint fails.
const DUCKDB_FILE_OP = /((?:Could not|Cannot) [a-z ]*?file) \\?"([^"\\]+)\\?"/;

function duckDbFault(message: string): Fault | null {
  const m = DUCKDB_FILE_OP.exec(message);
  if (!m && !message.includes('IO Error')) return null;
  const found = STRERROR.find(([re]) => re.test(message));
  if (!found) return null;
  return { kind: found[1], path: m?.[2] ?? null, operation: m?.[1] ?? null };
}

/** The fault behind an error (looking through `cause`), or null if it is not one. */
export function faultOf(e: unknown): Fault | null {
  for (let cur = e, depth = 0; cur instanceof Error && depth < 5; depth++) {
    const f = errnoFault(cur as NodeJS.ErrnoException) ?? duckDbFault(cur.message);
    if (f) return f;
    cur = cur.cause;
  }
  return null;
}

function inside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const kindOf = (p: string): 'file' | 'folder' | null => {
  try {
    return statSync(p).isDirectory() ? 'folder' : 'file';
  } catch {
    return null;
  }
};

/** The nearest ancestor of `path` that is a file (the reason for ENOTDIR), if any. */
function fileOnTheWay(path: string): string | null {
  for (let p = dirname(resolve(path)); p !== dirname(p); p = dirname(p))
    if (kindOf(p) === 'file') return p;
  return null;
}

/** The nearest missing folder on the way to `path` (the reason for ENOENT), if any. */
function missingFolder(path: string): string | null {
  let missing: string | null = null;
  for (let p = dirname(resolve(path)); p !== dirname(p); p = dirname(p)) {
    if (kindOf(p) !== null) break;
    missing = p;
  }
  return missing;
}

const READ_ONLY_HINT =
  'Reading works on a read-only data directory (status, scorecard, measure, report, export --out elsewhere). To import, use a writable copy of it or make it writable.';

const err = (code: ErrorCode, message: string, hint: string, cause: unknown) =>
  new BluelampError(code, message, { hint, cause });

/**
 * The user error for a fault, or null when `e` is not a fault (then it is a bug).
 * `dataDir` lets a fault inside the data directory be described as such; `path` names the file
 * being written when the error itself does not; `writing` says the failed call was a write.
 */
export function faultToError(
  e: unknown,
  opts: { dataDir?: string; path?: string; writing?: boolean } = {},
): BluelampError | null {
  if (e instanceof BluelampError) return null;
  const found = faultOf(e);
  if (!found) return null;
  // A failed write on an open file descriptor carries no path; the caller may know it.
  const f = found.path === null && opts.path ? { ...found, path: opts.path } : found;
  const path = f.path ?? 'a file';
  const inData = f.path !== null && opts.dataDir !== undefined && inside(opts.dataDir, f.path);
  const dataDir = opts.dataDir ?? '';
  switch (f.kind) {
    case 'read_only':
      return inData
        ? err(
            'READ_ONLY',
            `the data directory ${dataDir} is read-only; this command needs to write to it (${path}).`,
            READ_ONLY_HINT,
            e,
          )
        : err(
            'READ_ONLY',
            `${path} is on a read-only file system.`,
            'Write somewhere else (another --out), or make that file system writable.',
            e,
          );
    case 'permission':
      // Not allowed to write in the data directory: to this user it is a read-only one.
      if (inData && opts.writing)
        return err(
          'READ_ONLY',
          `the data directory ${dataDir} is read-only for this user (permission denied on ${path}); this command needs to write to it.`,
          READ_ONLY_HINT,
          e,
        );
      return err(
        'PERMISSION_DENIED',
        inData
          ? `permission denied on ${path} in the data directory ${dataDir}.`
          : `permission denied on ${path}.`,
        inData
          ? 'Check the owner and permissions of the data directory. One you may only read still works for status, scorecard, measure, report and export --out elsewhere.'
          : 'Check the owner and permissions of that path, or use another one.',
        e,
      );
    case 'disk_full':
      return err(
        'DISK_FULL',
        `the disk is full (writing ${path}).`,
        inData
          ? 'Free some space on that disk and run the command again. An import that fails is rolled back; `bluelamp status` shows what is loaded.'
          : 'Free some space on that disk, or write somewhere else, and run the command again.',
        e,
      );
    case 'not_found': {
      const missing = f.path === null ? null : missingFolder(f.path);
      return err(
        'PATH_NOT_FOUND',
        missing ? `the folder ${missing} does not exist (for ${path}).` : `${path} does not exist.`,
        missing
          ? 'Create the folder first, or give a path in a folder that exists.'
          : 'Check the path.',
        e,
      );
    }
    case 'not_a_directory':
    case 'exists': {
      const file = f.kind === 'exists' ? f.path : f.path === null ? null : fileOnTheWay(f.path);
      return err(
        'NOT_A_DIRECTORY',
        file
          ? `${file} is a file, not a folder (for ${path}).`
          : `${path}: a part of it is a file, not a folder.`,
        'Give a path whose folders are folders.',
        e,
      );
    }
    case 'is_a_directory':
      return err(
        'IS_A_DIRECTORY',
        `${path} is a folder, not a file.`,
        'Give a file name (for example FOLDER/name.csv).',
        e,
      );
    case 'too_many_files':
      return err(
        'TOO_MANY_OPEN_FILES',
        `too many files are open (opening ${path}).`,
        'Raise the limit of open files (ulimit -n), or give fewer files at once.',
        e,
      );
    case 'io':
      return err(
        'IO_ERROR',
        `the disk reported an input/output error on ${path}.`,
        'Check the disk (it may be failing or disconnected), then run the command again.',
        e,
      );
    case 'broken_pipe':
      return err('BROKEN_PIPE', 'the output was closed by its reader.', '', e);
  }
}

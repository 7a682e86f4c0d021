/**
 * Every error Bluelamp raises on purpose, with a code, a message for the user, a CLI exit
 * code and an HTTP status. User errors (bad input, a held lock) are distinct from bugs:
 * anything that is not a BluelampError is a bug and is reported as such.
 */

export interface ValidationIssue {
  readonly file: string;
  /** 1-based line in the file (the header is line 1); for Parquet, the row number + 1. */
  readonly line: number | null;
  readonly column: string;
  readonly value: string | null;
  readonly rule: string;
}

export type ErrorCode =
  | 'BAD_INPUT'
  | 'VALIDATION_FAILED'
  | 'UNKNOWN_TABLE'
  | 'FILE_NOT_FOUND'
  | 'DATA_DIR_LOCKED'
  | 'BAD_PERIOD'
  | 'PERIOD_NOT_COVERED'
  | 'UNKNOWN_MEASURE'
  | 'CONFIG_INVALID'
  | 'NO_DATA'
  | 'DEPENDENCY_MISSING'
  | 'INJECTED_FAULT'
  // Faults of the machine or of a path the user gave (src/lib/fs-faults.ts maps them): user errors.
  | 'NOT_A_DATA_DIR'
  | 'READ_ONLY'
  | 'PERMISSION_DENIED'
  | 'DISK_FULL'
  | 'PATH_NOT_FOUND'
  | 'NOT_A_DIRECTORY'
  | 'IS_A_DIRECTORY'
  | 'TOO_MANY_OPEN_FILES'
  | 'IO_ERROR'
  | 'BROKEN_PIPE'
  // A command stopped by a signal: SIGINT (exit 130) or SIGTERM (exit 143), see src/lib/signals.ts.
  | 'INTERRUPTED'
  | 'TERMINATED'
  // `bluelamp check` found rows, batches or references that do not agree.
  | 'STORE_INCONSISTENT'
  // The records store (src/records): accounts and tokens.
  | 'UNKNOWN_USER'
  | 'USER_EXISTS'
  | 'UNKNOWN_TOKEN'
  // Accountability (src/records/accountability): a lifecycle step the table refuses, a role
  // the rule does not name, an inspection, finding, body or response that is not there.
  | 'INVALID_TRANSITION'
  | 'NOT_PERMITTED'
  | 'UNKNOWN_RECORD';

const STATUS: Record<ErrorCode, { http: number; exit: number }> = {
  BAD_INPUT: { http: 400, exit: 2 },
  VALIDATION_FAILED: { http: 422, exit: 2 },
  UNKNOWN_TABLE: { http: 404, exit: 2 },
  FILE_NOT_FOUND: { http: 404, exit: 2 },
  DATA_DIR_LOCKED: { http: 423, exit: 1 },
  BAD_PERIOD: { http: 400, exit: 2 },
  /** A period wholly outside the months the data covers. */
  PERIOD_NOT_COVERED: { http: 404, exit: 2 },
  UNKNOWN_MEASURE: { http: 404, exit: 2 },
  CONFIG_INVALID: { http: 500, exit: 2 },
  NO_DATA: { http: 404, exit: 1 },
  DEPENDENCY_MISSING: { http: 503, exit: 1 },
  INJECTED_FAULT: { http: 500, exit: 1 },
  NOT_A_DATA_DIR: { http: 404, exit: 2 },
  READ_ONLY: { http: 503, exit: 1 },
  PERMISSION_DENIED: { http: 403, exit: 1 },
  DISK_FULL: { http: 507, exit: 1 },
  PATH_NOT_FOUND: { http: 404, exit: 2 },
  NOT_A_DIRECTORY: { http: 400, exit: 2 },
  IS_A_DIRECTORY: { http: 400, exit: 2 },
  TOO_MANY_OPEN_FILES: { http: 503, exit: 1 },
  IO_ERROR: { http: 500, exit: 1 },
  // The reader of standard output went away (`bluelamp status | head -1`): not a failure.
  BROKEN_PIPE: { http: 499, exit: 0 },
  INTERRUPTED: { http: 499, exit: 130 },
  TERMINATED: { http: 503, exit: 143 },
  STORE_INCONSISTENT: { http: 500, exit: 1 },
  UNKNOWN_USER: { http: 404, exit: 2 },
  USER_EXISTS: { http: 409, exit: 2 },
  UNKNOWN_TOKEN: { http: 404, exit: 2 },
  INVALID_TRANSITION: { http: 409, exit: 2 },
  NOT_PERMITTED: { http: 403, exit: 2 },
  UNKNOWN_RECORD: { http: 404, exit: 2 },
};

export class BluelampError extends Error {
  readonly code: ErrorCode;
  /** What the user can do about it. */
  readonly hint: string | undefined;
  readonly issues: readonly ValidationIssue[];
  /** How many problems there are in all; `issues` may hold only the first of them. */
  readonly issueCount: number;
  /** Where every problem has already been written (an import's error report), if anywhere. */
  readonly report: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    opts: {
      hint?: string;
      issues?: readonly ValidationIssue[];
      issueCount?: number;
      report?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'BluelampError';
    this.code = code;
    this.hint = opts.hint;
    this.issues = opts.issues ?? [];
    this.issueCount = Math.max(opts.issueCount ?? 0, this.issues.length);
    this.report = opts.report;
  }

  get httpStatus(): number {
    return STATUS[this.code].http;
  }

  get exitCode(): number {
    return STATUS[this.code].exit;
  }
}

export const badInput = (message: string, hint?: string) =>
  new BluelampError('BAD_INPUT', message, hint === undefined ? {} : { hint });

export function isBluelampError(e: unknown): e is BluelampError {
  return e instanceof BluelampError;
}

/** Longest cell value a problem shows; a longer one is cut, saying how long it was. */
export const SHOWN_VALUE_CHARS = 80;

export function shownValue(value: string): string {
  const chars = [...value];
  if (chars.length <= SHOWN_VALUE_CHARS) return value;
  return `${chars.slice(0, SHOWN_VALUE_CHARS).join('')}…(${chars.length.toLocaleString('en-GB')} characters)`;
}

export function formatIssue(i: ValidationIssue): string {
  const where = i.line === null ? i.file : `${i.file}:${i.line}`;
  const value = i.value === null ? '' : ` value ${JSON.stringify(shownValue(i.value))}`;
  return `${where} column ${i.column}${value}: ${i.rule}`;
}

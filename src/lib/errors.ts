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
  | 'UNKNOWN_MEASURE'
  | 'CONFIG_INVALID'
  | 'NO_DATA'
  | 'DEPENDENCY_MISSING'
  | 'INJECTED_FAULT';

const STATUS: Record<ErrorCode, { http: number; exit: number }> = {
  BAD_INPUT: { http: 400, exit: 2 },
  VALIDATION_FAILED: { http: 422, exit: 2 },
  UNKNOWN_TABLE: { http: 404, exit: 2 },
  FILE_NOT_FOUND: { http: 404, exit: 2 },
  DATA_DIR_LOCKED: { http: 423, exit: 1 },
  BAD_PERIOD: { http: 400, exit: 2 },
  UNKNOWN_MEASURE: { http: 404, exit: 2 },
  CONFIG_INVALID: { http: 500, exit: 2 },
  NO_DATA: { http: 404, exit: 1 },
  DEPENDENCY_MISSING: { http: 503, exit: 1 },
  INJECTED_FAULT: { http: 500, exit: 1 },
};

export class BluelampError extends Error {
  readonly code: ErrorCode;
  /** What the user can do about it. */
  readonly hint: string | undefined;
  readonly issues: readonly ValidationIssue[];

  constructor(
    code: ErrorCode,
    message: string,
    opts: { hint?: string; issues?: readonly ValidationIssue[]; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'BluelampError';
    this.code = code;
    this.hint = opts.hint;
    this.issues = opts.issues ?? [];
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

export function formatIssue(i: ValidationIssue): string {
  const where = i.line === null ? i.file : `${i.file}:${i.line}`;
  const value = i.value === null ? '' : ` value ${JSON.stringify(i.value)}`;
  return `${where} column ${i.column}${value}: ${i.rule}`;
}

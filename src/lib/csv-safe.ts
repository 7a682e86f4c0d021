import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { shownValue, type ValidationIssue } from './errors.ts';

/**
 * CSV for people: files opened in a spreadsheet (error reports, and any other download meant to
 * be read rather than re-imported). A cell that begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be run as a formula by Excel or LibreOffice (`=HYPERLINK(…)`,
 * `+cmd|…`), so, as OWASP recommends for CSV injection, such a cell is prefixed with a single
 * quote and the cell is quoted. The import-format export (src/facts/export.ts) does not use this:
 * it must stay exact so that it re-imports unchanged.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, neutralised and quoted as needed. */
export function safeCsvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value); // a number of ours, not text from a file
  let s = value;
  const formula = FORMULA_START.test(s);
  if (formula) s = `'${s}`;
  return formula || /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One line of a human-facing CSV (without the line end). */
export function safeCsvRow(values: readonly (string | number | null)[]): string {
  return values.map(safeCsvCell).join(',');
}

export const ISSUE_REPORT_HEADER = ['file', 'line', 'column', 'value', 'rule'] as const;

/** One problem as a row of an error report: the cell only, shortened when long. */
export function issueReportRow(i: ValidationIssue): string {
  return safeCsvRow([
    i.file,
    i.line,
    i.column,
    i.value === null ? null : shownValue(i.value),
    i.rule,
  ]);
}

/**
 * A human-facing CSV file readable by its owner only (0600): error reports hold values from
 * the data. Created new (never over an existing file) and written a chunk of rows at a time.
 */
export class SafeCsvWriter {
  private constructor(private readonly fd: number) {}

  static create(path: string, header: readonly string[]): SafeCsvWriter {
    const fd = openSync(path, 'wx', 0o600);
    fchmodSync(fd, 0o600); // whatever the umask
    const w = new SafeCsvWriter(fd);
    w.write([safeCsvRow(header)]);
    return w;
  }

  write(lines: readonly string[]): void {
    if (lines.length > 0) writeSync(this.fd, `${lines.join('\n')}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Writes a whole human-facing CSV (owner-only) in one go. */
export function writeSafeCsv(path: string, header: readonly string[], lines: readonly string[]) {
  const w = SafeCsvWriter.create(path, header);
  try {
    w.write(lines);
  } finally {
    w.close();
  }
}

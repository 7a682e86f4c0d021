import { formatIssue, isBluelampError, type ValidationIssue } from '../lib/errors.ts';
import { faultToError } from '../lib/fs-faults.ts';
import { ISSUE_REPORT_HEADER, issueReportRow, writeSafeCsv } from '../lib/csv-safe.ts';
import type { CliIO } from './context.ts';
import { newReportPath } from './reports-retention.ts';

export const SHOWN_ISSUES = 20;

/** An error report: one row per problem, the cell only, formula-like values neutralised. */
export function issuesCsv(issues: readonly ValidationIssue[]): string {
  const lines = [ISSUE_REPORT_HEADER.join(','), ...issues.map(issueReportRow)];
  return `${lines.join('\n')}\n`;
}

/** Prints an error for a person: the message, the first problems, where the full list is, what to do. */
export function reportError(e: unknown, io: CliIO, reportDir: string | null): number {
  if (!isBluelampError(e)) {
    // A full disk, a read-only or missing path: the user's to fix, not a bug.
    const fault = faultToError(e);
    if (fault) return reportError(fault, io, null);
    io.err(
      `bluelamp: internal error (a bug, please report it): ${(e as Error)?.stack ?? String(e)}`,
    );
    return 1;
  }
  io.err(`bluelamp: ${e.message}`);
  if (e.issues.length > 0) {
    const shown = e.issues.slice(0, SHOWN_ISSUES);
    for (const i of shown) io.err(`  ${formatIssue(i)}`);
    // The import has written every problem already; anything else is written here.
    let report = e.report;
    if (report === undefined && reportDir) {
      try {
        const path = newReportPath(reportDir, io.now());
        writeSafeCsv(path, ISSUE_REPORT_HEADER, e.issues.map(issueReportRow));
        report = path;
      } catch (w) {
        io.err(`  (The full report could not be written: ${(w as Error).message})`);
      }
    }
    const more = e.issueCount - shown.length;
    if (more > 0)
      io.err(
        `  … and ${more.toLocaleString('en-GB')} more (${e.issueCount.toLocaleString('en-GB')} in all)${report === undefined ? '' : ', listed in the full report'}.`,
      );
    if (report !== undefined) io.err(`  Full report (readable by you only): ${report}`);
  }
  if (e.hint) io.err(`  What to do: ${e.hint}`);
  return e.exitCode;
}

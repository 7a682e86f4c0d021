import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue, isBluelampError, type ValidationIssue } from '../lib/errors.ts';
import type { CliIO } from './context.ts';

export const SHOWN_ISSUES = 20;

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function issuesCsv(issues: readonly ValidationIssue[]): string {
  const lines = ['file,line,column,value,rule'];
  for (const i of issues)
    lines.push([i.file, i.line, i.column, i.value, i.rule].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

/** Prints an error for a person: the message, the first problems, where the full list is, what to do. */
export function reportError(e: unknown, io: CliIO, reportDir: string | null): number {
  if (!isBluelampError(e)) {
    io.err(
      `bluelamp: internal error (a bug, please report it): ${(e as Error)?.stack ?? String(e)}`,
    );
    return 1;
  }
  io.err(`bluelamp: ${e.message}`);
  if (e.issues.length > 0) {
    for (const i of e.issues.slice(0, SHOWN_ISSUES)) io.err(`  ${formatIssue(i)}`);
    if (e.issues.length > SHOWN_ISSUES)
      io.err(`  … and ${e.issues.length - SHOWN_ISSUES} more listed in the full report.`);
    if (reportDir) {
      mkdirSync(reportDir, { recursive: true });
      const stamp = io.now().toISOString().replace(/[:.]/g, '-');
      const path = join(reportDir, `import-errors-${stamp}.csv`);
      writeFileSync(path, issuesCsv(e.issues));
      io.err(`  Full report: ${path}`);
    }
  }
  if (e.hint) io.err(`  What to do: ${e.hint}`);
  return e.exitCode;
}

import type { ValidationIssue } from '../../lib/errors.ts';

/**
 * A file's header must name exactly the table's columns. Project files may put them in any
 * order; a published format (data.police.uk) must match its published header exactly, so a
 * changed publication is caught rather than guessed at.
 */
export function checkHeader(
  file: string,
  found: readonly string[],
  expected: readonly string[],
  publishedHeader?: readonly string[],
  /** Columns a file may leave out (`optionalInHeader`: added after files of the table were written). */
  omittable: readonly string[] = [],
): ValidationIssue[] {
  const issue = (column: string, value: string | null, rule: string): ValidationIssue => ({
    file,
    line: 1,
    column,
    value,
    rule,
  });
  if (publishedHeader) {
    if (found.length === publishedHeader.length && found.every((h, i) => h === publishedHeader[i]))
      return [];
    const issues: ValidationIssue[] = [];
    found.forEach((h, i) => {
      if (!publishedHeader.includes(h))
        issues.push(
          issue(
            `(header column ${i + 1})`,
            h,
            `unknown header; expected the published header: ${publishedHeader.join(',')}`,
          ),
        );
    });
    for (const h of publishedHeader)
      if (!found.includes(h)) issues.push(issue(h, null, 'published header column is missing'));
    if (issues.length === 0)
      issues.push(
        issue(
          '(header)',
          found.join(','),
          `columns out of order; expected ${publishedHeader.join(',')}`,
        ),
      );
    return issues;
  }
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  found.forEach((h, i) => {
    if (seen.has(h)) issues.push(issue(h, h, `header column ${i + 1} repeats a column name`));
    seen.add(h);
    if (!expected.includes(h))
      issues.push(
        issue(`(header column ${i + 1})`, h, `unknown column; expected: ${expected.join(', ')}`),
      );
  });
  for (const e of expected)
    if (!found.includes(e) && !omittable.includes(e))
      issues.push(issue(e, null, 'required column is missing from the header'));
  return issues;
}

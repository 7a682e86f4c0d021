import { OFFENCE_SUBGROUPS } from './reference/offence-subgroups.ts';
import { OUTCOME_TYPES } from './reference/outcome-groups.ts';
import { TABLES, type ColumnSpec } from './tables.ts';

/** docs/data-format.md, generated from the table declarations so the two cannot drift apart. */
function typeText(c: ColumnSpec): string {
  switch (c.type) {
    case 'enum':
      return c.values && c.values.length <= 8
        ? `one of ${c.values.map((v) => `\`${v}\``).join(', ')}`
        : 'one of the listed values';
    case 'timestamp':
      return 'date-time, ISO 8601 (London time when no offset)';
    case 'boolean':
      return 'true / false';
    case 'id':
      return 'identifier';
    default:
      return c.type;
  }
}

function rules(c: ColumnSpec): string {
  const r: string[] = [c.required ? 'required' : 'optional'];
  if (c.min !== undefined) r.push(`≥ ${c.min}`);
  if (c.max !== undefined) r.push(`≤ ${c.max}`);
  if (c.pattern) r.push(c.patternHint ?? `matches ${c.pattern}`);
  if (c.references) r.push(`must exist in \`${c.references.table}.${c.references.column}\``);
  return r.join('; ');
}

const esc = (s: string) => s.replaceAll('|', '\\|');

export function dataFormatMarkdown(): string {
  const out: string[] = [
    '# Import format',
    '',
    '<!-- Generated from src/facts/tables.ts by `npm run docs`; a test fails if this file is out of date. -->',
    '',
    "One CSV (RFC 4180, UTF-8, comma-separated, header line first; LF or CRLF; a BOM is allowed) or Parquet file per table, columns named as below in any order. Empty fields are missing values. Dates are `YYYY-MM-DD`; date-times are ISO 8601 (`2021-04-01T09:30:00`), taken as Europe/London wall time when they carry no offset and converted to London time when they do (`Z`, `+01:00`). Booleans are `true`/`false` (also `yes`/`no`, `1`/`0`, any case). Identifiers are the force's pseudonymous ids, never names.",
    '',
    '## Batches',
    '',
    '`bluelamp import TABLE FILES… [--batch ID]` imports the files as one batch. Every row of every file is checked first; if any row breaks a rule nothing is written, the command exits with code 2 and lists every problem as file, line, column, value and rule (the first 20 on screen, all of them in a CSV report in the data directory). Lines count from 1 for the header; for Parquet, "line" is the row number. Importing a batch id again replaces that batch in one transaction. The default batch id is the table name and the file names (`crimes:crimes-2021.csv`). A row whose key is already in another batch is an error, and so is a replacement that would remove rows other tables still refer to. Import tables in this order: people, crimes, then the rest.',
    '',
  ];
  for (const [name, spec] of Object.entries(TABLES)) {
    out.push(
      `## ${name}`,
      '',
      spec.description,
      '',
      `Key (unique): ${spec.key.map((k) => `\`${k}\``).join(' + ')}.`,
      '',
    );
    out.push('| column | type | rules | meaning | example |', '|---|---|---|---|---|');
    for (const c of spec.columns) {
      out.push(
        `| \`${c.name}\` | ${esc(typeText(c))} | ${esc(rules(c))} | ${esc(c.description)} | ${c.example === '' ? '(empty)' : `\`${esc(c.example)}\``} |`,
      );
    }
    const rowRules = 'rowRules' in spec ? spec.rowRules : [];
    if (rowRules.length > 0) {
      out.push('', 'Row rules:', '');
      for (const r of rowRules) out.push(`- \`${r.column}\` ${r.rule}.`);
    }
    out.push(
      '',
      'Example:',
      '',
      '```csv',
      spec.columns.map((c) => c.name).join(','),
      spec.columns.map((c) => (/[,"]/.test(c.example) ? `"${c.example}"` : c.example)).join(','),
      '```',
      '',
    );
  }
  out.push(
    '## Home Office offence subgroups (`crimes.offence_subgroup`)',
    '',
    '| subgroup | offence group | victim-based |',
    '|---|---|---|',
  );
  for (const s of OFFENCE_SUBGROUPS)
    out.push(`| ${s.subgroup} | ${s.offenceGroup} | ${s.victimBased ? 'yes' : 'no'} |`);
  out.push(
    '',
    '## Home Office outcome types (`outcomes.outcome_type`)',
    '',
    '| type | outcome | group |',
    '|---|---|---|',
  );
  for (const o of OUTCOME_TYPES)
    out.push(`| ${o.outcomeType} | ${esc(o.shortName)} | ${esc(o.outcomeGroup)} |`);
  out.push(
    '',
    '## data.police.uk files',
    '',
    '`bluelamp import police-uk FILES|DIR` reads the published street and outcomes CSV files exactly as published (see `src/facts/police-uk/CONTEXT.md`).',
    '',
  );
  return out.join('\n');
}

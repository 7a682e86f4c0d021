import { OFFENCE_SUBGROUPS } from './reference/offence-subgroups.ts';
import { OUTCOME_TYPES } from './reference/outcome-groups.ts';
import { RETURN_MEASURES } from './reference/return-measures.ts';
import { WITHDRAWAL_REASONS, WITHDRAWAL_STAGES } from './reference/withdrawals.ts';
import { TABLES, type ColumnSpec } from './tables.ts';
import { MAX_ROW_BYTES } from './import/csv-records.ts';

/** docs/data-format.md, generated from the table declarations so the two cannot drift apart. */
function typeText(c: ColumnSpec): string {
  switch (c.type) {
    case 'enum':
      if (c.valuesHint && !c.values) return c.valuesHint;
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
  if (c.optionalInHeader) r.push('may be left out of the header (added later)');
  if (c.min !== undefined) r.push(`≥ ${c.min}`);
  if (c.max !== undefined) r.push(`≤ ${c.max}`);
  if (c.pattern) r.push(c.patternHint ?? `matches ${c.pattern}`);
  for (const k of c.checks ?? []) r.push(k.rule);
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
    'One CSV (RFC 4180, UTF-8, comma-separated, header line first; LF or CRLF; a BOM is allowed) or Parquet file per table, columns named as below in any order. Every column must be in the header, except those marked "may be left out of the header": they were added after the table\'s first format, so a file made before them still imports (its rows hold nothing in them). Identifiers are the force\'s pseudonymous ids, never names.',
    '',
    '## Values',
    '',
    'The same rules apply to every file, whichever way the importer reads it, CSV or Parquet.',
    '',
    '- **Empty.** An empty field, or one of only spaces, tabs or line breaks, is a missing value: a required column refuses it (`is required`), an optional one stores nothing.',
    '- **Text** is kept as given. Control characters (U+0000–U+001F and U+007F: NUL, BEL, ESC …) are refused, except tab, line feed and carriage return in free text (a quoted field may span lines). Identifiers refuse those three too. Enumerated values are compared exactly (case and spaces count).',
    '- **Whole numbers** are digits with an optional sign (`-3`, `+4`; `6.0` is taken as 6); **numbers** may have a decimal point and an exponent (`0.333`, `1e-5`). Digit separators (`1_000`, `1,000`), `inf` and `nan` are refused.',
    '- **Booleans** are `true`/`false`, `yes`/`no`, `y`/`n`, `t`/`f` or `1`/`0`, any case.',
    '- **Dates** are `YYYY-MM-DD` exactly (`1990-05-07`, not `1990-5-7`), between 1900-01-01 and 2100-12-31.',
    '- **Date-times** are ISO 8601: `YYYY-MM-DDTHH:MM:SS` (a space may stand for the `T`), optionally with a fraction of a second of at most three digits (milliseconds: `2021-04-03T14:20:00.123`; more digits are refused rather than rounded), optionally followed by `Z` or an offset `±HH:MM` (or `±HH`) between -12:00 and +14:00. They are stored as Europe/London wall time, to the millisecond, between 1900 and 2100:',
    '  - with an offset, the moment is converted to London time (`2021-03-31T23:30:00Z` is stored as `2021-04-01 00:30:00`);',
    '  - without one, the value is London time as given. A wall time that London skipped when the clocks went forward (01:00–01:59 on the last Sunday of March, e.g. `2021-03-28T01:30:00`) does not exist and is refused: give the offset;',
    '  - a wall time in the hour London repeats when the clocks go back (01:00–01:59 on the last Sunday of October) is read as its first occurrence, in BST (+01:00). Both occurrences are stored as the same wall time, so `2021-10-31T01:30:00+00:00` (the second) is stored as `2021-10-31 01:30:00` too, and durations across that hour are counted on the wall clock.',
    '- **Exports** (`bluelamp export`) write every value in these forms (date-times with milliseconds only when there are any), so an exported file re-imports unchanged.',
    '',
    '## Batches',
    '',
    '`bluelamp import TABLE FILES… [--batch ID]` imports the files as one batch. Every row of every file is checked first; if any row breaks a rule nothing is written, the command exits with code 2 and lists every problem as file, line, column, value and rule (the first 20 on screen, all of them in a CSV report in the data directory). Lines count from 1 for the header; for Parquet, "line" is the row number. Importing a batch id again replaces that batch in one transaction. The default batch id is the table name and the file names (`crimes:crimes-2021.csv`). A row whose key is already in another batch is an error, and so is a replacement that would remove rows other tables still refer to. Import tables in this order: people, crimes, then the rest.',
    '',
    `Nothing is lost silently: each file's rows are counted independently of the CSV reader, and every row is either imported or reported. A row may be at most ${MAX_ROW_BYTES.toLocaleString('en-GB')} bytes; a longer one is refused, naming its line and its longest column. Replacing a batch with fewer than half its rows, or with none (a header-only file), is refused unless \`--allow-shrink\` is given.`,
    '',
    'Problems are private by default: each shows the offending cell only (cut to 80 characters), never the whole line, and a malformed line (a quote never closed, too few or too many fields) is described by where it is, not by what it holds. The report (`DATA_DIR/reports/import-errors-*.csv`) is readable by its owner only, cells that a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or CR) are neutralised, and reports older than 30 days (`--keep-reports DAYS`) are deleted whenever a new one is written. `bluelamp export` writes the import format exactly, without that neutralisation, so that it re-imports unchanged.',
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
    '## Withdrawal stages (`victim_withdrawals.stage`)',
    '',
    '| stage | meaning |',
    '|---|---|',
  );
  for (const x of WITHDRAWAL_STAGES) out.push(`| \`${x.stage}\` | ${esc(x.description)} |`);
  out.push(
    '',
    '## Withdrawal reasons (`victim_withdrawals.reason`)',
    '',
    '| reason | meaning |',
    '|---|---|',
  );
  for (const x of WITHDRAWAL_REASONS)
    out.push(`| \`${x.reason}\` | ${esc(x.label)}: ${esc(x.description)} |`);
  out.push(
    '',
    '## Measures that take returns (`returns.measure_id`)',
    '',
    'Percentage measures take their value as a fraction between 0 and 1 (33.3% is `0.333`).',
    '',
    '| measure id | value |',
    '|---|---|',
  );
  for (const m of RETURN_MEASURES)
    out.push(`| \`${m.measureId}\` | ${m.fraction ? 'fraction 0–1' : 'number'} |`);
  out.push(
    '',
    '## data.police.uk files',
    '',
    '`bluelamp import police-uk FILES|DIR` reads the published street and outcomes CSV files exactly as published (see `src/facts/police-uk/CONTEXT.md`).',
    '',
  );
  return out.join('\n');
}

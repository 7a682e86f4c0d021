import { safeCsvRow } from '../../lib/csv-safe.ts';
import { dayNumber } from './clock.ts';
import { FINDING_STATUSES, type FindingStatus } from './lifecycle.ts';
import { FINDING_KINDS, REPORT_KINDS, SOURCE_KINDS, type FindingKind } from './types.ts';

/**
 * The findings tracker's CSV format, as data: its columns (the one declaration, which
 * docs/tracker-import.md describes and a test holds to), the reader (UTF-8 with or without a
 * byte-order mark, CRLF or LF, quoted fields) and the spellings of each value trackers use.
 * Pure: tracker-import.ts checks the rows against the register and writes them.
 */

export interface TrackerColumn {
  readonly name: string;
  /** Other header spellings trackers use (compared without case, spaces or punctuation). */
  readonly aliases: readonly string[];
  /** Must be in the header and filled in (the report's columns not when a report is chosen). */
  readonly required: boolean;
  readonly doc: string;
}

const col = (name: string, required: boolean, aliases: string[], doc: string): TrackerColumn => ({
  name,
  required,
  aliases,
  doc,
});

export const TRACKER_COLUMNS = [
  col('source_title', true, ['source', 'report', 'report_title'], 'The report, as titled.'),
  col(
    'source_kind',
    true,
    ['source_type'],
    'Who made it: HMICFRS, IOPC learning, Coroner PFD, Victims Commissioner or Internal audit.',
  ),
  col(
    'report_kind',
    false,
    ['report_type', 'inspection_type'],
    'HMICFRS reports only, and required for them: PEEL, Thematic or Joint. Blank otherwise.',
  ),
  col(
    'published_on',
    true,
    ['published', 'publication_date', 'date_published'],
    'The day the report was published: 2024-02-29 or 29/02/2024.',
  ),
  col(
    'ref',
    true,
    ['reference', 'finding_ref'],
    "The report's own label for the finding, e.g. Recommendation 2 or AFI 3.",
  ),
  col(
    'kind',
    true,
    ['finding_kind', 'finding_type', 'type'],
    'Recommendation, Area for improvement (AFI) or Cause of concern.',
  ),
  col('text', true, ['finding', 'finding_text', 'description'], 'What the report says.'),
  col('scope', false, [], 'Force (the default) or National.'),
  col(
    'due',
    false,
    ['due_on', 'due_date', 'due_by'],
    'A date (2024-09-30 or 30/09/2024), "immediately", or blank for none.',
  ),
  col(
    'lead_email',
    false,
    ['lead', 'strategic_lead', 'lead_email_address'],
    'The strategic lead: the email address of a user of the service with the lead role. Required from Allocated on (but not for Superseded).',
  ),
  col(
    'status',
    false,
    ['progress', 'finding_status'],
    'Awaiting allocation (the default), Allocated, In progress, Evidence submitted, Approved for closure, Closed or Superseded.',
  ),
] as const satisfies readonly TrackerColumn[];

export type ColumnName = (typeof TRACKER_COLUMNS)[number]['name'];
export const TRACKER_HEADER: readonly ColumnName[] = TRACKER_COLUMNS.map((c) => c.name);
/** One finding as the export writes it: the format's columns, as text. */
export type TrackerRow = Readonly<Record<ColumnName, string>>;

/** The columns naming the report, which may be left out when the import is given one. */
export const SOURCE_COLUMNS: readonly ColumnName[] = [
  'source_title',
  'source_kind',
  'published_on',
];

// ---- Reading the file ------------------------------------------------------------------------

export interface CsvRecord {
  /** The line the record starts on (1 = the first line). */
  readonly line: number;
  readonly cells: readonly string[];
}

/** Windows-1252's characters for the bytes 0x80–0x9F (the rest are Latin-1's own). */
const CP1252 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * The file's text: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"), else
 * Windows-1252 (what Excel's plain "CSV" writes in the UK: curly quotes, dashes, the euro).
 */
export function decodeTracker(file: Uint8Array | string): string {
  if (typeof file === 'string') return file.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    let out = '';
    for (const b of file) out += b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80] : String.fromCharCode(b);
    return out;
  }
}

/**
 * RFC 4180 records: commas between fields; a field in double quotes may hold commas, line
 * breaks and doubled quotes; CRLF, LF or CR end a record. A quote inside an unquoted field is
 * kept as a character, as spreadsheets read it. An unclosed quote is reported by its line.
 */
export function parseCsv(text: string): { records: CsvRecord[]; unclosedQuoteAt: number | null } {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRecord = () => {
    records.push({ line: start, cells: [...cells, cell] });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const crlf = ch === '\r' && text[i + 1] === '\n';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n' || (ch === '\r' && !crlf)) line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (crlf) i++;
      start = ++line;
    } else cell += ch;
  }
  if (quoted) return { records, unclosedQuoteAt: quoteLine };
  if (cell !== '' || cells.length > 0) endRecord();
  return { records, unclosedQuoteAt: null };
}

/** Without case, spaces or punctuation: "Area for improvement" → area_for_improvement. */
export const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** The column a header cell names (by name or alias), or undefined. */
export const columnOf: (header: string) => ColumnName | undefined = (() => {
  const map = new Map<string, ColumnName>();
  for (const c of TRACKER_COLUMNS) for (const n of [c.name, ...c.aliases]) map.set(norm(n), c.name);
  return (h: string) => map.get(norm(h));
})();

/** A cell the export neutralised against spreadsheet formulas ('=…) reads back as it was. */
export const unneutralise = (s: string): string => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

// ---- The values ------------------------------------------------------------------------------

const vocabulary = <T extends string>(codes: readonly T[], more: Record<string, T>) => {
  const map = new Map<string, T>([
    ...codes.map((c) => [norm(c), c] as const),
    ...Object.entries(more).map(([k, v]) => [norm(k), v] as const),
  ]);
  return (s: string): T | undefined => map.get(norm(s));
};

export type SourceKind = (typeof SOURCE_KINDS)[number];
export type ReportKind = (typeof REPORT_KINDS)[number];

export const sourceKindOf = vocabulary<SourceKind>(SOURCE_KINDS, {
  HMIC: 'hmicfrs',
  IOPC: 'iopc_learning',
  'Learning the lessons': 'iopc_learning',
  Coroner: 'coroner_pfd',
  'Coroners PFD': 'coroner_pfd',
  PFD: 'coroner_pfd',
  'Prevention of future deaths': 'coroner_pfd',
  'Regulation 28': 'coroner_pfd',
  Audit: 'internal_audit',
});

export const reportKindOf = vocabulary<ReportKind>(REPORT_KINDS, {
  'PEEL inspection': 'peel',
  'Thematic inspection': 'thematic',
  'Joint inspection': 'joint',
});

export const findingKindOf = vocabulary<FindingKind>(FINDING_KINDS, {
  Recommendations: 'recommendation',
  Rec: 'recommendation',
  AFI: 'area_for_improvement',
  AFIs: 'area_for_improvement',
  'Areas for improvement': 'area_for_improvement',
  'Causes of concern': 'cause_of_concern',
  CoC: 'cause_of_concern',
});

export const statusOf = vocabulary<FindingStatus>(FINDING_STATUSES, {});

export const scopeOf = vocabulary<'force' | 'national'>(['force', 'national'], {});

/** What the export writes for each code (the import reads these back). */
export const TRACKER_NAMES = {
  sourceKind: {
    hmicfrs: 'HMICFRS',
    iopc_learning: 'IOPC learning',
    coroner_pfd: 'Coroner PFD',
    victims_commissioner: 'Victims Commissioner',
    internal_audit: 'Internal audit',
  } satisfies Record<SourceKind, string>,
  reportKind: { peel: 'PEEL', thematic: 'Thematic', joint: 'Joint' } satisfies Record<
    ReportKind,
    string
  >,
  kind: {
    recommendation: 'Recommendation',
    area_for_improvement: 'Area for improvement',
    cause_of_concern: 'Cause of concern',
  } satisfies Record<FindingKind, string>,
  scope: { force: 'Force', national: 'National' },
};

export const statusName = (s: FindingStatus): string =>
  `${s[0]?.toUpperCase() ?? ''}${s.slice(1).replaceAll('_', ' ')}`;

/** A day as ISO, or as dd/mm/yyyy (also d/m/yyyy, with / - or .); else the rule it breaks. */
export function dateOf(s: string): { date: string } | { rule: string } {
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(s);
  let date: string | null = /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
  if (uk) {
    if ((uk[3] as string).length !== 4)
      return { rule: 'must have a four-digit year, like 29/02/2024' };
    date = `${uk[3]}-${(uk[2] as string).padStart(2, '0')}-${(uk[1] as string).padStart(2, '0')}`;
  }
  if (date === null) return { rule: 'must be a date, like 2024-02-29 or 29/02/2024' };
  try {
    dayNumber(date);
  } catch {
    return { rule: 'must be a date that exists (day/month/year)' };
  }
  if (date < '1990-01-01' || date > '2100-12-31') return { rule: 'must be between 1990 and 2100' };
  return { date };
}

/**
 * A tracker file as Excel's "CSV UTF-8" is: a byte-order mark, CRLF line ends, quotes only where
 * needed. A cell a spreadsheet would run as a formula gets a leading quote (lib/csv-safe.ts),
 * which the import takes off again, so the file re-imports unchanged.
 */
export function trackerCsv(rows: readonly TrackerRow[]): string {
  const lines = [TRACKER_HEADER, ...rows.map((r) => TRACKER_HEADER.map((c) => r[c] ?? ''))];
  return `\uFEFF${lines.map((l) => safeCsvRow(l)).join('\r\n')}\r\n`;
}

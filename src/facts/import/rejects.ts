import type { FactsStore } from '../store.ts';
import { MAX_ROW_BYTES, type CsvRecordCount } from './csv-records.ts';

/**
 * Rows DuckDB's CSV reader rejected as malformed (its `store_rejects` tables), one per line.
 * A malformed row is described by where it is and what is wrong with it, never by its content:
 * the raw line may hold free text about people (and, after an unclosed quote, the rows after it).
 */
export interface Reject {
  readonly line: number;
  readonly column: string;
  readonly value: null;
  readonly rule: string;
  /** DuckDB's error type, e.g. `MISSING COLUMNS`. */
  readonly type: string;
}

/** The reader appends to its rejects tables; each read starts with them empty. */
export async function clearRejects(store: FactsStore): Promise<void> {
  await store.run('DROP TABLE IF EXISTS bl_rejects');
  await store.run('DROP TABLE IF EXISTS bl_rejects_scan');
}

function describe(
  type: string,
  column: string | null,
  line: number,
  scan: CsvRecordCount | undefined,
): string {
  const where = column === null ? '' : ` in column ${column}`;
  switch (type) {
    case 'MISSING COLUMNS':
      return `malformed CSV row: too few fields (the row ends before column ${column ?? '?'})`;
    case 'TOO MANY COLUMNS':
      return 'malformed CSV row: more fields than the header names';
    case 'UNQUOTED VALUE': {
      const open = scan?.openQuote;
      if (open?.line === line)
        return `malformed CSV row: unterminated quote${where} starting at line ${line}; the rest of the file (${open.linesAfter.toLocaleString('en-GB')} more line${open.linesAfter === 1 ? '' : 's'}) is inside it, so none of it could be read as rows`;
      return `malformed CSV row: a quoted value${where} has text after its closing quote (or its quote is not closed)`;
    }
    case 'LINE SIZE OVER MAXIMUM':
      return `row longer than ${MAX_ROW_BYTES.toLocaleString('en-GB')} bytes (the limit)`;
    case 'INVALID ENCODING':
    case 'INVALID UNICODE':
      return `malformed CSV row: not valid UTF-8 text${where}`;
    case 'CAST':
      return `malformed CSV row: a value${where} is not of the column's type`;
    default:
      return `malformed CSV row (${type.toLowerCase()})${where}`;
  }
}

export async function csvRejects(store: FactsStore, scan?: CsvRecordCount): Promise<Reject[]> {
  const exists = await store.all("SELECT 1 FROM duckdb_tables() WHERE table_name = 'bl_rejects'");
  if (exists.length === 0) return [];
  // The raw line (csv_line) is deliberately not read.
  const rows = await store.all<{ line: bigint; column_name: string | null; error_type: string }>(
    'SELECT r.line, r.column_name, r.error_type FROM bl_rejects r ORDER BY r.line, r.column_idx',
  );
  // DuckDB lists a short row once per missing column: one issue per line is what a person needs.
  const firstPerLine = rows.filter((r, i) => i === 0 || rows[i - 1]?.line !== r.line);
  return firstPerLine.map((r) => {
    const line = Number(r.line);
    return {
      line,
      column: r.column_name ?? '(row)',
      value: null,
      rule: describe(r.error_type, r.column_name, line, scan),
      type: r.error_type,
    };
  });
}

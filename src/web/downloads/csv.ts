import { safeCsvRow } from '../../lib/csv-safe.ts';
import type { DataSheet } from './data.ts';

/**
 * A sheet as CSV for a spreadsheet: a header row, then the rows, every text cell neutralised
 * against formula injection (`src/lib/csv-safe.ts`). A byte-order mark first, so Excel reads
 * UTF-8 ("fewer than 5", "—", area names) as such.
 */
export function sheetCsv(sheet: DataSheet): string {
  const lines = [
    safeCsvRow(sheet.columns),
    ...sheet.rows.map((row) =>
      safeCsvRow(row.map((v) => (typeof v === 'boolean' ? String(v) : v))),
    ),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

import ExcelJS from 'exceljs';
import type { DataSheet, Value } from './data.ts';

/** Formula-like text stays text: exceljs writes strings as strings, never as formulas. */
const asCell = (v: Value): string | number | boolean | null => v;

/**
 * A workbook: an "About" sheet (what the figures are, for whom, withheld-figure note), then
 * one sheet per data sheet with a bold header row and numbers as numeric cells.
 */
export async function workbook(
  about: readonly (readonly [string, string])[],
  sheets: readonly DataSheet[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bluelamp';
  const info = wb.addWorksheet('About');
  info.columns = [
    { header: 'Field', key: 'k', width: 24 },
    { header: 'Value', key: 'v', width: 100 },
  ];
  for (const [k, v] of about) info.addRow([k, v]);
  info.getRow(1).font = { bold: true };
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow([...s.columns]);
    ws.getRow(1).font = { bold: true };
    for (const row of s.rows) ws.addRow(row.map(asCell));
    ws.columns.forEach((c, i) => {
      c.width = Math.min(40, Math.max(12, (s.columns[i] ?? '').length + 2));
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

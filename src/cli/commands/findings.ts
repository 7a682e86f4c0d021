import type { Command } from 'commander';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { TrackerRow } from '../../records/accountability/tracker-csv.ts';
import { withRecords } from '../context.ts';
import type { CommandContext } from '../main.ts';
import { checkOutPath, writeAtomically } from '../out-file.ts';
import { CLI_ACTOR } from './users.ts';

/**
 * `bluelamp findings import-tracker FILE` reads a force's findings tracker (the CSV format of
 * docs/tracker-import.md) into the register, all rows or none, every problem listed;
 * `bluelamp findings export` writes the register out in the same shape, as CSV or a workbook.
 */

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function readTracker(file: string): Buffer {
  if (!existsSync(file)) throw new BluelampError('FILE_NOT_FOUND', `${file}: no such file.`);
  if (statSync(file).isDirectory())
    throw new BluelampError('IS_A_DIRECTORY', `${file} is a folder, not a file.`);
  return readFileSync(file);
}

/** The register as a workbook: one sheet, the tracker's columns, a bold frozen header. */
async function workbook(rows: readonly TrackerRow[]): Promise<Buffer> {
  // Loaded here, not at the top: `--help` must not load exceljs or the format (issue 11).
  const { default: ExcelJS } = await import('exceljs');
  const { TRACKER_HEADER } = await import('../../records/accountability/tracker-csv.ts');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bluelamp';
  const ws = wb.addWorksheet('Findings');
  ws.addRow([...TRACKER_HEADER]);
  ws.getRow(1).font = { bold: true };
  // Strings stay strings (exceljs never writes a string as a formula).
  for (const r of rows) ws.addRow(TRACKER_HEADER.map((c) => r[c]));
  ws.columns.forEach((c, i) => {
    c.width = TRACKER_HEADER[i] === 'text' ? 80 : TRACKER_HEADER[i] === 'source_title' ? 40 : 18;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function registerFindings(program: Command, ctx: CommandContext): void {
  const findings = program
    .command('findings')
    .description('The findings register: import a tracker spreadsheet (CSV), export the register.');
  findings
    .command('import-tracker')
    .description(
      'Import a findings tracker saved as CSV (docs/tracker-import.md): every row is checked first; one bad row and nothing is imported.',
    )
    .argument('<file>', 'the tracker, saved as CSV (CSV UTF-8 from Excel is fine)')
    .option('--source-id <id>', 'put every row in this report (its columns may then be left out)')
    .option('--create-sources', 'add the reports the register does not hold yet')
    .action(async (file: string, opts: { sourceId?: string; createSources?: boolean }) => {
      if (opts.sourceId !== undefined && opts.createSources)
        throw badInput(
          'Give --source-id or --create-sources, not both.',
          'With --source-id every row goes into that report, so no report is added.',
        );
      const bytes = readTracker(file);
      await withRecords(ctx.dataDir(), 'findings import-tracker', ctx.io, async (records) => {
        const s = await records.tracker.importCsv(
          bytes,
          {
            fileName: file,
            ...(opts.sourceId === undefined ? {} : { sourceId: opts.sourceId }),
            ...(opts.createSources ? { createSources: true } : {}),
          },
          CLI_ACTOR,
        );
        ctx.io.out(
          `Imported ${file}: ${plural(s.rows, 'row')}; ${plural(s.added, 'finding')} added, ${s.updated.toLocaleString('en-GB')} updated, ${s.unchanged.toLocaleString('en-GB')} unchanged; ${plural(s.sourcesCreated, 'report')} added.`,
        );
        if (s.ignoredColumns.length)
          ctx.io.out(`Columns not part of the format, ignored: ${s.ignoredColumns.join(', ')}.`);
      });
    });
  findings
    .command('export')
    .description(
      'Write the findings register in the tracker format (re-imports unchanged), as CSV or XLSX.',
    )
    .requiredOption('--format <format>', 'csv or xlsx')
    .requiredOption('--out <file>', 'the file to write (outside the data directory)')
    .option('--force', 'replace the --out file if it exists')
    .action(async (opts: { format: string; out: string; force?: boolean }) => {
      if (opts.format !== 'csv' && opts.format !== 'xlsx')
        throw badInput(`Unknown format "${opts.format}".`, 'Use --format csv or --format xlsx.');
      const out = checkOutPath(opts.out, ctx.dataDir(), opts.force === true);
      await withRecords(ctx.dataDir(), 'findings export', ctx.io, async (records) => {
        const rows = await records.tracker.exportRows();
        const { trackerCsv } = await import('../../records/accountability/tracker-csv.ts');
        const bytes = opts.format === 'csv' ? trackerCsv(rows) : await workbook(rows);
        await writeAtomically(out, async (tmp) => writeFileSync(tmp, bytes, { mode: 0o600 }));
        ctx.io.out(`Exported ${plural(rows.length, 'finding')} to ${opts.out}.`);
      });
    });
}

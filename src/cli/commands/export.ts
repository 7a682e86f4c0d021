import type { Command } from 'commander';
import type { ExportFormat } from '../../facts/export.ts';
import { badInput } from '../../lib/errors.ts';
import { withData } from '../context.ts';
import { checkOutPath, writeAtomically } from '../out-file.ts';
import type { CommandContext } from '../main.ts';

export function registerExport(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description(
      'Write a table in the import format (columns exactly as imported, so the file re-imports unchanged).',
    )
    .addHelpText(
      'after',
      `
The file is exact, for round trips: values are written as stored, with nothing added. Unlike the
error reports, cells that begin with =, +, -, @, a tab or a carriage return are NOT neutralised
against spreadsheet formulas, so open an export of untrusted data in a spreadsheet with care.
--out must be outside the data directory; an existing file is replaced only with --force, and
the file is written whole or not at all.`,
    )
    .argument('<table>', 'table name')
    .option('--format <format>', 'csv or parquet', 'csv')
    .option('--out <file>', 'output file (default: standard output for CSV)')
    .option('--force', 'replace the --out file if it exists')
    .action(async (table: string, opts: { format: string; out?: string; force?: boolean }) => {
      if (opts.format !== 'csv' && opts.format !== 'parquet')
        throw badInput(`Unknown format "${opts.format}".`, 'Use --format csv or --format parquet.');
      if (opts.format === 'parquet' && !opts.out)
        throw badInput('Parquet needs a file.', 'Add --out FILE.parquet.');
      const format: ExportFormat = opts.format;
      const out =
        opts.out === undefined ? null : checkOutPath(opts.out, ctx.dataDir(), opts.force === true);
      const [{ exportTable }, { exportPoliceUk, isPoliceUkExportTable }] = await Promise.all([
        import('../../facts/export.ts'),
        import('../../facts/police-uk/export.ts'),
      ]);
      await withData(ctx.dataDir(), `export ${table}`, ctx.io, async ({ facts: store }) => {
        const write = (path: string) =>
          isPoliceUkExportTable(table)
            ? exportPoliceUk(store, table, format, path)
            : exportTable(store, table, format, path);
        const rows = out === null ? await write('/dev/stdout') : await writeAtomically(out, write);
        if (opts.out)
          ctx.io.out(`Exported ${rows.toLocaleString('en-GB')} ${table} rows to ${opts.out}.`);
      });
    });
}

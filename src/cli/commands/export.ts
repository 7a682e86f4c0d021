import type { Command } from 'commander';
import { exportTable, type ExportFormat } from '../../facts/export.ts';
import { badInput } from '../../lib/errors.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

export function registerExport(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description(
      'Write a table in the import format (columns exactly as imported, so the file re-imports unchanged).',
    )
    .argument('<table>', 'table name')
    .option('--format <format>', 'csv or parquet', 'csv')
    .option('--out <file>', 'output file (default: standard output for CSV)')
    .action(async (table: string, opts: { format: string; out?: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'parquet')
        throw badInput(`Unknown format "${opts.format}".`, 'Use --format csv or --format parquet.');
      if (opts.format === 'parquet' && !opts.out)
        throw badInput('Parquet needs a file.', 'Add --out FILE.parquet.');
      const format: ExportFormat = opts.format;
      await withData(ctx.dataDir(), `export ${table}`, ctx.io, async ({ store }) => {
        const rows = await exportTable(store, table, format, opts.out ?? '/dev/stdout');
        if (opts.out)
          ctx.io.out(`Exported ${rows.toLocaleString('en-GB')} ${table} rows to ${opts.out}.`);
      });
    });
}

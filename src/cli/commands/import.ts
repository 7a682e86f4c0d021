import type { Command } from 'commander';
import { importTable } from '../../facts/import/import-table.ts';
import { PROJECT_TABLE_NAMES } from '../../facts/tables.ts';
import type { ImportResult } from '../../facts/import/import-batch.ts';
import { withData } from '../context.ts';
import { progressReporter } from '../progress-bar.ts';
import type { CommandContext } from '../main.ts';
import { importPoliceUk } from '../../facts/police-uk/import-police-uk.ts';

export function describeResult(r: ImportResult): string {
  const replaced =
    r.replacedRows > 0
      ? ` (replaced ${r.replacedRows.toLocaleString('en-GB')} rows of the earlier batch)`
      : '';
  return `Imported ${r.rows.toLocaleString('en-GB')} ${r.table} rows as batch "${r.batchId}" in ${r.seconds.toFixed(1)} s, ${Math.round(r.rowsPerSecond).toLocaleString('en-GB')} rows/s${replaced}.`;
}

export function registerImport(program: Command, ctx: CommandContext): void {
  program
    .command('import')
    .description(
      `Validate and load a batch of files for one table (${PROJECT_TABLE_NAMES.join(', ')}), or data.police.uk files with "import police-uk FILES|DIR".`,
    )
    .argument('<table>', 'table name, or police-uk')
    .argument('<files...>', 'CSV or Parquet files (a directory for police-uk)')
    .option(
      '--batch <id>',
      'batch id; re-importing a batch id replaces that batch (default: table and file names)',
    )
    .addHelpText(
      'after',
      '\nEvery row of every file is checked first; if any is invalid nothing is written and every problem is listed\n(file, line, column, value, rule). The format of each table is in docs/data-format.md.',
    )
    .action(async (table: string, files: string[], opts: { batch?: string }) => {
      const { io } = ctx;
      await withData(ctx.dataDir(), `import ${table}`, io, async ({ store }) => {
        const progress = progressReporter(io);
        try {
          const common = {
            onProgress: progress.update,
            now: io.now,
            ...(opts.batch === undefined ? {} : { batchId: opts.batch }),
          };
          const results =
            table === 'police-uk'
              ? await importPoliceUk(store, files, { ...common, onNote: (n: string) => io.out(n) })
              : [await importTable(store, table, files, common)];
          progress.stop();
          for (const r of results) io.out(describeResult(r));
          io.out('Next: "bluelamp status" shows what is loaded.');
        } finally {
          progress.stop();
        }
      });
    });
}

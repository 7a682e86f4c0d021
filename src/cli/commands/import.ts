import type { Command } from 'commander';
import { PROJECT_TABLE_NAMES } from '../../facts/tables.ts';
import type { ImportResult } from '../../facts/import/import-batch.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';
import { join } from 'node:path';
import { SHOWN_ISSUES } from '../report-errors.ts';
import { DEFAULT_KEEP_REPORTS_DAYS, newReportPath, parseKeepDays } from '../reports-retention.ts';

export function describeResult(r: ImportResult): string {
  const replaced =
    r.replacedRows > 0
      ? ` (replaced ${r.replacedRows.toLocaleString('en-GB')} rows of the earlier batch)`
      : '';
  return `Imported ${r.rows.toLocaleString('en-GB')} ${r.table} rows as batch "${r.batchId}" in ${r.seconds.toFixed(1)} s, ${Math.round(r.rowsPerSecond).toLocaleString('en-GB')} rows/s${replaced}.`;
}

interface ImportOptions {
  batch?: string;
  allowShrink?: boolean;
  keepReports?: string;
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
    .option(
      '--allow-shrink',
      'allow replacing a batch with fewer than half its rows, or none (refused otherwise)',
    )
    .option(
      '--keep-reports <days>',
      `days to keep error reports in DATA_DIR/reports (default ${DEFAULT_KEEP_REPORTS_DAYS})`,
    )
    .addHelpText(
      'after',
      `\nEvery row of every file is checked first; if any is invalid nothing is written and the problems are listed
(file, line, column, the offending cell and the rule; never the whole line). The first ${SHOWN_ISSUES} are shown and every one
is written to DATA_DIR/reports/import-errors-*.csv, readable by you only; reports older than --keep-reports days
are removed whenever a new one is written. The format of each table is in docs/data-format.md.`,
    )
    .action(async (table: string, files: string[], opts: ImportOptions) => {
      const { io } = ctx;
      const keepDays = parseKeepDays(opts.keepReports);
      const reports = join(ctx.dataDir(), 'reports');
      const [{ importTable }, { importPoliceUk }, { progressReporter }, { prepareAggregates }] =
        await Promise.all([
          import('../../facts/import/import-table.ts'),
          import('../../facts/police-uk/import-police-uk.ts'),
          import('../progress-bar.ts'),
          import('../../measures/aggregates.ts'),
        ]);
      await withData(ctx.dataDir(), `import ${table}`, io, async ({ facts: store }) => {
        const progress = progressReporter(io);
        try {
          const common = {
            onProgress: progress.update,
            now: io.now,
            problemReport: () => newReportPath(reports, io.now(), keepDays),
            ...(opts.allowShrink ? { allowShrink: true } : {}),
            ...(opts.batch === undefined ? {} : { batchId: opts.batch }),
          };
          // The aggregates are the catalogue's before the import, so it maintains them.
          await prepareAggregates(store, io.now());
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

import type { Command } from 'commander';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

export function registerStatus(program: Command, ctx: CommandContext): void {
  program
    .command('status')
    .description('What is loaded: tables, rows, date ranges, batches and the last import.')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { storeStatus } = await import('../../facts/status.ts');
      await withData(ctx.dataDir(), 'status', ctx.io, async ({ facts: store, dataDir }) => {
        const s = await storeStatus(store);
        if (opts.json) {
          ctx.io.out(JSON.stringify({ dataDir, ...s }, null, 2));
          return;
        }
        const out = ctx.io.out;
        out(`Data directory: ${dataDir}`);
        out(`Last import: ${s.lastImport ?? 'never'}`);
        out('');
        out(
          `${'table'.padEnd(22)}${'rows'.padStart(12)}  ${'from'.padEnd(19)}  ${'to'.padEnd(19)}  batches`,
        );
        for (const t of s.tables) {
          out(
            `${t.table.padEnd(22)}${t.rows.toLocaleString('en-GB').padStart(12)}  ${(t.from ?? '—').slice(0, 19).padEnd(19)}  ${(t.to ?? '—').slice(0, 19).padEnd(19)}  ${t.batches}`,
          );
        }
        if (s.coverage.length > 0) {
          out('');
          out('Months covered (gaps are months without a row between the first and the last):');
          for (const c of s.coverage) {
            const gaps = c.gaps.length === 0 ? 'no gaps' : `gaps: ${c.gaps.join(', ')}`;
            out(
              `  ${c.source}: ${c.from} to ${c.to}, ${c.months} month${c.months === 1 ? '' : 's'}; ${gaps}`,
            );
          }
        }
        if (s.batches.length === 0)
          out(
            '\nNothing imported yet. Try "bluelamp demo" for a synthetic force, or "bluelamp import TABLE FILES…".',
          );
      });
    });
}

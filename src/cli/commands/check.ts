import type { Command } from 'commander';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

export function registerCheck(program: Command, ctx: CommandContext): void {
  program
    .command('check')
    .description(
      "Prove the store is whole: every table's rows are accounted for by its batches, every reference resolves, every monthly aggregate equals the facts.",
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit status 0 when every check passes, 1 with the list of problems otherwise.',
    )
    .action(async (opts: { json?: boolean }) => {
      const { checkStore } = await import('../../facts/check.ts');
      await withData(ctx.dataDir(), 'check', ctx.io, async ({ facts: store, dataDir }) => {
        const r = await checkStore(store);
        if (!r.ok) ctx.setExit(1);
        if (opts.json) {
          ctx.io.out(JSON.stringify({ dataDir, ...r }, null, 2));
          return;
        }
        const count = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
        const what = `${count(r.tables, 'table')}, ${count(r.batches, 'batch', 'batches')}, ${count(r.references, 'reference')}, ${count(r.aggregates, 'aggregate')}, data version ${r.dataVersion ?? '—'}`;
        if (r.ok) {
          ctx.io.out(
            `Store check passed (${what}): every row is in a recorded batch, every reference resolves, every aggregate equals its recomputation from the facts.`,
          );
          if (r.staleAggregates.length > 0)
            ctx.io.out(
              `Not current (not read; rebuilt by the next import or scorecard): ${r.staleAggregates.join(', ')}.`,
            );
          return;
        }
        ctx.io.out(`Store check FAILED (${what}): ${count(r.problems.length, 'problem')}.`);
        for (const p of r.problems) ctx.io.out(`  ${p.table ?? '(store)'}: ${p.message}`);
      });
    });
}

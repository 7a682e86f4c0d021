import type { Command } from 'commander';
import { loadDemo } from '../../demo/load-demo.ts';
import { recordDemoRebases } from '../../app/rebases.ts';
import { badInput } from '../../lib/errors.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';
import { describeResult } from './import.ts';

export function registerDemo(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description(
      'Generate the synthetic demo force (fictional; every record synthetic) and load it through the importers.',
    )
    .option('--seed <n>', 'random seed; the same seed gives the same data', '20210630')
    .option('--scale <n>', 'multiply volumes (for benchmarks)', '1')
    .action(async (opts: { seed: string; scale: string }) => {
      const seed = Number(opts.seed);
      const scale = Number(opts.scale);
      if (!Number.isInteger(seed))
        throw badInput(`--seed must be a whole number, not "${opts.seed}".`);
      if (!(scale > 0 && scale <= 100))
        throw badInput(`--scale must be a number above 0 and at most 100, not "${opts.scale}".`);
      const { io } = ctx;
      await withData(ctx.dataDir(), 'demo', io, async ({ facts: store, dataDir }) => {
        const t0 = Date.now();
        io.out(`Generating the synthetic demo force (seed ${seed}, scale ${scale}) …`);
        const { results, filesDir, generateSeconds } = await loadDemo(store, {
          seed,
          scale,
          dataDir,
          now: io.now,
          onTable: (r) => io.out(`  ${describeResult(r)}`),
        });
        const rows = results.reduce((n, r) => n + r.rows, 0);
        io.out(
          `Done: ${rows.toLocaleString('en-GB')} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s (generation ${generateSeconds.toFixed(1)} s).`,
        );
        io.out(`The generated files, in the import format, are in ${filesDir}.`);
        recordDemoRebases(dataDir, io.now());
        io.out(
          'Recorded the demo force\'s documented SPC rebase (COVID-19, April 2020): see "bluelamp spc rebase list".',
        );
        io.out('Next: "bluelamp status", then "bluelamp scorecard --period 2021/22-Q1".');
      });
    });
}

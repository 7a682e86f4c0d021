import type { Command } from 'commander';
import { badInput } from '../../lib/errors.ts';
import { withData, type CliIO, type Deps } from '../context.ts';
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
      await withData(ctx.dataDir(), 'demo', ctx.io, (deps) =>
        loadDemoForce(deps, ctx.io, { seed, scale }),
      );
    });
}

/** Generates and loads the demo force into an open data directory (`demo`, and `serve --demo`). */
export async function loadDemoForce(
  deps: Deps,
  io: CliIO,
  { seed, scale }: { seed: number; scale: number },
): Promise<void> {
  const t0 = Date.now();
  const [
    { writeDemoAccountability },
    { loadDemo },
    { DEMO_DOMAIN, ensureDemoUsers },
    { recordDemoRebases },
    { writeSettings },
    { prepareAggregates },
  ] = await Promise.all([
    import('../../demo/accountability.ts'),
    import('../../demo/load-demo.ts'),
    import('../../app/demo-users.ts'),
    import('../../app/rebases.ts'),
    import('../../app/settings.ts'),
    import('../../measures/aggregates.ts'),
  ]);
  io.out(`Generating the synthetic demo force (seed ${seed}, scale ${scale}) …`);
  const { facts: store, dataDir } = deps;
  // Defined first, so each of the demo's imports maintains the monthly aggregates it changes.
  await prepareAggregates(store, io.now());
  const { results, filesDir, generateSeconds, settings } = await loadDemo(store, {
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
  const records = await deps.records();
  await writeSettings(records, settings, { userId: null, via: 'system' });
  await recordDemoRebases(records, io.now());
  io.out(
    'Recorded the demo force\'s documented SPC rebase (COVID-19, April 2020): see "bluelamp spc rebase list".',
  );
  // Demo findings need a strategic lead who can sign in: the demo sign-ins are made now
  // (as serve --demo would), and their lead owns the demo inspections' findings.
  const [first] = await store.all<{ lpa: string }>('SELECT min(lpa) AS lpa FROM crimes');
  await ensureDemoUsers(records, String(first?.lpa ?? 'North'));
  const lead = await records.users.byEmail(`lead@${DEMO_DOMAIN}`);
  if (lead) {
    const n = await writeDemoAccountability(records, {
      now: io.now(),
      leadUserId: lead.id,
      bodyName: settings.policingBodyName,
    });
    if (n > 0)
      io.out(`Recorded ${n} findings of fictional demo inspections, at a spread of statuses.`);
  }
  io.out('Next: "bluelamp status", then "bluelamp scorecard --period 2021/22-Q1".');
}

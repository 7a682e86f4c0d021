import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { badInput } from '../../lib/errors.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

export const SNAPSHOTS_FOLDER = 'snapshots';

/**
 * `bluelamp publish-facts`: a read-only snapshot of the facts store for web servers that do not
 * hold the store themselves (several processes, other machines). They follow DIR/CURRENT.json.
 */
export function registerPublishFacts(program: Command, ctx: CommandContext): void {
  program
    .command('publish-facts')
    .description(
      'Write a read-only snapshot of the facts for web servers to read, and point DIR/CURRENT.json at it.',
    )
    .option('--out <dir>', 'snapshot directory (default: the data directory’s snapshots folder)')
    .option('--json', 'print JSON')
    .action(async (opts: { out?: string; json?: boolean }) => {
      const dataDir = ctx.dataDir();
      const outDir = resolve(opts.out ?? join(dataDir, SNAPSHOTS_FOLDER));
      if (outDir === resolve(dataDir))
        throw badInput(
          `--out ${opts.out ?? ''} is the data directory itself.`,
          'Give a folder of its own, for example the default (the data directory’s snapshots folder).',
        );
      const { publishFacts } = await import('../../facts/snapshot.ts');
      await withData(dataDir, 'publish-facts', ctx.io, async ({ facts }) => {
        const r = await publishFacts(facts, { outDir, now: ctx.io.now });
        if (opts.json) {
          ctx.io.out(JSON.stringify({ outDir, ...r }, null, 2));
          return;
        }
        const rows = Object.values(r.pointer.tables).reduce((n, t) => n + t.rows, 0);
        ctx.io.out(
          `Published the facts (data version ${r.pointer.dataVersion}, ${rows.toLocaleString('en-GB')} rows) as ${r.pointer.snapshot} in ${outDir}.`,
        );
        ctx.io.out(
          `Web servers started with this snapshot directory pick it up from CURRENT.json within their poll interval.`,
        );
        if (r.pruned.length > 0)
          ctx.io.out(
            `Removed ${r.pruned.length} older snapshot${r.pruned.length === 1 ? '' : 's'}.`,
          );
      });
    });
}

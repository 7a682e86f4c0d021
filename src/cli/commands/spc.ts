import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { BluelampError } from '../../lib/errors.ts';
import type { CommandContext } from '../main.ts';

// The keys parseSpcInput accepts (src/stats/spc-contract.ts, which rejects any other key).
// test/cli/spc-help.test.ts checks every key of its schema is listed here.
const INPUT_HELP = `
Input, JSON (an object; any other key is refused):
  "y"                     the values, in time order (required; numbers, at least one)
  "periods"               a label per value, e.g. "2021-04" (optional; one per value, no repeats)
  "improvementDirection"  "increase" (default), "decrease" or "neutral": which way is better
  "screenOutliers"        true (default) drops moving ranges of 3.267 × the mean moving range
                          or more before the limits are drawn; false reproduces MDC's Excel tool
  "fixAfterNPoints"       limits from the first N points of each group (N at least 12);
                          null or absent = all points
  "rebaseAtPoint"         1-based positions where a new group starts, e.g. [25] (each 2 or more,
                          at most the number of values, no repeats)
  "target"                a number for the assurance icon, or null (no icon)

Input, CSV (--csv, or an --input file ending .csv): a header naming the two columns period and
value (either order), then one row per period in time order; only the series, default options.

Example (the last month is above its upper limit, a concern when lower is better):
  echo '{"y": [12, 14, 11, 13, 12, 15, 13, 12, 14, 13, 11, 13, 25],
         "improvementDirection": "decrease", "target": 14}' | bluelamp spc

The statistics (XmR limits, the Making Data Count rules, icons, rebasing) are in docs/spc.md.`;

export function registerSpc(program: Command, ctx: CommandContext, readStdin: () => string): void {
  program
    .command('spc')
    .description(
      'SPC (XmR, Making Data Count rules) on any series: JSON {"y": [...], ...} or CSV period,value.',
    )
    .option(
      '--input <file>',
      'read this file instead of standard input (.csv for CSV, otherwise JSON)',
    )
    .option('--csv', 'the input is CSV (period,value)')
    .option('--json', 'print the analysis as JSON (groups, points, icons; see docs/spc.md)')
    .addHelpText('after', INPUT_HELP)
    .action(async (opts: { input?: string; csv?: boolean; json?: boolean }) => {
      const { parseSpcInput, runSpc } = await import('../../stats/spc-contract.ts');
      let text: string;
      const source = opts.input ?? '(standard input)';
      try {
        text = opts.input ? readFileSync(opts.input, 'utf8') : readStdin();
      } catch {
        throw new BluelampError('FILE_NOT_FOUND', `${source}: cannot be read.`);
      }
      const kind =
        opts.csv || (opts.input && extname(opts.input).toLowerCase() === '.csv') ? 'csv' : 'json';
      const result = runSpc(parseSpcInput(text, kind, source));
      if (opts.json) {
        ctx.io.out(JSON.stringify(result, null, 2));
        return;
      }
      const out = ctx.io.out;
      result.groups.forEach((g, i) => {
        out(
          `Group ${i + 1}: points ${g.firstPoint}–${g.firstPoint + g.nPoints - 1}, mean ${g.mean.toFixed(3)}, limits ${g.lpl?.toFixed(3) ?? '—'} to ${g.upl?.toFixed(3) ?? '—'}${g.shortGroupWarning ? ' (fewer than 13 points: provisional)' : ''}`,
        );
      });
      result.points.forEach((p, i) => {
        if (p.specialCauseType !== 'Common Cause')
          out(`  point ${i + 1} (${p.y}): ${p.specialCauseType}`);
      });
      out(
        `Variation: ${result.variationIcon}; assurance: ${result.assuranceIcon ?? 'none (no target)'}`,
      );
    });
}

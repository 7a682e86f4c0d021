import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseSpcInput, runSpc } from '../../stats/spc-contract.ts';
import { BluelampError } from '../../lib/errors.ts';
import type { CommandContext } from '../main.ts';

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
    .option('--json', 'print the analysis as JSON (the contract in SPC.md)')
    .action((opts: { input?: string; csv?: boolean; json?: boolean }) => {
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

import type { Command } from 'commander';
import { withData } from '../context.ts';
import { rebasesByMeasure } from '../../app/rebases.ts';
import { recordInputs } from '../../app/records-inputs.ts';
import type { CommandContext } from '../main.ts';
import { coverageNotes, formatValue, formatChange, statusText } from '../format.ts';
import { formatPValue, goodLooksLikeText } from '../../present/format.ts';

const ICON_TEXT: Record<string, string> = {
  special_cause_improvement: 'improving',
  special_cause_concern: 'CONCERN',
  special_cause_neutral_high: 'high',
  special_cause_neutral_low: 'low',
  common_cause: 'common cause',
};

export function registerMeasureCommands(program: Command, ctx: CommandContext): void {
  program
    .command('scorecard')
    .description(
      'The gold scorecard: every gold measure with value, target status, trend and SPC icons.',
    )
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1, 2021-06, 2021/22, 12m-to-2021-06')
    .option('--lpa <name>', 'one local policing area')
    .option(
      '--json',
      'print JSON: {"period", "lpa", "coverage", "measures": [MeasureResult…]}; each result has "scope" ("force" for a force-wide figure) and "coverage"',
    )
    .option(
      '--no-cache',
      'recompute every query instead of reusing results computed since the last import',
    )
    .action(async (opts: { period: string; lpa?: string; json?: boolean; cache: boolean }) => {
      const { evaluateScorecard } = await import('../../measures/engine.ts');
      await withData(ctx.dataDir(), 'scorecard', ctx.io, async (deps) => {
        const store = deps.facts;
        const records = await deps.recordsIfAny();
        const card = await evaluateScorecard(store, {
          period: opts.period,
          lpa: opts.lpa ?? null,
          cache: opts.cache,
          rebases: await rebasesByMeasure(records),
          records: await recordInputs(records, ctx.io.now()),
        });
        if (opts.json) {
          ctx.io.out(JSON.stringify(card, null, 2));
          return;
        }
        const out = ctx.io.out;
        out(`Gold scorecard, ${card.period}${card.lpa ? `, ${card.lpa}` : ', whole force'}`);
        out(`Data: ${card.coverage.label}.`);
        out('');
        out(
          `${'measure'.padEnd(46)}${'value'.padStart(12)}  ${'vs last year'.padEnd(16)}${'target'.padEnd(12)}${'SPC'.padEnd(14)}notes`,
        );
        let forceWide = false;
        for (const r of card.measures) {
          const ly = r.comparisons.find((c) => c.kind === 'last_year');
          const sig = ly?.significance?.significant ? ' *' : '';
          const spc = r.spc ? (ICON_TEXT[r.spc.variationIcon] ?? r.spc.variationIcon) : '';
          const notes = coverageNotes(r, card.lpa !== null);
          forceWide ||= notes.includes('force-wide');
          out(
            `${r.title.slice(0, 45).padEnd(46)}${formatValue(r.unit, r.value).padStart(12)}  ${(formatChange(r.unit, ly?.absoluteChange ?? null, ly?.relativeChange ?? null) + sig).padEnd(16)}${statusText(r).padEnd(12)}${spc.padEnd(14)}${notes.join('; ')}`.trimEnd(),
          );
        }
        out('');
        if (forceWide)
          out(
            `force-wide: counted for the whole force only (not by local policing area); the force's figure is shown, not ${card.lpa}'s.`,
          );
        out(
          '* significant at the 5% level (many tests are made each quarter, so expect some false signals).',
        );
        out('Details: bluelamp measure ID --period P (add --json for the full result).');
      });
    });

  program
    .command('measure')
    .description(
      "One measure's full result: value, interval, comparisons, target status, SPC, LPA breakdown, series, lineage.",
    )
    .argument('<id>', 'measure id, e.g. oc16_rate')
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1')
    .option('--lpa <name>', 'one local policing area')
    .option('--json', 'print the MeasureResult as JSON')
    .option('--no-cache', 'recompute every query')
    .action(
      async (
        id: string,
        opts: { period: string; lpa?: string; json?: boolean; cache: boolean },
      ) => {
        const { evaluateMeasure } = await import('../../measures/engine.ts');
        await withData(ctx.dataDir(), `measure ${id}`, ctx.io, async (deps) => {
          const records = await deps.recordsIfAny();
          const r = await evaluateMeasure(deps.facts, id, {
            period: opts.period,
            lpa: opts.lpa ?? null,
            cache: opts.cache,
            rebases: await rebasesByMeasure(records),
            records: await recordInputs(records, ctx.io.now()),
          });
          if (opts.json) {
            ctx.io.out(JSON.stringify(r, null, 2));
            return;
          }
          const out = ctx.io.out;
          const scope =
            opts.lpa && r.scope === 'force'
              ? ', whole force (force-wide: not counted by local policing area)'
              : r.lpa
                ? `, ${r.lpa}`
                : '';
          out(`${r.title} (${r.id}, ${r.tier}) — ${r.period.label}${scope}`);
          out(r.definition);
          const own =
            r.window.start !== r.period.start || r.window.end !== r.period.end
              ? ` (this measure's own window; the period asked for is ${r.period.label})`
              : '';
          out(`Window: ${r.window.label}${own}`);
          if (r.coverage)
            out(
              `Data: ${r.coverage.label}${r.coverage.window === 'full' ? '' : ` — ${r.coverage.window === 'none' ? 'none' : `${r.coverage.coveredMonths} of ${r.coverage.windowMonths} months`} of the window covered`}.`,
            );
          const base =
            r.denominator !== null
              ? ` (${r.numerator?.toLocaleString('en-GB')} / ${r.denominator.toLocaleString('en-GB')})`
              : '';
          const ci = r.interval
            ? `, 95% CI ${formatValue(r.unit, r.interval.lower)}–${formatValue(r.unit, r.interval.upper)}`
            : '';
          out(`Value: ${formatValue(r.unit, r.value)}${base}${ci}`);
          out(`Good looks like: ${goodLooksLikeText(r)}`);
          for (const c of r.comparisons) {
            const sig = c.significance
              ? ` (z = ${c.significance.z.toFixed(2)}, ${formatPValue(c.significance.p)}${c.significance.significant ? ', significant' : ''})`
              : '';
            out(
              `  vs ${c.kind.replaceAll('_', ' ')} (${c.period}): ${formatValue(r.unit, c.value)}, change ${formatChange(r.unit, c.absoluteChange, c.relativeChange)}${sig}`,
            );
          }
          if (r.spc)
            out(
              `SPC (${r.spc.methodLabel}): ${ICON_TEXT[r.spc.variationIcon] ?? r.spc.variationIcon}${r.spc.assuranceIcon ? `; assurance ${r.spc.assuranceIcon}` : ''}`,
            );
          for (const b of r.breakdown)
            out(`  ${b.label.padEnd(24)} ${formatValue(r.unit, b.value)}`);
          // Table rows under their column names, fractions to three places.
          const cell = (v: unknown) =>
            v === null
              ? '—'
              : typeof v === 'number' && !Number.isInteger(v)
                ? v.toFixed(3)
                : String(v);
          const table: readonly object[] = r.table?.rows ?? [];
          if (table[0]) out(`  ${Object.keys(table[0]).join(' | ')}`);
          for (const row of table) out(`  ${Object.values(row).map(cell).join(' | ')}`);
          for (const w of r.warnings) out(`Note: ${w}`);
          out(
            `Data to ${r.freshness.latestRecord ?? 'unknown'}; last import ${r.freshness.lastImport ?? 'never'}.`,
          );
        });
      },
    );
}

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { SURVEYS } from '../../facts/tables.ts';
import { badInput } from '../../lib/errors.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

const FORMATS = ['table', 'csv', 'json'] as const;
const BY = ['lpa', 'month', 'quarter', 'survey'] as const;
const BY_TITLES: Record<(typeof BY)[number], string> = {
  lpa: 'Area',
  month: 'Month',
  quarter: 'Quarter',
  survey: 'Survey',
};

/** Columns padded to their widest cell (the first ones left-aligned, the numbers right-aligned). */
function aligned(rows: readonly (readonly string[])[], leftColumns: number): string[] {
  const widths = (rows[0] ?? []).map((_, i) =>
    Math.max(...rows.map((r) => [...(r[i] ?? '')].length)),
  );
  return rows.map((r) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - [...c].length);
        return i < leftColumns ? c + pad : pad + c;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** The `survey` command group (another module may have made it already: it is shared). */
function surveyGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'survey') ??
    program.command('survey').description('Survey responses: explore them, read their comments.')
  );
}

/**
 * `bluelamp survey themes`: the period's free-text answers, redacted, read for sentiment and
 * themes (src/themes), as theme × sentiment by segment, and a few examples per theme.
 * `bluelamp survey framework` prints the theme framework in effect, to edit as `themes.json`.
 */
export function registerSurveyThemes(program: Command, ctx: CommandContext): void {
  const survey = surveyGroup(program);
  survey
    .command('themes')
    .description(
      "Themes and sentiment of a period's free-text survey answers (went well, could be better, SMS comments), each redacted before it is read: theme × sentiment, optionally by area, month, quarter or survey, and the newest examples of each theme. Themes come from the data directory's themes.json, else the default framework for police contact.",
    )
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1, 2021-06, 2021/22, 12m-to-2021-06')
    .option('--survey <survey>', `one survey: ${SURVEYS.join(', ')}`)
    .option('--by <segment>', `one table per ${BY.join(', ')}`)
    .option('--format <format>', FORMATS.join(', '), 'table')
    .option('--examples <n>', 'examples per theme (table and json)', '3')
    .option(
      '--framework <file>',
      "a theme framework file (default: the data directory's themes.json)",
    )
    .action(
      async (opts: {
        period: string;
        survey?: string;
        by?: string;
        format: string;
        examples: string;
        framework?: string;
      }) => {
        if (opts.survey !== undefined && !(SURVEYS as readonly string[]).includes(opts.survey))
          throw badInput(`--survey must be one of ${SURVEYS.join(', ')}, not "${opts.survey}".`);
        if (opts.by !== undefined && !(BY as readonly string[]).includes(opts.by))
          throw badInput(`--by must be one of ${BY.join(', ')}, not "${opts.by}".`);
        if (!(FORMATS as readonly string[]).includes(opts.format))
          throw badInput(`--format must be one of ${FORMATS.join(', ')}, not "${opts.format}".`);
        const perTheme = Number(opts.examples);
        if (!Number.isInteger(perTheme) || perTheme < 0 || perTheme > 100)
          throw badInput(
            `--examples must be a whole number from 0 to 100, not "${opts.examples}".`,
          );
        const by = (opts.by ?? null) as (typeof BY)[number] | null;
        const { parsePeriod } = await import('../../measures/period.ts');
        const period = parsePeriod(opts.period);
        const fw = await import('../../themes/framework.ts');
        // A bad framework file is reported before the data directory is opened.
        const framework = opts.framework
          ? fw.readFrameworkFile(resolve(opts.framework))
          : fw.frameworkOf(ctx.dataDir());
        const { commentsOf } = await import('../../themes/comments.ts');
        const agg = await import('../../themes/aggregate.ts');
        const { NEUTRAL_BAND } = await import('../../themes/sentiment.ts');
        const { formatPercent, formatPeriodLabel } = await import('../../present/format.ts');
        await withData(ctx.dataDir(), 'survey themes', ctx.io, async (deps) => {
          const comments = await commentsOf(
            deps.facts,
            {
              start: period.start,
              end: period.end,
              ...(opts.survey === undefined ? {} : { survey: opts.survey }),
            },
            framework,
          );
          const tables = agg.themeTables(comments, framework, by);
          const out = ctx.io.out;
          if (opts.format === 'csv') {
            const { safeCsvRow } = await import('../../lib/csv-safe.ts');
            out(
              safeCsvRow([
                'segment',
                'theme',
                'theme_label',
                'comments',
                'share',
                'positive',
                'neutral',
                'negative',
              ]),
            );
            for (const t of tables) {
              const seg = t.segment ?? 'all';
              for (const r of t.rows)
                out(
                  safeCsvRow([
                    seg,
                    r.theme,
                    r.label,
                    r.total,
                    Number(r.share.toFixed(4)),
                    r.positive,
                    r.neutral,
                    r.negative,
                  ]),
                );
              out(
                safeCsvRow([
                  seg,
                  'all',
                  'All comments',
                  t.all.total,
                  t.comments === 0 ? 0 : 1,
                  t.all.positive,
                  t.all.neutral,
                  t.all.negative,
                ]),
              );
            }
            return;
          }
          const examples = agg.examplesByTheme(comments, framework, perTheme);
          if (opts.format === 'json') {
            const shown = (c: (typeof comments)[number]) => ({
              id: c.id,
              survey: c.survey,
              question: c.question,
              month: c.month,
              lpa: c.lpa,
              text: c.text,
              themes: c.themes,
              matched: c.matched,
              sentiment: c.sentiment,
            });
            out(
              JSON.stringify(
                {
                  period: period.label,
                  survey: opts.survey ?? null,
                  framework: { name: framework.name, source: framework.source },
                  sentiment: { neutralBand: NEUTRAL_BAND },
                  by,
                  comments: comments.length,
                  tables,
                  trend: agg.monthlyTrend(comments, framework, period.months),
                  examples: examples.map((e) => ({ ...e, examples: e.examples.map(shown) })),
                },
                null,
                2,
              ),
            );
            return;
          }
          const what = `${formatPeriodLabel(period.label)}${opts.survey ? ` (${opts.survey} survey)` : ''}`;
          if (comments.length === 0) {
            out(`No free-text answers for ${what}.`);
            return;
          }
          out(
            `Themes in ${comments.length} free-text answers, ${what}. Framework: ${framework.name}.`,
          );
          out(
            `Every comment is redacted before it is read. Sentiment: wink-nlp with the framework's cues; neutral when the score is between -${NEUTRAL_BAND} and ${NEUTRAL_BAND}. A comment may carry several themes.`,
          );
          out('');
          const head = [
            ...(by ? [BY_TITLES[by]] : []),
            'Theme',
            'Comments',
            'Share',
            'Positive',
            'Neutral',
            'Negative',
          ];
          const rows: string[][] = [head];
          for (const t of tables) {
            const seg = t.segment === null ? [] : [t.segment];
            for (const r of t.rows)
              rows.push([
                ...seg,
                r.label,
                String(r.total),
                formatPercent(r.share),
                String(r.positive),
                String(r.neutral),
                String(r.negative),
              ]);
            rows.push([
              ...seg,
              'All comments',
              String(t.all.total),
              '',
              String(t.all.positive),
              String(t.all.neutral),
              String(t.all.negative),
            ]);
          }
          for (const line of aligned(rows, by ? 2 : 1)) out(line);
          if (perTheme === 0 || examples.length === 0) return;
          out('');
          out('Examples (redacted, newest first):');
          for (const e of examples) {
            out(`${e.label} (${e.total}):`);
            for (const c of e.examples)
              out(`  ${c.month}  ${c.survey}  ${c.sentiment.label}  "${c.text}"  [${c.id}]`);
          }
          out('');
          out('Approve one for the report with: bluelamp quotes approve ID --by NAME');
        });
      },
    );
  survey
    .command('framework')
    .description(
      "Print the theme framework in effect (the data directory's themes.json, else the default) as JSON: save it as themes.json in the data directory and edit it to change the themes.",
    )
    .option('--default', 'print the default framework, whatever the data directory holds')
    .action(async (opts: { default?: boolean }) => {
      const fw = await import('../../themes/framework.ts');
      const f = opts.default ? fw.defaultFramework() : fw.frameworkOf(ctx.dataDir());
      ctx.io.out(JSON.stringify(f.definition, null, 2));
      ctx.io.err(
        `bluelamp survey framework: ${f.name} (${f.source === 'default' ? 'the default' : `from ${f.source}`}), ${f.themes.length} themes, ${f.cues.length} sentiment cues.`,
      );
    });
}

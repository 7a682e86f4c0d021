import type { Command } from 'commander';
import { badInput } from '../../lib/errors.ts';
import { SURVEY_FIELD_NAMES } from '../../measures/survey/questions.ts';
import { SURVEYS } from '../../facts/tables.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

const collect = (value: string, previous: string[]) => [...previous, value];

/** Columns padded to their widest cell (the first left-aligned, the numbers right-aligned). */
function aligned(rows: readonly (readonly string[])[], right: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) =>
    r
      .map((c, i) => {
        const pad = (widths[i] ?? 0) - [...c].length;
        return right.has(i) ? ' '.repeat(pad) + c : c + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd(),
  );
}

/**
 * `bluelamp survey explore SURVEY --by FIELD…`: a survey's response rate, free text and
 * demographics shares, and each question by segment (src/measures/survey/explore.ts). The CLI
 * is the analyst's own tool on the data directory, so the team and individual views are open.
 */
export function registerSurvey(program: Command, ctx: CommandContext): void {
  // The `survey` group is shared with `survey themes` (themes.ts): whichever registers first makes it.
  const survey =
    program.commands.find((c) => c.name() === 'survey') ??
    program.command('survey').description('Survey responses: explore them, read their comments.');
  survey
    .command('explore')
    .description(
      'A survey by segment for a period: response rate, shares leaving free text and giving demographics, and each question’s positive share per segment with its 95% Wilson interval and a test against everyone else (p adjusted by Benjamini–Hochberg across the segments shown). Segments under 30 respondents are flagged.',
    )
    .argument('<survey>', `one of ${SURVEYS.join(', ')}`)
    .option(
      '--by <field>',
      `segment by (repeat for more): ${SURVEY_FIELD_NAMES.join(', ')}`,
      collect,
      [] as string[],
    )
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1, 2021-06, 2021/22, 12m-to-2021-06')
    .option('--question <id>', "one question only (default: all of the survey's)")
    .option('--format <format>', FORMATS.join(', '), 'table')
    .action(
      async (
        name: string,
        opts: { by: string[]; period: string; question?: string; format: string },
      ) => {
        if (!(FORMATS as readonly string[]).includes(opts.format))
          throw badInput(`--format must be one of ${FORMATS.join(', ')}, not "${opts.format}".`);
        const format = opts.format as Format;
        const { checkRequest, exploreSurvey } = await import('../../measures/survey/explore.ts');
        const request = {
          survey: name,
          by: opts.by,
          period: opts.period,
          question: opts.question ?? null,
          allowStaff: true,
        };
        // Bad input is reported before the data directory is opened.
        checkRequest(request);
        const present = await import('../../present/survey-explorer.ts');
        await withData(ctx.dataDir(), 'survey explore', ctx.io, async (deps) => {
          const r = await exploreSurvey(deps.facts, request);
          const out = ctx.io.out;
          if (format === 'json') return out(JSON.stringify(r, null, 2));
          if (format === 'csv') return out(present.explorationCsv(r).replace(/\n$/, ''));
          for (const s of present.summaryOf(r)) out(`${`${s.label}:`.padEnd(19)}${s.value}`);
          for (const t of present.segmentTables(r)) {
            out('');
            out(`${t.questionTitle}, by ${t.fieldTitle.toLowerCase()}: overall ${t.overall}`);
            const rows = [
              [t.fieldTitle, 'n', 'share', '95% interval', 'vs rest', 'p (BH)', 'finding', 'notes'],
              ...t.rows.map((c) => [
                c.segment,
                c.respondents,
                c.share,
                c.interval,
                c.difference,
                c.p,
                c.finding,
                c.notes,
              ]),
            ];
            for (const line of aligned(rows, new Set([1, 2, 3, 4]))) out(`  ${line}`);
          }
          out('');
          for (const l of present.FLAG_LEGEND) out(`${l.note}: ${l.meaning}.`);
          out(
            `n = respondents answering the question. p (BH): the test against everyone else, adjusted across the ${r.fields.length > 1 ? 'segments of every field shown' : 'segments shown'}; "higher"/"lower" at a false discovery rate of 5%.`,
          );
        });
      },
    );
}

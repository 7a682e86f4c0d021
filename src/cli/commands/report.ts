import type { Command } from 'commander';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateScorecard } from '../../measures/engine.ts';
import { findMeasure } from '../../measures/load-catalogue.ts';
import { parsePeriod } from '../../measures/period.ts';
import { buildReport } from '../../report/assemble.ts';
import { commentaryFor, listCommentary, setCommentary } from '../../report/commentary.ts';
import { renderPdf } from '../../report/pdf.ts';
import { forceName } from '../../facts/settings.ts';
import { policeUkReportData } from '../../facts/police-uk/report-data.ts';
import { badInput, BluelampError } from '../../lib/errors.ts';
import { acquireLockWaiting } from '../../lib/lock.ts';
import { holdsData, withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

const slug = (period: string) => period.replaceAll('/', '-');

export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description(
      'The quarterly performance report: one self-contained HTML file (and a PDF with --pdf, through Chromium).',
    )
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1')
    .requiredOption('--out <dir>', 'directory to write the report to')
    .option('--lpa <name>', 'one local policing area')
    .option('--pdf', "also print a PDF (needs Debian's chromium, or BLUELAMP_CHROMIUM)")
    .action(async (opts: { period: string; out: string; lpa?: string; pdf?: boolean }) => {
      const { io } = ctx;
      const period = parsePeriod(opts.period);
      await withData(ctx.dataDir(), 'report', io, async ({ store, dataDir }) => {
        const card = await evaluateScorecard(store, {
          period: period.label,
          lpa: opts.lpa ?? null,
          tiers: ['gold', 'silver'],
        });
        const { html } = await buildReport({
          forceName: forceName(dataDir),
          period,
          lpa: opts.lpa ?? null,
          results: card.measures,
          commentary: commentaryFor(dataDir, period.label, opts.lpa ?? null),
          policeUk: await policeUkReportData(store, {
            lastMonth: period.months.at(-1) ?? period.end.slice(0, 7),
          }),
          generatedAt: io.now().toISOString(),
        });
        mkdirSync(opts.out, { recursive: true });
        const base = join(
          opts.out,
          `bluelamp-report-${slug(period.label)}${opts.lpa ? `-${opts.lpa.replace(/[^A-Za-z0-9]+/g, '-')}` : ''}`,
        );
        writeFileSync(`${base}.html.tmp`, html);
        renameSync(`${base}.html.tmp`, `${base}.html`);
        io.out(`Report written: ${base}.html (${card.measures.length} measures).`);
        if (opts.pdf) {
          const env = io.env.BLUELAMP_CHROMIUM;
          await renderPdf(html, `${base}.pdf`, env ? { chromiumPath: env } : {});
          io.out(`PDF written: ${base}.pdf`);
        }
        io.out(
          `Add commentary with: bluelamp commentary set MEASURE_ID --period ${period.label} --text "…"`,
        );
      });
    });

  const commentary = program
    .command('commentary')
    .description('Analyst commentary per measure and period, shown in the next report.');
  commentary
    .command('set')
    .description('Write (or, with empty text, remove) the commentary for a measure and period.')
    .argument('<measure>', 'measure id, or _summary for the scorecard summary')
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1')
    .requiredOption('--text <text>', 'the commentary')
    .option('--author <name>', 'who wrote it', 'analyst')
    .option('--lpa <name>', 'one local policing area')
    .action(
      async (
        measure: string,
        opts: { period: string; text: string; author: string; lpa?: string },
      ) => {
        if (measure !== '_summary') findMeasure(measure);
        const period = parsePeriod(opts.period);
        if (opts.text.length > 4000) throw badInput('Commentary is limited to 4,000 characters.');
        const dataDir = ctx.dataDir();
        if (!holdsData(dataDir))
          throw new BluelampError(
            'NOT_A_DATA_DIR',
            `no Bluelamp data here (${dataDir}) — run \`bluelamp demo\` or \`bluelamp import\`.`,
          );
        // Read, change, write: writers queue on the data-directory lock so none loses another's.
        const lock = await acquireLockWaiting(dataDir, 'commentary set', {
          now: ctx.io.now,
          notice: ctx.io.err,
        });
        try {
          setCommentary(dataDir, {
            measureId: measure,
            period: period.label,
            lpa: opts.lpa ?? null,
            text: opts.text,
            author: opts.author,
            now: ctx.io.now(),
          });
        } finally {
          lock.release();
        }
        ctx.io.out(`Commentary saved for ${measure}, ${period.label}.`);
      },
    );
  commentary
    .command('list')
    .description('Show the commentary for a period.')
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1')
    .option('--lpa <name>', 'one local policing area')
    .action((opts: { period: string; lpa?: string }) => {
      const entries = listCommentary(
        ctx.dataDir(),
        parsePeriod(opts.period).label,
        opts.lpa ?? null,
      );
      const ids = Object.keys(entries);
      if (ids.length === 0) ctx.io.out('No commentary for this period yet.');
      for (const id of ids)
        ctx.io.out(
          `${id} (${entries[id]?.author}, ${entries[id]?.updatedAt}): ${entries[id]?.text}`,
        );
    });
}

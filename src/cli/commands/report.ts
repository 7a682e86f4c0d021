import type { Command } from 'commander';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePeriod } from '../../measures/period.ts';
import { rebasesByMeasure } from '../../app/rebases.ts';
import { recordInputs } from '../../app/records-inputs.ts';
import type { Edition } from '../../present/board-model.ts';
import { badInput } from '../../lib/errors.ts';
import { withData } from '../context.ts';
import type { CommandContext } from '../main.ts';

const slug = (period: string) => period.replaceAll('/', '-');

interface ReportOptions {
  readonly period: string;
  readonly out: string;
  readonly lpa?: string;
  readonly edition: string;
  readonly meeting?: string;
  readonly owner?: string;
  readonly annex?: boolean;
  readonly pdf?: boolean;
}

function editionOf(text: string): Edition {
  if (text === 'board' || text === 'public') return text;
  throw badInput(`--edition must be board or public, not "${text}".`);
}

function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description(
      'The board pack (at most 40 A4 landscape pages: summary of exceptions, scorecard, projections, a page or two per section), as one self-contained HTML file; a PDF with --pdf (through Chromium); the technical annex with --annex.',
    )
    .requiredOption('--period <period>', 'e.g. 2021/22-Q1')
    .requiredOption('--out <dir>', 'directory to write the report to')
    .option('--lpa <name>', 'one local policing area')
    .option(
      '--edition <edition>',
      'board (the default) or public (disclosure control applied)',
      'board',
    )
    .option(
      '--meeting <text>',
      'the meeting the pack is for, e.g. "Police and Crime Panel, 15 September 2021"',
    )
    .option('--owner <name>', 'who owns the pack (printed on the cover)')
    .option(
      '--annex',
      'also write the technical annex: definitions, method, rows behind each figure, breakdowns, SQL',
    )
    .option('--pdf', "also print a PDF (needs Debian's chromium, or BLUELAMP_CHROMIUM)")
    .action(async (opts: ReportOptions) => {
      const { io } = ctx;
      const period = parsePeriod(opts.period);
      const edition = editionOf(opts.edition);
      const [{ annexReport, boardReport, reportScorecard }, { pageOverflows, renderPdf }] =
        await Promise.all([import('../../app/report-build.ts'), import('../../report/pdf.ts')]);
      await withData(ctx.dataDir(), 'report', io, async (deps) => {
        const store = deps.facts;
        const records = await deps.recordsIfAny();
        const lpa = opts.lpa ?? null;
        const card = await reportScorecard(
          store,
          { period, lpa },
          await rebasesByMeasure(records),
          await recordInputs(records, io.now()),
        );
        const generatedAt = io.now().toISOString();
        mkdirSync(opts.out, { recursive: true });
        const suffix = `${slug(period.label)}${lpa ? `-${lpa.replace(/[^A-Za-z0-9]+/g, '-')}` : ''}`;
        const env = io.env.BLUELAMP_CHROMIUM;
        const pdfOpts = env ? { chromiumPath: env } : {};

        const { html, model } = await boardReport(records, card, {
          edition,
          period,
          lpa,
          meeting: opts.meeting ?? null,
          owner: opts.owner ?? null,
          generatedAt,
        });
        const base = join(
          opts.out,
          `bluelamp-${edition === 'public' ? 'public' : 'report'}-${suffix}`,
        );
        writeAtomically(`${base}.html`, html);
        io.out(
          `Report written: ${base}.html (${model.pages.length} pages, ${card.measures.length} measures).`,
        );
        if (opts.pdf) {
          const overflows = await pageOverflows(html, pdfOpts);
          for (const o of overflows)
            io.err(
              `bluelamp: warning: page ${o.page} of the report is fuller than its page; some of it is cut off.`,
            );
          await renderPdf(html, `${base}.pdf`, { ...pdfOpts, layout: 'pages' });
          io.out(`PDF written: ${base}.pdf`);
        }

        if (opts.annex) {
          const annex = await annexReport(store, records, card, {
            period,
            lpa,
            generatedAt,
          });
          const annexBase = join(opts.out, `bluelamp-annex-${suffix}`);
          writeAtomically(`${annexBase}.html`, annex.html);
          io.out(`Technical annex written: ${annexBase}.html.`);
          if (opts.pdf) {
            await renderPdf(annex.html, `${annexBase}.pdf`, pdfOpts);
            io.out(`PDF written: ${annexBase}.pdf`);
          }
        }
        io.out(
          `Add commentary with: bluelamp commentary set MEASURE_ID --period ${period.label} --text "…" (see what is missing: bluelamp commentary list --period ${period.label} --missing)`,
        );
      });
    });
}

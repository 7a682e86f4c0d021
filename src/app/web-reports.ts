import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePeriod } from '../measures/period.ts';
import { renderChart } from '../report/charts/render.ts';
import { trendChart } from '../report/charts/trend.ts';
import { chromiumPathFor, renderPdf } from '../report/pdf.ts';
import type { FactsSource, ReportEdition, ReportFile, WebReports } from '../web/deps.ts';
import { annexReport, boardReport, reportScorecard } from './report-build.ts';
import { withoutStyleAttributes } from './web-charts.ts';
import { rebasesByMeasure } from './rebases.ts';
import { recordInputs } from './records-inputs.ts';
import type { Records } from '../records/api.ts';

/** Where generated editions are kept, relative to the data directory. */
export const PUBLICATIONS_DIR = 'publications';

const slug = (period: string) => period.replaceAll('/', '-');

/**
 * The report page's editions, built as `bluelamp report` builds them (src/app/report-build.ts)
 * and kept under DATA_DIR/publications, one folder per period, each file named for its
 * edition and a unique id (so a later edition never overwrites one already listed).
 */
export function webReports(opts: {
  facts: FactsSource;
  records: Records;
  dataDir: string;
  now: () => Date;
  /** The Chromium executable; BLUELAMP_CHROMIUM or /usr/bin/chromium by default. */
  chromiumPath?: string;
}): WebReports {
  const { facts, dataDir } = opts;
  const chromium = () => opts.chromiumPath ?? chromiumPathFor();

  const keep = (rel: string, content: string | Buffer): ReportFile => {
    const abs = join(dataDir, rel);
    writeFileSync(`${abs}.tmp`, content, { mode: 0o600 });
    renameSync(`${abs}.tmp`, abs);
    const bytes = readFileSync(abs);
    return {
      format: rel.endsWith('.pdf') ? 'pdf' : 'html',
      path: rel,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  };

  return {
    pdfAvailable: () => existsSync(chromium()),
    async generate(q, onProgress) {
      const period = parsePeriod(q.period);
      const edition: ReportEdition = q.edition;
      const folder = join(PUBLICATIONS_DIR, slug(period.label));
      mkdirSync(join(dataDir, folder), { recursive: true, mode: 0o700 });
      const base = join(
        folder,
        `bluelamp-${edition}-${slug(period.label)}-${randomUUID().slice(0, 8)}`,
      );
      const generatedAt = opts.now().toISOString();

      onProgress(0.05, 'Computing the measures');
      const html = await facts.use(async ({ store }) => {
        const card = await reportScorecard(
          store,
          { period, lpa: null },
          await rebasesByMeasure(opts.records),
          await recordInputs(opts.records, opts.now()),
        );
        onProgress(
          0.5,
          edition === 'annex' ? 'Writing the technical annex' : 'Drawing the charts and pages',
        );
        if (edition === 'annex')
          return (
            await annexReport(store, opts.records, card, {
              period,
              lpa: null,
              generatedAt,
            })
          ).html;
        const board = await boardReport(opts.records, card, {
          edition,
          period,
          lpa: null,
          meeting: null,
          owner: null,
          generatedAt,
        });
        return board.html;
      });
      const files = [keep(`${base}.html`, html)];
      if (q.pdf) {
        onProgress(0.8, 'Printing the PDF');
        const pdf = join(dataDir, `${base}.pdf.tmp`);
        await renderPdf(html, pdf, {
          chromiumPath: chromium(),
          ...(edition === 'annex' ? {} : { layout: 'pages' as const }),
        });
        renameSync(pdf, join(dataDir, `${base}.pdf`));
        const bytes = readFileSync(join(dataDir, `${base}.pdf`));
        files.push({
          format: 'pdf',
          path: `${base}.pdf`,
          bytes: statSync(join(dataDir, `${base}.pdf`)).size,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        });
      }
      onProgress(1, 'Done');
      return files;
    },
    async monthlyChart(q) {
      const chart = trendChart({
        id: q.id,
        title: q.title,
        unit: 'count',
        mark: 'bar',
        series: q.points.map((p) => ({
          period: p.month,
          value: p.count,
          numerator: null,
          denominator: null,
        })),
      });
      const done = await renderChart(chart);
      return { svg: withoutStyleAttributes(done.svg), description: done.description };
    },
  };
}

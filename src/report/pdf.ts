/**
 * The report as PDF: Debian's Chromium driven by `playwright-core` prints the HTML on A4 with
 * backgrounds, the security marking in the page header and page numbers in the footer. Never
 * downloads a browser: the executable is `opts.chromiumPath`, else `BLUELAMP_CHROMIUM`, else
 * `/usr/bin/chromium`; if it is not there the error says how to install it.
 *
 * The page makes no network requests (every request but the document itself is aborted), the
 * "How this was calculated" notes are printed open (chart data tables stay closed by default: each
 * chart's caption already describes it in words, and opening all of them roughly doubles the
 * page count), and the file is written atomically (a temporary file renamed into place). Every
 * PDF is tagged (a structure tree) and has bookmarks from the headings (`tagged`, `outline`).
 */
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { BluelampError } from '../lib/errors.ts';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const HINT =
  "Install Debian's chromium (apt-get install -y chromium) or set BLUELAMP_CHROMIUM; the HTML report was still written.";

export interface PdfOptions {
  /** The Chromium executable; default BLUELAMP_CHROMIUM or /usr/bin/chromium. */
  readonly chromiumPath?: string;
  /** Environment to read BLUELAMP_CHROMIUM from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Which `<details>` to print open: `method` (default) the "How this was calculated" notes,
   * `all` also every chart's data table (a much longer document), `none` only the summaries.
   */
  readonly openDetails?: 'method' | 'all' | 'none';
  /**
   * `document` (default): flowing A4 portrait with the marking in a printed header and page
   * numbers in the footer. `pages`: the document draws its own fixed pages (the board edition:
   * `@page { size: A4 landscape; margin: 0 }`, each page with its marking and number), so the
   * CSS page size is used and no header or footer is added.
   */
  readonly layout?: 'document' | 'pages';
}

/** Which Chromium would be used. */
export function chromiumPathFor(opts: PdfOptions = {}): string {
  const env = opts.env ?? process.env;
  return (
    opts.chromiumPath ??
    (env.BLUELAMP_CHROMIUM && env.BLUELAMP_CHROMIUM.length > 0
      ? env.BLUELAMP_CHROMIUM
      : DEFAULT_CHROMIUM)
  );
}

function missing(path: string, cause?: unknown): BluelampError {
  return new BluelampError(
    'DEPENDENCY_MISSING',
    `Chromium is needed to write the PDF and was not found at ${path}.`,
    {
      hint: HINT,
      cause,
    },
  );
}

/** The marking for the page header, from the report's `<meta name="bluelamp-marking">`. */
export function markingOf(html: string): string {
  const m = /<meta name="bluelamp-marking" content="([^"]*)">/.exec(html);
  return m?.[1] ?? 'OFFICIAL';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function launch(opts: PdfOptions) {
  const executablePath = chromiumPathFor(opts);
  if (!existsSync(executablePath)) throw missing(executablePath);
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (e) {
    throw missing(executablePath, e);
  }
}

/** A fixed page whose content is taller (or wider) than the page, by how many CSS pixels. */
export interface PageOverflow {
  readonly page: number;
  readonly id: string;
  readonly height: number;
  readonly width: number;
}

/**
 * Lays out a document of fixed pages (the board edition: `.bp-page`, each with a
 * `.bp-page__body`) as print and reports each page whose content does not fit: an element's
 * `scrollHeight` above its `clientHeight` (or width) means content is cut off.
 */
export async function pageOverflows(
  html: string,
  opts: PdfOptions & { selector?: string } = {},
): Promise<PageOverflow[]> {
  const browser = await launch(opts);
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.evaluate((sel) => {
      const out: { page: number; id: string; height: number; width: number }[] = [];
      Array.from(document.querySelectorAll(sel)).forEach((el, i) => {
        for (const box of [el, ...Array.from(el.querySelectorAll('.bp-page__body'))]) {
          const height = box.scrollHeight - box.clientHeight;
          const width = box.scrollWidth - box.clientWidth;
          if (height > 0 || width > 0) {
            out.push({ page: i + 1, id: el.id, height, width });
            break;
          }
        }
      });
      return out;
    }, opts.selector ?? '.bp-page');
  } finally {
    await browser.close();
  }
}

/** Prints `html` to `outFile` as an A4 PDF. */
export async function renderPdf(
  html: string,
  outFile: string,
  opts: PdfOptions = {},
): Promise<void> {
  const browser = await launch(opts);
  const tmp = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.tmp`);
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    if ((opts.openDetails ?? 'method') !== 'none') {
      const selector = opts.openDetails === 'all' ? 'details' : 'details.bl-details--method';
      await page.evaluate((sel) => {
        for (const d of Array.from(document.querySelectorAll(sel)))
          (d as HTMLDetailsElement).open = true;
      }, selector);
    }
    const marking = esc(markingOf(html));
    const style =
      'font-family: Helvetica, Arial, sans-serif; font-size: 8px; width: 100%; text-align: center; color: #0b0c0c;';
    // Tagged (a structure tree for screen readers) with bookmarks from the headings.
    const accessible = { tagged: true, outline: true } as const;
    const pdf =
      opts.layout === 'pages'
        ? await page.pdf({
            ...accessible,
            preferCSSPageSize: true,
            printBackground: true,
            displayHeaderFooter: false,
            margin: { top: '0', bottom: '0', left: '0', right: '0' },
          })
        : await page.pdf({
            ...accessible,
            format: 'A4',
            printBackground: true,
            displayHeaderFooter: true,
            headerTemplate: `<div style="${style} font-weight: bold; letter-spacing: 0.08em;">${marking}</div>`,
            footerTemplate: `<div style="${style}">${marking} · Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
            margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
          });
    await writeFile(tmp, pdf);
    await rename(tmp, outFile);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    await browser.close();
  }
}

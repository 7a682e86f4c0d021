import type { FactsStore } from '../facts/store.ts';
import type { Scorecard } from '../measures/engine.ts';
import type { MeasureResult } from '../measures/result.ts';
import type { Records } from '../records/api.ts';
import type { Jobs } from './jobs.ts';

/** The clock and logger the app is handed (src/app builds them; the web app never makes its own). */
export interface WebClock {
  now(): Date;
}
export interface WebLogger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** Where the facts come from: the store this process holds, or a published read-only snapshot. */
export interface FactsSource {
  current(): Promise<{ store: FactsStore; dataVersion: number }>;
  /** Runs `work` on the current facts, held open until it ends (a snapshot may be replaced meanwhile). */
  use<T>(work: (facts: { store: FactsStore; dataVersion: number }) => Promise<T>): Promise<T>;
  /** Re-reads the data version now (after an import); true if it changed. */
  refresh(): Promise<boolean>;
  /** False for a snapshot: this process cannot import. */
  readonly writable: boolean;
}

/** What a cached result was computed for; a newer data version drops every older entry. */
export interface ResultKey {
  readonly dataVersion: number;
  /** What was computed, e.g. 'scorecard', 'measure', 'public-scorecard'. */
  readonly kind: string;
  readonly measure?: string | null;
  readonly period: string;
  readonly lpa?: string | null;
  /** The edition or audience: 'full', 'public', … */
  readonly edition: string;
}

/** Results computed once per data version (src/app/results-cache.ts implements it). */
export interface ResultsCache {
  getOrCompute<T>(key: ResultKey, compute: () => Promise<T>): Promise<T>;
}

/**
 * The measure engine as the CLI runs it (same options, same recorded rebases), cached per data
 * version: `scorecard` is exactly `bluelamp scorecard --json`, `measure` exactly `measure --json`.
 * Results are shared between requests: never change them (copy, or build a view model).
 */
export interface WebEngine {
  scorecard(q: { period: string; lpa: string | null }): Promise<Scorecard>;
  measure(id: string, q: { period: string; lpa: string | null }): Promise<MeasureResult>;
}

/** One chart as the report draws it, with its text alternative (the data as a plain table). */
export interface WebChart {
  readonly id: string;
  readonly kind: 'spc' | 'trend' | 'map' | 'bars';
  readonly title: string;
  /** SVG markup from the report's renderer: attributes only, no <style> block, no script. */
  readonly svg: string;
  readonly description: string;
  readonly table: {
    readonly caption: string;
    readonly head: readonly string[];
    readonly rows: readonly (readonly string[])[];
  };
}

/** Words for an SPC icon, as the report prints them (Making Data Count). */
export interface SpcIconWords {
  readonly symbol: string;
  readonly text: string;
  readonly short?: string;
  readonly tone: string;
}

/**
 * The report's charts and SPC words for the web pages (src/app/web-charts.ts calls
 * src/report, which src/web may not import): the same SVG as the report, for one result.
 */
export interface WebCharts {
  forMeasure(r: MeasureResult): Promise<readonly WebChart[]>;
  variation(icon: string, lastType: string | null, lastPeriod: string | null): SpcIconWords;
  assurance(icon: string): SpcIconWords;
  method(method: string, label: string | null): string;
}

/** One batch an import loaded. */
export interface ImportedBatch {
  readonly table: string;
  readonly batchId: string;
  readonly rows: number;
  readonly replacedRows: number;
}

/**
 * Imports from the data page (src/app/web-imports.ts): the same importers as `bluelamp import`,
 * on the live store, one at a time, never read half-done by other requests.
 */
export interface WebImports {
  /** False when this process serves a published snapshot: it cannot import. */
  readonly writable: boolean;
  /** The project tables, and 'police-uk' for data.police.uk CSVs. */
  readonly tables: readonly string[];
  run(
    table: string,
    files: readonly string[],
    onProgress: (fraction: number | null, stage: string) => void,
  ): Promise<ImportedBatch[]>;
}

export type ReportEdition = 'board' | 'annex' | 'public';

/** One file a report job wrote, under the data directory. */
export interface ReportFile {
  readonly format: 'html' | 'pdf';
  /** Relative to the data directory. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** Report editions built as the CLI's `report` builds them (src/app/web-reports.ts). */
export interface WebReports {
  /** Whether a PDF can be printed here (Chromium found). */
  pdfAvailable(): boolean;
  generate(
    q: { period: string; edition: ReportEdition; pdf: boolean },
    onProgress: (fraction: number | null, stage: string) => void,
  ): Promise<ReportFile[]>;
  /** A column chart of counts by month, drawn as the report draws charts (SVG, no style blocks). */
  monthlyChart(q: {
    id: string;
    title: string;
    points: readonly { month: string; count: number }[];
  }): Promise<{ svg: string; description: string }>;
}

/**
 * Printing an HTML document the web app rendered (a letter, a monitoring report, the annual
 * complaints report) as an A4 PDF through Chromium, as the report's PDFs are printed
 * (src/app/web-documents.ts). The HTML must be self-contained: the printer fetches nothing.
 */
export interface WebDocuments {
  /** Whether a PDF can be printed here (Chromium found). */
  pdfAvailable(): boolean;
  /** The PDF's bytes; a `<meta name="bluelamp-marking" content="OFFICIAL">` in the HTML (default OFFICIAL) is printed in each page's header and footer. */
  pdf(html: string): Promise<Buffer>;
}

export interface WebDeps {
  readonly clock: WebClock;
  readonly logger: WebLogger;
  readonly records: Records;
  readonly facts: FactsSource;
  readonly jobs: Jobs;
  readonly results: ResultsCache;
  readonly engine: WebEngine;
  readonly charts: WebCharts;
  readonly imports: WebImports;
  readonly reports: WebReports;
  readonly documents: WebDocuments;
  readonly dataDir: string;
  /** Set the Secure flag on cookies (behind TLS; `serve --secure-cookies` or X-Forwarded-Proto). */
  readonly secureCookies: boolean;
  /** Shown on the sign-in page of a demo service: one sign-in per role, clearly demo-only. */
  readonly demoSignIns?: readonly { email: string; role: string; lpas: readonly string[] }[];
}

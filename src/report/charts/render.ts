/**
 * Vega-Lite spec → SVG string, headless in Node: `vega-lite` compiles, a `vega.View` with the
 * `none` renderer lays out and `toSVG()` serialises. No canvas, no network, no DOM.
 *
 * Determinism: text widths come from fixed Helvetica metrics (`text-metrics.ts`; canvas text
 * measurement is never used even if a canvas package is installed), coordinates are rounded to
 * 2 decimals, and Vega's process-wide clip-path ids are renamed per chart, so the same spec gives
 * byte-identical SVG in any process and several charts can share one HTML document.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { esc, slug, tableHtml } from '../html.ts';
import { vegaTextWidth } from './text-metrics.ts';
import { CHART_FONT } from './theme.ts';
import type { Chart } from './types.ts';

let metricsPinned = false;
function pinTextMetrics(): void {
  if (metricsPinned) return;
  // Our own Helvetica metrics instead of a canvas or Vega's rough estimate (0.8 em per
  // character): the same widths on every machine, close to what the browser draws.
  (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width =
    vegaTextWidth;
  metricsPinned = true;
}

/** Rounds long decimals inside tags (attributes, path data) to 2 places. */
function roundCoordinates(svg: string): string {
  return svg.replace(/<[^>]+>/g, (tag) =>
    tag.replace(/-?\d+\.\d{3,}(e-?\d+)?/g, (num) => {
      const r = Math.round(Number(num) * 100) / 100;
      return String(Object.is(r, -0) ? 0 : r);
    }),
  );
}

/**
 * Removes Vega's own ARIA roles and labels (mark containers, title text): the report labels the
 * whole SVG as one image and gives the data as a table, so nested roles would only add noise.
 */
function stripAria(svg: string): string {
  return svg.replace(/\s(role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '');
}

/**
 * Drops what Vega writes but nothing reads (class names, default opacity, pointer events, empty
 * background and foreground paths) and sets the font family once on the root, where every text
 * element inherits it: about a quarter smaller, the same picture.
 */
function compact(svg: string): string {
  const font = `font-family="${CHART_FONT}"`;
  return svg
    .replace(/ class="[^"]*"/g, '')
    .replace(/ opacity="1"/g, '')
    .replace(/ pointer-events="none"/g, '')
    .replace(/<path d="M0,0h0v0h0Z"\/>/g, '')
    .replace(/<path d="" display="none"\/>/g, '')
    .replace(new RegExp(` ${font}`, 'g'), '')
    .replace(/^<svg /, `<svg ${font} `);
}

/** Renames every `id` in the SVG (and its `url(#…)` / `href="#…"` references) to `prefix-N`. */
export function namespaceSvgIds(svg: string, prefix: string): string {
  const ids: string[] = [];
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1] as string;
    if (!ids.includes(id)) ids.push(id);
  }
  let out = svg;
  ids.forEach((id, i) => {
    const next = `${prefix}-${i + 1}`;
    const e = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`(\\sid=")${e}(")`, 'g'), `$1${next}$2`)
      .replace(new RegExp(`url\\(#${e}\\)`, 'g'), `url(#${next})`)
      .replace(new RegExp(`(href=")#${e}(")`, 'g'), `$1#${next}$2`);
  });
  return out;
}

/** Renders a Vega-Lite spec to an SVG string (deterministic; see the module comment). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  pinTextMetrics();
  // Vega-Lite and Vega warnings (e.g. a legend property resolved between layers) are not the
  // reader's business and must not litter CLI output: log errors only.
  const compiled = compile(spec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    return compact(stripAria(roundCoordinates(svg)));
  } finally {
    view.finalize();
  }
}

export interface RenderedChart {
  readonly id: string;
  readonly title: string;
  /** The SVG with namespaced ids, `role="img"` and `aria-labelledby` pointing at the caption. */
  readonly svg: string;
  readonly description: string;
  /** The data behind the chart as an HTML table (with caption and `scope="col"` headers). */
  readonly tableHtml: string;
}

/** Renders a chart and its text alternative. */
export async function renderChart(chart: Chart): Promise<RenderedChart> {
  const id = `chart-${slug(chart.id)}`;
  const raw = await renderSvg(chart.spec);
  const svg = namespaceSvgIds(raw, `${id}-svg`).replace(
    /^<svg /,
    `<svg role="img" aria-labelledby="${id}-caption" focusable="false" `,
  );
  return {
    id,
    title: chart.title,
    svg,
    description: chart.alt.description,
    tableHtml: tableHtml(chart.alt.table),
  };
}

/**
 * A chart as a `<figure>`: the SVG, a `<figcaption>` with the title and a one-sentence
 * description, and the data table in a `<details>` element right below it.
 */
export function figureHtml(r: RenderedChart): string {
  return [
    `<figure class="bl-figure" id="${r.id}">`,
    `<div class="bl-figure__chart">${r.svg}</div>`,
    `<figcaption class="bl-figure__caption" id="${r.id}-caption"><span class="bl-figure__title">${esc(r.title)}.</span> ${esc(r.description)}</figcaption>`,
    `<details class="bl-details bl-figure__data">`,
    `<summary class="bl-details__summary"><span class="bl-details__summary-text">Data for this chart: ${esc(r.title)}</span></summary>`,
    `<div class="bl-details__text">`,
    r.tableHtml,
    `</div>`,
    `</details>`,
    `</figure>`,
  ].join('\n');
}

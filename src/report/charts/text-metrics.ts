/**
 * Text widths for chart layout without a canvas: the Helvetica advance widths (Adobe AFM, 1/1000
 * em; Arial and Liberation Sans share them), so Vega sizes legends, axes and labels as a browser
 * will draw them in the report's font stack, identically on every machine. Bold is approximated
 * as 7% wider. Vega calls `textMetrics.width(item, text)`; see vega-scenegraph `util/text.js`.
 */

const WIDTHS: Record<string, number> = {};
const set = (chars: string, w: number) => {
  for (const c of chars) WIDTHS[c] = w;
};
set(' !,./:;I[\\]ft', 278);
set('ijl', 222);
set('"', 355);
set("'", 191);
set('#$0123456789?L_abdeghnopqu–', 556);
set('%', 889);
set('&ABEKPSVXY', 667);
set('()-`r', 333);
set('*', 389);
set('+<=>~±×−', 584);
set('@', 1015);
set('CDHNRUw', 722);
set('FTZ', 611);
set('GOQ', 778);
set('J', 500);
set('M', 833);
set('W', 944);
set('^', 469);
set('ckszvxy', 500);
set('m', 833);
set('{}', 334);
set('|', 260);
set('—', 1000);
set('…', 1000);
set('£', 556);
set('’‘', 222);
set('“”', 333);

/** Width in pixels of `text` at `fontSize` px (bold ≈ 7% wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const c of text) units += WIDTHS[c] ?? 556;
  return (units / 1000) * fontSize * (bold ? 1.07 : 1);
}

interface TextItem {
  readonly fontSize?: number | string | null;
  readonly fontWeight?: number | string | null;
  readonly limit?: number | null;
  readonly text?: unknown;
}

/** A `textMetrics.width` implementation for Vega. */
export function vegaTextWidth(item: TextItem, text?: unknown): number {
  const size =
    item.fontSize !== null && item.fontSize !== undefined ? Number(item.fontSize) || 0 : 11;
  const weight = item.fontWeight;
  const bold =
    weight === 'bold' || (typeof weight === 'number' && weight >= 600) || weight === '700';
  const raw =
    text === undefined || text === null
      ? ''
      : Array.isArray(text)
        ? text.map(String)
        : [String(text)];
  const lines = typeof raw === 'string' ? [raw] : raw;
  const width = lines.reduce((w, line) => Math.max(w, textWidth(line.trim(), size, bold)), 0);
  const limit = item.limit !== null && item.limit !== undefined ? Number(item.limit) : 0;
  return limit > 0 ? Math.min(width, limit) : width;
}

/**
 * Splits `text` into lines no wider than `maxWidth` px at `fontSize` (greedy, at spaces; a
 * single word wider than the line keeps a line of its own rather than being cut).
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && textWidth(next, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = w;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

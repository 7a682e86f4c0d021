import type { WebChart } from '../deps.ts';

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/**
 * A chart as a file of its own: the report's SVG with a <title> and <desc> for its text
 * alternative in place of the page's caption (which a file does not have).
 */
export function chartFile(chart: WebChart): string {
  const svg = chart.svg
    .replace(/\saria-labelledby="[^"]*"/, '')
    .replace(
      /^<svg([^>]*)>/,
      `<svg$1 aria-label="${esc(chart.title)}"><title>${esc(chart.title)}</title><desc>${esc(chart.description)}</desc>`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}

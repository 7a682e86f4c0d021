import type { MeasureResult } from '../measures/result.ts';
import { renderChart } from '../report/charts/render.ts';
import { chartsFor } from '../report/measure-block.ts';
import { assuranceIconText, spcMethodLabel, variationIconText } from '../report/spc-text.ts';
import type { WebChart, WebCharts } from '../web/deps.ts';

/** Which kind of chart a report chart is, from the id suffix `chartsFor` gives it. */
function kindOf(id: string): WebChart['kind'] {
  if (id.endsWith('-spc')) return 'spc';
  if (id.endsWith('-trend')) return 'trend';
  if (id.endsWith('-map')) return 'map';
  return 'bars';
}

/**
 * A style attribute inside SVG inlined in a page would be refused by the CSP (`style-src
 * 'self'`), so anything Vega writes as one is turned into presentation attributes.
 */
export function withoutStyleAttributes(svg: string): string {
  return svg.replace(/\sstyle="([^"]*)"/g, (_all, css: string) =>
    css
      .split(';')
      .map((d) => d.split(':').map((x) => x.trim()))
      .filter((d): d is [string, string] => d.length === 2 && /^[a-z-]+$/.test(d[0] ?? ''))
      .map(([k, v]) => ` ${k}="${v.replaceAll('"', '&quot;')}"`)
      .join(''),
  );
}

async function render(r: MeasureResult): Promise<WebChart[]> {
  const out: WebChart[] = [];
  for (const chart of chartsFor(r)) {
    const done = await renderChart(chart);
    out.push({
      id: done.id,
      kind: kindOf(chart.id),
      title: done.title,
      svg: withoutStyleAttributes(done.svg),
      description: done.description,
      table: {
        caption: chart.alt.table.caption,
        head: chart.alt.table.head.map((c) => c.text),
        rows: chart.alt.table.rows.map((row) => row.map((c) => c.text)),
      },
    });
  }
  return out;
}

/**
 * The report's charts for the web pages. Drawing is the slow part of a measure page, and
 * results are shared per data version (the results cache), so charts are kept per result
 * object: a new data version brings new results and the old charts go with them.
 */
export function webCharts(): WebCharts {
  const drawn = new WeakMap<MeasureResult, Promise<WebChart[]>>();
  return {
    forMeasure(r) {
      let p = drawn.get(r);
      if (!p) {
        p = render(r);
        drawn.set(r, p);
        p.catch(() => drawn.delete(r));
      }
      return p;
    },
    variation: (icon, lastType, lastPeriod) => variationIconText(icon, lastType, lastPeriod),
    assurance: (icon) => assuranceIconText(icon),
    method: (method, label) => spcMethodLabel(method, label),
  };
}

import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import {
  barChart,
  namespaceSvgIds,
  renderChart,
  renderSvg,
  spcChart,
  tileMapChart,
  tilePositions,
  trendChart,
  type Chart,
} from '../../src/report/charts/index.ts';
import { textWidth } from '../../src/report/charts/text-metrics.ts';
import { tableHtml } from '../../src/report/html.ts';
import { chartsFor } from '../../src/report/measure-block.ts';
import { calls999, FIXTURE_RESULTS, satBurglary } from './fixtures/results.ts';

const spc = calls999.spc;
if (!spc) throw new Error('fixture calls999 has SPC');

describe('SPC chart (Making Data Count style)', () => {
  const chart = spcChart({ id: 'calls', title: calls999.title, unit: 'percent', spc, target: 0.9 });
  const spec = chart.spec as unknown as {
    title: { subtitle: string[] };
    layer: Record<string, unknown>[];
  };

  it('names the method and draws mean, dashed limits, coloured points, target and rebase', () => {
    expect(spec.title.subtitle[0]).toBe(
      'Limits: XmR, Making Data Count rules. Red dashed line: target.',
    );
    const marks = spec.layer.map((l) => JSON.stringify(l.mark));
    expect(marks.filter((m) => m.includes('"strokeDash":[6,4]'))).toHaveLength(2);
    const points = spec.layer.find((l) => JSON.stringify(l.mark).includes('"point"')) as {
      encoding: { color: { scale: { domain: string[]; range: string[] } } };
    };
    expect(points.encoding.color.scale.domain).toEqual([
      'Special cause: improvement',
      'Special cause: concern',
      'Common cause',
    ]);
    expect(points.encoding.color.scale.range).toEqual(['#289de0', '#fab428', '#7b7d7d']);
    expect(JSON.stringify(spec.layer)).toContain('"text":"Rebased"');
    expect(JSON.stringify(spec.layer)).toContain('"target":0.9');
  });

  it('compiles to Vega without errors', () => {
    expect(() => compile(chart.spec)).not.toThrow();
  });

  it('has a one-sentence description and the data as a table', () => {
    expect(chart.alt.description).toBe(
      'SPC chart (XmR, Making Data Count rules) of 27 points from April 2019 to June 2021: mean 88.7%, process limits 84.0% to 93.5%; the latest point (June 2021, 94.0%) is special cause: improvement, above the upper process limit; 11 of the 27 points show special cause variation.',
    );
    expect(chart.alt.table.rows).toHaveLength(27);
    expect(chart.alt.table.rows[12]?.[5]?.text).toBe(
      'Special cause: concern (below the lower process limit); limits rebased here: New telephony platform and call-handling model (approved by Head of Contact, 14 May 2020)',
    );
  });
});

describe('other charts', () => {
  it('trend: bars for counts, a line for percentages', () => {
    const line = trendChart({ id: 't', title: 'T', unit: 'percent', series: satBurglary.series });
    const bars = trendChart({
      id: 'b',
      title: 'B',
      unit: 'count',
      series: [
        { period: '2021-04', value: 5, numerator: null, denominator: null },
        { period: '2021-05', value: 7, numerator: null, denominator: null },
      ],
    });
    expect(JSON.stringify(line.spec)).toContain('"type":"line"');
    expect(JSON.stringify(bars.spec)).toContain('"type":"bar"');
    expect(line.alt.description).toBe(
      '6 periods from January 2021 to June 2021; latest 76.7%, lowest 73.6% (February 2021), highest 77.1% (March 2021).',
    );
  });

  it('tile map: one tile per area in a fixed alphabetical grid', () => {
    const pos = tilePositions(satBurglary.breakdown);
    expect([...pos.entries()]).toEqual([
      ['central', { col: 0, row: 0 }],
      ['eastbrook', { col: 1, row: 0 }],
      ['northfield', { col: 2, row: 0 }],
      ['southvale', { col: 0, row: 1 }],
      ['westmoor', { col: 1, row: 1 }],
    ]);
    const map = tileMapChart({
      id: 'm',
      title: 'Burglary',
      unit: 'percent',
      breakdown: satBurglary.breakdown,
    });
    expect(map.alt.description).toBe(
      'Tile map of 5 local policing areas: highest Westmoor (86.7%), lowest Southvale (64.7%).',
    );
    expect(map.alt.table.head.map((c) => c.text)).toEqual([
      'Area',
      'Value',
      '95% confidence interval',
      'Base (n)',
    ]);
  });

  it('bar chart: categories in the given order beside a comparison', () => {
    const bar = barChart({
      id: 'o',
      title: 'Outcomes',
      rows: [
        { label: 'Outcome 16', value: 0.36, compare: 0.29 },
        { label: 'Outcome 1', value: 0.06, compare: 0.09 },
      ],
      format: 'percent',
      valueLabel: 'Q1 2021/22',
      compareLabel: 'Q1 2019/20',
    });
    expect(bar.alt.description).toBe(
      '2 categories for Q1 2021/22, each beside Q1 2019/20; the largest is Outcome 16 (36.0%).',
    );
    expect(tableHtml(bar.alt.table)).toContain(
      '<th scope="col" class="bl-table__header bl-table__header--numeric">Q1 2019/20</th>',
    );
  });

  it('every fixture chart compiles and renders', async () => {
    const charts: Chart[] = FIXTURE_RESULTS.flatMap((r) => chartsFor(r));
    expect(charts.length).toBe(10);
    for (const c of charts) {
      const svg = await renderSvg(c.spec);
      expect(svg.startsWith('<svg')).toBe(true);
    }
  });
});

describe('renderSvg', () => {
  const chart = spcChart({ id: 'calls', title: calls999.title, unit: 'percent', spc, target: 0.9 });

  it('is deterministic and uses the fixed font family', async () => {
    const a = await renderSvg(chart.spec);
    const b = await renderSvg(chart.spec);
    expect(a).toBe(b);
    expect(a).toContain('font-family="Helvetica, Arial, sans-serif"');
    expect(a).not.toMatch(/\d\.\d{3,}/);
    expect(a).not.toContain('aria-roledescription');
  });

  it('namespaces SVG ids so charts can share a page', async () => {
    const rendered = await renderChart(
      tileMapChart({
        id: 'map one',
        title: 'M',
        unit: 'percent',
        breakdown: satBurglary.breakdown,
      }),
    );
    const ids = [...rendered.svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^chart-map-one-svg-\d+$/);
    expect(rendered.svg).toMatch(
      /^<svg role="img" aria-labelledby="chart-map-one-caption" focusable="false" /,
    );
    expect(
      namespaceSvgIds('<svg><g id="a"/><rect fill="url(#a)"/><use href="#a"/></svg>', 'p'),
    ).toBe('<svg><g id="p-1"/><rect fill="url(#p-1)"/><use href="#p-1"/></svg>');
  });

  it('measures text with Helvetica metrics', () => {
    expect(textWidth('Hello', 10)).toBeCloseTo(22.78, 2);
    expect(textWidth('Hello', 10, true)).toBeCloseTo(24.37, 2);
  });
});

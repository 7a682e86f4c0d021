import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import {
  areaMapChart,
  barChart,
  type Boundaries,
  namespaceSvgIds,
  renderChart,
  renderSvg,
  spcChart,
  tileMapChart,
  tilePositions,
  trendChart,
  type Chart,
} from '../../src/report/charts/index.ts';
import { shortRebaseReason } from '../../src/report/charts/spc.ts';
import { textWidth } from '../../src/report/charts/text-metrics.ts';
import { thinLabels } from '../../src/report/charts/theme.ts';
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
    // The rebase marker names its reason (its first clause, shortened; in full in the alt).
    expect(JSON.stringify(spec.layer)).toContain('"text":"Rebased: New telephony platform and…"');
    expect(JSON.stringify(spec.layer)).toContain('"target":0.9');
  });

  it('compiles to Vega without errors', () => {
    expect(() => compile(chart.spec)).not.toThrow();
  });

  it('has a one-sentence description and the data as a table', () => {
    expect(chart.alt.description).toBe(
      'SPC chart (XmR, Making Data Count rules) of 27 points from April 2019 to June 2021: mean 88.7%, process limits 84.0% to 93.5%; the latest point (June 2021, 94.0%) is special cause: improvement, above the upper process limit; 11 of the 27 points show special cause variation. Limits rebased from April 2020: New telephony platform and call-handling model (approved by Head of Contact, 14 May 2020).',
    );
    expect(chart.alt.table.rows).toHaveLength(27);
    expect(chart.alt.table.rows[12]?.[5]?.text).toBe(
      'Special cause: concern (below the lower process limit); limits rebased here: New telephony platform and call-handling model (approved by Head of Contact, 14 May 2020)',
    );
  });
});

describe('SPC rebase marker', () => {
  it('is labelled with the first clause of the reason, shortened at a word', () => {
    expect(
      shortRebaseReason(
        'COVID-19 lockdown from 23 March 2020: residential burglary fell to a new, lower level that has held since',
      ),
    ).toBe('COVID-19 lockdown from 23 March 2020');
    expect(
      shortRebaseReason('A very long reason without any clause break in it at all, none'),
    ).toBe('A very long reason without any clause…');
  });

  it('turns its label to the left of the line when there is no room on the right', () => {
    const late = {
      ...spc,
      rebases: [{ ...(spc.rebases[0] as (typeof spc.rebases)[0]), period: '2021-05' }],
    };
    const layers = (
      spcChart({ id: 'late', title: 'T', unit: 'percent', spc: late }).spec as unknown as {
        layer: { mark: { type?: string; align?: string } }[];
      }
    ).layer;
    // (The label and its white outline.)
    expect(layers.filter((l) => l.mark.type === 'text').map((l) => l.mark.align)).toEqual([
      'right',
      'right',
    ]);
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

// --- maps that compare like with like (issue 7) ------------------------------------------------

/** Three hand-made areas near Worcester: two squares (one wound each way) and an L of two parts. */
const THREE_AREAS: Boundaries = {
  nameProperty: 'LPA_NAME',
  features: [
    {
      type: 'Feature',
      properties: { LPA_NAME: 'Northmoor', other: 'x' },
      // anticlockwise (RFC 7946)
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-2.4, 52.3],
            [-2.2, 52.3],
            [-2.2, 52.5],
            [-2.4, 52.5],
            [-2.4, 52.3],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { LPA_NAME: 'Eastvale' },
      // clockwise (d3's convention)
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-2.2, 52.3],
            [-2.2, 52.5],
            [-2.0, 52.5],
            [-2.0, 52.3],
            [-2.2, 52.3],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { LPA_NAME: 'Westbridge' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [-2.4, 52.1],
              [-2.0, 52.1],
              [-2.0, 52.3],
              [-2.4, 52.3],
              [-2.4, 52.1],
            ],
          ],
          [
            [
              [-2.5, 52.1],
              [-2.45, 52.1],
              [-2.45, 52.15],
              [-2.5, 52.15],
              [-2.5, 52.1],
            ],
          ],
        ],
      },
    },
  ],
};

const countRow = (key: string, value: number | null) => ({
  key,
  label: key,
  value,
  numerator: value,
  denominator: null,
  interval: null,
});
const COUNTS = [
  countRow('Northmoor', 3000),
  countRow('Eastvale', 1200),
  countRow('Westbridge', 540),
];
const POPULATIONS = { Northmoor: 300_000, eastvale: 240_000, Westbridge: 216_000 };

describe('maps: rates per 1,000 residents for counts', () => {
  const map = tileMapChart({
    id: 'crimes',
    title: 'Total recorded crime',
    unit: 'count',
    breakdown: COUNTS,
    populations: POPULATIONS,
  });

  it('shades by rate per 1,000 residents, not by count', () => {
    const spec = map.spec as unknown as {
      data: { values: { label: string; value: number; valueText: string; baseText: string }[] };
    };
    const north = spec.data.values.find((v) => v.label === 'Northmoor');
    expect(north?.value).toBeCloseTo(10, 9);
    expect(north?.valueText).toBe('10.0');
    expect(north?.baseText).toBe('count 3,000');
    // population names match whatever their case
    expect(spec.data.values.find((v) => v.label === 'Eastvale')?.value).toBeCloseTo(5, 9);
    expect(map.title).toBe('Total recorded crime: per 1,000 residents by area');
  });

  it('keeps the counts and populations in the data table', () => {
    expect(map.alt.table.head.map((c) => c.text)).toEqual([
      'Area',
      'Rate per 1,000 residents',
      'Count',
      'Residents',
    ]);
    expect(map.alt.table.rows[0]?.map((c) => c.text)).toEqual([
      'Northmoor',
      '10.0',
      '3,000',
      '300,000',
    ]);
    expect(map.alt.description).toContain('highest Northmoor (10.0 per 1,000 residents)');
    expect(map.alt.description).toContain('lowest Westbridge (2.5 per 1,000 residents)');
  });

  it('leaves an area without a population unrated, and says so', () => {
    const m = tileMapChart({
      id: 'c',
      title: 'Crimes',
      unit: 'count',
      breakdown: [...COUNTS, countRow('Southport Wharf', 800)],
      populations: POPULATIONS,
    });
    expect(m.alt.table.rows[3]?.map((c) => c.text)).toEqual([
      'Southport Wharf',
      '—',
      '800',
      'Not set',
    ]);
    expect(m.alt.description).toContain('No population is set for Southport Wharf.');
  });

  it('leaves percentages and counts without populations as they were', () => {
    const plain = tileMapChart({ id: 'c', title: 'Crimes', unit: 'count', breakdown: COUNTS });
    expect(plain.title).toBe('Crimes: by area');
    expect(plain.alt.table.rows[0]?.map((c) => c.text)).toEqual(['Northmoor', '3,000']);
    const pct = tileMapChart({
      id: 'p',
      title: 'Satisfaction',
      unit: 'percent',
      breakdown: COUNTS.map((r) => ({ ...r, value: 0.7 })),
      populations: POPULATIONS,
    });
    expect(pct.title).toBe('Satisfaction: by area');
  });
});

describe('maps: a choropleth when boundaries are supplied', () => {
  const input = {
    id: 'crimes',
    title: 'Total recorded crime',
    unit: 'count' as const,
    breakdown: COUNTS,
    populations: POPULATIONS,
    boundaries: THREE_AREAS,
  };

  it('draws geoshapes with a Mercator projection and compiles', () => {
    const chart = areaMapChart(input);
    const spec = chart.spec as unknown as {
      projection: { type: string };
      layer: { mark: { type: string } }[];
    };
    expect(spec.projection.type).toBe('mercator');
    expect(spec.layer.filter((l) => l.mark.type === 'geoshape')).toHaveLength(2);
    expect(() => compile(chart.spec)).not.toThrow();
    expect(chart.alt.description).toMatch(/^Map of 3 local policing areas: highest Northmoor/);
  });

  it('renders three filled areas inside the frame, deterministically, with their labels', async () => {
    // renderChart namespaces Vega's process-wide ids (gradients, clips) per chart
    const a = (await renderChart(areaMapChart(input))).svg;
    const b = (await renderChart(areaMapChart(input))).svg;
    expect(a).toBe(b);
    for (const name of ['Northmoor', 'Eastvale', 'Westbridge']) expect(a).toContain(`>${name}<`);
    // the shaded layer draws one path per area with a figure, each inside the 560 × 420 plot
    const shaded = [...a.matchAll(/<path[^>]* d="(M[^"]+)"[^>]*fill="rgb\(([^)]+)\)"/g)];
    expect(shaded).toHaveLength(3);
    for (const [, d] of shaded) {
      const nums = (d as string).match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
      expect(Math.min(...nums)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...nums)).toBeLessThanOrEqual(560);
    }
    // in feature order: darkest for the highest rate (Northmoor), lightest for the lowest
    expect(shaded.map((m) => m[2])).toEqual(['0, 48, 120', '137, 164, 201', '210, 226, 241']);
    // only the name travels into the picture, never the file's other properties
    expect(a).not.toContain('LPA_NAME');
  });

  it('falls back to the tile map when no boundary names an area', () => {
    const chart = areaMapChart({
      ...input,
      boundaries: { ...THREE_AREAS, nameProperty: 'missing' },
    });
    expect((chart.spec as unknown as { projection?: unknown }).projection).toBeUndefined();
    expect(chart.alt.description).toMatch(/^Tile map of 3/);
  });

  it('names an area that has no boundary', () => {
    const chart = areaMapChart({
      ...input,
      breakdown: [...COUNTS, countRow('Southport Wharf', 10)],
    });
    expect(JSON.stringify(chart.spec)).toContain(
      'Not on the map (no boundary supplied): Southport Wharf.',
    );
  });
});

describe('monthly axes label months evenly', () => {
  const monthsFrom = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const m = 3 + i; // April 2018 onwards
      return `${2018 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    });

  it('leaves equal gaps between labels and labels the latest month', () => {
    for (const n of [12, 13, 24, 27, 36, 48, 51]) {
      const labels = monthsFrom(n);
      const shown = thinLabels(labels);
      const at = shown.map((l) => labels.indexOf(l));
      const gaps = new Set(at.slice(1).map((v, i) => v - (at[i] as number)));
      expect(gaps.size, `${n} months`).toBeLessThanOrEqual(1);
      expect(shown.at(-1)).toBe(labels.at(-1));
      expect(shown.length).toBeLessThanOrEqual(12);
      // the same calendar months every year: a step of 1, 2, 3, 6 or 12 months
      expect([1, 2, 3, 6, 12]).toContain([...gaps][0] ?? 1);
    }
  });

  it('keeps a month with no value in its place on the axis', () => {
    const series = monthsFrom(6).map((period, i) => ({
      period,
      value: i === 2 ? null : 10 + i,
      numerator: null,
      denominator: null,
    }));
    const chart = trendChart({ id: 't', title: 'T', unit: 'rate', series });
    const x = (
      chart.spec as unknown as { layer: { encoding: { x: { scale: { domain: string[] } } } }[] }
    ).layer[0]?.encoding.x;
    expect(x?.scale.domain).toEqual(['Apr 18', 'May 18', 'Jun 18', 'Jul 18', 'Aug 18', 'Sep 18']);
  });
});

describe('bar labels are never cut short', () => {
  const long =
    'Further investigation to support formal action not in the public interest – police decision';
  const chart = barChart({
    id: 'b',
    title: 'Outcomes',
    format: 'percent',
    valueLabel: 'Q1 2021/22',
    rows: [
      { label: long, value: 0.12 },
      { label: 'domestic_abuse', value: 0.3 },
    ],
  });

  it('wraps a long label onto lines that fit the label column, every word kept', async () => {
    const svg = (await renderChart(chart)).svg;
    expect(svg).not.toContain('…');
    const texts = [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)].map((m) => m[1] as string);
    for (const w of long.split(' ')) expect(texts.join(' ')).toContain(w);
    const lines = texts.filter((t) => long.includes(t) && t.length > 3);
    expect(lines.length).toBeGreaterThan(1);
    for (const t of lines) expect(textWidth(t, 11)).toBeLessThanOrEqual(230);
  });

  it('reads codes as words and keeps the full label in the data table', () => {
    expect(chart.alt.table.rows.map((r) => r[0]?.text)).toEqual([long, 'Domestic abuse']);
  });
});

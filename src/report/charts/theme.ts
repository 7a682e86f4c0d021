/**
 * One look for every chart: a fixed font family and sizes (so SVG output does not depend on the
 * machine), GOV.UK text colours, no Vega ARIA (the report supplies its own text alternative).
 */
import type { Config } from 'vega-lite';
import type { ValueFormat } from './types.ts';

export const CHART_FONT = 'Helvetica, Arial, sans-serif';
export const CHART_WIDTH = 620;
export const TEXT_COLOUR = '#0b0c0c';
export const SECONDARY_TEXT = '#505a5f';
export const BLUE = '#1d70b8';
export const LIGHT_BLUE = '#d2e2f1';
export const COMPARE_GREY = '#b1b4b6';

export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: '#ffffff',
  padding: 8,
  aria: false,
  view: { stroke: null },
  title: {
    fontSize: 15,
    fontWeight: 'bold',
    subtitleFontSize: 12,
    color: TEXT_COLOUR,
    subtitleColor: SECONDARY_TEXT,
    anchor: 'start',
    offset: 10,
  },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    labelColor: TEXT_COLOUR,
    titleColor: TEXT_COLOUR,
    domainColor: SECONDARY_TEXT,
    tickColor: SECONDARY_TEXT,
    gridColor: '#e5e6e7',
  },
  legend: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    labelColor: TEXT_COLOUR,
    titleColor: TEXT_COLOUR,
    orient: 'bottom',
    direction: 'horizontal',
    symbolStrokeColor: TEXT_COLOUR,
  },
  text: { fontSize: 12, color: TEXT_COLOUR },
};

/**
 * A d3-format string for axis labels. For percentages, pass the values the axis spans: a narrow
 * range (under 8 points) gets one decimal, trimmed ("74%", "74.5%"), so ticks never repeat.
 */
export function axisFormat(
  format: ValueFormat,
  values: readonly (number | null | undefined)[] = [],
): string {
  switch (format) {
    case 'percent': {
      const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const range = known.length > 1 ? Math.max(...known) - Math.min(...known) : 1;
      return range < 0.08 ? '.1~%' : '.0%';
    }
    case 'count':
      return ',d';
    case 'number':
      return ',.1~f';
  }
}

/** Every k-th label so an ordinal axis of `n` points shows about `max` labels. */
export function thinLabels<T>(labels: readonly T[], max = 12): T[] {
  const k = Math.max(1, Math.ceil(labels.length / max));
  const out = labels.filter((_, i) => i % k === 0);
  const last = labels.at(-1);
  if (last !== undefined && !out.includes(last)) {
    // keep the latest period visible: it is the one readers look for
    if (out.length > 1) out.pop();
    out.push(last);
  }
  return out;
}

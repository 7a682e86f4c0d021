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

/** Label steps that keep a monthly axis on the same months every year (never every 4th or 5th). */
const STEPS = [1, 2, 3, 6, 12, 24, 36, 48];

/**
 * The labels to show on an ordinal axis of `n` points: every k-th, counted back from the latest
 * (the point readers look for), with k the smallest of 1, 2, 3, 6, 12… that keeps at most `max`
 * labels. The gaps between labels are therefore all equal — monthly axes label the same months
 * each year — and the latest point is always labelled.
 */
export function thinLabels<T>(labels: readonly T[], max = 12): T[] {
  const n = labels.length;
  const k = STEPS.find((s) => Math.ceil(n / s) <= max) ?? Math.ceil(n / max);
  return labels.filter((_, i) => (n - 1 - i) % k === 0);
}

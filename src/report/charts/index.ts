/** Chart builders (Vega-Lite specs as plain objects + text alternatives) and the SVG renderer. */
export type { Chart, ChartAlt, ValueFormat } from './types.ts';
export { CHART_CONFIG, CHART_FONT } from './theme.ts';
export {
  renderSvg,
  renderChart,
  figureHtml,
  namespaceSvgIds,
  type RenderedChart,
} from './render.ts';
export { spcChart, valueFormatOf, type SpcChartInput } from './spc.ts';
export { trendChart, type TrendChartInput } from './trend.ts';
export { tileMapChart, tilePositions, type TileMapInput } from './tile-map.ts';
export { barChart, type BarChartInput, type BarDatum } from './bar.ts';
export {
  choroplethChart,
  featureName,
  type Boundaries,
  type BoundaryFeature,
  type ChoroplethInput,
} from './choropleth.ts';
export { areaMapChart, type AreaMapInput } from './area-map.ts';
export type { AreaChartInput } from './area-common.ts';

import type { TopLevelSpec } from 'vega-lite';
import type { TableSpec } from '../html.ts';

/** The text alternative every chart carries: one sentence and the data as a table. */
export interface ChartAlt {
  readonly description: string;
  readonly table: TableSpec;
}

/** A chart as plain data: a Vega-Lite spec plus its text alternative. Serialisable. */
export interface Chart {
  /** Stable id, unique in a document (SVG ids are namespaced with it). */
  readonly id: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
  readonly alt: ChartAlt;
}

export type ValueFormat = 'percent' | 'count' | 'number';

/**
 * A choropleth of local policing areas from a boundary GeoJSON FeatureCollection (the force
 * settings' `boundaries`): each feature whose `nameProperty` names an area of the breakdown is
 * shaded light-to-dark blue by its figure (a rate per 1,000 residents for counts when
 * populations are known, area-common.ts), areas without a figure are grey, and each area is
 * labelled at the centroid of its largest ring. Mercator, fitted to the features — at the scale
 * of one force in England the shapes are true. Deterministic: the same features give the same
 * SVG (paths from d3-geo, coordinates rounded by the renderer).
 */
import type { TopLevelSpec } from 'vega-lite';
import {
  areaAlt,
  areaTitle,
  figuresOf,
  legendFormat,
  mapValueText,
  type AreaChartInput,
} from './area-common.ts';
import { CHART_CONFIG } from './theme.ts';
import type { Chart } from './types.ts';

type Position = readonly number[];
type Ring = readonly Position[];
export interface BoundaryGeometry {
  readonly type: 'Polygon' | 'MultiPolygon';
  readonly coordinates: readonly Ring[] | readonly (readonly Ring[])[];
}
export interface BoundaryFeature {
  readonly type: 'Feature';
  readonly properties: Readonly<Record<string, unknown>> | null;
  readonly geometry: BoundaryGeometry;
}
/** Boundaries as read from the settings (src/facts/boundaries.ts validates the file). */
export interface Boundaries {
  readonly features: readonly BoundaryFeature[];
  /** The feature property that holds the area's name. */
  readonly nameProperty: string;
}

export interface ChoroplethInput extends AreaChartInput {
  readonly boundaries: Boundaries;
}

const LIGHT = '#d2e2f1';
const DARK = '#003078';
const NO_DATA = '#f3f2f1';
const WIDTH = 560;
const HEIGHT = 420;

const norm = (s: string) => s.trim().toLowerCase();

/** Twice the signed planar area of a ring (lon/lat): positive when anticlockwise. */
function signedArea(ring: Ring): number {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as Position;
    const q = ring[(i + 1) % ring.length] as Position;
    a += (p[0] as number) * (q[1] as number) - (q[0] as number) * (p[1] as number);
  }
  return a;
}

/**
 * Rings wound as d3-geo draws them: outer rings clockwise, holes anticlockwise. GeoJSON
 * (RFC 7946) asks the opposite, and d3 reads an anticlockwise outer ring as the whole globe
 * outside it, so files from either convention are rewound.
 */
function rewind(polygon: readonly Ring[]): Ring[] {
  return polygon.map((ring, i) => {
    const clockwise = signedArea(ring) < 0;
    const wantClockwise = i === 0;
    return clockwise === wantClockwise ? ring : [...ring].reverse();
  });
}

function polygonsOf(g: BoundaryGeometry): Ring[][] {
  return g.type === 'Polygon'
    ? [rewind(g.coordinates as readonly Ring[])]
    : (g.coordinates as readonly (readonly Ring[])[]).map(rewind);
}

/** The centroid of the largest outer ring, where the area's label goes. */
function labelPoint(polygons: readonly Ring[][]): [number, number] | null {
  let best: { area: number; at: [number, number] } | null = null;
  for (const poly of polygons) {
    const ring = poly[0];
    if (!ring || ring.length < 3) continue;
    const a2 = signedArea(ring);
    if (a2 === 0) continue;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length; i++) {
      const p = ring[i] as Position;
      const q = ring[(i + 1) % ring.length] as Position;
      const cross = (p[0] as number) * (q[1] as number) - (q[0] as number) * (p[1] as number);
      cx += ((p[0] as number) + (q[0] as number)) * cross;
      cy += ((p[1] as number) + (q[1] as number)) * cross;
    }
    const at: [number, number] = [cx / (3 * a2), cy / (3 * a2)];
    if (!best || Math.abs(a2) > best.area) best = { area: Math.abs(a2), at };
  }
  return best?.at ?? null;
}

/** The feature's area name, or null when the property is missing or not text. */
export function featureName(f: BoundaryFeature, nameProperty: string): string | null {
  const v = f.properties?.[nameProperty];
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : null;
}

/** How many areas of the breakdown have a boundary among the features. */
export function matchedAreas(input: ChoroplethInput): number {
  const names = new Set(
    input.boundaries.features
      .map((f) => featureName(f, input.boundaries.nameProperty))
      .filter((n): n is string => n !== null)
      .map(norm),
  );
  return input.breakdown.filter((r) => names.has(norm(r.key)) || names.has(norm(r.label))).length;
}

export function choroplethChart(input: ChoroplethInput): Chart {
  const { unit } = input;
  const figs = figuresOf(input);
  const byName = new Map<string, (typeof figs.rows)[number]>();
  for (const f of figs.rows) {
    byName.set(norm(f.label), f);
    byName.set(norm(f.key), f);
  }
  const known = figs.rows.filter((r) => r.value !== null).map((r) => r.value as number);
  const min = known.length ? Math.min(...known) : 0;
  const max = known.length ? Math.max(...known) : 1;

  const shapes: Record<string, unknown>[] = [];
  const labels: Record<string, unknown>[] = [];
  const mapped = new Set<string>();
  input.boundaries.features.forEach((feature, i) => {
    const name = featureName(feature, input.boundaries.nameProperty);
    const fig = name === null ? undefined : byName.get(norm(name));
    const polygons = polygonsOf(feature.geometry);
    const t = !fig || fig.value === null || max === min ? 0.5 : (fig.value - min) / (max - min);
    // only what the map needs travels into the spec: no other property of the file
    shapes.push({
      type: 'Feature',
      id: i,
      properties: { value: fig?.value ?? null },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    });
    if (fig) mapped.add(fig.key);
    const at = labelPoint(polygons);
    if (fig && at) {
      labels.push({
        lon: at[0],
        lat: at[1],
        label: fig.label,
        valueText: mapValueText(fig, unit, figs.perResidents),
        dark: fig.value !== null && t > 0.5,
      });
    }
  });
  const missing = figs.rows.filter((r) => !mapped.has(r.key)).map((r) => r.label);
  const ink = { condition: { test: 'datum.dark', value: '#ffffff' }, value: '#0b0c0c' };
  const subtitle = [
    figs.perResidents
      ? 'Darker areas have higher rates per 1,000 residents; grey areas have no figure.'
      : 'Darker areas have higher values; grey areas have no figure.',
    ...(missing.length > 0
      ? [`Not on the map (no boundary supplied): ${missing.join(', ')}.`]
      : []),
  ];
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: areaTitle(input, figs), subtitle },
    width: WIDTH,
    height: HEIGHT,
    projection: { type: 'mercator' },
    layer: [
      {
        data: { values: shapes },
        mark: { type: 'geoshape', stroke: '#ffffff', strokeWidth: 1.5, fill: NO_DATA },
      },
      {
        data: { values: shapes },
        transform: [{ filter: 'isValid(datum.properties.value)' }],
        mark: { type: 'geoshape', stroke: '#ffffff', strokeWidth: 1.5 },
        encoding: {
          color: {
            field: 'properties.value',
            type: 'quantitative',
            title: null,
            scale: { range: [LIGHT, DARK], domain: [min, max === min ? min + 1e-9 : max] },
            legend: {
              format: legendFormat(unit, figs.perResidents),
              gradientLength: 160,
              direction: 'horizontal',
            },
          },
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', dy: -8, fontSize: 11, fontWeight: 'bold' },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' },
          latitude: { field: 'lat', type: 'quantitative' },
          text: { field: 'label' },
          color: ink,
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', dy: 8, fontSize: 13, fontWeight: 'bold' },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' },
          latitude: { field: 'lat', type: 'quantitative' },
          text: { field: 'valueText' },
          color: ink,
        },
      },
    ],
  } as unknown as TopLevelSpec;
  return { id: input.id, title: areaTitle(input, figs), spec, alt: areaAlt(input, figs, 'Map') };
}

/**
 * Boundary GeoJSON for the choropleth (settings `boundaries`): a FeatureCollection of Polygon
 * or MultiPolygon features, each naming its local policing area in `nameProperty`. Checked
 * here, once, so the report can trust the shape; only the geometry and the name are kept.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { BluelampError } from '../lib/errors.ts';

const Position = z.array(z.number().finite()).min(2);
const Ring = z.array(Position).min(4);
const Geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
const Feature = z.object({
  type: z.literal('Feature'),
  properties: z.record(z.string(), z.unknown()).nullable(),
  geometry: Geometry,
});
const Collection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(Feature).min(1),
});

export type BoundaryFeature = z.infer<typeof Feature>;
export interface BoundarySet {
  readonly features: readonly BoundaryFeature[];
  readonly nameProperty: string;
}

function invalid(file: string, where: string, rule: string): BluelampError {
  return new BluelampError('CONFIG_INVALID', `${file}: ${where}: ${rule}`, {
    hint: 'Give the settings\' "boundaries" a GeoJSON FeatureCollection of Polygon or MultiPolygon features, each with the LPA name in "nameProperty".',
  });
}

/** Reads and checks a boundary file; names the file, the feature and the rule on error. */
export function readBoundaries(path: string, nameProperty: string): BoundarySet {
  const file = basename(path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BluelampError(
      missing ? 'FILE_NOT_FOUND' : 'CONFIG_INVALID',
      missing ? `${file}: boundary file not found.` : `${file}: not valid JSON.`,
      { hint: 'Check the settings\' "boundaries.path" (relative to the data directory).' },
    );
  }
  const parsed = Collection.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path ?? [];
    const where =
      at[0] === 'features' && typeof at[1] === 'number'
        ? `feature ${at[1] + 1}${at.length > 2 ? `, field ${at.slice(2).join('.')}` : ''}`
        : at.length > 0
          ? `field ${at.join('.')}`
          : 'top level';
    throw invalid(file, where, issue?.message ?? 'not a FeatureCollection');
  }
  const features = parsed.data.features;
  features.forEach((f, i) => {
    const name = f.properties?.[nameProperty];
    if (typeof name !== 'string' || name.trim().length === 0)
      throw invalid(
        file,
        `feature ${i + 1}, property ${nameProperty}`,
        'must name the area (text)',
      );
  });
  return {
    nameProperty,
    features: features.map((f) => ({
      type: 'Feature' as const,
      properties: { [nameProperty]: f.properties?.[nameProperty] },
      geometry: f.geometry,
    })),
  };
}

/**
 * What the maps read from the force settings: LPA populations (the demo force's included) and a
 * boundary GeoJSON for the choropleth, checked with errors that name the file, feature and rule.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  mapSettings as mapSettingsOf,
  readSettings as readSettingsOf,
  writeSettings as writeSettingsOf,
  type ServiceSettings,
} from '../../src/app/settings.ts';
import { pgliteStore, type TestStore } from '../records/stores.ts';
import { DEMO_LPA_POPULATIONS, FORCE_POPULATION, LPAS } from '../../src/demo/force.ts';
import { areaFigures } from '../../src/present/area-rates.ts';
import type { Boundaries } from '../../src/report/charts/index.ts';
import { BluelampError } from '../../src/lib/errors.ts';

const dirs: string[] = [];
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'bluelamp-map-settings-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// The settings live in the records store: one (PGlite) for the file, emptied before each test.
let store: TestStore;
beforeAll(async () => {
  store = await pgliteStore();
});
afterAll(() => store?.cleanup());
afterEach(async () => {
  const keys = Object.keys(await store.records.settings.get());
  await store.records.settings.set(Object.fromEntries(keys.map((k) => [k, null])), cli);
});
const cli = { userId: null, via: 'cli' } as const;
const writeSettings = (_dir: string, s: ServiceSettings) => writeSettingsOf(store.records, s, cli);
const readSettings = (_dir: string) => readSettingsOf(store.records);
const mapSettings = (dir: string) => mapSettingsOf(store.records, dir);

const square = (name: string, x: number) => ({
  type: 'Feature',
  properties: { lpa: name, code: 'E0' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, 52],
        [x + 0.1, 52],
        [x + 0.1, 52.1],
        [x, 52.1],
        [x, 52],
      ],
    ],
  },
});

describe('LPA populations in the force settings', () => {
  it('the demo force has a population for every LPA, adding up to the force', () => {
    expect(Object.keys(DEMO_LPA_POPULATIONS)).toEqual(LPAS.map((l) => l.name));
    const total = Object.values(DEMO_LPA_POPULATIONS).reduce((a, b) => a + b, 0);
    expect(total).toBe(FORCE_POPULATION);
  });

  it('are stored and read back with the force name, and turn counts into rates', async () => {
    const dir = dataDir();
    await writeSettings(dir, { forceName: 'Test force', lpaPopulations: { North: 200_000 } });
    await writeSettings(dir, { lpaPopulations: { North: 200_000, South: 50_000 } });
    expect((await readSettings(dir)).forceName).toBe('Test force');
    const { populations, boundaries } = await mapSettings(dir);
    expect(boundaries).toBeNull();
    const figs = areaFigures(
      [
        {
          key: 'North',
          label: 'North',
          value: 400,
          numerator: 400,
          denominator: null,
          interval: null,
        },
        {
          key: 'South',
          label: 'South',
          value: 400,
          numerator: 400,
          denominator: null,
          interval: null,
        },
      ],
      'count',
      populations,
    );
    expect(figs.perResidents).toBe(true);
    expect(figs.rows.map((r) => r.value)).toEqual([2, 8]);
  });

  it('refuses a population that is not a positive whole number, naming the field', async () => {
    const dir = dataDir();
    await expect(writeSettings(dir, { lpaPopulations: { North: -5 } })).rejects.toThrow(
      /lpaPopulations\.North/,
    );
    expect(await readSettings(dir)).toEqual({});
  });
});

describe('boundary GeoJSON in the force settings', () => {
  it('is read relative to the data directory, keeping only the name and geometry', async () => {
    const dir = dataDir();
    writeFileSync(
      join(dir, 'lpas.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [square('North', -2), square('South', -1.9), square('East', -1.8)],
      }),
    );
    await writeSettings(dir, { boundaries: { path: 'lpas.geojson', nameProperty: 'lpa' } });
    const b = (await mapSettings(dir)).boundaries;
    expect(b?.features).toHaveLength(3);
    expect(b?.features[0]?.properties).toEqual({ lpa: 'North' });
    // the facts reader's shape is what the report's map builder takes
    const forChart: Boundaries | null = b;
    expect(forChart?.nameProperty).toBe('lpa');
  });

  it('names the file, the feature and the rule when a feature does not name its area', async () => {
    const dir = dataDir();
    const bad = square('North', -2) as { properties: Record<string, unknown> };
    bad.properties = { other: 1 };
    writeFileSync(
      join(dir, 'b.geojson'),
      JSON.stringify({ type: 'FeatureCollection', features: [square('A', 0), bad] }),
    );
    await writeSettings(dir, { boundaries: { path: 'b.geojson', nameProperty: 'lpa' } });
    let err: unknown;
    try {
      await mapSettings(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BluelampError);
    expect((err as BluelampError).code).toBe('CONFIG_INVALID');
    expect((err as Error).message).toBe(
      'b.geojson: feature 2, property lpa: must name the area (text)',
    );
  });

  it('refuses a geometry that is not a polygon, and a missing file', async () => {
    const dir = dataDir();
    writeFileSync(
      join(dir, 'p.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { lpa: 'A' },
            geometry: { type: 'Point', coordinates: [0, 0] },
          },
        ],
      }),
    );
    await writeSettings(dir, { boundaries: { path: 'p.geojson', nameProperty: 'lpa' } });
    await expect(mapSettings(dir)).rejects.toThrow(/^p\.geojson: feature 1, field geometry/);
    await writeSettings(dir, { boundaries: { path: 'none.geojson', nameProperty: 'lpa' } });
    await expect(mapSettings(dir)).rejects.toThrow(/none\.geojson: boundary file not found/);
  });
});

import { BluelampError } from '../lib/errors.ts';
import { CATALOGUE, AREAS } from './catalogue/index.ts';
import { MeasureDef, type Measure, type MeasureInput } from './definition.ts';

/**
 * Validates every measure at once and reports every problem with its path, e.g.
 * `core.oc16_rate.target.value: percentages are fractions between 0 and 1`.
 */
export function loadCatalogue(input: readonly MeasureInput[] = CATALOGUE): Measure[] {
  const problems: string[] = [];
  const measures: Measure[] = [];
  const seen = new Map<string, number>();
  input.forEach((raw, i) => {
    const label = `${raw.area ?? '?'}.${raw.id ?? `#${i}`}`;
    const parsed = MeasureDef.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${[label, ...issue.path.map(String)].join('.')}: ${issue.message}`);
      return;
    }
    if (seen.has(parsed.data.id))
      problems.push(`${label}.id: duplicates measure #${seen.get(parsed.data.id)}`);
    seen.set(parsed.data.id, i);
    if (!AREAS.some((a) => a.id === parsed.data.area))
      problems.push(`${label}.area: unknown area "${parsed.data.area}"`);
    measures.push(parsed.data);
  });
  if (problems.length > 0) {
    throw new BluelampError(
      'CONFIG_INVALID',
      `The measure catalogue has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
  return measures;
}

let cached: Measure[] | null = null;
export function catalogue(): Measure[] {
  cached ??= loadCatalogue();
  return cached;
}

export function findMeasure(id: string): Measure {
  const m = catalogue().find((x) => x.id === id);
  if (!m) {
    throw new BluelampError('UNKNOWN_MEASURE', `There is no measure "${id}".`, {
      hint: `Measures include: ${catalogue()
        .filter((x) => x.tier === 'gold')
        .map((x) => x.id)
        .join(', ')}.`,
    });
  }
  return m;
}

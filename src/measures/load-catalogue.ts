import { BluelampError } from '../lib/errors.ts';
import { CATALOGUE, AREAS } from './catalogue/index.ts';
import { SOURCES } from './compile.ts';
import { MeasureDef, type CountSide, type Measure, type MeasureInput } from './definition.ts';
import { vocabularyProblems } from './vocabulary.ts';

/** Named computations that count people or records across areas: force-wide by nature. */
const FORCE_ONLY_SPECIALS: ReadonlySet<string> = new Set([
  'high_harm_nominals',
  'national_measures',
]);

/** Why a measure must be declared force-wide, or null when it may be counted by LPA. */
function forceOnlyReason(m: Measure): string | null {
  const c = m.compute;
  const sides: CountSide[] =
    c.kind === 'count' ? [c.count] : c.kind === 'ratio' ? [c.numerator, c.denominator] : [];
  const noLpa = sides.find((s) => SOURCES[s.source].lpa === null);
  if (noLpa) return `its source ${noLpa.source} has no local policing area`;
  if (c.kind === 'special' && FORCE_ONLY_SPECIALS.has(c.name))
    return `${c.name} is counted for the whole force`;
  if (c.kind === 'records') return 'records are held for the whole force';
  return null;
}

/** Filter values outside their column's vocabulary (a misspelt subgroup would count 0). */
function filterProblems(m: Measure, label: string): string[] {
  const c = m.compute;
  const sides: [string, CountSide][] =
    c.kind === 'count'
      ? [['count', c.count]]
      : c.kind === 'ratio'
        ? [
            ['numerator', c.numerator],
            ['denominator', c.denominator],
          ]
        : [];
  return sides.flatMap(([name, side]) =>
    side.where ? vocabularyProblems(side.where, `${label}.compute.${name}.where`) : [],
  );
}

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
    const reason = forceOnlyReason(parsed.data);
    if (reason !== null && parsed.data.scope !== 'force')
      problems.push(`${label}.scope: must be "force": ${reason}`);
    if (!AREAS.some((a) => a.id === parsed.data.area))
      problems.push(`${label}.area: unknown area "${parsed.data.area}"`);
    problems.push(...filterProblems(parsed.data, label));
    measures.push(parsed.data);
  });
  const ids = new Set(measures.map((m) => m.id));
  for (const m of measures)
    m.dependsOn.forEach((d, i) => {
      if (!ids.has(d))
        problems.push(`${m.area}.${m.id}.dependsOn[${i}]: there is no measure "${d}"`);
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

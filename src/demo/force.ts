/**
 * The synthetic force's geography. Every name is invented for the demo: the local policing
 * areas (LPAs) are fictional, and neighbourhoods are "<LPA> <district>" so no neighbourhood
 * is a real place. The LPA order is the calibration's LPA A–E order; populations are set so
 * that each LPA's share of victim-based crime makes the published force VAL referral
 * rates follow from the published LPA rates (LPA A is the largest).
 */

export const FORCE_NAME = 'Synthetic Constabulary (demo data — not a real force)';
export const FORCE_SHORT_NAME = 'Synthetic Constabulary';
export const FORCE_POPULATION = 1_200_000;

export interface DemoNeighbourhood {
  readonly name: string;
  /** Relative share of the LPA's population. */
  readonly weight: number;
}

export interface DemoLpa {
  /** Calibration letter (LPA A–E in calibration.md). */
  readonly code: 'A' | 'B' | 'C' | 'D' | 'E';
  readonly name: string;
  readonly population: number;
  /** How urban the area is: 1 = force average. Urban crime (shoplifting, robbery, public order) leans on it. */
  readonly urban: number;
  /** Share of residents from ethnic-minority groups. */
  readonly ethnicMinorityShare: number;
  readonly neighbourhoods: readonly DemoNeighbourhood[];
}

function hoods(lpa: string, parts: readonly [string, number][]): DemoNeighbourhood[] {
  return parts.map(([suffix, weight]) => ({ name: `${lpa} ${suffix}`, weight }));
}

export const LPAS: readonly DemoLpa[] = [
  {
    code: 'A',
    name: 'Northmoor',
    population: 300_000,
    urban: 1.15,
    ethnicMinorityShare: 0.05,
    neighbourhoods: hoods('Northmoor', [
      ['Town Centre', 1.3],
      ['Riverside', 1.0],
      ['Hillside', 0.8],
      ['Old Quarry', 0.6],
      ['Market Fields', 0.9],
      ['Upper Dale', 0.5],
      ['Greenacre', 0.9],
    ]),
  },
  {
    code: 'B',
    name: 'Eastvale',
    population: 240_000,
    urban: 1.0,
    ethnicMinorityShare: 0.04,
    neighbourhoods: hoods('Eastvale', [
      ['Town Centre', 1.4],
      ['Station Quarter', 1.0],
      ['Parkside', 0.9],
      ['Meadowbank', 0.8],
      ['Castle Ward', 0.9],
      ['Brookfield', 0.7],
      ['Low Common', 0.6],
      ['Orchard Rise', 0.7],
    ]),
  },
  {
    code: 'C',
    name: 'Southport Wharf',
    population: 190_000,
    urban: 0.95,
    ethnicMinorityShare: 0.035,
    neighbourhoods: hoods('Southport Wharf', [
      ['Docks', 1.3],
      ['Harbourside', 1.1],
      ['Saltmarsh', 0.7],
      ['Ropewalk', 0.9],
      ['Lighthouse Ward', 0.8],
      ['Chandlers Green', 0.8],
    ]),
  },
  {
    code: 'D',
    name: 'Westbridge',
    population: 216_000,
    urban: 0.85,
    ethnicMinorityShare: 0.025,
    neighbourhoods: hoods('Westbridge', [
      ['Town Centre', 1.2],
      ['Mill Lane', 0.9],
      ['Foxley', 0.7],
      ['Weir Side', 0.8],
      ['Kingsmead', 0.9],
      ['Ashby Fold', 0.6],
      ['Tanners End', 0.7],
    ]),
  },
  {
    code: 'E',
    name: 'Central Fenwick',
    population: 254_000,
    urban: 1.1,
    ethnicMinorityShare: 0.075,
    neighbourhoods: hoods('Central Fenwick', [
      ['City Centre', 1.6],
      ['Cathedral Quarter', 1.1],
      ['University', 1.0],
      ['Northgate', 0.9],
      ['Southgate', 0.9],
      ['Canal Basin', 1.0],
      ['Fenwick Park', 0.8],
      ['Ironworks', 0.9],
      ['St Aldric', 0.7],
      ['Highfield', 0.8],
    ]),
  },
];

export const LPA_COUNT = LPAS.length;

export function lpa(index: number): DemoLpa {
  const l = LPAS[index];
  if (!l) throw new RangeError(`no LPA ${index}`);
  return l;
}

/** Residents per LPA, by name, as the force settings hold them (`lpaPopulations`) for the maps. */
export const DEMO_LPA_POPULATIONS: Readonly<Record<string, number>> = Object.fromEntries(
  LPAS.map((l) => [l.name, l.population]),
);

/**
 * The force's own staff names (the `staff_names` fact table, read by src/facts/staff-names.ts)
 * as a gazetteer: a victim who names an officer without a rank ("Jo Bloggs came round",
 * "Bloggs was great") is still redacted as `[officer]`. Held in memory, lower case; built
 * once per listing, never logged.
 */

export interface StaffName {
  readonly givenName: string;
  readonly familyName: string;
  readonly rank?: string | null;
  readonly collar?: string | null;
}

export interface StaffGazetteer {
  /** "given family", lower case. */
  readonly fullNames: ReadonlySet<string>;
  readonly families: ReadonlySet<string>;
  readonly givens: ReadonlySet<string>;
  /** Collar numbers as written, without leading zeros or letters stripped. */
  readonly collars: ReadonlySet<string>;
  readonly size: number;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');

export function staffGazetteer(rows: readonly StaffName[]): StaffGazetteer {
  const fullNames = new Set<string>();
  const families = new Set<string>();
  const givens = new Set<string>();
  const collars = new Set<string>();
  for (const r of rows) {
    const given = norm(r.givenName);
    const family = norm(r.familyName);
    if (given === '' || family === '') continue;
    fullNames.add(`${given} ${family}`);
    families.add(family);
    givens.add(given);
    const collar = r.collar?.trim();
    if (collar) collars.add(collar.toUpperCase());
  }
  return { fullNames, families, givens, collars, size: rows.length };
}

export const EMPTY_GAZETTEER: StaffGazetteer = staffGazetteer([]);

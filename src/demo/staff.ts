/**
 * The demo force's staff list (`staff_names`): every officer the demo's survey comments can
 * name (src/demo/free-text.ts: any of its given names with any of its family names), each with
 * a rank and a collar number, so the redaction's gazetteer has the force's own names to find.
 * All invented.
 */
import { FIRST, LAST, RANKS } from './free-text.ts';
import type { Rng } from './random.ts';
import type { CsvTableWriter } from './write-csv.ts';

const RANK_NAMES: Readonly<Record<(typeof RANKS)[number], string>> = {
  PC: 'PC',
  PCSO: 'PCSO',
  DC: 'DC',
  Sgt: 'Sergeant',
  DS: 'DS',
  Insp: 'Inspector',
};

/** Writes the staff list; collar numbers are unique, four digits (PCSOs in the 7000s). */
export function writeStaffNames(rng: Rng, out: CsvTableWriter): number {
  let n = 0;
  for (const given of FIRST)
    for (const family of LAST) {
      const rank = rng.pick(RANKS);
      const collar = (rank === 'PCSO' ? 7000 : 2000) + n;
      out.row([given, family, RANK_NAMES[rank], String(collar)]);
      n++;
    }
  return n;
}

/**
 * Arrests: of a suspect for a crime (most), or not linked to a crime (warrants, breaches).
 * The DA arrest rate (DA arrests ÷ DA crimes recorded in the month) is a stable proportion
 * that drifts down from November 2020, as the seed report describes.
 */
import { DA_ARREST_RATE } from './calibration.ts';
import { formatTs, month, monthIndexOf } from './calendar.ts';
import { crimeId, type CrimeRec } from './crimes.ts';
import { bit, FLAG } from './offences.ts';
import { personId, type People } from './people.ts';
import type { Rng } from './random.ts';
import type { CsvTableWriter } from './write-csv.ts';
import { SCORECARD_CRIME_GROUPS } from '../facts/reference/offence-subgroups.ts';

const DA = bit(FLAG.domestic_abuse);

/** Chance a non-DA crime with a suspect leads to an arrest, by scorecard group. */
const ARREST_P: Readonly<Record<string, number>> = {
  violence_with_injury: 0.38,
  violence_without_injury: 0.18,
  rape: 0.45,
  other_sexual_offences: 0.3,
  personal_robbery: 0.45,
  business_robbery: 0.45,
  residential_burglary: 0.4,
  business_burglary: 0.3,
  vehicle_offences: 0.25,
  theft_from_person: 0.25,
  bicycle_theft: 0.15,
  shoplifting: 0.22,
  all_other_theft: 0.12,
  criminal_damage_arson: 0.2,
  drug_offences: 0.35,
  possession_of_weapons: 0.55,
  public_order: 0.25,
  misc_crimes_against_society: 0.2,
};

/** DA arrest rate target for month m. */
export function daArrestRate(m: number): number {
  const from = monthIndexOf(DA_ARREST_RATE.driftFrom) - 1;
  const to = monthIndexOf(DA_ARREST_RATE.driftTo);
  if (m <= from) return DA_ARREST_RATE.stable;
  if (m >= to) return DA_ARREST_RATE.after - 0.0015 * (m - to);
  return (
    DA_ARREST_RATE.stable +
    ((DA_ARREST_RATE.after - DA_ARREST_RATE.stable) * (m - from)) / (to - from)
  );
}

export interface ArrestState {
  next: number;
}

export function writeMonthArrests(
  rng: Rng,
  m: number,
  crimes: readonly CrimeRec[],
  people: People,
  state: ArrestState,
  out: CsvTableWriter,
): void {
  const info = month(m);
  const lastSec = info.endSec - 60;
  const rows: { t: number; person: number; crime: number; da: boolean }[] = [];
  const daWithSuspect: CrimeRec[] = [];
  let daCrimes = 0;
  for (const c of crimes) {
    if (c.crimedIncident) continue;
    if ((c.flags & DA) !== 0) {
      daCrimes++;
      if (c.suspects.length > 0) daWithSuspect.push(c);
    } else if (
      c.suspects.length > 0 &&
      rng.chance(ARREST_P[SCORECARD_CRIME_GROUPS[c.group]!] ?? 0.2)
    ) {
      rows.push({
        t: Math.min(lastSec, c.t + rng.int(30 * 3600)),
        person: c.suspects[0]!,
        crime: c.id,
        da: false,
      });
    }
  }
  // DA: an exact share of the month's DA crimes (noise ±1 point), from those with a suspect.
  const rate = daArrestRate(m) + (rng.next() - 0.5) * 0.02;
  let want = Math.min(daWithSuspect.length, rng.roundStochastic(rate * daCrimes));
  for (let i = 0; i < daWithSuspect.length && want > 0; i++) {
    // Selection sampling: each remaining crime is picked with want / remaining.
    if (rng.next() * (daWithSuspect.length - i) < want) {
      const c = daWithSuspect[i]!;
      rows.push({
        t: Math.min(lastSec, c.t + rng.int(20 * 3600)),
        person: c.suspects[0]!,
        crime: c.id,
        da: true,
      });
      want--;
    }
  }
  // Arrests on warrant or for breaches, not linked to a crime: about 6% more.
  const unlinked = rng.poisson(rows.length * 0.06);
  for (let i = 0; i < unlinked; i++) {
    const lpa = rng.int(5);
    let p = people.returningSuspect(lpa);
    if (p === 0) p = people.create({ role: 'suspect', day: info.startDay, lpa });
    rows.push({
      t: info.startSec + rng.int(info.endSec - info.startSec - 60),
      person: p,
      crime: 0,
      da: false,
    });
  }
  rows.sort((a, b) => a.t - b.t);
  for (const r of rows) {
    out.row([
      `A-${String(++state.next).padStart(7, '0')}`,
      personId(r.person),
      r.crime ? crimeId(r.crime) : null,
      formatTs(r.t),
      r.da,
    ]);
  }
}

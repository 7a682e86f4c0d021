/**
 * Audits: Victims' Code case audits (a hundred or so cases a month, each about a real crime
 * with a victim, with the victim's sex, age band and ethnicity for disproportionality
 * tests) and crime data integrity (CDI) audits (per financial year the number of crimes
 * reviewed and found recorded, split across crime groups and audits; 2020/21 is the
 * published 1,208 reviewed, 214 not recorded).
 */
import { CDI_AUDITS, VICTIMS_CODE } from './calibration.ts';
import { formatDate, month, MONTHS } from './calendar.ts';
import { crimeId } from './crimes.ts';
import { LPAS } from './force.ts';
import type { People } from './people.ts';
import type { Rng } from './random.ts';
import type { CsvTableWriter } from './write-csv.ts';

export interface AuditCandidate {
  readonly id: number;
  readonly lpa: number;
  readonly victim: number;
}

export interface AuditState {
  nextCase: number;
}

/** Victims' Code audits in month m of crimes recorded in the previous three months. */
export function writeVictimsCodeAudits(
  rng: Rng,
  m: number,
  scale: number,
  candidates: readonly AuditCandidate[],
  people: People,
  state: AuditState,
  out: CsvTableWriter,
  /** Its own stream, so adding the referral split left every other drawn value as it was. */
  referralRng: Rng,
): void {
  if (candidates.length === 0) return;
  const info = month(m);
  const n = rng.poisson(VICTIMS_CODE.casesPerMonth * scale);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const c = candidates[rng.int(candidates.length)]!;
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const v = people.describe(c.victim);
    const minority = v.ethnicity !== '' && v.ethnicity !== 'white' && v.ethnicity !== 'not_stated';
    const young = v.ageBand === '18-24' || v.ageBand === '0-17';
    // Failure rates average to the published ones; a little higher for ethnic-minority and young victims.
    const vpsNo = VICTIMS_CODE.vpsNotOffered * (minority ? 1.3 : 0.98) * (young ? 1.12 : 0.98);
    const codeNo = VICTIMS_CODE.notToldAboutCode * (minority ? 1.1 : 0.995);
    const acknowledgement = rng.chance(0.02) ? 'n/a' : rng.chance(0.06) ? 'no' : 'yes';
    const updates = rng.chance(0.19) ? 'no' : 'yes';
    const vps = rng.chance(0.06) ? 'n/a' : rng.chance(vpsNo) ? 'no' : 'yes';
    const need = rng.chance(0.55) ? 'yes' : 'no';
    // When a need was identified: not referred (15%) or referred late (7%) both fail "within 2 days".
    const notReferredOrLate = VICTIMS_CODE.needNotReferred + VICTIMS_CODE.referredLate;
    const referred = need === 'yes' ? (rng.chance(notReferredOrLate) ? 'no' : 'yes') : 'n/a';
    // Of those, not referred at all or referred late, in the published proportion (15 : 7).
    const late = referralRng.chance(VICTIMS_CODE.referredLate / notReferredOrLate);
    const referral =
      referred === 'yes'
        ? 'within_2_days'
        : referred === 'no'
          ? late
            ? 'late'
            : 'not_referred'
          : 'na';
    const informedCode = rng.chance(codeNo) ? 'no' : 'yes';
    const endOfJourney = rng.chance(0.25)
      ? 'n/a'
      : rng.chance(VICTIMS_CODE.notToldEndOfJourney)
        ? 'no'
        : 'yes';
    const day = info.startDay + rng.int(info.days);
    out.row([
      `VC-${String(++state.nextCase).padStart(6, '0')}`,
      crimeId(c.id),
      formatDate(day),
      LPAS[c.lpa]!.name,
      acknowledgement,
      updates,
      vps,
      need,
      referred,
      referral,
      informedCode,
      endOfJourney,
      v.sex,
      // The date of birth is left out: the band is the people table's, as before.
      '',
      v.ageBand,
      v.ethnicity,
    ]);
  }
}

const CDI_GROUPS: readonly { readonly name: string; readonly compliance: number }[] = [
  { name: 'Violence against the person', compliance: 0.79 },
  { name: 'Sexual offences', compliance: 0.86 },
  { name: 'Domestic abuse', compliance: 0.8 },
  { name: 'Public order offences', compliance: 0.74 },
  { name: 'Burglary', compliance: 0.95 },
  { name: 'Criminal damage and arson', compliance: 0.88 },
];

/** CDI audits for each financial year the run covers: two a month, groups in rotation. */
export function writeCdiAudits(rng: Rng, monthsRun: number, out: CsvTableWriter): void {
  let auditNo = 0;
  for (const [fy, totals] of Object.entries(CDI_AUDITS)) {
    const months = MONTHS.filter((mi) => mi.fy === fy && mi.index < monthsRun);
    if (months.length === 0) continue;
    const slots: { day: number; group: number }[] = [];
    months.forEach((mi, k) => {
      for (let j = 0; j < 2; j++) {
        slots.push({
          day: mi.startDay + 10 + rng.int(mi.days - 12),
          group: (k * 2 + j) % CDI_GROUPS.length,
        });
      }
    });
    // Scale the year's totals to the months covered (the whole year in a full run).
    const share = months.length / 12;
    const reviewed = Math.round(totals.reviewed * share);
    const notRecorded = Math.round(totals.notRecorded * share);
    const expected = rng
      .multinomial(
        reviewed - slots.length * 20,
        slots.map(() => 1),
      )
      .map((x) => x + 20);
    // Missing crimes split by each group's weakness, then the exact total restored.
    const weakness = slots.map(
      (s, k) => (1 - CDI_GROUPS[s.group]!.compliance) * (expected[k] as number),
    );
    const missing = rng
      .multinomial(notRecorded, weakness)
      .map((x, k) => Math.min(x, expected[k] as number));
    let diff = notRecorded - missing.reduce((a, b) => a + b, 0);
    for (let k = 0; diff > 0 && k < missing.length; k++) {
      const room = (expected[k] as number) - (missing[k] as number);
      const add = Math.min(room, diff);
      missing[k] = (missing[k] as number) + add;
      diff -= add;
    }
    slots.forEach((s, k) => {
      out.row([
        `CDI-${String(++auditNo).padStart(3, '0')}`,
        formatDate(s.day),
        CDI_GROUPS[s.group]!.name,
        expected[k] as number,
        (expected[k] as number) - (missing[k] as number),
      ]);
    });
  }
}

/**
 * Victims' withdrawals of support (`victim_withdrawals`), consistent with the demo's outcomes:
 * every crime given outcome 16 ("victim does not support further action") before the data ends
 * has one withdrawal, dated between the crime's recording and the outcome, at a stage that
 * follows from when in that span it fell (early: at report; then the investigation; last,
 * awaiting a charging decision). A few charged crimes have a victim withdraw after charge too, so
 * not every withdrawal ends in outcome 16. Reasons differ for violence against women and girls
 * (the relationship with the suspect, fear of reprisal) and other crime (wanting to move on).
 * Fictional figures in the shape the inspection of the response to rape asked for (seed 002).
 */
import type { WithdrawalReason, WithdrawalStage } from '../facts/reference/withdrawals.ts';
import { formatDate, SECONDS_PER_DAY } from './calendar.ts';
import { crimeId, type CrimeRec } from './crimes.ts';
import { bit, FLAG, SUBGROUPS } from './offences.ts';
import { OUTCOME_LIST } from './outcomes.ts';
import { WeightedTable, type Rng } from './random.ts';
import type { CsvTableWriter } from './write-csv.ts';

const DA = bit(FLAG.domestic_abuse);

const reasons = (w: Record<WithdrawalReason, number>) =>
  new WeightedTable(Object.keys(w) as WithdrawalReason[], Object.values(w));

const VAWG_REASONS = reasons({
  fear_of_reprisal: 20,
  relationship_with_suspect: 26,
  lack_of_confidence: 12,
  process_too_long: 14,
  wants_to_move_on: 10,
  pressure_from_others: 8,
  other: 4,
  not_recorded: 6,
});
const OTHER_REASONS = reasons({
  fear_of_reprisal: 8,
  relationship_with_suspect: 5,
  lack_of_confidence: 18,
  process_too_long: 15,
  wants_to_move_on: 30,
  pressure_from_others: 4,
  other: 8,
  not_recorded: 12,
});

/** Share of charged crimes whose victim later withdraws (the case may go on without them). */
const AFTER_CHARGE = 0.03;

export interface WithdrawalState {
  next: number;
}

const isVawg = (c: CrimeRec) => (c.flags & DA) !== 0 || SUBGROUPS[c.sub]!.vawg;

/** The withdrawals of one crime (none for most), written as it is written out. */
export function writeCrimeWithdrawals(
  rng: Rng,
  c: CrimeRec,
  dataEnd: number,
  state: WithdrawalState,
  out: CsvTableWriter,
): void {
  if (c.outcome < 0 || c.outcomeT >= dataEnd) return;
  const type = OUTCOME_LIST[c.outcome];
  let at: number;
  let stage: WithdrawalStage;
  if (type === '16') {
    const f = rng.next();
    at = c.t + f * Math.max(0, c.outcomeT - c.t);
    stage = f < 0.2 ? 'report' : f < 0.8 ? 'investigation' : 'pre_charge';
  } else if (type === '1' && rng.chance(AFTER_CHARGE)) {
    at = c.outcomeT + (1 + rng.int(120)) * SECONDS_PER_DAY;
    if (at >= dataEnd) return;
    stage = 'post_charge';
  } else return;
  const reason = (isVawg(c) ? VAWG_REASONS : OTHER_REASONS).pick(rng);
  out.row([
    `W-${String(++state.next).padStart(7, '0')}`,
    crimeId(c.id),
    formatDate(Math.floor(at / SECONDS_PER_DAY)),
    stage,
    reason,
  ]);
}

/**
 * Referrals to the Victim Advice Line: each victim-based crime recorded is referred with the
 * month's rate for its LPA (published for April–June 2021; around the LPA's year-to-date
 * level, with a little month-to-month movement, otherwise), within two days of recording
 * and inside the month, so referrals ÷ victim-based crimes recorded reproduces the rates.
 */
import { VAL_REFERRAL_RATES, VAL_SERVICE } from './calibration.ts';
import { formatTs, month } from './calendar.ts';
import { crimeId, type CrimeRec } from './crimes.ts';
import { LPA_COUNT } from './force.ts';
import { SUBGROUPS } from './offences.ts';
import type { Rng } from './random.ts';
import type { CsvTableWriter } from './write-csv.ts';

/** The month's referral rate for each LPA. */
export function referralRates(paramRng: Rng, m: number): number[] {
  const info = month(m);
  const rates: number[] = [];
  for (let l = 0; l < LPA_COUNT; l++) {
    const r = VAL_REFERRAL_RATES[l]!;
    if (info.fy === '2021/22' && info.quarter === 1) {
      rates.push([r.apr, r.may, r.jun][info.fyMonth] as number);
    } else {
      rates.push(Math.max(0.08, r.ytd + (paramRng.next() - 0.5) * 0.05));
    }
  }
  return rates;
}

export function writeMonthReferrals(
  rng: Rng,
  m: number,
  rates: readonly number[],
  crimes: readonly CrimeRec[],
  out: CsvTableWriter,
): void {
  const info = month(m);
  const last = info.endSec - 60;
  const rows: { t: number; id: number }[] = [];
  for (const c of crimes) {
    if (c.crimedIncident || !SUBGROUPS[c.sub]!.victimBased) continue;
    if (!rng.chance(rates[c.lpa] as number)) continue;
    rows.push({ t: Math.min(last, c.t + 1800 + rng.int(46 * 3600)), id: c.id });
  }
  rows.sort((a, b) => a.t - b.t);
  for (const r of rows) out.row([crimeId(r.id), VAL_SERVICE, formatTs(r.t)]);
}

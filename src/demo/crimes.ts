/**
 * Recorded crime for the demo force: monthly volumes per scorecard group (through the Q1
 * 2019/20 and Q1 2021/22 anchors, with seasonality and the 2020/21 COVID-19 dip), the
 * offence subgroup and code, LPA and neighbourhood, markers at the calibrated rates, and
 * crimed incidents (marker-bearing, not notifiable). People are linked in people.ts.
 */
import { SCORECARD_CRIME_GROUPS } from '../facts/reference/offence-subgroups.ts';
import {
  CRIME_FLAG_COUNTS,
  CRIME_GROUPS,
  CRIMED_INCIDENTS,
  PRIORITY_COUNTS,
  PRIORITY_ON_CRIMES,
  type Anchors,
} from './calibration.ts';
import { month, SECONDS_PER_DAY, type MonthInfo } from './calendar.ts';
import { LPAS } from './force.ts';
import {
  bit,
  COVID,
  CRIMED_INCIDENT_SUBGROUPS,
  FLAG,
  GROUP_PROFILES,
  GROUP_SUBGROUPS,
  SEASON,
  SUBGROUPS,
  type CovidProfile,
  type OffenceCode,
  type SeasonProfile,
} from './offences.ts';
import { WeightedTable, type Rng } from './random.ts';

/** Month indexes of the anchors' middle months: May 2019 and May 2021. */
export const ANCHOR_2019 = 13;
export const ANCHOR_2021 = 37;
const ANCHOR_SPAN = ANCHOR_2021 - ANCHOR_2019;

const FLAG_CAP = 0.92;

export interface CrimeRec {
  /** Sequential number; the id is `CR-` + 7 digits. */
  id: number;
  /** Recorded at, wall-clock seconds. */
  t: number;
  sub: number;
  group: number;
  code: OffenceCode;
  lpa: number;
  nbh: number;
  flags: number;
  crimedIncident: boolean;
  /** Index into OUTCOME_LIST, or -1 (crimed incidents get no outcome). */
  outcome: number;
  /** When the outcome is assigned (may be after the data ends: the crime is then open). */
  outcomeT: number;
  victimLinked: boolean;
  hasSuspect: boolean;
  childVictim: boolean;
  highHarm: boolean;
  victims: number[];
  suspects: number[];
}

export const crimeId = (n: number): string => `CR-${String(n).padStart(7, '0')}`;

/** Weight of each of the 24 hours for the time a crime is recorded. */
const RECORD_HOURS = [
  1.2, 0.9, 0.7, 0.5, 0.4, 0.4, 0.6, 1.2, 2.2, 3.0, 3.3, 3.3, 3.2, 3.2, 3.3, 3.4, 3.5, 3.5, 3.3,
  3.0, 2.7, 2.3, 1.9, 1.5,
];
const RECORD_HOUR_TABLE = new WeightedTable(
  RECORD_HOURS.map((_, i) => i),
  RECORD_HOURS,
);

/** Interpolation weight of the 2021 anchor for a month (0 before 2019, 1 after 2021). */
export function anchorWeight(m: number): number {
  return Math.min(1, Math.max(0, (m - ANCHOR_2019) / ANCHOR_SPAN));
}

/** Log-linear interpolation between the anchors, a damped trend outside them. */
function trendLevel(m: number, q19: number, q21: number): number {
  if (q19 <= 0 || q21 <= 0) return (q19 + q21) / 2;
  const slope = Math.log(q21 / q19) / ANCHOR_SPAN;
  if (m < ANCHOR_2019 - 1)
    return q19 * Math.exp(0.5 * slope * (m - (ANCHOR_2019 - 1)) + slope * -1);
  if (m > ANCHOR_2021 + 1)
    return q21 * Math.exp(0.25 * slope * (m - (ANCHOR_2021 + 1)) + slope * 1);
  return q19 * Math.exp(slope * (m - ANCHOR_2019));
}

function seasonFactor(profile: SeasonProfile, info: MonthInfo): number {
  return (SEASON[profile][info.fyMonth] as number) * (info.days / 30.4375);
}

/** Sum of season × days over April–June, so a Q1 anchor splits exactly into its months. */
function q1SeasonSum(profile: SeasonProfile, year: number): number {
  const base = year === 2019 ? 12 : 36;
  let s = 0;
  for (let i = 0; i < 3; i++) s += seasonFactor(profile, month(base + i));
  return s;
}

function covidFactor(profile: CovidProfile, info: MonthInfo): number {
  return info.fyIndex === 2 ? (COVID[profile][info.fyMonth] as number) : 1;
}

/** Expected (scale 1) crimes of a scorecard group in a month. */
export function expectedGroupMonth(group: number, m: number): number {
  const name = SCORECARD_CRIME_GROUPS[group]!;
  const cal = CRIME_GROUPS[name];
  const prof = GROUP_PROFILES[name];
  const info = month(m);
  const q19 = cal.q1_2019 / q1SeasonSum(prof.season, 2019);
  const q21 = cal.q1_2021 / q1SeasonSum(prof.season, 2021);
  return trendLevel(m, q19, q21) * seasonFactor(prof.season, info) * covidFactor(prof.covid, info);
}

/** Expected (scale 1) crimed incidents in a month. */
export function expectedCrimedIncidentsMonth(m: number): number {
  const info = month(m);
  const q19 = CRIMED_INCIDENTS.q1_2019 / q1SeasonSum('flat', 2019);
  const q21 = CRIMED_INCIDENTS.q1_2021 / q1SeasonSum('flat', 2021);
  return trendLevel(m, q19, q21) * seasonFactor('flat', info) * covidFactor('vwoi', info);
}

/** Calibrated markers: DA first, then the others with a DA-dependent multiplier. */
const CALIBRATED = [
  'hate',
  'cse',
  'vulnerable_adult',
  'child_at_risk',
  'cyber_enabled',
  'alcohol_related',
] as const;
type CalibratedFlag = (typeof CALIBRATED)[number];
const DA_MULTIPLIER: Readonly<Record<CalibratedFlag, number>> = {
  hate: 0.1,
  cse: 0.3,
  vulnerable_adult: 0.8,
  child_at_risk: 2.5,
  cyber_enabled: 1,
  alcohol_related: 1.3,
};
const FLAG_TARGETS: Readonly<Record<CalibratedFlag | 'domestic_abuse', Anchors>> = {
  domestic_abuse: PRIORITY_ON_CRIMES.domestic_abuse,
  hate: PRIORITY_ON_CRIMES.hate,
  cse: PRIORITY_ON_CRIMES.cse,
  vulnerable_adult: PRIORITY_ON_CRIMES.vulnerable_adult,
  child_at_risk: PRIORITY_ON_CRIMES.child_at_risk,
  cyber_enabled: CRIME_FLAG_COUNTS.cyber_enabled,
  alcohol_related: CRIME_FLAG_COUNTS.alcohol_related,
};

function solveScale(expected: (k: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  while (expected(hi) < target && hi < 1e6) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (expected(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

interface AnchorFlagScales {
  readonly da: number;
  readonly others: Readonly<Record<CalibratedFlag, number>>;
}

function subgroupVolumes(anchor: 'q1_2019' | 'q1_2021'): number[] {
  const vols = new Array<number>(SUBGROUPS.length).fill(0);
  SCORECARD_CRIME_GROUPS.forEach((g, gi) => {
    const { subs, shares } = GROUP_SUBGROUPS[gi]!;
    const total = shares.reduce((s, x) => s + x, 0);
    subs.forEach((si, j) => {
      vols[si] = (CRIME_GROUPS[g][anchor] * (shares[j] as number)) / total;
    });
  });
  return vols;
}

function solveAnchor(anchor: 'q1_2019' | 'q1_2021'): AnchorFlagScales {
  const vols = subgroupVolumes(anchor);
  const daW = SUBGROUPS.map((s) => s.def.flags.domestic_abuse);
  const da = solveScale(
    (k) => vols.reduce((sum, v, i) => sum + v * Math.min(FLAG_CAP, k * (daW[i] as number)), 0),
    FLAG_TARGETS.domestic_abuse[anchor],
  );
  const pDa = daW.map((w) => Math.min(FLAG_CAP, da * w));
  const others = {} as Record<CalibratedFlag, number>;
  for (const f of CALIBRATED) {
    const w = SUBGROUPS.map((s) => s.def.flags[f]);
    const mult = DA_MULTIPLIER[f];
    others[f] = solveScale(
      (k) =>
        vols.reduce((sum, v, i) => {
          const wi = w[i] as number;
          const pd = pDa[i] as number;
          return (
            sum +
            v * (pd * Math.min(FLAG_CAP, k * wi * mult) + (1 - pd) * Math.min(FLAG_CAP, k * wi))
          );
        }, 0),
      FLAG_TARGETS[f][anchor],
    );
  }
  return { da, others };
}

const SCALES_2019 = solveAnchor('q1_2019');
const SCALES_2021 = solveAnchor('q1_2021');

function interpolateScale(a: number, b: number, m: number): number {
  const w = anchorWeight(m);
  return a > 0 && b > 0 ? Math.exp((1 - w) * Math.log(a) + w * Math.log(b)) : a + (b - a) * w;
}

/** Probability of the DA marker for a subgroup in a month. */
export function daProbability(sub: number, m: number): number {
  const k = interpolateScale(SCALES_2019.da, SCALES_2021.da, m);
  return Math.min(FLAG_CAP, k * SUBGROUPS[sub]!.def.flags.domestic_abuse);
}

/** Expected share of DA-flagged crimes in a scorecard group at an anchor (for the outcome model). */
export function daShareOfGroup(group: number, anchor: 'q1_2019' | 'q1_2021'): number {
  const m = anchor === 'q1_2019' ? ANCHOR_2019 : ANCHOR_2021;
  const { subs, shares } = GROUP_SUBGROUPS[group]!;
  const total = shares.reduce((s, x) => s + x, 0);
  return subs.reduce((s, si, j) => s + ((shares[j] as number) / total) * daProbability(si, m), 0);
}

/** Per-month marker probabilities, computed once per month. */
class MonthFlagModel {
  readonly pDa: Float64Array;
  /** [sub * 2 + da][flag] */
  readonly p: Float64Array[];
  readonly ciP: Readonly<Record<keyof typeof PRIORITY_COUNTS, number>>;

  constructor(m: number) {
    this.pDa = new Float64Array(SUBGROUPS.length);
    this.p = [];
    const k = {} as Record<CalibratedFlag, number>;
    for (const f of CALIBRATED)
      k[f] = interpolateScale(SCALES_2019.others[f], SCALES_2021.others[f], m);
    for (const s of SUBGROUPS) {
      this.pDa[s.index] = daProbability(s.index, m);
      for (let da = 0; da < 2; da++) {
        const row = new Float64Array(9);
        for (const f of CALIBRATED) {
          const mult = da ? DA_MULTIPLIER[f] : 1;
          row[FLAG[f]] = Math.min(FLAG_CAP, k[f] * s.def.flags[f] * mult);
        }
        row[FLAG.non_recent] = s.def.flags.non_recent;
        row[FLAG.course_of_conduct] = Math.min(
          0.95,
          s.def.flags.course_of_conduct * (da ? 1.5 : 0.8),
        );
        this.p[s.index * 2 + da] = row;
      }
    }
    const w = anchorWeight(m);
    const ci = (f: keyof typeof PRIORITY_COUNTS): number => {
      const at = (a: 'q1_2019' | 'q1_2021') =>
        (PRIORITY_COUNTS[f][a] - PRIORITY_ON_CRIMES[f][a]) / CRIMED_INCIDENTS[a];
      return at('q1_2019') * (1 - w) + at('q1_2021') * w;
    };
    this.ciP = {
      domestic_abuse: ci('domestic_abuse'),
      hate: ci('hate'),
      cse: ci('cse'),
      vulnerable_adult: ci('vulnerable_adult'),
      child_at_risk: ci('child_at_risk'),
    };
  }
}

/** Per group: the LPA weights (population × urban^k) and per LPA the neighbourhood table. */
const LPA_TABLES = SCORECARD_CRIME_GROUPS.map((g) => {
  const k = GROUP_PROFILES[g].urbanK;
  return new WeightedTable(
    LPAS.map((_, i) => i),
    LPAS.map((l) => l.population * Math.pow(l.urban, k)),
  );
});
export const NEIGHBOURHOOD_TABLES = LPAS.map(
  (l) =>
    new WeightedTable(
      l.neighbourhoods.map((_, i) => i),
      l.neighbourhoods.map((n) => n.weight),
    ),
);
const SUBGROUP_TABLES = GROUP_SUBGROUPS.map((g) => new WeightedTable(g.subs, g.shares));
const CI_SUBGROUP_TABLE = new WeightedTable(
  CRIMED_INCIDENT_SUBGROUPS.map(([name]) => SUBGROUPS.findIndex((s) => s.subgroup === name)),
  CRIMED_INCIDENT_SUBGROUPS.map(([, w]) => w),
);

function pickCode(rng: Rng, sub: number, flags: number): OffenceCode {
  const codes = SUBGROUPS[sub]!.def.codes;
  const hate = (flags & bit(FLAG.hate)) !== 0;
  const da = (flags & bit(FLAG.domestic_abuse)) !== 0;
  const cse = (flags & bit(FLAG.cse)) !== 0;
  const car = (flags & bit(FLAG.child_at_risk)) !== 0;
  let total = 0;
  const weights = codes.map((code) => {
    let w = code.weight;
    if (code.aggravated) w = hate ? w * 6 : 0;
    if (code.daOnly && !da) w = 0;
    if (da && code.daBoost !== undefined) w *= code.daBoost;
    if (cse && code.cseBoost !== undefined) w *= code.cseBoost;
    if (code.childVictim) w *= car || cse ? 2 : 0.5;
    total += w;
    return w;
  });
  let x = rng.next() * total;
  for (let i = 0; i < codes.length; i++) {
    x -= weights[i] as number;
    if (x < 0) return codes[i] as OffenceCode;
  }
  // Every weight zero (cannot happen with the definitions) falls back to the first plain code.
  return codes.find((cd) => !cd.aggravated && !cd.daOnly) ?? (codes[0] as OffenceCode);
}

function recordTime(rng: Rng, info: MonthInfo): number {
  const day = rng.int(info.days);
  const hour = RECORD_HOUR_TABLE.pickIndex(rng);
  return info.startSec + day * SECONDS_PER_DAY + hour * 3600 + rng.int(3600);
}

export interface MonthCrimesOptions {
  readonly scale: number;
  /** Numbering continues from here (the last id used). */
  readonly lastId: number;
}

/**
 * The crimes and crimed incidents recorded in a month, sorted by time, numbered, with
 * markers and codes; outcome, lags and linking flags are set by the caller (outcomes.ts).
 */
export function generateMonthCrimes(rng: Rng, m: number, opts: MonthCrimesOptions): CrimeRec[] {
  const info = month(m);
  const fm = new MonthFlagModel(m);
  const out: CrimeRec[] = [];
  const make = (
    sub: number,
    lpaIndex: number,
    flags: number,
    crimedIncident: boolean,
  ): CrimeRec => {
    const s = SUBGROUPS[sub]!;
    const code = pickCode(rng, sub, flags);
    return {
      id: 0,
      t: recordTime(rng, info),
      sub,
      group: s.group,
      code,
      lpa: lpaIndex,
      nbh: NEIGHBOURHOOD_TABLES[lpaIndex]!.pickIndex(rng),
      flags,
      crimedIncident,
      outcome: -1,
      outcomeT: Infinity,
      victimLinked: false,
      hasSuspect: false,
      childVictim: code.childVictim === true,
      highHarm: s.highHarm,
      victims: [],
      suspects: [],
    };
  };

  for (let g = 0; g < SCORECARD_CRIME_GROUPS.length; g++) {
    const n = rng.poisson(expectedGroupMonth(g, m) * opts.scale);
    for (let i = 0; i < n; i++) {
      const sub = SUBGROUP_TABLES[g]!.pick(rng);
      const lpaIndex = LPA_TABLES[g]!.pickIndex(rng);
      let flags = 0;
      const da = rng.chance(fm.pDa[sub] as number) ? 1 : 0;
      if (da) flags |= bit(FLAG.domestic_abuse);
      const p = fm.p[sub * 2 + da]!;
      for (let f = 1; f < 9; f++) if (rng.next() < (p[f] as number)) flags |= bit(f);
      out.push(make(sub, lpaIndex, flags, false));
    }
  }

  const nCi = rng.poisson(expectedCrimedIncidentsMonth(m) * opts.scale);
  const ciLpa = LPA_TABLES[1]!;
  for (let i = 0; i < nCi; i++) {
    let flags = 0;
    if (rng.chance(fm.ciP.domestic_abuse)) flags |= bit(FLAG.domestic_abuse);
    if (rng.chance(fm.ciP.child_at_risk)) flags |= bit(FLAG.child_at_risk);
    if (rng.chance(fm.ciP.vulnerable_adult)) flags |= bit(FLAG.vulnerable_adult);
    if (rng.chance(fm.ciP.hate)) flags |= bit(FLAG.hate);
    if (rng.chance(fm.ciP.cse)) flags |= bit(FLAG.cse);
    if ((flags & bit(FLAG.domestic_abuse)) !== 0 && rng.chance(0.3))
      flags |= bit(FLAG.course_of_conduct);
    const sub = CI_SUBGROUP_TABLE.pick(rng);
    out.push(make(sub, ciLpa.pickIndex(rng), flags, true));
  }

  out.sort((a, b) => a.t - b.t);
  let id = opts.lastId;
  for (const c of out) c.id = ++id;
  return out;
}

/**
 * Home Office outcomes for the demo. For each scorecard group × domestic abuse (yes/no) the
 * outcome-type mix is fitted (iterative proportional fitting) so that the outcomes assigned
 * in Q1 2021/22 reproduce calibration.md's per-type totals, the DA-only totals, and each
 * group's action-taken and outcome-16 rates; the Q1 2019/20 mix is fitted to its own
 * totals from there, and crimes in between mix the two. Each crime gets its eventual
 * outcome when recorded and a lag that depends on the outcome type and the group, so the
 * stock of open investigations at any date follows from the lags.
 */
import { SCORECARD_CRIME_GROUPS } from '../facts/reference/offence-subgroups.ts';
import { ACTION_TAKEN_TYPES, OUTCOME_TYPE_CODES } from '../facts/reference/outcome-groups.ts';
import {
  CRIME_GROUPS,
  DA_OUTCOMES_ASSIGNED,
  DA_OUTCOMES_ASSIGNED_TOTAL,
  OUTCOMES_ASSIGNED,
  OUTCOMES_ASSIGNED_TOTAL,
  VICTIM_LINKED,
} from './calibration.ts';
import { anchorWeight, daShareOfGroup, type CrimeRec } from './crimes.ts';
import { SECONDS_PER_DAY } from './calendar.ts';
import { GROUP_PROFILES } from './offences.ts';
import { WeightedTable, type Rng } from './random.ts';

/** The outcome types the demo assigns: every Home Office type but 19 (NFIB-only), in their order. */
export const OUTCOME_LIST = OUTCOME_TYPE_CODES.filter((t) => t !== '19');
const T = OUTCOME_LIST.length;
const IDX = Object.fromEntries(OUTCOME_LIST.map((t, i) => [t, i])) as Record<string, number>;
export const OUTCOME_14 = IDX['14']!;
export const OUTCOME_16 = IDX['16']!;
const AT = new Set<number>(ACTION_TAKEN_TYPES.map((t) => IDX[t]!));
/** Outcomes that mean no suspect was identified. */
const NO_SUSPECT = new Set<number>([IDX['14']!, IDX['18']!]);

const G = SCORECARD_CRIME_GROUPS.length;
type Matrix = Float64Array[]; // [g * 2 + da] → T weights

const ACQUISITIVE = new Set([
  'residential_burglary',
  'business_burglary',
  'vehicle_offences',
  'theft_from_person',
  'bicycle_theft',
  'shoplifting',
  'all_other_theft',
  'personal_robbery',
  'business_robbery',
]);
const NON_VICTIM = new Set([
  'drug_offences',
  'possession_of_weapons',
  'public_order',
  'misc_crimes_against_society',
]);

/** Plausibility weights: which outcomes a group can get at all, and roughly how often. */
function seedWeight(group: string, type: string, da: boolean): number {
  const acq = ACQUISITIVE.has(group);
  let w: number;
  switch (type) {
    case '1':
      w = 1;
      break;
    case '1A':
      w = 0.25;
      break;
    case '2':
      w = 0.03;
      break;
    case '2A':
      w = 0.006;
      break;
    case '3':
      w = group === 'drug_offences' ? 0.5 : 0.15;
      break;
    case '3A':
      w = 0.04;
      break;
    case '4':
      w = acq ? 0.08 : 0;
      break;
    case '6':
      w =
        group === 'shoplifting' || group === 'public_order' || group === 'criminal_damage_arson'
          ? 0.08
          : 0.005;
      break;
    case '7':
      w = group === 'drug_offences' ? 1.5 : 0;
      break;
    case '8':
      w =
        group === 'drug_offences'
          ? 0.3
          : group === 'criminal_damage_arson' || group === 'public_order'
            ? 0.25
            : 0.1;
      break;
    case '14':
      w = NON_VICTIM.has(group) ? (group === 'public_order' ? 0.5 : 0.1) : 1;
      break;
    case '15':
      w = group === 'drug_offences' ? 0.3 : 1;
      break;
    case '16':
      w = 1;
      break;
    case '18':
      w = acq ? 3 : group === 'criminal_damage_arson' ? 2 : group === 'drug_offences' ? 0.05 : 0.4;
      break;
    case '20':
      w = 0.05;
      break;
    case '21':
      w = 0.02;
      break;
    case '22':
      w = group === 'drug_offences' || group === 'public_order' ? 0.1 : 0.03;
      break;
    case '5':
      w = group === 'violence_with_injury' ? 0.003 : 0.0005;
      break;
    case '9':
      w = 0.02;
      break;
    case '10':
      w = 0.05;
      break;
    case '11':
      w = group === 'criminal_damage_arson' || group === 'other_sexual_offences' ? 0.03 : 0.005;
      break;
    case '12':
      w = 0.005;
      break;
    case '13':
      w = 0.01;
      break;
    case '17':
      w =
        group === 'public_order' ||
        group === 'vehicle_offences' ||
        group === 'misc_crimes_against_society'
          ? 0.1
          : 0.03;
      break;
    default:
      w = 0;
  }
  if (da) {
    const daMult: Record<string, number> = {
      '16': 1.5,
      '15': 1.3,
      '18': 0.05,
      '14': 0.2,
      '8': 0.05,
      '7': 0,
      '4': 0,
      '6': 0.1,
      '2': 0.3,
    };
    w *= daMult[type] ?? 1;
  }
  return w;
}

function colTargets(counts: Readonly<Record<string, number>>, total: number): Float64Array {
  const v = new Float64Array(T);
  let sum = 0;
  for (const [t, n] of Object.entries(counts)) {
    const i = IDX[t];
    if (i === undefined) throw new Error(`demo: unknown outcome type ${t} in calibration`);
    v[i] = n;
    sum += n;
  }
  // Published totals and their listed parts may differ by rounding: scale to the total.
  for (let i = 0; i < T; i++) v[i] = ((v[i] as number) * total) / sum;
  return v;
}

interface FitTargets {
  rows: Float64Array; // [g*2+da]
  cols: [Float64Array, Float64Array]; // nonDA, DA
  groupRates?: { at: Float64Array; o16: Float64Array; total: Float64Array };
}

function scaleSet(x: Matrix, cells: [number, number][], target: number): void {
  let s = 0;
  for (const [r, t] of cells) s += x[r]![t]!;
  if (s <= 0) return;
  const f = target / s;
  for (const [r, t] of cells) x[r]![t]! *= f;
}

function fit(seed: Matrix, targets: FitTargets, iterations: number): Matrix {
  const x = seed.map((r) => Float64Array.from(r));
  const rowCells = x.map((_, r) => Array.from({ length: T }, (_, t) => [r, t] as [number, number]));
  const colCells = [0, 1].map((da) =>
    Array.from({ length: T }, (_, t) =>
      Array.from({ length: G }, (_, g) => [g * 2 + da, t] as [number, number]),
    ),
  );
  const groupSets = Array.from({ length: G }, (_, g) => {
    const at: [number, number][] = [];
    const o16: [number, number][] = [];
    const rest: [number, number][] = [];
    for (let da = 0; da < 2; da++) {
      for (let t = 0; t < T; t++) {
        const cell: [number, number] = [g * 2 + da, t];
        if (AT.has(t)) at.push(cell);
        else if (t === OUTCOME_16) o16.push(cell);
        else rest.push(cell);
      }
    }
    return { at, o16, rest };
  });
  for (let it = 0; it < iterations; it++) {
    for (let da = 0; da < 2; da++) {
      for (let t = 0; t < T; t++) scaleSet(x, colCells[da]![t]!, targets.cols[da]![t]!);
    }
    if (targets.groupRates) {
      const gr = targets.groupRates;
      for (let g = 0; g < G; g++) {
        const tot = gr.total[g]!;
        const sets = groupSets[g]!;
        scaleSet(x, sets.at, tot * gr.at[g]!);
        scaleSet(x, sets.o16, tot * gr.o16[g]!);
        scaleSet(x, sets.rest, tot * (1 - gr.at[g]! - gr.o16[g]!));
      }
    }
    for (let r = 0; r < x.length; r++) scaleSet(x, rowCells[r]!, targets.rows[r]!);
  }
  return x;
}

function rowTargets(anchor: 'q1_2019' | 'q1_2021'): Float64Array {
  const rows = new Float64Array(G * 2);
  const total = OUTCOMES_ASSIGNED_TOTAL[anchor];
  const daTotal = DA_OUTCOMES_ASSIGNED_TOTAL[anchor];
  let daSum = 0;
  let nonSum = 0;
  SCORECARD_CRIME_GROUPS.forEach((g, gi) => {
    const cal = CRIME_GROUPS[g];
    const n = anchor === 'q1_2021' ? cal.outcomesQ1_2021 : cal.q1_2019;
    const share = daShareOfGroup(gi, anchor);
    rows[gi * 2] = n * (1 - share);
    rows[gi * 2 + 1] = n * share;
    nonSum += n * (1 - share);
    daSum += n * share;
  });
  for (let g = 0; g < G; g++) {
    rows[g * 2] = (rows[g * 2]! * (total - daTotal)) / nonSum;
    rows[g * 2 + 1] = (rows[g * 2 + 1]! * daTotal) / daSum;
  }
  return rows;
}

function columnTargets(anchor: 'q1_2019' | 'q1_2021'): [Float64Array, Float64Array] {
  const all = colTargets(OUTCOMES_ASSIGNED[anchor], OUTCOMES_ASSIGNED_TOTAL[anchor]);
  const da = colTargets(DA_OUTCOMES_ASSIGNED[anchor], DA_OUTCOMES_ASSIGNED_TOTAL[anchor]);
  const non = new Float64Array(T);
  for (let t = 0; t < T; t++) non[t] = Math.max(0, all[t]! - da[t]!);
  return [non, da];
}

function normaliseRows(x: Matrix): Matrix {
  return x.map((r) => {
    const s = r.reduce((a, b) => a + b, 0);
    return s > 0 ? r.map((v) => v / s) : r.map((_, t) => (t === IDX['18'] ? 1 : 0));
  });
}

function buildMixes(): { p2019: Matrix; p2021: Matrix } {
  const seed: Matrix = [];
  SCORECARD_CRIME_GROUPS.forEach((g) => {
    for (let da = 0; da < 2; da++)
      seed.push(Float64Array.from(OUTCOME_LIST, (t) => seedWeight(g, t, da === 1)));
  });
  const total = new Float64Array(G);
  const at = new Float64Array(G);
  const o16 = new Float64Array(G);
  SCORECARD_CRIME_GROUPS.forEach((g, gi) => {
    total[gi] = CRIME_GROUPS[g].outcomesQ1_2021;
    at[gi] = CRIME_GROUPS[g].actionTakenRate;
    o16[gi] = CRIME_GROUPS[g].oc16Rate;
  });
  const x21 = fit(
    seed,
    { rows: rowTargets('q1_2021'), cols: columnTargets('q1_2021'), groupRates: { at, o16, total } },
    400,
  );
  const x19 = fit(x21, { rows: rowTargets('q1_2019'), cols: columnTargets('q1_2019') }, 200);
  return { p2019: normaliseRows(x19), p2021: normaliseRows(x21) };
}

export const OUTCOME_MIX = buildMixes();

/** Median lag in days and log-scale sigma per outcome type, before the group's factor. */
const LAG: Readonly<Record<string, [number, number]>> = {
  '1': [48, 1.0],
  '1A': [48, 1.0],
  '2': [30, 0.8],
  '2A': [30, 0.8],
  '3': [28, 0.8],
  '3A': [28, 0.8],
  '4': [55, 0.6],
  '5': [60, 0.8],
  '6': [4, 0.6],
  '7': [2, 0.5],
  '8': [14, 0.8],
  '9': [70, 0.8],
  '10': [40, 0.9],
  '11': [30, 0.8],
  '12': [60, 0.8],
  '13': [60, 0.8],
  '14': [18, 0.9],
  '15': [60, 0.9],
  '16': [24, 0.9],
  '17': [150, 0.4],
  '18': [10, 0.9],
  '20': [25, 0.9],
  '21': [50, 0.9],
  '22': [30, 0.8],
};

/**
 * Investigations took longer as demand recovered in 2021 (the open stock grows from 8,875 at
 * the end of April 2021 to 10,096 at the end of June): a lag multiplier by recorded month.
 */
export function backlogFactor(m: number): number {
  const points: [number, number][] = [
    [35, 0.89],
    [36, 1.0],
    [37, 1.11],
    [38, 1.16],
    [41, 1.12],
    [47, 1.05],
  ];
  if (m <= points[0]![0]) return points[0]![1];
  for (let i = 1; i < points.length; i++) {
    const [m1, f1] = points[i]!;
    const [m0, f0] = points[i - 1]!;
    if (m <= m1) return f0 + ((f1 - f0) * (m - m0)) / (m1 - m0);
  }
  return points[points.length - 1]![1];
}

export class OutcomeModel {
  private readonly tables = new Map<number, WeightedTable<number>>();

  private table(group: number, da: number, m: number): WeightedTable<number> {
    const key = (m * G + group) * 2 + da;
    let tb = this.tables.get(key);
    if (!tb) {
      const w = anchorWeight(m);
      const a = OUTCOME_MIX.p2019[group * 2 + da]!;
      const b = OUTCOME_MIX.p2021[group * 2 + da]!;
      const weights = Array.from({ length: T }, (_, t) => (1 - w) * a[t]! + w * b[t]!);
      tb = new WeightedTable(
        OUTCOME_LIST.map((_, i) => i),
        weights,
      );
      this.tables.set(key, tb);
    }
    return tb;
  }

  /**
   * Decide a notifiable crime's eventual outcome, when it is assigned, whether a victim is
   * linked and whether a suspect is identified.
   */
  assign(rng: Rng, crime: CrimeRec, m: number): void {
    const groupName = SCORECARD_CRIME_GROUPS[crime.group]!;
    const prof = GROUP_PROFILES[groupName];
    const da = crime.flags & 1;
    const o = this.table(crime.group, da, m).pick(rng);
    crime.outcome = o;
    const [median, sigma] = LAG[OUTCOME_LIST[o]!]!;
    let days = rng.lognormal(median * prof.lagFactor * backlogFactor(m), sigma);
    // A long tail of complex investigations.
    if (rng.chance(0.03)) days += rng.exponential(150);
    days = Math.max(0.05, days);
    let t = crime.t + days * SECONDS_PER_DAY;
    // Outcomes are mostly assigned in office hours.
    const sod = ((t % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
    if (sod < 8 * 3600 || sod > 19 * 3600) {
      t = t - sod + 8 * 3600 + rng.int(10 * 3600) + (sod > 19 * 3600 ? SECONDS_PER_DAY : 0);
    }
    crime.outcomeT = Math.max(t, crime.t + 60);
    // Drug and weapons offences never have a victim; the few of them with outcome 14 or 16
    // are made up for by a slightly higher linking rate elsewhere, so the force rates hold.
    if (prof.victimLinked === 0) crime.victimLinked = false;
    else if (o === OUTCOME_14) crime.victimLinked = rng.chance(VICTIM_LINKED.oc14 / 0.985);
    else if (o === OUTCOME_16) crime.victimLinked = rng.chance(VICTIM_LINKED.oc16 / 0.989);
    else crime.victimLinked = rng.chance(prof.victimLinked);
    crime.hasSuspect = !NO_SUSPECT.has(o);
  }
}

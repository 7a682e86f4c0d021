/**
 * Road casualties (STATS19 severities). Killed or seriously injured (KSI) casualties are
 * exact in the calibration quarters (Q1 2021/22: 9 fatal + 108 serious; Q1 2019/20: 11 +
 * 113) and follow chosen quarterly levels elsewhere, with fewer in the 2020 lockdown;
 * slight casualties are about six per serious one.
 */
import { KSI } from './calibration.ts';
import { formatTs, month, MONTHS, SECONDS_PER_DAY } from './calendar.ts';
import { LPAS } from './force.ts';
import { WeightedTable, type Rng } from './random.ts';
import type { CsvTableWriter } from './write-csv.ts';

/** Chosen fatal and serious casualties per financial quarter, 2018/19 Q1 … 2021/22 Q4. */
const KSI_BY_QUARTER: readonly [number, number][] = [
  [10, 118],
  [12, 125],
  [11, 112],
  [9, 104],
  [KSI.q1_2019.fatal, KSI.q1_2019.serious],
  [12, 128],
  [10, 115],
  [9, 102],
  [7, 78],
  [12, 121],
  [9, 98],
  [7, 86],
  [KSI.q1_2021.fatal, KSI.q1_2021.serious],
  [11, 122],
  [10, 110],
  [8, 100],
];
const EXACT_QUARTERS = new Set([4, 12]);

const ROAD_USERS = [
  'pedestrian',
  'pedal cyclist',
  'motorcyclist',
  'car occupant',
  'goods vehicle occupant',
  'bus or coach occupant',
  'other',
];
const USERS_KSI = new WeightedTable(ROAD_USERS, [0.24, 0.13, 0.22, 0.36, 0.03, 0.01, 0.01]);
const USERS_SLIGHT = new WeightedTable(ROAD_USERS, [0.13, 0.12, 0.1, 0.58, 0.04, 0.02, 0.01]);
const COLLISION_HOURS = new WeightedTable(
  Array.from({ length: 24 }, (_, i) => i),
  [
    0.5, 0.4, 0.3, 0.3, 0.3, 0.5, 1.2, 2.6, 3.6, 2.8, 2.6, 2.9, 3.2, 3.3, 3.6, 4.4, 5.0, 5.3, 4.3,
    3.2, 2.4, 1.8, 1.3, 0.9,
  ],
);
const LPA_TABLE = new WeightedTable(
  LPAS.map((_, i) => i),
  LPAS.map((l) => l.population / Math.sqrt(l.urban)),
);

export interface CasualtyState {
  nextCollision: number;
}

function monthCounts(
  rng: Rng,
  quarterRng: Rng,
  q: number,
  m: number,
  scale: number,
): [number, number, number] {
  const [fatalQ, seriousQ] = KSI_BY_QUARTER[q]!;
  const info = month(m);
  const first = m - (info.fyMonth % 3);
  const days = [0, 1, 2].map((k) => (MONTHS[first + k] ?? month(first + k)).days);
  const share = info.days / days.reduce((a, b) => a + b, 0);
  let fatal: number;
  let serious: number;
  if (EXACT_QUARTERS.has(q)) {
    // Exact quarterly totals: split by a multinomial drawn from a stream fixed per quarter.
    const pos = info.fyMonth % 3;
    fatal = quarterRng.multinomial(Math.round(fatalQ * scale), days)[pos] as number;
    serious = quarterRng.multinomial(Math.round(seriousQ * scale), days)[pos] as number;
  } else {
    fatal = rng.poisson(fatalQ * share * scale);
    serious = rng.poisson(seriousQ * share * scale);
  }
  const lockdown =
    info.fyIndex === 2 && (info.fyMonth <= 1 || info.fyMonth === 7 || info.fyMonth >= 9) ? 0.8 : 1;
  const slight = rng.poisson(seriousQ * share * KSI.slightPerSerious * lockdown * scale);
  return [fatal, serious, slight];
}

/** Casualties in month m. `quarterRng` must be a generator dedicated to the month's quarter. */
export function writeMonthCasualties(
  rng: Rng,
  quarterRng: Rng,
  m: number,
  scale: number,
  state: CasualtyState,
  out: CsvTableWriter,
): void {
  const info = month(m);
  const [fatal, serious, slight] = monthCounts(rng, quarterRng, info.quarterIndex, m, scale);
  const severities: string[] = [];
  for (let i = 0; i < fatal; i++) severities.push('fatal');
  for (let i = 0; i < serious; i++) severities.push('serious');
  for (let i = 0; i < slight; i++) severities.push('slight');
  const rows: { t: number; lpa: number; severity: string; user: string }[] = severities.map(
    (severity) => ({
      t:
        info.startSec +
        rng.int(info.days) * SECONDS_PER_DAY +
        COLLISION_HOURS.pickIndex(rng) * 3600 +
        rng.int(3600),
      lpa: LPA_TABLE.pickIndex(rng),
      severity,
      user: (severity === 'slight' ? USERS_SLIGHT : USERS_KSI).pick(rng),
    }),
  );
  rows.sort((a, b) => a.t - b.t);
  let k = 0;
  let prev: { t: number; lpa: number } | undefined;
  for (const r of rows) {
    // About one slight casualty in six shares the previous collision.
    if (prev && r.severity === 'slight' && rng.chance(0.15)) {
      r.t = prev.t;
      r.lpa = prev.lpa;
      k++;
    } else {
      state.nextCollision++;
      k = 1;
    }
    prev = r;
    out.row([
      `RTC-${state.nextCollision}-${k}`,
      formatTs(r.t),
      LPAS[r.lpa]!.name,
      r.severity,
      r.user,
    ]);
  }
}

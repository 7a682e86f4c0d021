/**
 * Contact and demand: control-room incidents (with when a resource was assigned and when
 * the incident closed) and calls to 999 and 101 (with seconds to answer, empty when the
 * caller abandoned). Volumes per quarter are in calibration.ts; days and hours follow
 * weekly and daily rhythms. Incidents waiting for a resource at 06:00 come mostly from
 * scheduled (appointment) incidents opened the previous day.
 */
import { ASB_BY_QUARTER, CALLS, INCIDENTS_BY_QUARTER } from './calibration.ts';
import {
  formatTs,
  month,
  MONTHS,
  SECONDS_PER_DAY,
  weekday,
  formatDate,
  type MonthInfo,
} from './calendar.ts';
import { LPAS } from './force.ts';
import { WeightedTable, type Rng } from './random.ts';
import type { CsvTableWriter } from './write-csv.ts';
import { csvField } from './write-csv.ts';

const DAY = SECONDS_PER_DAY;

/** Share of a quarter falling in each of its months, with a mild seasonal tilt. */
function monthShareOfQuarter(m: number, season: readonly number[]): number {
  const info = month(m);
  const first = m - (info.fyMonth % 3);
  let total = 0;
  for (let k = first; k < first + 3; k++) {
    const mi = MONTHS[k] ?? month(k);
    total += mi.days * (season[mi.fyMonth] as number);
  }
  return (info.days * (season[info.fyMonth] as number)) / total;
}

const INCIDENT_SEASON = [1.0, 1.03, 1.04, 1.07, 1.05, 1.0, 0.99, 0.96, 0.98, 0.95, 0.93, 0.97];
const CALL_SEASON_999 = [0.98, 1.02, 1.04, 1.08, 1.05, 1.0, 0.98, 0.96, 1.0, 0.95, 0.93, 0.98];
const CALL_SEASON_101 = [1.0, 1.0, 1.02, 1.03, 1.0, 1.0, 1.0, 0.98, 0.95, 1.0, 0.98, 1.02];

const INCIDENT_HOURS = [
  2.6, 2.1, 1.6, 1.2, 0.9, 0.8, 1.0, 1.6, 2.6, 3.4, 3.8, 4.0, 4.1, 4.2, 4.4, 4.8, 5.2, 5.4, 5.5,
  5.4, 5.1, 4.6, 3.9, 3.2,
];
const CALL999_HOURS = [
  3.0, 2.5, 2.0, 1.5, 1.1, 1.0, 1.2, 1.8, 2.6, 3.2, 3.6, 3.9, 4.1, 4.2, 4.4, 4.8, 5.2, 5.5, 5.7,
  5.6, 5.3, 4.8, 4.2, 3.6,
];
const CALL101_HOURS = [
  0.8, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2.0, 4.5, 6.0, 6.4, 6.4, 6.2, 6.1, 6.0, 5.9, 5.7, 5.4, 5.0,
  4.5, 3.9, 3.1, 2.2, 1.4,
];
/** Monday … Sunday */
const INCIDENT_WEEKDAY = [0.98, 0.96, 0.96, 0.98, 1.06, 1.07, 0.99];
const CALL999_WEEKDAY = [0.95, 0.93, 0.94, 0.97, 1.07, 1.12, 1.02];
const CALL101_WEEKDAY = [1.15, 1.06, 1.03, 1.02, 1.0, 0.87, 0.87];

const hourTable = (w: readonly number[]) =>
  new WeightedTable(
    w.map((_, i) => i),
    w,
  );
const INCIDENT_HOUR_TABLE = hourTable(INCIDENT_HOURS);
const HOUR_TABLES = { '999': hourTable(CALL999_HOURS), '101': hourTable(CALL101_HOURS) };

function dayWeights(info: MonthInfo, weekdayFactor: readonly number[]): number[] {
  const w: number[] = [];
  for (let d = 0; d < info.days; d++) w.push(weekdayFactor[weekday(info.startDay + d)] as number);
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => (x * info.days) / s);
}

/** Sorted seconds-of-day for n events following an hourly profile. */
function timesOfDay(rng: Rng, n: number, hours: WeightedTable<number>): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = hours.pickIndex(rng) * 3600 + rng.int(3600);
  t.sort();
  return t;
}

// ---------------------------------------------------------------- incidents

type Grade = 'immediate' | 'priority' | 'scheduled' | 'no_deployment';
const GRADES: readonly Grade[] = ['immediate', 'priority', 'scheduled', 'no_deployment'];

interface Category {
  readonly name: string;
  readonly weight: number;
  /** Grade weights: immediate, priority, scheduled, no deployment. */
  readonly grades: readonly [number, number, number, number];
}
const URGENT: [number, number, number, number] = [0.3, 0.45, 0.15, 0.1];
const ROUTINE: [number, number, number, number] = [0.05, 0.25, 0.42, 0.28];
const ASB_GRADES: [number, number, number, number] = [0.03, 0.22, 0.4, 0.35];
const ADMIN: [number, number, number, number] = [0, 0.02, 0.18, 0.8];

const NON_ASB_CATEGORIES: readonly Category[] = [
  { name: 'Concern for safety', weight: 14, grades: URGENT },
  { name: 'Suspicious circumstances', weight: 9, grades: ROUTINE },
  { name: 'Domestic incident', weight: 9, grades: URGENT },
  { name: 'Road related incident', weight: 6, grades: ROUTINE },
  { name: 'Road traffic collision', weight: 4, grades: URGENT },
  { name: 'Crime report - violence', weight: 8, grades: URGENT },
  { name: 'Crime report - theft', weight: 8, grades: ROUTINE },
  { name: 'Crime report - other', weight: 6, grades: ROUTINE },
  { name: 'Missing person', weight: 3, grades: URGENT },
  { name: 'Alarm activation', weight: 4, grades: ROUTINE },
  { name: 'Abandoned or silent call', weight: 7, grades: ADMIN },
  { name: 'Highway disruption', weight: 4, grades: ROUTINE },
  { name: 'Civil dispute', weight: 3, grades: ADMIN },
  { name: 'Administration', weight: 5, grades: ADMIN },
  { name: 'Mental health', weight: 3, grades: URGENT },
  { name: 'Animals', weight: 2, grades: ROUTINE },
  { name: 'Sudden death', weight: 0.6, grades: URGENT },
  { name: 'Licensing', weight: 1, grades: ADMIN },
  { name: 'Transport incident', weight: 0.4, grades: ROUTINE },
];
const ASB_CATEGORIES: readonly Category[] = [
  { name: 'Anti-social behaviour', weight: 80, grades: ASB_GRADES },
  { name: 'Neighbour dispute', weight: 8, grades: ASB_GRADES },
  { name: 'Suspicious circumstances', weight: 5, grades: ROUTINE },
  { name: 'Concern for safety', weight: 3, grades: URGENT },
  { name: 'Nuisance vehicle', weight: 4, grades: ASB_GRADES },
];
const COVID_BREACH: Category = { name: 'COVID-19 breach', weight: 0, grades: ASB_GRADES };
/** Share of ASB incidents opened as COVID-19 breaches in 2020/21 (April 2020 … March 2021). */
const COVID_BREACH_SHARE = [0.5, 0.45, 0.3, 0.15, 0.1, 0.15, 0.25, 0.35, 0.3, 0.4, 0.35, 0.2];

const categoryTable = (cats: readonly Category[]) =>
  new WeightedTable(
    cats,
    cats.map((c) => c.weight),
  );
const NON_ASB_TABLE = categoryTable(NON_ASB_CATEGORIES);
const ASB_TABLE = categoryTable(ASB_CATEGORIES);
const GRADE_TABLES = new Map<Category, WeightedTable<number>>();
function gradeOf(rng: Rng, cat: Category): number {
  let tb = GRADE_TABLES.get(cat);
  if (!tb) {
    tb = new WeightedTable([0, 1, 2, 3], cat.grades);
    GRADE_TABLES.set(cat, tb);
  }
  return tb.pickIndex(rng);
}
const CAT_CSV = new Map<string, string>();
const catCsv = (name: string): string => {
  let s = CAT_CSV.get(name);
  if (s === undefined) {
    s = csvField(name);
    CAT_CSV.set(name, s);
  }
  return s;
};

const INCIDENT_LPA = new WeightedTable(
  LPAS.map((_, i) => i),
  LPAS.map((l) => l.population * Math.sqrt(l.urban)),
);
const LPA_CSV = LPAS.map((l) => csvField(l.name));

export interface IncidentTuning {
  /** Median hours a scheduled incident waits for its appointment. */
  scheduledWaitHours: number;
}
export const INCIDENT_TUNING: IncidentTuning = { scheduledWaitHours: 12.5 };

function compactDate(day: number): string {
  return formatDate(day).replace(/-/g, '');
}

/** Incidents opened in month m. */
export function writeMonthIncidents(
  rng: Rng,
  m: number,
  scale: number,
  dataEnd: number,
  out: CsvTableWriter,
): void {
  const info = month(m);
  const q = info.quarterIndex;
  const share = monthShareOfQuarter(m, INCIDENT_SEASON);
  const asbMonth = (ASB_BY_QUARTER[q] as number) * share * scale;
  const otherMonth =
    ((INCIDENTS_BY_QUARTER[q] as number) - (ASB_BY_QUARTER[q] as number)) * share * scale;
  const covidShare = info.fyIndex === 2 ? (COVID_BREACH_SHARE[info.fyMonth] as number) : 0;
  const days = dayWeights(info, INCIDENT_WEEKDAY);
  const waitMedian = INCIDENT_TUNING.scheduledWaitHours * 3600;
  for (let d = 0; d < info.days; d++) {
    const day = info.startDay + d;
    const nAsb = rng.poisson((asbMonth / info.days) * (days[d] as number));
    const nOther = rng.poisson((otherMonth / info.days) * (days[d] as number));
    const n = nAsb + nOther;
    const times = timesOfDay(rng, n, INCIDENT_HOUR_TABLE);
    // Which of the day's incidents are ASB: a random subset of size nAsb.
    const isAsb = new Uint8Array(n);
    for (let i = 0; i < nAsb; i++) isAsb[i] = 1;
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = isAsb[i] as number;
      isAsb[i] = isAsb[j] as number;
      isAsb[j] = t;
    }
    const prefix = `I-${compactDate(day)}-`;
    for (let i = 0; i < n; i++) {
      const opened = day * DAY + (times[i] as number);
      const asb = isAsb[i] === 1;
      const cat = asb
        ? covidShare > 0 && rng.chance(covidShare)
          ? COVID_BREACH
          : ASB_TABLE.pick(rng)
        : NON_ASB_TABLE.pick(rng);
      const g = gradeOf(rng, cat);
      let resourced = -1;
      let closed: number;
      switch (g) {
        case 0:
          resourced = opened + 60 + rng.lognormal(7 * 60, 0.6);
          closed = resourced + rng.lognormal(90 * 60, 0.7);
          break;
        case 1:
          resourced = opened + 120 + rng.lognormal(45 * 60, 0.9);
          closed = resourced + rng.lognormal(120 * 60, 0.7);
          break;
        case 2:
          if (rng.chance(0.75)) {
            resourced = opened + 600 + rng.lognormal(waitMedian, 0.75);
            // Appointments are kept in the day: move a small-hours appointment to the morning.
            const sod = resourced % DAY;
            if (sod < 7 * 3600) resourced += 7 * 3600 - sod + rng.int(3 * 3600);
            closed = resourced + rng.lognormal(100 * 60, 0.6);
          } else {
            closed = opened + rng.lognormal(5 * 3600, 0.8);
          }
          break;
        default:
          closed = opened + 60 + rng.lognormal(20 * 60, 0.8);
      }
      const id = prefix + String(i + 1).padStart(5, '0');
      const res = resourced >= 0 && resourced < dataEnd ? formatTs(resourced) : '';
      const clo = closed < dataEnd ? formatTs(closed) : '';
      out.line(
        id +
          ',' +
          formatTs(opened) +
          ',' +
          res +
          ',' +
          clo +
          ',' +
          LPA_CSV[INCIDENT_LPA.pickIndex(rng)] +
          ',' +
          catCsv(cat.name) +
          ',' +
          GRADES[g] +
          ',' +
          (asb ? 'true' : 'false'),
      );
    }
  }
}

// ---------------------------------------------------------------- calls

export type Line = '999' | '101';

/** Per financial-year month of 2021/22 (published for April–June, chosen after). */
const WITHIN_2021: Readonly<Record<Line, readonly number[]>> = {
  '999': [0.93, 0.94, 0.94, 0.9, 0.89, 0.91, 0.92, 0.92, 0.93, 0.93, 0.94, 0.93],
  '101': [0.57, 0.63, 0.63, 0.55, 0.52, 0.58, 0.6, 0.62, 0.64, 0.6, 0.62, 0.63],
};
const ABANDON_2021: Readonly<Record<Line, readonly number[]>> = {
  '999': [0.0135, 0.0122, 0.0126, 0.016, 0.017, 0.014, 0.013, 0.013, 0.012, 0.012, 0.011, 0.012],
  '101': [0.135, 0.118, 0.117, 0.15, 0.165, 0.13, 0.12, 0.115, 0.11, 0.125, 0.115, 0.11],
};
/** Levels in the earlier years (chosen): 999 within 10 s, 101 within 30 s, abandonment. */
const EARLIER: Readonly<Record<Line, { within: readonly number[]; abandon: readonly number[] }>> = {
  '999': { within: [0.92, 0.925, 0.91], abandon: [0.013, 0.012, 0.011] },
  '101': { within: [0.7, 0.67, 0.58], abandon: [0.09, 0.1, 0.13] },
};

export interface CallMonthParams {
  readonly within: number;
  readonly abandon: number;
}

/** The month's answering performance: published in Q1 2021/22, chosen elsewhere (seeded wobble). */
export function callParams(paramRng: Rng, line: Line, m: number): CallMonthParams {
  const info = month(m);
  if (info.fyIndex === 3) {
    return {
      within: WITHIN_2021[line][info.fyMonth] as number,
      abandon: ABANDON_2021[line][info.fyMonth] as number,
    };
  }
  const e = EARLIER[line];
  let within =
    (e.within[info.fyIndex] as number) + (paramRng.next() - 0.5) * (line === '999' ? 0.02 : 0.08);
  let abandon = (e.abandon[info.fyIndex] as number) * (0.85 + paramRng.next() * 0.3);
  // The first lockdown swamped 101 (COVID-19 questions and breach reports).
  if (info.fyIndex === 2 && info.fyMonth < 3 && line === '101') {
    within -= 0.12;
    abandon *= 1.4;
  }
  within = Math.min(0.98, Math.max(0.3, within));
  return { within, abandon };
}

const THRESHOLD: Readonly<Record<Line, number>> = {
  '999': CALLS['999'].answeredWithinSeconds,
  '101': CALLS['101'].answeredWithinSeconds,
};
const LATE_MEAN: Readonly<Record<Line, number>> = { '999': 12, '101': 260 };

export interface CallCounter {
  next: number;
}

/** Calls offered on one line in month m. */
export function writeMonthCalls(
  rng: Rng,
  line: Line,
  m: number,
  params: CallMonthParams,
  scale: number,
  counter: CallCounter,
  out: CsvTableWriter,
): void {
  const info = month(m);
  const byQuarter = CALLS[line].byQuarter;
  const monthly =
    (byQuarter[info.quarterIndex] as number) *
    monthShareOfQuarter(m, line === '999' ? CALL_SEASON_999 : CALL_SEASON_101) *
    scale;
  const days = dayWeights(info, line === '999' ? CALL999_WEEKDAY : CALL101_WEEKDAY);
  const threshold = THRESHOLD[line];
  const lateMean = LATE_MEAN[line];
  const hours = HOUR_TABLES[line];
  const head = ',' + line + ',';
  for (let d = 0; d < info.days; d++) {
    const day = info.startDay + d;
    const n = rng.poisson((monthly / info.days) * (days[d] as number));
    const times = timesOfDay(rng, n, hours);
    for (let i = 0; i < n; i++) {
      const offered = day * DAY + (times[i] as number);
      let answered: string;
      if (rng.chance(params.abandon)) answered = '';
      else if (rng.chance(params.within)) {
        // Most answered calls are picked up in the first few seconds.
        answered = String(Math.min(threshold, 1 + Math.floor(rng.exponential(threshold * 0.3))));
      } else {
        answered = String(threshold + 1 + Math.floor(rng.exponential(lateMean)));
      }
      counter.next++;
      out.line(
        'C-' + String(counter.next).padStart(8, '0') + head + formatTs(offered) + ',' + answered,
      );
    }
  }
}

import { badInput } from '../../lib/errors.ts';
import { MONTH_NAMES } from '../../lib/months.ts';
import { addDays, dayNumber } from './clock.ts';

/**
 * Financial-year quarters as the plan's delivery updates are labelled: "2024-25 Q2" (Q1 is
 * April to June, Q4 January to March of the second year). Pure calendar arithmetic on
 * "YYYY-MM-DD" dates, so no time zone can move a quarter. An update for a quarter is due
 * `DELIVERY_DUE_DAYS` after the quarter ends (the setting `deliveryUpdateDueDays` may change it).
 */
export const DELIVERY_DUE_DAYS = 21;

const LABEL = /^(\d{4})-(\d{2}) Q([1-4])$/;

export interface Quarter {
  /** "2024-25 Q2" */
  readonly label: string;
  /** The calendar year the financial year starts in (2024 for 2024-25). */
  readonly startYear: number;
  readonly q: 1 | 2 | 3 | 4;
  /** First and last day, e.g. 2024-07-01 and 2024-09-30. */
  readonly startsOn: string;
  readonly endsOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function make(startYear: number, q: 1 | 2 | 3 | 4): Quarter {
  const firstMonth = ((q - 1) * 3 + 3) % 12; // 0-based: 3 (April), 6, 9, 0 (January)
  const year = q === 4 ? startYear + 1 : startYear;
  const startsOn = `${year}-${pad(firstMonth + 1)}-01`;
  const next = firstMonth + 3 === 12 ? `${year + 1}-01-01` : `${year}-${pad(firstMonth + 4)}-01`;
  return {
    label: `${startYear}-${pad((startYear + 1) % 100)} Q${q}`,
    startYear,
    q,
    startsOn,
    endsOn: addDays(next, -1),
  };
}

/** Whether `s` is a quarter label like "2024-25 Q2" (the second year following the first). */
export function isQuarter(s: string): boolean {
  const m = LABEL.exec(s);
  return m !== null && Number(m[2]) === (Number(m[1]) + 1) % 100;
}

export function parseQuarter(label: string): Quarter {
  const m = LABEL.exec(label);
  if (!m || !isQuarter(label))
    throw badInput(`"${label}" is not a quarter: use the form 2024-25 Q2 (Q1 is April to June).`);
  return make(Number(m[1]), Number(m[3]) as 1 | 2 | 3 | 4);
}

/** The quarter a calendar date falls in. */
export function quarterOf(date: string): Quarter {
  dayNumber(date);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startYear = month >= 4 ? year : year - 1;
  const q = (Math.floor(((month - 4 + 12) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
  return make(startYear, q);
}

/** A number that orders quarters: consecutive quarters differ by 1. */
export const quarterIndex = (label: string): number => {
  const q = parseQuarter(label);
  return q.startYear * 4 + q.q - 1;
};

const ofIndex = (i: number): Quarter => make(Math.floor(i / 4), ((i % 4) + 1) as 1 | 2 | 3 | 4);

/** The quarter `n` quarters after `label` (before it when negative). */
export const shiftQuarter = (label: string, n: number): string =>
  ofIndex(quarterIndex(label) + n).label;

export const previousQuarter = (label: string): string => shiftQuarter(label, -1);

export const compareQuarters = (a: string, b: string): number => quarterIndex(a) - quarterIndex(b);

/** The quarters from `from` to `to`, both included, oldest first (none when `to` is earlier). */
export function quartersBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = quarterIndex(from); i <= quarterIndex(to); i++) out.push(ofIndex(i).label);
  return out;
}

/** The day a quarter's delivery update is due: `days` after its last day. */
export const updateDueOn = (label: string, days = DELIVERY_DUE_DAYS): string =>
  addDays(parseQuarter(label).endsOn, days);

/** The quarter's months in words, e.g. "July to September 2024". */
export function quarterMonths(label: string): string {
  const q = parseQuarter(label);
  const name = (d: string) => MONTH_NAMES[Number(d.slice(5, 7)) - 1] ?? d;
  return `${name(q.startsOn)} to ${name(q.endsOn)} ${q.endsOn.slice(0, 4)}`;
}

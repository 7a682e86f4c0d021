import { BluelampError } from '../lib/errors.ts';

/**
 * Reporting periods on the UK financial year (Q1 = April–June). Months are "YYYY-MM";
 * `start` is inclusive and `end` exclusive, both "YYYY-MM-DD" (London local dates).
 */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'rolling' | 'ytd';

export interface Period {
  readonly label: string;
  readonly kind: PeriodKind;
  readonly start: string;
  readonly end: string;
  /** The months the period covers, oldest first. */
  readonly months: readonly string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Month index (months since year 0) ↔ "YYYY-MM". */
export const monthIndex = (m: string): number =>
  Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
export const monthOf = (i: number): string => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
export const addMonths = (m: string, n: number): string => monthOf(monthIndex(m) + n);

/** The financial year ("2021/22") a month falls in. */
export function financialYearOf(month: string): string {
  const y = Number(month.slice(0, 4));
  const start = Number(month.slice(5, 7)) >= 4 ? y : y - 1;
  return `${start}/${pad((start + 1) % 100)}`;
}

export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(first); i <= monthIndex(last); i++) out.push(monthOf(i));
  return out;
}

function fromMonths(label: string, kind: PeriodKind, first: string, last: string): Period {
  return {
    label,
    kind,
    start: `${first}-01`,
    end: `${addMonths(last, 1)}-01`,
    months: monthsBetween(first, last),
  };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const FY = /^(\d{4})\/(\d{2})$/;
const QUARTER = /^(\d{4})\/(\d{2})-Q([1-4])$/;
const ROLLING = /^(\d{1,2})m-to-(\d{4}-\d{2})$/;
const YTD = /^ytd-to-(\d{4}-\d{2})$/;

function checkFy(startYear: number, short: string, text: string): void {
  if ((startYear + 1) % 100 !== Number(short)) {
    throw new BluelampError(
      'BAD_PERIOD',
      `"${text}" is not a financial year: ${startYear}/${pad((startYear + 1) % 100)} would be.`,
    );
  }
}

/** Parses `2021-06`, `2021/22-Q1`, `2021/22`, `12m-to-2021-06` or `ytd-to-2021-06`. */
export function parsePeriod(text: string): Period {
  const t = text.trim();
  if (MONTH.test(t)) return fromMonths(t, 'month', t, t);
  let m: RegExpMatchArray | null = t.match(QUARTER);
  if (m) {
    const y = Number(m[1]);
    checkFy(y, m[2] as string, t);
    const first = addMonths(`${y}-04`, (Number(m[3]) - 1) * 3);
    return fromMonths(t, 'quarter', first, addMonths(first, 2));
  }
  if ((m = t.match(FY))) {
    const y = Number(m[1]);
    checkFy(y, m[2] as string, t);
    return fromMonths(t, 'year', `${y}-04`, `${y + 1}-03`);
  }
  if ((m = t.match(ROLLING)) && MONTH.test(m[2] as string)) {
    const n = Number(m[1]);
    if (n < 1 || n > 36)
      throw new BluelampError('BAD_PERIOD', `A rolling window is 1 to 36 months, not ${n}.`);
    const last = m[2] as string;
    return fromMonths(t, 'rolling', addMonths(last, -(n - 1)), last);
  }
  if ((m = t.match(YTD)) && MONTH.test(m[1] as string)) {
    const last = m[1] as string;
    const fy = financialYearOf(last);
    return fromMonths(t, 'ytd', `${fy.slice(0, 4)}-04`, last);
  }
  throw new BluelampError('BAD_PERIOD', `"${text}" is not a period.`, {
    hint: 'Use a month (2021-06), a financial quarter (2021/22-Q1), a financial year (2021/22), a rolling window (12m-to-2021-06) or a year to date (ytd-to-2021-06).',
  });
}

/** A window of `n` months ending with the period's last month (e.g. a rolling 6 months to the quarter's end). */
export function rollingTo(lastMonth: string, n: number): Period {
  return parsePeriod(`${n}m-to-${lastMonth}`);
}

/** The same kind of period shifted by whole months (previous period, a year earlier, two years earlier). */
export function shiftPeriod(p: Period, months: number): Period {
  const first = addMonths(p.months[0] as string, months);
  const last = addMonths(p.months.at(-1) as string, months);
  let label: string;
  switch (p.kind) {
    case 'month':
      label = first;
      break;
    case 'quarter': {
      const fy = financialYearOf(first);
      const q = Math.floor((monthIndex(first) - monthIndex(`${fy.slice(0, 4)}-04`)) / 3) + 1;
      label = `${fy}-Q${q}`;
      break;
    }
    case 'year':
      label = financialYearOf(first);
      break;
    case 'rolling':
      label = `${p.months.length}m-to-${last}`;
      break;
    case 'ytd':
      label = `ytd-to-${last}`;
      break;
  }
  return fromMonths(label, p.kind, first, last);
}

export const lastMonthOf = (p: Period): string => p.months.at(-1) as string;

/**
 * Time for the demo: every instant is a count of seconds of Europe/London *wall time*
 * since 2018-01-01T00:00:00 (arithmetic as if UTC, so there is no offset to carry), and
 * is formatted as `YYYY-MM-DDTHH:MM:SS` with no offset, which is what the import format
 * means by local time. Wall times that do not exist (01:00–01:59 on the last Sunday of
 * March, when clocks go forward) are formatted as 02:00:00.
 *
 * Months are indexed from April 2018 (0) to March 2022 (47): the UK financial years
 * 2018/19 to 2021/22.
 */

export const FIRST_YEAR = 2018;
export const FIRST_MONTH = 4; // April
export const MONTH_COUNT = 48;

const DAY = 86_400;
const BASE_MS = Date.UTC(2018, 0, 1);
/** Days covered by the formatting cache: 1900-01-01 (dates of birth) to 2025-12-31. */
const CACHE_FROM = Math.round((Date.UTC(1900, 0, 1) - BASE_MS) / 86_400_000);
const CACHE_DAYS = Math.round((Date.UTC(2026, 0, 1) - BASE_MS) / 86_400_000) - CACHE_FROM;

export function dayOf(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - BASE_MS) / 86_400_000);
}

export function secOf(year: number, month: number, day: number, h = 0, m = 0, s = 0): number {
  return dayOf(year, month, day) * DAY + h * 3600 + m * 60 + s;
}

const P2: string[] = [];
for (let i = 0; i < 100; i++) P2.push(i < 10 ? `0${i}` : String(i));

const DATE_STR: string[] = new Array<string>(CACHE_DAYS);
const DATE_T: string[] = new Array<string>(CACHE_DAYS);
const SPRING_FORWARD = new Uint8Array(CACHE_DAYS);
const WEEKDAY = new Uint8Array(CACHE_DAYS); // 0 = Monday … 6 = Sunday
for (let d = 0; d < CACHE_DAYS; d++) {
  const dt = new Date(BASE_MS + (d + CACHE_FROM) * 86_400_000);
  const y = dt.getUTCFullYear();
  const mo = dt.getUTCMonth() + 1;
  const da = dt.getUTCDate();
  const s = `${y}-${P2[mo]}-${P2[da]}`;
  DATE_STR[d] = s;
  DATE_T[d] = `${s}T`;
  const wd = (dt.getUTCDay() + 6) % 7;
  WEEKDAY[d] = wd;
  // Last Sunday of March: a Sunday in March with no Sunday after it in March.
  if (mo === 3 && wd === 6 && da + 7 > 31) SPRING_FORWARD[d] = 1;
}

function cacheIndex(day: number): number {
  const i = day - CACHE_FROM;
  if (i < 0 || i >= CACHE_DAYS) {
    throw new RangeError(`demo calendar: day ${day} is outside 1900–2025`);
  }
  return i;
}

/** `YYYY-MM-DDTHH:MM:SS` for wall-clock seconds. */
export function formatTs(sec: number): string {
  const s = Math.floor(sec);
  const day = Math.floor(s / DAY);
  let r = s - day * DAY;
  const h = (r / 3600) | 0;
  r -= h * 3600;
  const mi = (r / 60) | 0;
  const se = r - mi * 60;
  const i = cacheIndex(day);
  // 01:00–01:59 does not exist when clocks go forward: clamp to 02:00:00, which keeps
  // order (a time never formats before an earlier one) so row rules such as
  // "resourced_at not before opened_at" still hold.
  if (h === 1 && SPRING_FORWARD[i] === 1) return (DATE_T[i] as string) + '02:00:00';
  return (DATE_T[i] as string) + P2[h] + ':' + P2[mi] + ':' + P2[se];
}

/** `YYYY-MM-DD` for a day index. */
export function formatDate(day: number): string {
  return DATE_STR[cacheIndex(day)] as string;
}

export function weekday(day: number): number {
  return WEEKDAY[cacheIndex(day)] as number;
}

export interface MonthInfo {
  readonly index: number;
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** `YYYY-MM` */
  readonly label: string;
  readonly startDay: number;
  readonly days: number;
  readonly startSec: number;
  /** First second of the next month. */
  readonly endSec: number;
  /** Financial year label, e.g. `2021/22`. */
  readonly fy: string;
  /** 0 for 2018/19 … 3 for 2021/22. */
  readonly fyIndex: number;
  /** Financial quarter 1–4. */
  readonly quarter: number;
  /** Position in the financial year: 0 = April … 11 = March. */
  readonly fyMonth: number;
  /** Quarter index from 2018/19 Q1 (0) to 2021/22 Q4 (15). */
  readonly quarterIndex: number;
}

function buildMonth(index: number): MonthInfo {
  const m0 = FIRST_MONTH - 1 + index;
  const year = FIRST_YEAR + Math.floor(m0 / 12);
  const month = (m0 % 12) + 1;
  const startDay = dayOf(year, month, 1);
  const nextDay = month === 12 ? dayOf(year + 1, 1, 1) : dayOf(year, month + 1, 1);
  const fyStart = month >= 4 ? year : year - 1;
  const fyMonth = (month + 8) % 12;
  const fyIndex = fyStart - FIRST_YEAR;
  const quarter = Math.floor(fyMonth / 3) + 1;
  return {
    index,
    year,
    month,
    label: `${year}-${P2[month]}`,
    startDay,
    days: nextDay - startDay,
    startSec: startDay * DAY,
    endSec: nextDay * DAY,
    fy: `${fyStart}/${P2[(fyStart + 1) % 100]}`,
    fyIndex,
    quarter,
    fyMonth,
    quarterIndex: fyIndex * 4 + quarter - 1,
  };
}

export const MONTHS: readonly MonthInfo[] = Array.from({ length: MONTH_COUNT }, (_, i) =>
  buildMonth(i),
);

/** Month by index; indexes outside the 48 demo months are computed on demand. */
export function month(index: number): MonthInfo {
  return MONTHS[index] ?? buildMonth(index);
}

/** Month index of a `YYYY-MM` label (may be outside 0–47). */
export function monthIndexOf(label: string): number {
  const [y, m] = label.split('-').map(Number) as [number, number];
  return (y - FIRST_YEAR) * 12 + (m - FIRST_MONTH);
}

/** Month index of a wall-clock instant (may be outside 0–47). */
export function monthIndexAt(sec: number): number {
  const d = new Date(BASE_MS + Math.floor(sec / DAY) * 86_400_000);
  return (d.getUTCFullYear() - FIRST_YEAR) * 12 + (d.getUTCMonth() + 1 - FIRST_MONTH);
}

/** Quarter label in the returns format, e.g. `2021/22-Q1`. */
export function quarterLabel(quarterIndex: number): string {
  const fyStart = FIRST_YEAR + Math.floor(quarterIndex / 4);
  return `${fyStart}/${P2[(fyStart + 1) % 100]}-Q${(quarterIndex % 4) + 1}`;
}

export const DATA_START_SEC = MONTHS[0]!.startSec;
export const DATA_END_SEC = MONTHS[MONTH_COUNT - 1]!.endSec;
export const SECONDS_PER_DAY = DAY;

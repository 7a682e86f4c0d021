import { dayNumber, DUE_SOON_DAYS, daysLeft } from './clock.ts';
import { OPEN_STATUSES, type FindingStatus } from './lifecycle.ts';

/**
 * How old the open findings are and which are late: the register's age profile counts open
 * findings by the months since their report was published (0–3, 3–6, 6–12, over 12), and a
 * finding's due flag says whether it is overdue, due "immediately" or due soon. Pure, over
 * calendar dates ("YYYY-MM-DD"), so the page, the export and the API say the same.
 */
export const AGE_BANDS = [
  { id: '0-3', label: '0 to 3 months', under: 3 },
  { id: '3-6', label: '3 to 6 months', under: 6 },
  { id: '6-12', label: '6 to 12 months', under: 12 },
  { id: 'over-12', label: 'Over 12 months', under: null },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['id'];

const parts = (date: string) => {
  dayNumber(date); // a date that exists
  return date.split('-').map(Number) as [number, number, number];
};

/** The same day `n` months later, or the month's last day when it has no such day (31 Jan + 1). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Whole calendar months from `from` to `today` (0 until the same day next month). */
export function monthsSince(from: string, today: string): number {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(today);
  let months = (ty - fy) * 12 + (tm - fm);
  if (months > 0 && addMonths(from, months) > today) months--;
  return Math.max(0, months);
}

export function ageBand(publishedOn: string, today: string): AgeBand {
  const months = monthsSince(publishedOn, today);
  return (AGE_BANDS.find((b) => b.under !== null && months < b.under) ?? AGE_BANDS[3]).id;
}

export type DueFlag = 'immediately' | 'overdue' | 'due_soon';

/**
 * An open finding's lateness: due "immediately" (HMICFRS's word: no date to wait for), overdue
 * (its due day has passed) or due soon (DUE_SOON_DAYS or fewer left); null otherwise, and always
 * null once it is closed or superseded.
 */
export function dueFlag(
  f: { readonly due: string | null; readonly status: FindingStatus },
  today: string,
): DueFlag | null {
  if (!OPEN_STATUSES.includes(f.status) || f.due === null) return null;
  if (f.due === 'immediately') return 'immediately';
  const left = daysLeft(f.due, today);
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_DAYS ? 'due_soon' : null;
}

export interface AgeProfileRow {
  readonly band: AgeBand;
  readonly label: string;
  readonly open: number;
  readonly overdue: number;
  readonly immediately: number;
}

/** Open findings by age band, with how many of each are overdue or due immediately. */
export function ageProfile(
  items: readonly {
    readonly publishedOn: string;
    readonly due: string | null;
    readonly status: FindingStatus;
  }[],
  today: string,
): { rows: AgeProfileRow[]; total: Omit<AgeProfileRow, 'band' | 'label'> } {
  const rows = AGE_BANDS.map((b) => ({
    band: b.id,
    label: b.label,
    open: 0,
    overdue: 0,
    immediately: 0,
  }));
  for (const i of items) {
    if (!OPEN_STATUSES.includes(i.status)) continue;
    const row = rows.find((r) => r.band === ageBand(i.publishedOn, today));
    if (!row) continue;
    row.open++;
    const flag = dueFlag(i, today);
    if (flag === 'overdue') row.overdue++;
    if (flag === 'immediately') row.immediately++;
  }
  const sum = (k: 'open' | 'overdue' | 'immediately') => rows.reduce((n, r) => n + r[k], 0);
  return {
    rows,
    total: { open: sum('open'), overdue: sum('overdue'), immediately: sum('immediately') },
  };
}

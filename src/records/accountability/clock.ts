import { badInput } from '../../lib/errors.ts';
import { londonParts } from '../../lib/london-time.ts';

/**
 * The statutory clock of a response to an HMICFRS report (Police Act 1996 s55(4)-(6), as
 * amended): within the 56 days beginning with the day of publication, so the publication day
 * is day 1 and the last day is publication + 55. Calendar dates only ("YYYY-MM-DD", worked in
 * UTC arithmetic), so BST never moves a deadline, and a deadline on a weekend stays there: the
 * statute does not extend it.
 */
export const S55_DAYS = 56;
/** A response due within this many days (and not yet published) is "due soon". */
export const DUE_SOON_DAYS = 14;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date; refuses a date that does not exist (2023-02-29). */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw badInput(`"${date}" is not a date: use the form 2024-02-29.`);
  return ms / DAY_MS;
}

export const dateOfDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => dateOfDay(dayNumber(date) + days);

/** The last day of the 56 beginning with the day of publication. */
export const s55DueOn = (publishedOn: string): string => addDays(publishedOn, S55_DAYS - 1);

/** Today's calendar date in London for a moment (23:30 UTC in summer is already tomorrow). */
export function londonDate(now: Date): string {
  const p = londonParts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Whole days from `today` to `dueOn`: 0 on the day itself, negative once it has passed. */
export const daysLeft = (dueOn: string, today: string): number =>
  dayNumber(dueOn) - dayNumber(today);

export type ClockState = 'published' | 'overdue' | 'due_soon' | 'on_time';

/**
 * Where a response stands on its clock: published (finished, whatever the date), overdue (the
 * last day has passed), due soon (DUE_SOON_DAYS or fewer left, the last day included), or on time.
 */
export function clockState(
  r: { dueOn: string; publishedOn: string | null },
  today: string,
): ClockState {
  if (r.publishedOn !== null) return 'published';
  const left = daysLeft(r.dueOn, today);
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_DAYS ? 'due_soon' : 'on_time';
}

/** Responses not yet published whose clock says due soon or overdue, most urgent first. */
export function responseAlerts<R extends { dueOn: string; publishedOn: string | null }>(
  responses: readonly R[],
  today: string,
): { response: R; state: 'overdue' | 'due_soon'; daysLeft: number }[] {
  return responses
    .map((response) => ({
      response,
      state: clockState(response, today),
      daysLeft: daysLeft(response.dueOn, today),
    }))
    .filter(
      (a): a is typeof a & { state: 'overdue' | 'due_soon' } =>
        a.state === 'overdue' || a.state === 'due_soon',
    )
    .sort((a, b) => a.daysLeft - b.daysLeft);
}

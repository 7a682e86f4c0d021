import { badInput } from '../../lib/errors.ts';
import { londonParts } from '../../lib/london-time.ts';

/**
 * The statutory clock of a response to an HMICFRS report (Police Act 1996 s55(4)-(6), as
 * amended): within the 56 days beginning with the day of publication, so the publication day
 * is day 1 and the last day is publication + 55. A Victims' Commissioner report has its own
 * duty (RESPONSE_DUTIES below); other sources have none. Calendar dates only ("YYYY-MM-DD", worked in
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

/** The last day of a period of `days` days beginning with the day of publication (day 1). */
export const dueOnAfter = (publishedOn: string, days: number): string =>
  addDays(publishedOn, days - 1);

// ---- The duty to respond, per kind of source ---------------------------------------------

/** The kinds of source whose reports the policing body must answer publicly, on a clock. */
export const DUTY_KINDS = ['hmicfrs', 'victims_commissioner'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

export interface ResponseDuty {
  readonly kind: DutyKind;
  /** The provision that sets the duty, as the letter and the pages cite it. */
  readonly statute: string;
  /** Length of the period, in days beginning with the day the report is published. */
  readonly days: number;
  /** Who the published response is copied to unless the office changes it. */
  readonly copiesTo: readonly string[];
  /** The settings key that changes `days`, when the number is the service's to set. */
  readonly daysSetting: string | null;
}

/** Settings key: how many days the Victims' Commissioner duty allows (default below). */
export const VC_DAYS_SETTING = 'victimsCommissionerResponseDays';

/**
 * The duties as data. HMICFRS: reference/police-reference.json `pccResponseDuty` (Police Act
 * 1996 s55(4)-(6) as amended by the Policing and Crime Act 2017 s37: 56 days beginning with
 * publication; copies to the inspectors of constabulary and the Secretary of State). Victims'
 * Commissioner: the Domestic Violence, Crime and Victims Act 2004 s49A, inserted by the Victims
 * and Prisoners Act 2024 s22 (commenced 29 January 2025), asks an authority within the
 * Commissioner's remit to publish its comments on each recommendation addressed to it within 56
 * days of the report. The seeds and the reference data say nothing of it, and whether the day
 * of publication counts as day 1 is not verified here: so the number of days is a setting
 * (`victimsCommissionerResponseDays`), 56 by default, counted as s55 counts, and the copies-to
 * default (the Commissioner) is only a default the office edits.
 */
export const RESPONSE_DUTIES: Readonly<Record<DutyKind, ResponseDuty>> = {
  hmicfrs: {
    kind: 'hmicfrs',
    statute: 'Police Act 1996, section 55 (as amended by the Policing and Crime Act 2017)',
    days: S55_DAYS,
    copiesTo: [
      'HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)',
      'The Secretary of State (the Home Secretary)',
    ],
    daysSetting: null,
  },
  victims_commissioner: {
    kind: 'victims_commissioner',
    statute:
      'Domestic Violence, Crime and Victims Act 2004, section 49A (inserted by the Victims and Prisoners Act 2024)',
    days: 56,
    copiesTo: ["The Victims' Commissioner for England and Wales"],
    daysSetting: VC_DAYS_SETTING,
  },
};

/** A settings value for a duty's days: a whole number from 1 to 366, else the default. */
export function dutyDays(duty: ResponseDuty, setting: unknown): number {
  if (duty.daysSetting === null) return duty.days;
  return typeof setting === 'number' && Number.isInteger(setting) && setting >= 1 && setting <= 366
    ? setting
    : duty.days;
}

/**
 * The duty that applies to a kind of source, with its days as the settings make them, or null:
 * IOPC learning, coroners' reports and internal audit have no statutory response clock.
 */
export function dutyFor(
  kind: string,
  settings: Readonly<Record<string, unknown>> = {},
): ResponseDuty | null {
  const duty = (RESPONSE_DUTIES as Record<string, ResponseDuty | undefined>)[kind];
  if (!duty) return null;
  const days = dutyDays(duty, duty.daysSetting === null ? undefined : settings[duty.daysSetting]);
  return days === duty.days ? duty : { ...duty, days };
}

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

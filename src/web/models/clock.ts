import { daysLeft, DUE_SOON_DAYS } from '../../records/accountability/clock.ts';
import { formatDate } from '../../present/format.ts';

/**
 * The clock of anything with a due date, as every page says it: "Due in 12 days", "Due today",
 * "Overdue by 3 days", or once done "Published" (with "3 days late" when it was). A pure
 * function of calendar dates ("YYYY-MM-DD", the London calendar), so a page, a digest and a
 * test agree. The words carry the meaning; the tone only repeats it (never colour alone).
 * Rendered by views/partials/clock.njk (`clockTag`, `clockAlerts`).
 */
export type ClockTone = 'red' | 'orange' | 'blue' | 'green' | 'grey';
export type ClockViewState =
  'overdue' | 'due_today' | 'due_soon' | 'on_time' | 'done' | 'done_late';

export interface ClockView {
  readonly label: string;
  readonly tone: ClockTone;
  /** GOV.UK tag classes for the tone (blue is the plain tag). */
  readonly classes: string;
  /** Days from today to the due date: 0 on the day, negative once past. */
  readonly days: number;
  readonly state: ClockViewState;
  readonly dueOn: string;
  /** e.g. "24 April 2024". */
  readonly dueOnText: string;
  /** Whether it belongs in an alert: overdue, or due within DUE_SOON_DAYS. */
  readonly alert: boolean;
}

const CLASSES: Record<ClockTone, string> = {
  red: 'govuk-tag--red',
  orange: 'govuk-tag--orange',
  blue: '',
  green: 'govuk-tag--green',
  grey: 'govuk-tag--grey',
};

const dayCount = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

function view(
  dueOn: string,
  days: number,
  state: ClockViewState,
  label: string,
  tone: ClockTone,
): ClockView {
  return {
    label,
    tone,
    classes: CLASSES[tone],
    days,
    state,
    dueOn,
    dueOnText: formatDate(dueOn),
    alert: state === 'overdue' || state === 'due_today' || state === 'due_soon',
  };
}

/**
 * Where an item stands on its clock today. `done` (the day it was done, and the word for it:
 * "Published", "Answered") stops the clock: it is then on time or late by the days past due.
 */
export function clockView(
  dueOn: string,
  today: string,
  done: { readonly on: string; readonly word: string } | null = null,
): ClockView {
  if (done) {
    const late = -daysLeft(dueOn, done.on);
    return late > 0
      ? view(dueOn, late, 'done_late', `${done.word} ${dayCount(late)} late`, 'grey')
      : view(dueOn, 0, 'done', done.word, 'green');
  }
  const left = daysLeft(dueOn, today);
  if (left < 0) return view(dueOn, left, 'overdue', `Overdue by ${dayCount(-left)}`, 'red');
  if (left === 0) return view(dueOn, 0, 'due_today', 'Due today', 'red');
  if (left <= DUE_SOON_DAYS)
    return view(dueOn, left, 'due_soon', `Due in ${dayCount(left)}`, 'orange');
  return view(dueOn, left, 'on_time', `Due in ${dayCount(left)}`, 'blue');
}

/** One line of an alert: what is due, where to go, and its clock. */
export interface ClockAlert {
  readonly title: string;
  readonly href: string;
  readonly clock: ClockView;
}

/** The items whose clock calls for attention, most urgent first (for `clockAlerts`). */
export function clockAlerts(items: readonly ClockAlert[]): ClockAlert[] {
  return items.filter((i) => i.clock.alert).sort((a, b) => a.clock.days - b.clock.days);
}

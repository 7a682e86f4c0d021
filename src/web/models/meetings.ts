/**
 * View models of holding to account: meetings, written challenges and actions, their due
 * clocks and timelines, and the "Raise a challenge" link the scorecard and measure pages show
 * for a measure whose result signals concern or misses its target. Everything a view prints is
 * text here already; views never read a status code or a label.
 */
import { measureFacts } from '../../measures/result.ts';
import { signalPhrase } from '../../present/exceptions.ts';
import { formatDate, formatDateTime, formatPeriodLabel, plural } from '../../present/format.ts';
import { daysLeft } from '../../records/accountability/clock.ts';
import type { HistoryEntry } from '../../records/accountability/history.ts';
import {
  dueState,
  type ActionStatus,
  type Challenge,
  type ChallengeStatus,
  type MeasureException,
  type Meeting,
  type MeetingAction,
  type MeetingType,
} from '../../records/accountability/meetings-types.ts';
import type { User } from '../../records/api.ts';
import { queryString } from './filters.ts';
import type { Tag } from './tags.ts';

export const MEETING_TYPE_NAMES: Record<MeetingType, string> = {
  assurance_accountability: 'Assurance and accountability',
  thematic: 'Thematic',
  public: 'Public',
  performance: 'Performance',
};

const tag = (text: string, colour: string, symbol = ''): Tag => ({
  text,
  symbol,
  classes: `govuk-tag--${colour}`,
});

const CHALLENGE_TAGS: Record<ChallengeStatus, Tag> = {
  open: tag('Open', 'blue'),
  answered: tag('Answered', 'turquoise'),
  closed: tag('Closed', 'grey'),
  withdrawn: tag('Withdrawn', 'grey'),
};
const ACTION_TAGS: Record<ActionStatus, Tag> = {
  open: tag('Open', 'blue'),
  done: tag('Done', 'green'),
  dropped: tag('Dropped', 'grey'),
};
export const challengeTag = (s: ChallengeStatus): Tag => CHALLENGE_TAGS[s];
export const actionTag = (s: ActionStatus): Tag => ACTION_TAGS[s];

/** Who people are on the pages: display names by user id. */
export type Names = ReadonlyMap<string, string>;
export const namesOf = (users: readonly User[]): Names =>
  new Map(users.map((u) => [u.id, u.displayName]));
const nameOf = (names: Names, id: string | null) =>
  id === null ? 'Nobody' : (names.get(id) ?? `User ${id}`);

// ---- The due clock ---------------------------------------------------------------------------

export interface DueView {
  /** "12 July 2021", or "No due date". */
  readonly date: string;
  /** "Overdue by 3 days", "Due today", "Due in 5 days", or null once finished. */
  readonly clock: string | null;
  readonly tag: Tag | null;
  readonly overdue: boolean;
}

export function dueView(
  item: { readonly status: ChallengeStatus | ActionStatus; readonly dueOn: string | null },
  today: string,
): DueView {
  const state = dueState(item, today);
  const date = item.dueOn ? formatDate(item.dueOn) : 'No due date';
  if (state === 'finished' || state === 'no_date' || item.dueOn === null)
    return { date, clock: null, tag: null, overdue: false };
  const left = daysLeft(item.dueOn, today);
  if (state === 'overdue') {
    const text = `Overdue by ${plural(-left, 'day')}`;
    return { date, clock: text, tag: tag('Overdue', 'red', '!'), overdue: true };
  }
  const clock = left === 0 ? 'Due today' : `Due in ${plural(left, 'day')}`;
  return {
    date,
    clock,
    tag: state === 'due_soon' ? tag('Due soon', 'yellow') : null,
    overdue: false,
  };
}

// ---- The measure exception behind a challenge --------------------------------------------------

/** The measure page for an exception's period and area (src/web/pages/measure.ts). */
export const measureHref = (e: { measureId: string; period: string; lpa: string }): string =>
  `/measures/${encodeURIComponent(e.measureId)}${queryString({ period: e.period, lpa: e.lpa || null })}`;

export interface ExceptionView {
  readonly measureTitle: string;
  readonly href: string;
  readonly period: string;
  readonly area: string;
  readonly signal: string;
  /** One line for a table: "Q4 2021/22, whole force: target missed". */
  readonly context: string;
}

export function exceptionView(e: MeasureException | null): ExceptionView | null {
  if (!e) return null;
  const period = formatPeriodLabel(e.period);
  return {
    measureTitle: measureFacts(e.measureId)?.title ?? e.measureId,
    href: measureHref(e),
    period,
    area: e.lpa || 'Whole force',
    signal: e.signal.replace(/^./, (c) => c.toUpperCase()),
    context: `${period}, ${e.lpa || 'whole force'}: ${e.signal}`,
  };
}

/** What a scorecard or measure result needs for the raise link: status and SPC, as typed data. */
export interface SignalledResult {
  readonly id: string;
  readonly status: string;
  readonly scope?: 'force' | 'lpa' | undefined;
  readonly spc: {
    readonly variationIcon: string;
    readonly points: readonly { readonly specialCauseType: string }[];
  } | null;
}

/**
 * The signal a result shows that a challenge may be raised about: a special cause of concern
 * (the variation icon of its latest point) and a missed target, in words; null when neither
 * (no signal, no target, no data).
 */
export function signalOf(r: SignalledResult): string | null {
  const parts: string[] = [];
  if (r.status === 'not_met') parts.push('target missed');
  const last = r.spc?.points.at(-1);
  if (r.spc?.variationIcon === 'special_cause_concern' && last)
    parts.push(`special cause of concern: ${signalPhrase(last.specialCauseType)}`);
  return parts.length ? parts.join('; ') : null;
}

/**
 * Where "Raise a challenge" goes for a result in a period and area: the new-challenge form
 * filled in from the exception, or null when the result shows nothing to challenge. A
 * force-wide figure in an area's view is the force's, so the exception is the force's.
 */
export function raiseChallengeHref(
  r: SignalledResult,
  period: string,
  lpa: string | null,
): string | null {
  const signal = signalOf(r);
  if (signal === null) return null;
  const area = r.scope === 'force' ? '' : (lpa ?? '');
  const q = new URLSearchParams({ measure: r.id, period, lpa: area, signal });
  return `/challenges/new?${q.toString()}`;
}

// ---- Timelines -------------------------------------------------------------------------------

const FIELD_NAMES: Record<string, string> = {
  status: 'Status',
  ownerUserId: 'Owner',
  dueOn: 'Due',
  doneOn: 'Done on',
  meetingId: 'Meeting',
  response: 'Response',
  respondedOn: 'Answered on',
  question: 'Question',
  raisedBy: 'Raised by',
  measureId: 'Measure',
  text: 'Action',
  type: 'Type',
  subject: 'Subject',
  heldOn: 'Date',
  location: 'Location',
  attendees: 'Attendees',
  agenda: 'Agenda',
  papers: 'Papers',
  notes: 'Notes',
  notesPublishedOn: 'Notes published',
};
const ACTION_WORDS: Record<string, string> = {
  added: 'Added',
  raised: 'Raised',
  answered: 'Answered',
  updated: 'Changed',
  published: 'Notes published',
  transition: 'Status changed',
};
/** Longer values are said to have changed, not printed whole, in a timeline row. */
const LONG = 120;

export interface TimelineItem {
  readonly title: string;
  readonly by: string;
  readonly at: string;
  readonly iso: string;
  readonly changes: readonly { field: string; before: string; after: string }[];
  readonly note: string | null;
}

function valueText(field: string, v: unknown, names: Names): string {
  if (v === null || v === undefined || v === '') return 'none';
  if (field === 'ownerUserId') return nameOf(names, String(v));
  if (field === 'type' && typeof v === 'string' && v in MEETING_TYPE_NAMES)
    return MEETING_TYPE_NAMES[v as MeetingType];
  if (/On$/.test(field) && typeof v === 'string') return formatDate(v);
  if (field === 'status' && typeof v === 'string') return v;
  if (field === 'meetingId') return `meeting ${String(v)}`;
  const s = String(v);
  return s.length > LONG ? `${s.slice(0, LONG).trimEnd()}…` : s;
}

/**
 * A timeline, newest first: who (display name, or the command line / system), when (London
 * time), what changed (before → after; on the first entry only the status), and the note.
 */
export function timelineView(entries: readonly HistoryEntry[], names: Names): TimelineItem[] {
  return [...entries].reverse().map((h) => {
    const first = Object.keys(h.before).length === 0;
    const fields = first
      ? Object.keys(h.after).filter((k) => k === 'status')
      : Object.keys(h.after).filter((k) => k in FIELD_NAMES);
    return {
      title: ACTION_WORDS[h.action] ?? h.action,
      by:
        h.actorUserId !== null
          ? nameOf(names, h.actorUserId)
          : h.via === 'cli'
            ? 'The command line'
            : 'The system',
      at: formatDateTime(h.at.toISOString()),
      iso: h.at.toISOString(),
      changes: fields.map((f) => ({
        field: FIELD_NAMES[f] ?? f,
        before: first ? '' : valueText(f, h.before[f], names),
        after: valueText(f, h.after[f], names),
      })),
      note: h.note,
    };
  });
}

// ---- Rows and pages ----------------------------------------------------------------------------

export const paragraphs = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

const shortText = (s: string, max = 140) =>
  s.length > max ? `${s.slice(0, max).replace(/\s+\S*$/, '')}…` : s;

export function notesState(m: Meeting): string {
  if (m.notesPublishedOn) return `Published ${formatDate(m.notesPublishedOn)}`;
  return m.notes.trim() ? 'Draft, not published' : 'Not written';
}

export function meetingRow(
  m: Meeting,
  counts: { challenges: number; openChallenges: number; openActions: number },
) {
  return {
    href: `/meetings/${m.id}`,
    date: formatDate(m.heldOn),
    subject: m.subject,
    type: MEETING_TYPE_NAMES[m.type],
    notes: notesState(m),
    challenges:
      counts.challenges === 0 ? 'None' : `${counts.challenges} (${counts.openChallenges} open)`,
    actions: counts.openActions === 0 ? 'None open' : `${counts.openActions} open`,
  };
}

export function challengeRow(c: Challenge, names: Names, today: string) {
  return {
    id: c.id,
    href: `/challenges/${c.id}`,
    question: shortText(c.question),
    owner: nameOf(names, c.ownerUserId),
    raised: formatDate(c.raisedOn),
    raisedBy: c.raisedBy,
    due: dueView(c, today),
    status: challengeTag(c.status),
    exception: exceptionView(c.exception),
    meetingHref: c.meetingId ? `/meetings/${c.meetingId}` : null,
  };
}

/** "12 July 2021 (overdue by 3 days)", or the date alone once finished. */
export const dueText = (d: DueView): string =>
  d.clock ? `${d.date} (${d.clock.replace(/^./, (c) => c.toLowerCase())})` : d.date;

export function actionRow(a: MeetingAction, names: Names, today: string) {
  const due = dueView(a, today);
  const owner = nameOf(names, a.ownerUserId);
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return {
    id: a.id,
    text: a.text,
    owner,
    due,
    status: actionTag(a.status),
    summary: [
      row('Owner', owner),
      row('Due', dueText(due)),
      ...(a.doneOn ? [row('Done on', formatDate(a.doneOn))] : []),
    ],
  };
}

export function meetingSummary(m: Meeting) {
  return [
    { key: 'Date', value: formatDate(m.heldOn) },
    { key: 'Type', value: `${MEETING_TYPE_NAMES[m.type]} meeting` },
    { key: 'Location', value: m.location || 'Not recorded' },
    { key: 'Notes', value: notesState(m) },
  ];
}

/** A meeting's parts that the public site shows: office titles, never people's names. */
export function publicMeeting(m: Meeting) {
  return {
    href: `/public/meetings/${m.id}`,
    subject: m.subject,
    date: formatDate(m.heldOn),
    type: `${MEETING_TYPE_NAMES[m.type]} meeting`,
    location: m.location,
    attendees: m.attendees,
    agenda: m.agenda,
    papers: m.papers,
    notes: paragraphs(m.notes),
    published: m.notesPublishedOn ? formatDate(m.notesPublishedOn) : null,
  };
}

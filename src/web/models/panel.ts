import { formatCount, formatDate, formatDateTime, formatNumber } from '../../present/format.ts';
import { SUPPRESSION_NOTE, suppressedText } from '../../present/disclosure.ts';
import {
  pinnedCells,
  protect,
  type Ledger,
  type SuppressionReason,
} from '../../present/disclosure/protect.ts';
import {
  complaintStepsFrom,
  financialYearOf,
  outcomeName,
} from '../../records/accountability/complaints.ts';
import type { HistoryEntry } from '../../records/accountability/history.ts';
import {
  COMPLAINT_CATEGORY_NAMES,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATUS_NAMES,
  WORK_ITEM_STATUS_NAMES,
  outcomesFor,
  type Complaint,
  type ComplaintCategory,
  type ComplaintOutcome,
  type ComplaintsAnnualFigures,
  type ComplaintStatus,
  type WorkItem,
  type WorkItemStatus,
} from '../../records/accountability/panel-types.ts';
import type { User } from '../../records/api.ts';
import type { Organisation } from '../layout-model.ts';

/**
 * The panel's pages as plain data: complaint rows and details (with the steps a panel member
 * may take next and the outcomes each needs), timelines, the work programme, and the annual
 * complaints report with its public copy put through disclosure control. Every label comes from
 * the records' own tables (panel-types.ts); no view spells a status or category.
 */

export type Names = ReadonlyMap<string, string>;
export const namesOf = (users: readonly User[]): Names =>
  new Map(users.map((u) => [u.id, u.displayName]));

const TAG_CLASSES: Record<ComplaintStatus, string> = {
  received: 'govuk-tag--blue',
  recorded: 'govuk-tag--light-blue',
  not_recorded: 'govuk-tag--grey',
  informal_resolution: 'govuk-tag--yellow',
  resolved: 'govuk-tag--green',
  withdrawn: 'govuk-tag--grey',
  referred_iopc: 'govuk-tag--purple',
};
const WORK_TAG_CLASSES: Record<WorkItemStatus, string> = {
  planned: 'govuk-tag--blue',
  done: 'govuk-tag--green',
  deferred: 'govuk-tag--orange',
};

export const statusTag = (s: ComplaintStatus) => ({
  text: COMPLAINT_STATUS_NAMES[s],
  classes: TAG_CLASSES[s],
});
export const workTag = (s: WorkItemStatus) => ({
  text: WORK_ITEM_STATUS_NAMES[s],
  classes: WORK_TAG_CLASSES[s],
});

const shortText = (s: string, max = 110) =>
  s.length > max ? `${s.slice(0, max).replace(/\s+\S*$/, '')}…` : s;

export function complaintRow(c: Complaint) {
  return {
    id: c.id,
    href: `/panel/complaints/${c.id}`,
    reference: `Complaint ${c.id}`,
    receivedOn: formatDate(c.receivedOn),
    receivedIso: c.receivedOn,
    category: COMPLAINT_CATEGORY_NAMES[c.category],
    summary: shortText(c.summary),
    tag: statusTag(c.status),
    // Said only where it adds to the status ("Referred to the IOPC" says it once).
    outcome:
      c.outcome && outcomeName(c.outcome) !== COMPLAINT_STATUS_NAMES[c.status]
        ? outcomeName(c.outcome)
        : null,
  };
}

/** The steps a handler may take from here, each with the outcomes it asks for. */
export function stepChoices(c: Complaint) {
  return complaintStepsFrom(c.status).map((t) => ({
    to: t.to,
    label: t.label,
    outcomes:
      outcomesFor(t.to).length > 1
        ? outcomesFor(t.to).map((o) => ({ value: o, text: COMPLAINT_OUTCOMES[o].name }))
        : [],
  }));
}

export function complaintSummary(c: Complaint) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    row('Received', formatDate(c.receivedOn)),
    row('Category', COMPLAINT_CATEGORY_NAMES[c.category]),
    row('Recorded', c.recordedOn ? formatDate(c.recordedOn) : 'Not recorded'),
    row('Outcome', c.outcome ? outcomeName(c.outcome) : 'Not yet concluded'),
    ...(c.outcomeOn ? [row('Concluded', formatDate(c.outcomeOn))] : []),
    row('Financial year', financialYearOf(c.receivedOn)),
  ];
}

// ---- Timelines --------------------------------------------------------------------------------

const FIELD_NAMES: Record<string, string> = {
  status: 'Status',
  receivedOn: 'Received',
  recordedOn: 'Recorded',
  category: 'Category',
  summary: 'Summary',
  outcome: 'Outcome',
  outcomeOn: 'Concluded',
  title: 'Title',
  description: 'Description',
  meetingOn: 'Meeting',
  papersRequested: 'Papers requested',
};
const ACTION_WORDS: Record<string, string> = {
  added: 'Added',
  updated: 'Changed',
  transition: 'Status changed',
};

function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return 'none';
  const s = String(v);
  if (field === 'status')
    return (
      COMPLAINT_STATUS_NAMES[s as ComplaintStatus] ??
      WORK_ITEM_STATUS_NAMES[s as WorkItemStatus] ??
      s
    );
  if (field === 'category') return COMPLAINT_CATEGORY_NAMES[s as ComplaintCategory] ?? s;
  if (field === 'outcome') return COMPLAINT_OUTCOMES[s as ComplaintOutcome]?.name ?? s;
  if (/On$/.test(field)) return formatDate(s);
  return s.length > 120 ? `${s.slice(0, 120).trimEnd()}…` : s;
}

export interface TimelineItem {
  readonly title: string;
  readonly by: string;
  readonly at: string;
  readonly iso: string;
  readonly changes: readonly { field: string; before: string; after: string }[];
  readonly note: string | null;
}

/** Newest first: who, when (London), what changed (before → after), the note. */
export function timelineView(entries: readonly HistoryEntry[], names: Names): TimelineItem[] {
  return [...entries].reverse().map((h) => {
    const first = Object.keys(h.before).length === 0;
    const fields = Object.keys(h.after).filter(
      (k) => k in FIELD_NAMES && (first ? k === 'status' : h.before[k] !== h.after[k]),
    );
    const by =
      h.actorUserId !== null
        ? (names.get(h.actorUserId) ?? 'A former user')
        : h.via === 'cli'
          ? 'The command line'
          : 'The system';
    return {
      title: ACTION_WORDS[h.action] ?? h.action,
      by,
      at: formatDateTime(h.at.toISOString()),
      iso: h.at.toISOString(),
      changes: fields.map((f) => ({
        field: FIELD_NAMES[f] ?? f,
        before: first ? '' : valueText(f, h.before[f]),
        after: valueText(f, h.after[f]),
      })),
      note: h.note,
    };
  });
}

// ---- The work programme -----------------------------------------------------------------------

export function workRow(w: WorkItem) {
  return {
    id: w.id,
    href: `/panel/work-programme/${w.id}`,
    title: w.title,
    description: w.description,
    meeting: w.meetingOn ? formatDate(w.meetingOn) : 'No meeting set',
    meetingIso: w.meetingOn,
    papers: w.papersRequested,
    tag: workTag(w.status),
  };
}

/** The planned items from today on, soonest first (undated ones after). */
export function nextItems(items: readonly WorkItem[], today: string, max = 5) {
  return items
    .filter((w) => w.status === 'planned' && (w.meetingOn === null || w.meetingOn >= today))
    .slice(0, max)
    .map(workRow);
}

// ---- The annual complaints report ---------------------------------------------------------------

export type Edition = 'full' | 'public';

interface Figure {
  readonly text: string;
  readonly withheld: boolean;
}

/** Each count's cell for disclosure control, with the sums a reader could use to work one out. */
function ledgerOf(f: ComplaintsAnnualFigures): Ledger {
  const resolutions = outcomesFor('resolved').map((o) => `out:${o}`);
  const refusals = outcomesFor('not_recorded').map((o) => `out:${o}`);
  const outcomes = f.byOutcome.map((o) => `out:${o.outcome}`);
  const others = outcomes.filter((o) => !resolutions.includes(o) && !refusals.includes(o));
  return {
    cells: [
      { id: 'received', value: f.received },
      { id: 'recorded', value: f.recorded },
      { id: 'notRecorded', value: f.notRecorded },
      { id: 'noDecision', value: f.noRecordingDecision },
      { id: 'resolvedInformally', value: f.resolvedInformally },
      { id: 'inInformal', value: f.inInformalResolution },
      ...f.byCategory.map((c) => ({ id: `cat:${c.category}`, value: c.count })),
      ...f.byOutcome.map((o) => ({ id: `out:${o.outcome}`, value: o.count })),
    ],
    constraints: [
      { total: 'received', parts: ['recorded', 'notRecorded', 'noDecision'] },
      { total: 'received', parts: f.byCategory.map((c) => `cat:${c.category}`) },
      { total: 'received', parts: outcomes },
      { total: 'resolvedInformally', parts: resolutions },
      { total: 'notRecorded', parts: refusals },
      // The same sums with a subtotal put in for its parts, for the bounds a reader can work out.
      { total: 'received', parts: ['resolvedInformally', ...refusals, ...others] },
      { total: 'received', parts: [...resolutions, 'notRecorded', ...others] },
      { total: 'received', parts: ['resolvedInformally', 'notRecorded', ...others] },
      { total: 'received', parts: ['recorded', ...refusals, 'noDecision'] },
    ],
    derived: [{ id: 'median', deps: ['resolvedInformally'], bases: ['resolvedInformally'] }],
    ratios: [],
  };
}

/**
 * The withheld cells a reader can work out exactly by combining the sums (the engine's own
 * check takes one sum at a time): Gauss-Jordan elimination over the withheld cells, where a
 * cell is determined when its reduced row has no other unknown.
 */
function exactlyDetermined(ledger: Ledger, withheld: ReadonlySet<string>): string[] {
  const ids = [...withheld];
  const rows = ledger.constraints.map((k) =>
    ids.map((id) => (k.total === id ? 1 : 0) - k.parts.filter((p) => p === id).length),
  );
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < ids.length && r < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= r && Math.abs(row[c] as number) > 1e-9);
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p] as number[], rows[r] as number[]];
    const pivot = rows[r] as number[];
    const scale = pivot[c] as number;
    for (let j = 0; j < ids.length; j++) pivot[j] = (pivot[j] as number) / scale;
    for (const [i, row] of rows.entries()) {
      if (i === r || Math.abs(row[c] as number) < 1e-9) continue;
      const k = row[c] as number;
      for (let j = 0; j < ids.length; j++) row[j] = (row[j] as number) - k * (pivot[j] as number);
    }
    pivots.push(c);
    r++;
  }
  return pivots
    .filter((c, i) => (rows[i] as number[]).every((v, j) => j === c || Math.abs(v) < 1e-9))
    .map((c) => ids[c] as string);
}

/**
 * Disclosure control of the report's public copy: the engine's cell suppression
 * (src/present/disclosure/protect.ts: counts of 1 to 4, and what would give them away one sum
 * or one bound at a time), then, while a withheld cell can still be worked out by combining
 * the overlapping tables, one more cell withheld (the smallest published count that helps,
 * the number received last), to a fixed point. The median goes with the count it is of.
 */
export function protectReport(ledger: Ledger): Map<string, SuppressionReason> {
  const out = new Map(protect(ledger));
  const value = new Map(ledger.cells.map((c) => [c.id, c.value]));
  const unsafe = (w: ReadonlyMap<string, SuppressionReason>) =>
    new Set([
      ...exactlyDetermined(ledger, new Set(w.keys())),
      ...pinnedCells(ledger.constraints, value, w),
    ]).size;
  // Each round withholds one more cell, so this ends (at worst with every count withheld).
  for (let left = unsafe(out); left > 0; left = unsafe(out)) {
    const candidates = ledger.cells
      .filter((c) => !out.has(c.id) && c.value > 0)
      .sort(
        (a, b) => Number(a.id === 'received') - Number(b.id === 'received') || a.value - b.value,
      );
    const helps = candidates.find(
      (c) => unsafe(new Map([...out, [c.id, 'complementary' as const]])) < left,
    );
    const chosen = helps ?? candidates[0];
    if (!chosen) break;
    out.set(chosen.id, 'complementary');
  }
  for (const d of ledger.derived) {
    if (out.has(d.id) || !d.deps.some((x) => out.has(x))) continue;
    const small = (d.bases ?? []).some((b) => out.get(b) === 'fewer_than_5');
    out.set(d.id, small ? 'small_base' : 'derived');
  }
  return out;
}

const dayWord = (n: number) =>
  `${formatNumber(n, Number.isInteger(n) ? 0 : 1)} ${n === 1 ? 'day' : 'days'}`;

export interface ComplaintsReport {
  readonly edition: Edition;
  readonly title: string;
  readonly year: string;
  readonly period: string;
  readonly asAt: string;
  readonly forceName: string;
  readonly bodyName: string;
  readonly holder: string;
  readonly intro: string;
  readonly note: string | null;
  readonly withheldAny: boolean;
  readonly summary: readonly { label: string; figure: Figure }[];
  readonly byCategory: readonly { label: string; figure: Figure }[];
  readonly byOutcome: readonly { label: string; figure: Figure }[];
}

/**
 * The report of one year as the panel reads it (`full`) or as it may be published (`public`):
 * in the public copy every count of 1 to 4 is withheld, and any other figure from which one
 * could be worked out (the cell suppression of src/present/disclosure.ts), with the note saying so.
 */
export function complaintsReport(
  f: ComplaintsAnnualFigures,
  edition: Edition,
  org: Organisation,
): ComplaintsReport {
  const withheld: ReadonlyMap<string, SuppressionReason> =
    edition === 'public' ? protectReport(ledgerOf(f)) : new Map();
  const count = (id: string, n: number): Figure => {
    const r = withheld.get(id);
    return r
      ? { text: suppressedText(r), withheld: true }
      : { text: formatCount(n), withheld: false };
  };
  const median = f.daysToResolution.median;
  const medianFigure: Figure = withheld.has('median')
    ? { text: suppressedText(withheld.get('median') as SuppressionReason), withheld: true }
    : { text: median === null ? 'None resolved' : dayWord(median), withheld: false };
  const holder = org.policingBody.holder;
  return {
    edition,
    title: 'Annual report on complaints',
    year: f.year,
    period: `${formatDate(f.from)} to ${formatDate(f.to)}`,
    asAt: formatDate(f.asAt),
    forceName: org.forceName,
    bodyName: org.policingBodyName,
    holder,
    intro: `Complaints about the conduct of the ${holder} received from ${formatDate(f.from)} to ${formatDate(f.to)}, and where each stood on ${formatDate(f.asAt)}. Complaints about policies, or about the police themselves, are dealt with elsewhere and are not counted here.`,
    note: edition === 'public' ? SUPPRESSION_NOTE : null,
    withheldAny: withheld.size > 0,
    summary: [
      { label: 'Complaints received', figure: count('received', f.received) },
      { label: 'Recorded', figure: count('recorded', f.recorded) },
      { label: 'Not recorded', figure: count('notRecorded', f.notRecorded) },
      {
        label: 'No recording decision (withdrawn or referred first, or awaiting one)',
        figure: count('noDecision', f.noRecordingDecision),
      },
      {
        label: 'Resolved by informal resolution',
        figure: count('resolvedInformally', f.resolvedInformally),
      },
      { label: 'In informal resolution now', figure: count('inInformal', f.inInformalResolution) },
      { label: 'Median time from receipt to resolution', figure: medianFigure },
    ],
    byCategory: f.byCategory.map((c) => ({
      label: COMPLAINT_CATEGORY_NAMES[c.category],
      figure: count(`cat:${c.category}`, c.count),
    })),
    byOutcome: f.byOutcome.map((o) => ({
      label: outcomeName(o.outcome),
      figure: count(`out:${o.outcome}`, o.count),
    })),
  };
}

/** The financial years a report can be asked for: the first complaint's year to this year's. */
export function reportYears(complaints: readonly Complaint[], today: string): string[] {
  const last = financialYearOf(today);
  const first = complaints.reduce(
    (y, c) => (financialYearOf(c.receivedOn) < y ? financialYearOf(c.receivedOn) : y),
    last,
  );
  const years: string[] = [];
  for (let y = Number(last.slice(0, 4)); y >= Number(first.slice(0, 4)); y--)
    years.push(`${y}-${String((y + 1) % 100).padStart(2, '0')}`);
  return years;
}

import type {
  FindingKind,
  Position,
  ResponseDutyEntry,
  ResponseSource,
  ResponseStatus,
  StatutoryResponse,
} from '../../records/api.ts';
import { POSITIONS } from '../../records/accountability/types.ts';
import { RESPONSE_DUTIES } from '../../records/accountability/clock.ts';
import type { HistoryEntry } from '../../records/accountability/history.ts';
import { londonIso } from '../../lib/london-time.ts';
import { formatDate, formatDateTime } from '../../present/format.ts';
import type { Organisation } from '../layout-model.ts';
import { clockAlerts, clockView, type ClockAlert, type ClockView } from './clock.ts';

/**
 * View models of the statutory responses: the list of reports with a duty (clock, status,
 * alerts), one response (its items, the chief officer's comments, its timeline and what the
 * viewer may do next), the edit form, and the letter as published. Labels are decided here,
 * never in a view; the policing body's names come from `organisation(deps)`.
 */
export const SOURCE_KIND_LABELS: Record<ResponseSource['kind'], string> = {
  hmicfrs: 'HMICFRS',
  victims_commissioner: "Victims' Commissioner",
};

export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  recommendation: 'Recommendation',
  area_for_improvement: 'Area for improvement',
  cause_of_concern: 'Cause of concern',
};

export const POSITION_LABELS: Record<Position, string> = {
  accepted: 'Accepted',
  partly_accepted: 'Partly accepted',
  not_accepted: 'Not accepted',
  for_others: 'For others to act on',
};

const POSITION_HINTS: Record<Position, string> = {
  accepted: 'The force will act on it in full.',
  partly_accepted: 'The force will act on part of it; say which part and why.',
  not_accepted: 'The force will not act on it; the duty asks you to say why.',
  for_others: 'It is for another body (the Home Office, the NPCC, the College of Policing).',
};

type StatusKey = ResponseStatus | 'not_started';
const STATUS_TAGS: Record<StatusKey, { text: string; classes: string }> = {
  not_started: { text: 'Not started', classes: 'govuk-tag--grey' },
  draft: { text: 'Draft', classes: 'govuk-tag--yellow' },
  approved: { text: 'Approved', classes: 'govuk-tag--turquoise' },
  published: { text: 'Published', classes: 'govuk-tag--green' },
};

export const statusTag = (s: StatusKey) => STATUS_TAGS[s];

const responseHref = (id: string) => `/responses/${encodeURIComponent(id)}`;
export const publicLetterHref = (id: string) => `/public/responses/${encodeURIComponent(id)}`;

/** The clock of a response (or of a report not yet answered): stops on publication. */
export const responseClock = (
  dueOn: string,
  today: string,
  publishedOn: string | null,
): ClockView =>
  clockView(dueOn, today, publishedOn ? { on: publishedOn, word: 'Published' } : null);

/** Text split into paragraphs at blank lines (single line breaks read as spaces). */
export const paragraphs = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '');

// ---- The list ------------------------------------------------------------------------------

export interface DutyRow {
  readonly title: string;
  readonly kind: string;
  readonly reportPublished: string;
  readonly due: string;
  readonly clock: ClockView;
  readonly status: { text: string; classes: string };
  readonly href: string;
  /** "Draft a response" for a report not yet answered, by those who may. */
  readonly draftHref: string | null;
  readonly published: string | null;
  readonly letterHref: string | null;
}

export function responsesListModel(
  duties: readonly ResponseDutyEntry[],
  today: string,
  opts: { canDraft: boolean },
) {
  const rows: DutyRow[] = duties.map((d) => {
    const r = d.response;
    return {
      title: d.source.title,
      kind: SOURCE_KIND_LABELS[d.source.kind],
      reportPublished: formatDate(d.source.publishedOn),
      due: formatDate(d.dueOn),
      clock: responseClock(d.dueOn, today, r?.publishedOn ?? null),
      status: statusTag(r?.status ?? 'not_started'),
      href: r ? responseHref(r.id) : `/responses/new?source=${encodeURIComponent(d.source.id)}`,
      draftHref:
        !r && opts.canDraft ? `/responses/new?source=${encodeURIComponent(d.source.id)}` : null,
      published: r?.publishedOn ? formatDate(r.publishedOn) : null,
      letterHref: r?.status === 'published' ? publicLetterHref(r.id) : null,
    };
  });
  const outstanding = rows.filter((r) => r.published === null);
  const published = rows
    .map((row, i) => ({ row, on: duties[i]?.response?.publishedOn ?? '' }))
    .filter((x) => x.row.published !== null)
    .sort((a, b) => b.on.localeCompare(a.on))
    .map((x) => x.row);
  const alerts: ClockAlert[] = clockAlerts(
    outstanding.map((r) => ({ title: r.title, href: r.href, clock: r.clock })),
  );
  const overdue = alerts.filter((a) => a.clock.state === 'overdue').length;
  const dueSoon = alerts.length - overdue;
  const counts = [overdue ? `${overdue} overdue` : '', dueSoon ? `${dueSoon} due soon` : ''];
  return {
    outstanding,
    published,
    alerts,
    alertHeading: `Responses needing attention: ${counts.filter(Boolean).join(', ')}`,
    duties: Object.values(RESPONSE_DUTIES).map((d) => ({
      kind: SOURCE_KIND_LABELS[d.kind],
      statute: d.statute,
      days: duties.find((x) => x.source.kind === d.kind && x.response === null)?.days ?? d.days,
    })),
  };
}

/** The page before a draft: the report, its clock and the findings the draft will hold. */
export function newResponseModel(
  entry: ResponseDutyEntry,
  findings: readonly { ref: string; kind: FindingKind; text: string }[],
  today: string,
) {
  return {
    sourceId: entry.source.id,
    title: entry.source.title,
    kind: SOURCE_KIND_LABELS[entry.source.kind],
    statute: entry.statute,
    days: entry.days,
    reportPublished: formatDate(entry.source.publishedOn),
    due: formatDate(entry.dueOn),
    clock: responseClock(entry.dueOn, today, null),
    findings: findings.map((f) => ({
      ref: f.ref,
      kind: FINDING_KIND_LABELS[f.kind],
      text: f.text,
    })),
  };
}

// ---- One response --------------------------------------------------------------------------

const ACTIONS: Record<string, string> = {
  drafted: 'Response drafted from the register',
  edited: 'Draft edited',
  approved: 'Approved',
  reopened: 'Reopened for changes',
  published: 'Published',
};

/** A value on the timeline as a reader says it: dates, positions and statuses in words. */
function shown(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '(none)';
  const text = String(v);
  if (field === 'status' && text in STATUS_TAGS) return STATUS_TAGS[text as StatusKey].text;
  if (field.endsWith(': position') && text in POSITION_LABELS)
    return POSITION_LABELS[text as Position];
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDate(text) : text;
}

/** A response's timeline: who (display name), when (London time), what changed, the note. */
export function timelineModel(
  history: readonly HistoryEntry[],
  names: ReadonlyMap<string, string>,
) {
  return [...history].reverse().map((h) => ({
    title: ACTIONS[h.action] ?? h.action,
    by:
      h.actorUserId === null
        ? h.via === 'cli'
          ? 'the command line'
          : 'the system'
        : (names.get(h.actorUserId) ?? 'a former user'),
    when: formatDateTime(londonIso(h.at)),
    datetime: h.at.toISOString(),
    changes: Object.keys(h.after).map((field) => ({
      field,
      before: field in h.before ? shown(field, h.before[field]) : null,
      after: shown(field, h.after[field]),
    })),
    note: h.note,
  }));
}

export function itemsModel(r: StatutoryResponse) {
  return r.items.map((i) => ({
    findingId: i.findingId,
    ref: i.ref,
    kind: FINDING_KIND_LABELS[i.kind],
    /** The kind, unless the reference already says it ("Recommendation 2"). */
    kindNote: i.ref.toLowerCase().includes(FINDING_KIND_LABELS[i.kind].toLowerCase())
      ? null
      : FINDING_KIND_LABELS[i.kind],
    text: i.text,
    position: i.position ? POSITION_LABELS[i.position] : null,
    plannedAction: i.plannedAction,
    plannedActionParagraphs: paragraphs(i.plannedAction),
  }));
}

/** Today's date as the GOV.UK date input's three fields. */
export const dateParts = (iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
};

export function responsePageModel(
  r: StatutoryResponse,
  history: readonly HistoryEntry[],
  names: ReadonlyMap<string, string>,
  today: string,
  may: { edit: boolean; approve: boolean },
) {
  const clock = responseClock(r.dueOn, today, r.publishedOn);
  const missing = r.items.filter((i) => i.position === null || i.plannedAction === '').length;
  return {
    id: r.id,
    title: r.source.title,
    kind: SOURCE_KIND_LABELS[r.source.kind],
    status: statusTag(r.status),
    clock,
    summary: [
      { key: { text: 'Report' }, value: { text: r.source.title } },
      { key: { text: 'From' }, value: { text: SOURCE_KIND_LABELS[r.source.kind] } },
      { key: { text: 'Report published' }, value: { text: formatDate(r.source.publishedOn) } },
      {
        key: { text: 'Duty' },
        value: { text: `${r.statute}: ${r.days} days beginning with the day of publication` },
      },
      { key: { text: 'Due' }, value: { text: formatDate(r.dueOn) } },
      {
        key: { text: 'Response published' },
        value: { text: r.publishedOn ? formatDate(r.publishedOn) : 'Not yet' },
      },
      ...(r.status === 'published'
        ? [{ key: { text: 'Copies to' }, value: { text: r.copiesTo.join('; ') } }]
        : []),
    ],
    items: itemsModel(r),
    missing,
    intro: paragraphs(r.intro),
    chiefOfficer: {
      invitedOn: r.chiefOfficerInvitedOn ? formatDate(r.chiefOfficerInvitedOn) : null,
      comments: paragraphs(r.chiefOfficerComments),
      reply: paragraphs(r.bodyReply),
    },
    timeline: timelineModel(history, names),
    actions: {
      edit: may.edit && r.status === 'draft',
      approve: may.approve && r.status === 'draft',
      reopen: may.edit && r.status === 'approved',
      publish: may.edit && r.status === 'approved',
    },
    publishDefaults: {
      date: dateParts(today),
      copiesTo: RESPONSE_DUTIES[r.source.kind].copiesTo.join('\n'),
    },
    previewHref: `${responseHref(r.id)}/letter`,
    letterHref: r.status === 'published' ? publicLetterHref(r.id) : null,
    pdfHref: r.status === 'published' ? `${publicLetterHref(r.id)}.pdf` : null,
  };
}

// ---- The edit form -------------------------------------------------------------------------

export interface EditValues {
  intro: string;
  invited: { day: string; month: string; year: string };
  comments: string;
  reply: string;
  note: string;
  items: Record<string, { position: string; action: string }>;
}

export function editValuesOf(r: StatutoryResponse): EditValues {
  return {
    intro: r.intro,
    invited: r.chiefOfficerInvitedOn
      ? dateParts(r.chiefOfficerInvitedOn)
      : { day: '', month: '', year: '' },
    comments: r.chiefOfficerComments,
    reply: r.bodyReply,
    note: '',
    items: Object.fromEntries(
      r.items.map((i) => [i.findingId, { position: i.position ?? '', action: i.plannedAction }]),
    ),
  };
}

export function editFormModel(
  r: StatutoryResponse,
  values: EditValues,
  errors: Record<string, string>,
  today: string,
) {
  return {
    id: r.id,
    title: r.source.title,
    kind: SOURCE_KIND_LABELS[r.source.kind],
    clock: responseClock(r.dueOn, today, null),
    values,
    errors,
    errorList: Object.entries(errors).map(([k, text]) => ({ text, href: `#${k}` })),
    items: r.items.map((i) => {
      const v = values.items[i.findingId] ?? { position: '', action: '' };
      return {
        findingId: i.findingId,
        ref: i.ref,
        kind: FINDING_KIND_LABELS[i.kind],
        kindNote: i.ref.toLowerCase().includes(FINDING_KIND_LABELS[i.kind].toLowerCase())
          ? null
          : FINDING_KIND_LABELS[i.kind],
        text: i.text,
        action: v.action,
        positions: POSITIONS.map((p) => ({
          value: p,
          text: POSITION_LABELS[p],
          hint: { text: POSITION_HINTS[p] },
          checked: v.position === p,
        })),
      };
    }),
  };
}

// ---- The letter ----------------------------------------------------------------------------

const SINGULAR: Record<FindingKind, string> = {
  recommendation: 'recommendation',
  area_for_improvement: 'area for improvement',
  cause_of_concern: 'cause of concern',
};
const PLURAL: Record<FindingKind, string> = {
  recommendation: 'recommendations',
  area_for_improvement: 'areas for improvement',
  cause_of_concern: 'causes of concern',
};

/**
 * The letter as it is published: from the policing body's office, dated, naming the report and
 * its publication, the introduction, each finding with the position and action, the chief
 * officer's comments (and the reply), the statute, and who it is copied to. Office titles
 * only: no person is named.
 */
export function letterModel(r: StatutoryResponse, org: Organisation, today: string) {
  const duty = RESPONSE_DUTIES[r.source.kind];
  const counts = (['cause_of_concern', 'recommendation', 'area_for_improvement'] as const)
    .map((k) => ({ k, n: r.items.filter((i) => i.kind === k).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.n} ${(x.n === 1 ? SINGULAR : PLURAL)[x.k]}`);
  return {
    draft: r.status !== 'published',
    office: org.policingBody.office,
    bodyName: org.policingBodyName,
    holder: org.policingBody.holder,
    forceName: org.forceName,
    date: formatDate(r.publishedOn ?? today),
    title: `Response to ${r.source.title}`,
    report: {
      title: r.source.title,
      from:
        r.source.kind === 'hmicfrs'
          ? 'HM Inspectorate of Constabulary and Fire & Rescue Services'
          : "the Victims' Commissioner",
      published: formatDate(r.source.publishedOn),
      counts:
        counts.length > 1
          ? `${counts.slice(0, -1).join(', ')} and ${counts.at(-1)}`
          : (counts[0] ?? 'no findings'),
    },
    intro: paragraphs(r.intro),
    items: itemsModel(r),
    chiefOfficer: {
      invitedOn: r.chiefOfficerInvitedOn ? formatDate(r.chiefOfficerInvitedOn) : null,
      comments: paragraphs(r.chiefOfficerComments),
      reply: paragraphs(r.bodyReply),
    },
    statute: duty.statute,
    days: r.days,
    copiesTo: r.status === 'published' ? r.copiesTo : duty.copiesTo,
  };
}

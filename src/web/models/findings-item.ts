import {
  ACTIONS,
  FINDING_STATUSES,
  nextSteps,
  OPEN_STATUSES,
  ruleFor,
  takes,
  type ActingAs,
} from '../../records/accountability/lifecycle.ts';
import { londonDate } from '../../records/accountability/clock.ts';
import { dueFlag } from '../../records/accountability/age.ts';
import type {
  BoardDecision,
  Evidence,
  EvidenceFile,
  Finding,
  FindingHistoryEntry,
  FindingSource,
  FindingStatus,
  HistoryValue,
  Rag,
  User,
} from '../../records/api.ts';
import { formatDate, formatDateTime } from '../../present/format.ts';
import type { WebDeps } from '../deps.ts';
import { can } from '../permissions.ts';
import {
  displayName,
  DUE_TAGS,
  dueText,
  KIND_WORDS,
  RAG_TAGS,
  sourceKindText,
  STATUS_TAGS,
  statusText,
} from './findings.ts';

/**
 * One finding's page: what it says, where it came from, its progress updates with their files,
 * the board's decisions, its timeline (who, when, before → after, note) and the actions this
 * user may take now, asked of the lifecycle table (so no button is offered that would be refused).
 */

export const DECISION_WORDS: Record<BoardDecision, string> = {
  approve_closure: 'Closure approved',
  decline_closure: 'Closure declined: more work needed',
  noted: 'Progress noted',
  deferred: 'Deferred to a later meeting',
};

const VIA_WORDS: Record<FindingHistoryEntry['via'], string> = {
  web: 'the web',
  api: 'the API',
  cli: 'the command line',
  system: 'the system',
};

/** What a step's button says. */
function buttonText(from: FindingStatus, to: FindingStatus): string {
  if (to === 'in_progress') return from === 'allocated' ? 'Start work' : 'Decline closure';
  if (to === 'evidence_submitted') return 'Submit evidence for closure';
  if (to === 'approved_for_closure') return 'Approve closure';
  if (to === 'closed') return 'Close the finding';
  if (to === 'superseded') return 'Mark as superseded';
  return statusText(to);
}

/** Buttons in the order a user reads them: the step forward first, back next, superseded last. */
function stepRank(s: { from: FindingStatus; to: FindingStatus }): number {
  if (s.to === 'superseded') return 2;
  return FINDING_STATUSES.indexOf(s.to) < FINDING_STATUSES.indexOf(s.from) ? 1 : 0;
}

const FIELD_NAMES: Record<string, string> = {
  status: 'Status',
  leadUserId: 'Strategic lead',
  due: 'Due',
  rag: 'RAG',
  scope: 'Scope',
  text: 'Text',
};

function valueText(field: string, v: HistoryValue | undefined, users: readonly User[]): string {
  if (v === null || v === undefined) return field === 'rag' ? 'Not set' : 'None';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (field === 'status') return STATUS_TAGS[v as FindingStatus]?.text ?? v;
  if (field === 'leadUserId') return displayName(users, v) ?? 'None';
  if (field === 'due') return dueText(v);
  if (field === 'rag') return RAG_TAGS[v as Rag]?.text ?? v;
  if (field === 'scope') return v === 'national' ? 'National' : 'Force';
  return v;
}

/** What changed in one history entry, field by field, in words. */
function changes(h: FindingHistoryEntry, users: readonly User[]) {
  if (h.action === 'added') return [];
  return Object.keys(FIELD_NAMES)
    .filter((k) => k in h.after && h.before[k] !== h.after[k])
    .map((k) => ({
      field: FIELD_NAMES[k] ?? k,
      before: k === 'text' ? null : valueText(k, h.before[k], users),
      after: valueText(k, h.after[k], users),
    }));
}

function title(h: FindingHistoryEntry): string {
  const from = h.before.status as FindingStatus | undefined;
  const to = h.after.status as FindingStatus;
  switch (h.action) {
    case 'added':
      return 'Finding recorded';
    case 'updated':
      return 'Details changed';
    case 'transition':
      return (from && ruleFor(from, to)?.label) || 'Status changed';
    case 'evidence_added':
      return 'Progress update';
    case 'board_review':
      return `${String(h.after.board ?? 'Board')}: ${DECISION_WORDS[h.after.decision as BoardDecision] ?? 'reviewed'}`;
    default:
      return h.action.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
  }
}

export function timeline(history: readonly FindingHistoryEntry[], users: readonly User[]) {
  return [...history].reverse().map((h) => ({
    title: title(h),
    by:
      h.actorUserId === null
        ? `${VIA_WORDS[h.via].replace(/^the /, '').replace(/^./, (c) => c.toUpperCase())}`
        : `${displayName(users, h.actorUserId)} (through ${VIA_WORDS[h.via]})`,
    at: formatDateTime(h.at.toISOString()),
    datetime: h.at.toISOString(),
    changes: changes(h, users),
    details: [
      ...(typeof h.after.heldOn === 'string' && h.action === 'board_review'
        ? [`Held on ${formatDate(h.after.heldOn)}`]
        : []),
      ...(typeof h.after.coversOn === 'string' && h.action === 'evidence_added'
        ? [`Evidence covers ${formatDate(h.after.coversOn)}`]
        : []),
      ...(typeof h.after.file === 'string' && h.after.file
        ? [`File attached: ${h.after.file}`]
        : []),
    ],
    note: h.note,
  }));
}

const sizeText = (bytes: number) =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function updatesOf(
  f: Finding,
  evidence: readonly Evidence[],
  files: readonly EvidenceFile[],
  users: readonly User[],
) {
  // Newest posted first (the records list them by the date covered).
  const posted = [...evidence].sort(
    (a, b) => b.addedAt.getTime() - a.addedAt.getTime() || Number(b.id) - Number(a.id),
  );
  return posted.map((e) => ({
    id: e.id,
    text: e.text,
    link: e.link,
    coversOn: formatDate(e.coversOn),
    addedAt: formatDateTime(e.addedAt.toISOString()),
    addedBy: displayName(users, e.addedBy) ?? 'The system',
    files: files
      .filter((x) => x.evidenceId === e.id)
      .map((x) => ({
        name: x.fileName,
        size: sizeText(x.bytes),
        href: `/findings/${f.id}/evidence/${x.id}`,
      })),
  }));
}

export interface FindingPage {
  readonly finding: Finding;
  readonly source: FindingSource;
}

/** The finding page's model for `user`. */
export async function findingModel(deps: WebDeps, user: User, f: Finding, source: FindingSource) {
  const actor = { userId: user.id, via: 'web' as const };
  const [history, evidence, files, reviews, rag, users] = await Promise.all([
    deps.records.findings.history(f.id),
    deps.records.findings.evidence(f.id),
    deps.records.evidenceFiles.forFinding(f.id, actor),
    deps.records.boardReviews.forFinding(f.id),
    deps.records.findings.rag(f.id),
    deps.records.users.list(),
  ]);
  const today = londonDate(deps.clock.now());
  const who: ActingAs = { role: user.role, userId: user.id };
  const open = OPEN_STATUSES.includes(f.status);
  const steps = nextSteps(f.status, who, f.leadUserId);
  const flag = dueFlag(f, today);
  const lead = displayName(users, f.leadUserId);
  const reviewDecisions: BoardDecision[] = [];
  if (can(user, 'manage_findings') && open) {
    if (steps.some((s) => s.to === 'approved_for_closure')) reviewDecisions.push('approve_closure');
    if (f.status === 'evidence_submitted' && steps.some((s) => s.to === 'in_progress'))
      reviewDecisions.push('decline_closure');
    reviewDecisions.push('noted', 'deferred');
  }
  return {
    finding: {
      id: f.id,
      ref: f.ref,
      kind: KIND_WORDS[f.kind],
      text: f.text,
      status: STATUS_TAGS[f.status],
      rag: rag ? RAG_TAGS[rag.rag] : null,
      dueFlag: flag ? DUE_TAGS[flag] : null,
    },
    source: { title: source.title, href: `/inspections/${source.id}` },
    summary: [
      { key: 'Source', value: source.title, href: `/inspections/${source.id}` },
      { key: 'Kind of source', value: sourceKindText(source) },
      { key: 'Published', value: formatDate(source.publishedOn) },
      { key: 'Reference', value: f.ref },
      { key: 'Kind', value: KIND_WORDS[f.kind] },
      { key: 'Scope', value: f.scope === 'national' ? 'National' : 'Force' },
      { key: 'Strategic lead', value: lead ?? 'Not yet allocated' },
      { key: 'Due', value: dueText(f.due) },
      {
        key: 'RAG',
        value: rag
          ? `${RAG_TAGS[rag.rag].text} (set ${formatDateTime(rag.setAt.toISOString())} by ${displayName(users, rag.setBy) ?? 'the system'})`
          : 'Not set yet',
      },
    ],
    updates: updatesOf(f, evidence, files, users),
    filesHidden: user.role === 'panel',
    reviews: [...reviews].reverse().map((r) => ({
      board: r.board,
      heldOn: formatDate(r.heldOn),
      decision: DECISION_WORDS[r.decision],
      note: r.note,
    })),
    timeline: timeline(history, users),
    actions: {
      update: open && takes(ACTIONS.add_evidence, who, f.leadUserId),
      steps: steps
        .filter((s) => s.to !== 'allocated')
        .sort((a, b) => stepRank(a) - stepRank(b))
        .map((s) => ({ to: s.to, text: buttonText(s.from, s.to), label: s.label })),
      allocate: steps.some((s) => s.to === 'allocated')
        ? users
            .filter((u) => u.role === 'lead' && !u.disabled)
            .map((u) => ({ value: u.id, text: u.displayName }))
        : null,
      review: reviewDecisions.length
        ? reviewDecisions.map((d) => ({ value: d, text: DECISION_WORDS[d] }))
        : null,
    },
    today,
  };
}

import {
  ageBand,
  ageProfile,
  AGE_BANDS,
  dueFlag,
  monthsSince,
} from '../../records/accountability/age.ts';
import { londonDate } from '../../records/accountability/clock.ts';
import { FINDING_STATUSES, OPEN_STATUSES } from '../../records/accountability/lifecycle.ts';
import { FINDING_KINDS } from '../../records/accountability/types.ts';
import {
  type Finding,
  type FindingKind,
  type FindingSource,
  type FindingStatus,
  type Rag,
  type RagState,
  type User,
} from '../../records/api.ts';
import { formatDate, plural } from '../../present/format.ts';
import type { DataSheet } from '../downloads/data.ts';
import type { WebDeps } from '../deps.ts';

/**
 * The findings register as pages, downloads and the API show it: words and tags for every
 * status, the register's rows (filtered), its age profile and its export sheet. Plain data from
 * the records in, plain data for the views out; the age and due rules are the records' own
 * (src/records/accountability/age.ts), so every view says the same.
 */

export interface Tag {
  readonly text: string;
  readonly classes: string;
}

const tag = (text: string, colour: string): Tag => ({ text, classes: `govuk-tag--${colour}` });

export const STATUS_TAGS: Record<FindingStatus, Tag> = {
  awaiting_allocation: tag('Awaiting allocation', 'grey'),
  allocated: tag('Allocated', 'light-blue'),
  in_progress: tag('In progress', 'blue'),
  evidence_submitted: tag('Evidence submitted', 'purple'),
  approved_for_closure: tag('Approved for closure', 'turquoise'),
  closed: tag('Closed', 'green'),
  superseded: tag('Superseded', 'grey'),
};
export const statusText = (s: FindingStatus) => STATUS_TAGS[s].text;

export const RAG_TAGS: Record<Rag, Tag> = {
  red: tag('Red', 'red'),
  amber: tag('Amber', 'yellow'),
  green: tag('Green', 'green'),
};

export const DUE_TAGS = {
  immediately: tag('Due immediately', 'red'),
  overdue: tag('Overdue', 'red'),
  due_soon: tag('Due soon', 'orange'),
} as const;

export const KIND_WORDS: Record<FindingKind, string> = {
  recommendation: 'Recommendation',
  area_for_improvement: 'Area for improvement',
  cause_of_concern: 'Cause of concern',
};

export const SOURCE_KIND_WORDS: Record<FindingSource['kind'], string> = {
  hmicfrs: 'HMICFRS inspection',
  iopc_learning: 'IOPC learning report',
  coroner_pfd: 'Coroner’s prevention of future deaths report',
  victims_commissioner: 'Victims’ Commissioner report',
  internal_audit: 'Internal audit',
};

export const REPORT_KIND_WORDS: Record<NonNullable<FindingSource['reportKind']>, string> = {
  peel: 'PEEL',
  thematic: 'Thematic',
  joint: 'Joint',
};

export function sourceKindText(s: Pick<FindingSource, 'kind' | 'reportKind'>): string {
  const base = SOURCE_KIND_WORDS[s.kind];
  return s.reportKind ? `${base} (${REPORT_KIND_WORDS[s.reportKind]})` : base;
}

/** A due date as words: "Immediately", "30 September 2024" or "None given". */
export const dueText = (due: Finding['due']) =>
  due === null ? 'None given' : due === 'immediately' ? 'Immediately' : formatDate(due);

export const STATUS_FILTERS = ['open', ...FINDING_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** What the register is filtered by (each optional); unknown values were dropped on the way in. */
export interface RegisterFilter {
  readonly source?: string;
  readonly kind?: FindingKind;
  readonly status?: StatusFilter;
  readonly lead?: string;
  readonly overdue?: boolean;
}

/** The filter from a page's query string, keeping only values that mean something. */
export function filterOf(q: Readonly<Record<string, unknown>>): RegisterFilter {
  const str = (k: string) =>
    typeof q[k] === 'string' && q[k] !== '' ? (q[k] as string) : undefined;
  const kind = str('kind');
  const status = str('status');
  return {
    ...(str('source') && /^\d{1,9}$/.test(str('source')!) ? { source: str('source') } : {}),
    ...(kind && (FINDING_KINDS as readonly string[]).includes(kind)
      ? { kind: kind as FindingKind }
      : {}),
    ...(status && (STATUS_FILTERS as readonly string[]).includes(status)
      ? { status: status as StatusFilter }
      : {}),
    ...(str('lead') && /^\d{1,9}$/.test(str('lead')!) ? { lead: str('lead') } : {}),
    ...(str('overdue') === 'yes' ? { overdue: true } : {}),
  };
}

/** The filter as a query string ("?status=open&overdue=yes", or ""). */
export function filterQuery(f: RegisterFilter): string {
  const q = new URLSearchParams();
  if (f.source) q.set('source', f.source);
  if (f.kind) q.set('kind', f.kind);
  if (f.status) q.set('status', f.status);
  if (f.lead) q.set('lead', f.lead);
  if (f.overdue) q.set('overdue', 'yes');
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** One finding with what the register says about it. */
export interface RegisterEntry {
  readonly finding: Finding;
  readonly source: FindingSource;
  readonly rag: Rag | null;
  readonly lead: string | null;
  readonly dueFlag: keyof typeof DUE_TAGS | null;
  readonly ageMonths: number;
  readonly ageBand: (typeof AGE_BANDS)[number]['id'];
  readonly open: boolean;
}

export const displayName = (users: readonly User[], id: string | null): string | null =>
  id === null ? null : (users.find((u) => u.id === id)?.displayName ?? `User ${id}`);

/** The whole register, then the entries the filter keeps (the age profile counts the kept ones). */
export async function registerEntries(
  deps: WebDeps,
  filter: RegisterFilter,
): Promise<{ entries: RegisterEntry[]; sources: FindingSource[]; users: User[]; today: string }> {
  const today = londonDate(deps.clock.now());
  const [sources, findings, rags, users] = await Promise.all([
    deps.records.findingSources.list(),
    deps.records.findings.list({
      ...(filter.source ? { sourceId: filter.source } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.lead ? { leadUserId: filter.lead } : {}),
      ...(filter.status && filter.status !== 'open' ? { status: filter.status } : {}),
    }),
    deps.records.findings.rags(),
    deps.records.users.list(),
  ]);
  const ragOf = new Map(rags.map((r: RagState) => [r.findingId, r.rag]));
  const entries: RegisterEntry[] = [];
  for (const f of findings) {
    const source = sources.find((s) => s.id === f.sourceId);
    if (!source) continue;
    const open = OPEN_STATUSES.includes(f.status);
    const flag = dueFlag(f, today);
    if (filter.status === 'open' && !open) continue;
    if (filter.overdue && flag !== 'overdue' && flag !== 'immediately') continue;
    entries.push({
      finding: f,
      source,
      rag: ragOf.get(f.id) ?? null,
      lead: displayName(users, f.leadUserId),
      dueFlag: flag,
      ageMonths: monthsSince(source.publishedOn, today),
      ageBand: ageBand(source.publishedOn, today),
      open,
    });
  }
  return { entries, sources, users, today };
}

const ageText = (months: number) => (months < 1 ? 'Under a month' : plural(months, 'month'));

/** A row of the register's table. */
export function registerRow(e: RegisterEntry) {
  return {
    id: e.finding.id,
    href: `/findings/${e.finding.id}`,
    ref: e.finding.ref,
    kind: KIND_WORDS[e.finding.kind],
    text: e.finding.text,
    source: { title: e.source.title, href: `/inspections/${e.source.id}` },
    status: STATUS_TAGS[e.finding.status],
    rag: e.rag ? RAG_TAGS[e.rag] : null,
    lead: e.lead,
    due: dueText(e.finding.due),
    dueFlag: e.dueFlag ? DUE_TAGS[e.dueFlag] : null,
    age: e.open ? ageText(e.ageMonths) : null,
  };
}

/** The age profile's table: open findings by months since publication, overdue and immediate. */
export function ageProfileModel(entries: readonly RegisterEntry[], today: string) {
  const p = ageProfile(
    entries.map((e) => ({
      publishedOn: e.source.publishedOn,
      due: e.finding.due,
      status: e.finding.status,
    })),
    today,
  );
  return { rows: p.rows, total: p.total };
}

/** The register's filter form: each select's options with the current one chosen. */
export function filterForm(
  f: RegisterFilter,
  sources: readonly FindingSource[],
  users: readonly User[],
) {
  const opt = (value: string, text: string, current: string | undefined) => ({
    value,
    text,
    selected: value === (current ?? ''),
  });
  return {
    source: [opt('', 'All sources', f.source), ...sources.map((s) => opt(s.id, s.title, f.source))],
    kind: [
      opt('', 'All kinds', f.kind),
      ...FINDING_KINDS.map((k) => opt(k, KIND_WORDS[k], f.kind)),
    ],
    status: [
      opt('', 'Any status', f.status),
      opt('open', 'Open (not closed or superseded)', f.status),
      ...FINDING_STATUSES.map((s) => opt(s, statusText(s), f.status)),
    ],
    lead: [
      opt('', 'Any strategic lead', f.lead),
      ...users.filter((u) => u.role === 'lead').map((u) => opt(u.id, u.displayName, f.lead)),
    ],
    overdue: f.overdue === true,
  };
}

/** The register as a sheet for CSV and XLSX: words as the page shows them, one row a finding. */
export function registerSheet(entries: readonly RegisterEntry[]): DataSheet {
  return {
    kind: 'table',
    name: 'Findings',
    columns: [
      'id',
      'source',
      'source_published_on',
      'ref',
      'kind',
      'text',
      'scope',
      'status',
      'rag',
      'strategic_lead',
      'due',
      'due_flag',
      'age_months',
      'age_band',
    ],
    rows: entries.map((e) => [
      Number(e.finding.id),
      e.source.title,
      e.source.publishedOn,
      e.finding.ref,
      KIND_WORDS[e.finding.kind],
      e.finding.text,
      e.finding.scope,
      statusText(e.finding.status),
      e.rag ? RAG_TAGS[e.rag].text : null,
      e.lead,
      e.finding.due,
      e.dueFlag ? DUE_TAGS[e.dueFlag].text : null,
      e.open ? e.ageMonths : null,
      e.open ? (AGE_BANDS.find((b) => b.id === e.ageBand)?.label ?? null) : null,
    ]),
  };
}

/** Counts of a source's findings by status, in lifecycle order, leaving out the zeros. */
export function statusCounts(findings: readonly Finding[]) {
  return FINDING_STATUSES.map((s) => ({
    status: s,
    tag: STATUS_TAGS[s],
    count: findings.filter((f) => f.status === s).length,
  })).filter((c) => c.count > 0);
}

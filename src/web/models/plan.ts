/**
 * The plan pages' view models: the Police and Crime Plan as objectives → priorities →
 * commitments, each commitment with its latest delivery status against the quarter before, its
 * owner and lead, and the live evidence of its linked measures (value, period, SPC variation
 * and target status as the scorecard says them, after disclosure control for those who see
 * only suppressed numbers). Everything a view prints is text here already.
 */
import { CATALOGUE } from '../../measures/catalogue/index.ts';
import { covers } from '../../measures/coverage.ts';
import { parsePeriod } from '../../measures/period.ts';
import type { MeasureResult } from '../../measures/result.ts';
import { suppressForPublic, suppressionAt } from '../../present/disclosure.ts';
import {
  formatDate,
  formatDateTime,
  formatPeriodLabel,
  windowLabel,
} from '../../present/format.ts';
import { boardValue } from '../../present/scorecard.ts';
import { londonIso } from '../../lib/london-time.ts';
import { isBluelampError } from '../../lib/errors.ts';
import type {
  Commitment,
  CommitmentOwner,
  DeliveryStatus,
  DeliveryUpdate,
  PlanTree,
  User,
} from '../../records/api.ts';
import type { HistoryEntry } from '../../records/accountability/history.ts';
import { DELIVERY_STATUS_NAMES } from '../../records/accountability/plan-types.ts';
import {
  parseQuarter,
  previousQuarter,
  quarterOf,
  updateDueOn,
} from '../../records/accountability/quarter.ts';
import type { WebCharts } from '../deps.ts';
import type { Organisation } from '../layout-model.ts';
import { suppressedScorecard } from './public.ts';
import { defaultPeriod, type DataSpan } from './filters.ts';
import { shownMeasure, shownScorecard } from './shown.ts';
import { statusTag, variationTag, type Tag } from './tags.ts';
import type { RequestContext } from '../route.ts';

// ---- Delivery statuses -----------------------------------------------------------------------

const STATUS_LOOK: Record<DeliveryStatus, { symbol: string; colour: string; rank: number }> = {
  complete: { symbol: '✓', colour: 'blue', rank: 4 },
  on_track: { symbol: '●', colour: 'green', rank: 3 },
  some_concerns: { symbol: '!', colour: 'yellow', rank: 2 },
  off_track: { symbol: '✗', colour: 'red', rank: 1 },
  not_started: { symbol: '–', colour: 'grey', rank: 0 },
};

export function deliveryTag(status: DeliveryStatus): Tag {
  const s = STATUS_LOOK[status];
  return {
    text: DELIVERY_STATUS_NAMES[status],
    symbol: s.symbol,
    classes: `govuk-tag--${s.colour}`,
  };
}

export interface StatusChange {
  readonly arrow: '↑' | '↓' | '→';
  /** e.g. "Better than 2026-27 Q1 (was Some concerns)". */
  readonly text: string;
}

/** This quarter's status against the one before, as an arrow and words (never colour alone). */
export function statusChange(
  now: DeliveryStatus,
  before: DeliveryStatus | null,
  beforeQuarter: string,
): StatusChange {
  if (before === null) return { arrow: '→', text: `No update for ${beforeQuarter}` };
  const d = STATUS_LOOK[now].rank - STATUS_LOOK[before].rank;
  const was = `was ${DELIVERY_STATUS_NAMES[before]}`;
  if (d > 0) return { arrow: '↑', text: `Better than ${beforeQuarter} (${was})` };
  if (d < 0) return { arrow: '↓', text: `Worse than ${beforeQuarter} (${was})` };
  return { arrow: '→', text: `No change since ${beforeQuarter} (${was})` };
}

export const ownerText = (owner: CommitmentOwner, org: Organisation): string =>
  owner === 'chief_constable' ? 'Chief Constable' : org.policingBodyName;

// ---- Quarters as the pages use them ----------------------------------------------------------

/** The engine's label for a plan quarter: "2024-25 Q2" → "2024/25-Q2". */
export const enginePeriodOf = (quarter: string): string => {
  const q = parseQuarter(quarter);
  return `${q.startYear}/${String((q.startYear + 1) % 100).padStart(2, '0')}-Q${q.q}`;
};

/**
 * The period whose figures evidence a quarter: the quarter itself when the data covers it, else
 * the latest complete quarter of data before it; null when the data starts after it (or there
 * is none).
 */
export function figuresPeriodFor(data: DataSpan, quarter: string): string | null {
  const latest = defaultPeriod(data);
  if (!latest || !data.span) return null;
  const own = parsePeriod(enginePeriodOf(quarter));
  const ownLast = own.months.at(-1) as string;
  const latestLast = parsePeriod(latest).months.at(-1) as string;
  if (ownLast > latestLast) return latest;
  return own.months.every((m) => covers(data.span, m)) ? own.label : null;
}

/** What quarter is being reported on today: the one just ended until its update is due. */
export function reportingQuarters(today: string, dueDays: number) {
  const current = quarterOf(today).label;
  const previous = previousQuarter(current);
  const dueOn = updateDueOn(previous, dueDays);
  return { current, previous, previousDueOn: dueOn, previousStillDue: today <= dueOn };
}

export async function dueDaysOf(ctx: RequestContext): Promise<number> {
  const v = (await ctx.deps.records.settings.get()).deliveryUpdateDueDays;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 120 ? v : 21;
}

// ---- Measure evidence ------------------------------------------------------------------------

const TITLES = new Map<string, string>(CATALOGUE.map((m) => [m.id, m.title]));
export const measureTitle = (id: string): string => TITLES.get(id) ?? id;
export const MEASURE_CHOICES = CATALOGUE.map((m) => ({ value: m.id, text: m.title }));
export const KNOWN_MEASURE_IDS: readonly string[] = CATALOGUE.map((m) => m.id);

export interface MeasureEvidence {
  readonly id: string;
  readonly title: string;
  readonly href: string;
  /** The value as the scorecard prints it ("fewer than 5" where withheld), or the reason there is none. */
  readonly value: string;
  readonly period: string;
  readonly variation: Tag | null;
  /** Target status; null where there are no figures at all. */
  readonly status: Tag | null;
  readonly hasValue: boolean;
}

/**
 * The results a page may print for some measures over one period: the scorecard's gold
 * results as this user sees them (suppressed for the panel) and any other measure on its own;
 * `edition: 'public'` forces disclosure control (the panel's monitoring report).
 */
export async function linkedResults(
  ctx: RequestContext,
  ids: readonly string[],
  q: { period: string; lpa: string | null },
  edition: 'audience' | 'public',
): Promise<Map<string, MeasureResult>> {
  const out = new Map<string, MeasureResult>();
  const wanted = new Set(ids.filter((id) => TITLES.has(id)));
  if (wanted.size === 0) return out;
  try {
    const card =
      edition === 'public'
        ? await suppressedScorecard(ctx.deps, { ...q, publicOnly: false })
        : await shownScorecard(ctx, q);
    for (const r of card.measures) if (wanted.has(r.id)) out.set(r.id, r);
    for (const id of wanted) {
      if (out.has(id)) continue;
      const r =
        edition === 'public'
          ? (suppressForPublic([await ctx.deps.engine.measure(id, q)])[0] as MeasureResult)
          : await shownMeasure(ctx, id, q);
      out.set(id, r);
    }
  } catch (e) {
    // No data for the period (or none at all): the evidence says so, the page still works.
    if (!isBluelampError(e)) throw e;
  }
  return out;
}

export function measureEvidence(
  id: string,
  r: MeasureResult | undefined,
  charts: WebCharts,
  period: string | null,
): MeasureEvidence {
  const href = `/measures/${encodeURIComponent(id)}${period ? `?period=${encodeURIComponent(period)}` : ''}`;
  const title = measureTitle(id);
  if (!r)
    return {
      id,
      title,
      href,
      value: period ? 'No figures for this measure' : 'No data loaded for this period',
      period: period ? formatPeriodLabel(period) : '—',
      variation: null,
      status: null,
      hasValue: false,
    };
  const withheld = suppressionAt(r, 'value') !== null;
  const hasValue = withheld || r.value !== null;
  return {
    id,
    title,
    href,
    value: hasValue
      ? boardValue(r)
      : r.table
        ? 'No single figure: see the measure'
        : 'No data for this period',
    period: windowLabel(r.window),
    variation: hasValue ? variationTag(charts, r.spc) : null,
    status: statusTag(r.status),
    hasValue,
  };
}

// ---- The plan page ---------------------------------------------------------------------------

export interface Who {
  readonly id: string;
  readonly role: User['role'];
}

export interface CommitmentCard {
  readonly id: string;
  readonly ref: string;
  readonly href: string;
  readonly text: string;
  readonly owner: string;
  readonly lead: string;
  readonly latest: { readonly quarter: string; readonly tag: Tag } | null;
  readonly change: StatusChange | null;
  /** e.g. "Update for 2026-27 Q2 due by 21 October 2026", or overdue. */
  readonly due: { readonly text: string; readonly tag: Tag } | null;
  readonly measures: readonly MeasureEvidence[];
}

export type UserNames = ReadonlyMap<string, string>;

export const nameOf = (names: UserNames, id: string | null): string =>
  id === null ? 'Not set' : (names.get(id) ?? 'A former user');

/** Updates by commitment id, oldest quarter first. */
export function updatesByCommitment(updates: readonly DeliveryUpdate[]) {
  const m = new Map<string, DeliveryUpdate[]>();
  for (const u of updates) m.set(u.commitmentId, [...(m.get(u.commitmentId) ?? []), u]);
  return m;
}

export function commitmentCard(opts: {
  c: Commitment & { measureIds: readonly string[] };
  ref: string;
  updates: readonly DeliveryUpdate[];
  names: UserNames;
  org: Organisation;
  evidence: (id: string) => MeasureEvidence;
  reporting: ReturnType<typeof reportingQuarters>;
  planEndsOn: string;
  planStartsOn: string;
}): CommitmentCard {
  const { c, updates, reporting } = opts;
  const latest = updates.at(-1) ?? null;
  const before = latest
    ? (updates.find((u) => u.quarter === previousQuarter(latest.quarter)) ?? null)
    : null;
  const prev = parseQuarter(reporting.previous);
  const inPlan = prev.endsOn >= opts.planStartsOn && prev.startsOn <= opts.planEndsOn;
  const missing = inPlan && !updates.some((u) => u.quarter === reporting.previous);
  const dueDate = formatDate(reporting.previousDueOn);
  return {
    id: c.id,
    ref: opts.ref,
    href: `/plan/commitments/${c.id}`,
    text: c.text,
    owner: ownerText(c.owner, opts.org),
    lead:
      c.leadUserId === null && c.owner === 'policing_body'
        ? opts.org.policingBody.office
        : nameOf(opts.names, c.leadUserId),
    latest: latest ? { quarter: latest.quarter, tag: deliveryTag(latest.status) } : null,
    change: latest
      ? statusChange(latest.status, before?.status ?? null, previousQuarter(latest.quarter))
      : null,
    due: missing
      ? reporting.previousStillDue
        ? {
            text: `Update for ${reporting.previous} due by ${dueDate}`,
            tag: { text: 'Due', symbol: '…', classes: 'govuk-tag--yellow' },
          }
        : {
            text: `Update for ${reporting.previous} overdue: it was due by ${dueDate}`,
            tag: { text: 'Overdue', symbol: '!', classes: 'govuk-tag--red' },
          }
      : null,
    measures: c.measureIds.map(opts.evidence),
  };
}

/** How many commitments stand at each status in a quarter (by their update for it). */
export function statusCounts(
  commitments: readonly { id: string }[],
  byCommitment: ReadonlyMap<string, readonly DeliveryUpdate[]>,
  quarter: string,
) {
  const counts = new Map<DeliveryStatus | 'none', number>();
  for (const c of commitments) {
    const u = (byCommitment.get(c.id) ?? []).find((x) => x.quarter === quarter);
    const k = u?.status ?? 'none';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Every linked measure id of a tree (commitments and outcomes). */
export function measureIdsOf(tree: PlanTree): string[] {
  const ids = new Set<string>();
  for (const o of tree.objectives)
    for (const p of o.priorities) {
      for (const c of p.commitments) for (const m of c.measureIds) ids.add(m);
      for (const x of p.outcomes) for (const m of x.measureIds) ids.add(m);
    }
  return [...ids];
}

// ---- The timeline ----------------------------------------------------------------------------

const FIELD_NAMES: Record<string, string> = {
  status: 'Status',
  narrative: 'Narrative',
  evidence: 'Evidence',
  quarter: 'Quarter',
  text: 'Commitment',
  owner: 'Delivered by',
  leadUserId: 'Lead',
  priority: 'Priority',
  measureId: 'Measure',
};

const ACTION_NAMES: Record<string, string> = {
  added: 'Commitment added',
  updated: 'Commitment changed',
  posted: 'Delivery update posted',
  edited: 'Delivery update changed',
  measure_linked: 'Measure linked',
  measure_unlinked: 'Measure unlinked',
};

export interface TimelineItem {
  readonly title: string;
  readonly by: string;
  readonly at: string;
  readonly datetime: string;
  readonly changes: readonly string[];
  readonly note: string | null;
}

/** A timeline entry in words: who, when (London time), what changed (before → after), the note. */
export function timelineItems(
  entries: readonly HistoryEntry[],
  names: UserNames,
  org: Organisation,
): TimelineItem[] {
  const show = (k: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return 'none';
    if (k === 'status') return DELIVERY_STATUS_NAMES[v as DeliveryStatus] ?? String(v);
    if (k === 'owner') return ownerText(v as CommitmentOwner, org);
    if (k === 'leadUserId') return nameOf(names, String(v));
    if (k === 'measureId') return measureTitle(String(v));
    return String(v);
  };
  return [...entries].reverse().map((h) => {
    // A new update's words are in the updates table; its timeline entry says its status.
    const keys = Object.keys(FIELD_NAMES).filter(
      (k) => (k in h.after || k in h.before) && (h.action !== 'posted' || k === 'status'),
    );
    const changes = keys.flatMap((k) => {
      const [b, a] = [h.before[k], h.after[k]];
      if (!(k in h.before)) return [`${FIELD_NAMES[k]}: ${show(k, a)}`];
      if (!(k in h.after)) return [`${FIELD_NAMES[k]}: ${show(k, b)} removed`];
      return b === a ? [] : [`${FIELD_NAMES[k]}: ${show(k, b)} → ${show(k, a)}`];
    });
    const quarter = typeof h.after.quarter === 'string' ? ` for ${h.after.quarter}` : '';
    return {
      title: `${ACTION_NAMES[h.action] ?? h.action.replaceAll('_', ' ')}${h.action === 'posted' || h.action === 'edited' ? quarter : ''}`,
      by:
        h.actorUserId === null
          ? h.via === 'cli'
            ? 'the command line'
            : 'the system'
          : nameOf(names, h.actorUserId),
      at: formatDateTime(londonIso(h.at)),
      datetime: h.at.toISOString(),
      changes,
      note: h.note,
    };
  });
}

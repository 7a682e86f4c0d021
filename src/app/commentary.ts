import { parsePeriod, shiftPeriod, type Period } from '../measures/period.ts';
import type { Actor, CommentaryRecord, Records } from '../records/api.ts';

/**
 * Analyst commentary, per period (and LPA): per measure, per report section (a general note or
 * the four parts focus, drivers, actions, outlook) and one overall summary. Kept in the records
 * store (`records.commentary`: one entry per period, LPA and key — a measure id, `_summary` or
 * `section:demand:outlook`); the data directory's `commentary.json` of earlier versions is
 * moved in once at open. Each change is audited.
 *
 * Carried forward: where a period has no text but the period before it (last quarter, for a
 * quarter) has, that text is offered as a draft, `carriedForward: true`, until the analyst
 * writes this period's (or accepts the draft with `commentary set … --carry-forward`). Drafts
 * are worked out on reading, never stored, so they reach back one period only.
 */
export type CommentaryEntry = CommentaryRecord;

/** The file it was kept in, moved into the records store at open. */
export const COMMENTARY_FILE = 'commentary.json';
export const SUMMARY_KEY = '_summary';
export const SECTION_PARTS = ['focus', 'drivers', 'actions', 'outlook'] as const;
export type SectionPart = (typeof SECTION_PARTS)[number];
/** A section's note written without `--part`. */
export const GENERAL_PART = 'general';

export type CommentaryTarget =
  | { readonly kind: 'measure'; readonly id: string }
  | { readonly kind: 'section'; readonly id: string; readonly part?: SectionPart }
  | { readonly kind: 'summary' };

/** What a view shows: the entry, and whether it is last period's text not yet reviewed. */
export interface CommentaryView extends CommentaryEntry {
  readonly carriedForward: boolean;
  /** The period the text was written for (differs from the one asked for when carried forward). */
  readonly period: string;
}

export type SectionCommentary = Partial<Record<SectionPart | typeof GENERAL_PART, CommentaryView>>;

export interface PeriodCommentary {
  readonly period: string;
  readonly lpa: string | null;
  readonly measures: Record<string, CommentaryView>;
  readonly sections: Record<string, SectionCommentary>;
  readonly summary: CommentaryView | null;
}

export function commentaryKey(t: CommentaryTarget): string {
  if (t.kind === 'measure') return t.id;
  if (t.kind === 'summary') return SUMMARY_KEY;
  return `section:${t.id}:${t.part ?? GENERAL_PART}`;
}

function targetOf(key: string): CommentaryTarget {
  if (key === SUMMARY_KEY) return { kind: 'summary' };
  const m = /^section:([^:]+):([a-z]+)$/.exec(key);
  if (m) {
    const part = m[2] as string;
    return (SECTION_PARTS as readonly string[]).includes(part)
      ? { kind: 'section', id: m[1] as string, part: part as SectionPart }
      : { kind: 'section', id: m[1] as string };
  }
  return { kind: 'measure', id: key };
}

/** `records` null: a store not made yet (or unreadable here), which holds no commentary. */
const entries = async (
  records: Records | null,
  period: string,
  lpa: string | null,
): Promise<Record<string, CommentaryEntry>> =>
  records ? records.commentary.entries(period, lpa) : {};

/** The period whose text is offered as a draft: the previous month, quarter or year. */
export function previousPeriod(p: Period): Period | null {
  const back = { month: 1, quarter: 3, year: 12 } as const;
  return p.kind in back ? shiftPeriod(p, -back[p.kind as keyof typeof back]) : null;
}

/** The commentary stored for a period (no drafts): key → entry. */
export function listCommentary(
  records: Records | null,
  period: string,
  lpa: string | null,
): Promise<Record<string, CommentaryEntry>> {
  return entries(records, period, lpa);
}

/** Every key with text for the period, or a draft carried forward from the period before. */
export async function commentaryViews(
  records: Records | null,
  period: string,
  lpa: string | null,
): Promise<Map<string, CommentaryView>> {
  const p = parsePeriod(period);
  const out = new Map<string, CommentaryView>();
  const prev = previousPeriod(p);
  for (const [key, e] of Object.entries(prev ? await entries(records, prev.label, lpa) : {}))
    out.set(key, { ...e, carriedForward: true, period: prev?.label ?? p.label });
  for (const [key, e] of Object.entries(await entries(records, p.label, lpa)))
    out.set(key, { ...e, carriedForward: false, period: p.label });
  return out;
}

/**
 * Commentary for a report: per measure, per section (by part) and the overall summary, with
 * drafts carried forward from the previous period marked `carriedForward: true`.
 */
export async function commentaryFor(
  records: Records | null,
  period: string,
  lpa: string | null,
): Promise<PeriodCommentary> {
  const measures: Record<string, CommentaryView> = {};
  const sections: Record<string, SectionCommentary> = {};
  let summary: CommentaryView | null = null;
  for (const [key, view] of await commentaryViews(records, period, lpa)) {
    const t = targetOf(key);
    if (t.kind === 'summary') summary = view;
    else if (t.kind === 'measure') measures[t.id] = view;
    else (sections[t.id] ??= {})[t.part ?? GENERAL_PART] = view;
  }
  return { period: parsePeriod(period).label, lpa, measures, sections, summary };
}

/**
 * The flat map today's report takes (measure id or `_summary` → text); a draft carried forward
 * says so in its text, so the reader never takes last quarter's reading for this quarter's.
 */
export function commentaryTexts(c: PeriodCommentary): Record<string, string> {
  const text = (v: CommentaryView) =>
    v.carriedForward ? `Carried forward from ${v.period}, not yet reviewed: ${v.text}` : v.text;
  const out: Record<string, string> = {};
  for (const [id, v] of Object.entries(c.measures)) out[id] = text(v);
  if (c.summary) out[SUMMARY_KEY] = text(c.summary);
  return out;
}

/** Writes (or, with empty text, removes) one entry. */
export async function setCommentary(
  records: Records,
  entry: {
    target: CommentaryTarget;
    period: string;
    lpa: string | null;
    text: string;
    author: string;
    now: Date;
  },
  actor: Actor,
): Promise<void> {
  const slot = { period: entry.period, lpa: entry.lpa, key: commentaryKey(entry.target) };
  const text = entry.text.trim();
  await records.commentary.set(
    slot,
    text === '' ? null : { text, author: entry.author, updatedAt: entry.now.toISOString() },
    actor,
  );
}

/** What the annex's parts share: the input, the model built from it, links and anchors. */
import { MeasureResult } from '../../measures/result.ts';
import type { Period } from '../../measures/period.ts';
import { esc } from '../html.ts';
import {
  familyOf,
  REPORT_LAYOUT,
  subsectionIds,
  type LayoutSection,
  type LayoutSubsection,
} from '../layout.ts';
import { measureAnchor, measureBlock, missingLine, type BlockContext } from '../measure-block.ts';
import { type PoliceUkSectionData } from '../police-uk-section.ts';

export interface ReportInput {
  readonly forceName: string;
  readonly period: Period;
  /** A local policing area, or null for the whole force. */
  readonly lpa: string | null;
  readonly results: readonly MeasureResult[];
  /** Analyst commentary by measure id; `_summary` is shown under the scorecard. */
  readonly commentary: Readonly<Record<string, string>>;
  /** ISO date-time the report was generated (the only time printed). */
  readonly generatedAt: string;
  /** A note about the data, shown on the cover. */
  readonly dataNote?: string;
  /** The data.police.uk section's figures, when such data is loaded (police-uk-section.ts). */
  readonly policeUk?: PoliceUkSectionData | null;
}

export interface Model {
  readonly input: ReportInput;
  readonly periodLabel: string;
  readonly byId: ReadonlyMap<string, MeasureResult>;
  /** Ids whose result failed validation, with the reason. */
  readonly invalid: ReadonlyMap<string, string>;
  readonly resultIds: readonly string[];
  readonly ctx: BlockContext;
  /** Measure ids with an anchor in the document (a block, a "not available" line, the crime table). */
  readonly anchors: Set<string>;
}

/** Where a link to a measure should go: its block, else the crime table for a crime row, else nowhere. */
function linkTarget(m: Model, id: string): string | null {
  if (m.anchors.has(id)) return measureAnchor(id);
  if (familyOf(id) === 'recorded_crime' && m.anchors.has('crime_table'))
    return measureAnchor('crime_table');
  return null;
}

/** A measure's title, linked to its place in the document when it has one. */
export function measureLink(m: Model, id: string, title: string): string {
  const target = linkTarget(m, id);
  return target ? `<a class="bl-link" href="#${target}">${esc(title)}</a>` : esc(title);
}

export async function block(
  m: Model,
  r: MeasureResult,
  opts: { tableHtml?: string } = {},
): Promise<string> {
  m.anchors.add(r.id);
  return measureBlock(r, m.ctx, opts);
}

export function missing(m: Model, id: string, title: string): string {
  m.anchors.add(id);
  return missingLine(id, title, m.periodLabel, m.invalid.get(id));
}

export const SUMMARY_KEY = '_summary';

export function validate(results: readonly unknown[]): {
  byId: Map<string, MeasureResult>;
  invalid: Map<string, string>;
  order: string[];
} {
  const byId = new Map<string, MeasureResult>();
  const invalid = new Map<string, string>();
  const order: string[] = [];
  results.forEach((raw, i) => {
    const parsed = MeasureResult.safeParse(raw);
    const rawId =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
        ? ((raw as { id: string }).id as string)
        : `result-${i + 1}`;
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.join('.') || 'result'}: ${first.message}` : 'invalid';
      if (!byId.has(rawId) && !invalid.has(rawId)) {
        invalid.set(rawId, `The result did not match the MeasureResult contract (${where}).`);
        order.push(rawId);
      }
      return;
    }
    if (byId.has(parsed.data.id)) return; // the first result for an id wins
    invalid.delete(parsed.data.id);
    byId.set(parsed.data.id, parsed.data);
    if (!order.includes(parsed.data.id)) order.push(parsed.data.id);
  });
  return { byId, invalid, order };
}

export function numbered(section: LayoutSection, sub?: LayoutSubsection): string {
  if (!sub) return `${section.number}`;
  return `${section.number}.${section.subsections.indexOf(sub) + 1}`;
}

export const sectionAnchor = (s: LayoutSection) => `section-${s.id}`;
export const subsectionAnchor = (s: LayoutSubsection) => `sub-${s.id}`;

/** Ids the layout names or matches anywhere. */
export function laidOutIds(resultIds: readonly string[]): Set<string> {
  return new Set(
    REPORT_LAYOUT.flatMap((sec) => sec.subsections.flatMap((sub) => subsectionIds(sub, resultIds))),
  );
}

export function titleFor(m: Model, id: string, fallback?: string): string {
  return m.byId.get(id)?.title ?? fallback ?? id;
}

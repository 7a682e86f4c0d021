/**
 * What each section page of the board edition shows — decided here, not in the renderer: the
 * subsection's gold measures as compact rows (and silver ones only when they need attention),
 * up to two key charts per page (exceptions first), the crime and priorities tables, the
 * sentences of what needs attention, the analyst's section commentary and, for victim
 * satisfaction, up to three approved quotes.
 */
import { rowsOf, tableSize, type MeasureResult } from '../measures/result.ts';
import type {
  BoardCommentary,
  ChartPlan,
  LayoutPlan,
  Quote,
  ScorecardRow,
  SectionNotes,
  SubsectionBlock,
  TablePlan,
} from './board-model.ts';
import { exceptionKinds, exceptionText, signalPhrase } from './exceptions.ts';
import { DASH, formatCount } from './format.ts';
import { missingRow, scorecardRow } from './scorecard.ts';

export interface SectionContext {
  readonly byId: ReadonlyMap<string, MeasureResult>;
  readonly commentary: BoardCommentary;
  readonly quotes: readonly Quote[];
  readonly basis: string;
  readonly lastMonth: string;
  readonly lpaReport: boolean;
  readonly periodLabel: string;
}

type Section = LayoutPlan;
type Subsection = LayoutPlan['subsections'][number];

/** Charts per page and pages per subsection: the board is about 35 pages, not 200. */
export const CHARTS_PER_PAGE = 2;
const MAX_CHARTS = 4;
/** Quotes printed for victim satisfaction. */
export const MAX_QUOTES = 3;

function chartOf(r: MeasureResult): ChartPlan | null {
  const target = r.target?.value ?? null;
  if (r.spc && r.spc.points.length > 0)
    return { kind: 'spc', id: `${r.id}-spc`, title: r.title, unit: r.unit, spc: r.spc, target };
  if (r.series.filter((p) => p.value !== null).length >= 2)
    return {
      kind: 'trend',
      id: `${r.id}-trend`,
      title: r.title,
      unit: r.unit,
      series: r.series,
      target,
    };
  return null;
}

function hasNotes(n: SectionNotes | undefined): n is SectionNotes {
  return n !== undefined && Object.values(n).some((t) => typeof t === 'string' && t.trim() !== '');
}

/** The subsection's notes, else (for its first subsection) the section's own. */
function notesFor(ctx: SectionContext, section: Section, sub: Subsection): SectionNotes | null {
  const own = ctx.commentary.sections[sub.id];
  if (hasNotes(own)) return own;
  const sec = ctx.commentary.sections[section.id];
  return section.subsections[0] === sub && hasNotes(sec) ? sec : null;
}

/** Whether an analyst wrote anything for the subsection (its notes, or for one of its measures). */
export function hasCommentary(ctx: SectionContext, section: Section, sub: Subsection): boolean {
  if (notesFor(ctx, section, sub)) return true;
  if (hasNotes(ctx.commentary.sections[section.id])) return true;
  return sub.measureIds.some((id) => (ctx.commentary.measures[id] ?? '').trim() !== '');
}

/** The rows a subsection shows: its gold measures (present or not), silver ones needing attention. */
function rowIds(ctx: SectionContext, sub: Subsection): string[] {
  const fixed = new Map(sub.fixed.map((m) => [m.id, m]));
  return sub.measureIds.filter((id) => {
    // The crime table is the page's table, and total crime is its last row.
    if (id === 'crime_table' || (sub.kind === 'crime-table' && id === 'crime_total')) return false;
    const r = ctx.byId.get(id);
    // A table-only result (no single value) is shown as its table, not as an empty row.
    if (r && r.value === null && tableSize(r.table) > 0) return false;
    const tier = r?.tier ?? fixed.get(id)?.tier;
    if (tier === 'gold') return r !== undefined || fixed.has(id);
    if (sub.kind === 'crime-table') return false; // crime groups are rows of the crime table
    return r !== undefined && fixed.has(id) && exceptionKinds(r).length > 0;
  });
}

function rowFor(ctx: SectionContext, sub: Subsection, id: string): ScorecardRow {
  const r = ctx.byId.get(id);
  if (r) return scorecardRow(r, ctx.lastMonth, ctx.lpaReport);
  return missingRow(id, sub.fixed.find((m) => m.id === id)?.title ?? id);
}

function crimeTable(
  ctx: SectionContext,
  sub: Subsection,
): { table: TablePlan | null; flagged: MeasureResult[] } {
  const groups = sub.measureIds
    .filter((id) => id !== 'crime_table' && id !== 'crime_total')
    .map((id) => ctx.byId.get(id))
    .filter((r): r is MeasureResult => r !== undefined);
  const head = [
    { text: 'Crime group' },
    { text: ctx.periodLabel, numeric: true },
    { text: ctx.basis, numeric: true },
    { text: 'Change', numeric: true },
    { text: 'Latest month' },
  ];
  const total = ctx.byId.get('crime_total');
  const flagged = [...groups, ...(total ? [total] : [])].filter((r) =>
    exceptionKinds(r).includes('special_cause'),
  );
  const rows = [...groups, ...(total ? [total] : [])].map((r) => {
    const row = scorecardRow(r, ctx.lastMonth, ctx.lpaReport);
    const last = r.spc?.points.at(-1);
    const signal =
      last && last.pointType !== 'common_cause'
        ? signalPhrase(last.specialCauseType)
        : 'within limits';
    return {
      cells: [
        { text: r.title.replace(/^Recorded crime: /, '') },
        { text: row.value, numeric: true },
        { text: row.lastYear, numeric: true },
        { text: row.change, numeric: true },
        { text: r.spc ? signal : DASH },
      ],
      flagged: flagged.includes(r),
    };
  });
  if (rows.length === 0) {
    // Without the groups' own results, the engine's crime table rows still name each group.
    for (const t of rowsOf(ctx.byId.get('crime_table')?.table, 'crime_groups')) {
      rows.push({
        cells: [
          { text: t.crime_group },
          { text: t.count === null ? DASH : formatCount(t.count), numeric: true },
          { text: DASH, numeric: true },
          { text: DASH, numeric: true },
          { text: DASH },
        ],
        flagged: false,
      });
    }
  }
  if (rows.length === 0) return { table: null, flagged };
  return {
    table: {
      caption: `Recorded crime by group, ${ctx.periodLabel}, against ${ctx.basis}`,
      head,
      rows,
      note: 'Shaded: the latest month shows special cause variation. Counts are of crimes recorded in the period.',
    },
    flagged,
  };
}

/** The key charts of a subsection in order: its exceptions first, then its other gold measures. */
function chartCandidates(
  ctx: SectionContext,
  sub: Subsection,
  ids: readonly string[],
  extra: readonly MeasureResult[],
): ChartPlan[] {
  const results = ids
    .map((id) => ctx.byId.get(id))
    .filter((r): r is MeasureResult => r !== undefined);
  const exceptional = [...results.filter((r) => exceptionKinds(r).length > 0), ...extra];
  const ordered =
    sub.kind === 'crime-table' ? [...results, ...extra] : [...exceptional, ...results];
  const seen = new Set<string>();
  const charts: ChartPlan[] = [];
  for (const r of ordered) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const c = chartOf(r);
    if (c) charts.push(c);
  }
  // A second page only for exceptions: the first page's charts are the subsection's key ones.
  const onFirst = charts.slice(0, CHARTS_PER_PAGE);
  const more = charts
    .slice(CHARTS_PER_PAGE)
    .filter((c) => exceptional.some((r) => c.id.startsWith(`${r.id}-`)));
  return [...onFirst, ...more].slice(0, MAX_CHARTS);
}

export interface PlannedBlock {
  readonly block: SubsectionBlock;
  /** Measure ids the block shows (so the exceptions page can give their page). */
  readonly ids: readonly string[];
}

function inspectionsNote(ctx: SectionContext, ids: readonly string[]): string | null {
  const present = ids
    .map((id) => ctx.byId.get(id))
    .filter((r): r is MeasureResult => r !== undefined);
  if (present.some((r) => r.value !== null || tableSize(r.table) > 0)) return null;
  return 'No inspection records loaded: the register of inspection findings has no records for this period, so this section has no figures. It is not evidence that there are no open recommendations.';
}

/** The block (or blocks, when charts run to a second page) for one subsection. */
export function subsectionBlocks(
  ctx: SectionContext,
  section: Section,
  sub: Subsection,
  first: boolean,
): PlannedBlock[] {
  const number = `${section.number}.${section.subsections.indexOf(sub) + 1}`;
  const heading = `${number} ${sub.title}`;
  const ids = rowIds(ctx, sub);
  const rows = ids.map((id) => rowFor(ctx, sub, id));
  const crime = sub.kind === 'crime-table' ? crimeTable(ctx, sub) : { table: null, flagged: [] };
  const charts = chartCandidates(ctx, sub, ids, crime.flagged);
  // Crime groups outside their limits are shaded in the crime table rather than listed.
  const attention = ids
    .map((id) => ctx.byId.get(id))
    .filter((r): r is MeasureResult => r !== undefined && exceptionKinds(r).length > 0)
    .map((r) => ({ title: r.title, text: exceptionText(r, ctx.basis) }));
  const measureNotes = sub.measureIds
    .filter((id) => (ctx.commentary.measures[id] ?? '').trim() !== '')
    .map((id) => ({
      title: ctx.byId.get(id)?.title ?? sub.fixed.find((m) => m.id === id)?.title ?? id,
      text: (ctx.commentary.measures[id] ?? '').trim(),
    }));
  const quotes = sub.id === 'satisfaction' ? ctx.quotes.slice(0, MAX_QUOTES) : [];
  const base: SubsectionBlock = {
    id: sub.id,
    sectionHeading: first ? `${section.number} ${section.title}` : null,
    anchor: `sub-${sub.id}`,
    sectionAnchor: first ? `section-${section.id}` : null,
    continued: false,
    heading,
    rows,
    table: crime.table,
    resultTables: sub.measureIds
      .filter((id) => id !== 'crime_table')
      .map((id) => ctx.byId.get(id))
      .flatMap((r) =>
        r !== undefined &&
        r.tier === 'gold' &&
        r.value === null &&
        r.table &&
        tableSize(r.table) > 0
          ? [
              {
                caption: `${r.title}, ${r.window.label === r.period.label ? ctx.periodLabel : r.window.label}`,
                unit: r.unit,
                table: r.table,
              },
            ]
          : [],
      ),
    charts: charts.slice(0, CHARTS_PER_PAGE),
    attention,
    notes: notesFor(ctx, section, sub),
    measureNotes,
    quotes,
    emptyNote: sub.kind === 'inspections' ? inspectionsNote(ctx, sub.measureIds) : null,
  };
  const blocks: PlannedBlock[] = [{ block: base, ids: sub.measureIds }];
  const rest = charts.slice(CHARTS_PER_PAGE);
  if (rest.length > 0) {
    blocks.push({
      block: {
        ...base,
        sectionHeading: null,
        sectionAnchor: null,
        anchor: `sub-${sub.id}-more`,
        continued: true,
        heading: `${heading} (continued)`,
        rows: [],
        table: null,
        charts: rest,
        attention: [],
        notes: null,
        measureNotes: [],
        quotes: [],
        emptyNote: null,
      },
      ids: [],
    });
  }
  return blocks;
}

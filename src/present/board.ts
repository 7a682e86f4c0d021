/**
 * The board edition as a list of fixed A4 landscape pages, numbered here so the contents can
 * list them: cover, contents, the summary of exceptions, the scorecard (two pages), projections
 * to the year end, one or two pages per subsection (subsections without charts share a page),
 * and a page on how to read the pack. Every choice of what goes where is made here.
 */
import type { MeasureResult } from '../measures/result.ts';
import type {
  AboutPage,
  BoardCommentary,
  BoardInput,
  BoardModel,
  BoardPage,
  ContentsPage,
  CoverPage,
  ExceptionLine,
  ExceptionsPage,
  ProjectionsPage,
  Quote,
  ScorecardPage,
  ScorecardRow,
  SectionNotes,
  SectionPage,
  SubsectionBlock,
} from './board-model.ts';
import { VOCABULARIES } from './vocabulary.ts';
import { changeDirection, exceptionKinds, exceptionText } from './exceptions.ts';
import {
  formatCount,
  formatMonth,
  formatDate,
  formatDateTime,
  formatMonthRange,
  formatPeriodLabel,
} from './format.ts';
import { financialYear, projectionRow } from './projections.ts';
import { checkResults } from './results.ts';
import { basisLabel, missingRow, scorecardRow, variationOf } from './scorecard.ts';
import {
  hasCommentary,
  subsectionBlocks,
  type PlannedBlock,
  type SectionContext,
} from './sections.ts';

/** Rows on one scorecard page (two pages hold the demo force's 51 gold measures). */
export const SCORECARD_ROWS_PER_PAGE = 26;
/** Exception lines on the summary page; the rest are counted and are in the scorecard. */
export const MAX_EXCEPTION_LINES = 18;
/** Projection rows on a page, and pages of projections at most. */
export const PROJECTION_ROWS_PER_PAGE = 20;
const MAX_PROJECTION_PAGES = 2;
/** Estimated lines of text a section page's side column holds (9pt on A4 landscape). */
const SIDE_CAPACITY = 38;
/** Estimated lines a page of blocks without charts holds. */
const PAGE_CAPACITY = 38;
const CHARS_PER_LINE = 60;

export function isSynthetic(forceName: string): boolean {
  return /synthetic/i.test(forceName);
}

export function markingFor(input: Pick<BoardInput, 'forceName' | 'edition'>): string {
  if (input.edition === 'public')
    return isSynthetic(input.forceName) ? 'PUBLIC — SYNTHETIC DATA' : 'PUBLIC';
  return isSynthetic(input.forceName) ? 'OFFICIAL — SYNTHETIC DATA' : 'OFFICIAL';
}

const lines = (text: string) => Math.ceil(text.length / CHARS_PER_LINE);

/**
 * Lines of 9pt text a block's commentary and quotes take in a side column, estimated from
 * their length (a heading, a label or a quote's box counts as a line and a half or two).
 */
function notesLines(b: SubsectionBlock): number {
  let n = 0;
  for (const t of Object.values(b.notes ?? {}))
    if (typeof t === 'string' && t.trim()) n += 1.6 + lines(t);
  for (const m of b.measureNotes) n += 1.6 + lines(m.text);
  if (n > 0) n += 2;
  for (const q of b.quotes) n += 1.5 + lines(q.text);
  if (b.quotes.length > 0) n += 2;
  return n;
}

/** Lines a visual page's side column takes: compact rows wrap to two lines. */
function sideLines(b: SubsectionBlock): number {
  const rows = b.rows.length > 0 ? b.rows.length * 2.1 + 2.5 : 0;
  const attention = b.attention.reduce(
    (n, a) => n + 0.3 + lines(`${a.title}: ${a.text}`),
    b.attention.length ? 2 : 0,
  );
  return rows + attention + notesLines(b) + (b.emptyNote ? 1 + lines(b.emptyNote) : 0);
}

function blockLines(b: SubsectionBlock): number {
  return (
    3 + b.rows.length * 1.2 + b.attention.length * 1.2 + notesLines(b) / 2 + (b.emptyNote ? 2 : 0)
  );
}

const visual = (b: SubsectionBlock) =>
  b.charts.length > 0 || b.table !== null || b.resultTables.length > 0;

/** Moves commentary and quotes that would not fit beside the charts onto a continuation page. */
function fitSide(planned: PlannedBlock[]): PlannedBlock[] {
  const out: PlannedBlock[] = [];
  for (let i = 0; i < planned.length; i++) {
    const p = planned[i]!;
    const b = p.block;
    if (!visual(b) || b.continued || sideLines(b) <= SIDE_CAPACITY) {
      out.push(p);
      continue;
    }
    const moved = { notes: b.notes, measureNotes: b.measureNotes, quotes: b.quotes };
    out.push({ ...p, block: { ...b, notes: null, measureNotes: [], quotes: [] } });
    const next = planned[i + 1];
    if (next && next.block.continued && next.block.id === b.id) {
      out.push({ ...next, block: { ...next.block, ...moved } });
      i++;
    } else {
      out.push({
        ids: [],
        block: {
          ...b,
          ...moved,
          sectionHeading: null,
          sectionAnchor: null,
          anchor: `${b.anchor}-notes`,
          continued: true,
          heading: `${b.heading} (continued)`,
          rows: [],
          table: null,
          charts: [],
          attention: [],
          emptyNote: null,
        },
      });
    }
  }
  return out;
}

/** Visual blocks get a page each; consecutive blocks without charts share pages. */
function packPages(planned: PlannedBlock[]): PlannedBlock[][] {
  const pages: PlannedBlock[][] = [];
  let current: PlannedBlock[] = [];
  let used = 0;
  const flush = () => {
    if (current.length) pages.push(current);
    current = [];
    used = 0;
  };
  for (const p of planned) {
    if (visual(p.block)) {
      flush();
      pages.push([p]);
      continue;
    }
    const need = blockLines(p.block);
    if (current.length > 0 && (used + need > PAGE_CAPACITY || current.length >= 4)) flush();
    current.push(p);
    used += need;
  }
  flush();
  return pages;
}

interface Draft {
  readonly make: (n: number) => BoardPage;
}

/** Builds the board edition's pages from results, commentary and approved quotes. */
export function buildBoardModel(input: BoardInput): BoardModel {
  const checked = checkResults(input.results as readonly unknown[]);
  const { byId } = checked;
  const results = [...byId.values()];
  const periodLabel = formatPeriodLabel(input.period.label);
  const lastMonth = input.period.months.at(-1) ?? input.period.end.slice(0, 7);
  const basis = basisLabel(results, input.period.label);
  const lpaReport = input.lpa !== null;
  const ctx: SectionContext = {
    byId,
    commentary: input.commentary,
    quotes: input.quotes,
    basis,
    lastMonth,
    lpaReport,
    periodLabel,
  };
  const marking = markingFor(input);
  const area = input.lpa ? `${input.forceName} — ${input.lpa}` : input.forceName;

  // Section pages first: the exceptions page needs their numbers.
  const planned: PlannedBlock[] = [];
  const sectionOf = new Map<string, string>();
  for (const section of input.layout) {
    section.subsections.forEach((sub, i) => {
      for (const p of subsectionBlocks(ctx, section, sub, i === 0)) planned.push(p);
      sectionOf.set(sub.id, `${section.number} ${section.title}`);
    });
  }
  const sectionPages = packPages(fitSide(planned));

  // Gold measures in layout order, then any gold result the layout does not place.
  const laid = new Set(input.layout.flatMap((s) => s.subsections.flatMap((x) => x.measureIds)));
  const goldRows: ScorecardRow[] = [];
  const seen = new Set<string>();
  for (const s of input.layout)
    for (const sub of s.subsections)
      for (const id of sub.measureIds) {
        if (seen.has(id)) continue;
        const r = byId.get(id);
        const fixed = sub.fixed.find((m) => m.id === id);
        if ((r?.tier ?? fixed?.tier) !== 'gold') continue;
        seen.add(id);
        goldRows.push(
          r ? scorecardRow(r, lastMonth, lpaReport) : missingRow(id, fixed?.title ?? id),
        );
      }
  for (const r of results)
    if (r.tier === 'gold' && !laid.has(r.id) && !seen.has(r.id))
      goldRows.push(scorecardRow(r, lastMonth, lpaReport));

  const scoreParts: ScorecardRow[][] = [];
  for (let i = 0; i < goldRows.length; i += SCORECARD_ROWS_PER_PAGE)
    scoreParts.push(goldRows.slice(i, i + SCORECARD_ROWS_PER_PAGE));
  if (scoreParts.length === 0) scoreParts.push([]);

  const { label: year, last: yearEnd } = financialYear(lastMonth);
  // Total recorded crime and the key (gold) counts first, then the crime groups.
  const crimeIds = input.layout.flatMap((s) =>
    s.subsections.filter((x) => x.kind === 'crime-table').flatMap((x) => x.measureIds),
  );
  const projIds = ['crime_total', ...goldRows.map((r) => r.id), ...crimeIds];
  const projections = [...new Set(projIds)]
    .map((id) => byId.get(id))
    .filter((r): r is MeasureResult => r !== undefined)
    .map((r) => projectionRow(r, lastMonth))
    .filter((r) => r !== null)
    // A priority and a crime group can be the same count (residential burglary): once.
    .filter((r, i, rows) => rows.findIndex((x) => x.title === r.title) === i)
    .slice(0, PROJECTION_ROWS_PER_PAGE * MAX_PROJECTION_PAGES);
  const projParts: (typeof projections)[] = [];
  for (let i = 0; i < projections.length; i += PROJECTION_ROWS_PER_PAGE)
    projParts.push(projections.slice(i, i + PROJECTION_ROWS_PER_PAGE));

  // Page numbers: cover 1, contents 2, exceptions 3, scorecard, projections, sections, about.
  const first = 4;
  const scoreFirst = first;
  const projPage = scoreFirst + scoreParts.length;
  const sectionFirst = projPage + projParts.length;
  const aboutPage = sectionFirst + sectionPages.length;
  const pageOfMeasure = new Map<string, number>();
  sectionPages.forEach((page, i) => {
    for (const p of page)
      for (const id of p.ids) if (!pageOfMeasure.has(id)) pageOfMeasure.set(id, sectionFirst + i);
  });

  const exceptions: ExceptionLine[] = [];
  for (const row of goldRows) {
    const r = byId.get(row.id);
    if (!r) continue;
    const kinds = exceptionKinds(r);
    if (kinds.length === 0) continue;
    exceptions.push({
      id: r.id,
      title: r.title,
      kinds,
      status: r.status,
      variation: variationOf(r),
      assurance: r.spc?.assuranceIcon ?? null,
      changeDirection: changeDirection(r),
      text: exceptionText(r, basis),
      page: pageOfMeasure.get(r.id) ?? null,
    });
  }
  const noCommentary = input.layout.flatMap((s) =>
    s.subsections
      .filter((sub) => !hasCommentary(ctx, s, sub))
      .map((sub) => `${s.number}.${s.subsections.indexOf(sub) + 1} ${sub.title}`),
  );
  const summary = input.commentary.summary?.trim() ? input.commentary.summary.trim() : null;

  const dataAsAt = results
    .flatMap((r) => [r.freshness.latestRecord].filter((x): x is string => x !== null))
    .sort()
    .at(-1);
  const missingGold = goldRows.filter((r) => !r.available).length;

  const cover = (n: number): CoverPage => ({
    kind: 'cover',
    number: n,
    anchor: 'cover',
    title: null,
    heading: `Performance report: ${periodLabel}`,
    synthetic: isSynthetic(input.forceName),
    publicEdition: input.edition === 'public',
    rows: [
      { key: 'Force', value: area },
      { key: 'Period', value: `${periodLabel} (${formatMonthRange(input.period.months)})` },
      { key: 'For', value: input.meeting ?? 'Not stated (give --meeting)' },
      { key: 'Version', value: input.version },
      { key: 'Data as at', value: dataAsAt ? formatDate(dataAsAt) : 'Not recorded' },
      { key: 'Owner', value: input.owner ?? 'Not stated (give --owner)' },
      {
        key: 'Edition',
        value: input.edition === 'public' ? 'Public (small numbers suppressed)' : 'Board',
      },
      { key: 'Generated', value: formatDateTime(input.generatedAt) },
    ],
  });

  const exceptionsPage = (n: number): ExceptionsPage => ({
    kind: 'exceptions',
    number: n,
    anchor: 'exceptions',
    title: 'What needs attention',
    intro: `${formatCount(exceptions.length)} of the ${formatCount(goldRows.length)} gold measures need attention in ${periodLabel}: a target missed or at risk, special cause variation in the latest point, or a significant change on ${basis}.${missingGold > 0 ? ` ${formatCount(missingGold)} have no result.` : ''}`,
    lines: exceptions.slice(0, MAX_EXCEPTION_LINES),
    more: Math.max(0, exceptions.length - MAX_EXCEPTION_LINES),
    summary,
    noCommentary,
  });

  const scorePage =
    (rows: ScorecardRow[], part: number) =>
    (n: number): ScorecardPage => ({
      kind: 'scorecard',
      number: n,
      anchor: part === 1 ? 'scorecard' : `scorecard-${part}`,
      title: part === 1 ? 'Gold scorecard' : `Gold scorecard (${part} of ${scoreParts.length})`,
      part,
      parts: scoreParts.length,
      basis,
      intro: `Each measure against the same window a year earlier (${basis} for quarterly figures); * a significant change (5% level). Variation: the latest point against its process limits.`,
      rows,
    });

  const projectionsPage =
    (rows: typeof projections, part: number) =>
    (n: number): ProjectionsPage => ({
      kind: 'projections',
      number: n,
      anchor: part === 1 ? 'projections' : `projections-${part}`,
      title:
        part === 1
          ? `Projections to the end of ${year}`
          : `Projections to the end of ${year} (${part} of ${projParts.length})`,
      part,
      parts: projParts.length,
      year,
      intro: `Projected totals for ${year} (to ${formatMonthRange([yearEnd])}): the months recorded so far plus a projection of each month still to come, with a 95% interval. A projection carries on the seasonal pattern and trend of the last three years; it is not a forecast of what action will achieve.`,
      rows,
      method:
        'Seasonal naive projection with drift (each month as the same month last year plus the average year-on-year change); interval from the spread of year-on-year changes. See the technical annex and docs/spc.md.',
    });

  const sectionPage =
    (blocks: PlannedBlock[]) =>
    (n: number): SectionPage => {
      const firstBlock = blocks[0]!.block;
      return {
        kind: 'section',
        number: n,
        anchor: `page-${n}`,
        title: blocks.map((b) => b.block.heading).join('; '),
        runningHead: sectionOf.get(firstBlock.id) ?? '',
        blocks: blocks.map((b) => b.block),
      };
    };

  const about = (n: number): AboutPage => ({
    kind: 'about',
    number: n,
    anchor: 'about',
    title: 'How to read this pack',
    paragraphs: [
      `Status compares each value with what good looks like: met, near, not met, no target or no data. A measure without data for ${periodLabel} says so; it is never shown as met or not met.`,
      'Variation (Making Data Count): the latest point against its process limits — common cause (≈), or special cause on the high (▲) or low (▼) side, coloured as an improvement (blue) or a concern (orange). A rise on last year next to “common cause” is not a contradiction: the change may be within the normal variation of the months charted.',
      'Assurance: whether the process limits lie wholly above or below the target (consistently passes ✓, consistently fails ✗) or straddle it (hit and miss ?).',
      `Changes are on ${basis} for quarterly figures, and on the same window a year earlier for rolling or point-in-time figures. * marks a change that is statistically significant at the 5% level (two-proportion z test, adjusted for overlapping windows); counts are not tested.`,
      'Definitions, how each number was calculated, the record counts behind each figure, breakdowns and the SQL are in the technical annex (bluelamp report --annex).',
      ...(input.edition === 'public'
        ? [
            'Public edition: every count from 1 to 4 is shown as “fewer than 5”, with other cells suppressed where a small number could be worked out from totals or differences; rates and percentages on a base under 5 are not shown.',
          ]
        : []),
    ],
  });

  const drafts: Draft[] = [
    { make: cover },
    { make: (n) => contentsPlaceholder(n) },
    { make: exceptionsPage },
    ...scoreParts.map((rows, i) => ({ make: scorePage(rows, i + 1) })),
    ...projParts.map((rows, i) => ({ make: projectionsPage(rows, i + 1) })),
    ...sectionPages.map((blocks) => ({ make: sectionPage(blocks) })),
    { make: about },
  ];
  const pages = drafts.map((d, i) => d.make(i + 1));
  if (pages.length !== aboutPage)
    throw new Error(`board pages miscounted: ${pages.length} vs ${aboutPage}`);
  pages[1] = contentsOf(pages);

  return {
    edition: input.edition,
    title: `${area}: performance report, ${periodLabel}`,
    marking,
    generatedAt: input.generatedAt,
    footer: `${area} · ${periodLabel}`,
    pages,
    invalid: [...checked.invalid.entries()].map(([id, reason]) => ({ id, reason })),
  };
}

function contentsPlaceholder(n: number): ContentsPage {
  return { kind: 'contents', number: n, anchor: 'contents', title: 'Contents', entries: [] };
}

function contentsOf(pages: readonly BoardPage[]): ContentsPage {
  const entries: ContentsPage['entries'][number][] = [];
  for (const p of pages) {
    if (p.kind === 'cover' || p.kind === 'contents') continue;
    if ((p.kind === 'scorecard' || p.kind === 'projections') && p.part > 1) continue;
    if (p.kind === 'section') {
      for (const b of p.blocks) {
        if (b.continued) continue;
        if (b.sectionHeading && b.sectionAnchor)
          entries.push({
            title: b.sectionHeading,
            page: p.number,
            anchor: b.sectionAnchor,
            level: 1,
          });
        entries.push({ title: b.heading, page: p.number, anchor: b.anchor, level: 2 });
      }
      continue;
    }
    entries.push({ title: p.title ?? '', page: p.number, anchor: p.anchor, level: 1 });
  }
  return { ...contentsPlaceholder(2), entries };
}

/** An approved quote as the board prints it: the words, and whose survey and when. */
export function boardQuote(q: { text: string; survey: string; month: string }): Quote {
  const survey = (VOCABULARIES.survey as Readonly<Record<string, string>>)[q.survey] ?? q.survey;
  return { text: q.text, source: `${survey} survey, ${formatMonth(q.month)}` };
}

/** Commentary as the board takes it, from the stored entries (drafts carried forward say so). */
export function boardCommentary(c: {
  readonly measures: Readonly<
    Record<string, { text: string; carriedForward: boolean; period: string }>
  >;
  readonly sections: Readonly<
    Record<
      string,
      Readonly<
        Record<string, { text: string; carriedForward: boolean; period: string } | undefined>
      >
    >
  >;
  readonly summary: { text: string; carriedForward: boolean; period: string } | null;
}): BoardCommentary {
  const text = (v: { text: string; carriedForward: boolean; period: string }) =>
    v.carriedForward
      ? `Carried forward from ${formatPeriodLabel(v.period)}, not yet reviewed: ${v.text}`
      : v.text;
  const measures: Record<string, string> = {};
  for (const [id, v] of Object.entries(c.measures)) measures[id] = text(v);
  const sections: Record<string, SectionNotes> = {};
  for (const [id, parts] of Object.entries(c.sections)) {
    const notes: Record<string, string> = {};
    for (const [part, v] of Object.entries(parts)) {
      if (!v) continue;
      // Text written for the section as a whole reads as its focus.
      notes[part === 'general' ? 'focus' : part] = text(v);
    }
    sections[id] = notes as SectionNotes;
  }
  return { summary: c.summary ? text(c.summary) : null, measures, sections };
}

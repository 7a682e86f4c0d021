/**
 * The board edition's view model: plain, typed data for every page of the pack, decided here
 * (what each page shows, in which order, on which page number) so the renderer in
 * `src/report/board/` only turns it into HTML. Text is already formatted (en-GB, `format.ts`);
 * icons travel as the engine's codes (`variationIcon`, `assuranceIcon`) and the renderer draws
 * them. Charts travel as the chart builders' inputs, so the renderer only renders them.
 */
import type {
  MeasureResult,
  SeriesPoint,
  SpcSummary,
  Status,
  BreakdownRow,
  ResultTable,
} from '../measures/result.ts';
import type { Period } from '../measures/period.ts';

/** The four headings of a section's commentary (issue 7 §6); any may be absent. */
export interface SectionNotes {
  readonly focus?: string;
  readonly drivers?: string;
  readonly actions?: string;
  readonly outlook?: string;
}

/** The analyst's words for one report: the overall summary, per measure and per section. */
export interface BoardCommentary {
  readonly summary: string | null;
  /** Commentary by measure id. */
  readonly measures: Readonly<Record<string, string>>;
  /** Commentary by section or subsection id (the layout's ids). */
  readonly sections: Readonly<Record<string, SectionNotes>>;
}

/** A victim's words, redacted and approved by the analyst (nothing else reaches a pack). */
export interface Quote {
  readonly text: string;
  /** Which survey it came from, e.g. "Burglary victims", when known. */
  readonly source?: string | null;
}

/** The report layout as present/ needs it: sections → subsections → measure ids in order. */
export interface LayoutPlan {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly subsections: readonly {
    readonly id: string;
    readonly title: string;
    readonly kind: 'measures' | 'crime-table' | 'priority-table' | 'inspections';
    /** Every id the subsection shows, in order (fixed ids first, then family members). */
    readonly measureIds: readonly string[];
    /** The ids the layout names (the others are family members matched in the results). */
    readonly fixed: readonly {
      readonly id: string;
      /** Shown when the result is missing. */
      readonly title: string;
      readonly tier: 'gold' | 'silver' | 'bronze';
    }[];
  }[];
}

export type Edition = 'board' | 'public';

export interface BoardInput {
  readonly edition: Edition;
  readonly forceName: string;
  readonly period: Period;
  readonly lpa: string | null;
  readonly results: readonly MeasureResult[];
  readonly layout: readonly LayoutPlan[];
  readonly commentary: BoardCommentary;
  readonly quotes: readonly Quote[];
  /** The meeting the pack is for, e.g. "Police and Crime Panel, 15 September 2021". */
  readonly meeting: string | null;
  readonly owner: string | null;
  /** The document's version, e.g. "1.0" or "Bluelamp 0.1.0". */
  readonly version: string;
  /** ISO date-time the pack was generated (the only time printed). */
  readonly generatedAt: string;
}

// --- the pieces of a page --------------------------------------------------------------------

/** An icon as the engine coded it; the renderer draws symbol + words. */
export interface VariationMark {
  readonly icon: string;
  /** The last point's special-cause type (which side the signal is on). */
  readonly lastType: string | null;
}

export interface ScorecardRow {
  readonly id: string;
  readonly title: string;
  readonly value: string;
  /** The value a year earlier (the one comparison basis of the scorecard), or a dash. */
  readonly lastYear: string;
  /** The change on a year earlier ("+2.0 pts", "−4% (−120)"), or a dash. */
  readonly change: string;
  /** `true` significant, `false` tested and not significant, `null` no test. */
  readonly significant: boolean | null;
  readonly target: string;
  readonly status: Status;
  readonly variation: VariationMark | null;
  readonly assurance: string | null;
  /** Up to 12 monthly values, oldest first (null = no value that month), for the sparkline. */
  readonly spark: readonly (number | null)[];
  /** The sparkline in words, for its text alternative: "12 months: 6,532 to 7,812". */
  readonly sparkText: string;
  /** Notes in the row: "force-wide", "partial data", "no data in window", "not available". */
  readonly marks: readonly string[];
  /** False when the result is missing or failed the contract. */
  readonly available: boolean;
}

export type ExceptionKind = 'special_cause' | 'target' | 'change';

export interface ExceptionLine {
  readonly id: string;
  readonly title: string;
  /** The most important reason first; a line has every reason the measure is listed for. */
  readonly kinds: readonly ExceptionKind[];
  readonly status: Status;
  readonly variation: VariationMark | null;
  readonly assurance: string | null;
  /** The direction of a significant change on last year, when that is a reason. */
  readonly changeDirection: 'up' | 'down' | null;
  /** One sentence: "62% against at least 80%; special cause of concern in June 2021." */
  readonly text: string;
  /** The page the measure's section is on. */
  readonly page: number | null;
}

/** A chart to draw: the builder to use and its input. */
export type ChartPlan =
  | {
      readonly kind: 'spc';
      readonly id: string;
      readonly title: string;
      readonly unit: MeasureResult['unit'];
      readonly spc: SpcSummary;
      readonly target: number | null;
    }
  | {
      readonly kind: 'trend';
      readonly id: string;
      readonly title: string;
      readonly unit: MeasureResult['unit'];
      readonly series: readonly SeriesPoint[];
      readonly target: number | null;
    }
  | {
      readonly kind: 'map';
      readonly id: string;
      readonly title: string;
      readonly unit: MeasureResult['unit'];
      readonly breakdown: readonly BreakdownRow[];
      readonly areaNoun: string;
    }
  | {
      readonly kind: 'bars';
      readonly id: string;
      readonly title: string;
      readonly rows: readonly { label: string; value: number | null; compare?: number | null }[];
      readonly format: 'percent' | 'count';
      readonly valueLabel: string;
      readonly compareLabel?: string;
      readonly categoryLabel: string;
    };

/** A small table on a section page (the crime groups, the priorities). */
export interface TablePlan {
  readonly caption: string;
  readonly head: readonly { text: string; numeric?: boolean }[];
  readonly rows: readonly {
    readonly cells: readonly { text: string; numeric?: boolean }[];
    /** Shaded: the latest point is outside its limits. */
    readonly flagged?: boolean;
  }[];
  readonly note?: string;
}

export interface SubsectionBlock {
  readonly id: string;
  /** The section heading when this block starts its section ("1 A high quality …"). */
  readonly sectionHeading: string | null;
  /** Anchors of the block's heading and of its section heading (when it has one). */
  readonly anchor: string;
  readonly sectionAnchor: string | null;
  /** True on the page that carries the rest of a block (its commentary). */
  readonly continued: boolean;
  /** "1.1 Victim satisfaction". */
  readonly heading: string;
  /** The subsection's measures as compact scorecard rows. */
  readonly rows: readonly ScorecardRow[];
  readonly table: TablePlan | null;
  /** Results that are tables only (no single value), e.g. the national measures. */
  readonly resultTables: readonly {
    readonly caption: string;
    readonly unit: MeasureResult['unit'];
    readonly table: ResultTable;
  }[];
  readonly charts: readonly ChartPlan[];
  /** What needs attention here: one sentence per exception, with the measure's title. */
  readonly attention: readonly { readonly title: string; readonly text: string }[];
  readonly notes: SectionNotes | null;
  /** Commentary written for single measures of this subsection. */
  readonly measureNotes: readonly { readonly title: string; readonly text: string }[];
  readonly quotes: readonly Quote[];
  /** A note in place of figures (e.g. "No inspection records loaded"). */
  readonly emptyNote: string | null;
}

export interface ProjectionRow {
  readonly id: string;
  readonly title: string;
  /** "April to June 2021". */
  readonly observedMonths: string;
  readonly observed: string;
  readonly projected: string;
  readonly interval: string;
  readonly lastYear: string;
  readonly change: string;
}

// --- pages -----------------------------------------------------------------------------------

interface PageBase {
  /** 1-based; known when the model is built, so the contents can list it. */
  readonly number: number;
  /** The anchor of the page (and its bookmark). */
  readonly anchor: string;
  /** The title in the contents; null for the cover. */
  readonly title: string | null;
}

export interface CoverPage extends PageBase {
  readonly kind: 'cover';
  readonly heading: string;
  readonly rows: readonly { readonly key: string; readonly value: string }[];
  readonly synthetic: boolean;
  readonly publicEdition: boolean;
}

export interface ContentsPage extends PageBase {
  readonly kind: 'contents';
  readonly entries: readonly {
    readonly title: string;
    readonly page: number;
    readonly anchor: string;
    readonly level: 1 | 2;
  }[];
}

export interface ExceptionsPage extends PageBase {
  readonly kind: 'exceptions';
  readonly intro: string;
  readonly lines: readonly ExceptionLine[];
  /** Exceptions left off the page for room (they are all in the scorecard). */
  readonly more: number;
  readonly summary: string | null;
  /** Sections (subsection headings) without any commentary for the period. */
  readonly noCommentary: readonly string[];
}

export interface ScorecardPage extends PageBase {
  readonly kind: 'scorecard';
  readonly part: number;
  readonly parts: number;
  /** "Q1 2020/21": the comparison basis, the same for every row. */
  readonly basis: string;
  readonly intro: string;
  readonly rows: readonly ScorecardRow[];
}

export interface ProjectionsPage extends PageBase {
  readonly kind: 'projections';
  readonly part: number;
  readonly parts: number;
  readonly intro: string;
  /** "2021/22": the financial year projected to its end. */
  readonly year: string;
  readonly rows: readonly ProjectionRow[];
  readonly method: string;
}

export interface SectionPage extends PageBase {
  readonly kind: 'section';
  /** The section's name for the running head of continuation pages. */
  readonly runningHead: string;
  readonly blocks: readonly SubsectionBlock[];
}

export interface AboutPage extends PageBase {
  readonly kind: 'about';
  readonly paragraphs: readonly string[];
}

export type BoardPage =
  | CoverPage
  | ContentsPage
  | ExceptionsPage
  | ScorecardPage
  | ProjectionsPage
  | SectionPage
  | AboutPage;

export interface BoardModel {
  readonly edition: Edition;
  /** The document title (the HTML <title> and the PDF's). */
  readonly title: string;
  /** The handling marking, printed once per page in the page's own header. */
  readonly marking: string;
  readonly generatedAt: string;
  /** Footer text: force and period. */
  readonly footer: string;
  readonly pages: readonly BoardPage[];
  /** Results that failed the contract, by id, with the reason (shown as "not available"). */
  readonly invalid: readonly { readonly id: string; readonly reason: string }[];
}

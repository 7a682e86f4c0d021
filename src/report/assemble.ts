/**
 * The technical annex to the board pack (formerly the whole quarterly report): MeasureResults →
 * one self-contained HTML file (inline CSS,
 * inline SVG charts, no scripts, no external requests), structured as the force's Gold scorecard
 * report (seed 003): cover, contents, summary scorecard, how to read the report, six numbered
 * sections, other measures, and an appendix with the SQL behind each figure.
 *
 * Deterministic: the only time in the output is `generatedAt`; ids derive from measure ids; SVG
 * is rendered deterministically (see charts/render.ts). A result that fails the MeasureResult
 * schema or is absent renders as a "not available" line; nothing in the results can make
 * `buildReport` throw.
 */
import { MeasureResult } from '../measures/result.ts';
import type { Period } from '../measures/period.ts';
import {
  DASH,
  formatCount,
  formatDateTime,
  formatMonthRange,
  formatNumber,
  formatPeriodLabel,
  windowLabel,
} from '../present/format.ts';
import { esc, paragraphs, slug, tableHtml, type Cell } from './html.ts';
import { comparisonWhen } from './key-points.ts';
import {
  familyOf,
  REPORT_LAYOUT,
  subsectionIds,
  type LayoutMeasure,
  type LayoutSection,
  type LayoutSubsection,
} from './layout.ts';
import {
  baseText,
  changeCell,
  displayValue,
  iconTag,
  measureAnchor,
  measureBlock,
  missingLine,
  statusTag,
  warningHtml,
  type BlockContext,
} from './measure-block.ts';
import { assuranceIconText, variationIconText } from './spc-text.ts';
import { REPORT_CSS } from './styles.ts';
import {
  POLICE_UK_SECTION_ID,
  POLICE_UK_SECTION_TITLE,
  policeUkSectionHtml,
  type PoliceUkSectionData,
} from './police-uk-section.ts';
import {
  crimeRows,
  crimeTable,
  limitMethods,
  limitsFlag,
  priorityTable,
  spcGrain,
  twoYearsLabel,
} from './tables.ts';

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

interface Model {
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
function measureLink(m: Model, id: string, title: string): string {
  const target = linkTarget(m, id);
  return target ? `<a class="bl-link" href="#${target}">${esc(title)}</a>` : esc(title);
}

async function block(
  m: Model,
  r: MeasureResult,
  opts: { tableHtml?: string } = {},
): Promise<string> {
  m.anchors.add(r.id);
  return measureBlock(r, m.ctx, opts);
}

function missing(m: Model, id: string, title: string): string {
  m.anchors.add(id);
  return missingLine(id, title, m.periodLabel, m.invalid.get(id));
}

const SUMMARY_KEY = '_summary';

function validate(results: readonly unknown[]): {
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

function numbered(section: LayoutSection, sub?: LayoutSubsection): string {
  if (!sub) return `${section.number}`;
  return `${section.number}.${section.subsections.indexOf(sub) + 1}`;
}

const sectionAnchor = (s: LayoutSection) => `section-${s.id}`;
const subsectionAnchor = (s: LayoutSubsection) => `sub-${s.id}`;

/** Ids the layout names or matches anywhere. */
function laidOutIds(resultIds: readonly string[]): Set<string> {
  return new Set(
    REPORT_LAYOUT.flatMap((sec) => sec.subsections.flatMap((sub) => subsectionIds(sub, resultIds))),
  );
}

function titleFor(m: Model, id: string, fallback?: string): string {
  return m.byId.get(id)?.title ?? fallback ?? id;
}

// --- cover, contents --------------------------------------------------------------------------

/** The months the results' data covers, first to last ("YYYY-MM" sorts as text). */
function dataCovers(results: readonly MeasureResult[]): string | null {
  const from = results.flatMap((r) => (r.coverage?.from ? [r.coverage.from] : [])).sort();
  const to = results.flatMap((r) => (r.coverage?.to ? [r.coverage.to] : [])).sort();
  const first = from[0];
  const last = to.at(-1);
  return first && last ? formatMonthRange([first, last]) : null;
}

/** Markers for the summary table: a force-wide figure in an LPA report, no or partial data. */
function coverageMarks(r: MeasureResult, lpaReport: boolean): string[] {
  const marks: string[] = [];
  if (lpaReport && r.scope === 'force') marks.push('force-wide');
  if (r.coverage?.window === 'none') marks.push('no data in window');
  if (r.coverage?.window === 'partial') marks.push('partial data');
  return marks;
}

function isSynthetic(forceName: string): boolean {
  return /synthetic/i.test(forceName);
}

function cover(m: Model): string {
  const { input } = m;
  const months = formatMonthRange(input.period.months);
  const scope = input.lpa ? `Local policing area: ${input.lpa}` : 'Force-wide';
  const present = m.byId.size;
  const covers = dataCovers([...m.byId.values()]);
  const rows: [string, string][] = [
    ['Force', input.forceName],
    ['Area', scope],
    ['Period', `${m.periodLabel}${months && months !== m.periodLabel ? ` (${months})` : ''}`],
    ['Security classification', 'OFFICIAL'],
    ['Generated', formatDateTime(input.generatedAt)],
    ['Measures with results', `${formatCount(present)}`],
    // Which months the data covers, when the engine said (hand-built results may not).
    ...(covers ? [['Data covers', covers] as [string, string]] : []),
  ];
  const banner = isSynthetic(input.forceName)
    ? [
        '<div class="bl-banner--synthetic" role="note">',
        '<strong>Synthetic data</strong>',
        'Every figure in this report was computed from synthetic records generated for demonstration. It does not describe any real police force, victim or officer.',
        '</div>',
      ].join('\n')
    : '';
  return [
    '<div class="bl-cover">',
    `<p class="bl-caption-xl">${esc(input.forceName)}${input.lpa ? ` — ${esc(input.lpa)}` : ''}</p>`,
    `<h1 class="bl-heading-xl">Technical annex: ${esc(m.periodLabel)}</h1>`,
    banner,
    '<dl class="bl-summary-list">',
    ...rows.map(
      ([k, v]) =>
        `<div class="bl-summary-list__row"><dt class="bl-summary-list__key">${esc(k)}</dt><dd class="bl-summary-list__value">${esc(v)}</dd></div>`,
    ),
    '</dl>',
    '<p class="bl-body">The technical annex to the board pack: for every measure its window, base, what good looks like, its variation over time, breakdowns, the rows behind the figure and how it was calculated, with the SQL behind each figure in the appendix.</p>',
    input.dataNote
      ? `<div class="bl-inset"><p class="bl-body"><strong>About the data.</strong> ${esc(input.dataNote)}</p></div>`
      : '',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}

function contents(m: Model, hasOther: boolean): string {
  const items: string[] = [
    '<li><a href="#summary">Summary scorecard</a></li>',
    '<li><a href="#how-to-read">How to read this report</a></li>',
  ];
  for (const section of REPORT_LAYOUT) {
    const subs = section.subsections
      .map(
        (sub) =>
          `<li><a href="#${subsectionAnchor(sub)}">${numbered(section, sub)} ${esc(sub.title)}</a></li>`,
      )
      .join('\n');
    items.push(
      `<li><a href="#${sectionAnchor(section)}">${section.number} ${esc(section.title)}</a>\n<ol>\n${subs}\n</ol></li>`,
    );
  }
  if (hasOther)
    items.push(`<li><a href="#section-other">${REPORT_LAYOUT.length + 1} Other measures</a></li>`);
  if (m.input.policeUk)
    items.push(`<li><a href="#${POLICE_UK_SECTION_ID}">${esc(POLICE_UK_SECTION_TITLE)}</a></li>`);
  items.push('<li><a href="#appendix-sql">Appendix A: the SQL behind each figure</a></li>');
  return [
    '<nav class="bl-contents" aria-labelledby="contents-heading">',
    '<h2 class="bl-heading-l bl-heading--plain" id="contents-heading">Contents</h2>',
    '<ol>',
    ...items,
    '</ol>',
    '</nav>',
  ].join('\n');
}

// --- scorecard --------------------------------------------------------------------------------

interface ScoreEntry {
  readonly id: string;
  readonly title: string;
  readonly result: MeasureResult | null;
  readonly reason: string | null;
}

function scoreEntries(m: Model): ScoreEntry[] {
  const out: ScoreEntry[] = [];
  const seen = new Set<string>();
  const add = (id: string, fallback: LayoutMeasure | null) => {
    if (seen.has(id)) return;
    const r = m.byId.get(id) ?? null;
    const tier = r?.tier ?? fallback?.tier ?? 'silver';
    if (tier !== 'gold') return;
    seen.add(id);
    out.push({
      id,
      title: r?.title ?? fallback?.title ?? id,
      result: r,
      reason: m.invalid.get(id) ?? null,
    });
  };
  for (const section of REPORT_LAYOUT) {
    for (const sub of section.subsections) {
      for (const id of subsectionIds(sub, m.resultIds))
        add(id, sub.measures.find((x) => x.id === id) ?? null);
    }
  }
  for (const id of m.resultIds) add(id, null);
  return out;
}

function changeSummary(r: MeasureResult): { html: string; text: string } {
  const c = r.comparisons.find((x) => x.value !== null);
  if (!c || r.value === null || c.value === null) return { html: DASH, text: DASH };
  const diff = r.value - c.value;
  const sig = c.significance;
  const arrow = sig && !sig.significant ? '↔' : diff > 0 ? '↑' : diff < 0 ? '↓' : '↔';
  const change = changeCell(r, c.value, c.absoluteChange, c.relativeChange);
  const when = comparisonWhen(c, r).replace(/^in /, '');
  const mark = sig ? (sig.significant ? ' *' : ' (not significant)') : '';
  const text = `${arrow} ${change}${mark} vs ${when}`;
  return {
    text,
    html: `<span aria-hidden="true">${arrow} </span>${esc(change)}${esc(mark)}<br><span class="bl-body-s">vs ${esc(when)}</span>`,
  };
}

function scorecard(m: Model): string {
  const entries = scoreEntries(m);
  const head: Cell[] = [
    { text: 'Measure' },
    { text: 'Value', numeric: true },
    { text: 'n', numeric: true },
    { text: 'What good looks like' },
    { text: 'Status' },
    { text: 'Change' },
    { text: 'Variation (SPC)' },
    { text: 'Assurance (SPC)' },
  ];
  const rows: Cell[][] = entries.map((e) => {
    const link = measureLink(m, e.id, e.title);
    const r = e.result;
    if (!r) {
      return [
        { text: e.title, html: link },
        {
          text: 'Not available',
          html: `<strong>Not available</strong>: ${esc(e.reason ?? `no result for ${m.periodLabel}`)}`,
          colSpan: 7,
          className: 'bl-table__cell--missing',
        },
      ];
    }
    const last = r.spc?.points.at(-1) ?? null;
    const variation = r.spc
      ? iconTag(variationIconText(r.spc.variationIcon, last?.specialCauseType ?? null))
      : null;
    const assurance = r.spc?.assuranceIcon ? iconTag(assuranceIconText(r.spc.assuranceIcon)) : null;
    const change = changeSummary(r);
    return [
      {
        text: r.title,
        html: `${link}<br><span class="bl-body-s">${esc([windowOf(r), ...coverageMarks(r, m.input.lpa !== null)].join(' · '))}</span>`,
      },
      { text: displayValue(r), numeric: true },
      { text: r.unit === 'percent' ? baseText(r) : DASH, numeric: true },
      { text: r.target?.description ?? DASH },
      { text: r.status, html: statusTag(r.status) },
      { text: change.text, html: change.html },
      { text: variation ? 'variation' : DASH, html: variation ?? DASH },
      { text: assurance ? 'assurance' : DASH, html: assurance ?? DASH },
    ];
  });
  const summary = m.input.commentary[SUMMARY_KEY];
  const summaryHtml =
    summary !== undefined && summary.trim().length > 0
      ? [
          '<div class="bl-commentary">',
          '<p class="bl-commentary__title">Analyst summary</p>',
          paragraphs(summary),
          '</div>',
        ].join('\n')
      : ''; // unwritten commentary is said once, in the board edition's summary
  const available = entries.filter((e) => e.result).length;
  return [
    '<section class="bl-section" id="summary" aria-labelledby="summary-heading">',
    '<h2 class="bl-heading-l" id="summary-heading">Summary scorecard</h2>',
    `<p class="bl-body">${formatCount(available)} of the ${formatCount(entries.length)} Gold measures have a result for ${esc(m.periodLabel)}. Status compares the value with what good looks like; change is against the first comparison period the measure reports (* = statistically significant at the 5% level); variation and assurance come from each measure’s SPC chart.</p>`,
    `<div class="bl-table-wrap bl-scorecard">`,
    tableHtml({
      caption: `Gold scorecard, ${m.periodLabel}`,
      head,
      rows,
      rowHeaders: true,
      captionSize: 'm',
    }),
    '</div>',
    ...(summaryHtml ? [summaryHtml] : []),
    '</section>',
  ].join('\n');
}

function windowOf(r: MeasureResult): string {
  const label = windowLabel(r.window);
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : r.window.label;
}

// --- how to read ------------------------------------------------------------------------------

function howToRead(m: Model): string {
  const results = [...m.byId.values()];
  const tests = results.flatMap((r) => r.comparisons.filter((c) => c.significance !== null));
  const significant = tests.filter((c) => c.significance?.significant).length;
  const expected = tests.length * 0.05;
  const methods = limitMethods(results);
  const legacy = results.some((r) => r.spc?.method === 'legacy_2sd');
  const testsText =
    tests.length === 0
      ? 'This report contains no significance tests.'
      : `This report makes ${formatCount(tests.length)} significance ${tests.length === 1 ? 'test' : 'tests'}, of which ${formatCount(significant)} ${significant === 1 ? 'is' : 'are'} significant at the 5% level. Even if nothing had really changed, about 1 test in 20 would come out significant by chance, so about ${formatNumber(expected, 1)} of these would be expected to be marked significant by chance alone. Many tests each quarter produce some false positives: read a single significant change with care, especially when the SPC chart and related measures do not support it.`;
  const variationItems = [
    variationIconText('special_cause_improvement', 'Above UCL'),
    variationIconText('special_cause_concern', 'Below LCL'),
    variationIconText('special_cause_neutral_high', 'Above UCL'),
    variationIconText('common_cause', 'Common Cause'),
  ];
  const assuranceItems = ['consistent_pass', 'consistent_fail', 'inconsistent'].map(
    assuranceIconText,
  );
  return [
    '<section class="bl-section" id="how-to-read" aria-labelledby="how-to-read-heading">',
    '<h2 class="bl-heading-l" id="how-to-read-heading">How to read this report</h2>',
    '<h3 class="bl-heading-m2" id="reading-status">Targets and status</h3>',
    `<p class="bl-body">“What good looks like” is the force’s target or expected band for a measure. Status: ${statusTag('met')} meets it, ${statusTag('near')} is close, ${statusTag('not_met')} does not meet it, ${statusTag('no_target')} has no target, ${statusTag('no_data')} has no data for its window (a target is never judged without data, nor a total on part of its window). A figure marked force-wide in a local policing area’s report is the whole force’s.</p>`,
    '<h3 class="bl-heading-m2" id="reading-spc">Variation over time (SPC)</h3>',
    '<p class="bl-body">Charts follow NHS England’s Making Data Count: points inside the dashed process limits are common cause variation (the usual ups and downs); special cause variation is a point outside the limits, a run of 7 points on one side of the mean, a trend of 7 rising or falling points, or 2 of 3 points close to a limit. Blue means improvement, orange concern, purple a change with no preferred direction, grey common cause. Each chart names the method that drew its limits.</p>',
    '<ul class="bl-list">',
    ...variationItems.map((i) => `<li>${iconTag(i)}</li>`),
    ...assuranceItems.map((i) => `<li>${iconTag(i)}</li>`),
    '</ul>',
    methods.length > 0
      ? `<p class="bl-body">Methods used in this report: ${esc(methods.join('; '))}.</p>`
      : '',
    legacy
      ? '<p class="bl-body">Legacy limits (mean ± 2 standard deviations of a baseline year) are shown only to reproduce the force’s earlier reports. At ±2 SD a stable series has about 4.6% of its points outside the limits, so across 20 quarterly crime series expect roughly one false alarm a quarter.</p>'
      : '',
    '<h3 class="bl-heading-m2" id="reading-significance">Survey results and significance</h3>',
    '<p class="bl-body">Survey percentages show the number of respondents (n) and a 95% Wilson confidence interval. A change is called significant only when its two-proportion z test is significant at the 5% level; rolling windows that share months are compared with the overlap-adjusted test.</p>',
    `<p class="bl-body">${esc(testsText)}</p>`,
    '<h3 class="bl-heading-m2" id="reading-numbers">Numbers</h3>',
    '<p class="bl-body">Percentages in sentences are rounded to whole numbers (to one decimal place where rounding would hide a difference); tables show one decimal place. Changes in percentages are given in percentage points (pts). Where a measure has no result for the period it is marked “not available”.</p>',
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

// --- sections ---------------------------------------------------------------------------------

async function blocksFor(m: Model, ids: readonly string[], sub: LayoutSubsection): Promise<string> {
  const parts: string[] = [];
  let missingItems: string[] = [];
  const flush = () => {
    if (missingItems.length > 0)
      parts.push(`<ul class="bl-missing">\n${missingItems.join('\n')}\n</ul>`);
    missingItems = [];
  };
  for (const id of ids) {
    const r = m.byId.get(id);
    if (r) {
      flush();
      parts.push(await block(m, r));
    } else {
      const fallback = sub.measures.find((x) => x.id === id)?.title;
      missingItems.push(missing(m, id, titleFor(m, id, fallback)));
    }
  }
  flush();
  return parts.join('\n');
}

async function crimeSubsection(m: Model, sub: LayoutSubsection): Promise<string> {
  const ids = subsectionIds(sub, m.resultIds);
  const tableResult = m.byId.get('crime_table') ?? null;
  const results = ids
    .filter((id) => id !== 'crime_table')
    .map((id) => m.byId.get(id))
    .filter((r): r is MeasureResult => r !== undefined);
  const rows = crimeRows(results, tableResult?.table ?? []);
  if (rows.length === 0) return blocksFor(m, ids, sub);
  const total = m.byId.get('crime_total');
  const flagged = results.filter((r) => r.id !== 'crime_total' && limitsFlag(r).className !== '');
  const featured = [...(total ? [total] : []), ...flagged];
  const linkFor = (id: string) => (featured.some((r) => r.id === id) ? measureAnchor(id) : null);
  const methods = limitMethods(results);
  const monthly = spcGrain(results) === 'month';
  const table = [
    `<div class="bl-table-wrap">${crimeTable(rows, results, m.periodLabel, twoYearsLabel(results), linkFor)}</div>`,
    `<p class="bl-body-s">Shaded rows: the ${monthly ? 'latest month' : 'latest point'} is outside its control limits (▲ above the upper limit, ▼ below the lower) or shows another special cause (●). Control limits: ${esc(methods.join('; ') || 'none')}${monthly ? ', drawn on monthly counts' : ''}. Outcomes, action-taken and outcome 16 rates count outcomes assigned in the quarter, whenever the crime was recorded.</p>`,
  ].join('\n');
  const parts: string[] = [];
  if (tableResult) parts.push(await block(m, tableResult, { tableHtml: table }));
  else {
    m.anchors.add('crime_table');
    parts.push(`<div id="${measureAnchor('crime_table')}">\n${table}\n</div>`);
  }
  if (!total) {
    parts.push(
      `<ul class="bl-missing">\n${missing(m, 'crime_total', 'Total recorded crime')}\n</ul>`,
    );
  }
  if (flagged.length === 0) {
    parts.push(
      '<p class="bl-body">No crime group shows special cause variation in its latest point.</p>',
    );
  }
  for (const r of featured) parts.push(await block(m, r));
  return parts.join('\n');
}

async function prioritySubsection(m: Model, sub: LayoutSubsection): Promise<string> {
  const ids = subsectionIds(sub, m.resultIds);
  const rows = ids.map((id) => m.byId.get(id)).filter((r): r is MeasureResult => r !== undefined);
  const parts: string[] = [];
  if (rows.length > 0) {
    parts.push(
      `<div class="bl-table-wrap">${priorityTable(rows, m.periodLabel, (id) => measureAnchor(id))}</div>`,
    );
    const methods = limitMethods(rows);
    if (methods.length > 0)
      parts.push(`<p class="bl-body-s">Control limits: ${esc(methods.join('; '))}.</p>`);
  }
  parts.push(await blocksFor(m, ids, sub));
  return parts.join('\n');
}

async function inspectionsSubsection(m: Model, sub: LayoutSubsection): Promise<string> {
  const ids = subsectionIds(sub, m.resultIds);
  const present = ids
    .map((id) => m.byId.get(id))
    .filter((r): r is MeasureResult => r !== undefined);
  const hasFigures = present.some((r) => r.value !== null || (r.table ?? []).length > 0);
  if (hasFigures) return blocksFor(m, ids, sub);
  const reason = m.invalid.get('recommendations_open');
  if (present.length === 0) m.anchors.add('recommendations_open');
  const note = [
    `<div class="bl-inset"${present.length === 0 ? ' id="m-recommendations-open"' : ''}>`,
    '<p class="bl-body"><strong>No inspection records loaded.</strong> The register of inspection findings (HMICFRS recommendations, areas for improvement and causes of concern) has no records for this report, so this section has no figures. It is not evidence that there are no open recommendations.</p>',
    reason ? `<p class="bl-body">${esc(reason)}</p>` : '',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
  // A result without figures (the engine says why in its warnings) still gets its block, so its
  // commentary slot and method notes are there.
  return present.length === 0 ? note : `${note}\n${await blocksFor(m, ids, sub)}`;
}

async function section(m: Model, s: LayoutSection): Promise<string> {
  const parts = [
    `<section class="bl-section" id="${sectionAnchor(s)}" aria-labelledby="${sectionAnchor(s)}-heading">`,
    `<h2 class="bl-heading-l" id="${sectionAnchor(s)}-heading">${s.number} ${esc(s.title)}</h2>`,
  ];
  for (const sub of s.subsections) {
    parts.push(
      `<section class="bl-subsection" id="${subsectionAnchor(sub)}" aria-labelledby="${subsectionAnchor(sub)}-heading">`,
      `<h3 class="bl-heading-m2" id="${subsectionAnchor(sub)}-heading">${numbered(s, sub)} ${esc(sub.title)}</h3>`,
    );
    if (sub.kind === 'crime-table') parts.push(await crimeSubsection(m, sub));
    else if (sub.kind === 'priority-table') parts.push(await prioritySubsection(m, sub));
    else if (sub.kind === 'inspections') parts.push(await inspectionsSubsection(m, sub));
    else parts.push(await blocksFor(m, subsectionIds(sub, m.resultIds), sub));
    parts.push('</section>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

async function otherSection(m: Model, ids: readonly string[]): Promise<string> {
  const number = REPORT_LAYOUT.length + 1;
  const sub: LayoutSubsection = {
    id: 'other-measures',
    title: 'Measures outside the Gold scorecard layout',
    kind: 'measures',
    measures: [],
  };
  return [
    '<section class="bl-section" id="section-other" aria-labelledby="section-other-heading">',
    `<h2 class="bl-heading-l" id="section-other-heading">${number} Other measures</h2>`,
    `<section class="bl-subsection" id="sub-other-measures" aria-labelledby="sub-other-measures-heading">`,
    `<h3 class="bl-heading-m2" id="sub-other-measures-heading">${number}.1 ${esc(sub.title)}</h3>`,
    await blocksFor(m, ids, sub),
    '</section>',
    '</section>',
  ].join('\n');
}

// --- appendix ---------------------------------------------------------------------------------

interface AppendixQuery {
  readonly n: number;
  readonly purpose: string;
  readonly sql: string;
  readonly params: MeasureResult['lineage']['sql'][number]['params'];
  readonly usedBy: string[];
}

/**
 * Distinct queries in report order. The measure engine batches many measures into one query, so
 * the same SQL appears in many results' lineage: each is printed once and referenced by number.
 */
function appendixQueries(
  m: Model,
  orderedIds: readonly string[],
): { queries: AppendixQuery[]; byMeasure: Map<string, number[]> } {
  const queries: AppendixQuery[] = [];
  const index = new Map<string, AppendixQuery>();
  const byMeasure = new Map<string, number[]>();
  for (const id of orderedIds) {
    const r = m.byId.get(id);
    if (!r || r.lineage.sql.length === 0) continue;
    const refs: number[] = [];
    for (const q of r.lineage.sql) {
      const key = JSON.stringify([q.sql.trim(), q.params]);
      let entry = index.get(key);
      if (entry === undefined) {
        const created: AppendixQuery = {
          n: queries.length + 1,
          purpose: q.purpose,
          sql: q.sql.trim(),
          params: q.params,
          usedBy: [],
        };
        index.set(key, created);
        queries.push(created);
        entry = created;
      }
      if (!entry.usedBy.includes(id)) entry.usedBy.push(id);
      if (!refs.includes(entry.n)) refs.push(entry.n);
    }
    byMeasure.set(id, refs);
  }
  return { queries, byMeasure };
}

export const appendixMeasureAnchor = (id: string) => `sql-${slug(id)}`;
const queryAnchor = (n: number) => `sql-query-${n}`;

function appendix(m: Model, orderedIds: readonly string[]): string {
  const { queries, byMeasure } = appendixQueries(m, orderedIds);
  const parts = [
    '<section class="bl-section bl-appendix" id="appendix-sql" aria-labelledby="appendix-sql-heading">',
    '<h2 class="bl-heading-l" id="appendix-sql-heading">Appendix A: the SQL behind each figure</h2>',
    '<p class="bl-body">Each figure in this report was computed by these queries against the facts store, with the parameters shown. Run them again on the same data to reproduce the figure. A query that serves several measures is printed once.</p>',
  ];
  if (queries.length === 0) {
    parts.push(
      '<p class="bl-body">No result in this report carries SQL lineage.</p>',
      '</section>',
    );
    return parts.join('\n');
  }
  const rows: Cell[][] = [...byMeasure.entries()].map(([id, refs]) => {
    const title = titleFor(m, id);
    const links = refs
      .map((n) => `<a class="bl-link" href="#${queryAnchor(n)}">Query ${n}</a>`)
      .join(', ');
    return [
      {
        text: title,
        html: `${measureLink(m, id, title)} <span class="bl-body-s">(${esc(id)})</span>`,
      },
      { text: refs.map((n) => `Query ${n}`).join(', '), html: links },
    ];
  });
  parts.push(
    '<section class="bl-subsection" id="sql-by-measure" aria-labelledby="sql-by-measure-heading">',
    '<h3 class="bl-heading-m2" id="sql-by-measure-heading">A.1 Queries by measure</h3>',
    tableHtml({
      caption: 'The queries behind each measure',
      head: [{ text: 'Measure' }, { text: 'Queries' }],
      rows,
      rowHeaders: true,
      rowIds: [...byMeasure.keys()].map(appendixMeasureAnchor),
    }),
    '</section>',
  );
  for (const q of queries) {
    const anchor = queryAnchor(q.n);
    const used = q.usedBy.map((id) => measureLink(m, id, titleFor(m, id))).join(', ');
    parts.push(
      `<section class="bl-subsection" id="${anchor}" aria-labelledby="${anchor}-heading">`,
      `<h3 class="bl-heading-m2" id="${anchor}-heading">A.${q.n + 1} Query ${q.n}: ${esc(q.purpose)}</h3>`,
      `<p class="bl-body-s">Used by: ${used}.</p>`,
      `<pre><code>${esc(q.sql)}</code></pre>`,
    );
    const params = Object.entries(q.params);
    if (params.length > 0) {
      parts.push(
        tableHtml({
          caption: `Parameters of query ${q.n}`,
          head: [{ text: 'Parameter' }, { text: 'Value' }],
          rows: params.map(([k, v]) => [{ text: k }, { text: v === null ? 'null' : String(v) }]),
          rowHeaders: true,
          className: 'bl-table--params',
        }),
      );
    }
    parts.push('</section>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

// --- document ---------------------------------------------------------------------------------

/** Builds the quarterly report as one self-contained HTML document. */
export async function buildReport(input: ReportInput): Promise<{ html: string }> {
  const { byId, invalid, order } = validate(input.results as readonly unknown[]);
  const resultIds = order.filter((id) => byId.has(id));
  const periodLabel = formatPeriodLabel(input.period.label);
  const inLayout = laidOutIds(resultIds);
  const otherIds = order.filter((id) => !inLayout.has(id));
  const reportOrder = [
    ...REPORT_LAYOUT.flatMap((s) => s.subsections.flatMap((sub) => subsectionIds(sub, resultIds))),
    ...otherIds,
  ];
  const sqlIds = new Set(reportOrder.filter((id) => (byId.get(id)?.lineage.sql.length ?? 0) > 0));
  const m: Model = {
    input,
    periodLabel,
    byId,
    invalid,
    resultIds,
    anchors: new Set<string>(),
    ctx: {
      headingLevel: 4,
      commentary: input.commentary,
      appendixAnchor: (id) => (sqlIds.has(id) ? appendixMeasureAnchor(id) : null),
      periodLabel,
      areaNoun: input.lpa ? 'neighbourhood' : 'local policing area',
    },
  };
  const sections: string[] = [];
  for (const s of REPORT_LAYOUT) sections.push(await section(m, s));
  if (otherIds.length > 0) sections.push(await otherSection(m, otherIds));
  const marking = isSynthetic(input.forceName) ? 'OFFICIAL — SYNTHETIC DATA' : 'OFFICIAL';
  const title = `${input.forceName}${input.lpa ? ` (${input.lpa})` : ''}: technical annex, ${periodLabel}`;
  const invalidNotes = [...invalid.keys()].filter((id) => !byId.has(id));
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Bluelamp">`,
    `<meta name="bluelamp-marking" content="${esc(marking)}">`,
    `<meta name="bluelamp-generated-at" content="${esc(input.generatedAt)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<a href="#main-content" class="bl-skip-link">Skip to main content</a>',
    `<p class="bl-marking">${esc(marking)}</p>`,
    '<div class="bl-width-container">',
    '<main id="main-content">',
    cover(m),
    invalidNotes.length > 0
      ? warningHtml(
          `${invalidNotes.length} ${invalidNotes.length === 1 ? 'result was' : 'results were'} not shown because ${invalidNotes.length === 1 ? 'it' : 'they'} did not match the MeasureResult contract: ${invalidNotes.join(', ')}.`,
        )
      : '',
    contents(m, otherIds.length > 0),
    scorecard(m),
    howToRead(m),
    ...sections,
    input.policeUk ? policeUkSectionHtml(input.policeUk) : '',
    appendix(m, reportOrder),
    '</main>',
    `<footer class="bl-footer"><p class="bl-body-s">${esc(marking)}. Generated by Bluelamp on ${esc(formatDateTime(input.generatedAt))} for ${esc(input.forceName)}, ${esc(periodLabel)}. Figures are computed from record-level data or signed manual returns; each measure shows its definition, lineage and data freshness.</p></footer>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
  return { html: `${html}\n` };
}

/** The annex cover and its contents page. */
import { MeasureResult } from '../../measures/result.ts';
import { formatCount, formatDateTime, formatMonthRange } from '../../present/format.ts';
import { esc } from '../html.ts';
import { REPORT_LAYOUT } from '../layout.ts';
import { POLICE_UK_SECTION_ID, POLICE_UK_SECTION_TITLE } from '../police-uk-section.ts';
import { type Model, numbered, sectionAnchor, subsectionAnchor } from './model.ts';

/** The months the results' data covers, first to last ("YYYY-MM" sorts as text). */
function dataCovers(results: readonly MeasureResult[]): string | null {
  const from = results.flatMap((r) => (r.coverage?.from ? [r.coverage.from] : [])).sort();
  const to = results.flatMap((r) => (r.coverage?.to ? [r.coverage.to] : [])).sort();
  const first = from[0];
  const last = to.at(-1);
  return first && last ? formatMonthRange([first, last]) : null;
}

/** Markers for the summary table: a force-wide figure in an LPA report, no or partial data. */
export function coverageMarks(r: MeasureResult, lpaReport: boolean): string[] {
  const marks: string[] = [];
  if (lpaReport && r.scope === 'force') marks.push('force-wide');
  if (r.coverage?.window === 'none') marks.push('no data in window');
  if (r.coverage?.window === 'partial') marks.push('partial data');
  return marks;
}

export function isSynthetic(forceName: string): boolean {
  return /synthetic/i.test(forceName);
}

export function cover(m: Model): string {
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

export function contents(m: Model, hasOther: boolean): string {
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

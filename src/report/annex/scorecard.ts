/** The annex summary scorecard and how to read the report. */
import { MeasureResult } from '../../measures/result.ts';
import { DASH, formatCount, formatNumber, windowLabel } from '../../present/format.ts';
import { esc, paragraphs, tableHtml, type Cell } from '../html.ts';
import { comparisonWhen } from '../key-points.ts';
import { REPORT_LAYOUT, subsectionIds, type LayoutMeasure } from '../layout.ts';
import { baseText, changeCell, displayValue, iconTag, statusTag } from '../measure-block.ts';
import { assuranceIconText, variationIconText } from '../spc-text.ts';
import { limitMethods } from '../tables.ts';
import { type Model, SUMMARY_KEY, measureLink } from './model.ts';
import { coverageMarks } from './cover.ts';

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

export function scorecard(m: Model): string {
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

export function howToRead(m: Model): string {
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

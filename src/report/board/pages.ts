/**
 * The board edition's pages as HTML, one function per page kind. Each renders exactly what the
 * view model says (src/present/board.ts decides); layout and wording of labels only.
 */
import type {
  AboutPage,
  ChartPlan,
  ContentsPage,
  CoverPage,
  ExceptionsPage,
  ProjectionsPage,
  ScorecardPage,
  ScorecardRow,
  SectionNotes,
  SectionPage,
  SubsectionBlock,
  TablePlan,
} from '../../present/board-model.ts';
import { barChart } from '../charts/bar.ts';
import { renderChart } from '../charts/render.ts';
import { spcChart } from '../charts/spc.ts';
import { tileMapChart } from '../charts/tile-map.ts';
import { trendChart } from '../charts/trend.ts';
import type { Chart } from '../charts/types.ts';
import { esc, paragraphs } from '../html.ts';
import { genericTable } from '../tables.ts';
import { assuranceMark, changeMark, sparkline, statusMark, variationMark } from './marks.ts';

// --- cover, contents, about -------------------------------------------------------------------

export function coverBody(p: CoverPage, forceName: string): string {
  return [
    '<div class="bp-cover">',
    `<p class="bp-cover__force">${esc(forceName)}</p>`,
    `<h1 class="bp-cover__title" id="${p.anchor}-heading">${esc(p.heading)}</h1>`,
    p.synthetic
      ? '<p class="bp-cover__synthetic" role="note"><strong>Synthetic data.</strong> Every figure was computed from synthetic records generated for demonstration; it describes no real force, victim or officer.</p>'
      : '',
    '<dl class="bp-cover__list">',
    ...p.rows.map(
      (r) => `<div class="bp-cover__row"><dt>${esc(r.key)}</dt><dd>${esc(r.value)}</dd></div>`,
    ),
    '</dl>',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}

export function contentsBody(p: ContentsPage): string {
  const items = p.entries.map(
    (e) =>
      `<li class="bp-contents__item bp-contents__item--${e.level}"><a href="#${esc(e.anchor)}"><span class="bp-contents__title">${esc(e.title)}</span><span class="bp-contents__page">${e.page}</span></a></li>`,
  );
  return [
    `<h2 class="bp-h2" id="${p.anchor}-heading">Contents</h2>`,
    '<nav aria-labelledby="contents-heading"><ol class="bp-contents">',
    ...items,
    '</ol></nav>',
  ].join('\n');
}

export function aboutBody(p: AboutPage): string {
  return [
    `<h2 class="bp-h2" id="${p.anchor}-heading">${esc(p.title ?? '')}</h2>`,
    '<div class="bp-columns">',
    ...p.paragraphs.map((t) => `<p class="bp-text">${esc(t)}</p>`),
    '</div>',
  ].join('\n');
}

// --- exceptions -------------------------------------------------------------------------------

function firstMark(line: ExceptionsPage['lines'][number]): string {
  const k = line.kinds[0];
  if (k === 'special_cause') return variationMark(line.variation);
  if (k === 'target')
    return line.status === 'not_met' || line.status === 'near'
      ? statusMark(line.status)
      : assuranceMark(line.assurance);
  return changeMark(line.changeDirection);
}

export function exceptionsBody(p: ExceptionsPage): string {
  const rows = p.lines.map(
    (l) =>
      `<tr><td class="bp-exc__mark">${firstMark(l)}</td><th scope="row" class="bp-exc__title">${esc(l.title)}${l.page ? ` <span class="bp-page-ref">p.&nbsp;${l.page}</span>` : ''}</th><td class="bp-exc__text">${esc(l.text)}</td></tr>`,
  );
  const summary = p.summary
    ? `<div class="bp-box"><h3 class="bp-h3">Analyst’s summary</h3>${paragraphs(p.summary, 'bp-text')}</div>`
    : '<div class="bp-box bp-box--quiet"><h3 class="bp-h3">Analyst’s summary</h3><p class="bp-text">No overall summary has been written for this period yet.</p></div>';
  const missing =
    p.noCommentary.length > 0
      ? `<p class="bp-small"><strong>No commentary yet for:</strong> ${esc(p.noCommentary.join('; '))}.</p>`
      : '';
  return [
    `<h2 class="bp-h2" id="${p.anchor}-heading">${esc(p.title ?? '')}</h2>`,
    `<p class="bp-lead">${esc(p.intro)}</p>`,
    '<div class="bp-split bp-split--wide">',
    '<div class="bp-split__main">',
    p.lines.length > 0
      ? [
          '<table class="bp-table bp-exc">',
          '<caption class="bp-visually-hidden">Measures that need attention</caption>',
          '<colgroup><col class="bp-exc__c1"><col class="bp-exc__c2"><col></colgroup>',
          '<thead><tr><th scope="col">Signal</th><th scope="col">Measure</th><th scope="col">Why</th></tr></thead>',
          '<tbody>',
          ...rows,
          '</tbody></table>',
        ].join('\n')
      : '<p class="bp-text">No gold measure misses its target, shows special cause variation or changed significantly on last year.</p>',
    p.more > 0 ? `<p class="bp-small">And ${p.more} more in the scorecard.</p>` : '',
    '</div>',
    `<div class="bp-split__side">${summary}${missing}</div>`,
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}

// --- scorecard --------------------------------------------------------------------------------

function scoreRow(r: ScorecardRow, compact: boolean): string {
  const sig =
    r.significant === true ? '<span class="bp-sig" title="statistically significant">*</span>' : '';
  const marks =
    r.marks.length > 0 ? ` <span class="bp-marks">${esc(r.marks.join(' · '))}</span>` : '';
  const cells = [
    `<th scope="row" class="bp-sc__title">${esc(r.title)}${marks}</th>`,
    `<td class="bp-num">${esc(r.value)}</td>`,
    `<td class="bp-num">${esc(r.lastYear)}</td>`,
    `<td class="bp-num">${esc(r.change)}${sig}</td>`,
  ];
  if (!compact) cells.push(`<td class="bp-sc__target">${esc(r.target)}</td>`);
  cells.push(`<td>${statusMark(r.status)}</td>`, `<td>${variationMark(r.variation)}</td>`);
  if (!compact)
    cells.push(
      `<td>${assuranceMark(r.assurance)}</td>`,
      `<td class="bp-sc__spark">${sparkline(r)}</td>`,
    );
  return `<tr${r.available ? '' : ' class="bp-row--missing"'}>${cells.join('')}</tr>`;
}

function scoreTable(
  rows: readonly ScorecardRow[],
  basis: string,
  caption: string,
  compact = false,
): string {
  const head = [
    '<th scope="col" class="bp-sc__title">Measure</th>',
    '<th scope="col" class="bp-num">Value</th>',
    `<th scope="col" class="bp-num">${esc(basis)}</th>`,
    '<th scope="col" class="bp-num">Change</th>',
    ...(compact ? [] : ['<th scope="col">What good looks like</th>']),
    '<th scope="col">Status</th>',
    '<th scope="col">Variation</th>',
    ...(compact ? [] : ['<th scope="col">Assurance</th>', '<th scope="col">12 months</th>']),
  ];
  const cols = compact
    ? ['title', 'value', 'ly', 'change', 'status', 'variation']
    : ['title', 'value', 'ly', 'change', 'target', 'status', 'variation', 'assurance', 'spark'];
  return [
    `<table class="bp-table bp-sc${compact ? ' bp-sc--compact' : ''}">`,
    `<caption class="bp-visually-hidden">${esc(caption)}</caption>`,
    `<colgroup>${cols.map((c) => `<col class="bp-sc__c-${c}">`).join('')}</colgroup>`,
    `<thead><tr>${head.join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => scoreRow(r, compact)),
    '</tbody></table>',
  ].join('\n');
}

export function scorecardBody(p: ScorecardPage): string {
  return [
    `<h2 class="bp-h2" id="${p.anchor}-heading">${esc(p.title ?? '')}</h2>`,
    `<p class="bp-lead">${esc(p.intro)}</p>`,
    scoreTable(p.rows, `Last year (${p.basis})`, `Gold scorecard, part ${p.part} of ${p.parts}`),
  ]
    .filter(Boolean)
    .join('\n');
}

// --- projections ------------------------------------------------------------------------------

export function projectionsBody(p: ProjectionsPage): string {
  const rows = p.rows.map(
    (r) =>
      `<tr><th scope="row">${esc(r.title)}</th><td class="bp-num">${esc(r.observed)}</td><td class="bp-num"><strong>${esc(r.projected)}</strong></td><td class="bp-num">${esc(r.interval)}</td><td class="bp-num">${esc(r.lastYear)}</td><td class="bp-num">${esc(r.change)}</td></tr>`,
  );
  const observed = p.rows[0]?.observedMonths ?? '';
  return [
    `<h2 class="bp-h2" id="${p.anchor}-heading">${esc(p.title ?? '')}</h2>`,
    `<p class="bp-lead">${esc(p.intro)}</p>`,
    '<table class="bp-table bp-proj">',
    `<caption class="bp-visually-hidden">Projections to the end of ${esc(p.year)}</caption>`,
    `<thead><tr><th scope="col">Measure</th><th scope="col" class="bp-num">Recorded ${esc(observed)}</th><th scope="col" class="bp-num">Projection for ${esc(p.year)}</th><th scope="col" class="bp-num">95% interval</th><th scope="col" class="bp-num">Previous year</th><th scope="col" class="bp-num">Projected change</th></tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody></table>',
    `<p class="bp-small">${esc(p.method)}</p>`,
  ].join('\n');
}

// --- section pages ----------------------------------------------------------------------------

function chartOf(c: ChartPlan): Chart {
  switch (c.kind) {
    case 'spc':
      return spcChart({ id: c.id, title: c.title, unit: c.unit, spc: c.spc, target: c.target });
    case 'trend':
      return trendChart({
        id: c.id,
        title: c.title,
        unit: c.unit,
        series: c.series,
        target: c.target,
      });
    case 'map':
      return tileMapChart({
        id: c.id,
        title: c.title,
        unit: c.unit,
        breakdown: c.breakdown,
        areaNoun: c.areaNoun,
      });
    case 'bars':
      return barChart({
        id: c.id,
        title: c.title,
        rows: c.rows,
        format: c.format,
        valueLabel: c.valueLabel,
        ...(c.compareLabel ? { compareLabel: c.compareLabel } : {}),
        categoryLabel: c.categoryLabel,
      });
  }
}

async function figure(c: ChartPlan): Promise<string> {
  const r = await renderChart(chartOf(c));
  return [
    `<figure class="bp-figure" id="${r.id}">`,
    `<div class="bp-figure__chart">${r.svg}</div>`,
    `<figcaption class="bp-figure__caption" id="${r.id}-caption">${esc(r.description)}</figcaption>`,
    '</figure>',
  ].join('\n');
}

function planTable(t: TablePlan): string {
  const head = t.head
    .map(
      (h, i) =>
        `<th scope="col"${h.numeric ? ' class="bp-num"' : ''}${i === 0 ? '' : ''}>${esc(h.text)}</th>`,
    )
    .join('');
  const rows = t.rows.map((r) => {
    const cells = r.cells
      .map((c, i) =>
        i === 0
          ? `<th scope="row">${esc(c.text)}</th>`
          : `<td${c.numeric ? ' class="bp-num"' : ''}>${esc(c.text)}</td>`,
      )
      .join('');
    return `<tr${r.flagged ? ' class="bp-row--flag"' : ''}>${cells}</tr>`;
  });
  return [
    '<table class="bp-table bp-plan">',
    `<caption class="bp-caption">${esc(t.caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody></table>',
    t.note ? `<p class="bp-small">${esc(t.note)}</p>` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

const NOTE_HEADINGS: [keyof SectionNotes, string][] = [
  ['focus', 'Focus'],
  ['drivers', 'Drivers'],
  ['actions', 'Actions'],
  ['outlook', 'Outlook'],
];

function notesHtml(b: SubsectionBlock): string {
  const parts: string[] = [];
  for (const [key, label] of NOTE_HEADINGS) {
    const text = b.notes?.[key];
    if (typeof text === 'string' && text.trim() !== '')
      parts.push(`<h4 class="bp-h4">${label}</h4>`, paragraphs(text, 'bp-text'));
  }
  for (const m of b.measureNotes)
    parts.push(`<h4 class="bp-h4">${esc(m.title)}</h4>`, paragraphs(m.text, 'bp-text'));
  if (parts.length === 0) return '';
  return `<div class="bp-notes"><p class="bp-label">Analyst’s commentary</p>${parts.join('\n')}</div>`;
}

function quotesHtml(b: SubsectionBlock): string {
  if (b.quotes.length === 0) return '';
  return [
    '<div class="bp-quotes"><p class="bp-label">In victims’ words</p>',
    ...b.quotes.map(
      (q) =>
        `<blockquote class="bp-quote"><p>${esc(q.text)}</p>${q.source ? `<footer>${esc(q.source)}</footer>` : ''}</blockquote>`,
    ),
    '</div>',
  ].join('\n');
}

function attentionHtml(b: SubsectionBlock): string {
  if (b.attention.length === 0) return '';
  return [
    '<div class="bp-attention"><p class="bp-label">Needs attention</p><ul>',
    ...b.attention.map((a) => `<li><strong>${esc(a.title)}:</strong> ${esc(a.text)}</li>`),
    '</ul></div>',
  ].join('\n');
}

function headings(b: SubsectionBlock): string {
  return [
    b.sectionHeading && b.sectionAnchor
      ? `<h2 class="bp-h2 bp-h2--section" id="${esc(b.sectionAnchor)}">${esc(b.sectionHeading)}</h2>`
      : '',
    `<h3 class="bp-h3 bp-h3--sub" id="${esc(b.anchor)}">${esc(b.heading)}</h3>`,
  ].join('');
}

async function visualBlock(b: SubsectionBlock): Promise<string> {
  const figures = await Promise.all(b.charts.map(figure));
  const resultTables = b.resultTables
    .map((t) => `<div class="bp-result-table">${genericTable(t.table, t.caption, t.unit)}</div>`)
    .join('\n');
  const main = [
    b.table ? planTable(b.table) : resultTables,
    `<div class="bp-figures bp-figures--${b.table ? 'side' : figures.length}">${figures.join('\n')}</div>`,
  ];
  const side = [
    b.rows.length > 0 && !b.table
      ? scoreTable(b.rows, 'Last year', `${b.heading}: measures`, true)
      : '',
    b.table && b.rows.length > 0
      ? scoreTable(b.rows, 'Last year', `${b.heading}: measures`, true)
      : '',
    b.emptyNote ? `<p class="bp-text bp-empty">${esc(b.emptyNote)}</p>` : '',
    attentionHtml(b),
    notesHtml(b),
    quotesHtml(b),
  ];
  if (b.table || b.resultTables.length > 0) {
    // A table page (the crime groups, the national measures): the table on the left, its
    // chart and the notes on the right.: the table on the left, its chart and the notes on the right.
    return [
      '<div class="bp-split bp-split--table">',
      `<div class="bp-split__main">${main[0]}</div>`,
      `<div class="bp-split__side">${main[1]}${side.filter(Boolean).join('\n')}</div>`,
      '</div>',
    ].join('\n');
  }
  return [
    '<div class="bp-split bp-split--charts">',
    `<div class="bp-split__main">${main[1]}</div>`,
    `<div class="bp-split__side">${side.filter(Boolean).join('\n')}</div>`,
    '</div>',
  ].join('\n');
}

function plainBlock(b: SubsectionBlock): string {
  const notes = [notesHtml(b), quotesHtml(b)].filter(Boolean).join('\n');
  return [
    '<div class="bp-block">',
    b.rows.length > 0 ? scoreTable(b.rows, 'Last year', `${b.heading}: measures`) : '',
    b.emptyNote ? `<p class="bp-text bp-empty">${esc(b.emptyNote)}</p>` : '',
    attentionHtml(b),
    notes ? `<div class="bp-columns">${notes}</div>` : '',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}

export async function sectionBody(p: SectionPage): Promise<string> {
  const parts: string[] = [];
  for (const b of p.blocks) {
    parts.push(headings(b));
    const visual = b.charts.length > 0 || b.table !== null || b.resultTables.length > 0;
    parts.push(visual ? await visualBlock(b) : plainBlock(b));
  }
  return parts.join('\n');
}

/**
 * The annex sections: measure blocks per subsection; the crime, priorities and inspections
 * subsections; other measures.
 */
import { MeasureResult, rowsOf, tableSize } from '../../measures/result.ts';
import { esc } from '../html.ts';
import {
  REPORT_LAYOUT,
  subsectionIds,
  type LayoutSection,
  type LayoutSubsection,
} from '../layout.ts';
import { measureAnchor } from '../measure-block.ts';
import {
  crimeRows,
  crimeTable,
  limitMethods,
  limitsFlag,
  priorityTable,
  spcGrain,
  twoYearsLabel,
} from '../tables.ts';
import {
  type Model,
  block,
  missing,
  numbered,
  sectionAnchor,
  subsectionAnchor,
  titleFor,
} from './model.ts';

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
  const rows = crimeRows(results, rowsOf(tableResult?.table, 'crime_groups'));
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
  const hasFigures = present.some((r) => r.value !== null || tableSize(r.table) > 0);
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

export async function section(m: Model, s: LayoutSection): Promise<string> {
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

export async function otherSection(m: Model, ids: readonly string[]): Promise<string> {
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

/** Appendix A: each distinct query once, with its parameters and the measures that use it. */
import { MeasureResult } from '../../measures/result.ts';
import { esc, slug, tableHtml, type Cell } from '../html.ts';
import { type Model, measureLink, titleFor } from './model.ts';

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

export function appendix(m: Model, orderedIds: readonly string[]): string {
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

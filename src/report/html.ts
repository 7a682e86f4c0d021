/**
 * Minimal, safe HTML building for the report: every piece of text from results or commentary
 * goes through `esc`; markup is assembled from trusted template strings only.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element body or a double-quoted attribute. */
export function esc(text: string | number | boolean | null | undefined): string {
  if (text === null || text === undefined) return '';
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A stable, readable id fragment: "sat_burglary" → "sat-burglary". */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.length > 0 ? s : 'x';
}

/** A table cell. */
export interface Cell {
  readonly text: string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  /** Extra class names (e.g. a status colour). */
  readonly className?: string;
  /** Already-escaped HTML; used instead of `text` when given. */
  readonly html?: string;
  /** Columns the cell spans. */
  readonly colSpan?: number;
}

export interface TableSpec {
  readonly caption: string;
  /** Header cells; the first column of each row is a row header (`th scope="row"`) when true. */
  readonly head: readonly Cell[];
  readonly rows: readonly (readonly Cell[])[];
  readonly rowHeaders?: boolean;
  readonly className?: string;
  /** Visually smaller caption (for tables inside a measure block). */
  readonly captionSize?: 's' | 'm';
  /** An id for each body row (link targets), by row index. */
  readonly rowIds?: readonly string[];
}

function cellClass(base: string, c: Cell): string {
  const cls = [base];
  if (c.numeric) cls.push(`${base}--numeric`);
  if (c.className) cls.push(c.className);
  return cls.join(' ');
}

/** A GOV.UK-style table with a caption, `scope="col"` headers and optional row headers. */
export function tableHtml(t: TableSpec): string {
  const head = t.head
    .map(
      (c) =>
        `<th scope="col" class="${cellClass('bl-table__header', c)}">${c.html ?? esc(c.text)}</th>`,
    )
    .join('');
  const body = t.rows
    .map((row, r) => {
      const rowId = t.rowIds?.[r];
      const cells = row
        .map((c, i) => {
          const content = c.html ?? esc(c.text);
          const span = c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '';
          if (i === 0 && t.rowHeaders) {
            return `<th scope="row" class="${cellClass('bl-table__header', c)}"${span}>${content}</th>`;
          }
          return `<td class="${cellClass('bl-table__cell', c)}"${span}>${content}</td>`;
        })
        .join('');
      return `<tr class="bl-table__row"${rowId ? ` id="${esc(rowId)}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  const cls = ['bl-table', t.className].filter(Boolean).join(' ');
  return [
    `<table class="${cls}">`,
    `<caption class="bl-table__caption bl-table__caption--${t.captionSize ?? 's'}">${esc(t.caption)}</caption>`,
    `<thead class="bl-table__head"><tr class="bl-table__row">${head}</tr></thead>`,
    `<tbody class="bl-table__body">`,
    body,
    `</tbody>`,
    `</table>`,
  ].join('\n');
}

/** Paragraphs from plain text: blank lines separate paragraphs, single newlines become <br>. */
export function paragraphs(text: string, className = 'bl-body'): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p class="${className}">${esc(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

import type { CheckResult } from '../../facts/check.ts';
import type { StoreStatus } from '../../facts/status.ts';
import { DASH, formatCount, formatDateTime, formatMonth, plural } from '../../present/format.ts';

/** What the data page shows, as text ready for the GOV.UK table and summary-list macros. */
type Cell = { text: string; format?: 'numeric' };
const num = (n: number): Cell => ({ text: formatCount(n), format: 'numeric' });
const text = (t: string | null): Cell => ({ text: t ?? DASH });
const when = (iso: string | null) => (iso ? formatDateTime(iso) : DASH);

/** The names in the table menu: data.police.uk files are one choice for both their tables. */
export function tableChoices(tables: readonly string[], selected: string) {
  return [
    { value: '', text: 'Choose a table', selected: selected === '' },
    ...tables.map((t) => ({
      value: t,
      text: t === 'police-uk' ? 'data.police.uk street and outcomes CSVs' : t,
      selected: t === selected,
    })),
  ];
}

/** Shows a gap range "2014-03..2014-05" as "March 2014 to May 2014". */
const gapText = (g: string) =>
  g
    .split('..')
    .map((m) => formatMonth(m))
    .join(' to ');

export function dataModel(status: StoreStatus, check: CheckResult, shownBatches = 50) {
  const batches = [...status.batches].reverse();
  return {
    summary: [
      {
        key: { text: 'Last import' },
        value: { text: status.lastImport ? when(status.lastImport) : 'Never' },
      },
      {
        key: { text: 'Data version' },
        value: { text: check.dataVersion === null ? DASH : String(check.dataVersion) },
      },
      { key: { text: 'Batches' }, value: { text: formatCount(status.batches.length) } },
    ],
    check: {
      ok: check.ok,
      text: check.ok
        ? `Every row is in a recorded batch and every reference resolves (${plural(check.tables, 'table')}, ${plural(check.batches, 'batch', 'batches')}, ${plural(check.references, 'reference')}).`
        : `The store check found ${plural(check.problems.length, 'problem')}.`,
      problems: check.problems.map((p) => `${p.table ?? 'The store'}: ${p.message}`),
    },
    tables: {
      head: [
        { text: 'Table' },
        { text: 'Rows', format: 'numeric' },
        { text: 'From' },
        { text: 'To' },
        { text: 'Batches', format: 'numeric' },
        { text: 'Last import' },
      ],
      rows: status.tables.map((t) => [
        text(t.table),
        num(t.rows),
        text(t.from ? t.from.slice(0, 10) : null),
        text(t.to ? t.to.slice(0, 10) : null),
        num(t.batches),
        text(when(t.lastImport)),
      ]),
    },
    coverage: {
      head: [
        { text: 'Source' },
        { text: 'First month' },
        { text: 'Last month' },
        { text: 'Months', format: 'numeric' },
        { text: 'Gaps' },
      ],
      rows: status.coverage.map((c) => [
        text(c.source),
        text(formatMonth(c.from, true)),
        text(formatMonth(c.to, true)),
        num(c.months),
        text(c.gaps.length === 0 ? 'None' : c.gaps.map(gapText).join('; ')),
      ]),
    },
    gapCount: status.coverage.reduce((n, c) => n + c.gaps.length, 0),
    batches: {
      head: [
        { text: 'Batch' },
        { text: 'Table' },
        { text: 'Files' },
        { text: 'Rows', format: 'numeric' },
        { text: 'Imported' },
      ],
      rows: batches
        .slice(0, shownBatches)
        .map((b) => [
          text(b.batchId),
          text(b.table),
          text(b.files.join(', ')),
          num(b.rows),
          text(when(b.importedAt)),
        ]),
      more:
        batches.length > shownBatches
          ? `Showing the latest ${formatCount(shownBatches)} of ${plural(batches.length, 'batch', 'batches')}. "bluelamp status" lists every one.`
          : null,
    },
  };
}

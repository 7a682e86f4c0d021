/**
 * The fast path (a clean file straight into its table) and the detail path (a file with any
 * problem, staged as text and spelled out) must give every value the same verdict. For every
 * column of every table, candidate values — valid, boundary and invalid — are imported
 * (a) each alone in an otherwise clean file, where the fast path decides, and (b) all together
 * in one file that also holds a bad row elsewhere, which forces the detail path. A value must
 * be accepted on both or refused on both with the same rules; every rule of every column must
 * be hit by some candidate, so a new rule cannot go untested.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { importBatch } from '../../src/facts/import/import-batch.ts';
import { countCsvRecords } from '../../src/facts/import/csv-records.ts';
import { tryFastPath } from '../../src/facts/import/fast-path.ts';
import { columnChecks } from '../../src/facts/sql.ts';
import { TABLES, type ColumnSpec, type TableSpec } from '../../src/facts/tables.ts';
import { EXTRA_TABLES } from '../../src/facts/extra-tables.ts';
import { RETURN_MEASURES } from '../../src/facts/reference/return-measures.ts';
import { BluelampError } from '../../src/lib/errors.ts';
import { tempDir } from '../helpers/files.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

vi.mock('../../src/facts/import/fast-path.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/facts/import/fast-path.ts')>();
  return { ...m, tryFastPath: vi.fn(m.tryFastPath) };
});

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const ALL: Record<string, TableSpec> = { ...TABLES, ...EXTRA_TABLES };

/** Rows preloaded into crimes and people, so references (and keys varied per row) resolve. */
const KEYS = 1000;
const keyId = (i: number) => `K-${i}`;

const TIMESTAMPS_OK = [
  '2021-04-03T14:20:00',
  '2021-04-03T14:20:00.123',
  '2021-04-03T14:20:00.1',
  '2021-04-03T14:20:00.120',
  '2021-04-03 14:20:00',
  '2021-04-03T14:20:00Z',
  '2021-04-03T14:20:00+01:00',
  '2021-04-03T14:20:00-05:30',
  '2021-04-03T14:20:00+14:00',
  '2021-04-03T14:20:00-12:00',
  '2021-04-03T14:20:00+01',
  '2021-10-31T01:30:00', // the repeated hour: read as its first occurrence
  '2021-03-28T01:30:00Z', // in the spring gap, but with an offset
  '2021-03-28T00:59:59',
  '2021-03-28T02:00:00',
  '1900-01-01T00:00:00',
  '2100-12-31T23:59:59.999',
];
const TIMESTAMPS_BAD = [
  '2999-01-01T00:00:00',
  '1066-10-14T00:00:00',
  '0000-01-01T00:00:00',
  '1899-12-31T23:59:59',
  '2101-01-01T00:00:00',
  '2021-03-28T01:30:00', // the spring gap
  '2021-03-28T01:00:00',
  '1990-03-25T01:30:00',
  '1960-04-10T02:30:00', // an older gap, at 02:00
  '2021-04-03T14:20:00+25:00',
  '2021-04-03T14:20:00-13:00',
  '2021-04-03T14:20:00+14:30',
  '2021-04-03T14:20:00+01:75',
  '2021-04-03T14:20:00+0100',
  '2021-04-03T14:20:00.1234',
  '2021-04-03T14:20:00.123456',
  '2021-4-3T14:20:00',
  '2021-04-03T14:20',
  '2021-04-03',
  '2021-02-30T10:00:00',
  '2021-04-03T25:00:00',
  'yesterday',
];
const DATES_OK = ['1900-01-01', '2100-12-31', '2021-06-14', '2024-02-29'];
const DATES_BAD = [
  '1899-12-31',
  '2101-01-01',
  '2999-01-01',
  '3000-01-01',
  '1066-10-14',
  '0000-01-01',
  '1990-5-7',
  '2021-02-30',
  '2021/06/14',
  '14-06-2021',
  '2021-06-14T00:00:00',
];
const BLANKS = ['', '   ', '\t', ' \r\n '];
const CONTROL = ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0001b'];

/** Period is the one column whose grammar is not a type's. */
const SPECIAL: Record<string, readonly string[]> = {
  'returns.period': [
    '2021-06',
    '2021/22',
    '2021/22-Q1',
    '1999/00',
    '12m-to-2021-06',
    '1m-to-2021-06',
    '36m-to-2021-06',
    'ytd-to-2021-06',
    '2021-13',
    '2021-00',
    '2021/99-Q4',
    '2021/23',
    '2021/22-Q5',
    '37m-to-2021-06',
    '0m-to-2021-06',
    'ytd-to-2021-13',
    'Q1',
    '2021-6',
  ],
  'returns.value': ['0.333', '0', '1', '1.0001', '-0.1', '33.3'],
};

function candidates(table: string, c: ColumnSpec): string[] {
  const own = SPECIAL[`${table}.${c.name}`] ?? [];
  const out: string[] = [...BLANKS, ...own];
  switch (c.type) {
    case 'id':
      out.push(c.example, 'X 1', '  padded ', 'A\tB', 'A\nB', ...CONTROL);
      break;
    case 'text':
      if (own.length === 0) out.push(c.example, 'a\tb', 'line one\nline two', 'ünïcødé – “quotes”');
      out.push(...CONTROL);
      out.push(`${c.example} X`, c.example.toUpperCase(), '!');
      break;
    case 'integer':
      out.push('0', '6', '-3', '+4', '1.0', '007', '1_000', '1,000', '1.5', '1e3', 'ten', ' 5');
      out.push('9223372036854775808');
      break;
    case 'decimal':
      if (own.length === 0) out.push('0.333', '1', '-2.5', '1e-5', '.5', '5.', '763');
      out.push('1_000', '1,5', 'inf', 'nan', '0x10', '1.2.3', ' 1');
      break;
    case 'boolean':
      out.push('true', 'FALSE', 'yes', 'N', '1', '0', 't', 'maybe', '2', ' true', 'ja');
      break;
    case 'date':
      out.push(...DATES_OK, ...DATES_BAD);
      break;
    case 'timestamp':
      out.push(...TIMESTAMPS_OK, ...TIMESTAMPS_BAD);
      break;
    case 'month':
      out.push('2021-06', '2010-12', '2021-6', '2021-13', 'June 2021', '2021/06');
      break;
    case 'enum': {
      const values = c.values ?? RETURN_MEASURES.map((m) => m.measureId);
      const first = values[0] as string;
      out.push(...values, `${first}x`, ` ${first}`, `${first} `, 'zzz', `${first}\u0000`);
      if (first.toUpperCase() !== first) out.push(first.toUpperCase());
      break;
    }
  }
  if (c.min !== undefined) out.push(String(c.min), String(c.min - 1));
  if (c.max !== undefined) out.push(String(c.max), String(c.max + 1));
  return [...new Set(out)];
}

/** A value that breaks some rule of the column, for the row that sends a file down the detail path. */
function badValue(c: ColumnSpec): string {
  if (c.required) return '';
  if (c.type === 'text' || c.type === 'id') return 'a\u0007b';
  return 'zzz';
}

function baseRow(spec: TableSpec): Record<string, string> {
  return Object.fromEntries(spec.columns.map((c) => [c.name, c.example]));
}

/** The key column varied per row so rows stay distinct: a free id or text column, not the one under test. */
function freeKey(spec: TableSpec, tested: string): ColumnSpec | undefined {
  return spec.columns.find(
    (c) =>
      spec.key.includes(c.name) &&
      c.name !== tested &&
      (c.type === 'id' || c.type === 'text') &&
      !c.pattern &&
      !c.checks,
  );
}

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function writeCsv(name: string, spec: TableSpec, rows: readonly Record<string, string>[]): string {
  const header = spec.columns.map((c) => c.name);
  const lines = [
    header.join(','),
    ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(',')),
  ];
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** The problems an import reports, by line, as "column: rule" (empty when it was accepted). */
async function verdicts(
  store: FactsStore,
  table: string,
  spec: TableSpec,
  file: string,
): Promise<Map<number, string[]>> {
  const byLine = new Map<number, string[]>();
  try {
    await importBatch(store, { table, spec, files: [file], validateOnly: true });
  } catch (e) {
    if (!(e instanceof BluelampError) || e.issues.length === 0) throw e;
    for (const i of e.issues) {
      const line = i.line ?? 0;
      byLine.set(line, [...(byLine.get(line) ?? []), `${i.column}: ${i.rule}`].sort());
    }
  }
  return byLine;
}

async function lastFastResult(): Promise<unknown> {
  return await vi.mocked(tryFastPath).mock.results.at(-1)?.value;
}

/** The fast path alone on a clean one-row file: true when it took the row. */
async function fastTakes(store: FactsStore, table: string, spec: TableSpec, file: string) {
  const header = spec.columns.map((c) => c.name);
  const opts = { table, spec, files: [file], validateOnly: true } as const;
  // The file's own scan, as the importer gives it: rules its bytes cannot break are skipped.
  const { rows: records, controls } = countCsvRecords(file);
  const fast = [{ file, format: 'csv', header, records, controls }] as const;
  const done = await tryFastPath(store, opts, fast, 'parity', () => Promise.resolve());
  return done !== null;
}

async function storeFor(table: string, spec: TableSpec): Promise<FactsStore> {
  const store = await openFactsStore(':memory:');
  const refs = new Set(spec.columns.flatMap((c) => (c.references ? [c.references.table] : [])));
  for (const ref of ['people', 'crimes'] as const) {
    if (!refs.has(ref) || ref === table) continue;
    const refSpec = TABLES[ref];
    const idCol = ref === 'crimes' ? 'crime_id' : 'person_id';
    const example = spec.columns.find((c) => c.references?.table === ref)?.example ?? '';
    const ids = [example, ...Array.from({ length: KEYS }, (_, i) => keyId(i))];
    const file = writeCsv(
      `${table}-ref-${ref}.csv`,
      refSpec,
      ids.map((id) => ({ ...baseRow(refSpec), [idCol]: id })),
    );
    await importBatch(store, { table: ref, spec: refSpec, files: [file] });
  }
  return store;
}

/**
 * What decides a column's fast-path verdict: its declaration (not its name or words) and, when
 * a row rule names it, its table. Columns alike in this are tried alone only once per value.
 */
function signature(table: string, spec: TableSpec, c: ColumnSpec): string {
  const inRowRule = (spec.rowRules ?? []).some(
    (r) => r.column === c.name || new RegExp(`\\b${c.name}\\b`).test(r.brokenWhen),
  );
  const { name, description, example, ...rules } = c;
  void description;
  void example;
  const checks = rules.checks?.map((k) => k.brokenWhen.replaceAll(name, '?'));
  return JSON.stringify({ ...rules, checks, table: inRowRule ? table : '' });
}

const triedAlone = new Set<string>();

describe('fast and detail paths give every value the same verdict', () => {
  for (const [table, spec] of Object.entries(ALL)) {
    it(`${table}: every rule of every column`, { timeout: 300_000 }, async () => {
      const store = await storeFor(table, spec);
      try {
        // One file for the table: each candidate of each column on its own row.
        const rows: { column: ColumnSpec; value: string; row: Record<string, string> }[] = [];
        for (const c of spec.columns) {
          const key = freeKey(spec, c.name);
          for (const value of candidates(table, c)) {
            const i = rows.length;
            const free = key
              ? { [key.name]: key.references ? keyId(i) : `${key.example}-${i}` }
              : {};
            rows.push({ column: c, value, row: { ...baseRow(spec), ...free, [c.name]: value } });
          }
        }
        expect(rows.length, `${table}: candidate rows`).toBeLessThan(KEYS);
        // (b) All of them, with a bad row after them: the detail path lists every problem.
        const key = freeKey(spec, '');
        const other = spec.columns.find((o) => o.name !== key?.name) as ColumnSpec;
        const badRow = {
          ...baseRow(spec),
          ...(key ? { [key.name]: key.references ? keyId(rows.length) : 'bad-row' } : {}),
          [other.name]: badValue(other),
        };
        const detail = await verdicts(
          store,
          table,
          spec,
          writeCsv(`${table}-all.csv`, spec, [...rows.map((r) => r.row), badRow]),
        );
        expect(detail.get(rows.length + 2), `${table}: the bad row`).toBeDefined();
        const verdictOf = (i: number) => detail.get(i + 2) ?? [];
        // A repeated key is a verdict on two rows, not on the value (a blank key part equals an
        // empty one): test/facts/key-parity.test.ts covers keys on both paths.
        const keyOnly = (i: number) => verdictOf(i).every((p) => p.endsWith('(must be unique)'));

        // (a) Each refused value alone in a clean file: the fast path must refuse it too.
        for (const [i, r] of rows.entries()) {
          if (verdictOf(i).length === 0 || keyOnly(i)) continue;
          const tried = `${signature(table, spec, r.column)}|${r.value}`;
          if (triedAlone.has(tried)) continue;
          triedAlone.add(tried);
          const file = writeCsv(`${table}-one.csv`, spec, [r.row]);
          expect(
            await fastTakes(store, table, spec, file),
            `${table}.${r.column.name} = ${JSON.stringify(r.value)}: the detail path refuses it (${verdictOf(i).join('; ')}), the fast path takes it`,
          ).toBe(false);
        }
        // (a) The accepted values, all in one clean file: the fast path must take it whole.
        const accepted = rows.filter((_, i) => verdictOf(i).length === 0);
        const problems = await verdicts(
          store,
          table,
          spec,
          writeCsv(
            `${table}-ok.csv`,
            spec,
            accepted.map((r) => r.row),
          ),
        );
        expect([...problems.values()].flat(), `${table}: accepted values`).toEqual([]);
        if (!(await lastFastResult())) {
          // Name the values the fast path refuses although the detail path takes them.
          const refused: string[] = [];
          for (const r of accepted) {
            const file = writeCsv(`${table}-one.csv`, spec, [r.row]);
            if (!(await fastTakes(store, table, spec, file)))
              refused.push(`${r.column.name} = ${JSON.stringify(r.value)}`);
          }
          expect(refused, `${table}: refused by the fast path only`).toEqual([]);
        }
        // Every rule of every column was hit by some candidate.
        const hit = new Set([...detail.values()].flat());
        for (const c of spec.columns)
          for (const k of columnChecks(c))
            expect(hit, `${table}.${c.name}: no candidate breaks "${k.rule}"`).toContain(
              `${c.name}: ${k.rule}`,
            );
      } finally {
        store.close();
      }
    });
  }
});

import type { ValidationIssue } from '../../lib/errors.ts';
import { SafeCsvWriter, ISSUE_REPORT_HEADER, issueReportRow } from '../../lib/csv-safe.ts';
import { ident, literal } from '../sql.ts';
import type { FactsStore } from '../store.ts';

/**
 * Every problem of a detail-path import, kept in a DuckDB temp table rather than in memory, so
 * that all of them are counted and all of them can be written to the error report however many
 * there are, while the caller holds only the first few. Problems are ordered by file, then line.
 */
const TABLE = 'bl_problems';
const NO_LIMIT = 9_223_372_036_854_775_807n;

/** Which check found a problem: orders the problems of one line. */
export const enum ProblemKind {
  File,
  Malformed,
  Cell,
  RowRule,
  Key,
  Reference,
  Batch,
}

/** SQL for the columns of one problem, over a check query aliased `q` that yields `_row`. */
export interface ProblemSelect {
  readonly column: string;
  readonly value: string;
  readonly rule: string;
  /** Orders the problems of one line within a check (e.g. the column's place in the table). */
  readonly pos?: string;
}

export class Problems {
  private constructor(private readonly store: FactsStore) {}

  static async create(store: FactsStore): Promise<Problems> {
    await store.run(
      `CREATE OR REPLACE TEMP TABLE ${TABLE} (file_no INTEGER, file VARCHAR, line BIGINT, kind INTEGER, pos INTEGER, col VARCHAR, value VARCHAR, rule VARCHAR)`,
    );
    return new Problems(store);
  }

  /** Problems found in TypeScript (headers, malformed rows, batch-level checks). */
  async add(fileNo: number, kind: ProblemKind, issues: readonly ValidationIssue[]): Promise<void> {
    const chunk = 500;
    for (let start = 0; start < issues.length; start += chunk) {
      const part = issues.slice(start, start + chunk);
      const params: (string | number | null)[] = [];
      const rows = part.map((i, j) => {
        params.push(i.file, i.line, i.column, i.value, i.rule);
        const p = params.length;
        const pos = start + j;
        return `(${fileNo}, $${p - 4}, $${p - 3}::BIGINT, ${kind}, ${pos}, $${p - 2}, $${p - 1}, $${p})`;
      });
      await this.store.run(`INSERT INTO ${TABLE} VALUES ${rows.join(', ')}`, params);
    }
  }

  /**
   * Problems a check query finds (every one: its `$limit` is lifted). `line` is SQL for the
   * problem's line from `q._row`, the 0-based row of the staged file.
   */
  async addQuery(
    fileNo: number,
    file: string,
    kind: ProblemKind,
    sql: string,
    params: Record<string, string>,
    line: string,
    select: ProblemSelect,
  ): Promise<void> {
    await this.store.run(
      `INSERT INTO ${TABLE} SELECT ${fileNo}, $file, ${line}, ${kind}, ${select.pos ?? '0'}, ${select.column}, ${select.value}, ${select.rule} FROM (${sql}) q`,
      { ...params, file, ...(sql.includes('$limit') ? { limit: NO_LIMIT } : {}) },
    );
  }

  /** How many problems, and in how many of the files. */
  async count(): Promise<{ total: number; files: number }> {
    const [row] = await this.store.all<{ total: bigint; files: bigint }>(
      `SELECT count(*) AS total, count(DISTINCT file_no) FILTER (WHERE file_no >= 0) AS files FROM ${TABLE}`,
    );
    return { total: Number(row?.total ?? 0), files: Number(row?.files ?? 0) };
  }

  private orderedSql(limit: boolean): string {
    return `SELECT file, line, col, value, rule FROM ${TABLE}
      ORDER BY file_no, line NULLS FIRST, kind, pos, col, rule${limit ? ' LIMIT $limit' : ''}`;
  }

  async first(limit: number): Promise<ValidationIssue[]> {
    const rows = await this.store.all<Row>(this.orderedSql(true), { limit: BigInt(limit) });
    return rows.map(toIssue);
  }

  /** Writes every problem, in order, streamed from DuckDB a chunk at a time. */
  async writeReport(
    path: string,
    display: (i: ValidationIssue) => ValidationIssue = (i) => i,
  ): Promise<void> {
    const out = SafeCsvWriter.create(path, ISSUE_REPORT_HEADER);
    try {
      const result = await this.store.connection.stream(this.orderedSql(false));
      for await (const rows of result.yieldRowObjectJs())
        out.write(rows.map((r) => issueReportRow(display(toIssue(r as unknown as Row)))));
    } finally {
      out.close();
    }
  }

  async drop(): Promise<void> {
    await this.store.run(`DROP TABLE IF EXISTS ${TABLE}`);
  }
}

type Row = {
  file: string;
  line: bigint | null;
  col: string;
  value: string | null;
  rule: string;
};

const toIssue = (r: Row): ValidationIssue => ({
  file: r.file,
  line: r.line === null ? null : Number(r.line),
  column: r.col,
  value: r.value,
  rule: r.rule,
});

/** A text constant for a `ProblemSelect`. */
export const text = (s: string): string => literal(s);

/**
 * The line of a staged row: row + 2 (after the header), stepping over the lines the reader did
 * not stage (`skipTable` holds `line - rank` of each, so the count below is how many precede).
 */
export function stagedLineSql(skipTable: string | null): string {
  if (skipTable === null) return 'q._row + 1';
  return `q._row + 2 + (SELECT count(*) FROM ${ident(skipTable)} k WHERE k.adj <= q._row + 1)`;
}

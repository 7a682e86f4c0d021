/**
 * CSV in the import format: one file per table named `<table>.csv`, the header being the
 * table's columns in the order of src/facts/tables.ts, LF line ends, RFC 4180 quoting
 * (a field with a comma, quote, CR or LF is quoted and its quotes doubled), empty = null,
 * booleans `true`/`false`. Rows are encoded into a large byte buffer and written
 * synchronously in big chunks, which is the fastest path for millions of short lines.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { TABLES, type ProjectTableName } from '../facts/tables.ts';

export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted when it must be. */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function columnsOf(table: ProjectTableName): string[] {
  return TABLES[table].columns.map((c) => c.name);
}

/** Bytes buffered per file before a write: large chunks, few system calls, no string ropes. */
const CHUNK = 1 << 22;

export class CsvTableWriter {
  readonly table: ProjectTableName;
  readonly path: string;
  readonly width: number;
  rows = 0;
  private fd: number;
  private readonly bytes = Buffer.allocUnsafe(CHUNK);
  private pos = 0;

  constructor(dir: string, table: ProjectTableName) {
    this.table = table;
    this.path = join(dir, `${table}.csv`);
    const cols = columnsOf(table);
    this.width = cols.length;
    this.fd = openSync(this.path, 'w');
    this.append(cols.join(','), 'utf8');
  }

  /** A row of values, converted and quoted here; one value per column, in column order (UTF-8). */
  row(values: readonly CsvValue[]): void {
    if (values.length !== this.width) {
      throw new Error(
        `${this.table}: row has ${values.length} values, the table has ${this.width} columns`,
      );
    }
    let line = csvField(values[0]);
    for (let i = 1; i < values.length; i++) line += ',' + csvField(values[i]);
    this.append(line, 'utf8');
    this.rows++;
  }

  /**
   * A pre-formatted ASCII line (no newline) whose fields the caller has made safe with
   * csvField or knows to be safe (ids, numbers, timestamps, the demo's own ASCII
   * vocabularies): the fast path for the high-volume tables. Tests check every file is ASCII.
   */
  line(text: string): void {
    this.append(text, 'latin1');
    this.rows++;
  }

  private append(text: string, encoding: 'utf8' | 'latin1'): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const max = text.length * 3 + 1;
    if (this.pos + max > CHUNK) {
      this.flush();
      if (max > CHUNK) {
        writeSync(this.fd, text + '\n', null, encoding);
        return;
      }
    }
    this.pos += this.bytes.write(text, this.pos, encoding);
    this.bytes[this.pos++] = 10;
  }

  flush(): void {
    if (this.pos > 0) {
      writeSync(this.fd, this.bytes, 0, this.pos);
      this.pos = 0;
    }
  }

  close(): void {
    if (this.fd < 0) return;
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }
}

/** Writers for every table of the import format, created together in one directory. */
export class CsvWriters {
  readonly dir: string;
  private readonly writers = new Map<ProjectTableName, CsvTableWriter>();

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  get(table: ProjectTableName): CsvTableWriter {
    let w = this.writers.get(table);
    if (!w) {
      w = new CsvTableWriter(this.dir, table);
      this.writers.set(table, w);
    }
    return w;
  }

  closeAll(): void {
    for (const w of this.writers.values()) w.close();
  }
}

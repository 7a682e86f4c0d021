import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The largest CSV row (record) Bluelamp reads, in bytes. DuckDB's reader has the same limit
 * (`max_line_size`), but it loses a row larger than its read buffer without a word, so every
 * file is also counted here, independently of the reader, and a row over the limit refused.
 */
export const MAX_ROW_BYTES = 2_000_000;

export interface OversizeRow {
  /** The row's line, numbered as DuckDB's reader numbers them (quoted line breaks do not count). */
  readonly line: number;
  readonly rowBytes: number;
  /** 0-based index of the row's longest field, and its size in bytes. */
  readonly field: number;
  readonly fieldBytes: number;
}

export interface CsvRecordCount {
  /** Data rows: non-empty records after the header. */
  readonly rows: number;
  readonly oversize: readonly OversizeRow[];
  /** A quote opened and never closed: the line it opened on and the physical lines after it. */
  readonly openQuote: { readonly line: number; readonly linesAfter: number } | null;
  /**
   * The first line whose end (outside quotes) differs from the first line's — CRLF, LF or CR —
   * or null when every line ends alike. DuckDB's reader refuses such a file as a whole.
   */
  readonly mixedLineEnds: {
    readonly line: number;
    readonly first: LineEnd;
    readonly then: LineEnd;
  } | null;
  readonly controls: ControlBytes;
}

export type LineEnd = 'CRLF' | 'LF' | 'CR';

/**
 * Which control characters occur anywhere in the file's bytes (header included), so the fast
 * path can skip a rule no value can break. UTF-8 encodes these characters as those bytes only.
 */
export interface ControlBytes {
  /** C0 controls other than tab, LF and CR, or DEL: what text fields refuse. */
  readonly text: boolean;
  readonly tab: boolean;
  /** A line break inside a quoted field. */
  readonly quotedBreak: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const CHUNK = 1 << 22;
const TAB = 0x09;
/** The bytes of the control characters text refuses: C0 but tab, LF and CR, and DEL. */
const TEXT_CONTROL_BYTES = [
  ...Array.from({ length: 32 }, (_, b) => b).filter((b) => b !== TAB && b !== LF && b !== CR),
  0x7f,
];

const enum State {
  Unquoted,
  Quoted,
  /** A quote seen inside a quoted field: a second quote is an escaped quote, anything else closes it. */
  QuoteInQuoted,
}

/** Reads [from, to) of a file chunk by chunk. */
function eachChunk(
  fd: number,
  from: number,
  to: number,
  use: (buf: Buffer, n: number, base: number) => void,
): void {
  const buf = Buffer.alloc(Math.min(CHUNK, Math.max(1, to - from)));
  for (let base = from; base < to;) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, to - base), base);
    if (n === 0) break;
    use(buf, n, base);
    base += n;
  }
}

/**
 * Counts a CSV file's records the way RFC 4180 (and DuckDB) reads them: a quote opens a quoted
 * field only at the start of a field, `""` inside one is a quote, and a line break inside
 * quotes does not end the record; CR, LF and CRLF end records and empty lines are skipped.
 * One pass in 4 MB chunks (memory does not grow with the file), jumping between quotes and
 * line ends; only a row over the limit, or an unclosed quote, is read a second time.
 */
export function countCsvRecords(file: string, limit = MAX_ROW_BYTES): CsvRecordCount {
  const fd = openSync(file, 'r');
  try {
    let state = State.Unquoted;
    let records = 0; // including the header
    let line = 1; // DuckDB's numbering: unquoted line ends, CRLF counted once
    let recordStart = 0;
    let prevByte = -1;
    let quoteOpenedAt = -1;
    let quoteOpenedLine = 0;
    const big: { line: number; start: number; end: number }[] = [];
    let firstEnd: LineEnd | null = null;
    let mixed: CsvRecordCount['mixedLineEnds'] = null;
    // A CR ends a line, but whether as CR or CRLF is known only at the next byte.
    let pendingCr = 0;
    const lineEnd = (kind: LineEnd, at: number) => {
      if (firstEnd === null) firstEnd = kind;
      else if (kind !== firstEnd && mixed === null)
        mixed = { line: at, first: firstEnd, then: kind };
    };
    const settleCr = () => {
      if (pendingCr > 0) lineEnd('CR', pendingCr);
      pendingCr = 0;
    };
    const endRecord = (end: number) => {
      if (end - recordStart <= 0) return;
      if (records > 0 && end - recordStart > limit) big.push({ line, start: recordStart, end });
      records++;
    };
    let size = 0;
    let textControl = false;
    let tab = false;
    let quotedBreak = false;
    eachChunk(fd, 0, Number.MAX_SAFE_INTEGER, (buf, n, base) => {
      size = base + n;
      const view = buf.subarray(0, n);
      // One memchr per byte value: far cheaper than a rule per value in SQL.
      if (!textControl) textControl = TEXT_CONTROL_BYTES.some((b) => view.includes(b));
      if (!tab) tab = view.includes(TAB);
      let i = 0;
      if (base === 0 && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
        i = recordStart = 3;
      const find = (ch: number, from: number) => {
        const p = view.indexOf(ch, from);
        return p === -1 ? n : p;
      };
      let nq = -1;
      let nl = -1;
      let nc = -1;
      const at = (p: number) => (p < 0 ? prevByte : (buf[p] as number));
      while (i < n) {
        if (state === State.Quoted) {
          if (nq < i) nq = find(QUOTE, i);
          if (!quotedBreak) {
            if (nl < i) nl = find(LF, i);
            if (nc < i) nc = find(CR, i);
            quotedBreak = Math.min(nl, nc) < nq;
          }
          if (nq >= n) break;
          i = nq + 1;
          state = State.QuoteInQuoted;
          continue;
        }
        if (state === State.QuoteInQuoted) {
          state = State.Unquoted;
          if (buf[i] === QUOTE) {
            state = State.Quoted;
            i++;
            continue;
          }
        }
        if (nq < i) nq = find(QUOTE, i);
        if (nl < i) nl = find(LF, i);
        if (nc < i) nc = find(CR, i);
        const end = Math.min(nl, nc);
        if (nq < end) {
          if (base + nq === recordStart || at(nq - 1) === COMMA) {
            state = State.Quoted;
            quoteOpenedAt = base + nq;
            quoteOpenedLine = line;
          }
          i = nq + 1;
          continue;
        }
        if (end >= n) break;
        const crlf = buf[end] === LF && at(end - 1) === CR;
        if (crlf) {
          lineEnd('CRLF', pendingCr);
          pendingCr = 0;
        } else {
          settleCr();
          if (buf[end] === CR) pendingCr = line;
          else lineEnd('LF', line);
          endRecord(base + end);
          line++;
        }
        recordStart = base + end + 1;
        i = end + 1;
      }
      prevByte = buf[n - 1] as number;
    });
    const open = (state as State) === State.Quoted; // set inside the chunk callback
    endRecord(size);
    settleCr();
    return {
      rows: Math.max(0, records - 1),
      oversize: big.map((b) => ({
        line: b.line,
        rowBytes: b.end - b.start,
        ...longestField(fd, b),
      })),
      openQuote: open
        ? { line: quoteOpenedLine, linesAfter: lineBreaks(fd, quoteOpenedAt, size) }
        : null,
      mixedLineEnds: mixed,
      controls: { text: textControl, tab, quotedBreak },
    };
  } finally {
    closeSync(fd);
  }
}

/** The longest field of one record (read again byte by byte: only rows over the limit come here). */
function longestField(
  fd: number,
  row: { start: number; end: number },
): { field: number; fieldBytes: number } {
  let quoted = false;
  let quoteSeen = false;
  let atStart = true;
  let index = 0;
  let bytes = 0;
  let best = { field: 0, fieldBytes: 0 };
  const close = () => {
    if (bytes > best.fieldBytes) best = { field: index, fieldBytes: bytes };
    index++;
    bytes = 0;
    atStart = true;
  };
  eachChunk(fd, row.start, row.end, (buf, n) => {
    for (let i = 0; i < n; i++) {
      const b = buf[i] as number;
      if (quoteSeen) {
        quoteSeen = false;
        if (b === QUOTE) {
          bytes++;
          continue;
        }
        quoted = false;
      }
      if (quoted) {
        if (b === QUOTE) quoteSeen = true;
        bytes++;
      } else if (b === COMMA) close();
      else {
        if (b === QUOTE && atStart) quoted = true;
        atStart = false;
        bytes++;
      }
    }
  });
  close();
  return best;
}

/** Physical lines after the one holding an offset, to the end of the file. */
function lineBreaks(fd: number, from: number, to: number): number {
  let count = 0;
  let prev = -1;
  eachChunk(fd, from, to, (buf, n) => {
    for (let i = 0; i < n; i++) {
      const b = buf[i] as number;
      if (b === LF ? prev !== CR : b === CR) count++;
      prev = b;
    }
  });
  // A break that ends the file starts no line.
  return prev === LF || prev === CR ? Math.max(0, count - 1) : count;
}

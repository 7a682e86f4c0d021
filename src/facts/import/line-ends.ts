import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const CHUNK = 1 << 22;

/** A private copy of a CSV file whose line ends were made uniform, removed by `remove`. */
export interface UniformCopy {
  readonly path: string;
  readonly remove: () => void;
}

/**
 * DuckDB's CSV reader refuses a file whose lines end in a mix of CRLF, LF and CR (a file edited
 * on two systems, or files joined together). Such a file is read from a copy in which every line
 * end outside quotes is LF. Quoted fields are copied byte for byte (their line breaks are data),
 * and each line end stays one line end, so lines are numbered as in the original.
 * The copy is written owner-only in a fresh temporary folder (it holds the file's data).
 */
export function uniformLineEndsCopy(file: string): UniformCopy {
  const dir = mkdtempSync(join(tmpdir(), 'bluelamp-lines-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const path = join(dir, basename(file));
  try {
    const src = openSync(file, 'r');
    try {
      const out = openSync(path, 'wx', 0o600);
      try {
        copyUniform(src, out);
      } finally {
        closeSync(out);
      }
    } finally {
      closeSync(src);
    }
  } catch (e) {
    remove();
    throw e;
  }
  return { path, remove };
}

function copyUniform(src: number, out: number): void {
  const buf = Buffer.alloc(CHUNK);
  const res = Buffer.alloc(CHUNK);
  let quoted = false;
  let quoteInQuoted = false; // a quote seen inside a quoted field: `""` or the field's end
  let fieldStart = true; // a quote opens a quoted field only at the start of a field
  let afterCr = false; // the LF of a CRLF is dropped (its CR became the LF)
  for (let pos = 0; ;) {
    const n = readSync(src, buf, 0, CHUNK, pos);
    if (n === 0) break;
    pos += n;
    let o = 0;
    let i = 0;
    if (pos === n && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      buf.copy(res, 0, 0, 3); // a byte-order mark is not the start of a field's text
      o = i = 3;
    }
    for (; i < n; i++) {
      const b = buf[i] as number;
      if (quoteInQuoted) {
        quoteInQuoted = false;
        if (b === QUOTE) {
          res[o++] = b;
          continue;
        }
        quoted = false;
      }
      if (quoted) {
        if (b === QUOTE) quoteInQuoted = true;
        res[o++] = b;
        continue;
      }
      if (b === LF && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = b === CR;
      if (b === CR || b === LF) {
        res[o++] = LF;
        fieldStart = true;
        continue;
      }
      if (b === QUOTE && fieldStart) quoted = true;
      fieldStart = b === COMMA;
      res[o++] = b;
    }
    writeSync(out, res, 0, o);
  }
}

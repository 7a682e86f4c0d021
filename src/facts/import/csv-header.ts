import { closeSync, openSync, readSync } from 'node:fs';

/** Reads and parses the first line of a CSV file (BOM, quoted names, and LF, CRLF or CR line ends allowed); null when empty. */
export function readCsvHeader(file: string): string[] | null {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let text = buf.subarray(0, n).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const end = text.search(/[\r\n]/);
    const line = end === -1 ? text : text.slice(0, end);
    if (line.trim() === '') return null;
    return parseCsvLine(line);
  } finally {
    closeSync(fd);
  }
}

export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

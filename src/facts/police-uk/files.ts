import {
  createReadStream,
  createWriteStream,
  existsSync,
  readdirSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { basename, extname, join } from 'node:path';
import { BluelampError, type ValidationIssue } from '../../lib/errors.ts';
import { readCsvHeader } from '../import/csv-header.ts';
import { POLICE_UK_HEADERS, ROW_REF_HEADER } from '../extra-tables.ts';

/**
 * Finding, classifying and preparing data.police.uk files. Nothing here writes to the store.
 */

export type PoliceUkKind = 'street' | 'outcomes';

export interface FoundFile {
  readonly path: string;
  /** Named on the command line, rather than found by walking a directory. */
  readonly explicit: boolean;
}

export interface ClassifiedFiles {
  readonly street: readonly string[];
  readonly outcomes: readonly string[];
  /** Stop-and-search files found in directories, which are skipped. */
  readonly skipped: readonly string[];
}

const isCsv = (p: string) => extname(p).toLowerCase() === '.csv';

/**
 * The CSV files named by `paths`: files as given, directories walked recursively (sorted, so an
 * archive's months come in order). A file reached twice (e.g. a directory and a file inside it)
 * is listed once. Other files inside directories are ignored and counted in `ignored`.
 */
export function findCsvFiles(paths: readonly string[]): { files: FoundFile[]; ignored: string[] } {
  if (paths.length === 0) {
    throw new BluelampError('BAD_INPUT', 'No files given.', {
      hint: 'Name data.police.uk street and outcomes CSV files, or a directory holding them (e.g. an unzipped archive).',
    });
  }
  const files: FoundFile[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  const add = (path: string, explicit: boolean) => {
    const real = realpathSync(path);
    if (seen.has(real)) return;
    seen.add(real);
    files.push({ path, explicit });
  };
  const walk = (dir: string, visiting: Set<string>) => {
    const real = realpathSync(dir);
    if (visiting.has(real)) return; // a symlink loop
    const inner = new Set(visiting).add(real);
    const entries = readdirSync(dir).sort();
    for (const name of entries) {
      const p = join(dir, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p, inner);
      else if (st.isFile() && isCsv(name)) add(p, false);
      else if (st.isFile()) ignored.push(p);
    }
  };
  for (const p of paths) {
    if (!existsSync(p))
      throw new BluelampError('FILE_NOT_FOUND', `${p}: no such file or directory.`);
    const st = statSync(p);
    if (st.isDirectory()) {
      walk(p, new Set());
    } else if (isCsv(p)) {
      add(p, true);
    } else if (extname(p).toLowerCase() === '.zip') {
      throw new BluelampError('BAD_INPUT', `${p}: a zip archive.`, {
        hint: 'Unzip the data.police.uk archive and give its directory (or the CSV files in it).',
      });
    } else {
      throw new BluelampError('BAD_INPUT', `${p}: not a CSV file.`, {
        hint: 'Give data.police.uk street and outcomes CSV files as published, or a directory holding them.',
      });
    }
  }
  return { files, ignored };
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Layouts data.police.uk published before the current one (2010–2012: no Crime ID, LSOA or
 * outcome columns; Easting/Northing on the British National Grid before longitude/latitude).
 * Recognised so that they are named for what they are; not yet read (see CONTEXT.md).
 */
export const EARLY_HEADERS: readonly { header: readonly string[]; what: string }[] = [
  {
    header: [
      'Month',
      'Reported by',
      'Falls within',
      'Easting',
      'Northing',
      'Location',
      'Crime type',
      'Context',
    ],
    what: 'a 2010–2012 street file (Easting/Northing, no Crime ID or LSOA)',
  },
  {
    header: [
      'Month',
      'Reported by',
      'Falls within',
      'Longitude',
      'Latitude',
      'Location',
      'Crime type',
      'Context',
    ],
    what: 'a 2011–2012 street file (no Crime ID or LSOA)',
  },
  {
    header: [
      'Month',
      'Reported by',
      'Falls within',
      'Easting',
      'Northing',
      'Location',
      'Outcome type',
    ],
    what: 'a 2012 outcomes file (Easting/Northing, no Crime ID or LSOA)',
  },
];

const KNOWN = new Set<string>([
  ...POLICE_UK_HEADERS.street,
  ...POLICE_UK_HEADERS.outcomes,
  ...POLICE_UK_HEADERS.stopAndSearch,
]);

/**
 * Sorts files into street and outcomes by their header, which must be exactly the published
 * one. Stop-and-search files are skipped when found in a directory and an error when named
 * explicitly. Any other header is an error naming the file and its unknown columns — never a
 * guess. All problems of all files are thrown together, before anything is read.
 */
export function classifyFiles(files: readonly FoundFile[]): ClassifiedFiles {
  const street: string[] = [];
  const outcomes: string[] = [];
  const skipped: string[] = [];
  const issues: ValidationIssue[] = [];
  for (const { path, explicit } of files) {
    const header = readCsvHeader(path);
    const issue = (column: string, value: string | null, rule: string) =>
      issues.push({ file: path, line: 1, column, value, rule });
    if (header === null) {
      issue('(header)', null, 'the file is empty: the published header line is required');
    } else if (same(header, POLICE_UK_HEADERS.street)) {
      street.push(path);
    } else if (same(header, POLICE_UK_HEADERS.outcomes)) {
      outcomes.push(path);
    } else if (EARLY_HEADERS.some((e) => same(header, e.header))) {
      const early = EARLY_HEADERS.find((e) => same(header, e.header));
      issue(
        '(header)',
        null,
        `${early?.what ?? 'an early data.police.uk file'}: this layout is recognised but not yet imported; download the month again from the data.police.uk archive, which republishes it in the current layout`,
      );
    } else if (same(header, POLICE_UK_HEADERS.stopAndSearch)) {
      if (explicit) {
        issue(
          '(header)',
          null,
          'a stop-and-search file: only street and outcomes files are imported; leave it out (inside a directory it is skipped)',
        );
      } else skipped.push(path);
    } else {
      const expected = `expected the published street header (${POLICE_UK_HEADERS.street.join(',')}) or outcomes header (${POLICE_UK_HEADERS.outcomes.join(',')})`;
      let unknown = 0;
      header.forEach((h, i) => {
        if (KNOWN.has(h)) return;
        unknown++;
        issue(`(header column ${i + 1})`, h, `unknown column; ${expected}`);
      });
      if (unknown === 0) {
        issue(
          '(header)',
          header.join(','),
          `columns missing, repeated or out of order; ${expected}`,
        );
      }
    }
  }
  if (issues.length > 0) {
    const n = new Set(issues.map((i) => i.file)).size;
    throw new BluelampError(
      'VALIDATION_FAILED',
      `police-uk: ${n} file${n === 1 ? ' has' : 's have'} a header that is not a published data.police.uk street or outcomes header; nothing was imported.`,
      {
        issues,
        hint: 'Give the files exactly as downloaded from data.police.uk (street and outcomes CSVs); the header is checked exactly.',
      },
    );
  }
  return { street, outcomes, skipped };
}

// ---------------------------------------------------------------- the working copy

export interface CopyInfo {
  /** Data lines (not counting the header or blank lines). */
  readonly rows: number;
  /** Earliest and latest well-formed Month value, for the default batch id. */
  readonly firstMonth: string | null;
  readonly lastMonth: string | null;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The reference a row gets in `row_ref`: the file's name and the row's physical line. */
export const rowRef = (file: string, line: number) => `${basename(file)}:${line}`;

/** What `annotateCopy` appended to `line` of `file`, for mapping malformed-row reports back. */
export function appendedSuffix(file: string, line: number, text: string): string {
  const withRef = `,${csvCell(rowRef(file, line))}`;
  if (text.endsWith(withRef)) return withRef;
  return text.endsWith(',') ? ',' : '';
}

/** The first two fields of a CSV line (enough for Crime ID and Month), unquoted and trimmed. */
function leadingFields(line: string): [string, string] {
  const out: string[] = [];
  let i = 0;
  while (out.length < 2 && i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '"') {
          if (line[j + 1] === '"') {
            v += '"';
            j++;
          } else break;
        } else v += line[j];
      }
      out.push(v.trim());
      const comma = line.indexOf(',', j);
      i = comma === -1 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      out.push(line.slice(i, end).trim());
      i = end + 1;
    }
  }
  return [out[0] ?? '', out[1] ?? ''];
}

const MONTH = /^\d{4}-\d{2}$/;

/**
 * Writes the working copy the generic importer reads: the published file line for line (so
 * line numbers are the published ones), LF endings, no BOM, and one more column, `Row ref`:
 * "<file>:<line>" for every row — the published row is the unit (CONTEXT.md, "Counting").
 * Records spanning lines (a quoted newline) are not part of the published format; the importer
 * reports them as malformed.
 */
export async function annotateCopy(src: string, dest: string): Promise<CopyInfo> {
  const input = createReadStream(src, { highWaterMark: 1 << 20 });
  const output = createWriteStream(dest);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNo = 0;
  let rows = 0;
  let firstMonth: string | null = null;
  let lastMonth: string | null = null;

  const convert = (raw: string): string => {
    lineNo++;
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (lineNo === 1) {
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      return `${line},${csvCell(ROW_REF_HEADER)}`;
    }
    if (line === '') return line;
    rows++;
    const [, month] = leadingFields(line);
    if (MONTH.test(month)) {
      if (firstMonth === null || month < firstMonth) firstMonth = month;
      if (lastMonth === null || month > lastMonth) lastMonth = month;
    }
    return `${line},${csvCell(rowRef(src, lineNo))}`;
  };

  try {
    for await (const chunk of input) {
      const parts = (carry + decoder.write(chunk as Buffer)).split('\n');
      carry = parts.pop() ?? '';
      let text = '';
      for (const p of parts) text += `${convert(p)}\n`;
      if (!output.write(text)) await once(output, 'drain');
    }
    const rest = carry + decoder.end();
    if (rest !== '') output.write(`${convert(rest)}\n`);
  } finally {
    output.end();
    await finished(output);
  }
  return { rows, firstMonth, lastMonth };
}

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/records/api.ts';
import { readFileSync } from 'node:fs';
import {
  TRACKER_COLUMNS,
  decodeTracker,
  parseCsv,
  trackerCsv,
} from '../../src/records/accountability/tracker-csv.ts';
import { rows, STORES, type TestStore } from './stores.ts';

// Importing a findings tracker on PGlite and on PostgreSQL: a file saved the way Excel saves
// "CSV UTF-8" (byte-order mark, CRLF, quotes only where needed, dd/mm/yyyy dates, blank rows at
// the end), refused whole with every bad row named; imported; imported again without change.

const cli: Actor = { userId: null, via: 'cli' };
const PASSWORD = 'a long enough password';

/** A row of cells as Excel writes it: a cell is quoted only if it holds a comma, quote or break. */
const excelRow = (cells: readonly string[]) =>
  cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
/** The bytes of an Excel "CSV UTF-8" file: EF BB BF, CRLF after every row, the last included. */
const excelCsv = (lines: readonly (readonly string[])[]) =>
  Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(lines.map((l) => `${excelRow(l)}\r\n`).join(''), 'utf8'),
  ]);

const HEADER = [
  'Source title',
  'Source kind',
  'Report kind',
  'Published on',
  'Ref',
  'Kind',
  'Text',
  'Scope',
  'Due',
  'Lead email',
  'Status',
  'Notes',
];
const VAWG = ['Police response to violence against women and girls (test)', 'HMICFRS', 'Thematic'];
const AUDIT = ['Internal audit: property and exhibits (test)', 'Internal audit', ''];
const BLANK = Array.from({ length: HEADER.length }, () => '');

/** The good tracker: four findings of two reports, one text over two lines, two blank rows. */
const good = (status1 = 'In progress') =>
  excelCsv([
    HEADER,
    [
      ...VAWG,
      '29/02/2024',
      'Recommendation 1',
      'Recommendation',
      'Record the protected characteristics of victims, accurately and consistently.',
      'Force',
      '30/09/2024',
      'lead@example.org',
      status1,
      'RAG: amber',
    ],
    [
      ...VAWG,
      '29/02/2024',
      'Recommendation 2',
      'Recommendations',
      'Introduce a single national survey of "victim satisfaction".',
      'National',
      '',
      '',
      'Superseded',
      '',
    ],
    [
      ...VAWG,
      '2024-02-29',
      'AFI 1',
      'AFI',
      'Improve the supervision of investigations:\nand update victims.',
      '',
      'Immediately',
      'LEAD@example.org',
      'allocated',
      '',
    ],
    [
      ...AUDIT,
      '13/05/2024',
      'Finding 1',
      'Area for improvement',
      '- Reconcile the store with the records system every quarter.',
      '',
      '31/08/2024',
      '',
      'Awaiting allocation',
      '',
    ],
    BLANK,
    BLANK,
  ]);

describe.each(STORES)('the tracker import on %s', (_name, open) => {
  let s: TestStore;
  let unopened: unknown = null;
  const as: Record<string, Actor> = {};
  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as TestStore;
    });
    if (!s) return;
    const people: Role[] = ['admin', 'analyst', 'lead', 'oversight', 'panel'];
    for (const role of people) {
      const u = await s.records.users.add(
        { email: `${role}@example.org`, role, password: PASSWORD },
        cli,
      );
      as[role] = { userId: u.id, via: 'web' };
    }
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  const count = async (table: string) =>
    Number((await rows(s.db, sql.raw(`select count(*) as n from ${table}`)))[0]?.n);
  const state = async () => ({
    sources: await count('finding_sources'),
    findings: await count('findings'),
    history: await count('finding_history'),
    imports: (await s.records.audit.list({ limit: 5000, action: 'tracker_imported' })).length,
  });
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e as { code: string; message: string; issues: Record<string, unknown>[] };
    }
    throw new Error('not refused');
  };
  const opts = { fileName: 'tracker.csv', createSources: true };

  it('reports every bad row of a file at once, with line and column, and writes nothing', async () => {
    const before = await state();
    const file = excelCsv([
      HEADER,
      [
        ...VAWG,
        '29/02/2024',
        'Recommendation 1',
        'Recommendation',
        'Record data.',
        '',
        '',
        '',
        '',
        '',
      ],
      // A day that does not exist.
      [...VAWG, '31/02/2024', 'Recommendation 2', 'Recommendation', 'Survey.', '', '', '', '', ''],
      [...VAWG, '29/02/2024', 'AFI 1', 'AFI', 'Two\nlines.', '', '', '', '', ''],
      // A kind the register does not know (this row starts on line 6: the text above spans two).
      [...VAWG, '29/02/2024', 'AFI 2', 'Observation', 'Something.', '', '', '', '', ''],
      // A lead who is not a user.
      [
        ...VAWG,
        '29/02/2024',
        'AFI 3',
        'AFI',
        'More.',
        '',
        '',
        'nobody@example.org',
        'Allocated',
        '',
      ],
      BLANK,
    ]);
    const e = await refusal(s.records.tracker.importCsv(file, opts, as.oversight!));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('tracker.csv: 3 problems found, so nothing was imported.');
    expect(e.issues).toEqual([
      {
        file: 'tracker.csv',
        line: 3,
        column: 'published_on',
        value: '31/02/2024',
        rule: 'must be a date that exists (day/month/year)',
      },
      {
        file: 'tracker.csv',
        line: 6,
        column: 'kind',
        value: 'Observation',
        rule: 'must be Recommendation, Area for improvement (AFI) or Cause of concern',
      },
      {
        file: 'tracker.csv',
        line: 7,
        column: 'lead_email',
        value: 'nobody@example.org',
        rule: 'must be the email address of a user of the service',
      },
    ]);
    expect(await state()).toEqual(before);
  });

  it('refuses reports the register does not hold unless asked to add them', async () => {
    const e = await refusal(
      s.records.tracker.importCsv(good(), { fileName: 'tracker.csv' }, as.oversight!),
    );
    expect(e.issues.map((i) => [i.line, i.column])).toEqual([
      [2, 'source_title'],
      [3, 'source_title'],
      [4, 'source_title'],
      [6, 'source_title'],
    ]);
    expect(await count('findings')).toBe(0);
  });

  it('imports a good file, adding its reports and recording imported statuses', async () => {
    const summary = await s.records.tracker.importCsv(good(), opts, as.oversight!);
    expect(summary).toEqual({
      rows: 4,
      added: 4,
      updated: 0,
      unchanged: 0,
      sourcesCreated: 2,
      ignoredColumns: ['Notes'],
    });
    const sources = await s.records.findingSources.list();
    const vawg = sources.find((x) => x.title === VAWG[0])!;
    expect(vawg).toMatchObject({
      kind: 'hmicfrs',
      reportKind: 'thematic',
      publishedOn: '2024-02-29',
    });
    expect(sources.find((x) => x.title === AUDIT[0])).toMatchObject({
      kind: 'internal_audit',
      reportKind: null,
      publishedOn: '2024-05-13',
    });
    const found = await s.records.findings.list({ sourceId: vawg.id });
    expect(found.map((f) => [f.ref, f.kind, f.scope, f.due, f.status, f.leadUserId])).toEqual([
      ['Recommendation 1', 'recommendation', 'force', '2024-09-30', 'in_progress', as.lead!.userId],
      ['Recommendation 2', 'recommendation', 'national', null, 'superseded', null],
      ['AFI 1', 'area_for_improvement', 'force', 'immediately', 'allocated', as.lead!.userId],
    ]);
    expect(found[1]!.text).toBe('Introduce a single national survey of "victim satisfaction".');
    expect(found[2]!.text).toBe('Improve the supervision of investigations:\nand update victims.');
    const h = await s.records.findings.history(found[0]!.id);
    expect(h.map((e) => [e.action, e.before.status ?? null, e.after.status, e.note])).toEqual([
      ['added', null, 'awaiting_allocation', 'Imported from the tracker tracker.csv'],
      ['imported', 'awaiting_allocation', 'in_progress', 'Imported from the tracker tracker.csv'],
    ]);
    expect(h[1]!.actorUserId).toBe(as.oversight!.userId);
    const audit = await s.records.audit.list({ limit: 5000, action: 'tracker_imported' });
    expect(audit[0]?.details).toEqual({
      rows: 4,
      added: 4,
      updated: 0,
      unchanged: 0,
      sourcesCreated: 2,
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await state();
    const summary = await s.records.tracker.importCsv(good(), opts, as.admin!);
    expect(summary).toMatchObject({
      rows: 4,
      added: 0,
      updated: 0,
      unchanged: 4,
      sourcesCreated: 0,
    });
    expect(await state()).toEqual({ ...before, imports: before.imports + 1 });
  });

  it('updates a finding whose row changed, with an "imported" history row', async () => {
    const summary = await s.records.tracker.importCsv(good('Evidence submitted'), opts, cli);
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 3 });
    const f = (await s.records.findings.list()).find((x) => x.ref === 'Recommendation 1')!;
    expect(f.status).toBe('evidence_submitted');
    const last = (await s.records.findings.history(f.id)).at(-1)!;
    expect(last).toMatchObject({
      action: 'imported',
      before: { status: 'in_progress' },
      after: { status: 'evidence_submitted' },
      via: 'cli',
    });
  });

  it('writes the register out in the same shape, which re-imports without change', async () => {
    const out = trackerCsv(await s.records.tracker.exportRows());
    expect(out.startsWith('\uFEFFsource_title,source_kind,report_kind,published_on,ref,')).toBe(
      true,
    );
    expect(out.split('\r\n')).toHaveLength(6); // header, four findings, the final line end
    // Formula-like text is neutralised for spreadsheets, and read back as it was.
    expect(out).toContain(`,"'- Reconcile the store`);
    expect(out).toContain('HMICFRS,Thematic,2024-02-29,AFI 1,Area for improvement,');
    const before = await state();
    const summary = await s.records.tracker.importCsv(out, { fileName: 'export.csv' }, cli);
    expect(summary).toMatchObject({ rows: 4, unchanged: 4, sourcesCreated: 0 });
    expect((await state()).history).toBe(before.history);
  });

  it('puts every row in a chosen report, whose columns may then be left out', async () => {
    const audit = (await s.records.findingSources.list()).find((x) => x.title === AUDIT[0])!;
    const file =
      'Ref,Kind,Text,Due\r\nFinding 2,Recommendation,Label every exhibit.,01/12/2024\r\n';
    const summary = await s.records.tracker.importCsv(
      file,
      { fileName: 'audit.csv', sourceId: audit.id },
      as.admin!,
    );
    expect(summary).toMatchObject({ added: 1 });
    const f = (await s.records.findings.list({ sourceId: audit.id })).find(
      (x) => x.ref === 'Finding 2',
    );
    expect(f).toMatchObject({ due: '2024-12-01', status: 'awaiting_allocation', scope: 'force' });
    // A row naming another report is refused.
    const wrong = `Source title,Ref,Kind,Text\r\n${VAWG[0]},Finding 3,Recommendation,x\r\n`;
    const e = await refusal(
      s.records.tracker.importCsv(wrong, { fileName: 'audit.csv', sourceId: audit.id }, cli),
    );
    expect(e.issues).toMatchObject([{ line: 2, column: 'source_title' }]);
    await expect(
      s.records.tracker.importCsv(file, { fileName: 'audit.csv', sourceId: '99999' }, cli),
    ).rejects.toMatchObject({ code: 'UNKNOWN_RECORD' });
  });

  it('names the rules of the header, the report and the row', async () => {
    const bad = async (text: string) =>
      (await refusal(s.records.tracker.importCsv(text, opts, cli))).issues.map(
        (i) => `${i.line} ${i.column}: ${i.rule}`,
      );
    expect(
      await bad('Source title,Source kind,Published on,Ref,Kind\r\nx,HMICFRS,2024-01-01,1,AFI\r\n'),
    ).toEqual(['1 text: the column is missing from the header line']);
    expect(await bad('Ref,Kind,Text\r\n')).toContain(
      '1 source_title: the column is missing from the header line',
    );
    const row = (cells: string) => `${HEADER.slice(0, 11).join(',')}\r\n${cells}\r\n`;
    expect(await bad(row(`${VAWG[0]},IOPC learning,,29/02/2024,R9,Recommendation,x,,,,`))).toEqual([
      '2 source_kind: differs from the register, which holds this report as HMICFRS (Thematic)',
    ]);
    expect(await bad(row(`New report (test),HMICFRS,,01/03/24,R1,Recommendation,x,,,,`))).toEqual([
      '2 published_on: must have a four-digit year, like 29/02/2024',
      '2 report_kind: is required for an HMICFRS report: PEEL, Thematic or Joint',
    ]);
    expect(
      await bad(
        row(
          `New report (test),Internal audit,,01/03/2024,R1,Recommendation,x,Local,soon,,Allocated`,
        ),
      ),
    ).toEqual([
      '2 scope: must be Force or National',
      '2 due: must be a date, like 2024-02-29 or 29/02/2024, or "immediately"',
      '2 lead_email: is required for a finding that is allocated',
    ]);
    expect(
      await bad(
        `${HEADER.slice(0, 11).join(',')}\r\nNew (test),Audit,,01/03/2024,R1,Rec,x,,,panel@example.org,Done\r\nNew (test),Audit,,01/03/2024,R1,Rec,"y\r\n`,
      ),
    ).toEqual(['3 (file): a quoted field opens here and is never closed']);
    expect(
      await bad(
        `${HEADER.slice(0, 11).join(',')}\r\nNew (test),Audit,,01/03/2024,R1,Rec,x,,,panel@example.org,Done\r\nNew (test),Audit,,01/03/2024,R1,Rec,y,,,,,extra,cells\r\n`,
      ),
    ).toEqual([
      '2 lead_email: must be a user with the lead role',
      '2 status: must be one of Awaiting allocation, Allocated, In progress, Evidence submitted, Approved for closure, Closed, Superseded',
      '3 (row): has 13 fields; the header line has 11',
      '3 ref: is given for the same report on line 2 too',
    ]);
    expect(await bad('\uFEFF\r\n,,\r\n')).toEqual([
      '1 (file): the file has no header line and no rows',
    ]);
    expect(await bad(`${HEADER.join(',')}\r\n,,,\r\n`)).toEqual([
      '1 (file): the file has a header line but no rows',
    ]);
  });

  it('lets only administrators and the policing body’s office import', async () => {
    for (const role of ['lead', 'panel', 'analyst'] as const)
      await expect(s.records.tracker.importCsv(good(), opts, as[role]!)).rejects.toMatchObject({
        code: 'NOT_PERMITTED',
      });
  });
});

describe('reading a tracker file (pure)', () => {
  it('decodes UTF-8 with or without a byte-order mark, else Windows-1252', () => {
    expect(decodeTracker(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
    expect(decodeTracker(Buffer.from('Café', 'utf8'))).toBe('Café');
    expect(decodeTracker(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x92]))).toBe('Café €’');
  });

  it('reads quoted commas, doubled quotes and line breaks, numbering each record by its first line', () => {
    const { records, unclosedQuoteAt } = parseCsv('a,"b, c"\r\n"say ""hi""","x\r\ny"\rlast,\n');
    expect(unclosedQuoteAt).toBeNull();
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b, c'] },
      { line: 2, cells: ['say "hi"', 'x\r\ny'] },
      { line: 4, cells: ['last', ''] },
    ]);
    expect(parseCsv('a,b').records).toEqual([{ line: 1, cells: ['a', 'b'] }]);
    expect(parseCsv('a\n"b\nc').unclosedQuoteAt).toBe(2);
  });

  it('is described, column by column, in docs/tracker-import.md', () => {
    const doc = readFileSync(new URL('../../docs/tracker-import.md', import.meta.url), 'utf8');
    for (const c of TRACKER_COLUMNS) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${c.name}\` |`));
      expect(row, c.name).toBeDefined();
      expect(row).toContain(`| ${c.required ? 'yes' : 'no'} |`);
      for (const a of c.aliases) expect(row, `${c.name} alias ${a}`).toContain(`\`${a}\``);
      expect(row).toContain(c.doc);
    }
  });
});

import { and, asc, eq } from 'drizzle-orm';
import { BluelampError, type ValidationIssue } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import { appendAudit } from '../audit.ts';
import type { Db, RepoContext } from '../db.ts';
import { findingHistory, findings, findingSources, users } from '../schema.ts';
import { FINDING_STATUSES, type FindingStatus } from './lifecycle.ts';
import { actingAs, idNumber, requireRole, unknownRecord } from './shared.ts';
import {
  SOURCE_COLUMNS,
  TRACKER_COLUMNS,
  TRACKER_NAMES,
  columnOf,
  dateOf,
  decodeTracker,
  findingKindOf,
  parseCsv,
  reportKindOf,
  scopeOf,
  sourceKindOf,
  statusName,
  statusOf,
  unneutralise,
  type ColumnName,
  type CsvRecord,
  type ReportKind,
  type SourceKind,
  type TrackerRow,
} from './tracker-csv.ts';
import type { FindingKind, HistoryValue } from './types.ts';

/**
 * Importing a findings tracker (the CSV of tracker-csv.ts) into the register, and the register
 * written back out in the same shape. Every row is checked before anything is written and every
 * problem is reported at once (file, line, column, value, rule: the facts importers' shape);
 * one bad row and nothing is written (one transaction). Reports are matched by title and
 * publication date (or added, when asked), findings by report and reference, so importing the
 * same file again changes nothing. A finding's status is taken as the tracker has it, with a
 * history row "imported" saying so.
 */
export type { TrackerRow } from './tracker-csv.ts';

export interface TrackerImportOptions {
  /** The file's name as given, for the problems and the history notes. */
  readonly fileName: string;
  /** Put every row in this report; the report's columns may then be left out or blank. */
  readonly sourceId?: string;
  /** Add the reports the register does not hold yet (otherwise such a row is refused). */
  readonly createSources?: boolean;
}

export interface TrackerImportSummary {
  readonly rows: number;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly sourcesCreated: number;
  /** Header columns that are not part of the format (a tracker's own notes, RAG …). */
  readonly ignoredColumns: readonly string[];
}

export interface TrackerRepo {
  /** Imports a tracker all or nothing: VALIDATION_FAILED with every problem, or the summary. */
  importCsv(
    file: Uint8Array | string,
    opts: TrackerImportOptions,
    actor: Actor,
  ): Promise<TrackerImportSummary>;
  /** The register in the tracker's shape, oldest report first. */
  exportRows(): Promise<TrackerRow[]>;
}

export const TRACKER_IMPORTERS = ['admin', 'oversight'] as const;

type SourceRow = typeof findingSources.$inferSelect;
type FindingRow = typeof findings.$inferSelect;

interface NewSource {
  readonly kind: SourceKind;
  readonly reportKind: ReportKind | null;
  readonly title: string;
  readonly publishedOn: string;
}

/** A row that passed every check, with the values it sets (undefined: its column is absent). */
interface GoodRow {
  readonly source: { readonly id: number } | { readonly key: string; readonly add: NewSource };
  readonly ref: string;
  readonly kind: FindingKind;
  readonly text: string;
  readonly scope: 'force' | 'national' | undefined;
  readonly due: string | null | undefined;
  readonly leadUserId: number | null | undefined;
  readonly status: FindingStatus | undefined;
}

/** What the register holds, read once before the rows are checked. */
interface Register {
  readonly chosen: SourceRow | null;
  readonly sources: ReadonlyMap<string, SourceRow>;
  readonly users: ReadonlyMap<string, typeof users.$inferSelect>;
  readonly findings: ReadonlyMap<string, FindingRow>;
}

const titleKey = (title: string, publishedOn: string) =>
  `${title.trim().replace(/\s+/g, ' ').toLowerCase()}|${publishedOn}`;
const findingKey = (sourceId: number | string, ref: string) => `${sourceId}#${ref}`;

/** Statuses at which a finding has a strategic lead (the lifecycle allocates before them). */
const LED: readonly FindingStatus[] = FINDING_STATUSES.filter(
  (s) => s !== 'awaiting_allocation' && s !== 'superseded',
);

const dueOf = (f: FindingRow): string | null => (f.dueImmediately ? 'immediately' : f.dueOn);

async function readRegister(tx: Db, opts: TrackerImportOptions): Promise<Register> {
  let chosen: SourceRow | null = null;
  if (opts.sourceId !== undefined) {
    const n = idNumber(opts.sourceId);
    const [row] =
      n === null ? [] : await tx.select().from(findingSources).where(eq(findingSources.id, n));
    if (!row) throw unknownRecord('report or other source');
    chosen = row;
  }
  const sources = new Map<string, SourceRow>();
  for (const s of await tx.select().from(findingSources).orderBy(asc(findingSources.id)))
    if (!sources.has(titleKey(s.title, s.publishedOn)))
      sources.set(titleKey(s.title, s.publishedOn), s);
  const people = new Map((await tx.select().from(users)).map((u) => [u.email.toLowerCase(), u]));
  const held = new Map(
    (await tx.select().from(findings)).map((f) => [findingKey(f.sourceId, f.ref), f]),
  );
  return { chosen, sources, users: people, findings: held };
}

type Bad = (line: number, column: string, value: string | null, rule: string) => void;

/** The header's known columns (by name or alias, any order); the rest are ignored. */
function readHeader(header: CsvRecord, opts: TrackerImportOptions, bad: Bad) {
  const at = new Map<ColumnName, number>();
  const ignored: string[] = [];
  header.cells.forEach((h, i) => {
    const name = columnOf(h);
    if (name === undefined) {
      if (h.trim() !== '') ignored.push(h.trim());
    } else if (at.has(name)) bad(header.line, name, h, 'the column is given twice');
    else at.set(name, i);
  });
  for (const c of TRACKER_COLUMNS) {
    const optionalHere = opts.sourceId !== undefined && SOURCE_COLUMNS.includes(c.name);
    if (c.required && !at.has(c.name) && !optionalHere)
      bad(header.line, c.name, null, 'the column is missing from the header line');
  }
  return { at, ignored };
}

interface RowContext {
  readonly at: ReadonlyMap<ColumnName, number>;
  readonly width: number;
  readonly register: Register;
  readonly opts: TrackerImportOptions;
  readonly bad: Bad;
  /** The first line of each report and of each report's reference, to refuse repeats. */
  readonly seenSources: Map<string, { line: number; source: NewSource }>;
  readonly seenRefs: Map<string, number>;
}

/** The report a row names: the chosen one, one in the register, one to add, or null (a problem). */
function rowSource(
  r: CsvRecord,
  cell: (c: ColumnName) => string | undefined,
  x: RowContext,
): GoodRow['source'] | null {
  const { bad, register } = x;
  const title = cell('source_title') ?? '';
  const kindText = cell('source_kind') ?? '';
  const publishedText = cell('published_on') ?? '';
  const reportText = cell('report_kind') ?? '';
  const published = publishedText === '' ? null : dateOf(publishedText);
  if (published && 'rule' in published) bad(r.line, 'published_on', publishedText, published.rule);
  const day = published && 'date' in published ? published.date : null;

  const chosen = register.chosen;
  if (chosen) {
    if (title !== '' && titleKey(title, '') !== titleKey(chosen.title, ''))
      bad(
        r.line,
        'source_title',
        title,
        `names another report than the one chosen (${chosen.title})`,
      );
    else if (day !== null && day !== chosen.publishedOn)
      bad(
        r.line,
        'published_on',
        publishedText,
        `is not the publication date of the report chosen (${chosen.publishedOn})`,
      );
    return { id: chosen.id };
  }

  if (title === '') bad(r.line, 'source_title', null, 'is required');
  if (kindText === '') bad(r.line, 'source_kind', null, 'is required');
  if (publishedText === '') bad(r.line, 'published_on', null, 'is required');
  const kind = kindText === '' ? undefined : sourceKindOf(kindText);
  if (kindText !== '' && kind === undefined)
    bad(
      r.line,
      'source_kind',
      kindText,
      'must be one of HMICFRS, IOPC learning, Coroner PFD, Victims Commissioner, Internal audit',
    );
  const reportKind = reportText === '' ? null : reportKindOf(reportText);
  if (reportKind === undefined)
    bad(r.line, 'report_kind', reportText, 'must be PEEL, Thematic or Joint');
  else if (kind === 'hmicfrs' && reportKind === null)
    bad(r.line, 'report_kind', null, 'is required for an HMICFRS report: PEEL, Thematic or Joint');
  else if (kind !== undefined && kind !== 'hmicfrs' && reportKind !== null)
    bad(r.line, 'report_kind', reportText, 'must be blank for a report not from HMICFRS');
  if (title === '' || kind === undefined || day === null || reportKind === undefined) return null;
  if (kind === 'hmicfrs' && reportKind === null) return null;
  if (kind !== 'hmicfrs' && reportKind !== null) return null;

  const key = titleKey(title, day);
  const source: NewSource = { kind, reportKind, title, publishedOn: day };
  const first = x.seenSources.get(key);
  if (!first) x.seenSources.set(key, { line: r.line, source });
  const held = register.sources.get(key);
  const kindName = (k: string, rk: string | null) =>
    `${TRACKER_NAMES.sourceKind[k as SourceKind] ?? k}${rk ? ` (${TRACKER_NAMES.reportKind[rk as ReportKind] ?? rk})` : ''}`;
  if (first && (first.source.kind !== kind || first.source.reportKind !== reportKind)) {
    bad(r.line, 'source_kind', kindText, `differs from line ${first.line}, for the same report`);
    return null;
  }
  if (held && (held.kind !== kind || held.reportKind !== reportKind)) {
    bad(
      r.line,
      'source_kind',
      kindText,
      `differs from the register, which holds this report as ${kindName(held.kind, held.reportKind)}`,
    );
    return null;
  }
  if (held) return { id: held.id };
  if (x.opts.createSources) return { key, add: source };
  bad(
    r.line,
    'source_title',
    title,
    'no report with this title and publication date is in the register: add it first, or let the import add new reports',
  );
  return null;
}

/** Checks one row, reporting each problem through `bad`; the row's values when it has none. */
function checkRow(r: CsvRecord, x: RowContext): GoodRow | null {
  const { bad } = x;
  let problems = 0;
  const report: Bad = (...a) => {
    problems++;
    bad(...a);
  };
  const ctx = { ...x, bad: report };
  const cell = (c: ColumnName): string | undefined => {
    const i = x.at.get(c);
    return i === undefined ? undefined : unneutralise((r.cells[i] ?? '').trim());
  };
  if (r.cells.length > x.width)
    report(r.line, '(row)', null, `has ${r.cells.length} fields; the header line has ${x.width}`);
  const source = rowSource(r, cell, ctx);

  const ref = cell('ref') ?? '';
  const kindText = cell('kind') ?? '';
  const text = cell('text') ?? '';
  if (ref === '') report(r.line, 'ref', null, 'is required');
  else if (ref.length > 200) report(r.line, 'ref', ref, 'must be 200 characters or fewer');
  const kind = kindText === '' ? undefined : findingKindOf(kindText);
  if (kindText === '') report(r.line, 'kind', null, 'is required');
  else if (kind === undefined)
    report(
      r.line,
      'kind',
      kindText,
      'must be Recommendation, Area for improvement (AFI) or Cause of concern',
    );
  if (text === '') report(r.line, 'text', null, 'is required');
  else if (text.length > 10_000) report(r.line, 'text', text, 'must be 10,000 characters or fewer');

  const scopeText = cell('scope');
  let scope: GoodRow['scope'];
  if (scopeText === '') scope = 'force';
  else if (scopeText !== undefined) {
    scope = scopeOf(scopeText);
    if (scope === undefined) report(r.line, 'scope', scopeText, 'must be Force or National');
  }

  const dueText = cell('due');
  let due: string | null | undefined = dueText === undefined ? undefined : null;
  if (dueText && /^immediate(ly)?$/i.test(dueText)) due = 'immediately';
  else if (dueText) {
    const d = dateOf(dueText);
    if ('rule' in d) report(r.line, 'due', dueText, `${d.rule}, or "immediately"`);
    else due = d.date;
  }

  const email = cell('lead_email');
  let leadUserId: number | null | undefined = email === undefined ? undefined : null;
  if (email) {
    const u = x.register.users.get(email.toLowerCase());
    if (!u || u.disabled)
      report(r.line, 'lead_email', email, 'must be the email address of a user of the service');
    else if (u.role !== 'lead')
      report(r.line, 'lead_email', email, 'must be a user with the lead role');
    else leadUserId = u.id;
  }

  const statusText = cell('status');
  const status = statusText
    ? statusOf(statusText)
    : statusText === ''
      ? 'awaiting_allocation'
      : undefined;
  if (statusText && status === undefined)
    report(
      r.line,
      'status',
      statusText,
      `must be one of ${FINDING_STATUSES.map(statusName).join(', ')}`,
    );

  if (source !== null && ref !== '') {
    const key = findingKey('id' in source ? source.id : source.key, ref);
    const first = x.seenRefs.get(key);
    if (first !== undefined)
      report(r.line, 'ref', ref, `is given for the same report on line ${first} too`);
    else x.seenRefs.set(key, r.line);
    // From allocation on a finding has a strategic lead: the row's, or the one it keeps.
    const held = 'id' in source ? x.register.findings.get(key) : undefined;
    const willBe = status ?? (held?.status as FindingStatus | undefined) ?? 'awaiting_allocation';
    const lead = leadUserId === undefined ? (held?.leadUserId ?? null) : leadUserId;
    if (LED.includes(willBe) && lead === null && !(email && leadUserId === null))
      report(
        r.line,
        'lead_email',
        email || null,
        `is required for a finding that is ${statusName(willBe).toLowerCase()}`,
      );
  }
  if (problems > 0 || source === null || kind === undefined) return null;
  return { source, ref, kind, text, scope, due, leadUserId, status };
}

/** Every row checked against the format and the register: the good rows, or the problems. */
async function checkFile(tx: Db, text: string, opts: TrackerImportOptions) {
  const issues: ValidationIssue[] = [];
  const bad: Bad = (line, column, value, rule) =>
    issues.push({ file: opts.fileName, line, column, value, rule });
  const parsed = parseCsv(text);
  if (parsed.unclosedQuoteAt !== null)
    bad(parsed.unclosedQuoteAt, '(file)', null, 'a quoted field opens here and is never closed');
  // Blank rows (a spreadsheet's trailing ",,,,," lines) are no rows.
  const [header, ...body] = parsed.records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!header) {
    bad(1, '(file)', null, 'the file has no header line and no rows');
    return { rows: [], issues, ignored: [] };
  }
  const { at, ignored } = readHeader(header, opts, bad);
  if (issues.length === 0 && body.length === 0)
    bad(header.line, '(file)', null, 'the file has a header line but no rows');
  if (issues.length) return { rows: [], issues, ignored };
  const x: RowContext = {
    at,
    width: header.cells.length,
    register: await readRegister(tx, opts),
    opts,
    bad,
    seenSources: new Map(),
    seenRefs: new Map(),
  };
  const rows = body.map((r) => checkRow(r, x)).filter((r): r is GoodRow => r !== null);
  return { rows, issues, ignored };
}

// ---- Writing ---------------------------------------------------------------------------------

const snapshotOf = (f: FindingRow): Record<string, HistoryValue> => ({
  status: f.status,
  kind: f.kind,
  text: f.text,
  scope: f.scope,
  due: dueOf(f),
  leadUserId: f.leadUserId === null ? null : String(f.leadUserId),
});

const sameFinding = (a: FindingRow, b: FindingRow) =>
  JSON.stringify(snapshotOf(a)) === JSON.stringify(snapshotOf(b));

export function trackerRepo({ db, clock }: RepoContext): TrackerRepo {
  const audit = (
    tx: Db,
    action: string,
    subject: string,
    details: Record<string, string | number>,
    actor: Actor,
  ) => appendAudit(tx, clock.now(), { action, subject, details }, actor);

  const history = (
    tx: Db,
    action: 'added' | 'imported',
    before: FindingRow | null,
    after: FindingRow,
    note: string,
    actor: Actor,
  ) =>
    tx.insert(findingHistory).values({
      findingId: after.id,
      at: clock.now(),
      actorUserId: actor.userId === null ? null : Number(actor.userId),
      via: actor.via,
      action,
      before: before ? snapshotOf(before) : {},
      after: snapshotOf(after),
      note,
    });

  /** Writes one checked row; what happened to its finding. */
  async function writeRow(
    tx: Db,
    r: GoodRow,
    sourceId: number,
    current: FindingRow | undefined,
    note: string,
    actor: Actor,
  ): Promise<'added' | 'updated' | 'unchanged'> {
    const wanted = {
      kind: r.kind,
      text: r.text,
      scope: r.scope ?? current?.scope ?? 'force',
      dueImmediately: (r.due === undefined ? current && dueOf(current) : r.due) === 'immediately',
      dueOn:
        r.due === undefined ? (current?.dueOn ?? null) : r.due === 'immediately' ? null : r.due,
      leadUserId: r.leadUserId === undefined ? (current?.leadUserId ?? null) : r.leadUserId,
      status: r.status ?? current?.status ?? 'awaiting_allocation',
    };
    const now = clock.now();
    if (!current) {
      const [row] = await tx
        .insert(findings)
        .values({
          sourceId,
          ref: r.ref,
          ...wanted,
          status: 'awaiting_allocation',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await history(tx, 'added', null, row, note, actor);
      let last = row;
      if (wanted.status !== 'awaiting_allocation') {
        const [moved] = await tx
          .update(findings)
          .set({ status: wanted.status })
          .where(eq(findings.id, row.id))
          .returning();
        if (!moved) throw new Error('update returned no row');
        await history(tx, 'imported', row, moved, note, actor);
        last = moved;
      }
      await audit(tx, 'finding_imported', `finding:${row.id}`, { status: last.status }, actor);
      return 'added';
    }
    if (sameFinding({ ...current, ...wanted }, current)) return 'unchanged';
    const [row] = await tx
      .update(findings)
      .set({ ...wanted, updatedAt: now })
      .where(eq(findings.id, current.id))
      .returning();
    if (!row) throw new Error('update returned no row');
    await history(tx, 'imported', current, row, note, actor);
    const details: Record<string, string> = { status: row.status };
    if (row.status !== current.status) details.from = current.status;
    await audit(tx, 'finding_imported', `finding:${row.id}`, details, actor);
    return 'updated';
  }

  return {
    async importCsv(file, opts, actor) {
      const text = decodeTracker(file);
      const note = `Imported from the tracker ${opts.fileName}`;
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), TRACKER_IMPORTERS, 'import a findings tracker');
        const { rows, issues, ignored } = await checkFile(tx, text, opts);
        if (issues.length)
          throw new BluelampError(
            'VALIDATION_FAILED',
            `${opts.fileName}: ${issues.length === 1 ? 'one problem' : `${issues.length} problems`} found, so nothing was imported.`,
            {
              hint: 'Correct every row listed (docs/tracker-import.md describes the format) and import the whole file again.',
              issues,
            },
          );
        const created = new Map<string, number>();
        const counts = { added: 0, updated: 0, unchanged: 0 };
        for (const r of rows) {
          let sourceId = 'id' in r.source ? r.source.id : created.get(r.source.key);
          if (sourceId === undefined && 'add' in r.source) {
            const [row] = await tx
              .insert(findingSources)
              .values({ ...r.source.add, url: null, peelGrades: null, createdAt: clock.now() })
              .returning();
            if (!row) throw new Error('insert returned no row');
            await audit(
              tx,
              'finding_source_added',
              `finding_source:${row.id}`,
              { kind: row.kind, publishedOn: row.publishedOn },
              actor,
            );
            created.set(r.source.key, row.id);
            sourceId = row.id;
          }
          const id = sourceId as number;
          const [current] = await tx
            .select()
            .from(findings)
            .where(and(eq(findings.sourceId, id), eq(findings.ref, r.ref)));
          counts[await writeRow(tx, r, id, current, note, actor)]++;
        }
        const summary: TrackerImportSummary = {
          rows: rows.length,
          ...counts,
          sourcesCreated: created.size,
          ignoredColumns: ignored,
        };
        await audit(
          tx,
          'tracker_imported',
          'findings',
          { rows: rows.length, ...counts, sourcesCreated: created.size },
          actor,
        );
        return summary;
      });
    },

    async exportRows() {
      const rows = await db
        .select({ f: findings, s: findingSources, lead: users.email })
        .from(findings)
        .innerJoin(findingSources, eq(findingSources.id, findings.sourceId))
        .leftJoin(users, eq(users.id, findings.leadUserId))
        .orderBy(asc(findingSources.publishedOn), asc(findingSources.id), asc(findings.id));
      return rows.map(({ f, s, lead }) => ({
        source_title: s.title,
        source_kind: TRACKER_NAMES.sourceKind[s.kind as SourceKind] ?? s.kind,
        report_kind: s.reportKind
          ? (TRACKER_NAMES.reportKind[s.reportKind as ReportKind] ?? s.reportKind)
          : '',
        published_on: s.publishedOn,
        ref: f.ref,
        kind: TRACKER_NAMES.kind[f.kind as FindingKind] ?? f.kind,
        text: f.text,
        scope: TRACKER_NAMES.scope[f.scope as 'force'] ?? f.scope,
        due: dueOf(f) ?? '',
        lead_email: lead ?? '',
        status: statusName(f.status as FindingStatus),
      }));
    },
  };
}

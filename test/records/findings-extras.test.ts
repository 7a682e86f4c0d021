import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Records, Role } from '../../src/records/api.ts';
import {
  addMonths,
  ageBand,
  ageProfile,
  dueFlag,
  monthsSince,
} from '../../src/records/accountability/age.ts';
import {
  checkEvidenceFile,
  EVIDENCE_DIR,
  safeEvidenceName,
} from '../../src/records/accountability/evidence-files.ts';
import type { FindingStatus } from '../../src/records/accountability/lifecycle.ts';
import { MAX_EVIDENCE_BYTES } from '../../src/records/accountability/types.ts';
import type { Db } from '../../src/records/db.ts';
import { openRecordsStore } from '../../src/records/open.ts';
import { tempDir } from '../helpers/files.ts';
import { testDatabase } from '../helpers/postgres.ts';
import { rows, testClock, type TestClock } from './stores.ts';

// Progress updates with evidence files and RAG, board reviews taking the lifecycle step, the
// register's age profile, and who may do each of them, on PGlite and on PostgreSQL. The stores
// are opened here (not through stores.ts) so the test can look in the data directory's
// evidence folder.

interface Store {
  records: Records;
  db: Db;
  clock: TestClock;
  dir: string;
  cleanup(): Promise<void>;
}

async function pglite(): Promise<Store> {
  const { dir, cleanup } = tempDir('bluelamp-findings-');
  const clock = testClock('2024-06-03T09:00:00Z');
  const { records, db } = await openRecordsStore({ dataDir: dir, clock });
  return {
    records,
    db,
    clock,
    dir,
    async cleanup() {
      await records.close();
      cleanup();
    },
  };
}

async function postgres(): Promise<Store> {
  const { dir, cleanup } = tempDir('bluelamp-findings-');
  const database = await testDatabase();
  const clock = testClock('2024-06-03T09:00:00Z');
  const { records, db } = await openRecordsStore({
    dataDir: dir,
    databaseUrl: database.url,
    clock,
  });
  return {
    records,
    db,
    clock,
    dir,
    async cleanup() {
      await records.close();
      cleanup();
      await database.drop();
    },
  };
}

const cli: Actor = { userId: null, via: 'cli' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const CSV = Buffer.from('month,audited,compliant\n2024-04,120,113\n');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const blobsIn = (dir: string) =>
  existsSync(join(dir, EVIDENCE_DIR))
    ? readdirSync(join(dir, EVIDENCE_DIR)).filter((n) => !n.startsWith('.'))
    : [];

describe.each([
  ['PGlite', pglite],
  ['PostgreSQL', postgres],
])('progress updates, evidence files and board reviews on %s', (_name, open) => {
  let s: Store;
  let unopened: unknown = null;
  const as: Record<string, Actor> = {};
  let sourceId = '';
  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as Store;
    });
    if (!s) return;
    const people: [string, Role][] = [
      ['admin', 'admin'],
      ['owner', 'lead'],
      ['another lead', 'lead'],
      ['oversight', 'oversight'],
      ['analyst', 'analyst'],
      ['panel', 'panel'],
    ];
    for (const [name, role] of people) {
      const u = await s.records.users.add(
        {
          email: `${name.replace(' ', '-')}@example.org`,
          role,
          password: 'a long enough password',
        },
        cli,
      );
      as[name] = { userId: u.id, via: 'web' };
    }
    sourceId = (
      await s.records.findingSources.add(
        {
          kind: 'hmicfrs',
          title: 'Crime data integrity inspection (test)',
          reportKind: 'peel',
          publishedOn: '2023-10-17',
        },
        cli,
      )
    ).id;
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  let n = 0;
  const PATH: Record<string, FindingStatus[]> = {
    allocated: ['allocated'],
    in_progress: ['allocated', 'in_progress'],
    evidence_submitted: ['allocated', 'in_progress', 'evidence_submitted'],
    closed: ['allocated', 'in_progress', 'evidence_submitted', 'approved_for_closure', 'closed'],
  };
  async function findingAt(status: keyof typeof PATH) {
    const f = await s.records.findings.add(
      {
        sourceId,
        ref: `AFI ${++n}`,
        kind: 'area_for_improvement',
        text: 'Improve how violent crimes are recorded.',
        scope: 'force',
        due: '2024-10-16',
        leadUserId: as.owner!.userId,
      },
      cli,
    );
    for (const to of PATH[status] ?? []) await s.records.findings.transition(f.id, to, cli);
    return f.id;
  }
  const update = { text: 'Audit of 120 crimes: 94% recorded correctly.', coversOn: '2024-04-30' };

  describe('progress updates', () => {
    it('keeps the date covered apart from the day posted, with the file and RAG', async () => {
      const id = await findingAt('in_progress');
      const u = await s.records.findings.postUpdate(id, { ...update, rag: 'amber' }, as.owner!, {
        fileName: 'April audit.pdf',
        bytes: PDF,
      });
      expect(u.evidence).toMatchObject({ coversOn: '2024-04-30', addedBy: as.owner!.userId });
      expect(u.evidence.addedAt).toEqual(s.clock.now());
      expect(u.file).toMatchObject({
        evidenceId: u.evidence.id,
        subject: `finding:${id}`,
        fileName: 'April audit.pdf',
        mediaType: 'application/pdf',
        bytes: PDF.length,
        sha256: sha(PDF),
      });
      expect(u.rag).toMatchObject({ findingId: id, rag: 'amber', setBy: as.owner!.userId });
      expect(await s.records.findings.rag(id)).toEqual(u.rag);
      const last = (await s.records.findings.history(id)).at(-1);
      expect(last).toMatchObject({
        action: 'evidence_added',
        before: { rag: null, status: 'in_progress' },
        after: { rag: 'amber', coversOn: '2024-04-30', file: 'April audit.pdf' },
        note: update.text,
      });
      const [audit] = await s.records.audit.list({ subject: `finding:${id}`, limit: 1 });
      expect(audit).toMatchObject({ action: 'finding_evidence_added', details: { rag: 'amber' } });
      expect(JSON.stringify(audit)).not.toMatch(/April|94%/);
    });

    it('stores a file under its sha256, once however often it is sent, and reads it back', async () => {
      const id = await findingAt('in_progress');
      const before = blobsIn(s.dir).length;
      const a = await s.records.findings.postUpdate(id, update, as.owner!, {
        fileName: 'audit.csv',
        bytes: CSV,
      });
      const b = await s.records.findings.postUpdate(id, update, as.owner!, {
        fileName: 'same audit again.csv',
        bytes: Buffer.from(CSV),
      });
      expect(a.file?.sha256).toBe(sha(CSV));
      expect(b.file?.sha256).toBe(a.file?.sha256);
      expect(b.file?.id).not.toBe(a.file?.id);
      expect(blobsIn(s.dir)).toContain(sha(CSV));
      expect(blobsIn(s.dir).length).toBe(before + 1);
      const read = await s.records.evidenceFiles.read(id, b.file!.id, as.analyst!);
      expect(read.file.fileName).toBe('same audit again.csv');
      expect(read.bytes.equals(CSV)).toBe(true);
      expect(
        (await s.records.evidenceFiles.forFinding(id, as.oversight!)).map((f) => f.id),
      ).toEqual([a.file!.id, b.file!.id]);
    });

    it('catches a stored file changed on disk', async () => {
      const id = await findingAt('in_progress');
      const bytes = Buffer.from('notes of the working group\n');
      const u = await s.records.findings.postUpdate(id, update, as.owner!, {
        fileName: 'notes.txt',
        bytes,
      });
      writeFileSync(join(s.dir, EVIDENCE_DIR, sha(bytes)), 'something else\n');
      await expect(
        s.records.evidenceFiles.read(id, u.file!.id, as.oversight!),
      ).rejects.toMatchObject({ code: 'IO_ERROR' });
    });

    it('refuses a file of the wrong kind or size, and leaves nothing behind', async () => {
      const id = await findingAt('in_progress');
      const blobs = blobsIn(s.dir).length;
      const refusedWith = async (fileName: string, bytes: Uint8Array) => {
        const e = await s.records.findings
          .postUpdate(id, update, as.owner!, { fileName, bytes })
          .catch((x: unknown) => x as { code: string; message: string });
        return e as { code: string; message: string };
      };
      const exe = await refusedWith('tool.exe', Buffer.from('MZ...'));
      expect(exe.code).toBe('BAD_INPUT');
      expect(exe.message).toMatch(/tool\.exe cannot be attached: evidence files must be PDF/);
      expect((await refusedWith('report.pdf', Buffer.from('MZ not a pdf'))).message).toMatch(
        /report\.pdf is not a PDF file/,
      );
      expect((await refusedWith('empty.txt', Buffer.alloc(0))).message).toMatch(/empty/);
      const big = Buffer.alloc(MAX_EVIDENCE_BYTES + 1, 0x61);
      expect((await refusedWith('big.txt', big)).message).toMatch(/larger than 20 MB/);
      expect(await s.records.findings.evidence(id)).toEqual([]);
      expect(blobsIn(s.dir).length).toBe(blobs);
    });

    it('refuses a date covered in the future, a closed finding, and anyone but its lead', async () => {
      const id = await findingAt('in_progress');
      await expect(
        s.records.findings.postUpdate(id, { ...update, coversOn: '2024-06-04' }, as.owner!),
      ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/coversOn/) });
      await expect(
        s.records.findings.postUpdate(id, { ...update, coversOn: '30/04/2024' }, as.owner!),
      ).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(
        s.records.findings.postUpdate(id, { ...update, rag: 'blue' as 'red' }, as.owner!),
      ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/rag/) });
      const closed = await findingAt('closed');
      await expect(s.records.findings.postUpdate(closed, update, as.owner!)).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      });
      await expect(
        s.records.findings.postUpdate('999999', update, as.owner!),
      ).rejects.toMatchObject({ code: 'UNKNOWN_RECORD' });
    });

    it('keeps the last RAG set, an update without one leaving it', async () => {
      const id = await findingAt('in_progress');
      expect(await s.records.findings.rag(id)).toBeNull();
      await s.records.findings.postUpdate(id, { ...update, rag: 'red' }, as.owner!);
      s.clock.advance(60_000);
      const kept = await s.records.findings.postUpdate(id, update, as.owner!);
      expect(kept.rag?.rag).toBe('red');
      await s.records.findings.postUpdate(id, { ...update, rag: 'green' }, as.owner!);
      expect((await s.records.findings.rag(id))?.rag).toBe('green');
      const h = (await s.records.findings.history(id)).filter((x) => x.action === 'evidence_added');
      expect(h.map((x) => [x.before.rag, x.after.rag])).toEqual([
        [null, 'red'],
        ['red', 'red'],
        ['red', 'green'],
      ]);
      expect((await s.records.findings.rags()).find((r) => r.findingId === id)?.rag).toBe('green');
    });
  });

  describe('evidence files are not for the panel', () => {
    it('lists none and opens none for a panel member, as if there were none', async () => {
      const id = await findingAt('in_progress');
      const u = await s.records.findings.postUpdate(id, update, as.owner!, {
        fileName: 'audit.csv',
        bytes: CSV,
      });
      expect(await s.records.evidenceFiles.forFinding(id, as.panel!)).toEqual([]);
      await expect(s.records.evidenceFiles.read(id, u.file!.id, as.panel!)).rejects.toMatchObject({
        code: 'UNKNOWN_RECORD',
      });
      // Nor through another finding's address.
      const other = await findingAt('allocated');
      await expect(
        s.records.evidenceFiles.read(other, u.file!.id, as.admin!),
      ).rejects.toMatchObject({ code: 'UNKNOWN_RECORD' });
      await expect(
        s.records.evidenceFiles.read(id, u.file!.id, { userId: null, via: 'web' }),
      ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    });
  });

  describe('board reviews', () => {
    const review = {
      board: 'Service Improvement Board',
      heldOn: '2024-05-21',
      note: 'Audit sustained over two quarters.',
    };
    it('approving closure takes the step, in one timeline entry, audited by the review', async () => {
      const id = await findingAt('evidence_submitted');
      const { review: r, finding } = await s.records.boardReviews.record(
        id,
        { ...review, decision: 'approve_closure' },
        as.oversight!,
      );
      expect(finding.status).toBe('approved_for_closure');
      expect((await s.records.findings.byId(id))?.status).toBe('approved_for_closure');
      expect(r).toMatchObject({
        findingId: id,
        decision: 'approve_closure',
        heldOn: '2024-05-21',
        recordedBy: as.oversight!.userId,
      });
      expect(await s.records.boardReviews.forFinding(id)).toEqual([r]);
      expect((await s.records.findings.history(id)).at(-1)).toMatchObject({
        action: 'board_review',
        before: { status: 'evidence_submitted' },
        after: {
          status: 'approved_for_closure',
          board: 'Service Improvement Board',
          decision: 'approve_closure',
        },
        note: review.note,
      });
      const [audit] = await s.records.audit.list({ subject: `board_review:${r.id}`, limit: 5 });
      expect(audit).toMatchObject({
        action: 'finding_board_review',
        details: { finding: id, decision: 'approve_closure', from: 'evidence_submitted' },
      });
      expect(JSON.stringify(audit)).not.toMatch(/sustained/);
    });

    it('declining closure sends it back to in progress', async () => {
      const id = await findingAt('evidence_submitted');
      const { finding } = await s.records.boardReviews.record(
        id,
        { ...review, decision: 'decline_closure' },
        as.oversight!,
      );
      expect(finding.status).toBe('in_progress');
    });

    it('noted and deferred change no status', async () => {
      const id = await findingAt('in_progress');
      for (const decision of ['noted', 'deferred'] as const) {
        const { finding } = await s.records.boardReviews.record(
          id,
          { ...review, decision },
          as.admin!,
        );
        expect(finding.status).toBe('in_progress');
      }
      expect((await s.records.boardReviews.forFinding(id)).map((r) => r.decision)).toEqual([
        'noted',
        'deferred',
      ]);
    });

    it('refuses a decision the lifecycle does not allow, and records nothing then', async () => {
      const id = await findingAt('in_progress');
      await expect(
        s.records.boardReviews.record(
          id,
          { ...review, decision: 'approve_closure' },
          as.oversight!,
        ),
      ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      const submitted = await findingAt('evidence_submitted');
      await expect(
        s.records.boardReviews.record(
          submitted,
          { ...review, decision: 'approve_closure' },
          as.admin!,
        ),
      ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
      const closed = await findingAt('closed');
      await expect(
        s.records.boardReviews.record(closed, { ...review, decision: 'noted' }, as.oversight!),
      ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      await expect(
        s.records.boardReviews.record(
          id,
          { ...review, heldOn: '2024-06-04', decision: 'noted' },
          as.admin!,
        ),
      ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/heldOn/) });
      await expect(
        s.records.boardReviews.record(id, { ...review, board: ' ', decision: 'noted' }, as.admin!),
      ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/board/) });
      for (const f of [id, submitted, closed])
        expect(await s.records.boardReviews.forFinding(f)).toEqual([]);
      expect((await s.records.findings.byId(submitted))?.status).toBe('evidence_submitted');
    });
  });

  describe('who may do what', () => {
    // Every action of this file by every kind of user: the expected outcome is written out
    // here, from the rules (lifecycle.ts's table and evidence-files.ts's readers).
    type Outcome = 'ok' | 'NOT_PERMITTED' | 'UNKNOWN_RECORD';
    const PEOPLE = ['admin', 'owner', 'another lead', 'oversight', 'analyst', 'panel'] as const;
    const EXPECTED: Record<string, Record<(typeof PEOPLE)[number], Outcome>> = {
      'post a progress update': {
        admin: 'NOT_PERMITTED',
        owner: 'ok',
        'another lead': 'NOT_PERMITTED',
        oversight: 'NOT_PERMITTED',
        analyst: 'NOT_PERMITTED',
        panel: 'NOT_PERMITTED',
      },
      'approve closure at a board': {
        admin: 'NOT_PERMITTED',
        owner: 'NOT_PERMITTED',
        'another lead': 'NOT_PERMITTED',
        oversight: 'ok',
        analyst: 'NOT_PERMITTED',
        panel: 'NOT_PERMITTED',
      },
      'record a board noting progress': {
        admin: 'ok',
        owner: 'NOT_PERMITTED',
        'another lead': 'NOT_PERMITTED',
        oversight: 'ok',
        analyst: 'NOT_PERMITTED',
        panel: 'NOT_PERMITTED',
      },
      'open an evidence file': {
        admin: 'ok',
        owner: 'ok',
        'another lead': 'ok',
        oversight: 'ok',
        analyst: 'ok',
        panel: 'UNKNOWN_RECORD',
      },
      'record a finding': {
        admin: 'ok',
        owner: 'NOT_PERMITTED',
        'another lead': 'NOT_PERMITTED',
        oversight: 'ok',
        analyst: 'NOT_PERMITTED',
        panel: 'NOT_PERMITTED',
      },
      'record a report': {
        admin: 'ok',
        owner: 'NOT_PERMITTED',
        'another lead': 'NOT_PERMITTED',
        oversight: 'ok',
        analyst: 'NOT_PERMITTED',
        panel: 'NOT_PERMITTED',
      },
    };
    const ACTIONS: Record<string, (who: Actor) => Promise<unknown>> = {
      'post a progress update': async (who) =>
        s.records.findings.postUpdate(await findingAt('in_progress'), update, who),
      'approve closure at a board': async (who) =>
        s.records.boardReviews.record(
          await findingAt('evidence_submitted'),
          { board: 'SIB', heldOn: '2024-06-01', decision: 'approve_closure' },
          who,
        ),
      'record a board noting progress': async (who) =>
        s.records.boardReviews.record(
          await findingAt('in_progress'),
          { board: 'SIB', heldOn: '2024-06-01', decision: 'noted' },
          who,
        ),
      'open an evidence file': async (who) => {
        const id = await findingAt('in_progress');
        const u = await s.records.findings.postUpdate(id, update, as.owner!, {
          fileName: 'a.csv',
          bytes: CSV,
        });
        return s.records.evidenceFiles.read(id, u.file!.id, who);
      },
      'record a finding': (who) =>
        s.records.findings.add(
          { sourceId, ref: 'R', kind: 'recommendation', text: 'T', scope: 'force' },
          who,
        ),
      'record a report': (who) =>
        s.records.findingSources.add(
          { kind: 'internal_audit', title: 'Audit (test)', publishedOn: '2024-01-01' },
          who,
        ),
    };
    for (const [action, expected] of Object.entries(EXPECTED))
      it(`${action}: ${Object.entries(expected)
        .filter(([, o]) => o === 'ok')
        .map(([p]) => p)
        .join(', ')} only`, async () => {
        const got: Record<string, Outcome> = {};
        for (const p of PEOPLE)
          got[p] = await ACTIONS[action]!(as[p]!).then(
            () => 'ok' as const,
            (e: { code: Outcome }) => e.code,
          );
        expect(got).toEqual(expected);
      });
  });

  it('pages the audit log back by id, for one subject', async () => {
    const id = await findingAt('in_progress');
    const all = await s.records.audit.list({ subject: `finding:${id}`, limit: 100 });
    expect(all.map((a) => a.details.status)).toEqual([
      'in_progress',
      'allocated',
      'awaiting_allocation',
    ]);
    expect(all.every((a) => a.subject === `finding:${id}`)).toBe(true);
    const [first, ...rest] = all;
    const page = await s.records.audit.list({ subject: `finding:${id}`, beforeId: first!.id });
    expect(page).toEqual(rest);
    expect(await rows(s.db, sql`select count(*)::int as n from audit_log`)).toEqual([
      { n: expect.any(Number) },
    ]);
  });
});

describe('the age profile of the register', () => {
  it('adds calendar months, keeping to the month’s last day', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-05-15', 12)).toBe('2025-05-15');
    expect(monthsSince('2024-01-31', '2024-02-28')).toBe(0);
    expect(monthsSince('2024-01-31', '2024-02-29')).toBe(1);
    expect(monthsSince('2024-03-10', '2024-06-09')).toBe(2);
    expect(monthsSince('2024-03-10', '2024-06-10')).toBe(3);
  });

  it('bands by months since publication: 0–3, 3–6, 6–12, over 12', () => {
    const today = '2024-06-10';
    expect(ageBand('2024-06-10', today)).toBe('0-3');
    expect(ageBand('2024-03-11', today)).toBe('0-3');
    expect(ageBand('2024-03-10', today)).toBe('3-6');
    expect(ageBand('2023-12-10', today)).toBe('6-12');
    expect(ageBand('2023-06-11', today)).toBe('6-12');
    expect(ageBand('2023-06-10', today)).toBe('over-12');
  });

  it('flags open findings overdue, due immediately or due soon; never a closed one', () => {
    const today = '2024-06-10';
    expect(dueFlag({ due: 'immediately', status: 'allocated' }, today)).toBe('immediately');
    expect(dueFlag({ due: '2024-06-09', status: 'in_progress' }, today)).toBe('overdue');
    expect(dueFlag({ due: '2024-06-10', status: 'in_progress' }, today)).toBe('due_soon');
    expect(dueFlag({ due: '2024-06-24', status: 'in_progress' }, today)).toBe('due_soon');
    expect(dueFlag({ due: '2024-06-25', status: 'in_progress' }, today)).toBeNull();
    expect(dueFlag({ due: '2024-01-01', status: 'closed' }, today)).toBeNull();
    expect(dueFlag({ due: 'immediately', status: 'superseded' }, today)).toBeNull();
    expect(dueFlag({ due: null, status: 'in_progress' }, today)).toBeNull();
  });

  it('counts the open findings of each band, with the overdue and immediate ones', () => {
    const today = '2024-06-10';
    const p = ageProfile(
      [
        { publishedOn: '2024-05-01', due: 'immediately', status: 'allocated' },
        { publishedOn: '2024-05-01', due: '2024-12-01', status: 'in_progress' },
        { publishedOn: '2023-10-01', due: '2024-04-01', status: 'in_progress' },
        { publishedOn: '2022-01-01', due: '2023-01-01', status: 'closed' },
        { publishedOn: '2022-01-01', due: '2023-01-01', status: 'evidence_submitted' },
      ],
      today,
    );
    expect(p.rows.map((r) => [r.band, r.open, r.overdue, r.immediately])).toEqual([
      ['0-3', 2, 0, 1],
      ['3-6', 0, 0, 0],
      ['6-12', 1, 1, 0],
      ['over-12', 1, 1, 0],
    ]);
    expect(p.total).toEqual({ open: 4, overdue: 2, immediately: 1 });
  });
});

describe('evidence file names and kinds', () => {
  it('makes names safe for a header and a disk', () => {
    expect(safeEvidenceName('../../etc/pass"wd;.txt')).toBe('pass-wd-.txt');
    expect(safeEvidenceName('C:\\Users\\me\\Audit (April).pdf')).toBe('Audit (April).pdf');
    expect(safeEvidenceName('line\r\nbreak.csv')).toBe('line-break.csv');
    expect(safeEvidenceName('Évaluation été.docx')).toBe('Évaluation été.docx');
    const long = safeEvidenceName(`${'a'.repeat(200)}.xlsx`);
    expect(long).toHaveLength(120);
    expect(long.endsWith('.xlsx')).toBe(true);
  });

  it('takes the allowed kinds, checking the bytes, and serves them as their own type', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    expect(checkEvidenceFile({ fileName: 'a.PDF', bytes: PDF }).mediaType).toBe('application/pdf');
    expect(checkEvidenceFile({ fileName: 'a.xlsx', bytes: zip }).mediaType).toMatch(/sheet/);
    expect(checkEvidenceFile({ fileName: 'a.docx', bytes: zip }).mediaType).toMatch(/word/);
    expect(
      checkEvidenceFile({ fileName: 'a.png', bytes: Buffer.from('89504e470d0a1a0a00', 'hex') })
        .mediaType,
    ).toBe('image/png');
    expect(
      checkEvidenceFile({ fileName: 'a.jpg', bytes: Buffer.from('ffd8ffe000', 'hex') }).mediaType,
    ).toBe('image/jpeg');
    expect(() =>
      checkEvidenceFile({ fileName: 'a.txt', bytes: Buffer.from([0x61, 0, 0x62]) }),
    ).toThrow(/not a plain text file/);
    expect(() => checkEvidenceFile({ fileName: 'a.html', bytes: Buffer.from('<p>') })).toThrow(
      /cannot be attached/,
    );
    expect(() => checkEvidenceFile({ fileName: 'noextension', bytes: PDF })).toThrow(
      /cannot be attached/,
    );
  });
});

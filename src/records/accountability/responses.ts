import { and, asc, eq } from 'drizzle-orm';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import { appendAudit } from '../audit.ts';
import type { Db, RepoContext } from '../db.ts';
import { findingResponses, findings, findingSources, responseItems } from '../schema.ts';
import { dayNumber, s55DueOn } from './clock.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';
import {
  PublishInput,
  ResponseItemInput,
  type FindingKind,
  type Position,
  type ResponsesRepo,
  type StatutoryResponse,
} from './types.ts';

/**
 * Statutory responses to HMICFRS reports (Police Act 1996 s55): a draft assembled from the
 * report's findings, each with the force's position and planned action; approved by oversight;
 * published with its date and copies-to list (HMICFRS and the Secretary of State, as the
 * reference data says). Due 55 days after publication (clock.ts). Audited; the text is not.
 */
type Row = typeof findingResponses.$inferSelect;

const EDITORS = ['admin', 'oversight'] as const;

export function responsesRepo({ db, clock }: RepoContext): ResponsesRepo {
  async function assemble(tx: Db, r: Row): Promise<StatutoryResponse> {
    const items = await tx
      .select({ item: responseItems, finding: findings })
      .from(responseItems)
      .innerJoin(findings, eq(findings.id, responseItems.findingId))
      .where(eq(responseItems.responseId, r.id))
      .orderBy(asc(findings.id));
    return {
      id: String(r.id),
      sourceId: String(r.sourceId),
      status: r.status as StatutoryResponse['status'],
      dueOn: r.dueOn,
      intro: r.intro,
      items: items.map(({ item, finding }) => ({
        findingId: String(finding.id),
        ref: finding.ref,
        kind: finding.kind as FindingKind,
        text: finding.text,
        position: item.position as Position | null,
        plannedAction: item.plannedAction,
      })),
      publishedOn: r.publishedOn,
      copiesTo: [...r.copiesTo],
      approvedAt: r.approvedAt,
      approvedBy: r.approvedBy === null ? null : String(r.approvedBy),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }

  async function rowOf(tx: Db, id: string): Promise<Row> {
    const n = idNumber(id);
    const [row] =
      n === null ? [] : await tx.select().from(findingResponses).where(eq(findingResponses.id, n));
    if (!row) throw unknownRecord('response');
    return row;
  }

  const audit = (tx: Db, action: string, r: Row, actor: Actor) =>
    appendAudit(
      tx,
      clock.now(),
      { action, subject: `response:${r.id}`, details: { status: r.status, dueOn: r.dueOn } },
      actor,
    );

  /** Changes a response in the state `status`, auditing it as `action`. */
  async function change(
    id: string,
    actor: Actor,
    roles: readonly ('admin' | 'oversight')[],
    what: string,
    status: StatutoryResponse['status'],
    action: string,
    work: (tx: Db, r: Row) => Promise<Partial<typeof findingResponses.$inferInsert>>,
  ): Promise<StatutoryResponse> {
    return db.transaction(async (tx) => {
      requireRole(await actingAs(tx, actor), roles, what);
      const r = await rowOf(tx, id);
      if (r.status !== status)
        throw new BluelampError('INVALID_TRANSITION', `This response is ${r.status}.`, {
          hint: `Only a ${status} response can be changed that way.`,
        });
      const set = await work(tx, r);
      const [updated] = await tx
        .update(findingResponses)
        .set({ ...set, updatedAt: clock.now() })
        .where(eq(findingResponses.id, r.id))
        .returning();
      if (!updated) throw unknownRecord('response');
      await audit(tx, action, updated, actor);
      return assemble(tx, updated);
    });
  }

  return {
    async draft(sourceId, actor) {
      const n = idNumber(sourceId);
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), EDITORS, 'draft a response');
        const [src] =
          n === null ? [] : await tx.select().from(findingSources).where(eq(findingSources.id, n));
        if (!src) throw unknownRecord('report');
        if (src.kind !== 'hmicfrs')
          throw badInput('A statutory response under section 55 answers an HMICFRS report.');
        const [existing] = await tx
          .select({ id: findingResponses.id })
          .from(findingResponses)
          .where(eq(findingResponses.sourceId, src.id));
        if (existing) throw badInput('That report already has a response.');
        const now = clock.now();
        const [row] = await tx
          .insert(findingResponses)
          .values({
            sourceId: src.id,
            status: 'draft',
            dueOn: s55DueOn(src.publishedOn),
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const of = await tx
          .select({ id: findings.id })
          .from(findings)
          .where(eq(findings.sourceId, src.id))
          .orderBy(asc(findings.id));
        if (of.length > 0)
          await tx
            .insert(responseItems)
            .values(of.map((f) => ({ responseId: row.id, findingId: f.id })));
        await audit(tx, 'response_drafted', row, actor);
        return assemble(tx, row);
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(findingResponses).where(eq(findingResponses.id, n));
      return row ? assemble(db, row) : null;
    },

    async forSource(sourceId) {
      const n = idNumber(sourceId);
      if (n === null) return null;
      const [row] = await db
        .select()
        .from(findingResponses)
        .where(eq(findingResponses.sourceId, n));
      return row ? assemble(db, row) : null;
    },

    async list() {
      const rows = await db
        .select()
        .from(findingResponses)
        .orderBy(asc(findingResponses.dueOn), asc(findingResponses.id));
      return Promise.all(rows.map((r) => assemble(db, r)));
    },

    async setIntro(id, intro, actor) {
      return change(
        id,
        actor,
        EDITORS,
        'edit a response',
        'draft',
        'response_edited',
        async () => ({
          intro: intro.trim(),
        }),
      );
    },

    async setItem(id, findingId, input, actor) {
      const item = parse(ResponseItemInput, input);
      const f = idNumber(findingId) ?? -1;
      return change(
        id,
        actor,
        EDITORS,
        'edit a response',
        'draft',
        'response_edited',
        async (tx, r) => {
          const done = await tx
            .update(responseItems)
            .set(item)
            .where(and(eq(responseItems.responseId, r.id), eq(responseItems.findingId, f)))
            .returning({ f: responseItems.findingId });
          if (done.length === 0) throw unknownRecord('finding in this response');
          return {};
        },
      );
    },

    async approve(id, actor) {
      return change(
        id,
        actor,
        ['oversight'],
        'approve a response',
        'draft',
        'response_approved',
        async (tx, r) => {
          const missing = (await assemble(tx, r)).items.filter(
            (i) => i.position === null || i.plannedAction === '',
          );
          // The duty: explain, for each recommendation, what is done or proposed, or why nothing.
          if (missing.length > 0)
            throw badInput(
              `Give a position and planned action for every finding first: ${missing.map((i) => i.ref).join(', ')}.`,
            );
          return {
            status: 'approved',
            approvedAt: clock.now(),
            approvedBy: actor.userId === null ? null : Number(actor.userId),
          };
        },
      );
    },

    async publish(id, input, actor) {
      const p = parse(PublishInput, input);
      dayNumber(p.publishedOn);
      return change(
        id,
        actor,
        EDITORS,
        'publish a response',
        'approved',
        'response_published',
        async () => ({
          status: 'published',
          publishedOn: p.publishedOn,
          copiesTo: p.copiesTo,
        }),
      );
    },
  };
}

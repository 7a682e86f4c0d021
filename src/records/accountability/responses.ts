import { and, asc, eq, inArray } from 'drizzle-orm';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { Actor, Role } from '../api.ts';
import type { Db, RepoContext } from '../db.ts';
import {
  findingResponses,
  findings,
  findingSources,
  responseExtras,
  responseItems,
  settings,
} from '../schema.ts';
import { dayNumber, DUTY_KINDS, dueOnAfter, dutyFor, RESPONSE_DUTIES } from './clock.ts';
import { historyOf, recordChange, type HistoryFields } from './history.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';
import {
  PublishInput,
  ResponseEditInput,
  ResponseItemInput,
  type FindingKind,
  type Position,
  type ResponseDutyEntry,
  type ResponseSource,
  type ResponsesRepo,
  type StatutoryResponse,
} from './types.ts';

/**
 * Statutory responses: to HMICFRS reports (Police Act 1996 s55) and to the Victims'
 * Commissioner's (DVCVA 2004 s49A). A draft is assembled from the report's findings, each with
 * the force's position and planned action, with the chief officer's comments and the body's
 * reply; approved by oversight; published with its date and copies-to list. Every change is on
 * the response's timeline (record_history `response:<id>`) and in the audit log (statuses and
 * dates only, never the text).
 */
type Row = typeof findingResponses.$inferSelect;

/** Who drafts, edits, reopens and publishes; who approves (the policing body's office). */
const EDITORS: readonly Role[] = ['admin', 'oversight'];
const APPROVERS: readonly Role[] = ['oversight'];

/** Whether a role may approve a response (the pages offer the button only to those who may). */
export const mayApproveResponse = (role: Role): boolean => APPROVERS.includes(role);

/** What the timeline calls each part of a response. */
const FIELD = {
  status: 'status',
  dueOn: 'due on',
  intro: 'introduction',
  invitedOn: 'chief officer invited on',
  comments: "chief officer's comments",
  reply: "reply to the chief officer's comments",
  publishedOn: 'published on',
  copiesTo: 'copies to',
} as const;

const notInState = (status: string, needed: string) =>
  new BluelampError('INVALID_TRANSITION', `This response is ${status}.`, {
    hint: `Only a ${needed} response can be changed that way.`,
  });

async function dutySettings(tx: Db): Promise<Record<string, unknown>> {
  const keys = Object.values(RESPONSE_DUTIES)
    .map((d) => d.daysSetting)
    .filter((k): k is string => k !== null);
  const rows = await tx.select().from(settings).where(inArray(settings.key, keys));
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

const sourceOf = (src: typeof findingSources.$inferSelect): ResponseSource => ({
  id: String(src.id),
  kind: src.kind as ResponseSource['kind'],
  title: src.title,
  publishedOn: src.publishedOn,
});

export function responsesRepo({ db, clock }: RepoContext): ResponsesRepo {
  async function assemble(tx: Db, r: Row): Promise<StatutoryResponse> {
    const items = await tx
      .select({ item: responseItems, finding: findings })
      .from(responseItems)
      .innerJoin(findings, eq(findings.id, responseItems.findingId))
      .where(eq(responseItems.responseId, r.id))
      .orderBy(asc(findings.id));
    const [src] = await tx.select().from(findingSources).where(eq(findingSources.id, r.sourceId));
    if (!src) throw new Error(`response ${r.id} answers no report`);
    const [extras] = await tx
      .select()
      .from(responseExtras)
      .where(eq(responseExtras.responseId, r.id));
    const duty = RESPONSE_DUTIES[src.kind as ResponseSource['kind']];
    return {
      id: String(r.id),
      sourceId: String(r.sourceId),
      source: sourceOf(src),
      statute: duty.statute,
      days: dayNumber(r.dueOn) - dayNumber(src.publishedOn) + 1,
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
      chiefOfficerInvitedOn: extras?.chiefOfficerInvitedOn ?? null,
      chiefOfficerComments: extras?.chiefOfficerComments ?? '',
      bodyReply: extras?.bodyReply ?? '',
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

  /** Writes the new state of the response row and its timeline entry, in `tx`. */
  async function save(
    tx: Db,
    r: Row,
    set: Partial<typeof findingResponses.$inferInsert>,
    change: { action: string; before: HistoryFields; after: HistoryFields; note?: string },
    actor: Actor,
  ): Promise<StatutoryResponse> {
    const now = clock.now();
    const [updated] = await tx
      .update(findingResponses)
      .set({ ...set, updatedAt: now })
      .where(eq(findingResponses.id, r.id))
      .returning();
    if (!updated) throw unknownRecord('response');
    await recordChange(
      tx,
      now,
      {
        subject: `response:${r.id}`,
        ...change,
        audit: {
          status: updated.status,
          dueOn: updated.dueOn,
          ...(updated.publishedOn ? { publishedOn: updated.publishedOn } : {}),
        },
      },
      actor,
    );
    return assemble(tx, updated);
  }

  async function edit(
    id: string,
    input: ResponseEditInput,
    actor: Actor,
    note?: string,
  ): Promise<StatutoryResponse> {
    const e = parse(ResponseEditInput, input);
    return db.transaction(async (tx) => {
      const r = await rowOf(tx, id);
      requireRole(await actingAs(tx, actor), EDITORS, 'edit a response');
      if (r.status !== 'draft') throw notInState(r.status, 'draft');
      const current = await assemble(tx, r);
      const before: Record<string, string | null> = {};
      const after: Record<string, string | null> = {};
      const differ = (field: string, was: string | null, now: string | null | undefined) => {
        if (now === undefined || now === was) return false;
        before[field] = was;
        after[field] = now;
        return true;
      };
      if (e.chiefOfficerInvitedOn) dayNumber(e.chiefOfficerInvitedOn);
      const intro = differ(FIELD.intro, current.intro, e.intro);
      const extras = [
        differ(FIELD.invitedOn, current.chiefOfficerInvitedOn, e.chiefOfficerInvitedOn),
        differ(FIELD.comments, current.chiefOfficerComments, e.chiefOfficerComments),
        differ(FIELD.reply, current.bodyReply, e.bodyReply),
      ].some(Boolean);
      for (const item of e.items ?? []) {
        const was = current.items.find((i) => i.findingId === item.findingId);
        if (!was) throw unknownRecord('finding in this response');
        const moved = [
          differ(`${was.ref}: position`, was.position, item.position),
          differ(`${was.ref}: planned action`, was.plannedAction, item.plannedAction),
        ].some(Boolean);
        if (moved)
          await tx
            .update(responseItems)
            .set({ position: item.position, plannedAction: item.plannedAction })
            .where(
              and(
                eq(responseItems.responseId, r.id),
                eq(responseItems.findingId, Number(item.findingId)),
              ),
            );
      }
      if (Object.keys(after).length === 0) return current;
      if (extras) {
        const values = {
          chiefOfficerInvitedOn: e.chiefOfficerInvitedOn ?? current.chiefOfficerInvitedOn,
          chiefOfficerComments: e.chiefOfficerComments ?? current.chiefOfficerComments,
          bodyReply: e.bodyReply ?? current.bodyReply,
        };
        await tx
          .insert(responseExtras)
          .values({ responseId: r.id, ...values })
          .onConflictDoUpdate({ target: responseExtras.responseId, set: values });
      }
      return save(
        tx,
        r,
        intro ? { intro: e.intro } : {},
        { action: 'edited', before, after, ...(note ? { note } : {}) },
        actor,
      );
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
        const duty = dutyFor(src.kind, await dutySettings(tx));
        if (!duty)
          throw badInput(
            "Only HMICFRS and Victims' Commissioner reports carry a duty to publish a response.",
            'Track the findings of other reports in the register.',
          );
        const [existing] = await tx
          .select({ id: findingResponses.id })
          .from(findingResponses)
          .where(eq(findingResponses.sourceId, src.id));
        if (existing) throw badInput('That report already has a response.');
        const now = clock.now();
        const dueOn = dueOnAfter(src.publishedOn, duty.days);
        const [row] = await tx
          .insert(findingResponses)
          .values({ sourceId: src.id, status: 'draft', dueOn, createdAt: now, updatedAt: now })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await tx.insert(responseExtras).values({ responseId: row.id });
        const of = await tx
          .select({ id: findings.id })
          .from(findings)
          .where(eq(findings.sourceId, src.id))
          .orderBy(asc(findings.id));
        if (of.length > 0)
          await tx
            .insert(responseItems)
            .values(of.map((f) => ({ responseId: row.id, findingId: f.id })));
        await recordChange(
          tx,
          now,
          {
            subject: `response:${row.id}`,
            action: 'drafted',
            before: null,
            after: { [FIELD.status]: 'draft', [FIELD.dueOn]: dueOn },
            audit: { status: 'draft', dueOn },
          },
          actor,
        );
        return assemble(tx, row);
      });
    },

    async duties() {
      const sources = await db
        .select()
        .from(findingSources)
        .where(inArray(findingSources.kind, [...DUTY_KINDS]))
        .orderBy(asc(findingSources.id));
      const responses = await db.select().from(findingResponses);
      const set = await dutySettings(db);
      const entries: ResponseDutyEntry[] = [];
      for (const src of sources) {
        const duty = dutyFor(src.kind, set);
        if (!duty) continue;
        const row = responses.find((r) => r.sourceId === src.id);
        const response = row ? await assemble(db, row) : null;
        entries.push({
          source: sourceOf(src),
          statute: duty.statute,
          days: response?.days ?? duty.days,
          dueOn: response?.dueOn ?? dueOnAfter(src.publishedOn, duty.days),
          response,
        });
      }
      return entries.sort(
        (a, b) => a.dueOn.localeCompare(b.dueOn) || Number(a.source.id) - Number(b.source.id),
      );
    },

    edit,

    async reopen(id, actor, note) {
      return db.transaction(async (tx) => {
        const r = await rowOf(tx, id);
        requireRole(await actingAs(tx, actor), EDITORS, 'reopen a response');
        if (r.status !== 'approved') throw notInState(r.status, 'approved');
        return save(
          tx,
          r,
          { status: 'draft', approvedAt: null, approvedBy: null },
          {
            action: 'reopened',
            before: { [FIELD.status]: 'approved' },
            after: { [FIELD.status]: 'draft' },
            ...(note ? { note } : {}),
          },
          actor,
        );
      });
    },

    async history(id) {
      const n = idNumber(id);
      return n === null ? [] : historyOf(db, `response:${n}`);
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
      return edit(id, { intro }, actor);
    },

    async setItem(id, findingId, input, actor) {
      const item = parse(ResponseItemInput, input);
      return edit(id, { items: [{ findingId, ...item }] }, actor);
    },

    async approve(id, actor, note) {
      return db.transaction(async (tx) => {
        const r = await rowOf(tx, id);
        requireRole(await actingAs(tx, actor), APPROVERS, 'approve a response');
        if (r.status !== 'draft') throw notInState(r.status, 'draft');
        const missing = (await assemble(tx, r)).items.filter(
          (i) => i.position === null || i.plannedAction === '',
        );
        // The duty: explain, for each recommendation, what is done or proposed, or why nothing.
        if (missing.length > 0)
          throw badInput(
            `Give a position and planned action for every finding first: ${missing.map((i) => i.ref).join(', ')}.`,
          );
        return save(
          tx,
          r,
          {
            status: 'approved',
            approvedAt: clock.now(),
            approvedBy: actor.userId === null ? null : Number(actor.userId),
          },
          {
            action: 'approved',
            before: { [FIELD.status]: 'draft' },
            after: { [FIELD.status]: 'approved' },
            ...(note ? { note } : {}),
          },
          actor,
        );
      });
    },

    async publish(id, input, actor) {
      return db.transaction(async (tx) => {
        const r = await rowOf(tx, id);
        requireRole(await actingAs(tx, actor), EDITORS, 'publish a response');
        if (r.status !== 'approved')
          throw new BluelampError('INVALID_TRANSITION', `This response is ${r.status}.`, {
            hint:
              r.status === 'draft'
                ? 'A response is published only once the policing body has approved it.'
                : 'It has been published already.',
          });
        const p = parse(PublishInput, input);
        dayNumber(p.publishedOn);
        const [src] = await tx
          .select()
          .from(findingSources)
          .where(eq(findingSources.id, r.sourceId));
        if (src && p.publishedOn < src.publishedOn)
          throw badInput(
            `publishedOn: the response cannot be published before the report (${src.publishedOn}).`,
          );
        const copiesTo = [...new Set(p.copiesTo)];
        return save(
          tx,
          r,
          { status: 'published', publishedOn: p.publishedOn, copiesTo },
          {
            action: 'published',
            before: { [FIELD.status]: 'approved' },
            after: {
              [FIELD.status]: 'published',
              [FIELD.publishedOn]: p.publishedOn,
              [FIELD.copiesTo]: copiesTo.join('; '),
            },
          },
          actor,
        );
      });
    },
  };
}

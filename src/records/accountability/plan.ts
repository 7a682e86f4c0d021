import { and, asc, desc, eq, gt, inArray, isNull, lte, max, or } from 'drizzle-orm';
import { badInput } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import type { Db, RepoContext } from '../db.ts';
import {
  planCommitments,
  planMeasureLinks,
  planObjectives,
  planOutcomes,
  planPriorities,
  plans,
  policingBodies,
  users,
} from '../schema.ts';
import { londonDate } from './clock.ts';
import { recordChange, type HistoryFields } from './history.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';
import {
  CommitmentInput,
  CommitmentPatch,
  MeasureLinkInput,
  ObjectiveInput,
  OutcomeInput,
  PlanInput,
  PlanPatch,
  PriorityInput,
  type Commitment,
  type CommitmentOwner,
  type MeasureLink,
  type Plan,
  type PlanObjective,
  type PlanOutcome,
  type PlanPriority,
  type PlanRepo,
  type PlanStatus,
  type PlanTree,
} from './plan-types.ts';

/**
 * The Police and Crime Plan: plan → objectives → priorities → commitments and outcomes, with
 * the catalogue measures that evidence them. Editing is the policing body's office's (or an
 * administrator's); every change writes its timeline row and audit entry (history.ts) in the
 * same transaction. Order within a parent is the order things were added (`ordinal`).
 */
export const PLAN_EDITORS = ['admin', 'oversight'] as const;

type PlanRow = typeof plans.$inferSelect;
type CommitmentRow = typeof planCommitments.$inferSelect;

const s = (n: number | null) => (n === null ? null : String(n));

export const toPlan = (r: PlanRow): Plan => ({
  id: String(r.id),
  title: r.title,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  bodyId: s(r.bodyId),
  status: r.status as PlanStatus,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toObjective = (r: typeof planObjectives.$inferSelect): PlanObjective => ({
  id: String(r.id),
  planId: String(r.planId),
  ordinal: r.ordinal,
  title: r.title,
  description: r.description,
});

const toPriority = (r: typeof planPriorities.$inferSelect): PlanPriority => ({
  id: String(r.id),
  objectiveId: String(r.objectiveId),
  ordinal: r.ordinal,
  title: r.title,
  description: r.description,
});

export const toCommitment = (r: CommitmentRow): Commitment => ({
  id: String(r.id),
  priorityId: String(r.priorityId),
  ordinal: r.ordinal,
  text: r.text,
  owner: r.owner as CommitmentOwner,
  leadUserId: s(r.leadUserId),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toOutcome = (r: typeof planOutcomes.$inferSelect): PlanOutcome => ({
  id: String(r.id),
  priorityId: String(r.priorityId),
  ordinal: r.ordinal,
  text: r.text,
});

const toLink = (r: typeof planMeasureLinks.$inferSelect): MeasureLink => ({
  id: String(r.id),
  commitmentId: s(r.commitmentId),
  outcomeId: s(r.outcomeId),
  measureId: r.measureId,
});

const planFields = (p: Plan): HistoryFields => ({
  title: p.title,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  status: p.status,
});

const commitmentFields = (c: Commitment): HistoryFields => ({
  text: c.text,
  owner: c.owner,
  leadUserId: c.leadUserId,
});

/** A row by numeric id, or UNKNOWN_RECORD naming what was asked for. */
async function one<T>(rows: Promise<T[]>, what: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw unknownRecord(what);
  return row;
}

export async function planRow(tx: Db, id: string): Promise<PlanRow> {
  const n = idNumber(id) ?? -1;
  return one(tx.select().from(plans).where(eq(plans.id, n)), 'plan');
}

export async function commitmentRow(tx: Db, id: string): Promise<CommitmentRow> {
  const n = idNumber(id) ?? -1;
  return one(tx.select().from(planCommitments).where(eq(planCommitments.id, n)), 'commitment');
}

/** The plan a commitment belongs to. */
export async function planOfCommitment(tx: Db, c: CommitmentRow): Promise<PlanRow> {
  const [row] = await tx
    .select({ plan: plans })
    .from(planPriorities)
    .innerJoin(planObjectives, eq(planObjectives.id, planPriorities.objectiveId))
    .innerJoin(plans, eq(plans.id, planObjectives.planId))
    .where(eq(planPriorities.id, c.priorityId));
  if (!row) throw unknownRecord('plan');
  return row.plan;
}

/**
 * A commitment's lead must be an enabled user: a strategic lead (the force's side), or for a
 * commitment the policing body delivers, someone in its office.
 */
async function checkLead(tx: Db, owner: CommitmentOwner, leadUserId: string | null) {
  if (leadUserId === null) return;
  const n = idNumber(leadUserId) ?? -1;
  const [u] = await tx.select().from(users).where(eq(users.id, n));
  if (!u || u.disabled) throw badInput('leadUserId: the lead must be a user of the service.');
  const allowed = owner === 'policing_body' ? ['lead', 'oversight'] : ['lead'];
  if (!allowed.includes(u.role))
    throw badInput(
      owner === 'policing_body'
        ? 'leadUserId: the lead must have the lead or oversight role.'
        : "leadUserId: the lead of a Chief Constable's commitment must have the lead role.",
    );
}

export function planRepo({ db, clock }: RepoContext): PlanRepo {
  const editor = async (tx: Db, actor: Actor, what: string) =>
    requireRole(await actingAs(tx, actor), PLAN_EDITORS, what);

  /** The next ordinal under a parent: 1 for the first. */
  async function nextOrdinal(
    tx: Db,
    table: typeof planObjectives | typeof planPriorities | typeof planCommitments,
    where: ReturnType<typeof eq>,
  ): Promise<number> {
    const [r] = await tx
      .select({ n: max(table.ordinal) })
      .from(table)
      .where(where);
    return (r?.n ?? 0) + 1;
  }

  async function linksOf(tx: Db, commitmentIds: number[], outcomeIds: number[]) {
    const [byC, byO] = await Promise.all([
      commitmentIds.length
        ? tx
            .select()
            .from(planMeasureLinks)
            .where(inArray(planMeasureLinks.commitmentId, commitmentIds))
            .orderBy(asc(planMeasureLinks.id))
        : [],
      outcomeIds.length
        ? tx
            .select()
            .from(planMeasureLinks)
            .where(inArray(planMeasureLinks.outcomeId, outcomeIds))
            .orderBy(asc(planMeasureLinks.id))
        : [],
    ]);
    const group = (rows: typeof byC, key: 'commitmentId' | 'outcomeId') => {
      const m = new Map<number, string[]>();
      for (const r of rows) {
        const k = r[key] as number;
        m.set(k, [...(m.get(k) ?? []), r.measureId]);
      }
      return m;
    };
    return { commitment: group(byC, 'commitmentId'), outcome: group(byO, 'outcomeId') };
  }

  /** A plan-level change in the plan's own timeline (`plan:N`). */
  const planChange = (
    tx: Db,
    planId: number,
    action: string,
    after: HistoryFields,
    actor: Actor,
    audit: Record<string, string | number> = {},
  ) =>
    recordChange(
      tx,
      clock.now(),
      { subject: `plan:${planId}`, action, before: null, after, audit },
      actor,
    );

  async function priorityRow(tx: Db, id: string) {
    const n = idNumber(id) ?? -1;
    return one(tx.select().from(planPriorities).where(eq(planPriorities.id, n)), 'priority');
  }

  async function planIdOfPriority(tx: Db, priorityId: number): Promise<number> {
    const [row] = await tx
      .select({ planId: planObjectives.planId })
      .from(planPriorities)
      .innerJoin(planObjectives, eq(planObjectives.id, planPriorities.objectiveId))
      .where(eq(planPriorities.id, priorityId));
    if (!row) throw unknownRecord('priority');
    return row.planId;
  }

  async function list(): Promise<Plan[]> {
    const rows = await db.select().from(plans).orderBy(desc(plans.startsOn), desc(plans.id));
    return rows.map(toPlan);
  }

  return {
    async add(input, actor) {
      const p = parse(PlanInput, input);
      return db.transaction(async (tx) => {
        await editor(tx, actor, 'add a plan');
        const now = clock.now();
        // The body issuing it: the one in office today (a successor keeps the old body's plan).
        const today = londonDate(now);
        const [body] = await tx
          .select({ id: policingBodies.id })
          .from(policingBodies)
          .where(
            and(
              lte(policingBodies.validFrom, today),
              or(isNull(policingBodies.validTo), gt(policingBodies.validTo, today)),
            ),
          );
        const [row] = await tx
          .insert(plans)
          .values({ ...p, bodyId: body?.id ?? null, createdAt: now, updatedAt: now })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const plan = toPlan(row);
        await recordChange(
          tx,
          now,
          {
            subject: `plan:${row.id}`,
            action: 'added',
            before: null,
            after: planFields(plan),
            audit: { status: plan.status },
          },
          actor,
        );
        return plan;
      });
    },

    async update(id, patch, actor, note) {
      const p = parse(PlanPatch, patch);
      return db.transaction(async (tx) => {
        await editor(tx, actor, 'change the plan');
        const before = toPlan(await planRow(tx, id));
        const startsOn = p.startsOn ?? before.startsOn;
        const endsOn = p.endsOn ?? before.endsOn;
        if (endsOn <= startsOn) throw badInput('endsOn: the plan must end after it starts.');
        const [row] = await tx
          .update(plans)
          .set({ ...p, updatedAt: clock.now() })
          .where(eq(plans.id, Number(before.id)))
          .returning();
        if (!row) throw unknownRecord('plan');
        const after = toPlan(row);
        await recordChange(
          tx,
          clock.now(),
          {
            subject: `plan:${row.id}`,
            action: 'updated',
            before: planFields(before),
            after: planFields(after),
            note: note ?? null,
            audit: { status: after.status },
          },
          actor,
        );
        return after;
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(plans).where(eq(plans.id, n));
      return row ? toPlan(row) : null;
    },

    list,

    async current(on) {
      const every = await list();
      const started = every.filter((p) => p.startsOn <= on);
      const covering = started.filter((p) => p.endsOn >= on);
      return (
        covering.find((p) => p.status === 'published') ??
        covering[0] ??
        started[0] ??
        every[0] ??
        null
      );
    },

    async tree(id) {
      const plan = toPlan(await planRow(db, id));
      const objectives = await db
        .select()
        .from(planObjectives)
        .where(eq(planObjectives.planId, Number(plan.id)))
        .orderBy(asc(planObjectives.ordinal), asc(planObjectives.id));
      const oIds = objectives.map((o) => o.id);
      const priorities = oIds.length
        ? await db
            .select()
            .from(planPriorities)
            .where(inArray(planPriorities.objectiveId, oIds))
            .orderBy(asc(planPriorities.ordinal), asc(planPriorities.id))
        : [];
      const pIds = priorities.map((p) => p.id);
      const [commitments, outcomes] = pIds.length
        ? await Promise.all([
            db
              .select()
              .from(planCommitments)
              .where(inArray(planCommitments.priorityId, pIds))
              .orderBy(asc(planCommitments.ordinal), asc(planCommitments.id)),
            db
              .select()
              .from(planOutcomes)
              .where(inArray(planOutcomes.priorityId, pIds))
              .orderBy(asc(planOutcomes.ordinal), asc(planOutcomes.id)),
          ])
        : [[], []];
      const links = await linksOf(
        db,
        commitments.map((c) => c.id),
        outcomes.map((o) => o.id),
      );
      return {
        ...plan,
        objectives: objectives.map((o) => ({
          ...toObjective(o),
          priorities: priorities
            .filter((p) => p.objectiveId === o.id)
            .map((p) => ({
              ...toPriority(p),
              commitments: commitments
                .filter((c) => c.priorityId === p.id)
                .map((c) => ({ ...toCommitment(c), measureIds: links.commitment.get(c.id) ?? [] })),
              outcomes: outcomes
                .filter((x) => x.priorityId === p.id)
                .map((x) => ({ ...toOutcome(x), measureIds: links.outcome.get(x.id) ?? [] })),
            })),
        })),
      } satisfies PlanTree;
    },

    async addObjective(input, actor) {
      const o = parse(ObjectiveInput, input);
      return db.transaction(async (tx) => {
        await editor(tx, actor, 'change the plan');
        const plan = await planRow(tx, o.planId);
        const ordinal = await nextOrdinal(tx, planObjectives, eq(planObjectives.planId, plan.id));
        const [row] = await tx
          .insert(planObjectives)
          .values({ planId: plan.id, ordinal, title: o.title, description: o.description })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await planChange(tx, plan.id, 'objective_added', { objective: row.title, ordinal }, actor, {
          objective: row.id,
        });
        return toObjective(row);
      });
    },

    async addPriority(input, actor) {
      const p = parse(PriorityInput, input);
      return db.transaction(async (tx) => {
        await editor(tx, actor, 'change the plan');
        const n = idNumber(p.objectiveId) ?? -1;
        const objective = await one(
          tx.select().from(planObjectives).where(eq(planObjectives.id, n)),
          'objective',
        );
        const ordinal = await nextOrdinal(
          tx,
          planPriorities,
          eq(planPriorities.objectiveId, objective.id),
        );
        const [row] = await tx
          .insert(planPriorities)
          .values({
            objectiveId: objective.id,
            ordinal,
            title: p.title,
            description: p.description,
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await planChange(
          tx,
          objective.planId,
          'priority_added',
          { priority: row.title, objective: objective.title },
          actor,
          { priority: row.id },
        );
        return toPriority(row);
      });
    },

    async addCommitment(input, actor) {
      const c = parse(CommitmentInput, input);
      return db.transaction(async (tx) => {
        await editor(tx, actor, 'change the plan');
        const priority = await priorityRow(tx, c.priorityId);
        await checkLead(tx, c.owner, c.leadUserId);
        const ordinal = await nextOrdinal(
          tx,
          planCommitments,
          eq(planCommitments.priorityId, priority.id),
        );
        const now = clock.now();
        const [row] = await tx
          .insert(planCommitments)
          .values({
            priorityId: priority.id,
            ordinal,
            text: c.text,
            owner: c.owner,
            leadUserId: c.leadUserId === null ? null : Number(c.leadUserId),
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const created = toCommitment(row);
        await recordChange(
          tx,
          now,
          {
            subject: `commitment:${row.id}`,
            action: 'added',
            before: null,
            after: { ...commitmentFields(created), priority: priority.title },
            audit: { owner: created.owner },
          },
          actor,
        );
        return created;
      });
    },

    async updateCommitment(id, patch, actor, note) {
      const p = parse(CommitmentPatch, patch);
      return db.transaction(async (tx) => {
        await editor(tx, actor, 'change the plan');
        const before = toCommitment(await commitmentRow(tx, id));
        const owner = p.owner ?? before.owner;
        const lead = p.leadUserId === undefined ? before.leadUserId : p.leadUserId;
        await checkLead(tx, owner, lead);
        const [row] = await tx
          .update(planCommitments)
          .set({
            ...(p.text === undefined ? {} : { text: p.text }),
            owner,
            leadUserId: lead === null ? null : Number(lead),
            updatedAt: clock.now(),
          })
          .where(eq(planCommitments.id, Number(before.id)))
          .returning();
        if (!row) throw unknownRecord('commitment');
        const after = toCommitment(row);
        await recordChange(
          tx,
          clock.now(),
          {
            subject: `commitment:${row.id}`,
            action: 'updated',
            before: commitmentFields(before),
            after: commitmentFields(after),
            note: note ?? null,
            audit: { owner: after.owner },
          },
          actor,
        );
        return after;
      });
    },

    async commitment(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db
        .select({
          c: planCommitments,
          priority: planPriorities,
          objective: planObjectives,
          plan: plans,
        })
        .from(planCommitments)
        .innerJoin(planPriorities, eq(planPriorities.id, planCommitments.priorityId))
        .innerJoin(planObjectives, eq(planObjectives.id, planPriorities.objectiveId))
        .innerJoin(plans, eq(plans.id, planObjectives.planId))
        .where(eq(planCommitments.id, n));
      if (!row) return null;
      const links = await db
        .select()
        .from(planMeasureLinks)
        .where(eq(planMeasureLinks.commitmentId, row.c.id))
        .orderBy(asc(planMeasureLinks.id));
      return {
        ...toCommitment(row.c),
        measureIds: links.map((l) => l.measureId),
        links: links.map(toLink),
        priority: toPriority(row.priority),
        objective: toObjective(row.objective),
        plan: toPlan(row.plan),
      };
    },

    async commitments(planId) {
      const n = idNumber(planId) ?? -1;
      const rows = await db
        .select({ c: planCommitments })
        .from(planCommitments)
        .innerJoin(planPriorities, eq(planPriorities.id, planCommitments.priorityId))
        .innerJoin(planObjectives, eq(planObjectives.id, planPriorities.objectiveId))
        .where(eq(planObjectives.planId, n))
        .orderBy(
          asc(planObjectives.ordinal),
          asc(planPriorities.ordinal),
          asc(planCommitments.ordinal),
          asc(planCommitments.id),
        );
      return rows.map((r) => toCommitment(r.c));
    },

    async addOutcome(input, actor) {
      const o = parse(OutcomeInput, input);
      return db.transaction(async (tx) => {
        await editor(tx, actor, 'change the plan');
        const priority = await priorityRow(tx, o.priorityId);
        const [r] = await tx
          .select({ n: max(planOutcomes.ordinal) })
          .from(planOutcomes)
          .where(eq(planOutcomes.priorityId, priority.id));
        const [row] = await tx
          .insert(planOutcomes)
          .values({ priorityId: priority.id, ordinal: (r?.n ?? 0) + 1, text: o.text })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const planId = await planIdOfPriority(tx, priority.id);
        await planChange(
          tx,
          planId,
          'outcome_added',
          { outcome: row.text, priority: priority.title },
          actor,
          { outcome: row.id },
        );
        return toOutcome(row);
      });
    },

    async linkMeasure(input, knownMeasureIds, actor) {
      const l = parse(MeasureLinkInput, input);
      if (!knownMeasureIds.includes(l.measureId))
        throw badInput(`measureId: "${l.measureId}" is not a measure of the catalogue.`);
      return db.transaction(async (tx) => {
        await editor(tx, actor, 'change the plan');
        let subject: string;
        let planId: number;
        let target: { commitmentId: number | null; outcomeId: number | null };
        if (l.commitmentId !== null) {
          const c = await commitmentRow(tx, l.commitmentId);
          subject = `commitment:${c.id}`;
          planId = (await planOfCommitment(tx, c)).id;
          target = { commitmentId: c.id, outcomeId: null };
        } else {
          const n = idNumber(l.outcomeId as string) ?? -1;
          const o = await one(
            tx.select().from(planOutcomes).where(eq(planOutcomes.id, n)),
            'outcome',
          );
          planId = await planIdOfPriority(tx, o.priorityId);
          subject = `plan:${planId}`;
          target = { commitmentId: null, outcomeId: o.id };
        }
        const [dup] = await tx
          .select()
          .from(planMeasureLinks)
          .where(
            and(
              eq(planMeasureLinks.measureId, l.measureId),
              target.commitmentId === null
                ? eq(planMeasureLinks.outcomeId, target.outcomeId as number)
                : eq(planMeasureLinks.commitmentId, target.commitmentId),
            ),
          );
        if (dup) throw badInput(`measureId: "${l.measureId}" is linked already.`);
        const [row] = await tx
          .insert(planMeasureLinks)
          .values({ ...target, measureId: l.measureId })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await recordChange(
          tx,
          clock.now(),
          {
            subject,
            action: 'measure_linked',
            before: null,
            after: { measureId: l.measureId, outcomeId: s(target.outcomeId) },
            audit: { measure: l.measureId, plan: planId },
          },
          actor,
        );
        return toLink(row);
      });
    },

    async unlinkMeasure(linkId, actor) {
      await db.transaction(async (tx) => {
        await editor(tx, actor, 'change the plan');
        const n = idNumber(linkId) ?? -1;
        const link = await one(
          tx.select().from(planMeasureLinks).where(eq(planMeasureLinks.id, n)),
          'measure link',
        );
        let subject: string;
        if (link.commitmentId !== null) subject = `commitment:${link.commitmentId}`;
        else {
          const o = await one(
            tx
              .select()
              .from(planOutcomes)
              .where(eq(planOutcomes.id, link.outcomeId as number)),
            'outcome',
          );
          subject = `plan:${await planIdOfPriority(tx, o.priorityId)}`;
        }
        await tx.delete(planMeasureLinks).where(eq(planMeasureLinks.id, link.id));
        await recordChange(
          tx,
          clock.now(),
          {
            subject,
            action: 'measure_unlinked',
            before: { measureId: link.measureId, outcomeId: s(link.outcomeId) },
            after: {},
            audit: { measure: link.measureId },
          },
          actor,
        );
      });
    },
  };
}

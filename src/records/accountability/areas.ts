import { and, asc, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import { badInput } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import type { Db, RepoContext } from '../db.ts';
import { datedAreas } from '../schema.ts';
import { dayNumber, londonDate } from './clock.ts';
import { recordChange } from './history.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';

/**
 * Forces and local policing areas as dated entities with succession, like the policing body
 * (bodies.ts): an area is in force from `validFrom` until the day before `validTo` (null: still
 * in force). A change — two LPAs merged, a force merged with its neighbour, an area renamed — is
 * `succeed`, which ends the old areas and starts their successor on the same day in one
 * transaction, so "the areas on a date" is a query and `lineage` gives every area whose series
 * make up a successor's (a measure's series carries across the merger). When a force is
 * succeeded, the LPAs still in force under it carry on under the successor (same code and name).
 * Changes are admin's (or the command line's), with a timeline (`area:N`) and an audit entry.
 */
export const AREA_KINDS = ['force', 'lpa'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export const AreaInput = z.object({
  kind: z.enum(AREA_KINDS),
  /** The force's or LPA's code as its data uses it (an LPA's name in the facts, a force code). */
  code: z.string().trim().min(1).max(60),
  name: z.string().trim().min(1).max(200),
  /** An LPA's force (the area id); a force has none. */
  parentId: z.string().nullable().default(null),
});
export type AreaInput = z.input<typeof AreaInput>;

export interface DatedArea {
  readonly id: string;
  readonly kind: AreaKind;
  readonly code: string;
  readonly name: string;
  readonly parentId: string | null;
  /** First day in force. */
  readonly validFrom: string;
  /** The successor's first day (this area's last day is the day before); null: in force. */
  readonly validTo: string | null;
  readonly succeededBy: string | null;
}

/** A day: a calendar date "YYYY-MM-DD", or a moment (its London date). */
export type Day = Date | string;

export interface AreasRepo {
  /** A new area from `from`; refused while another of its kind and code is in force then. */
  add(input: AreaInput, from: Day, actor: Actor): Promise<DatedArea>;
  /** The areas in force on a day, by kind and code (optionally one kind, or one force's LPAs). */
  current(on: Day, filter?: { kind?: AreaKind; parentId?: string }): Promise<DatedArea[]>;
  /**
   * Ends `old` (one area, or several for a merger) the day before `on` and starts `next` on
   * `on`, in one transaction; the olds' `succeededBy` names the successor.
   */
  succeed(
    old: string | readonly string[],
    next: AreaInput,
    on: Day,
    actor: Actor,
  ): Promise<DatedArea>;
  byId(id: string): Promise<DatedArea | null>;
  /** Every area, earliest first. */
  list(filter?: { kind?: AreaKind }): Promise<DatedArea[]>;
  /** The area in force on `on` that `id` is or became, following succession (null: none). */
  successorOn(id: string, on: Day): Promise<DatedArea | null>;
  /** `id` and every area it succeeded, directly or not, earliest first: a series' parts. */
  lineage(id: string): Promise<DatedArea[]>;
}

type Row = typeof datedAreas.$inferSelect;

const toArea = (r: Row): DatedArea => ({
  id: String(r.id),
  kind: r.kind as AreaKind,
  code: r.code,
  name: r.name,
  parentId: r.parentId === null ? null : String(r.parentId),
  validFrom: r.validFrom,
  validTo: r.validTo,
  succeededBy: r.succeededBy === null ? null : String(r.succeededBy),
});

/** A calendar date from a moment (London) or a checked "YYYY-MM-DD". */
export function dayOf(d: Day): string {
  if (d instanceof Date) return londonDate(d);
  dayNumber(d);
  return d;
}

const inForceOn = (day: string) =>
  and(lte(datedAreas.validFrom, day), or(isNull(datedAreas.validTo), gt(datedAreas.validTo, day)));

const snapshot = (a: DatedArea) => ({
  kind: a.kind,
  code: a.code,
  name: a.name,
  parentId: a.parentId,
  validFrom: a.validFrom,
  validTo: a.validTo,
  succeededBy: a.succeededBy,
});

export function areasRepo({ db, clock }: RepoContext): AreasRepo {
  async function rowOf(tx: Db, id: string): Promise<Row> {
    const n = idNumber(id);
    const [row] = n === null ? [] : await tx.select().from(datedAreas).where(eq(datedAreas.id, n));
    if (!row) throw unknownRecord('area');
    return row;
  }

  /** Refuses an area whose kind and code clash with one in force on or after `day`. */
  async function checkFree(tx: Db, a: { kind: string; code: string }, day: string, but: number[]) {
    const clash = await tx
      .select({ id: datedAreas.id, name: datedAreas.name })
      .from(datedAreas)
      .where(
        and(
          eq(datedAreas.kind, a.kind),
          eq(datedAreas.code, a.code),
          or(isNull(datedAreas.validTo), gt(datedAreas.validTo, day)),
        ),
      );
    const other = clash.find((c) => !but.includes(c.id));
    if (other)
      throw badInput(
        `An area coded "${a.code}" (${other.name}) is already in force on ${day}.`,
        'To record a change to it, record its successor instead.',
      );
  }

  /** An LPA's force must be in force on the day; a force has no parent. */
  async function checkParent(tx: Db, a: z.output<typeof AreaInput>, day: string): Promise<void> {
    if (a.kind === 'force') {
      if (a.parentId !== null) throw badInput('parentId: a force has no parent area.');
      return;
    }
    if (a.parentId === null) throw badInput("parentId: give the LPA's force.");
    const parent = await rowOf(tx, a.parentId);
    if (parent.kind !== 'force') throw badInput("parentId: an LPA's parent must be a force.");
    if (parent.validFrom > day || (parent.validTo !== null && parent.validTo <= day))
      throw badInput(`parentId: ${parent.name} is not in force on ${day}.`);
  }

  async function insert(tx: Db, a: z.output<typeof AreaInput>, day: string): Promise<Row> {
    const [row] = await tx
      .insert(datedAreas)
      .values({
        kind: a.kind,
        code: a.code,
        name: a.name,
        parentId: a.parentId === null ? null : Number(a.parentId),
        validFrom: day,
        createdAt: clock.now(),
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  }

  /** Ends `olds` on `day` and starts `next` (checked by the caller), naming it their successor. */
  async function replace(tx: Db, olds: Row[], next: z.output<typeof AreaInput>, day: string) {
    const ids = olds.map((o) => o.id);
    await tx.update(datedAreas).set({ validTo: day }).where(inArray(datedAreas.id, ids));
    await checkFree(tx, next, day, []);
    const row = await insert(tx, next, day);
    await tx.update(datedAreas).set({ succeededBy: row.id }).where(inArray(datedAreas.id, ids));
    return row;
  }

  async function note(tx: Db, action: string, before: Row | null, after: Row, actor: Actor) {
    await recordChange(
      tx,
      clock.now(),
      {
        subject: `area:${after.id}`,
        action,
        before: before ? snapshot(toArea(before)) : null,
        after: snapshot(toArea(after)),
        audit: { kind: after.kind, validFrom: after.validFrom, validTo: after.validTo },
      },
      actor,
    );
  }

  return {
    async add(input, from, actor) {
      const a = parse(AreaInput, input);
      const day = dayOf(from);
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), ['admin'], 'change the areas');
        await checkParent(tx, a, day);
        await checkFree(tx, a, day, []);
        const row = await insert(tx, a, day);
        await note(tx, 'added', null, row, actor);
        return toArea(row);
      });
    },

    async current(on, filter = {}) {
      const day = dayOf(on);
      const parent = filter.parentId === undefined ? undefined : idNumber(filter.parentId);
      if (parent === null) return [];
      const rows = await db
        .select()
        .from(datedAreas)
        .where(
          and(
            inForceOn(day),
            filter.kind ? eq(datedAreas.kind, filter.kind) : undefined,
            parent === undefined ? undefined : eq(datedAreas.parentId, parent),
          ),
        )
        .orderBy(asc(datedAreas.kind), asc(datedAreas.code));
      return rows.map(toArea);
    },

    async succeed(old, next, on, actor) {
      const a = parse(AreaInput, next);
      const day = dayOf(on);
      const oldIds = [...new Set(typeof old === 'string' ? [old] : old)];
      if (oldIds.length === 0) throw badInput('Name the area or areas being succeeded.');
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), ['admin'], 'change the areas');
        const olds: Row[] = [];
        for (const id of oldIds) olds.push(await rowOf(tx, id));
        for (const o of olds) {
          if (o.kind !== a.kind)
            throw badInput(`kind: ${o.name} is a ${o.kind}; its successor must be one too.`);
          if (o.validTo !== null) throw badInput(`${o.name} has already been succeeded.`);
          if (day <= o.validFrom)
            throw badInput(`A successor must start after ${o.name} did (${o.validFrom}).`);
        }
        await checkParent(tx, a, day);
        const row = await replace(tx, olds, a, day);
        for (const o of olds) {
          const [closed] = await tx.select().from(datedAreas).where(eq(datedAreas.id, o.id));
          if (closed) await note(tx, 'succeeded', o, closed, actor);
        }
        await note(tx, 'added', null, row, actor);
        // A force's LPAs still in force carry on under its successor, as themselves.
        if (a.kind === 'force') {
          const lpas = await tx
            .select()
            .from(datedAreas)
            .where(
              and(
                eq(datedAreas.kind, 'lpa'),
                inArray(
                  datedAreas.parentId,
                  olds.map((o) => o.id),
                ),
                isNull(datedAreas.validTo),
              ),
            )
            .orderBy(asc(datedAreas.id));
          for (const l of lpas) {
            if (l.validFrom >= day) {
              await tx.update(datedAreas).set({ parentId: row.id }).where(eq(datedAreas.id, l.id));
              continue;
            }
            const carried = await replace(
              tx,
              [l],
              { kind: 'lpa', code: l.code, name: l.name, parentId: String(row.id) },
              day,
            ).catch((e: unknown) => {
              throw e instanceof Error && /already in force/.test(e.message)
                ? badInput(
                    `Two of the merging forces have an LPA coded "${l.code}".`,
                    'Succeed those LPAs first (one successor for both), then the forces.',
                  )
                : e;
            });
            const [closed] = await tx.select().from(datedAreas).where(eq(datedAreas.id, l.id));
            if (closed) await note(tx, 'succeeded', l, closed, actor);
            await note(tx, 'added', null, carried, actor);
          }
        }
        return toArea(row);
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(datedAreas).where(eq(datedAreas.id, n));
      return row ? toArea(row) : null;
    },

    async list(filter = {}) {
      const rows = await db
        .select()
        .from(datedAreas)
        .where(filter.kind ? eq(datedAreas.kind, filter.kind) : undefined)
        .orderBy(asc(datedAreas.validFrom), asc(datedAreas.id));
      return rows.map(toArea);
    },

    async successorOn(id, on) {
      const day = dayOf(on);
      let row: Row | undefined = await rowOf(db, id);
      // Succession only runs forward in time, so this ends; the bound guards a damaged table.
      for (let hops = 0; row && hops < 1000; hops++) {
        if (row.validFrom > day) return null;
        if (row.validTo === null || row.validTo > day) return toArea(row);
        if (row.succeededBy === null) return null;
        [row] = await db.select().from(datedAreas).where(eq(datedAreas.id, row.succeededBy));
      }
      return null;
    },

    async lineage(id) {
      const first = await rowOf(db, id);
      const seen = new Map<number, Row>([[first.id, first]]);
      let frontier = [first.id];
      while (frontier.length > 0) {
        const before = await db
          .select()
          .from(datedAreas)
          .where(inArray(datedAreas.succeededBy, frontier));
        frontier = [];
        for (const r of before)
          if (!seen.has(r.id)) {
            seen.set(r.id, r);
            frontier.push(r.id);
          }
      }
      return [...seen.values()]
        .sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.id - b.id)
        .map(toArea);
    },
  };
}

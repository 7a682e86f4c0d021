import { and, asc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import { appendAudit } from '../audit.ts';
import type { Db, RepoContext } from '../db.ts';
import { policingBodies } from '../schema.ts';
import { londonDate } from './clock.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';
import {
  PolicingBodyInput,
  type BodyType,
  type PolicingBodiesRepo,
  type PolicingBody,
} from './types.ts';

/**
 * The policing body as dated configuration (see schema.ts policingBodies). Exactly one body is
 * in office on any day from the first: `add` refuses an overlap, and a change of governance
 * (PCC → mayor, a merger) is `succeed`, which closes the old body and opens its successor on
 * the same day in one transaction. Duties follow the date: the body answering a report due on
 * a day is `current(that day)`, whoever was in office when it was published. Changes are
 * admin's (or the command line's), and audited.
 */
type Row = typeof policingBodies.$inferSelect;

const toBody = (r: Row): PolicingBody => ({
  id: String(r.id),
  type: r.type as BodyType,
  name: r.name,
  roleTitles: { holder: r.roleTitles.holder, office: r.roleTitles.office },
  validFrom: r.validFrom,
  validTo: r.validTo,
  succeededBy: r.succeededBy === null ? null : String(r.succeededBy),
});

async function onDay(db: Db, day: string): Promise<Row | null> {
  const [row] = await db
    .select()
    .from(policingBodies)
    .where(
      and(
        lte(policingBodies.validFrom, day),
        or(isNull(policingBodies.validTo), gt(policingBodies.validTo, day)),
      ),
    );
  return row ?? null;
}

export function policingBodiesRepo({ db, clock }: RepoContext): PolicingBodiesRepo {
  const audit = (
    tx: Db,
    action: string,
    id: number,
    details: Record<string, string>,
    actor: Actor,
  ) => appendAudit(tx, clock.now(), { action, subject: `policing_body:${id}`, details }, actor);

  async function insert(tx: Db, input: PolicingBodyInput, from: string): Promise<Row> {
    const [row] = await tx
      .insert(policingBodies)
      .values({ ...input, validFrom: from, createdAt: clock.now() })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  }

  return {
    async add(input, from, actor) {
      const body = parse(PolicingBodyInput, input);
      const day = londonDate(from);
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), ['admin'], 'change the policing body');
        // Any body still open, or one in office on or after the day, would overlap.
        const clash = await tx
          .select({ id: policingBodies.id })
          .from(policingBodies)
          .where(or(isNull(policingBodies.validTo), gt(policingBodies.validTo, day)));
        if (clash.length > 0)
          throw badInput(
            'A policing body is already in office then.',
            'To record a change of governance, record its successor instead.',
          );
        const row = await insert(tx, body, day);
        await audit(tx, 'policing_body_added', row.id, { type: row.type, validFrom: day }, actor);
        return toBody(row);
      });
    },

    async current(on) {
      const row = await onDay(db, londonDate(on));
      return row ? toBody(row) : null;
    },

    async succeed(oldId, next, on, actor) {
      const body = parse(PolicingBodyInput, next);
      const day = londonDate(on);
      const n = idNumber(oldId);
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), ['admin'], 'change the policing body');
        const [old] =
          n === null ? [] : await tx.select().from(policingBodies).where(eq(policingBodies.id, n));
        if (!old) throw unknownRecord('policing body');
        if (old.validTo !== null)
          throw new BluelampError('BAD_INPUT', `${old.name} has already been succeeded.`);
        if (day <= old.validFrom)
          throw badInput(`A successor must start after ${old.name} did (${old.validFrom}).`);
        // Close the old body first: the check that one body holds office at a time sees it closed.
        await tx.update(policingBodies).set({ validTo: day }).where(eq(policingBodies.id, old.id));
        const row = await insert(tx, body, day);
        await tx
          .update(policingBodies)
          .set({ succeededBy: row.id })
          .where(eq(policingBodies.id, old.id));
        await audit(
          tx,
          'policing_body_succeeded',
          old.id,
          { successor: String(row.id), on: day, fromType: old.type, toType: row.type },
          actor,
        );
        return toBody(row);
      });
    },

    async rename(id, name, actor) {
      const n = idNumber(id);
      const trimmed = name.trim();
      if (trimmed === '') throw badInput('Give the policing body a name.');
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), ['admin'], 'change the policing body');
        const [row] =
          n === null
            ? []
            : await tx
                .update(policingBodies)
                .set({ name: trimmed })
                .where(eq(policingBodies.id, n))
                .returning();
        if (!row) throw unknownRecord('policing body');
        await audit(tx, 'policing_body_renamed', row.id, { type: row.type }, actor);
        return toBody(row);
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(policingBodies).where(eq(policingBodies.id, n));
      return row ? toBody(row) : null;
    },

    async list() {
      return (await db.select().from(policingBodies).orderBy(asc(policingBodies.validFrom))).map(
        toBody,
      );
    },
  };
}

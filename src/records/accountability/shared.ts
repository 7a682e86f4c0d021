import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { Actor, Role } from '../api.ts';
import type { Db } from '../db.ts';
import { users } from '../schema.ts';
import type { ActingAs } from './lifecycle.ts';

/** Parses an input with its zod schema; a failure is BAD_INPUT naming the fields. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const what = r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
  throw badInput(`Check the details given: ${what.join('; ')}.`);
}

/** A numeric id from the API's string form, or null (an id that cannot exist). */
export const idNumber = (id: string): number | null => (/^\d{1,9}$/.test(id) ? Number(id) : null);

export const unknownRecord = (what: string) =>
  new BluelampError('UNKNOWN_RECORD', `There is no ${what} with that id.`);

/**
 * Who an actor is for the role rules: a signed-in user's current role (read in the same
 * transaction, so a role removed a moment ago no longer counts), or, for the command line and
 * the system, `role: null`, which the rules let take any step. A web or API actor without a
 * user, or a disabled user, may do nothing.
 */
export async function actingAs(db: Db, actor: Actor): Promise<ActingAs> {
  if (actor.userId === null) {
    if (actor.via === 'cli' || actor.via === 'system') return { role: null, userId: null };
    throw new BluelampError('NOT_PERMITTED', 'Sign in to do that.');
  }
  const n = idNumber(actor.userId);
  const [u] = n === null ? [] : await db.select().from(users).where(eq(users.id, n));
  if (!u || u.disabled) throw new BluelampError('NOT_PERMITTED', 'Sign in to do that.');
  return { role: u.role as Role, userId: String(u.id) };
}

/** Refuses unless `who` has one of `roles` (the command line and the system always may). */
export function requireRole(who: ActingAs, roles: readonly Role[], what: string): void {
  if (who.role !== null && !roles.includes(who.role))
    throw new BluelampError('NOT_PERMITTED', `You cannot ${what}.`, {
      hint: `Only a user with the ${roles.join(' or ')} role can.`,
    });
}

import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { BluelampError, badInput } from '../lib/errors.ts';
import {
  ROLES,
  type Actor,
  type Role,
  type SignInResult,
  type User,
  type UsersRepo,
} from './api.ts';
import { appendAudit } from './audit.ts';
import { MINUTE_MS, type Db, type RepoContext } from './db.ts';
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { users } from './schema.ts';

/**
 * Local accounts. Sign-in throttling: MAX_FAILURES failed attempts within FAILURE_WINDOW_MS
 * lock the account for LOCK_MS (a correct password is refused too while locked); a success
 * resets the count. Every attempt is audited; a failed one for an email nobody has is recorded
 * as subject 'unknown', never with the email typed.
 */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * MINUTE_MS;
export const LOCK_MS = 15 * MINUTE_MS;

const Email = z.string().trim().toLowerCase().pipe(z.email());
const RoleSchema = z.enum(ROLES);

type Row = typeof users.$inferSelect;

export const subjectOf = (id: number | string) => `user:${id}`;

export function toUser(r: Row): User {
  return {
    id: String(r.id),
    email: r.email,
    displayName: r.displayName,
    role: r.role as Role,
    lpas: [...r.lpas],
    disabled: r.disabled,
    createdAt: r.createdAt,
  };
}

export function normaliseEmail(email: string): string {
  const parsed = Email.safeParse(email);
  if (!parsed.success)
    throw badInput(`Enter an email address in the correct format, like name@example.org.`);
  return parsed.data;
}

function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw badInput(`The password must be ${MIN_PASSWORD_LENGTH} characters or more.`);
}

function checkRole(role: string): Role {
  const parsed = RoleSchema.safeParse(role);
  if (!parsed.success) throw badInput(`Unknown role "${role}".`, `Roles: ${ROLES.join(', ')}.`);
  return parsed.data;
}

const cleanLpas = (lpas: readonly string[] = []) => [
  ...new Set(lpas.map((l) => l.trim()).filter((l) => l !== '')),
];

async function rowByEmail(db: Db, email: string): Promise<Row | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

async function mustExist(db: Db, email: string): Promise<Row> {
  const row = await rowByEmail(db, email);
  if (!row)
    throw new BluelampError('UNKNOWN_USER', 'There is no user with that email address.', {
      hint: 'See `bluelamp users list`.',
    });
  return row;
}

export function usersRepo({ db, clock }: RepoContext): UsersRepo {
  /** Counts a failure atomically (two attempts at once both count); the count so far. */
  async function countFailure(id: number, now: Date): Promise<number> {
    const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString();
    const fresh = sql`(${users.firstFailedAt} is null or ${users.firstFailedAt} <= ${windowStart}::timestamptz)`;
    const [r] = await db
      .update(users)
      .set({
        failedCount: sql`case when ${fresh} then 1 else ${users.failedCount} + 1 end`,
        firstFailedAt: sql`case when ${fresh} then ${now.toISOString()}::timestamptz else ${users.firstFailedAt} end`,
      })
      .where(eq(users.id, id))
      .returning({ n: users.failedCount });
    return r?.n ?? 0;
  }

  async function failed(
    row: Row | null,
    reason: 'bad_credentials' | 'locked' | 'disabled',
    via: Actor['via'],
  ) {
    await appendAudit(
      db,
      clock.now(),
      {
        action: 'sign_in_failed',
        subject: row ? subjectOf(row.id) : 'unknown',
        details: { reason },
      },
      { userId: null, via },
    );
    return { ok: false, reason } as const;
  }

  return {
    async add(input, actor) {
      const email = normaliseEmail(input.email);
      const role = checkRole(input.role);
      checkPassword(input.password);
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (tx) => {
        if (await rowByEmail(tx, email))
          throw new BluelampError('USER_EXISTS', 'A user with that email address already exists.');
        const lpas = cleanLpas(input.lpas);
        const [row] = await tx
          .insert(users)
          .values({
            email,
            displayName: input.displayName?.trim() || email.split('@')[0] || email,
            role,
            lpas,
            passwordHash,
            createdAt: clock.now(),
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await appendAudit(
          tx,
          clock.now(),
          {
            action: 'user_added',
            subject: subjectOf(row.id),
            details: { role, lpas: lpas.length },
          },
          actor,
        );
        return toUser(row);
      });
    },

    async list() {
      return (await db.select().from(users).orderBy(asc(users.email))).map(toUser);
    },

    async byId(id) {
      if (!/^\d+$/.test(id)) return null;
      const [row] = await db
        .select()
        .from(users)
        .where(eq(users.id, Number(id)));
      return row ? toUser(row) : null;
    },

    async byEmail(email) {
      const row = await rowByEmail(db, email);
      return row ? toUser(row) : null;
    },

    async setDisabled(email, disabled, actor) {
      return db.transaction(async (tx) => {
        const row = await mustExist(tx, email);
        const [updated] = await tx
          .update(users)
          .set({ disabled })
          .where(eq(users.id, row.id))
          .returning();
        await appendAudit(
          tx,
          clock.now(),
          {
            action: disabled ? 'user_disabled' : 'user_enabled',
            subject: subjectOf(row.id),
            details: {},
          },
          actor,
        );
        return toUser(updated ?? row);
      });
    },

    async setRole(email, role, lpas, actor) {
      const checked = checkRole(role);
      return db.transaction(async (tx) => {
        const row = await mustExist(tx, email);
        const clean = cleanLpas(lpas);
        const [updated] = await tx
          .update(users)
          .set({ role: checked, lpas: clean })
          .where(eq(users.id, row.id))
          .returning();
        await appendAudit(
          tx,
          clock.now(),
          {
            action: 'user_role_set',
            subject: subjectOf(row.id),
            details: { role: checked, previousRole: row.role, lpas: clean.length },
          },
          actor,
        );
        return toUser(updated ?? row);
      });
    },

    async setPassword(email, password, actor) {
      checkPassword(password);
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const row = await mustExist(tx, email);
        await tx
          .update(users)
          .set({ passwordHash, failedCount: 0, firstFailedAt: null, lockedUntil: null })
          .where(eq(users.id, row.id));
        await appendAudit(
          tx,
          clock.now(),
          { action: 'password_set', subject: subjectOf(row.id), details: {} },
          actor,
        );
      });
    },

    async signIn(email, password, via): Promise<SignInResult> {
      const row = await rowByEmail(db, email);
      // The scrypt is paid whatever the outcome, so timing tells nothing of which it was.
      const good = await verifyPassword(row?.passwordHash ?? (await dummyHash()), password);
      if (!row) return failed(null, 'bad_credentials', via);
      const now = clock.now();
      if (row.lockedUntil && row.lockedUntil.getTime() > now.getTime())
        return failed(row, 'locked', via);
      if (!good) {
        const n = await countFailure(row.id, now);
        if (n < MAX_FAILURES) return failed(row, 'bad_credentials', via);
        await db
          .update(users)
          .set({
            lockedUntil: new Date(now.getTime() + LOCK_MS),
            failedCount: 0,
            firstFailedAt: null,
          })
          .where(eq(users.id, row.id));
        await appendAudit(
          db,
          now,
          {
            action: 'account_locked',
            subject: subjectOf(row.id),
            details: { failures: n, minutes: LOCK_MS / MINUTE_MS },
          },
          { userId: null, via: 'system' },
        );
        return failed(row, 'locked', via);
      }
      if (row.disabled) return failed(row, 'disabled', via);
      await db
        .update(users)
        .set({ failedCount: 0, firstFailedAt: null, lockedUntil: null })
        .where(eq(users.id, row.id));
      await appendAudit(
        db,
        now,
        { action: 'sign_in', subject: subjectOf(row.id), details: {} },
        {
          userId: String(row.id),
          via,
        },
      );
      return { ok: true, user: toUser(row) };
    },
  };
}

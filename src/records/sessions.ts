import { createHash } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Session, SessionsRepo } from './api.ts';
import { HOUR_MS, newSecret, sha256Hex, type RepoContext } from './db.ts';
import { sessions, users } from './schema.ts';
import { toUser } from './users.ts';

/**
 * Sign-in sessions. The cookie carries a random id; only its sha256 is stored, so a copy of the
 * database lets no one in. A session ends SESSION_ABSOLUTE_MS after sign-in whatever happens,
 * or SESSION_IDLE_MS after it was last used, or when revoked or its user disabled.
 */
export const SESSION_ABSOLUTE_MS = 12 * HOUR_MS;
export const SESSION_IDLE_MS = 2 * HOUR_MS;

/**
 * The session's CSRF token, derived from its secret id (so nothing more is stored, and the
 * database does not hold it): a different hash of the id, useless without the cookie.
 */
const csrfOf = (id: string) =>
  createHash('sha256').update('bluelamp-csrf\0').update(id).digest('base64url');

const expiresAt = (createdAt: Date, lastSeenAt: Date) =>
  new Date(
    Math.min(createdAt.getTime() + SESSION_ABSOLUTE_MS, lastSeenAt.getTime() + SESSION_IDLE_MS),
  );

export function sessionsRepo({ db, clock }: RepoContext): SessionsRepo {
  return {
    async create(userId) {
      const now = clock.now();
      const [row] = await db
        .select()
        .from(users)
        .where(eq(users.id, Number(userId)));
      if (!row) throw new Error(`no user ${userId} for a session`);
      // Sessions past their absolute expiry are of no further use: removed as new ones come.
      await db
        .delete(sessions)
        .where(lt(sessions.createdAt, new Date(now.getTime() - SESSION_ABSOLUTE_MS)));
      const id = newSecret();
      await db
        .insert(sessions)
        .values({ idHash: sha256Hex(id), userId: row.id, createdAt: now, lastSeenAt: now });
      return {
        id,
        user: toUser(row),
        csrfToken: csrfOf(id),
        createdAt: now,
        expiresAt: expiresAt(now, now),
      };
    },

    async get(id): Promise<Session | null> {
      const [r] = await db
        .select({ s: sessions, u: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.idHash, sha256Hex(id)), isNull(sessions.revokedAt)));
      if (!r || r.u.disabled) return null;
      const ends = expiresAt(r.s.createdAt, r.s.lastSeenAt);
      if (clock.now().getTime() >= ends.getTime()) return null;
      return {
        id,
        user: toUser(r.u),
        csrfToken: csrfOf(id),
        createdAt: r.s.createdAt,
        expiresAt: ends,
      };
    },

    async touch(id) {
      // Only a live session is extended: one idle or past its absolute end stays ended.
      if (!(await this.get(id))) return;
      await db
        .update(sessions)
        .set({ lastSeenAt: clock.now() })
        .where(eq(sessions.idHash, sha256Hex(id)));
    },

    async revoke(id) {
      await db
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(eq(sessions.idHash, sha256Hex(id)));
    },

    async revokeAllFor(userId) {
      await db
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(and(eq(sessions.userId, Number(userId)), isNull(sessions.revokedAt)));
    },
  };
}

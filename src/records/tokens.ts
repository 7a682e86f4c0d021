import { and, asc, eq, isNull } from 'drizzle-orm';
import { BluelampError } from '../lib/errors.ts';
import type { ApiToken, TokensRepo } from './api.ts';
import { appendAudit } from './audit.ts';
import { newSecret, sha256Hex, type RepoContext } from './db.ts';
import { apiTokens, users } from './schema.ts';
import { normaliseEmail, subjectOf, toUser } from './users.ts';

/**
 * Bearer tokens for the JSON API. The secret (`blt_` + 256 random bits) is shown once, when
 * made; only its sha256 is stored. A token works while it is not revoked and its user enabled.
 */
export const TOKEN_PREFIX = 'blt_';

type Row = typeof apiTokens.$inferSelect;

const toToken = (r: Row): ApiToken => ({
  id: String(r.id),
  userId: String(r.userId),
  label: r.label,
  createdAt: r.createdAt,
  revokedAt: r.revokedAt,
});

export function tokensRepo({ db, clock }: RepoContext): TokensRepo {
  const userRow = async (email: string) => {
    const [u] = await db
      .select()
      .from(users)
      .where(eq(users.email, normaliseEmail(email)));
    if (!u)
      throw new BluelampError('UNKNOWN_USER', 'There is no user with that email address.', {
        hint: 'See `bluelamp users list`.',
      });
    return u;
  };

  return {
    async create(email, label, actor) {
      const u = await userRow(email);
      const secret = `${TOKEN_PREFIX}${newSecret()}`;
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(apiTokens)
          .values({
            userId: u.id,
            label: label.trim(),
            secretHash: sha256Hex(secret),
            createdAt: clock.now(),
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await appendAudit(
          tx,
          clock.now(),
          {
            action: 'token_created',
            subject: `token:${row.id}`,
            details: { user: subjectOf(u.id) },
          },
          actor,
        );
        return { token: toToken(row), secret };
      });
    },

    async verify(secret) {
      if (!secret.startsWith(TOKEN_PREFIX)) return null;
      const [r] = await db
        .select({ u: users })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(and(eq(apiTokens.secretHash, sha256Hex(secret)), isNull(apiTokens.revokedAt)));
      return r && !r.u.disabled ? toUser(r.u) : null;
    },

    async list(email) {
      const where =
        email === undefined ? undefined : eq(apiTokens.userId, (await userRow(email)).id);
      return (await db.select().from(apiTokens).where(where).orderBy(asc(apiTokens.id))).map(
        toToken,
      );
    },

    async revoke(id, actor) {
      await db.transaction(async (tx) => {
        const [row] = /^\d+$/.test(id)
          ? await tx
              .update(apiTokens)
              .set({ revokedAt: clock.now() })
              .where(and(eq(apiTokens.id, Number(id)), isNull(apiTokens.revokedAt)))
              .returning()
          : [];
        if (!row)
          throw new BluelampError('UNKNOWN_TOKEN', `There is no live token with id ${id}.`, {
            hint: 'See `bluelamp tokens list`.',
          });
        await appendAudit(
          tx,
          clock.now(),
          {
            action: 'token_revoked',
            subject: `token:${row.id}`,
            details: { user: subjectOf(row.userId) },
          },
          actor,
        );
      });
    },
  };
}

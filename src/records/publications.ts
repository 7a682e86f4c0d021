import { and, desc, eq } from 'drizzle-orm';
import type { Publication, PublicationsRepo } from './api.ts';
import { appendAudit } from './audit.ts';
import type { RepoContext } from './db.ts';
import { publications } from './schema.ts';

/**
 * Report editions published from the service: the file (relative to the data directory), its
 * size and sha256, and whether it may appear on the public site (public editions only).
 */
type Row = typeof publications.$inferSelect;

const toPublication = (r: Row): Publication => ({
  id: String(r.id),
  period: r.period,
  edition: r.edition as Publication['edition'],
  format: r.format as Publication['format'],
  bytes: r.bytes,
  sha256: r.sha256,
  path: r.path,
  publishedAt: r.publishedAt,
  publishedBy: r.publishedBy === null ? null : String(r.publishedBy),
  public: r.public,
});

export function publicationsRepo({ db, clock }: RepoContext): PublicationsRepo {
  return {
    async add(p, actor) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(publications)
          .values({
            ...p,
            // Only a public edition can be public, whatever the caller says.
            public: p.public && p.edition === 'public',
            publishedAt: now,
            publishedBy: actor.userId === null ? null : Number(actor.userId),
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await appendAudit(
          tx,
          now,
          {
            action: 'publication_added',
            subject: `publication:${row.id}`,
            details: { period: p.period, edition: p.edition, format: p.format, public: row.public },
          },
          actor,
        );
        return toPublication(row);
      });
    },

    async list(opts = {}) {
      const where = opts.publicOnly
        ? and(eq(publications.public, true), eq(publications.edition, 'public'))
        : undefined;
      const rows = await db
        .select()
        .from(publications)
        .where(where)
        .orderBy(desc(publications.publishedAt), desc(publications.id));
      return rows.map(toPublication);
    },

    async byId(id) {
      if (!/^\d+$/.test(id)) return null;
      const [row] = await db
        .select()
        .from(publications)
        .where(eq(publications.id, Number(id)));
      return row ? toPublication(row) : null;
    },
  };
}

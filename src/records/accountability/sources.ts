import { desc, eq } from 'drizzle-orm';
import type { RepoContext } from '../db.ts';
import { appendAudit } from '../audit.ts';
import { findingSources } from '../schema.ts';
import { dayNumber } from './clock.ts';
import { actingAs, idNumber, parse, requireRole } from './shared.ts';
import {
  FindingSourceInput,
  type FindingSource,
  type FindingSourcesRepo,
  REPORT_KINDS,
  SOURCE_KINDS,
  PEEL_GRADES,
} from './types.ts';

/** Where findings come from: inspections (HMICFRS), IOPC learning, PFD reports, audits. */
type Row = typeof findingSources.$inferSelect;

export const toSource = (r: Row): FindingSource => ({
  id: String(r.id),
  kind: r.kind as (typeof SOURCE_KINDS)[number],
  title: r.title,
  reportKind: r.reportKind as (typeof REPORT_KINDS)[number] | null,
  publishedOn: r.publishedOn,
  url: r.url,
  peelGrades: r.peelGrades as Record<string, (typeof PEEL_GRADES)[number]> | null,
  createdAt: r.createdAt,
});

export function findingSourcesRepo({ db, clock }: RepoContext): FindingSourcesRepo {
  return {
    async add(input, actor) {
      const s = parse(FindingSourceInput, input);
      dayNumber(s.publishedOn); // a date that exists
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), ['admin', 'oversight'], 'record a report');
        const [row] = await tx
          .insert(findingSources)
          .values({ ...s, createdAt: clock.now() })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await appendAudit(
          tx,
          clock.now(),
          {
            action: 'finding_source_added',
            subject: `finding_source:${row.id}`,
            details: { kind: row.kind, publishedOn: row.publishedOn },
          },
          actor,
        );
        return toSource(row);
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(findingSources).where(eq(findingSources.id, n));
      return row ? toSource(row) : null;
    },

    async list() {
      const rows = await db
        .select()
        .from(findingSources)
        .orderBy(desc(findingSources.publishedOn), desc(findingSources.id));
      return rows.map(toSource);
    },
  };
}

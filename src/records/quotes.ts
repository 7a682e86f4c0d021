import { asc } from 'drizzle-orm';
import type { QuoteDecisionRecord, QuotesRepo } from './api.ts';
import { appendAudit } from './audit.ts';
import type { Db, RepoContext } from './db.ts';
import { quoteDecisions } from './schema.ts';

/**
 * Decisions on candidate quotes, one row per quote; a later decision replaces the earlier.
 * An approval keeps the redacted text approved; a rejection keeps none.
 */
export async function putDecision(db: Db, quoteId: string, d: QuoteDecisionRecord): Promise<void> {
  const row = {
    status: d.status,
    by: d.by,
    at: d.at,
    reason: d.reason ?? null,
    survey: d.survey,
    question: d.question,
    month: d.month,
    text: d.status === 'approved' ? (d.text ?? null) : null,
  };
  await db
    .insert(quoteDecisions)
    .values({ quoteId, ...row })
    .onConflictDoUpdate({ target: quoteDecisions.quoteId, set: row });
}

export function quotesRepo({ db, clock }: RepoContext): QuotesRepo {
  return {
    async decisions() {
      const rows = await db.select().from(quoteDecisions).orderBy(asc(quoteDecisions.quoteId));
      return Object.fromEntries(
        rows.map((r) => [
          r.quoteId,
          {
            status: r.status as QuoteDecisionRecord['status'],
            by: r.by,
            at: r.at,
            ...(r.reason === null ? {} : { reason: r.reason }),
            survey: r.survey,
            question: r.question,
            month: r.month,
            ...(r.text === null ? {} : { text: r.text }),
          },
        ]),
      );
    },

    async decide(quoteId, d, actor) {
      await db.transaction(async (tx) => {
        await putDecision(tx, quoteId, d);
        await appendAudit(
          tx,
          clock.now(),
          {
            action: d.status === 'approved' ? 'quote_approved' : 'quote_rejected',
            subject: `quote:${quoteId}`,
            details: { survey: d.survey, month: d.month },
          },
          actor,
        );
      });
    },
  };
}

import { parsePeriod } from '../measures/period.ts';
import type { Actor, QuoteDecisionRecord, Records } from '../records/api.ts';
import { redactText } from '../voice/redact.ts';
import type { CandidateQuote } from '../voice/quotes.ts';

/**
 * The analyst's decisions on candidate quotes, kept in the records store (`records.quotes`; the
 * data directory's `quotes.json` of earlier versions is moved in once at open): quote id →
 * approved or rejected, by whom and when, each decision audited. An approval stores the redacted text the
 * analyst read, so a report prints exactly what was approved and nothing else; a later
 * decision on the same quote replaces the earlier one.
 */
export type QuoteDecision = QuoteDecisionRecord;

/** The file they were kept in, moved into the records store at open. */
export const QUOTES_FILE = 'quotes.json';

export interface ApprovedQuote {
  readonly id: string;
  readonly survey: string;
  readonly question: string;
  readonly month: string;
  /** Redacted. */
  readonly text: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
}

/** `records` null: a store not made yet (or unreadable here), which holds no decisions. */
export async function quoteDecisions(
  records: Records | null,
): Promise<Record<string, QuoteDecision>> {
  return records ? records.quotes.decisions() : {};
}

/** Records a decision on a candidate. */
export async function decideQuote(
  records: Records,
  quote: CandidateQuote,
  d: { status: 'approved' | 'rejected'; by: string; now: Date; reason?: string },
  actor: Actor,
): Promise<void> {
  await records.quotes.decide(
    quote.id,
    {
      status: d.status,
      by: d.by,
      at: d.now.toISOString(),
      ...(d.reason ? { reason: d.reason } : {}),
      survey: quote.survey,
      question: quote.question,
      month: quote.month,
      ...(d.status === 'approved' ? { text: quote.text } : {}),
    },
    actor,
  );
}

/**
 * The approved quotes of a period (interviews in its months), optionally of one survey, oldest
 * first. The text is redacted again on the way out: a file edited by hand, or an approval
 * made before the redaction learnt a new form, still prints nothing it would now remove.
 */
export async function approvedQuotes(
  records: Records | null,
  period: string,
  opts: { survey?: string } = {},
): Promise<ApprovedQuote[]> {
  const months = new Set(parsePeriod(period).months);
  return Object.entries(await quoteDecisions(records))
    .filter(
      ([, d]) =>
        d.status === 'approved' &&
        d.text !== undefined &&
        months.has(d.month) &&
        (opts.survey === undefined || d.survey === opts.survey),
    )
    .map(([id, d]) => ({
      id,
      survey: d.survey,
      question: d.question,
      month: d.month,
      text: redactText(d.text ?? ''),
      approvedBy: d.by,
      approvedAt: d.at,
    }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.id.localeCompare(b.id));
}

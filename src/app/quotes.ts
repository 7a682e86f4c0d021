import { z } from 'zod';
import { parsePeriod } from '../measures/period.ts';
import { redactText } from '../voice/redact.ts';
import type { CandidateQuote } from '../voice/quotes.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/**
 * The analyst's decisions on candidate quotes, kept in the data directory as `quotes.json`:
 * quote id → approved or rejected, by whom and when. An approval stores the redacted text the
 * analyst read, so a report prints exactly what was approved and nothing else; a later
 * decision on the same quote replaces the earlier one.
 */
const Decision = z.strictObject({
  status: z.enum(['approved', 'rejected']),
  by: z.string().min(1),
  at: z.string(),
  reason: z.string().optional(),
  survey: z.string(),
  question: z.string(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  /** The redacted text as approved (absent for a rejection: rejected text is not kept). */
  text: z.string().optional(),
});
const File = z.strictObject({ decisions: z.record(z.string(), Decision) });
export type QuoteDecision = z.infer<typeof Decision>;

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

const read = (dataDir: string) =>
  readJsonFile(dataDir, QUOTES_FILE, File, { decisions: {} }, 'quote decisions');

export function quoteDecisions(dataDir: string): Record<string, QuoteDecision> {
  return read(dataDir).decisions;
}

/** Records a decision on a candidate. The caller holds the data-directory lock. */
export function decideQuote(
  dataDir: string,
  quote: CandidateQuote,
  d: { status: 'approved' | 'rejected'; by: string; now: Date; reason?: string },
): void {
  const file = read(dataDir);
  file.decisions[quote.id] = {
    status: d.status,
    by: d.by,
    at: d.now.toISOString(),
    ...(d.reason ? { reason: d.reason } : {}),
    survey: quote.survey,
    question: quote.question,
    month: quote.month,
    ...(d.status === 'approved' ? { text: quote.text } : {}),
  };
  writeJsonFile(dataDir, QUOTES_FILE, file);
}

/**
 * The approved quotes of a period (interviews in its months), optionally of one survey, oldest
 * first. The text is redacted again on the way out: a file edited by hand, or an approval
 * made before the redaction learnt a new form, still prints nothing it would now remove.
 */
export function approvedQuotes(
  dataDir: string,
  period: string,
  opts: { survey?: string } = {},
): ApprovedQuote[] {
  const months = new Set(parsePeriod(period).months);
  return Object.entries(read(dataDir).decisions)
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

import type { FactsStore } from '../facts/store.ts';
import { financialYearOf, monthIndex } from '../measures/period.ts';
import { candidateQuotes, type CandidateQuote } from '../voice/quotes.ts';
import type { ThemeFramework } from './framework.ts';
import { matchesOf } from './match.ts';
import { readText } from './reading.ts';
import { sentimentOf, type Sentiment } from './sentiment.ts';

/**
 * A period's free-text survey answers, read for themes and sentiment. They come from the quote
 * candidates (src/voice/quotes.ts), so every one is redacted (with the store's staff names)
 * before it is read, and the id is the quote id the approval flow takes. The original text is
 * never held here.
 */

export interface ReadComment {
  /** The quote id, RESPONSE_ID:QUESTION. */
  readonly id: string;
  readonly survey: string;
  readonly question: string;
  /** "YYYY-MM" of the interview. */
  readonly month: string;
  /** Financial quarter, "2021/22-Q1". */
  readonly quarter: string;
  readonly lpa: string | null;
  /** Redacted. */
  readonly text: string;
  /** Theme ids, in the framework's order; empty when none matched. */
  readonly themes: readonly string[];
  /** Theme id → the phrases that matched (why the comment carries the theme). */
  readonly matched: Readonly<Record<string, readonly string[]>>;
  readonly sentiment: Sentiment;
}

export function quarterOf(month: string): string {
  const fy = financialYearOf(month);
  const q = Math.floor((monthIndex(month) - monthIndex(`${fy.slice(0, 4)}-04`)) / 3) + 1;
  return `${fy}-Q${q}`;
}

/** Reads one comment whose text is already redacted (the caller's duty; commentsOf does it). */
export function readComment(
  c: Pick<CandidateQuote, 'id' | 'survey' | 'question' | 'month' | 'lpa' | 'text'>,
  framework: ThemeFramework,
): ReadComment {
  const reading = readText(c.text);
  const matched: Record<string, string[]> = {};
  for (const t of framework.themes) {
    const hits = t.phrases.filter((p) => matchesOf(reading, p).length > 0).map((p) => p.phrase);
    if (hits.length > 0) matched[t.id] = hits;
  }
  return {
    id: c.id,
    survey: c.survey,
    question: c.question,
    month: c.month,
    quarter: quarterOf(c.month),
    lpa: c.lpa,
    text: c.text,
    themes: framework.themes.filter((t) => matched[t.id]).map((t) => t.id),
    matched,
    sentiment: sentimentOf(reading, framework.cues),
  };
}

/** Newest first: by month, then by response id (later interviews have later ids), then question. */
export const newestFirst = (a: ReadComment, b: ReadComment): number =>
  b.month.localeCompare(a.month) || b.id.localeCompare(a.id);

/** The period's comments ([start, end) London dates), redacted and read, newest first. */
export async function commentsOf(
  store: FactsStore,
  q: { start: string; end: string; survey?: string },
  framework: ThemeFramework,
): Promise<ReadComment[]> {
  const candidates = await candidateQuotes(store, {
    start: q.start,
    end: q.end,
    ...(q.survey === undefined ? {} : { survey: q.survey }),
  });
  return candidates.map((c) => readComment(c, framework)).sort(newestFirst);
}

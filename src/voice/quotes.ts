import { freeTextAnswers, type FreeTextAnswer } from '../facts/free-text.ts';
import { staffNames } from '../facts/staff-names.ts';
import type { FactsStore } from '../facts/store.ts';
import { BluelampError } from '../lib/errors.ts';
import { redact, staffGazetteer, type RedactionKind, type StaffGazetteer } from './redact.ts';

/**
 * Candidate quotes: free-text survey answers, redacted before anyone reads them (with the
 * force's staff names from the store's `staff_names` as the gazetteer). The analyst
 * approves or rejects each (stored by src/app/quotes.ts); only approved, redacted text reaches a
 * report. A quote's id is its response id and question ("S-0001234:went_well"), stable across
 * re-imports of the same batch.
 */

/** Questions whose answers are free text (the import format's survey_responses; docs/data-format.md). */
export const FREE_TEXT_QUESTIONS = ['went_well', 'could_be_better', 'sms_comment'] as const;

export interface CandidateQuote {
  readonly id: string;
  readonly survey: string;
  readonly question: string;
  readonly month: string;
  readonly lpa: string | null;
  /** Redacted. The original is never returned. */
  readonly text: string;
  readonly redactions: Partial<Record<RedactionKind, number>>;
}

export const quoteId = (responseId: string, question: string) => `${responseId}:${question}`;

const ID = /^(?<response>[^:\s]+):(?<question>[a-z0-9_]+)$/;

export function parseQuoteId(id: string): { responseId: string; question: string } {
  const m = ID.exec(id.trim());
  if (!m?.groups)
    throw new BluelampError('BAD_INPUT', `"${id}" is not a quote id.`, {
      hint: 'A quote id is RESPONSE_ID:QUESTION, e.g. S-0001234:went_well, as `bluelamp quotes list` shows.',
    });
  return { responseId: m.groups.response as string, question: m.groups.question as string };
}

/** The force's staff names from the facts store, for the redaction (src/voice/staff.ts). */
export async function storeGazetteer(store: FactsStore): Promise<StaffGazetteer> {
  return staffGazetteer(await staffNames(store));
}

function toCandidate(a: FreeTextAnswer, staff: StaffGazetteer): CandidateQuote {
  const r = redact(a.answer.trim(), { staff });
  return {
    id: quoteId(a.responseId, a.question),
    survey: a.survey,
    question: a.question,
    month: a.month,
    lpa: a.lpa,
    text: r.text,
    redactions: r.counts,
  };
}

/** Short answers carry no voice ("Nothing", "n/a"): left out of the candidates. */
const TOO_SHORT = 3;
const EMPTY_ANSWERS = /^(?:nothing(?: really)?|none|no|n\/?a|nothing,? it was fine|-+|\.+)$/i;

export async function candidateQuotes(
  store: FactsStore,
  opts: { start: string; end: string; survey?: string },
): Promise<CandidateQuote[]> {
  const rows = await freeTextAnswers(store, {
    questions: FREE_TEXT_QUESTIONS,
    start: opts.start,
    end: opts.end,
    ...(opts.survey === undefined ? {} : { survey: opts.survey }),
  });
  const staff = await storeGazetteer(store);
  return rows
    .filter((a) => a.answer.trim().length >= TOO_SHORT && !EMPTY_ANSWERS.test(a.answer.trim()))
    .map((a) => toCandidate(a, staff));
}

/** One candidate by id (any period), or null when the store has no such free-text answer. */
export async function findQuote(store: FactsStore, id: string): Promise<CandidateQuote | null> {
  const { responseId, question } = parseQuoteId(id);
  if (!(FREE_TEXT_QUESTIONS as readonly string[]).includes(question)) return null;
  const [row] = await freeTextAnswers(store, { questions: [question], responseId });
  return row ? toCandidate(row, await storeGazetteer(store)) : null;
}

import type { FactsStore } from './store.ts';

/**
 * Free-text survey answers as stored, for the quote workflow (src/voice/quotes.ts redacts them
 * before anyone sees them). Every user value is a bound parameter.
 */
export interface FreeTextAnswer {
  readonly responseId: string;
  readonly survey: string;
  readonly question: string;
  readonly answer: string;
  /** "YYYY-MM" of the interview. */
  readonly month: string;
  readonly lpa: string | null;
}

export interface FreeTextFilter {
  readonly questions: readonly string[];
  /** [start, end) as "YYYY-MM-DD" London dates. */
  readonly start?: string;
  readonly end?: string;
  readonly survey?: string;
  readonly responseId?: string;
}

type Raw = {
  response_id: string;
  survey: string;
  question: string;
  answer: string;
  month: string;
  lpa: string | null;
};

export async function freeTextAnswers(
  store: FactsStore,
  f: FreeTextFilter,
): Promise<FreeTextAnswer[]> {
  if (f.questions.length === 0) return [];
  const params: Record<string, string> = {};
  const bind = (v: string) => {
    const name = `p${Object.keys(params).length + 1}`;
    params[name] = v;
    return `$${name}`;
  };
  const where = [
    `question IN (${f.questions.map(bind).join(', ')})`,
    `trim(coalesce(answer, '')) <> ''`,
  ];
  if (f.start) where.push(`interviewed_at >= CAST(${bind(f.start)} AS TIMESTAMP)`);
  if (f.end) where.push(`interviewed_at < CAST(${bind(f.end)} AS TIMESTAMP)`);
  if (f.survey) where.push(`survey = ${bind(f.survey)}`);
  if (f.responseId) where.push(`response_id = ${bind(f.responseId)}`);
  const rows = await store.all<Raw>(
    `SELECT response_id, CAST(survey AS VARCHAR) AS survey, question, answer,
  strftime(interviewed_at, '%Y-%m') AS month, lpa
FROM survey_responses WHERE ${where.join(' AND ')}
ORDER BY interviewed_at, response_id, question`,
    params,
  );
  return rows.map((r) => ({
    responseId: r.response_id,
    survey: r.survey,
    question: r.question,
    answer: r.answer,
    month: r.month,
    lpa: r.lpa,
  }));
}

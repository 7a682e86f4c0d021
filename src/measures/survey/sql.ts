/**
 * The survey explorer's SQL: three statements over `survey_responses`, `survey_sends` and
 * `crimes`. Only our own identifiers and the question ids declared in questions.ts are spliced
 * into the text, and those as bound parameters too; the survey, the period and the areas are
 * always parameters.
 */
import type { FactsStore } from '../../facts/store.ts';
import { Params, type CompiledQuery } from '../compile/params.ts';
import { DEMOGRAPHIC_QUESTIONS, SEND_QUESTION, type Survey } from './questions.ts';

export interface ExploreScope {
  readonly survey: Survey;
  /** [start, end) as "YYYY-MM-DD" London dates. */
  readonly start: string;
  readonly end: string;
  /** Only these local policing areas (a scoped user's); null = the whole force. */
  readonly lpas: readonly string[] | null;
}

/** One response in the period, with everything it can be segmented by. */
export interface ResponseRow {
  readonly response_id: string;
  /** The `send_id` answer, if any, and whether that send exists (for the same survey). */
  readonly send_id: string | null;
  readonly send_found: boolean;
  readonly lpa: string | null;
  readonly neighbourhood: string | null;
  readonly incident_type: string | null;
  readonly sex: string | null;
  readonly age_band: string | null;
  readonly ethnicity: string | null;
  readonly disability: string | null;
  readonly team: string | null;
  readonly staff_id: string | null;
  /** ISO day of the week, 1 = Monday … 7 = Sunday. */
  readonly day_of_week: number;
  readonly hour: number;
  readonly free_text: boolean;
}

export interface AnswerRow {
  readonly response_id: string;
  readonly question: string;
  readonly answer: string | null;
}

export interface SendCounts {
  /** Sends of the survey in the period (in scope). */
  readonly sent: number;
  /** Of those, sends some response names (answered at any time). */
  readonly responded: number;
  /** Sends of the survey ever recorded: 0 means the survey has no sends at all. */
  readonly ever: number;
}

const bindList = (p: Params, values: readonly string[]) => values.map((v) => p.bind(v)).join(', ');

function rangeOf(p: Params, s: ExploreScope) {
  return {
    survey: p.bind(s.survey),
    lo: p.bind(s.start),
    hi: p.bind(s.end),
  };
}

/** One row per response interviewed in the period: its segments and whether it left free text. */
export function responsesQuery(s: ExploreScope, freeText: readonly string[]): CompiledQuery {
  const p = new Params();
  const r = rangeOf(p, s);
  const pick = (question: string) =>
    `max(CASE WHEN question = ${p.bind(question)} THEN nullif(trim(answer), '') END)`;
  const free =
    freeText.length > 0
      ? `bool_or(question IN (${bindList(p, freeText)}) AND trim(coalesce(answer, '')) <> '')`
      : 'false';
  const sendId = pick(SEND_QUESTION);
  const demographics = Object.entries(DEMOGRAPHIC_QUESTIONS)
    .map(([field, question]) => `${pick(question)} AS ${field}`)
    .join(',\n    ');
  const scope = s.lpas ? `WHERE coalesce(r.lpa, x.lpa) IN (${bindList(p, s.lpas)})` : '';
  const sql = `WITH r AS (
  SELECT response_id,
    min(interviewed_at) AS interviewed_at,
    max(lpa) AS lpa,
    max(neighbourhood) AS neighbourhood,
    max(crime_id) AS crime_id,
    ${sendId} AS send_id,
    ${demographics},
    ${free} AS free_text
  FROM survey_responses
  WHERE survey = ${r.survey}
    AND interviewed_at >= CAST(${r.lo} AS TIMESTAMP) AND interviewed_at < CAST(${r.hi} AS TIMESTAMP)
  GROUP BY response_id
)
SELECT r.response_id, r.send_id, x.send_id IS NOT NULL AS send_found,
  coalesce(r.lpa, x.lpa) AS lpa,
  coalesce(r.neighbourhood, x.neighbourhood) AS neighbourhood,
  coalesce(nullif(trim(x.incident_type), ''), CAST(c.offence_subgroup AS VARCHAR)) AS incident_type,
  r.sex, r.age_band, r.ethnicity, r.disability,
  nullif(trim(x.team), '') AS team, x.staff_id,
  isodow(coalesce(x.sent_at, r.interviewed_at)) AS day_of_week,
  hour(coalesce(x.sent_at, r.interviewed_at)) AS hour,
  r.free_text
FROM r
LEFT JOIN survey_sends x ON x.send_id = r.send_id AND x.survey = ${r.survey}
LEFT JOIN crimes c ON c.crime_id = coalesce(r.crime_id, x.crime_id)
${scope}
ORDER BY r.response_id`;
  return { purpose: 'survey explorer: responses', sql, params: p.values };
}

/** The answers to the survey's questions, one row per response and question. */
export function answersQuery(s: ExploreScope, questions: readonly string[]): CompiledQuery {
  const p = new Params();
  const r = rangeOf(p, s);
  const sql = `SELECT response_id, question, trim(answer) AS answer
FROM survey_responses
WHERE survey = ${r.survey}
  AND interviewed_at >= CAST(${r.lo} AS TIMESTAMP) AND interviewed_at < CAST(${r.hi} AS TIMESTAMP)
  AND question IN (${bindList(p, questions)})
ORDER BY response_id, question`;
  return { purpose: 'survey explorer: answers', sql, params: p.values };
}

/** Sends in the period and how many of them some response (of the same survey) names. */
export function sendsQuery(s: ExploreScope): CompiledQuery {
  const p = new Params();
  const r = rangeOf(p, s);
  const scope = s.lpas ? `AND x.lpa IN (${bindList(p, s.lpas)})` : '';
  const sql = `WITH linked AS (
  SELECT DISTINCT trim(answer) AS send_id FROM survey_responses
  WHERE survey = ${r.survey} AND question = ${p.bind(SEND_QUESTION)}
)
SELECT count(*) AS sent, count(l.send_id) AS responded,
  (SELECT count(*) FROM survey_sends WHERE survey = ${r.survey}) AS ever
FROM survey_sends x LEFT JOIN linked l ON l.send_id = x.send_id
WHERE x.survey = ${r.survey}
  AND x.sent_at >= CAST(${r.lo} AS TIMESTAMP) AND x.sent_at < CAST(${r.hi} AS TIMESTAMP)
  ${scope}`;
  return { purpose: 'survey explorer: sends', sql, params: p.values };
}

const n = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Runs the three statements; rows come back typed, counts as numbers. */
export async function readSurveyFacts(
  store: FactsStore,
  s: ExploreScope,
  questions: readonly string[],
  freeText: readonly string[],
): Promise<{ responses: ResponseRow[]; answers: AnswerRow[]; sends: SendCounts }> {
  const run = (q: CompiledQuery) =>
    store.all(q.sql, q.params as Record<string, string | number | boolean | null>);
  const [responses, answers, [sends]] = [
    await run(responsesQuery(s, freeText)),
    await run(answersQuery(s, questions)),
    await run(sendsQuery(s)),
  ];
  return {
    responses: responses.map((r) => ({
      response_id: String(r.response_id),
      send_id: text(r.send_id),
      send_found: r.send_found === true,
      lpa: text(r.lpa),
      neighbourhood: text(r.neighbourhood),
      incident_type: text(r.incident_type),
      sex: text(r.sex),
      age_band: text(r.age_band),
      ethnicity: text(r.ethnicity),
      disability: text(r.disability),
      team: text(r.team),
      staff_id: text(r.staff_id),
      day_of_week: n(r.day_of_week),
      hour: n(r.hour),
      free_text: r.free_text === true,
    })),
    answers: answers.map((a) => ({
      response_id: String(a.response_id),
      question: String(a.question),
      answer: text(a.answer),
    })),
    sends: { sent: n(sends?.sent), responded: n(sends?.responded), ever: n(sends?.ever) },
  };
}

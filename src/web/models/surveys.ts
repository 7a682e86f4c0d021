/**
 * The survey explorer's pages (`/surveys`, `/surveys/:survey`): the query read and checked
 * (period, fields, question), the form's choices by what the user may do, and the page model
 * from an exploration. The figures come from src/measures/survey/explore.ts, the words from
 * src/present/survey-explorer.ts; nothing here works a number out.
 */
import { isBluelampError } from '../../lib/errors.ts';
import { parsePeriod } from '../../measures/period.ts';
import type { SurveyExploration } from '../../measures/survey/explore.ts';
import {
  OPEN_FIELDS,
  SURVEY_DEFINITIONS,
  SURVEY_FIELD_NAMES,
  SURVEY_FIELDS,
  type Survey,
  type SurveyFieldName,
} from '../../measures/survey/questions.ts';
import { formatPeriodLabel } from '../../present/format.ts';
import {
  FLAG_LEGEND,
  segmentTables,
  summaryOf,
  type SegmentTable,
} from '../../present/survey-explorer.ts';
import { defaultPeriod, periodGroups, type ChoiceGroup, type DataSpan } from './filters.ts';

/** The question select's value for every question at once. */
export const ALL_QUESTIONS = 'all';
export const DEFAULT_FIELDS: readonly SurveyFieldName[] = ['lpa'];

export interface SurveyQuery {
  readonly period: string;
  readonly by: readonly SurveyFieldName[];
  /** A question id, or null for all of them. */
  readonly question: string | null;
  readonly errors: readonly { field: 'period' | 'by' | 'question'; text: string }[];
  /** Asked for a team or individual view without the capability: refused (403), not corrected. */
  readonly staffAsked: boolean;
}

const many = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v])
    .filter((x): x is string => typeof x === 'string')
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter((x) => x !== '');
const one = (v: unknown): string =>
  Array.isArray(v) ? one(v[0]) : typeof v === 'string' ? v.trim() : '';

/** The query string checked: a field or question not in the lists is the reader's to correct. */
export function readSurveyQuery(
  raw: Record<string, unknown>,
  survey: Survey,
  data: DataSpan,
  allowStaff: boolean,
): SurveyQuery {
  const errors: SurveyQuery['errors'][number][] = [];
  let period = one(raw.period) || defaultPeriod(data) || '';
  try {
    period = parsePeriod(period).label;
  } catch (e) {
    if (!isBluelampError(e)) throw e;
    errors.push({
      field: 'period',
      text: 'Enter a period like 2021/22-Q1 (a quarter), 2021-06 (a month) or 2021/22 (a year)',
    });
  }
  const asked = many(raw.by);
  const by: SurveyFieldName[] = [];
  let staffAsked = false;
  for (const f of asked) {
    if (!(SURVEY_FIELD_NAMES as readonly string[]).includes(f)) {
      errors.push({ field: 'by', text: 'Choose what to segment by from the list' });
      continue;
    }
    const name = f as SurveyFieldName;
    if (SURVEY_FIELDS[name].staff && !allowStaff) staffAsked = true;
    if (!by.includes(name)) by.push(name);
  }
  const q = one(raw.question);
  const questions = SURVEY_DEFINITIONS[survey].questions;
  let question: string | null = questions[0]!.id;
  if (q === ALL_QUESTIONS) question = null;
  else if (q !== '') {
    if (questions.some((x) => x.id === q)) question = q;
    else errors.push({ field: 'question', text: 'Choose a question from the list' });
  }
  return {
    period,
    by: asked.length === 0 ? DEFAULT_FIELDS : by,
    question,
    errors: errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i),
    staffAsked,
  };
}

/** The query string of a page (or its CSV) for this query. */
export function surveyQueryString(q: Pick<SurveyQuery, 'period' | 'by' | 'question'>): string {
  const p = new URLSearchParams({ period: q.period });
  for (const f of q.by) p.append('by', f);
  p.set('question', q.question ?? ALL_QUESTIONS);
  return `?${p.toString()}`;
}

export interface SurveyForm {
  readonly periodGroups: readonly ChoiceGroup[];
  readonly fields: readonly {
    value: string;
    text: string;
    source: string;
    checked: boolean;
  }[];
  readonly questions: readonly { value: string; text: string; selected: boolean }[];
}

export function surveyForm(
  survey: Survey,
  q: SurveyQuery,
  data: DataSpan,
  allowStaff: boolean,
): SurveyForm {
  const fields = allowStaff ? SURVEY_FIELD_NAMES : OPEN_FIELDS;
  return {
    periodGroups: periodGroups(data, q.period),
    fields: fields.map((f) => ({
      value: f,
      text: SURVEY_FIELDS[f].title,
      source: SURVEY_FIELDS[f].source,
      checked: q.by.includes(f),
    })),
    questions: [
      ...SURVEY_DEFINITIONS[survey].questions.map((x) => ({
        value: x.id,
        text: x.title,
        selected: q.question === x.id,
      })),
      { value: ALL_QUESTIONS, text: 'All questions', selected: q.question === null },
    ],
  };
}

export interface SurveyPage {
  readonly summary: readonly { label: string; value: string }[];
  readonly tables: readonly SegmentTable[];
  readonly periodText: string;
  readonly responses: number;
  readonly unknownSends: number;
  readonly legend: typeof FLAG_LEGEND;
}

export function surveyPage(r: SurveyExploration): SurveyPage {
  return {
    summary: summaryOf(r),
    tables: segmentTables(r),
    periodText: formatPeriodLabel(r.period.label),
    responses: r.responses,
    unknownSends: r.links.unknownSend,
    legend: FLAG_LEGEND,
  };
}

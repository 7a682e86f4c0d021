/**
 * The survey explorer: for one survey and period, the response rate (responses ÷ sends), the
 * shares leaving free text and giving demographics, and every question's positive share split
 * by the fields asked for, each segment tested against everyone else with the false discovery
 * rate held across the segments shown (Benjamini–Hochberg).
 *
 * `exploreSurvey` checks the request, reads the facts (sql.ts) and hands the rows to
 * `exploreRows`, which is pure: the statistics are worked on the rows, so tests can give it
 * rows worked by hand.
 */
import { z } from 'zod';
import type { FactsStore } from '../../facts/store.ts';
import { badInput, BluelampError } from '../../lib/errors.ts';
import { benjaminiHochberg } from '../../stats/benjamini-hochberg.ts';
import { twoProportionTest } from '../../stats/two-proportion.ts';
import { wilson } from '../../stats/wilson.ts';
import { parsePeriod, type Period } from '../period.ts';
import {
  isSurvey,
  isSurveyField,
  SURVEY_DEFINITIONS,
  SURVEY_FIELD_NAMES,
  SURVEY_FIELDS,
  type SurveyDefinition,
  type SurveyField,
  type SurveyFieldName,
} from './questions.ts';
import { readSurveyFacts, type AnswerRow, type ResponseRow, type SendCounts } from './sql.ts';

/** Segments with fewer respondents than this are flagged: too few to read much into. */
export const SMALL_BASE = 30;
/** The false discovery rate held across the segments shown. */
export const FALSE_DISCOVERY_RATE = 0.05;
/**
 * The public edition shows a segment only with this many respondents or more, and never
 * with 1–4 positive or 1–4 other answers (src/present/disclosure.ts: counts of 1–4 are
 * withheld, and a share beside its base gives the count back).
 */
export const PUBLIC_MIN_BASE = SMALL_BASE;

const Count = z.number().int().nonnegative();
const Share = z.number().min(0).max(1);

/** x of n with its share and 95% Wilson interval; the share and interval are null when n = 0. */
export const Proportion = z.strictObject({
  x: Count,
  n: Count,
  share: Share.nullable(),
  lower: Share.nullable(),
  upper: Share.nullable(),
});
export type Proportion = z.infer<typeof Proportion>;

export const SegmentFlag = z.enum(['small_base', 'no_comparison', 'weak_approximation']);
export type SegmentFlag = z.infer<typeof SegmentFlag>;

export const Segment = z.strictObject({
  /** The field's value (a code, an area, a staff id); null = not given or not recorded. */
  value: z.string().nullable(),
  /** Respondents in the segment who answered the question (in the base); null = withheld. */
  n: Count.nullable(),
  x: Count.nullable(),
  share: Share.nullable(),
  lower: Share.nullable(),
  upper: Share.nullable(),
  /** Everyone else who answered: their base and positive share. */
  rest: z.strictObject({ n: Count, share: Share.nullable() }).nullable(),
  /** share − the rest's share. */
  difference: z.number().nullable(),
  /** Two-sided p of the pooled two-proportion z-test against the rest, and BH-adjusted. */
  pValue: Share.nullable(),
  pAdjusted: Share.nullable(),
  /** Adjusted p at or below the false discovery rate. */
  significant: z.boolean(),
  direction: z.enum(['higher', 'lower']).nullable(),
  flags: z.array(SegmentFlag),
  /** Withheld by disclosure control (public edition only): every figure is null. */
  withheld: z.boolean(),
});
export type Segment = z.infer<typeof Segment>;

export const Breakdown = z.strictObject({
  field: z.enum(SURVEY_FIELD_NAMES as [SurveyFieldName, ...SurveyFieldName[]]),
  segments: z.array(Segment),
});
export type Breakdown = z.infer<typeof Breakdown>;

export const QuestionResult = z.strictObject({
  question: z.string(),
  title: z.string(),
  positive: z.array(z.string()),
  excluded: z.array(z.string()),
  overall: Proportion,
  /** How many segments the Benjamini–Hochberg adjustment was over. */
  tested: Count,
  breakdowns: z.array(Breakdown),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

export const SurveyExploration = z.strictObject({
  survey: z.string(),
  title: z.string(),
  period: z.strictObject({ label: z.string(), start: z.string(), end: z.string() }),
  edition: z.enum(['full', 'public']),
  fields: z.array(z.string()),
  /** The areas the figures are limited to; null = the whole force. */
  lpas: z.array(z.string()).nullable(),
  /** Responses interviewed (answered) in the period. */
  responses: Count,
  /** Sends in the period and how many were answered; null when the survey has no sends at all. */
  responseRate: Proportion.nullable(),
  /** Responses naming a send, and of those, naming one that is not in survey_sends. */
  links: z.strictObject({ withSend: Count, unknownSend: Count }),
  freeText: Proportion,
  demographics: Proportion,
  smallBase: z.number(),
  falseDiscoveryRate: z.number(),
  questions: z.array(QuestionResult),
});
export type SurveyExploration = z.infer<typeof SurveyExploration>;

export interface ExploreRequest {
  readonly survey: string;
  readonly by: readonly string[];
  readonly period: string;
  /** One question only (default: all of the survey's). */
  readonly question?: string | null;
  /** A scoped user's areas; null = the whole force. */
  readonly lpas?: readonly string[] | null;
  /** May the team and individual views be used (analysts and administrators). */
  readonly allowStaff: boolean;
  readonly edition?: 'full' | 'public';
}

export interface CheckedRequest {
  readonly definition: SurveyDefinition;
  readonly fields: readonly SurveyFieldName[];
  readonly period: Period;
  readonly questions: SurveyDefinition['questions'];
  readonly lpas: readonly string[] | null;
  readonly edition: 'full' | 'public';
}

/** Checks a request: each problem names the option and the rule. */
export function checkRequest(r: ExploreRequest): CheckedRequest {
  const survey = r.survey.trim();
  if (!isSurvey(survey))
    throw badInput(
      `Unknown survey "${survey}": the surveys are ${Object.keys(SURVEY_DEFINITIONS).join(', ')}.`,
    );
  const definition = SURVEY_DEFINITIONS[survey];
  if (r.by.length === 0)
    throw badInput(
      `Say what to segment by (--by FIELD): one or more of ${SURVEY_FIELD_NAMES.join(', ')}.`,
    );
  const fields: SurveyFieldName[] = [];
  for (const raw of r.by) {
    const f = raw.trim();
    if (!isSurveyField(f))
      throw badInput(
        `Unknown field "${f}" for --by: the fields are ${SURVEY_FIELD_NAMES.join(', ')}.`,
      );
    if (fields.includes(f)) continue;
    const spec: SurveyField = SURVEY_FIELDS[f];
    const edition = r.edition ?? 'full';
    if (spec.staff && (!r.allowStaff || edition === 'public'))
      throw new BluelampError(
        'NOT_PERMITTED',
        `Segmenting by ${spec.title.toLowerCase()} is for analysts and administrators only.`,
      );
    fields.push(f);
  }
  const period = parsePeriod(r.period);
  let questions = definition.questions;
  if (r.question) {
    const q = definition.questions.find((x) => x.id === r.question);
    if (!q)
      throw badInput(
        `Unknown question "${r.question}" for the ${survey} survey: its questions are ${definition.questions.map((x) => x.id).join(', ')}.`,
      );
    questions = [q];
  }
  return {
    definition,
    fields,
    period,
    questions,
    lpas: r.lpas && r.lpas.length > 0 ? [...r.lpas] : null,
    edition: r.edition ?? 'full',
  };
}

/** Reads the facts and explores them. */
export async function exploreSurvey(
  store: FactsStore,
  request: ExploreRequest,
): Promise<SurveyExploration> {
  const c = checkRequest(request);
  const facts = await readSurveyFacts(
    store,
    {
      survey: c.definition.survey,
      start: c.period.start,
      end: c.period.end,
      lpas: c.lpas,
    },
    c.questions.map((q) => q.id),
    c.definition.freeText,
  );
  return exploreRows(c, facts);
}

export function proportion(x: number, n: number): Proportion {
  const w = wilson(x, n);
  return { x, n, share: w?.p ?? null, lower: w?.lower ?? null, upper: w?.upper ?? null };
}

function valueOf(r: ResponseRow, f: SurveyFieldName): string | null {
  switch (f) {
    case 'day_of_week':
      return String(r.day_of_week);
    case 'hour':
      return String(r.hour);
    case 'staff':
      return r.staff_id;
    default:
      return r[f];
  }
}

/** The field's fixed order first, then other values alphabetically, then "not given" last. */
function segmentOrder(f: SurveyFieldName) {
  const spec: SurveyField = SURVEY_FIELDS[f];
  const order = spec.order ?? [];
  const rank = (v: string | null) => {
    if (v === null) return Number.MAX_SAFE_INTEGER;
    const i = order.indexOf(v);
    return i >= 0 ? i : order.length;
  };
  return (a: string | null, b: string | null) =>
    rank(a) - rank(b) ||
    (a !== null && b !== null ? a.localeCompare(b, 'en-GB', { numeric: true }) : 0);
}

const DEMOGRAPHICS = ['sex', 'age_band', 'ethnicity', 'disability'] as const;

/** Gave demographics: any of their own answers that is a value, not "prefer not to say". */
const gaveDemographics = (r: ResponseRow) =>
  DEMOGRAPHICS.some((d) => r[d] !== null && r[d] !== 'not_stated');

/** The statistics, worked on the rows. */
export function exploreRows(
  c: CheckedRequest,
  facts: { responses: readonly ResponseRow[]; answers: readonly AnswerRow[]; sends: SendCounts },
): SurveyExploration {
  const responses = facts.responses;
  const byId = new Map(responses.map((r) => [r.response_id, r]));
  const answers = new Map<string, Map<string, string | null>>();
  for (const a of facts.answers) {
    if (!byId.has(a.response_id)) continue; // outside the areas in scope
    let m = answers.get(a.question);
    if (!m) answers.set(a.question, (m = new Map()));
    m.set(a.response_id, a.answer);
  }
  const withSend = responses.filter((r) => r.send_id !== null);
  return {
    survey: c.definition.survey,
    title: c.definition.title,
    period: { label: c.period.label, start: c.period.start, end: c.period.end },
    edition: c.edition,
    fields: [...c.fields],
    lpas: c.lpas ? [...c.lpas] : null,
    responses: responses.length,
    responseRate:
      facts.sends.ever === 0 ? null : proportion(facts.sends.responded, facts.sends.sent),
    links: {
      withSend: withSend.length,
      unknownSend: withSend.filter((r) => !r.send_found).length,
    },
    freeText: proportion(responses.filter((r) => r.free_text).length, responses.length),
    demographics: proportion(responses.filter(gaveDemographics).length, responses.length),
    smallBase: SMALL_BASE,
    falseDiscoveryRate: FALSE_DISCOVERY_RATE,
    questions: c.questions.map((q) => {
      const given = answers.get(q.id) ?? new Map<string, string | null>();
      // The base: respondents who answered, less the answers that give no view either way.
      const base: { row: ResponseRow; positive: boolean }[] = [];
      for (const r of responses) {
        const a = given.get(r.response_id);
        if (a === undefined || a === null || a === '' || q.excluded.includes(a)) continue;
        base.push({ row: r, positive: q.positive.includes(a) });
      }
      const total = base.length;
      const totalX = base.filter((b) => b.positive).length;
      const breakdowns = c.fields.map((f) => ({
        field: f,
        segments: segmentsOf(f, base, total, totalX, c.edition),
      }));
      const tested = adjust(breakdowns.flatMap((b) => b.segments));
      return {
        question: q.id,
        title: q.title,
        positive: [...q.positive],
        excluded: [...q.excluded],
        overall: proportion(totalX, total),
        tested,
        breakdowns,
      };
    }),
  };
}

interface Working extends Segment {
  pValue: number | null;
  pAdjusted: number | null;
  significant: boolean;
  direction: 'higher' | 'lower' | null;
}

function segmentsOf(
  f: SurveyFieldName,
  base: readonly { row: ResponseRow; positive: boolean }[],
  total: number,
  totalX: number,
  edition: 'full' | 'public',
): Working[] {
  const groups = new Map<string | null, { n: number; x: number }>();
  for (const b of base) {
    const v = valueOf(b.row, f);
    const g = groups.get(v) ?? { n: 0, x: 0 };
    g.n++;
    if (b.positive) g.x++;
    groups.set(v, g);
  }
  const values = [...groups.keys()].sort(segmentOrder(f));
  const segments = values.map((value): Working => {
    const { n, x } = groups.get(value)!;
    const p = proportion(x, n);
    const restN = total - n;
    const restX = totalX - x;
    const test = twoProportionTest(x, n, restX, restN, { minimumBase: SMALL_BASE });
    const flags: SegmentFlag[] = [];
    if (n < SMALL_BASE) flags.push('small_base');
    if (!test) flags.push('no_comparison');
    else if (!test.normalApproxOk) flags.push('weak_approximation');
    return {
      value,
      n,
      x,
      share: p.share,
      lower: p.lower,
      upper: p.upper,
      rest: { n: restN, share: restN > 0 ? restX / restN : null },
      difference: test ? test.difference : null,
      pValue: test ? test.pValue : null,
      pAdjusted: null,
      significant: false,
      direction: null,
      flags,
      withheld: false,
    };
  });
  return edition === 'public' ? withhold(segments) : segments;
}

/** A segment the public edition may not show on its own figures. */
const tooFew = (s: Working) =>
  s.n !== null &&
  s.x !== null &&
  (s.n < PUBLIC_MIN_BASE || (s.x >= 1 && s.x <= 4) || (s.n - s.x >= 1 && s.n - s.x <= 4));

/**
 * The public edition: segments with too few respondents are withheld, and where that leaves
 * exactly one withheld segment in a field the smallest other is withheld too, so it cannot be
 * worked out from the question's total.
 */
function withhold(segments: Working[]): Working[] {
  const out = segments.map((s) => ({ ...s, withheld: tooFew(s) }));
  if (out.filter((s) => s.withheld).length === 1) {
    const next = out
      .filter((s) => !s.withheld)
      .sort((a, b) => (a.n ?? 0) - (b.n ?? 0) || (a.x ?? 0) - (b.x ?? 0))[0];
    if (next) next.withheld = true;
  }
  return out.map((s) =>
    s.withheld
      ? {
          ...s,
          n: null,
          x: null,
          share: null,
          lower: null,
          upper: null,
          rest: null,
          difference: null,
          pValue: null,
          flags: [],
        }
      : s,
  );
}

/** Benjamini–Hochberg over every tested segment shown; returns how many there were. */
function adjust(segments: Working[]): number {
  const tested = segments.filter((s) => s.pValue !== null && !s.withheld);
  const adjusted = benjaminiHochberg(tested.map((s) => s.pValue as number));
  tested.forEach((s, i) => {
    const p = adjusted[i] as number;
    s.pAdjusted = p;
    s.significant = p <= FALSE_DISCOVERY_RATE;
    s.direction = s.significant ? ((s.difference ?? 0) > 0 ? 'higher' : 'lower') : null;
  });
  return tested.length;
}

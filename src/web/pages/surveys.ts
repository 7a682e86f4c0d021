import { BluelampError } from '../../lib/errors.ts';
import { exploreSurvey, type SurveyExploration } from '../../measures/survey/explore.ts';
import { isSurvey, SURVEY_DEFINITIONS, type Survey } from '../../measures/survey/questions.ts';
import { SURVEYS } from '../../facts/tables.ts';
import { formatCount, formatPercent, formatPeriodLabel } from '../../present/format.ts';
import { explorationCsv } from '../../present/survey-explorer.ts';
import { safeFileName } from '../downloads/data.ts';
import { dataSpan, periodGroups, defaultPeriod } from '../models/filters.ts';
import {
  readSurveyQuery,
  surveyForm,
  surveyPage,
  surveyQueryString,
  type SurveyQuery,
} from '../models/surveys.ts';
import { can } from '../permissions.ts';
import { Refused } from '../refuse.ts';
import type { RequestContext, RouteDef } from '../route.ts';

/**
 * The survey explorer (issue 10): every survey's response rate, free-text and demographics
 * shares, and each question by segment. Team and individual views are for analysts and
 * administrators only (`explore_surveys_by_staff`); a scoped user sees their own areas only.
 * Panel members and the public have no access, so no figure here needs disclosure control.
 */

const EXAMPLE = '/surveys/sms?period=2021/22-Q1&by=lpa';

function surveyOf(ctx: RequestContext): Survey {
  const s = (ctx.req.params as { survey?: string }).survey ?? '';
  if (!isSurvey(s)) throw new Refused('not_found');
  return s;
}

/** The exploration for a query, computed once per data version. */
async function explored(
  ctx: RequestContext,
  survey: Survey,
  q: Pick<SurveyQuery, 'period' | 'by' | 'question'>,
  allowStaff: boolean,
): Promise<SurveyExploration> {
  const lpas = ctx.lpaScope;
  return ctx.deps.facts.use(({ store, dataVersion }) =>
    ctx.deps.results.getOrCompute(
      {
        dataVersion,
        kind: 'survey-explore',
        measure: survey,
        period: JSON.stringify({ period: q.period, by: q.by, question: q.question, lpas }),
        lpa: null,
        edition: 'full',
      },
      () =>
        exploreSurvey(store, {
          survey,
          by: q.by,
          period: q.period,
          question: q.question,
          lpas,
          allowStaff,
        }),
    ),
  );
}

/** Reads the query; a team or individual view asked for without the capability is refused. */
async function queryOf(ctx: RequestContext, survey: Survey) {
  const data = await dataSpan(ctx.deps);
  const allowStaff = can(ctx.user, 'explore_surveys_by_staff');
  const q = readSurveyQuery(
    (ctx.req.query ?? {}) as Record<string, unknown>,
    survey,
    data,
    allowStaff,
  );
  if (q.staffAsked) throw new Refused('forbidden');
  return { data, allowStaff, q };
}

async function landing(ctx: RequestContext) {
  const data = await dataSpan(ctx.deps);
  const raw = (ctx.req.query ?? {}) as Record<string, unknown>;
  const asked = typeof raw.period === 'string' ? raw.period.trim() : '';
  const period = asked || defaultPeriod(data) || '';
  const rows = [];
  let error: string | null = null;
  for (const survey of SURVEYS) {
    let r: SurveyExploration;
    try {
      const question = SURVEY_DEFINITIONS[survey].questions[0]!.id;
      r = await explored(ctx, survey, { period, by: ['lpa'], question }, false);
    } catch (e) {
      if (!(e instanceof BluelampError) || e.code !== 'BAD_PERIOD') throw e;
      error = 'Enter a period like 2021/22-Q1 (a quarter), 2021-06 (a month) or 2021/22 (a year)';
      break;
    }
    const headline = r.questions[0];
    rows.push({
      href: `/surveys/${survey}${surveyQueryString({ period: r.period.label, by: ['lpa'], question: headline?.question ?? null })}`,
      title: SURVEY_DEFINITIONS[survey].title,
      responses: formatCount(r.responses),
      responseRate:
        r.responseRate?.share == null
          ? 'Not known'
          : `${formatPercent(r.responseRate.share)} of ${formatCount(r.responseRate.n)} sent`,
      question: headline?.title ?? '',
      share: headline?.overall.share == null ? 'No answers' : formatPercent(headline.overall.share),
    });
  }
  return ctx.render(
    'surveys-index.njk',
    {
      rows,
      error,
      periodText: error ? '' : formatPeriodLabel(period),
      form: { periodGroups: error ? [] : periodGroups(data, period) },
      scoped: ctx.lpaScope ? ctx.lpaScope.join(', ') : null,
      canSeeStaff: can(ctx.user, 'explore_surveys_by_staff'),
    },
    error ? 400 : 200,
  );
}

async function explorer(ctx: RequestContext) {
  const survey = surveyOf(ctx);
  const { data, allowStaff, q } = await queryOf(ctx, survey);
  const form = surveyForm(survey, q, data, allowStaff);
  const base = {
    survey,
    title: SURVEY_DEFINITIONS[survey].title,
    form,
    errors: q.errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
    periodError: q.errors.find((e) => e.field === 'period')?.text ?? null,
    byError: q.errors.find((e) => e.field === 'by')?.text ?? null,
    questionError: q.errors.find((e) => e.field === 'question')?.text ?? null,
    canSeeStaff: allowStaff,
    scoped: ctx.lpaScope ? ctx.lpaScope.join(', ') : null,
  };
  if (q.errors.length > 0) return ctx.render('surveys-explore.njk', { ...base, page: null }, 400);
  const r = await explored(ctx, survey, q, allowStaff);
  return ctx.render('surveys-explore.njk', {
    ...base,
    page: surveyPage(r),
    csvHref: `/surveys/${survey}/download.csv${surveyQueryString(q)}`,
  });
}

async function download(ctx: RequestContext) {
  const survey = surveyOf(ctx);
  const { allowStaff, q } = await queryOf(ctx, survey);
  const first = q.errors[0];
  if (first)
    throw new BluelampError(
      first.field === 'period' ? 'BAD_PERIOD' : 'BAD_INPUT',
      `${first.text}.`,
    );
  const r = await explored(ctx, survey, q, allowStaff);
  const name = safeFileName(['survey', survey, r.period.label, ...q.by], 'csv');
  return ctx.reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(explorationCsv(r));
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/surveys',
    access: 'explore_surveys',
    example: { url: '/surveys' },
    handler: landing,
  },
  {
    method: 'GET',
    url: '/surveys/:survey',
    access: 'explore_surveys',
    example: { url: EXAMPLE },
    handler: explorer,
  },
  {
    method: 'GET',
    url: '/surveys/:survey/download.csv',
    access: 'explore_surveys',
    example: { url: `/surveys/sms/download.csv?period=2021/22-Q1&by=lpa` },
    handler: download,
  },
];

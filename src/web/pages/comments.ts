import { parsePeriod } from '../../measures/period.ts';
import { formatMonth, formatPeriodLabel } from '../../present/format.ts';
import { MAX_QUOTES } from '../../present/sections.ts';
import { commentsOf, quarterOf, readComment, type ReadComment } from '../../themes/comments.ts';
import { frameworkOf, type ThemeFramework } from '../../themes/framework.ts';
import { findQuote, type CandidateQuote } from '../../voice/quotes.ts';
import type { WebDeps } from '../deps.ts';
import {
  commentsPageModel,
  decisionTag,
  filterChoices,
  questionName,
  readCommentFilters,
  sentimentTag,
  surveyName,
} from '../models/comments.ts';
import { dataSpan, lpaChoices, periodGroups, readQuery } from '../models/filters.ts';
import { can } from '../permissions.ts';
import { refuse } from '../refuse.ts';
import type { RequestContext, RouteDef } from '../route.ts';

/**
 * Free text made readable (issue 10): the period's free-text survey answers, each redacted
 * before it is read (src/voice), with their sentiment and themes (src/themes) as tables, a
 * month-by-month trend and examples. From an example the analyst opens the quote page and
 * approves it for the board pack: the same decision `bluelamp quotes approve` records
 * (`records.quotes`), so it reaches a report only once approved, and only its redacted text.
 * No page here ever holds a comment's original text.
 */

/** A period's comments read once per data version, survey and framework (shared: never changed). */
async function periodComments(
  deps: WebDeps,
  period: string,
  survey: string | null,
  framework: ThemeFramework,
): Promise<readonly ReadComment[]> {
  const p = parsePeriod(period);
  return deps.facts.use(({ store, dataVersion }) =>
    deps.results.getOrCompute(
      {
        dataVersion,
        kind: 'comments',
        period: p.label,
        measure: `${survey ?? ''}:${framework.hash}`,
        edition: 'full',
      },
      () =>
        commentsOf(store, { start: p.start, end: p.end, ...(survey ? { survey } : {}) }, framework),
    ),
  );
}

const selfUrl = (ctx: RequestContext) => ctx.req.url;

async function showComments(ctx: RequestContext) {
  const framework = frameworkOf(ctx.deps.dataDir);
  const data = await dataSpan(ctx.deps);
  const query = readQuery(ctx, data);
  const { filters, errors: filterErrors } = readCommentFilters(ctx.req.query, framework);
  const errors = [...query.errors, ...filterErrors];
  const form = {
    periodGroups: periodGroups(data, query.period),
    lpas: lpaChoices(data, ctx.lpaScope, query.lpa),
    ...filterChoices(framework, filters),
  };
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.text ?? null;
  const common = {
    form,
    errors: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
    fieldErrors: {
      period: errorOf('period'),
      lpa: errorOf('lpa'),
      survey: errorOf('survey'),
      theme: errorOf('theme'),
      sentiment: errorOf('sentiment'),
    },
  };
  if (query.errors.length > 0) return ctx.render('comments.njk', { ...common, page: null }, 400);
  const comments = await periodComments(ctx.deps, query.period, filters.survey, framework);
  const page = commentsPageModel({
    comments,
    framework,
    period: parsePeriod(query.period),
    lpa: query.lpa,
    lpaScope: ctx.lpaScope,
    filters,
    decisions: await ctx.deps.records.quotes.decisions(),
    self: selfUrl(ctx),
  });
  return ctx.render('comments.njk', { ...common, page }, errors.length > 0 ? 400 : 200);
}

/** Where the quote page goes back to: this page's own list only, never another address. */
function backOf(v: unknown): string {
  return typeof v === 'string' && /^\/comments(?:\?[^\s\\]*)?$/.test(v) && !v.startsWith('//')
    ? v
    : '/comments';
}

/** The quote a request names, if it exists and this user may see its area (else "not found"). */
async function quoteFor(ctx: RequestContext, id: unknown): Promise<CandidateQuote> {
  if (typeof id !== 'string' || id.trim() === '') throw refuse(ctx.reply, false, 'not_found');
  const quote = await ctx.deps.facts.use(({ store }) => findQuote(store, id));
  const scope = ctx.lpaScope;
  if (!quote || (scope && (quote.lpa === null || !scope.includes(quote.lpa))))
    throw refuse(ctx.reply, false, 'not_found');
  return quote;
}

async function showQuote(
  ctx: RequestContext,
  id: unknown,
  back: string,
  form: { error: string | null; reason: string } = { error: null, reason: '' },
) {
  const quote = await quoteFor(ctx, id);
  const framework = frameworkOf(ctx.deps.dataDir);
  const read = readComment(quote, framework);
  const names = new Map(framework.themes.map((t) => [t.id, t.label]));
  const decision = (await ctx.deps.records.quotes.decisions())[quote.id];
  return ctx.render(
    'comments-quote.njk',
    {
      back,
      quote: {
        id: quote.id,
        text: quote.text,
        rows: [
          { key: 'Survey', value: surveyName(quote.survey) },
          { key: 'Question', value: questionName(quote.question) },
          { key: 'Interviewed', value: formatMonth(quote.month) },
          { key: 'Area', value: quote.lpa ?? 'No area' },
          {
            key: 'Themes',
            value: read.themes.map((t) => names.get(t) ?? t).join(', ') || 'No theme',
          },
        ],
        sentiment: sentimentTag(read.sentiment.label),
        reportPeriod: formatPeriodLabel(quarterOf(quote.month)),
        month: formatMonth(quote.month),
      },
      decision: decision
        ? {
            tag: decisionTag(decision),
            by: decision.by,
            reason: decision.reason ?? null,
          }
        : null,
      maxQuotes: MAX_QUOTES,
      canDecide: can(ctx.user, 'approve_quotes'),
      error: form.error,
      reason: form.reason,
    },
    form.error ? 400 : 200,
  );
}

async function decide(ctx: RequestContext) {
  const body = (ctx.req.body ?? {}) as Record<string, unknown>;
  const back = backOf(body.back);
  const choice = body.decision;
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  if (choice !== 'approve' && choice !== 'reject')
    return showQuote(ctx, body.id, back, {
      error: 'Choose whether to approve or reject the quote',
      reason,
    });
  if (reason.length > 500)
    return showQuote(ctx, body.id, back, {
      error: 'The reason must be 500 characters or fewer',
      reason,
    });
  const quote = await quoteFor(ctx, body.id);
  const user = ctx.user as NonNullable<RequestContext['user']>;
  const status = choice === 'approve' ? 'approved' : 'rejected';
  // The decision `bluelamp quotes approve / reject` records (src/app/quotes.ts decideQuote):
  // an approval keeps the redacted text read here, which is all a report ever prints.
  await ctx.deps.records.quotes.decide(
    quote.id,
    {
      status,
      by: user.displayName || user.email,
      at: ctx.deps.clock.now().toISOString(),
      ...(status === 'rejected' && reason ? { reason } : {}),
      survey: quote.survey,
      question: quote.question,
      month: quote.month,
      ...(status === 'approved' ? { text: quote.text } : {}),
    },
    { userId: user.id, via: 'web' },
  );
  return ctx.redirect(`/comments/quote?${new URLSearchParams({ id: quote.id, back }).toString()}`, {
    text:
      status === 'approved'
        ? `Quote approved. The board pack for ${formatPeriodLabel(quarterOf(quote.month))} (or any period with ${formatMonth(quote.month)}) prints it in victim satisfaction, up to ${MAX_QUOTES} approved quotes, oldest first.`
        : 'Quote rejected: no report will print it.',
    success: true,
  });
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/comments',
    access: 'read_comments',
    example: { url: '/comments' },
    handler: showComments,
  },
  {
    method: 'GET',
    url: '/comments/quote',
    access: 'read_comments',
    example: { url: '/comments/quote?id=S-9999999:went_well' },
    handler: (ctx) => {
      const q = (ctx.req.query ?? {}) as Record<string, unknown>;
      return showQuote(ctx, q.id, backOf(q.back));
    },
  },
  {
    method: 'POST',
    url: '/comments/quote',
    access: 'approve_quotes',
    example: { url: '/comments/quote', form: { id: 'S-9999999:went_well', decision: 'approve' } },
    handler: decide,
  },
];

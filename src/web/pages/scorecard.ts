import type { RouteDef } from '../route.ts';
import { dataSpan, readQuery } from '../models/filters.ts';
import { readFilters, scorecardModel } from '../models/scorecard.ts';
import { audienceOf, shownScorecard } from '../models/shown.ts';

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/scorecard',
    access: 'view_scorecard',
    example: { url: '/scorecard' },
    handler: async (ctx) => {
      const data = await dataSpan(ctx.deps);
      const query = readQuery(ctx, data);
      const audience = audienceOf(ctx);
      // A period or area that cannot be used is the reader's to correct: the form again, with
      // the error summary, never a server error.
      const card = query.errors.length === 0 ? await shownScorecard(ctx, query) : null;
      const model = scorecardModel({
        card,
        data,
        query,
        filters: readFilters(ctx.req.query),
        charts: ctx.deps.charts,
        suppressed: audience.suppressed,
        scope: audience.scope,
      });
      return ctx.render('scorecard.njk', model, query.errors.length ? 400 : 200);
    },
  },
];

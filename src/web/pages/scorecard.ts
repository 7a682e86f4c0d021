import { can } from '../permissions.ts';
import type { RouteDef } from '../route.ts';
import { dataSpan, readQuery } from '../models/filters.ts';
import { readFilters, scorecardModel } from '../models/scorecard.ts';
import { audienceOf, editionOf, shownScorecard } from '../models/shown.ts';

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
      const filters = readFilters(ctx.req.query);
      const build = async () =>
        scorecardModel({
          card: query.errors.length === 0 ? await shownScorecard(ctx, query) : null,
          data,
          query,
          filters,
          charts: ctx.deps.charts,
          suppressed: audience.suppressed,
          scope: audience.scope,
        });
      // The page's model is the same for everyone with the same view of the same data, so it
      // is built once per data version (templates never change their model).
      const { dataVersion } = await ctx.deps.facts.current();
      const model =
        query.errors.length === 0
          ? await ctx.deps.results.getOrCompute(
              {
                dataVersion,
                kind: 'scorecard-page',
                period: query.period,
                lpa: query.lpa,
                measure: JSON.stringify(filters),
                edition: editionOf(audience),
              },
              build,
            )
          : await build();
      // Who may raise a challenge is the reader's own, outside the shared model.
      const canRaiseChallenge = can(ctx.user, 'manage_meetings');
      return ctx.render(
        'scorecard.njk',
        { ...model, canRaiseChallenge },
        query.errors.length ? 400 : 200,
      );
    },
  },
];

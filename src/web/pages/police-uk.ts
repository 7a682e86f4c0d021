import { summarise } from '../../facts/police-uk/summaries.ts';
import { isBluelampError } from '../../lib/errors.ts';
import { formatMonth, plural } from '../../present/format.ts';
import {
  dimensionChoices,
  filterOf,
  forceChoices,
  readExplorerQuery,
  summaryTable,
  type ExplorerQuery,
} from '../models/police-uk.ts';
import { can } from '../permissions.ts';
import type { RequestContext, RouteDef } from '../route.ts';

/** The loaded data.police.uk street rows: which forces, how many rows, which months. */
async function loaded(ctx: RequestContext) {
  return ctx.deps.facts.use(({ store, dataVersion }) =>
    ctx.deps.results.getOrCompute(
      { dataVersion, kind: 'police-uk-loaded', period: '', edition: 'full' },
      async () => {
        const forces = await summarise(store, ['force']);
        const months = await summarise(store, ['month']);
        return {
          forces: forces.map((f) => f.force).filter((f): f is string => typeof f === 'string'),
          rows: forces.reduce((n, f) => n + f.count, 0),
          first: months[0]?.month ?? null,
          last: months.at(-1)?.month ?? null,
        };
      },
    ),
  );
}

/** The figures for a query, computed once per data version. */
async function figures(ctx: RequestContext, q: ExplorerQuery) {
  const filter = filterOf(q);
  return ctx.deps.facts.use(({ store, dataVersion }) =>
    ctx.deps.results.getOrCompute(
      {
        dataVersion,
        kind: 'police-uk',
        measure: q.by,
        period: JSON.stringify(filter),
        edition: 'full',
      },
      async () => ({
        byMonth: await summarise(store, ['month'], filter),
        rows: await summarise(store, [q.by], filter),
      }),
    ),
  );
}

async function explorer(ctx: RequestContext) {
  const q = readExplorerQuery((ctx.req.query ?? {}) as Record<string, unknown>);
  const data = await loaded(ctx);
  const form = {
    dimensions: dimensionChoices(q.by),
    forces: forceChoices(data.forces, q.force),
    from: q.from,
    to: q.to,
  };
  if (data.rows === 0)
    return ctx.render('police-uk.njk', {
      empty: true,
      canImport: can(ctx.user, 'import_data'),
      form,
    });
  const base = {
    empty: false,
    form,
    loaded: `${plural(data.rows, 'street row')} for ${data.forces.join(', ')}, ${formatMonth(String(data.first ?? ''))} to ${formatMonth(String(data.last ?? ''))}.`,
  };
  let result;
  try {
    result = await figures(ctx, q);
  } catch (e) {
    // A month or force that cannot be used is the reader's to correct: the form again.
    if (!isBluelampError(e) || (e.code !== 'BAD_PERIOD' && e.code !== 'BAD_INPUT')) throw e;
    const field =
      e.code === 'BAD_PERIOD'
        ? q.from && !/^\d{4}-(0[1-9]|1[0-2])$/.test(q.from)
          ? 'from'
          : 'to'
        : 'force';
    return ctx.render(
      'police-uk.njk',
      { ...base, error: { field, text: e.message, hint: e.hint ?? '' } },
      400,
    );
  }
  const chart =
    result.byMonth.length > 0
      ? await ctx.deps.reports.monthlyChart({
          id: 'police-uk-by-month',
          title: 'Street rows by month',
          points: result.byMonth.map((r) => ({ month: String(r.month), count: r.count })),
        })
      : null;
  return ctx.render('police-uk.njk', {
    ...base,
    chart,
    table: summaryTable(q.by, result.rows),
    byName: form.dimensions.find((d) => d.selected)?.text ?? '',
  });
}

export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/police-uk',
    access: 'view_police_uk',
    example: { url: '/police-uk?by=month' },
    handler: explorer,
  },
];

/**
 * The results a user may see, decided once for pages and downloads alike: a panel member gets
 * what the public edition shows (disclosure control over every result of the output), and a
 * user scoped to some areas gets no other area's figures in a breakdown. Derived results are
 * cached per data version like the engine's, so each is made (and its charts drawn) once.
 */
import type { Scorecard } from '../../measures/engine.ts';
import type { MeasureResult } from '../../measures/result.ts';
import { suppressForPublic } from '../../present/disclosure.ts';
import { seesSuppressedOnly } from '../permissions.ts';
import type { RequestContext } from '../route.ts';

export interface Audience {
  readonly suppressed: boolean;
  readonly scope: readonly string[] | null;
}

export function audienceOf(ctx: RequestContext): Audience {
  return { suppressed: seesSuppressedOnly(ctx.user), scope: ctx.lpaScope };
}

export const editionOf = (a: Audience) =>
  `${a.suppressed ? 'public' : 'full'}${a.scope ? `:${a.scope.join('|')}` : ''}`;

/** A result with the breakdown rows of areas outside the scope taken out. */
function inScope(r: MeasureResult, scope: readonly string[] | null): MeasureResult {
  if (!scope) return r;
  const rows = r.breakdown.filter((b) => scope.includes(b.key) || scope.includes(b.label));
  return rows.length === r.breakdown.length ? r : { ...r, breakdown: rows };
}

function shown(results: readonly MeasureResult[], a: Audience): MeasureResult[] {
  const base = a.suppressed ? suppressForPublic(results) : results;
  return base.map((r) => inScope(r, a.scope));
}

export async function shownScorecard(
  ctx: RequestContext,
  q: { period: string; lpa: string | null },
): Promise<Scorecard> {
  const a = audienceOf(ctx);
  const card = await ctx.deps.engine.scorecard(q);
  if (!a.suppressed && !a.scope) return card;
  const { dataVersion } = await ctx.deps.facts.current();
  return ctx.deps.results.getOrCompute(
    { dataVersion, kind: 'scorecard-shown', period: q.period, lpa: q.lpa, edition: editionOf(a) },
    async () => ({ ...card, measures: shown(card.measures, a) }),
  );
}

export async function shownMeasure(
  ctx: RequestContext,
  id: string,
  q: { period: string; lpa: string | null },
): Promise<MeasureResult> {
  const a = audienceOf(ctx);
  if (a.suppressed) {
    // A gold measure as the panel's scorecard shows it: one output, so one disclosure control
    // and no figure withheld there and printed here.
    const card = await shownScorecard(ctx, q);
    const fromCard = card.measures.find((m) => m.id === id);
    if (fromCard) return fromCard;
  }
  const r = await ctx.deps.engine.measure(id, q);
  if (!a.suppressed && !a.scope) return r;
  const { dataVersion } = await ctx.deps.facts.current();
  return ctx.deps.results.getOrCompute(
    {
      dataVersion,
      kind: 'measure-shown',
      measure: id,
      period: q.period,
      lpa: q.lpa,
      edition: editionOf(a),
    },
    async () => shown([r], a)[0] as MeasureResult,
  );
}

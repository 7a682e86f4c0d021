/**
 * Measures → SQL. Everything else treats SQL as data: a `CompiledQuery` is text plus named
 * parameters, and every value (filter values, dates) is a bound parameter. Only identifiers and
 * expressions declared in `compile/` are spliced into the text.
 *
 * The unit of work is a *cell*: a number per (month, LPA) for one series. Additive measures
 * read their cells from one grouped scan per fact source covering every month any measure needs
 * ("one scan per fact table"); the rest have a named query each that returns the same shape.
 *
 * Split along its seams in `compile/`: `params.ts` (bound parameters, the compiled query),
 * `sources.ts` (fact sources and their columns), `filters.ts` (filters and count sides → SQL),
 * `scan.ts` (the grouped scan per source), `queries.ts` (named computations), `breakdowns.ts`
 * (proportions by group), `store-queries.ts` (freshness, coverage, manual returns). This module
 * is the one entry the engine imports.
 */
export {
  CompileError,
  type CompiledQuery,
  type ParamValue,
  type QueryForm,
} from './compile/params.ts';
export { SOURCES } from './compile/sources.ts';
export { compileFilter, sideKey, surveySides } from './compile/filters.ts';
export { groupedSourceScan, sourceScan } from './compile/scan.ts';
export {
  AGE_BANDS,
  highHarmNominalsQuery,
  openInvestigationsProfileMonthlyQuery,
  openInvestigationsProfileQuery,
  openInvestigationsQuery,
  openInvestigationsDeltasQuery,
  openInvestigationsAggregateRead,
  profileAggregateRead,
  outcomesByGroupQuery,
  outcomesByTypeQuery,
  repeatVictimsQuery,
  surveyInterviewsQuery,
  unresourcedIncidentsQuery,
  vawgAggregateRead,
  vawgMonthlyQuery,
  vawgQuery,
} from './compile/queries.ts';
export { respondentBreakdownQuery, victimBreakdownQuery } from './compile/breakdowns.ts';
export { freshnessQuery, returnPeriodsQuery, returnQuery } from './compile/store-queries.ts';
export {
  monthlyAggregateRead,
  scanAggregateName,
  scanAggregateRead,
  summedAggregateRead,
} from './compile/aggregates.ts';

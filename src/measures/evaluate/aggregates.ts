import {
  aggregateSpec,
  defineAggregates,
  REACH,
  type Reach,
  SPAN_FROM,
  SPAN_TO,
  storedAggregates,
  type AggregateDefinition,
} from '../../facts/aggregates.ts';
import type { FactsStore } from '../../facts/store.ts';
import {
  highHarmNominalsQuery,
  monthlyAggregateRead,
  openInvestigationsAggregateRead,
  openInvestigationsDeltasQuery,
  profileAggregateRead,
  repeatVictimsQuery,
  scanAggregateName,
  scanAggregateRead,
  sideKey,
  SOURCES,
  groupedSourceScan,
  sourceScan,
  unresourcedIncidentsQuery,
  openInvestigationsProfileMonthlyQuery,
  outcomesByGroupQuery,
  outcomesByTypeQuery,
  respondentBreakdownQuery,
  summedAggregateRead,
  surveyInterviewsQuery,
  vawgAggregateRead,
  vawgMonthlyQuery,
  victimBreakdownQuery,
  type CompiledQuery,
} from '../compile.ts';
import { aggregateTable } from '../../facts/aggregates-sql.ts';
import type { CountSide, Measure, SourceName } from '../definition.ts';
import { NATIONAL_MEASURES as NATIONAL } from '../catalogue/national.ts';
import { countSides, type Context } from './context.ts';

/**
 * The monthly aggregates the engine reads instead of scanning the facts (src/facts/aggregates.ts
 * keeps them): one per source's monthly scan, over every side the catalogue counts, and one per
 * month-keyed named query. A result's lineage still names the query over the raw facts; the
 * aggregate only holds that query's rows.
 */

/** Every count side of these measures, by source, each once (keyed by `sideKey`). */
export function sidesBySource(
  measures: readonly Measure[],
): Map<SourceName, Map<string, CountSide>> {
  const bySource = new Map<SourceName, Map<string, CountSide>>();
  const want = (side: CountSide) => {
    let sides = bySource.get(side.source);
    if (!sides) bySource.set(side.source, (sides = new Map()));
    sides.set(sideKey(side), side);
  };
  for (const m of measures) {
    const s = countSides(m);
    if (s) {
      want(s.numerator);
      if (s.denominator) want(s.denominator);
    }
    if (m.compute.kind === 'special' && m.compute.name === 'national_measures') {
      for (const n of NATIONAL) {
        want(n.side);
        if (n.den) want(n.den);
      }
    }
  }
  return bySource;
}

const OWN = [REACH.months(0)];
const ONWARDS = [REACH.onwards];
const viaCrime = (table: string, date: string, after = 0) => [
  REACH.via(table, date, 'crime_id', after),
];
/** Outcomes' months, and those of the outcomes of a changed crime. */
const BY_OUTCOME = { outcomes: OWN, crimes: viaCrime('outcomes', 'outcome_at') };

/**
 * The month-keyed named queries kept as aggregates, with the fact tables each reads and the months
 * a change in each alters (`Reach`: look-backs of 12 and 2 months, running totals onwards).
 */
const NAMED: readonly {
  name: string;
  tables: readonly string[];
  reach: Readonly<Record<string, readonly Reach[]>>;
  grid?: boolean;
  query: (from: string, to: string) => CompiledQuery;
}[] = [
  {
    name: 'repeat_victims',
    tables: ['crimes', 'crime_victims'],
    reach: {
      crimes: [REACH.months(12)],
      crime_victims: viaCrime('crimes', 'recorded_at', 12),
    },
    query: repeatVictimsQuery,
  },
  {
    name: 'unresourced_incidents',
    tables: ['incidents'],
    reach: { incidents: ONWARDS },
    grid: true,
    query: unresourcedIncidentsQuery,
  },
  // Running totals kept as each month's openings less closings (read by `openInvestigationsRead`,
  // `profileRead`), so a month's import rebuilds its own months: a crime's closing lands in its
  // outcome's month, or in its own when the outcome is dated before it.
  {
    name: 'open_investigations',
    tables: ['crimes', 'outcomes'],
    reach: {
      crimes: [REACH.months(0), ...viaCrime('outcomes', 'outcome_at')],
      outcomes: [REACH.months(0), REACH.via('crimes', 'recorded_at', 'crime_id', 0, true)],
    },
    query: openInvestigationsDeltasQuery,
  },
  {
    name: 'high_harm_nominals',
    tables: ['crimes', 'crime_victims', 'crime_suspects'],
    reach: {
      crimes: [REACH.months(2)],
      crime_victims: viaCrime('crimes', 'recorded_at', 2),
      crime_suspects: viaCrime('crimes', 'recorded_at', 2),
    },
    query: highHarmNominalsQuery,
  },
  // Summable table queries in their monthly form: read back by `summedRead`.
  {
    name: 'outcomes_by_type',
    tables: ['outcomes', 'crimes'],
    reach: BY_OUTCOME,
    query: (f, t) => outcomesByTypeQuery(f, t, false, null, 'monthly'),
  },
  {
    name: 'outcomes_by_group',
    tables: ['outcomes', 'crimes'],
    reach: BY_OUTCOME,
    query: (f, t) => outcomesByGroupQuery(f, t, null, 'monthly'),
  },
  {
    name: 'vawg',
    tables: ['crimes', 'outcomes'],
    reach: { outcomes: OWN, crimes: [REACH.months(0), ...viaCrime('outcomes', 'outcome_at')] },
    query: vawgMonthlyQuery,
  },
  {
    name: 'open_investigations_profile',
    tables: ['crimes', 'outcomes'],
    reach: {
      crimes: [REACH.months(13), ...viaCrime('outcomes', 'outcome_at', 1)],
      outcomes: [REACH.months(13), REACH.via('crimes', 'recorded_at', 'crime_id', 13, true)],
    },
    query: openInvestigationsProfileMonthlyQuery,
  },
  {
    name: 'survey_interviews',
    tables: ['survey_responses'],
    reach: { survey_responses: OWN },
    query: (f, t) => surveyInterviewsQuery(f, t, null, 'monthly'),
  },
];

/** The aggregate of a measure's breakdown by group (respondent or victim). */
export const breakdownAggregateName = (m: Measure) => `breakdown_${m.id}`;

/** The monthly form of each breakdown the catalogue's measures have. */
function breakdownDefinitions(all: readonly Measure[]): AggregateDefinition[] {
  const defs: AggregateDefinition[] = [];
  for (const m of all) {
    const sides = countSides(m);
    const kind = m.breakdowns.includes('respondent')
      ? 'respondent'
      : m.breakdowns.includes('victim')
        ? 'victim'
        : null;
    if (!sides?.denominator || kind === null || !/^[a-z0-9_]+$/.test(m.id)) continue;
    const q =
      kind === 'respondent'
        ? respondentBreakdownQuery(
            sides.numerator,
            sides.denominator,
            SPAN_FROM,
            SPAN_TO,
            null,
            'monthly',
          )
        : victimBreakdownQuery(
            sides.numerator,
            sides.denominator,
            SPAN_FROM,
            SPAN_TO,
            null,
            'monthly',
          );
    const table = kind === 'respondent' ? 'survey_responses' : 'victims_code_audits';
    defs.push({
      name: breakdownAggregateName(m),
      tables: [table],
      reach: { [table]: OWN },
      sql: q.sql,
      params: q.params,
    });
  }
  return defs;
}

/**
 * Sources whose aggregate is built by the two-step scan (`groupedSourceScan`): many sides that
 * filter few columns (survey question and answer; crime subgroup and flags; incident grade),
 * where it took half the time of the one-step scan on the demo force; for the others (calls by
 * answer time, outcomes, victims) it was slower.
 */
const GROUPED_SCANS: ReadonlySet<SourceName> = new Set(['survey', 'crimes', 'incidents']);

interface Catalogued {
  readonly definitions: readonly AggregateDefinition[];
  readonly specs: ReadonlyMap<string, string>;
  /** Each source's side keys in the order of its aggregate's columns c0, c1, … */
  readonly scanColumns: ReadonlyMap<SourceName, readonly string[]>;
}

const memo = new WeakMap<readonly Measure[], Catalogued>();

/** The aggregates a catalogue needs (computed once per catalogue). */
export function catalogued(all: readonly Measure[]): Catalogued {
  const hit = memo.get(all);
  if (hit) return hit;
  const definitions: AggregateDefinition[] = [];
  const scanColumns = new Map<SourceName, string[]>();
  for (const [source, sides] of [...sidesBySource(all)].sort(([a], [b]) => a.localeCompare(b))) {
    const keys = [...sides.keys()].sort();
    const scan = GROUPED_SCANS.has(source) ? groupedSourceScan : sourceScan;
    const q = scan(
      source,
      keys.map((k) => sides.get(k) as CountSide),
      SPAN_FROM,
      SPAN_TO,
    );
    scanColumns.set(source, q.columns);
    definitions.push({
      name: scanAggregateName(source),
      tables: SOURCES[source].tables,
      reach: SOURCES[source].reach,
      sql: q.sql,
      params: q.params,
    });
  }
  for (const n of NAMED) {
    const q = n.query(SPAN_FROM, SPAN_TO);
    definitions.push({
      name: n.name,
      tables: n.tables,
      reach: n.reach,
      ...(n.grid ? { grid: true } : {}),
      sql: q.sql,
      params: q.params,
    });
  }
  definitions.push(...breakdownDefinitions(all));
  const specs = new Map(definitions.map((d) => [d.name, aggregateSpec(d)]));
  const done = { definitions, specs, scanColumns };
  memo.set(all, done);
  return done;
}

/** An aggregate the engine may read: current, built from today's definition, over this span. */
export interface UsableAggregate {
  readonly spanFrom: string;
  readonly spanTo: string;
}

/**
 * The aggregates current at `version` whose definitions are the catalogue's. When some are
 * missing or out of date and the store can be written, they are built first (once after an
 * upgrade or on a store imported before aggregates existed); if that cannot be done now (another
 * connection is writing), the engine scans the facts instead.
 */
export async function usableAggregates(
  store: FactsStore,
  all: readonly Measure[],
  version: number,
): Promise<Map<string, UsableAggregate>> {
  const want = catalogued(all);
  const usable = async () => {
    const found = new Map<string, UsableAggregate>();
    for (const a of await storedAggregates(store))
      if (
        a.dataVersion === version &&
        want.specs.get(a.name) === a.spec &&
        a.spanFrom !== null &&
        a.spanTo !== null
      )
        found.set(a.name, { spanFrom: a.spanFrom, spanTo: a.spanTo });
    return found;
  };
  let found = await usable();
  if (want.definitions.some((d) => !found.has(d.name)) && !store.readOnly) {
    try {
      if ((await defineAggregates(store, want.definitions)) > 0) found = await usable();
    } catch (e) {
      // Busy (an import is writing on another connection, or a transaction is open on this
      // one): read the facts this time. Anything else is a bug in a definition, and says so.
      if (!/conflict|transaction/i.test(String(e))) throw e;
    }
  }
  return found;
}

const covers = (a: UsableAggregate | undefined, from: string, to: string) =>
  a !== undefined && a.spanFrom <= from.slice(0, 7) && to.slice(0, 7) <= a.spanTo;

/** The read of a source's scan from its aggregate, or null when the raw scan must run. */
export function scanRead(
  ctx: Context,
  source: SourceName,
  keys: readonly string[],
): CompiledQuery | null {
  if (!covers(ctx.aggregates?.get(scanAggregateName(source)), ctx.from, ctx.to)) return null;
  const columns = catalogued(ctx.catalogue).scanColumns.get(source);
  if (!columns) return null;
  const index = keys.map((k) => columns.indexOf(k));
  if (index.some((j) => j < 0)) return null;
  return scanAggregateRead(source, index, ctx.from, ctx.to);
}

/** The read of a named month-keyed query from its aggregate, or null. */
export function namedRead(ctx: Context, name: string): CompiledQuery | null {
  return covers(ctx.aggregates?.get(name), ctx.from, ctx.to)
    ? monthlyAggregateRead(name, ctx.from, ctx.to)
    : null;
}

/** A window's rows of a summable table query from its monthly aggregate, or null. */
export function summedRead(
  ctx: Context,
  name: string,
  shape: { keys: readonly string[]; sums: readonly string[]; orderBy?: readonly string[] },
  window: { from: string; to: string; flags?: Record<string, boolean> },
): CompiledQuery | null {
  return covers(ctx.aggregates?.get(name), window.from, window.to)
    ? summedAggregateRead(name, shape, { ...window, lpa: ctx.lpa })
    : null;
}

/** The VAWG table of a window from its monthly aggregate, or null. */
export function vawgRead(ctx: Context, from: string, to: string): CompiledQuery | null {
  return covers(ctx.aggregates?.get('vawg'), from, to)
    ? vawgAggregateRead(aggregateTable('vawg'), from, to, ctx.lpa)
    : null;
}

/** Open investigations at each month end of the window from their aggregate, or null. */
export function openInvestigationsRead(ctx: Context): CompiledQuery | null {
  return covers(ctx.aggregates?.get('open_investigations'), ctx.from, ctx.to)
    ? openInvestigationsAggregateRead(aggregateTable('open_investigations'), ctx.from, ctx.to)
    : null;
}

/** The age profile at a month start from its aggregate, or null. */
export function profileRead(
  ctx: Context,
  month: { from: string; to: string },
): CompiledQuery | null {
  return covers(ctx.aggregates?.get('open_investigations_profile'), month.from, month.to)
    ? profileAggregateRead(aggregateTable('open_investigations_profile'), month.from, ctx.lpa)
    : null;
}

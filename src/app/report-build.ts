import type { FactsStore } from '../facts/store.ts';
import { policeUkReportData } from '../facts/police-uk/report-data.ts';
import { evaluateScorecard, type RecordInputs, type Scorecard } from '../measures/engine.ts';
import type { Period } from '../measures/period.ts';
import { boardCommentary, boardQuote } from '../present/board.ts';
import type { Edition } from '../present/board-model.ts';
import { suppressForPublic } from '../present/disclosure.ts';
import { buildAnnex } from '../report/annex/index.ts';
import { buildBoard } from '../report/board/index.ts';
import { commentaryFor, commentaryTexts } from './commentary.ts';
import { approvedQuotes } from './quotes.ts';
import type { RebaseDef } from './rebases.ts';
import type { Records } from '../records/api.ts';
import { BLUELAMP_VERSION } from './version.ts';
import { forceName } from './settings.ts';

/**
 * How a report is built, for `bluelamp report` and the web's report page alike: the scorecard
 * with gold and silver measures and the recorded rebases, the stored commentary and approved
 * quotes, disclosure control for the public edition. Both write exactly the same files.
 */
export interface ReportScope {
  readonly period: Period;
  readonly lpa: string | null;
}

/** The scorecard a report is built from (gold and silver, with the recorded rebases). */
export function reportScorecard(
  store: FactsStore,
  scope: ReportScope,
  rebases: Readonly<Record<string, readonly RebaseDef[]>>,
  /** The records behind measures over records (records-inputs.ts); none: not read. */
  records?: RecordInputs,
): Promise<Scorecard> {
  return evaluateScorecard(store, {
    period: scope.period.label,
    lpa: scope.lpa,
    tiers: ['gold', 'silver'],
    rebases,
    ...(records ? { records } : {}),
  });
}

/** The board pack (board or public edition) as one self-contained HTML file. */
export async function boardReport(
  records: Records | null,
  card: Scorecard,
  opts: ReportScope & {
    readonly edition: Edition;
    readonly meeting: string | null;
    readonly owner: string | null;
    readonly generatedAt: string;
  },
): Promise<Awaited<ReturnType<typeof buildBoard>>> {
  const { period, lpa, edition } = opts;
  const stored = await commentaryFor(records, period.label, lpa);
  const results = edition === 'public' ? suppressForPublic(card.measures) : card.measures;
  return buildBoard({
    edition,
    forceName: await forceName(records),
    period,
    lpa,
    results,
    commentary: boardCommentary(stored),
    quotes: (await approvedQuotes(records, period.label)).map(boardQuote),
    meeting: opts.meeting,
    owner: opts.owner,
    version: `Bluelamp ${BLUELAMP_VERSION}`,
    generatedAt: opts.generatedAt,
  });
}

/** The technical annex: definitions, method, rows behind each figure, breakdowns, SQL. */
export async function annexReport(
  store: FactsStore,
  records: Records | null,
  card: Scorecard,
  opts: ReportScope & { readonly generatedAt: string },
): Promise<Awaited<ReturnType<typeof buildAnnex>>> {
  const { period, lpa } = opts;
  return buildAnnex({
    forceName: await forceName(records),
    period,
    lpa,
    results: card.measures,
    commentary: commentaryTexts(await commentaryFor(records, period.label, lpa)),
    policeUk: await policeUkReportData(store, {
      lastMonth: period.months.at(-1) ?? period.end.slice(0, 7),
    }),
    generatedAt: opts.generatedAt,
  });
}

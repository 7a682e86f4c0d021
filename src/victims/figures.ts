/**
 * The figures the Victims' Code pages, downloads and commands show, read from the facts for a
 * period (and, for a scoped user, their areas only): compliance with every breakdown, and
 * victims' withdrawals beside outcome 16. The one place src/web and src/cli get them from.
 */
import type { FactsStore } from '../facts/store.ts';
import { parsePeriod, type Period } from '../measures/period.ts';
import {
  breakdown,
  DIMENSIONS,
  METRIC_IDS,
  summarise,
  type Breakdown,
  type ComplianceSummary,
} from './compliance.ts';
import type { AuditCase } from './rule.ts';
import { readAuditCases, readOutcomeSixteen, readWithdrawals } from './sql.ts';
import { attrition, type Attrition } from './withdrawals.ts';

export interface ComplianceFigures {
  readonly period: Period;
  readonly lpas: readonly string[] | null;
  readonly cases: readonly AuditCase[];
  readonly summary: ComplianceSummary;
  /** Every measure by every dimension. */
  readonly breakdowns: readonly Breakdown[];
}

/** Throws BAD_PERIOD for a period that does not parse. */
export async function complianceFigures(
  store: FactsStore,
  q: { period: string; lpas: readonly string[] | null },
): Promise<ComplianceFigures> {
  const period = parsePeriod(q.period);
  const cases = await readAuditCases(store, { start: period.start, end: period.end, lpas: q.lpas });
  return {
    period,
    lpas: q.lpas,
    cases,
    summary: summarise(cases),
    breakdowns: METRIC_IDS.flatMap((m) => DIMENSIONS.map((d) => breakdown(cases, m, d))),
  };
}

export interface WithdrawalFigures {
  readonly period: Period;
  readonly lpas: readonly string[] | null;
  readonly attrition: Attrition;
}

export async function withdrawalFigures(
  store: FactsStore,
  q: { period: string; lpas: readonly string[] | null },
): Promise<WithdrawalFigures> {
  const period = parsePeriod(q.period);
  const scope = { start: period.start, end: period.end, lpas: q.lpas };
  const [rows, outcomes] = [
    await readWithdrawals(store, scope),
    await readOutcomeSixteen(store, scope),
  ];
  return { period, lpas: q.lpas, attrition: attrition(rows, outcomes) };
}

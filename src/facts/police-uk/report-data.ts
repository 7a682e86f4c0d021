import { xmr } from '../../stats/xmr.ts';
import type { FactsStore } from '../store.ts';
import {
  countsByLocalAuthority,
  countsByOutcome,
  summarise,
  topLsoas,
  type LocalAuthorityCount,
  type LsoaCount,
  type PoliceUkFilter,
} from './summaries.ts';

/**
 * The figures of the report's data.police.uk section, from the loaded street rows: a monthly
 * trend per crime type with XmR (SPC) limits, the top LSOAs and local authorities, and the mix
 * of last outcomes. Every count is of published rows, each counted once (CONTEXT.md,
 * "Counting"), so the figures match data.police.uk's own. Plain data: the report renders it.
 */

export interface PoliceUkTrend {
  readonly crimeType: string;
  /**
   * One entry per month of the window, oldest first: 0 where the type had no rows that month,
   * null where the month has no rows at all (not loaded; left out of the SPC).
   */
  readonly counts: readonly (number | null)[];
  readonly mean: number;
  /** XmR process limits (null with fewer than two months). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** The last month's SPC reading, e.g. "Common Cause", "Above UCL". */
  readonly lastReading: string;
  /** Months (YYYY-MM) whose point lies outside the process limits. */
  readonly outsideMonths: readonly string[];
}

export interface PoliceUkReportData {
  /** Forces in the data, by today's name. */
  readonly forces: readonly string[];
  /** The months shown, oldest first. */
  readonly months: readonly string[];
  /** Months of the window without any row (gaps in the loaded data). */
  readonly missingMonths: readonly string[];
  readonly totalRows: number;
  readonly trends: readonly PoliceUkTrend[];
  readonly topLsoas: readonly LsoaCount[];
  /** The largest local authorities (rows without an LSOA under null), with rows outside the force area. */
  readonly localAuthorities: readonly LocalAuthorityCount[];
  /** Crimes (not ASB) by current last outcome; share of all crimes in the window. */
  readonly outcomes: readonly { outcome: string | null; count: number; share: number }[];
}

export interface PoliceUkReportOptions {
  /** Last month shown (YYYY-MM); default the latest loaded month (an earlier one if data ends before). */
  readonly lastMonth?: string;
  /** Months shown, default 24. */
  readonly months?: number;
  /** Rows of the LSOA and local authority tables, default 10. */
  readonly top?: number;
  readonly force?: string;
}

const mIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const mOf = (i: number) =>
  `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The report section's data, or null when no data.police.uk street rows are loaded in the window. */
export async function policeUkReportData(
  store: FactsStore,
  opts: PoliceUkReportOptions = {},
): Promise<PoliceUkReportData | null> {
  const [range] = await store.all<{ lo: string | null; hi: string | null }>(
    'SELECT min(month) AS lo, max(month) AS hi FROM police_uk_street',
  );
  if (!range?.hi || !range.lo) return null;
  const last = opts.lastMonth && opts.lastMonth < range.hi ? opts.lastMonth : range.hi;
  if (last < range.lo) return null;
  const span = opts.months ?? 24;
  const firstIdx = Math.max(mIndex(last) - span + 1, mIndex(range.lo));
  const months = Array.from({ length: mIndex(last) - firstIdx + 1 }, (_, i) => mOf(firstIdx + i));
  const filter: PoliceUkFilter = {
    from: months[0] as string,
    to: last,
    ...(opts.force === undefined ? {} : { force: opts.force }),
  };

  const byType = await summarise(store, ['month', 'crime_type'], filter);
  if (byType.length === 0) return null;
  const present = new Set(byType.map((r) => String(r.month)));
  const series = new Map<string, (number | null)[]>();
  for (const r of byType) {
    const type = String(r.crime_type);
    const counts = series.get(type) ?? months.map((m) => (present.has(m) ? 0 : null));
    counts[months.indexOf(String(r.month))] = r.count;
    series.set(type, counts);
  }
  const trends: PoliceUkTrend[] = [...series.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([crimeType, counts]) => {
      // A month not loaded is not a month of no crime: the SPC runs over loaded months only.
      const shown = months.filter((_, i) => counts[i] !== null);
      const spc = xmr(
        counts.filter((c): c is number => c !== null),
        { improvementDirection: 'decrease' },
      );
      const group = spc.groups[0];
      return {
        crimeType,
        counts,
        mean: group?.mean ?? 0,
        lower: group?.lpl ?? null,
        upper: group?.upl ?? null,
        lastReading: spc.points.at(-1)?.specialCauseType ?? 'Common Cause',
        outsideMonths: spc.points.flatMap((p, i) => (p.outside ? [shown[i] as string] : [])),
      };
    });

  const top = opts.top ?? 10;
  const lsoas = await topLsoas(store, filter, top);
  const las = (await countsByLocalAuthority(store, filter)).slice(0, top);
  // Crimes only: ASB has no outcomes.
  const outcomes = await countsByOutcome(store, filter);
  const forces = await summarise(store, ['force'], filter);
  const crimes = outcomes.reduce((n, r) => n + r.count, 0);

  return {
    forces: forces.map((f) => String(f.force)),
    months,
    missingMonths: months.filter((m) => !present.has(m)),
    totalRows: byType.reduce((n, r) => n + r.count, 0),
    trends,
    topLsoas: lsoas,
    localAuthorities: las,
    outcomes: outcomes.map((r) => ({
      outcome: r.outcome,
      count: r.count,
      share: crimes === 0 ? 0 : r.count / crimes,
    })),
  };
}

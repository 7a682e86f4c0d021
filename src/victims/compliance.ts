/**
 * Victims' Code compliance over a set of audited cases: overall, each component, the referral
 * split (not referred vs referred late), and every measure broken down by area, crime type, sex,
 * age band and ethnicity with a disproportionality test — each group against all the other cases
 * (pooled two-proportion z-test), the p-values of one breakdown adjusted together
 * (Benjamini–Hochberg), small groups flagged. Pure: cases in, figures out.
 */
import { AGE_BANDS, ETHNICITY, SEX } from '../facts/tables.ts';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.ts';
import { twoProportionTest } from '../stats/two-proportion.ts';
import { wilson } from '../stats/wilson.ts';
import {
  COMPONENTS,
  INFORMED_CODE,
  isCompliant,
  referralStanding,
  type AuditCase,
  type Component,
  type ReferralStanding,
} from './rule.ts';
import { CRIME_TYPES } from './crime-type.ts';

/** Groups of fewer cases than this are flagged: too few to read a difference from. */
export const SMALL_GROUP = 30;
/** The false discovery rate a breakdown's differences are judged at. */
export const FALSE_DISCOVERY_RATE = 0.05;

export interface Proportion {
  /** Cases meeting it. */
  readonly x: number;
  /** Cases it applies to. */
  readonly n: number;
  readonly share: number | null;
  /** Wilson 95% interval. */
  readonly lower: number | null;
  readonly upper: number | null;
}

export function proportion(x: number, n: number): Proportion {
  const w = wilson(x, n);
  return { x, n, share: w?.p ?? null, lower: w?.lower ?? null, upper: w?.upper ?? null };
}

/**
 * What is measured: compliance, a component, or being told about the Code. A case counts when the
 * measure applies to it; it meets it or not. Compliance applies to every case; a component to the
 * cases where it was not "not applicable".
 */
export const METRIC_IDS = [
  'compliance',
  'acknowledgement',
  'updates_timely',
  'vps_offered',
  'referral',
  'end_of_journey',
  'informed_code',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface Metric {
  readonly id: MetricId;
  readonly title: string;
  readonly definition: string;
  /** null = does not apply to the case; true / false = met or not. */
  readonly judge: (c: AuditCase) => boolean | null;
  readonly insideCompliance: boolean;
}

const ofComponent = (k: Component, inside: boolean): Metric => ({
  id: k.id,
  title: k.title,
  definition:
    k.id === 'referral'
      ? 'Of the cases with a support need identified (and a referral not N/A), the share referred within 2 days.'
      : k.rule.startsWith('Yes or N/A')
        ? 'Of the cases where it applied (not N/A), the share answered Yes.'
        : 'Of all cases, the share answered Yes (N/A counts as not met).',
  judge: (c) => {
    const v = k.verdict(c);
    return v === 'not_applicable' ? null : v === 'met';
  },
  insideCompliance: inside,
});

export const METRICS: readonly Metric[] = [
  {
    id: 'compliance',
    title: 'Compliant cases',
    definition:
      'Audited cases meeting every component: acknowledgement Yes or N/A; updates timely Yes; VPS offered Yes or N/A; where a need was identified, referred within 2 days Yes or N/A; told of the end of the criminal justice journey Yes or N/A.',
    judge: isCompliant,
    insideCompliance: true,
  },
  ...COMPONENTS.map((k) => ofComponent(k, true)),
  ofComponent(INFORMED_CODE, false),
];

export const metricOf = (id: MetricId): Metric => METRICS.find((m) => m.id === id)!;

export interface ComponentSummary {
  readonly id: Component['id'];
  readonly title: string;
  readonly question: string;
  readonly rule: string;
  readonly rights: readonly number[];
  readonly insideCompliance: boolean;
  readonly met: number;
  readonly notMet: number;
  readonly notApplicable: number;
  /** Met (counting not applicable as met) of all cases: what compliance needs. */
  readonly metOfAll: Proportion;
  /** Met, of the cases where it applied (what its breakdowns test). */
  readonly metOfApplicable: Proportion;
  /** Not met, of the cases where it applied (the seed's "28% … not offered"). */
  readonly notMetOfApplicable: Proportion;
}

export interface ReferralSplit {
  /** Cases with a need identified: the base of the shares below. */
  readonly needIdentified: number;
  readonly counts: Readonly<Record<Exclude<ReferralStanding, 'no_need'>, number>>;
  readonly shares: Readonly<Record<Exclude<ReferralStanding, 'no_need'>, Proportion>>;
}

export const DIMENSIONS = ['lpa', 'crime_type', 'sex', 'age_band', 'ethnicity'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const valueOf = (c: AuditCase, d: Dimension): string | null =>
  d === 'lpa'
    ? c.lpa
    : d === 'crime_type'
      ? c.crimeType
      : d === 'sex'
        ? c.sex
        : d === 'age_band'
          ? c.ageBand
          : c.ethnicity;

export type GroupFlag = 'small_group' | 'weak_approximation' | 'no_comparison';

export interface GroupResult extends Proportion {
  /** The group's code (null = not recorded). */
  readonly value: string | null;
  /** Everyone else the measure applies to. */
  readonly rest: Proportion;
  /** share − rest share. */
  readonly difference: number | null;
  readonly pValue: number | null;
  /** Benjamini–Hochberg across the groups of this breakdown. */
  readonly pAdjusted: number | null;
  /** Significant at the false discovery rate: higher or lower than the rest. */
  readonly direction: 'higher' | 'lower' | null;
  readonly flags: readonly GroupFlag[];
}

export interface Breakdown {
  readonly metric: MetricId;
  readonly dimension: Dimension;
  readonly overall: Proportion;
  readonly groups: readonly GroupResult[];
  /** How many groups were tested (the m of the adjustment). */
  readonly tested: number;
}

/** One measure split by one dimension, each group tested against the rest. */
export function breakdown(
  cases: readonly AuditCase[],
  metric: MetricId,
  dimension: Dimension,
): Breakdown {
  const order = orderOf(dimension);
  const m = metricOf(metric);
  const groups = new Map<string | null, { x: number; n: number }>();
  let totalX = 0;
  let totalN = 0;
  for (const c of cases) {
    const met = m.judge(c);
    if (met === null) continue;
    const v = valueOf(c, dimension);
    const g = groups.get(v) ?? { x: 0, n: 0 };
    g.n++;
    totalN++;
    if (met) {
      g.x++;
      totalX++;
    }
    groups.set(v, g);
  }
  const working = [...groups.keys()].sort(order).map((value) => {
    const { x, n } = groups.get(value)!;
    const restX = totalX - x;
    const restN = totalN - n;
    const test = twoProportionTest(x, n, restX, restN, { minimumBase: SMALL_GROUP });
    const flags: GroupFlag[] = [];
    if (n < SMALL_GROUP) flags.push('small_group');
    if (!test) flags.push('no_comparison');
    else if (!test.normalApproxOk) flags.push('weak_approximation');
    return {
      ...proportion(x, n),
      value,
      rest: proportion(restX, restN),
      difference: test ? test.difference : null,
      pValue: test ? test.pValue : null,
      flags,
    };
  });
  const tested = working.filter((g) => g.pValue !== null);
  const adjusted = benjaminiHochberg(tested.map((g) => g.pValue as number));
  const byGroup = new Map(tested.map((g, i) => [g, adjusted[i] as number]));
  return {
    metric,
    dimension,
    overall: proportion(totalX, totalN),
    tested: tested.length,
    groups: working.map((g) => {
      const pAdjusted = byGroup.get(g) ?? null;
      const significant = pAdjusted !== null && pAdjusted <= FALSE_DISCOVERY_RATE;
      return {
        ...g,
        pAdjusted,
        direction: significant ? ((g.difference ?? 0) > 0 ? 'higher' : 'lower') : null,
      };
    }),
  };
}

const VOCABULARIES: Partial<Record<Dimension, readonly string[]>> = {
  crime_type: CRIME_TYPES.map((t) => t.id),
  sex: SEX,
  age_band: AGE_BANDS,
  ethnicity: ETHNICITY,
};

/** Groups in their vocabulary's order (areas by name), not recorded last. */
function orderOf(d: Dimension): (a: string | null, b: string | null) => number {
  const list = VOCABULARIES[d];
  const rank = (v: string) => (list ? list.indexOf(v) : -1);
  return (a, b) => {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return rank(a) - rank(b) || (a < b ? -1 : 1);
  };
}

export interface ComplianceSummary {
  readonly cases: number;
  readonly compliance: Proportion;
  readonly components: readonly ComponentSummary[];
  /** Being told about the Code: beside compliance, never in it. */
  readonly informedCode: ComponentSummary;
  readonly referral: ReferralSplit;
}

function componentSummary(
  cases: readonly AuditCase[],
  k: Component,
  inside: boolean,
): ComponentSummary {
  let met = 0;
  let notMet = 0;
  let notApplicable = 0;
  for (const c of cases) {
    const v = k.verdict(c);
    if (v === 'met') met++;
    else if (v === 'not_met') notMet++;
    else notApplicable++;
  }
  return {
    id: k.id,
    title: k.title,
    question: k.question,
    rule: k.rule,
    rights: k.rights,
    insideCompliance: inside,
    met,
    notMet,
    notApplicable,
    metOfAll: proportion(met + notApplicable, cases.length),
    metOfApplicable: proportion(met, met + notMet),
    notMetOfApplicable: proportion(notMet, met + notMet),
  };
}

const STANDINGS = ['within_2_days', 'late', 'not_referred', 'not_told_apart', 'na'] as const;

export function summarise(cases: readonly AuditCase[]): ComplianceSummary {
  const counts = Object.fromEntries(STANDINGS.map((s) => [s, 0])) as Record<
    (typeof STANDINGS)[number],
    number
  >;
  let need = 0;
  for (const c of cases) {
    const s = referralStanding(c);
    if (s === 'no_need') continue;
    need++;
    counts[s]++;
  }
  const shares = Object.fromEntries(
    STANDINGS.map((s) => [s, proportion(counts[s], need)]),
  ) as Record<(typeof STANDINGS)[number], Proportion>;
  return {
    cases: cases.length,
    compliance: proportion(cases.filter(isCompliant).length, cases.length),
    components: COMPONENTS.map((k) => componentSummary(cases, k, true)),
    informedCode: componentSummary(cases, INFORMED_CODE, false),
    referral: { needIdentified: need, counts, shares },
  };
}

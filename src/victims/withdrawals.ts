/**
 * Why victims withdraw: victims' withdrawals of support in a period by stage and reason, for
 * VAWG (rape, other sexual offences, stalking and harassment, domestic abuse — the groups of
 * `vawg_oc16`) and all crime, beside outcome 16 ("victim does not support further action")
 * assigned in the same period, and by area. Seed 002: forces should record the stages when, and
 * reasons why, victims withdraw, so outcome 16 can be acted on. Pure: rows in, tables out.
 */
import {
  WITHDRAWAL_REASONS,
  WITHDRAWAL_STAGES,
  type WithdrawalReason,
  type WithdrawalStage,
} from '../facts/reference/withdrawals.ts';
import { proportion, type Proportion } from './compliance.ts';
import type { OutcomeCounts, WithdrawalRow } from './sql.ts';

export const CRIME_GROUPS = [
  { id: 'vawg', label: 'Violence against women and girls' },
  { id: 'all', label: 'All crime' },
] as const;
export type CrimeGroup = (typeof CRIME_GROUPS)[number]['id'];

export interface Count {
  readonly count: number;
  /** Of the group's withdrawals. */
  readonly share: number | null;
}

export interface GroupAttrition {
  readonly group: CrimeGroup;
  readonly withdrawals: number;
  readonly byStage: Readonly<Record<WithdrawalStage, Count>>;
  readonly byReason: Readonly<Record<WithdrawalReason, Count>>;
  /** Stage × reason counts. */
  readonly stageReason: Readonly<
    Record<WithdrawalStage, Readonly<Record<WithdrawalReason, number>>>
  >;
  /** Withdrawals with a reason recorded (not `not_recorded`). */
  readonly reasonRecorded: Proportion;
  /** Withdrawals whose crime has outcome 16 assigned (at any time). */
  readonly endedInOutcome16: Proportion;
  /** Outcomes assigned in the period, and outcome 16 among them (as `vawg_oc16` counts them). */
  readonly outcome16: Proportion;
  /** Outcome-16 crimes of the period with a withdrawal recorded: how far the records explain it. */
  readonly outcome16Recorded: Proportion;
}

export interface AreaAttrition {
  readonly lpa: string;
  readonly withdrawals: Readonly<Record<CrimeGroup, number>>;
  readonly byStage: Readonly<Record<WithdrawalStage, number>>;
  readonly outcome16: Readonly<Record<CrimeGroup, number>>;
  readonly outcome16Recorded: Proportion;
}

export interface Attrition {
  readonly groups: readonly GroupAttrition[];
  readonly areas: readonly AreaAttrition[];
}

const STAGES = WITHDRAWAL_STAGES.map((s) => s.stage);
const REASONS = WITHDRAWAL_REASONS.map((r) => r.reason);

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const inGroup = (g: CrimeGroup, vawg: boolean) => g === 'all' || vawg;

function groupAttrition(
  g: CrimeGroup,
  rows: readonly WithdrawalRow[],
  outcomes: readonly OutcomeCounts[],
): GroupAttrition {
  const mine = rows.filter((r) => inGroup(g, r.vawg));
  const stage = zeros(STAGES);
  const reason = zeros(REASONS);
  const cross = Object.fromEntries(STAGES.map((s) => [s, zeros(REASONS)])) as Record<
    WithdrawalStage,
    Record<WithdrawalReason, number>
  >;
  for (const r of mine) {
    const s = r.stage as WithdrawalStage;
    const why = r.reason as WithdrawalReason;
    stage[s]++;
    reason[why]++;
    cross[s][why]++;
  }
  const n = mine.length;
  const counted = <K extends string>(c: Record<K, number>) =>
    Object.fromEntries(
      Object.entries<number>(c).map(([k, v]) => [k, { count: v, share: n > 0 ? v / n : null }]),
    ) as Record<K, Count>;
  const o = outcomes.filter((x) => inGroup(g, x.vawg));
  const all = o.reduce((s, x) => s + x.outcomes, 0);
  const oc16 = o.reduce((s, x) => s + x.oc16, 0);
  const recorded = o.reduce((s, x) => s + x.oc16WithWithdrawal, 0);
  return {
    group: g,
    withdrawals: n,
    byStage: counted(stage),
    byReason: counted(reason),
    stageReason: cross,
    reasonRecorded: proportion(n - reason.not_recorded, n),
    endedInOutcome16: proportion(mine.filter((r) => r.outcomeType === '16').length, n),
    outcome16: proportion(oc16, all),
    outcome16Recorded: proportion(recorded, oc16),
  };
}

export function attrition(
  rows: readonly WithdrawalRow[],
  outcomes: readonly OutcomeCounts[],
): Attrition {
  const lpas = [...new Set([...rows.map((r) => r.lpa), ...outcomes.map((o) => o.lpa)])].sort();
  const areas = lpas.map((lpa): AreaAttrition => {
    const w = rows.filter((r) => r.lpa === lpa);
    const o = outcomes.filter((x) => x.lpa === lpa);
    const byStage = zeros(STAGES);
    for (const r of w) byStage[r.stage as WithdrawalStage]++;
    const oc16 = o.reduce((s, x) => s + x.oc16, 0);
    return {
      lpa,
      withdrawals: { vawg: w.filter((r) => r.vawg).length, all: w.length },
      byStage,
      outcome16: { vawg: o.filter((x) => x.vawg).reduce((s, x) => s + x.oc16, 0), all: oc16 },
      outcome16Recorded: proportion(
        o.reduce((s, x) => s + x.oc16WithWithdrawal, 0),
        oc16,
      ),
    };
  });
  return {
    groups: CRIME_GROUPS.map((g) => groupAttrition(g.id, rows, outcomes)),
    areas,
  };
}

/**
 * Point types and the assurance icon of an XmR chart (the variation icon, the last point's type,
 * is set in `xmr.ts`).
 *
 * Source: NHSRplotthedots 0.2.2 (`ptd_point_type`, `ptd_calculate_assurance_type`) / NHS England
 * "Making Data Count"; SPC.md §1. A label with Above/Increasing scores +1, Below/Decreasing −1;
 * times the improvement direction (+1 increase, −1 decrease) it is improvement (> 0) or concern
 * (< 0); a neutral direction gives neutral high/low. The assurance icon compares a target with
 * the last group's process limits (a target on a limit is inside).
 */
import type { SpecialCauseType } from './spc-rules.ts';

export const IMPROVEMENT_DIRECTIONS = ['increase', 'decrease', 'neutral'] as const;
export type ImprovementDirection = (typeof IMPROVEMENT_DIRECTIONS)[number];

export const POINT_TYPES = [
  'special_cause_improvement',
  'special_cause_concern',
  'special_cause_neutral_high',
  'special_cause_neutral_low',
  'common_cause',
] as const;
export type PointType = (typeof POINT_TYPES)[number];

export const ASSURANCE_ICONS = ['consistent_pass', 'consistent_fail', 'inconsistent'] as const;
export type AssuranceIcon = (typeof ASSURANCE_ICONS)[number];

function labelScore(label: SpecialCauseType): -1 | 0 | 1 {
  if (/Above|Increasing/.test(label)) return 1;
  if (/Below|Decreasing/.test(label)) return -1;
  return 0;
}

export function pointType(label: SpecialCauseType, direction: ImprovementDirection): PointType {
  const score = labelScore(label);
  if (score === 0) return 'common_cause';
  if (direction === 'neutral') {
    return score > 0 ? 'special_cause_neutral_high' : 'special_cause_neutral_low';
  }
  return score * (direction === 'increase' ? 1 : -1) > 0
    ? 'special_cause_improvement'
    : 'special_cause_concern';
}

/**
 * The assurance icon, only with a target and a non-neutral direction; `limits` are the last
 * group's. Null too when that group has no limits (a single point: no moving range).
 */
export function assuranceIcon(
  target: number | null | undefined,
  direction: ImprovementDirection,
  limits: { readonly lpl: number | null; readonly upl: number | null },
): AssuranceIcon | null {
  if (target === null || target === undefined || direction === 'neutral') return null;
  if (limits.lpl === null || limits.upl === null) return null;
  const increase = direction === 'increase';
  if (target > limits.upl) return increase ? 'consistent_fail' : 'consistent_pass';
  if (target < limits.lpl) return increase ? 'consistent_pass' : 'consistent_fail';
  return 'inconsistent';
}

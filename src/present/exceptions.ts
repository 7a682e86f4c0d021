/**
 * What needs the board's attention: measures whose latest point shows special-cause variation,
 * targets missed, close to missed or consistently failing (the assurance icon), and changes on
 * last year that are statistically significant. One line per measure with every reason, in
 * layout order (the board reads them section by section).
 */
import type { MeasureResult } from '../measures/result.ts';
import type { ExceptionKind } from './board-model.ts';
import { formatPeriodLabel, lowerFirst } from './format.ts';
import { boardValue, changeText, lastYearOf } from './scorecard.ts';

/** The SPC label of a point in words ("Above UCL" → "above its upper limit"). */
export function signalPhrase(type: string): string {
  let m: RegExpExecArray | null;
  if (type === 'Above UCL') return 'above its upper limit';
  if (type === 'Below LCL') return 'below its lower limit';
  if ((m = /^(\d+) Point Trend \((Increasing|Decreasing)\)$/.exec(type)))
    return `in a run of ${m[1]} ${m[2] === 'Increasing' ? 'rising' : 'falling'} points`;
  if ((m = /^2 in 3 (Above|Below) CL$/.exec(type)))
    return `2 of 3 points near its ${m[1] === 'Above' ? 'upper' : 'lower'} limit`;
  if ((m = /^(\d+) Points? (Above|Below) CL$/.exec(type)))
    return `in a run of ${m[1]} points ${m[2] === 'Above' ? 'above' : 'below'} the mean`;
  return type.toLowerCase();
}

function isSpecial(r: MeasureResult): boolean {
  const last = r.spc?.points.at(-1);
  return last !== undefined && last.pointType !== 'common_cause';
}

function missesTarget(r: MeasureResult): boolean {
  return (
    r.status === 'not_met' || r.status === 'near' || r.spc?.assuranceIcon === 'consistent_fail'
  );
}

function significantChange(r: MeasureResult): boolean {
  return lastYearOf(r)?.significance?.significant === true;
}

export function exceptionKinds(r: MeasureResult): ExceptionKind[] {
  const kinds: ExceptionKind[] = [];
  if (missesTarget(r)) kinds.push('target');
  if (isSpecial(r)) kinds.push('special_cause');
  if (significantChange(r)) kinds.push('change');
  return kinds;
}

/** One sentence with each reason: "62% against 80% or more; latest month below its lower limit." */
export function exceptionText(r: MeasureResult, basis: string): string {
  const parts: string[] = [];
  if (missesTarget(r)) {
    const target = r.target ? lowerFirst(r.target.description.replace(/\.$/, '')) : null;
    const how =
      r.status === 'near'
        ? 'close to'
        : r.status === 'not_met'
          ? 'against'
          : 'consistently failing';
    parts.push(
      target ? `${boardValue(r)} ${how} ${target}` : `${boardValue(r)}, ${how} its target`,
    );
    if (r.status !== 'not_met' && r.status !== 'near' && r.spc?.assuranceIcon === 'consistent_fail')
      parts[parts.length - 1] =
        `${boardValue(r)}: on its variation it will keep failing its target`;
  }
  const last = r.spc?.points.at(-1);
  if (last && isSpecial(r)) {
    const what =
      last.pointType === 'special_cause_improvement'
        ? 'improvement'
        : last.pointType === 'special_cause_concern'
          ? 'concern'
          : 'special cause';
    parts.push(
      `${formatPeriodLabel(last.period)} ${signalPhrase(last.specialCauseType)} (${what})`,
    );
  }
  if (significantChange(r)) parts.push(`${changeText(r, lastYearOf(r))} on ${basis}, significant`);
  return `${parts.join('; ')}.`;
}

/** Which way a significant change on last year went, if there is one. */
export function changeDirection(r: MeasureResult): 'up' | 'down' | null {
  const c = lastYearOf(r);
  if (!significantChange(r) || !c || r.value === null || c.value === null) return null;
  return r.value > c.value ? 'up' : r.value < c.value ? 'down' : null;
}

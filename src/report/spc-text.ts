/**
 * Words, symbols and colours for SPC results (SPC.md §1; NHS England "Making Data Count"). The
 * MDC icons are pictures; the report shows each as a symbol plus text so it reads in print, in
 * greyscale and to a screen reader.
 */

/** Making Data Count colours (as NHSRplotthedots 0.2.2 `ptd_spc_colours`). */
export const MDC_COLOURS = {
  improvement: '#289de0',
  concern: '#fab428',
  neutral: '#361475',
  commonCause: '#7b7d7d',
  target: '#de1b1b',
  limit: '#7b7d7d',
  mean: '#505a5f',
} as const;

export interface PointTypeInfo {
  readonly label: string;
  readonly colour: string;
}

const POINT_TYPES: Record<string, PointTypeInfo> = {
  special_cause_improvement: {
    label: 'Special cause: improvement',
    colour: MDC_COLOURS.improvement,
  },
  special_cause_concern: { label: 'Special cause: concern', colour: MDC_COLOURS.concern },
  special_cause_neutral_high: {
    label: 'Special cause: neutral (high)',
    colour: MDC_COLOURS.neutral,
  },
  special_cause_neutral_low: { label: 'Special cause: neutral (low)', colour: MDC_COLOURS.neutral },
  common_cause: { label: 'Common cause', colour: MDC_COLOURS.commonCause },
};

/** The legend order of point types. */
export const POINT_TYPE_ORDER = [
  'special_cause_improvement',
  'special_cause_concern',
  'special_cause_neutral_high',
  'special_cause_neutral_low',
  'common_cause',
] as const;

export function pointTypeInfo(pointType: string): PointTypeInfo {
  return (
    POINT_TYPES[pointType] ?? {
      label: pointType.replace(/_/g, ' '),
      colour: MDC_COLOURS.commonCause,
    }
  );
}

/** Whether a special-cause label is on the high side (Above / Increasing) or low side. */
export function specialCauseSide(type: string): 'high' | 'low' | null {
  if (/Above|Increasing/.test(type)) return 'high';
  if (/Below|Decreasing/.test(type)) return 'low';
  return null;
}

/**
 * A special-cause label in words: "Above UCL" → "above the upper process limit",
 * "7 Point Trend (Increasing)" → "part of a run of 7 rising points".
 */
export function specialCauseText(type: string): string {
  let m: RegExpExecArray | null;
  if (type === 'Above UCL') return 'above the upper process limit';
  if (type === 'Below LCL') return 'below the lower process limit';
  if ((m = /^(\d+) Point Trend \((Increasing|Decreasing)\)$/.exec(type))) {
    return `part of a run of ${m[1]} ${m[2] === 'Increasing' ? 'rising' : 'falling'} points`;
  }
  if ((m = /^2 in 3 (Above|Below) CL$/.exec(type))) {
    return `one of 2 in 3 points close to the ${m[1] === 'Above' ? 'upper' : 'lower'} process limit`;
  }
  if ((m = /^(\d+) Points (Above|Below) CL$/.exec(type))) {
    return `part of a run of ${m[1]} points ${m[2] === 'Above' ? 'above' : 'below'} the mean`;
  }
  if (type === 'Common Cause') return 'common cause variation';
  return type;
}

export interface IconText {
  /** A symbol readable without colour. */
  readonly symbol: string;
  readonly text: string;
  /** The text without what it refers to ("Improving"), for a column whose header says it. */
  readonly short?: string;
  /** A CSS modifier for the tag colour. */
  readonly tone: 'blue' | 'orange' | 'purple' | 'grey' | 'green' | 'red' | 'yellow';
}

/** "month", "quarter" or "point": what the last point of an SPC series is, from its period (default month). */
export function spcPointNoun(period: string | null | undefined): string {
  // SPC series are monthly unless their periods say otherwise
  if (!period) return 'month';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  if (/-Q[1-4]$/.test(period)) return 'quarter';
  return 'point';
}

/** What the variation icon refers to: "Latest month against its limits". */
export function variationSubject(lastPeriod?: string | null): string {
  return `Latest ${spcPointNoun(lastPeriod)} against its limits`;
}

/**
 * The variation icon (the last point's type) as symbol + text. `lastType` is the last point's
 * special-cause label, which says whether the signal is high or low. The text says what the
 * icon judges — the latest point against its process limits, not the change on last year — so
 * "improving" beside "+25% on last year" is not read as a contradiction.
 */
export function variationIconText(
  icon: string,
  lastType: string | null,
  lastPeriod?: string | null,
): IconText {
  const side = lastType === null ? null : specialCauseSide(lastType);
  const arrow = side === 'high' ? '▲' : side === 'low' ? '▼' : '●';
  const where = side === 'high' ? ' (high)' : side === 'low' ? ' (low)' : '';
  const subject = variationSubject(lastPeriod);
  const icon_ = (symbol: string, short: string, tone: IconText['tone']): IconText => ({
    symbol,
    text: `${subject}: ${short.charAt(0).toLowerCase()}${short.slice(1)}`,
    short,
    tone,
  });
  switch (icon) {
    case 'special_cause_improvement':
      return icon_(arrow, `Improving${where}`, 'blue');
    case 'special_cause_concern':
      return icon_(arrow, `Concern${where}`, 'orange');
    case 'special_cause_neutral_high':
      return icon_('▲', 'Unusually high', 'purple');
    case 'special_cause_neutral_low':
      return icon_('▼', 'Unusually low', 'purple');
    case 'common_cause':
      return icon_('≈', 'Common cause (no signal)', 'grey');
    default:
      return icon_('?', icon.replace(/_/g, ' '), 'grey');
  }
}

/** The assurance icon as symbol + text (MDC: consistently passing / failing / hit and miss). */
export function assuranceIconText(icon: string): IconText {
  switch (icon) {
    case 'consistent_pass':
      return { symbol: '✓', text: 'Consistently passes target', tone: 'blue' };
    case 'consistent_fail':
      return { symbol: '✗', text: 'Consistently fails target', tone: 'orange' };
    case 'inconsistent':
      return { symbol: '?', text: 'Hit and miss against target', tone: 'grey' };
    default:
      return { symbol: '?', text: icon.replace(/_/g, ' '), tone: 'grey' };
  }
}

/** The method that drew the limits, in words, when the result does not label it. */
export function spcMethodLabel(method: string, label: string | null | undefined): string {
  if (label && label.trim().length > 0) return label.trim();
  return method === 'legacy_2sd'
    ? 'Mean ± 2 SD of 2019/20 (legacy)'
    : 'XmR, Making Data Count rules';
}

/**
 * Key points: factual sentences generated from a MeasureResult, using only numbers the result
 * carries (value, numerator, denominator, Wilson interval, comparisons with their significance
 * tests, SPC summary, breakdown, target status). No judgement words beyond what the statistics
 * support: a change in a survey figure is called a change only when its test is significant.
 *
 * Formatting: en-GB, thousands separators, percentages at 0 dp in prose (1 dp where 0 dp would
 * hide a difference or round a part to none or all), plurals by count.
 */
import { measureFacts, type Comparison, type MeasureResult } from '../measures/result.ts';
import {
  formatCount,
  formatInterval,
  formatNumber,
  formatPercent,
  formatPercentPair,
  formatPeriodLabel,
  formatValue,
  lowerFirst,
  pluralWord,
  sentenceCase,
  windowPhrase,
} from '../present/format.ts';
import { specialCauseText, spcMethodLabel } from './spc-text.ts';

/** How a measure is named in a sentence. */
export interface Phrase {
  /** The grammatical subject: "Burglary victim satisfaction", "Outcome 16". */
  readonly subject: string;
  /** The subject is plural ("were"). */
  readonly plural?: boolean;
  /** For shares: what the denominator counts, singular and plural. */
  readonly base?: readonly [string, string];
  /** "of-the": "36% of the 19,170 outcomes assigned"; "x-of-n" (default): "82% (994 of 1,208 …)". */
  readonly baseStyle?: 'of-the' | 'x-of-n';
  /** For counts: what is counted, singular and plural ("crime", "crimes"). */
  readonly noun?: readonly [string, string];
}

/** A title that reads as plural: "Hate crimes and crimed incidents", "Drug offences". */
const pluralTitle = (title: string) => /s$| and /.test(title);

/**
 * The phrase for a result, from its measure's catalogue entry (`phrase`); the subject defaults to
 * the result's title. A result outside the catalogue is named by its title.
 */
export function phraseFor(result: Pick<MeasureResult, 'id' | 'title'>): Phrase {
  const declared = measureFacts(result.id)?.phrase;
  if (!declared) return { subject: result.title };
  const { plural, ...rest } = declared;
  return {
    ...rest,
    subject: declared.subject ?? result.title,
    ...(plural === undefined
      ? {}
      : { plural: plural === 'as_title' ? pluralTitle(result.title) : plural }),
  };
}

const verb = (p: Phrase) => (p.plural ? 'were' : 'was');

function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${formatNumber(p, 3)}`;
}

/** When a comparison's period was: "in Q1 2019/20", or "a quarter earlier" for rolling windows. */
export function comparisonWhen(c: Comparison, result: Pick<MeasureResult, 'period'>): string {
  const label = formatPeriodLabel(c.period);
  if (/^(Q[1-4] \d{4}\/\d{2}|\d{4}\/\d{2}|[A-Z][a-z]+ \d{4})$/.test(label)) return `in ${label}`;
  if (c.kind === 'last_year') return 'a year earlier';
  if (c.kind === 'two_years_ago') return 'two years earlier';
  const kind = result.period.kind;
  return kind === 'month'
    ? 'a month earlier'
    : kind === 'year'
      ? 'a year earlier'
      : 'a quarter earlier';
}

/**
 * The change against one comparison, as a clause that follows "X was …":
 * "not significantly different from 74% a quarter earlier", "up from 29% in Q1 2019/20",
 * "down 2% (488 fewer crimes) on Q1 2019/20 (21,497)". Null when the comparison has no value.
 */
export function comparisonClause(result: MeasureResult, c: Comparison): string | null {
  const value = result.value;
  const prev = c.value;
  if (value === null || prev === null) return null;
  const when = comparisonWhen(c, result);
  if (result.unit === 'percent') {
    const [, then] = formatPercentPair(value, prev);
    const sig = c.significance;
    if (sig) {
      const caveat = sig.normalApproxOk
        ? ''
        : ', though the bases are too small for the test to be reliable';
      if (!sig.significant) return `not significantly different from ${then} ${when}${caveat}`;
      const dir = value > prev ? 'up' : 'down';
      return `${dir} from ${then} ${when}, a statistically significant change (${formatP(sig.p)})${caveat}`;
    }
    if (value === prev) return `the same as ${when}`;
    return `${value > prev ? 'up' : 'down'} from ${then} ${when}`;
  }
  if (result.unit === 'count') {
    const phrase = phraseFor(result);
    const abs = c.absoluteChange ?? value - prev;
    if (abs === 0) return `the same as ${when} (${formatCount(prev)})`;
    const rel = c.relativeChange ?? (prev === 0 ? null : abs / prev);
    const dir = abs > 0 ? 'up' : 'down';
    const more = abs > 0 ? 'more' : 'fewer';
    const n = Math.abs(abs);
    const diff = phrase.noun
      ? `${formatCount(n)} ${more} ${pluralWord(n, phrase.noun[0], phrase.noun[1])}`
      : `${formatCount(n)} ${more}`;
    const relText = rel === null ? '' : `${formatPercent(Math.abs(rel), 0)} `;
    const on = when.replace(/^in /, 'on ');
    return `${dir} ${relText}(${diff}) ${on} (${formatCount(prev)})`;
  }
  if (value === prev) return `the same as ${when}`;
  return `${value > prev ? 'up' : 'down'} from ${formatValue(prev, result.unit)} ${when}`;
}

/** When the value was measured: the window, or "at <date>" for a point in time. */
function resultWhen(result: MeasureResult): string {
  return windowPhrase(result.window);
}

/**
 * The opening of the headline: "Burglary victim satisfaction was 76% (n = 312, 95% CI 71–80%)
 * over …". `dp` 1 shows the value to one decimal (used when the comparison would otherwise read
 * as the same whole percentage).
 */
export function headlineOpening(result: MeasureResult, dp: 0 | 1 = 0): string | null {
  const { value, unit, numerator, denominator, interval } = result;
  if (value === null) return null;
  const p = phraseFor(result);
  const when = resultWhen(result);
  if (unit === 'percent') {
    // small shares and manual returns (given to one decimal) keep a decimal place: 2.9%, 6.5%
    const places: 0 | 1 = dp === 1 || value < 0.1 || result.source.kind === 'return' ? 1 : 0;
    const pct = formatPercent(value, places);
    if (interval && denominator !== null) {
      return `${p.subject} ${verb(p)} ${pct} (n = ${formatCount(denominator)}, 95% CI ${formatInterval(interval.lower, interval.upper)}) ${when}`;
    }
    if (denominator !== null && p.base && p.baseStyle === 'of-the') {
      return `${p.subject} ${verb(p)} ${pct} of the ${formatCount(denominator)} ${pluralWord(denominator, p.base[0], p.base[1])} ${when}`;
    }
    if (denominator !== null && numerator !== null) {
      const base = p.base ? ` ${pluralWord(denominator, p.base[0], p.base[1])}` : '';
      return `${p.subject} ${verb(p)} ${pct} (${formatCount(numerator)} of ${formatCount(denominator)}${base}) ${when}`;
    }
    if (denominator !== null)
      return `${p.subject} ${verb(p)} ${pct} (n = ${formatCount(denominator)}) ${when}`;
    return `${p.subject} ${verb(p)} ${pct} ${when}`;
  }
  return `${p.subject} ${verb(p)} ${formatValue(value, unit)} ${when}`;
}

/** The first comparison with a value (the result lists its comparisons in order of importance). */
function mainComparison(result: MeasureResult): Comparison | null {
  return result.comparisons.find((c) => c.value !== null) ?? null;
}

/** One sentence: the value, its base and interval, its window and the main comparison. */
export function headlineSentence(result: MeasureResult): string | null {
  const main = mainComparison(result);
  let dp: 0 | 1 = 0;
  if (
    result.unit === 'percent' &&
    result.value !== null &&
    main?.value !== null &&
    main?.value !== undefined
  ) {
    dp = formatPercentPair(result.value, main.value)[0] === formatPercent(result.value, 0) ? 0 : 1;
  }
  const opening = headlineOpening(result, dp);
  if (opening === null) return null;
  const clause = main ? comparisonClause(result, main) : null;
  return `${opening}${clause ? `, ${clause}` : ''}.`;
}

/** Sentences for the other comparisons: "Burglary victim satisfaction was up from 70% a year earlier, …". */
export function otherComparisonSentences(result: MeasureResult): string[] {
  const main = mainComparison(result);
  const p = phraseFor(result);
  return result.comparisons
    .filter((c) => c !== main)
    .map((c) => comparisonClause(result, c))
    .filter((s): s is string => s !== null)
    .map((clause) => `${p.subject} ${verb(p)} ${clause}.`);
}

/** Against what good looks like, from the result's status. */
export function targetSentence(result: MeasureResult): string | null {
  const t = result.target;
  if (!t || result.value === null) return null;
  const what = lowerFirst(t.description.trim().replace(/\.$/, ''));
  switch (result.status) {
    case 'met':
      return `This meets what good looks like (${what}).`;
    case 'not_met':
      return `This does not meet what good looks like (${what}).`;
    case 'near':
      return `This is close to what good looks like (${what}) but does not meet it.`;
    default:
      return null;
  }
}

/** What the SPC says about the latest point, and the assurance against the target. */
export function spcSentences(result: MeasureResult): string[] {
  const spc = result.spc;
  const last = spc?.points.at(-1);
  if (!spc || !last) return [];
  const method = spcMethodLabel(spc.method, spc.methodLabel);
  const out: string[] = [];
  const when = formatPeriodLabel(last.period);
  const special = spc.points.filter((pt) => pt.pointType !== 'common_cause').length;
  const others =
    special > 0 && last.pointType === 'common_cause'
      ? ` ${special} of the ${spc.points.length} points charted ${special === 1 ? 'shows' : 'show'} special cause variation.`
      : '';
  if (last.pointType === 'common_cause') {
    out.push(
      `The latest point (${when}) shows common cause variation (limits: ${method}).${others}`,
    );
  } else {
    const kind =
      last.pointType === 'special_cause_improvement'
        ? 'an improvement'
        : last.pointType === 'special_cause_concern'
          ? 'a concern'
          : 'neither an improvement nor a concern';
    out.push(
      `The latest point (${when}, ${formatValue(last.y, result.unit)}) is ${specialCauseText(last.specialCauseType)}: special cause variation, ${kind} (limits: ${method}).`,
    );
  }
  switch (spc.assuranceIcon) {
    case 'consistent_pass':
      out.push('On its current variation the measure will meet its target consistently.');
      break;
    case 'consistent_fail':
      out.push(
        'On its current variation the measure will not meet its target unless the process changes.',
      );
      break;
    case 'inconsistent':
      out.push(
        'The target lies within the process limits, so it will be met in some periods and missed in others.',
      );
      break;
  }
  if (spc.shortGroupWarning)
    out.push('Some of the limits rest on fewer than 13 points, so read signals with caution.');
  return out;
}

/** The range across the breakdown (e.g. local policing areas). */
export function breakdownSentence(
  result: MeasureResult,
  areaNoun = 'local policing area',
): string | null {
  const rows = result.breakdown.filter((r): r is typeof r & { value: number } => r.value !== null);
  if (rows.length < 2) return null;
  const hi = rows.reduce((a, b) => (b.value > a.value ? b : a));
  const lo = rows.reduce((a, b) => (b.value < a.value ? b : a));
  if (hi.value === lo.value) {
    return `All ${rows.length} ${areaNoun}s had the same value (${formatValue(hi.value, result.unit, 0)}).`;
  }
  const [l, h] =
    result.unit === 'percent'
      ? formatPercentPair(lo.value, hi.value)
      : [formatValue(lo.value, result.unit), formatValue(hi.value, result.unit)];
  return `Across the ${rows.length} ${areaNoun}s it ranged from ${l} in ${lo.label} to ${h} in ${hi.label}.`;
}

/**
 * Every key point for a result, in reading order. Empty when the result has no value. `areaNoun`
 * names the breakdown's areas (default "local policing area"; "neighbourhood" in an LPA report).
 */
export function keyPoints(result: MeasureResult, opts: { areaNoun?: string } = {}): string[] {
  const headline = headlineSentence(result);
  if (headline === null) return [];
  const out = [sentenceCase(headline), ...otherComparisonSentences(result)];
  const target = targetSentence(result);
  if (target) out.push(target);
  out.push(...spcSentences(result));
  const breakdown = breakdownSentence(result, opts.areaNoun);
  if (breakdown) out.push(breakdown);
  return out;
}

import { londonParts } from '../lib/london-time.ts';
/**
 * UK (en-GB) formatting for the report: numbers with thousands separators, percentages from
 * fractions (results carry 0–1), period and date labels, plurals. Pure and deterministic: no
 * dependence on the process time zone or locale (dates are formatted for Europe/London by
 * explicit arithmetic on ISO strings, never with the host's defaults).
 */
import type { MeasureResult } from '../measures/result.ts';
import { GUESS_ORDER, VOCABULARIES, type Vocabulary } from './vocabulary.ts';
import { MONTH_NAMES as MONTHS } from '../lib/months.ts';

const intFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const fixedFormats = new Map<number, Intl.NumberFormat>();
function fixed(dp: number): Intl.NumberFormat {
  let f = fixedFormats.get(dp);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: dp, maximumFractionDigits: dp });
    fixedFormats.set(dp, f);
  }
  return f;
}

/** The minus sign used in tables (U+2212), which screen readers and print both read as minus. */
export const MINUS = '\u2212';
/** Shown where a value is missing. */
export const DASH = '—';

function noNegativeZero(s: string): string {
  return s.replace(/^-(0(\.0+)?)$/, '$1');
}

/** A whole number with thousands separators: 21009 → "21,009"; rounds to the nearest integer. */
export function formatCount(n: number): string {
  return noNegativeZero(intFormat.format(Math.round(n))).replace(/^-/, MINUS);
}

/** A number with `dp` decimal places and thousands separators: (176.42, 1) → "176.4". */
export function formatNumber(n: number, dp = 1): string {
  return noNegativeZero(fixed(dp).format(n)).replace(/^-/, MINUS);
}

/**
 * A fraction as a percentage with `dp` decimals: (0.3589, 0) → "36%". With `dp` 0, a value that
 * would round to 0% or 100% without being exactly 0 or 1 gets one decimal ("99.6%", "0.4%") so a
 * small share never reads as none or all.
 */
export function formatPercent(fraction: number, dp: 0 | 1 = 0): string {
  const pct = fraction * 100;
  let places: number = dp;
  if (places === 0) {
    const r = Math.round(pct);
    if ((r === 0 && pct !== 0) || (r === 100 && pct !== 100)) places = 1;
  }
  return `${formatNumber(pct, places)}%`;
}

/** Two percentages at the smallest precision (0 or 1 dp) that tells them apart when they differ. */
export function formatPercentPair(a: number, b: number): [string, string] {
  const a0 = formatPercent(a, 0);
  const b0 = formatPercent(b, 0);
  if (a0 !== b0 || a === b) return [a0, b0];
  return [formatPercent(a, 1), formatPercent(b, 1)];
}

/** A Wilson interval as "71–80%" (0 dp; 1 dp where the bounds would otherwise coincide). */
export function formatInterval(lower: number, upper: number): string {
  const [l, u] = formatPercentPair(lower, upper);
  return `${l.replace(/%$/, '')}–${u}`;
}

/** A change in percentage points, signed: 0.021 → "+2.1 pts". */
export function formatPoints(change: number, dp: 0 | 1 = 1): string {
  const pts = change * 100;
  const s = formatNumber(Math.abs(pts), dp);
  const sign = Number(s) === 0 ? '' : pts > 0 ? '+' : MINUS;
  return `${sign}${s} pts`;
}

/** A relative change as a signed whole percentage: −0.0227 → "−2%". */
export function formatRelativeChange(change: number): string {
  const s = formatPercent(Math.abs(change), 0);
  if (s === '0%') return '0%';
  return `${change > 0 ? '+' : MINUS}${s}`;
}

/** The value of a measure in its unit: percent → "76.0%", count → "21,009", days → "12.3 days". */
export function formatValue(value: number | null, unit: MeasureResult['unit'], dp?: 0 | 1): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  switch (unit) {
    case 'percent':
      return formatPercent(value, dp ?? 1);
    case 'count':
      return formatCount(value);
    case 'days':
      return `${formatNumber(value, dp ?? 1)} days`;
    case 'rate':
    case 'mean':
      return formatNumber(value, dp ?? 1);
  }
}

/** "1 outcome" / "2 outcomes"; pass the plural when it is not the singular + "s". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

/** Chooses the singular or plural word for a count, without the number. */
export function pluralWord(n: number, singular: string, pluralForm = `${singular}s`): string {
  return n === 1 ? singular : pluralForm;
}

/** "June 2021" from "2021-06"; "Jun 2021" when short. */
export function formatMonth(month: string, short = false): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  const name = MONTHS[Number(m[2]) - 1];
  if (name === undefined) return month;
  return `${short ? name.slice(0, 3) : name} ${m[1]}`;
}

/** "30 June 2021" from "2021-06-30" (the date part of any ISO string). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const name = MONTHS[Number(m[2]) - 1];
  if (name === undefined) return iso;
  return `${Number(m[3])} ${name} ${m[1]}`;
}

/**
 * An ISO date-time as London wall time, "5 July 2021, 10:32". A string without a time is
 * formatted as a date; one without an offset is taken as London time already.
 */
export function formatDateTime(iso: string): string {
  if (!/[T ]\d{2}:\d{2}/.test(iso)) return formatDate(iso);
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(iso);
  if (!hasOffset) {
    const m = /[T ](\d{2}):(\d{2})/.exec(iso);
    return `${formatDate(iso)}, ${m?.[1] ?? '00'}:${m?.[2] ?? '00'}`;
  }
  const d = new Date(iso.replace(' ', 'T'));
  if (Number.isNaN(d.getTime())) return iso;
  const parts = londonParts(d);
  return `${formatDate(`${parts.year}-${parts.month}-${parts.day}`)}, ${parts.hour}:${parts.minute}`;
}

/** The months from `start` (inclusive) up to `end`, where `end` is exclusive when it is a 1st. */
export function monthsOfWindow(start: string, end: string): string[] {
  const s = /^(\d{4})-(\d{2})/.exec(start);
  const e = /^(\d{4})-(\d{2})-(\d{2})/.exec(end);
  if (!s || !e) return [];
  let endIndex = Number(e[1]) * 12 + Number(e[2]) - 1;
  if (e[3] === '01') endIndex -= 1; // exclusive end on the first of a month
  const out: string[] = [];
  for (let i = Number(s[1]) * 12 + Number(s[2]) - 1; i <= endIndex; i++) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

const QUARTER = /^(\d{4})\/(\d{2})-Q([1-4])$/;
const FY = /^(\d{4})\/(\d{2})$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ROLLING = /^(\d{1,2})m-to-(\d{4}-\d{2})$/;
const YTD = /^ytd-to-(\d{4}-\d{2})$/;
/** A span of months as the measure engine labels comparisons: "2019-04 to 2019-06". */
const RANGE = /^(\d{4}-\d{2}) to (\d{4}-\d{2})$/;
/** A point in time at a month's end: "end of 2021-06". */
const END_OF = /^end of (\d{4}-\d{2})$/;

/** The month a point-in-time window ends in, or null when the window is a span. */
export function pointInTimeMonth(window: {
  start: string;
  end: string;
  label?: string;
}): string | null {
  const m = window.label ? END_OF.exec(window.label) : null;
  if (m) return m[1] as string;
  return null;
}

/**
 * A period label as a reader says it: "2021/22-Q1" → "Q1 2021/22", "2021-06" → "June 2021",
 * "12m-to-2021-06" → "12 months to June 2021", "ytd-to-2021-06" → "year to June 2021".
 * Anything else is returned unchanged.
 */
export function formatPeriodLabel(label: string): string {
  let m: RegExpExecArray | null;
  if ((m = QUARTER.exec(label))) return `Q${m[3]} ${m[1]}/${m[2]}`;
  if (FY.test(label)) return label;
  if (MONTH.test(label)) return formatMonth(label);
  if ((m = ROLLING.exec(label))) {
    return `${m[1] === '1' ? '1 month' : `${m[1]} months`} to ${formatMonth(m[2] as string)}`;
  }
  if ((m = YTD.exec(label))) return `year to ${formatMonth(m[1] as string)}`;
  if ((m = RANGE.exec(label))) {
    const months = monthsOfWindow(`${m[1]}-01`, `${m[2]}-28`);
    const phrase = windowPhrase({ start: `${m[1]}-01`, end: `${m[2]}-28` });
    if (months.length === 0) return label;
    if (/^in (Q[1-4] )?\d{4}\/\d{2}$/.test(phrase)) return phrase.slice(3);
    return formatMonthRange(months);
  }
  if ((m = END_OF.exec(label))) return `end of ${formatMonth(m[1] as string)}`;
  return label;
}

/** A short axis label for a series point: "Jun 21", "Q1 21/22", otherwise as the long label. */
export function formatShortPeriod(label: string): string {
  let m: RegExpExecArray | null;
  if ((m = QUARTER.exec(label))) return `Q${m[3]} ${(m[1] as string).slice(2)}/${m[2]}`;
  if (MONTH.test(label)) {
    const full = formatMonth(label, true);
    return `${full.slice(0, 3)} ${label.slice(2, 4)}`;
  }
  return formatPeriodLabel(label);
}

/** A quarter's months in words: "April to June 2021"; a range of months for any window. */
export function formatMonthRange(months: readonly string[]): string {
  const first = months[0];
  const last = months.at(-1);
  if (first === undefined || last === undefined) return '';
  if (first === last) return formatMonth(first);
  const [fm, fy] = formatMonth(first).split(' ');
  const lastText = formatMonth(last);
  return first.slice(0, 4) === last.slice(0, 4)
    ? `${fm} to ${lastText}`
    : `${fm} ${fy} to ${lastText}`;
}

/**
 * The window a value is measured over, as a prepositional phrase: "in Q1 2021/22" when it is a
 * financial quarter, "in June 2021" for one month, "in 2020/21" for a financial year, otherwise
 * "over the 6 months to June 2021".
 */
export function windowPhrase(window: { start: string; end: string; label?: string }): string {
  if (window.start === window.end) return `at ${formatDate(window.end)}`;
  const endOf = pointInTimeMonth(window);
  if (endOf) return `at the end of ${formatMonth(endOf)}`;
  const months = monthsOfWindow(window.start, window.end);
  const first = months[0];
  const last = months.at(-1);
  if (first === undefined || last === undefined) return window.label ? `in ${window.label}` : '';
  const firstMonth = Number(first.slice(5, 7));
  const fyStart = firstMonth >= 4 ? Number(first.slice(0, 4)) : Number(first.slice(0, 4)) - 1;
  const fy = `${fyStart}/${String((fyStart + 1) % 100).padStart(2, '0')}`;
  if (months.length === 1) return `in ${formatMonth(first)}`;
  if (months.length === 3 && (firstMonth - 4 + 12) % 3 === 0) {
    const q = Math.floor(((firstMonth - 4 + 12) % 12) / 3) + 1;
    return `in Q${q} ${fy}`;
  }
  if (months.length === 12 && firstMonth === 4) return `in ${fy}`;
  return `over the ${months.length} months to ${formatMonth(last)}`;
}

/** The same as `windowPhrase` without the preposition, for headings and tables. */
export function windowLabel(window: { start: string; end: string; label?: string }): string {
  return windowPhrase(window).replace(/^(in|over|at) (the )?/, '');
}

/** Capitalises the first letter. */
export function sentenceCase(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

const PROPER = /^(Victims?'|(Outcome|Police|Home Office|National|England|Wales|Crown)\b)/;

/**
 * Lower-cases the first letter for use mid-sentence ("A sustained 20% reduction" → "a sustained
 * 20% reduction"), unless the text starts with an acronym, a number or a proper noun.
 */
export function lowerFirst(s: string): string {
  if (!/^[A-Z][a-z ]/.test(s) || PROPER.test(s)) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

// --- codes as words -----------------------------------------------------------------------------

const CODE = /^[A-Za-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** Parts of a code that are acronyms when a code is read out word by word. */
const ACRONYMS: Readonly<Record<string, string>> = {
  lpa: 'LPA',
  da: 'DA',
  cps: 'CPS',
  sms: 'SMS',
  rtc: 'RTC',
  ksi: 'KSI',
  vawg: 'VAWG',
  asb: 'ASB',
  cse: 'CSE',
  cdi: 'CDI',
  val: 'VAL',
  id: 'ID',
};
/** Codes that mean different things in different vocabularies: only read with a vocabulary. */
const AMBIGUOUS = new Set(['other', 'yes', 'no']);

/**
 * A code as a reader says it. With a vocabulary, its label ("rtc" in `survey` → "Road traffic
 * collision"); without one, the label from the first vocabulary that knows the code, so a
 * code already turned into a word by an older formatter ("Rtc", "Sms") reads right too.
 * Otherwise a snake_case code in sentence case ("not_stated" → "Not stated"), and any other
 * text unchanged. Idempotent: a label passed in again comes back as it is.
 */
export function label(code: string, vocabulary?: Vocabulary | null): string {
  const key = code.trim();
  const known = knownLabel(key, vocabulary);
  if (known !== undefined) return known;
  if (!CODE.test(key) || !/^[a-z]/.test(key)) return key;
  const words = key.split('_').map((w) => ACRONYMS[w] ?? w);
  return sentenceCase(words.join(' '));
}

/** The label a vocabulary gives a code (any case), or undefined when none knows it. */
export function knownLabel(code: string, vocabulary?: Vocabulary | null): string | undefined {
  const lower = code.trim().toLowerCase();
  const of = (v: Vocabulary) => (VOCABULARIES[v] as Readonly<Record<string, string>>)[lower];
  if (vocabulary) return of(vocabulary);
  if (AMBIGUOUS.has(lower)) return undefined;
  for (const v of GUESS_ORDER) {
    const known = of(v);
    if (known !== undefined) return known;
  }
  return undefined;
}

/** The vocabulary of a table column or breakdown dimension by its name, if it has one. */
export function vocabularyOfColumn(name: string): Vocabulary | null {
  const n = name.toLowerCase();
  if (/^surveys?$/.test(n)) return 'survey';
  if (/^ethnicity|^ethnic_group/.test(n)) return 'ethnicity';
  if (/^(sex|gender)$/.test(n)) return 'sex';
  if (/^(age_band|age)$/.test(n)) return 'age_band';
  if (/^(disability|disabled)$/.test(n)) return 'disability';
  if (/^(flag|marker|crime_flag)s?$/.test(n)) return 'crime_flag';
  if (/^(outcome_group|report_group)$/.test(n)) return 'outcome_group';
  if (/^outcome_type$/.test(n)) return 'outcome_type';
  if (/^(crime_group|scorecard_group)$/.test(n)) return 'scorecard_group';
  return null;
}

// --- p-values -------------------------------------------------------------------------------------

/** Whether a table column holds p-values ("p", "p_value", "p_vs_rest", "adjusted_p"). */
export function isPValueColumn(key: string): boolean {
  return /^p(_|$)|(^|_)p_?value|(^|_)adjusted_p$/i.test(key);
}

/**
 * A p-value as statisticians write it, never as a percentage: "p < 0.001", "p = 0.004",
 * "p = 0.03", "p > 0.99". Two decimals from 0.01 up, three below.
 */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p) || p < 0 || p > 1) return DASH;
  if (p < 0.001) return 'p < 0.001';
  if (p > 0.99) return 'p > 0.99';
  const dp = p < 0.0095 ? 3 : 2;
  return `p = ${fixed(dp).format(p)}`;
}

// --- what good looks like, and "no value" -------------------------------------------------------

const POLARITY_PHRASE: Readonly<Record<MeasureResult['polarity'], string>> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  increased_reporting_is_good: 'More reporting is better (it shows confidence to report)',
  neutral: 'Neither higher nor lower is better',
};

const STATUS_PHRASE: Readonly<Record<MeasureResult['status'], string | null>> = {
  met: 'met',
  not_met: 'not met',
  near: 'near the target',
  no_target: null,
  no_data: 'no data to judge',
  withheld: 'withheld (it would tell the withheld figure)',
};

/**
 * "What good looks like" as one phrase that never leaves a dangling dash: the target's own
 * words and the status ("At least 90%; met"), or the direction and "no target set" ("Lower is
 * better; no target set"). A target description that only restates the direction is not
 * repeated.
 */
export function goodLooksLikeText(
  r: Pick<MeasureResult, 'target' | 'status' | 'polarity' | 'value'> & {
    coverage?: MeasureResult['coverage'];
  },
): string {
  const clean = (s: string) => s.replace(/(\s*[—–-])+\s*$/, '').trim();
  const description = r.target ? clean(r.target.description) : '';
  const hasTarget =
    r.target !== null &&
    r.target.direction !== 'none' &&
    (r.target.value !== null || r.target.band !== null || r.target.baseline !== null);
  const head = description.length > 0 ? description : POLARITY_PHRASE[r.polarity];
  if (!hasTarget || r.status === 'no_target') return `${sentenceCase(head)}; no target set`;
  const partial = r.status === 'no_data' && r.coverage?.window === 'partial' && r.value !== null;
  const status = partial
    ? 'not judged (the data covers part of the period)'
    : STATUS_PHRASE[r.status];
  return status ? `${sentenceCase(head)}; ${status}` : sentenceCase(head);
}

/**
 * The notice for a result with nothing to show for the period, or null when there is something:
 * a headline value, a table, a breakdown value or a trend point. Views print "No value for this
 * period" only when this is not null, never above a full table.
 */
export function noValueNotice(
  r: Pick<MeasureResult, 'value' | 'table' | 'breakdown' | 'series'>,
): string | null {
  if (r.value !== null) return null;
  if ((r.table?.rows.length ?? 0) > 0) return null;
  if (r.breakdown.some((b) => b.value !== null)) return null;
  return 'No value for this period.';
}

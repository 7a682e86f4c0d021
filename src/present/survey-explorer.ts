/**
 * The survey explorer's words and tables, shared by `bluelamp survey explore` and the
 * `/surveys` pages: segment names (codes into words), each figure formatted once, the flags
 * said in full, and the CSV both offer (numbers unformatted, cells made safe for spreadsheets).
 */
import { safeCsvRow } from '../lib/csv-safe.ts';
import type { Proportion, Segment, SurveyExploration } from '../measures/survey/explore.ts';
import { SURVEY_FIELDS, type SurveyFieldName } from '../measures/survey/questions.ts';
import {
  DASH,
  formatCount,
  formatInterval,
  formatPercent,
  formatPeriodLabel,
  formatPoints,
  formatPValue,
  label,
} from './format.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DEMOGRAPHIC: ReadonlySet<SurveyFieldName> = new Set([
  'sex',
  'age_band',
  'ethnicity',
  'disability',
]);

/** The title of a field, as a column heading. */
export const fieldTitle = (f: SurveyFieldName): string => SURVEY_FIELDS[f].title;

/** A segment's name: the code in words, a day, an hour, or what a missing value means. */
export function segmentName(f: SurveyFieldName, value: string | null): string {
  if (value === null) return DEMOGRAPHIC.has(f) ? 'Not given' : 'Not recorded';
  switch (f) {
    case 'day_of_week':
      return DAYS[Number(value) - 1] ?? value;
    case 'hour':
      return `${value.padStart(2, '0')}:00–${value.padStart(2, '0')}:59`;
    case 'sex':
    case 'age_band':
    case 'ethnicity':
    case 'disability':
      return label(value, f);
    default:
      return value;
  }
}

export const FLAG_WORDS: Readonly<Record<Segment['flags'][number], string>> = {
  small_base: 'fewer than 30 respondents in the segment answered: read its share with care',
  no_comparison: 'everyone who answered is in this segment, so there is no one to compare with',
  weak_approximation:
    'fewer than 5 answers one way or the other, in the segment or in the rest: the test is approximate',
};

/** The flags in a word or two, for a table's notes column (FLAG_WORDS says them in full). */
export const FLAG_SHORT: Readonly<Record<Segment['flags'][number], string>> = {
  small_base: 'Fewer than 30',
  no_comparison: 'Nothing to compare',
  weak_approximation: 'Approximate test',
};

/** Each note and what it means, for the legend under the tables. */
export const FLAG_LEGEND = (Object.keys(FLAG_SHORT) as Segment['flags'][number][]).map((f) => ({
  note: FLAG_SHORT[f],
  meaning: FLAG_WORDS[f],
}));

/** "74% (95% interval 65–81%), 78 of 106", or a dash for no base. */
export function proportionText(p: Proportion): string {
  if (p.n === 0 || p.share === null) return `${DASH} (none)`;
  return `${formatPercent(p.share)} (${formatInterval(p.lower ?? 0, p.upper ?? 0)}), ${formatCount(p.x)} of ${formatCount(p.n)}`;
}

/** The summary above the tables, label and value. */
export function summaryOf(r: SurveyExploration): { label: string; value: string }[] {
  return [
    { label: 'Survey', value: r.title },
    { label: 'Period', value: formatPeriodLabel(r.period.label) },
    ...(r.lpas ? [{ label: 'Areas', value: r.lpas.join(', ') }] : []),
    { label: 'Responses', value: formatCount(r.responses) },
    {
      label: 'Response rate',
      value: r.responseRate
        ? `${proportionText(r.responseRate)} surveys sent answered`
        : 'Not known: no surveys sent are recorded for this survey',
    },
    { label: 'Left free text', value: proportionText(r.freeText) },
    { label: 'Gave demographics', value: proportionText(r.demographics) },
  ];
}

export interface SegmentCells {
  readonly segment: string;
  readonly respondents: string;
  readonly share: string;
  readonly interval: string;
  readonly difference: string;
  readonly p: string;
  readonly finding: string;
  readonly flags: readonly string[];
  /** The flags in short, joined ("Fewer than 30; Approximate test"). */
  readonly notes: string;
  readonly withheld: boolean;
  readonly significant: boolean;
}

export interface SegmentTable {
  readonly question: string;
  readonly questionTitle: string;
  readonly overall: string;
  readonly field: SurveyFieldName;
  readonly fieldTitle: string;
  readonly rows: readonly SegmentCells[];
}

const WITHHELD = 'Withheld';

function cellsOf(f: SurveyFieldName, s: Segment): SegmentCells {
  const name = segmentName(f, s.value);
  if (s.withheld)
    return {
      segment: name,
      respondents: WITHHELD,
      share: WITHHELD,
      interval: WITHHELD,
      difference: WITHHELD,
      p: WITHHELD,
      finding: 'Too few respondents to publish',
      flags: [],
      notes: '',
      withheld: true,
      significant: false,
    };
  return {
    segment: name,
    respondents: s.n === null ? DASH : formatCount(s.n),
    share: s.share === null ? DASH : formatPercent(s.share),
    interval: s.lower === null || s.upper === null ? DASH : formatInterval(s.lower, s.upper),
    difference: s.difference === null ? DASH : formatPoints(s.difference, 0),
    p: s.pAdjusted === null ? DASH : formatPValue(s.pAdjusted),
    finding:
      s.direction === 'higher'
        ? 'Higher than the rest'
        : s.direction === 'lower'
          ? 'Lower than the rest'
          : s.pAdjusted === null
            ? 'Not tested'
            : 'No clear difference',
    flags: s.flags.map((x) => FLAG_WORDS[x]),
    notes: s.flags.map((x) => FLAG_SHORT[x]).join('; '),
    withheld: false,
    significant: s.significant,
  };
}

/** One table per question and field, in the order asked. */
export function segmentTables(r: SurveyExploration): SegmentTable[] {
  return r.questions.flatMap((q) =>
    q.breakdowns.map((b) => ({
      question: q.question,
      questionTitle: q.title,
      overall: proportionText(q.overall),
      field: b.field,
      fieldTitle: fieldTitle(b.field),
      rows: b.segments.map((s) => cellsOf(b.field, s)),
    })),
  );
}

export const CSV_HEADER = [
  'survey',
  'period',
  'question',
  'field',
  'segment',
  'value',
  'respondents',
  'positive',
  'share',
  'lower_95',
  'upper_95',
  'rest_respondents',
  'rest_share',
  'difference',
  'p_value',
  'p_adjusted_bh',
  'significant',
  'direction',
  'small_base',
  'flags',
  'withheld',
] as const;

const num = (v: number | null, dp = 6) => (v === null ? '' : Number(v.toFixed(dp)));

/** Every segment of every question as CSV (one row each), safe to open in a spreadsheet. */
export function explorationCsv(r: SurveyExploration): string {
  const lines = [CSV_HEADER.join(',')];
  for (const q of r.questions)
    for (const b of q.breakdowns)
      for (const s of b.segments)
        lines.push(
          safeCsvRow([
            r.survey,
            r.period.label,
            q.question,
            b.field,
            segmentName(b.field, s.value),
            s.value ?? '',
            s.n,
            s.x,
            num(s.share),
            num(s.lower),
            num(s.upper),
            s.rest?.n ?? null,
            num(s.rest?.share ?? null),
            num(s.difference),
            num(s.pValue),
            num(s.pAdjusted),
            s.withheld ? '' : s.significant ? 'yes' : 'no',
            s.direction ?? '',
            s.withheld ? '' : s.flags.includes('small_base') ? 'yes' : 'no',
            s.flags.join(' '),
            s.withheld ? 'yes' : 'no',
          ]),
        );
  return `${lines.join('\n')}\n`;
}

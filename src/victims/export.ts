/**
 * The Victims' Code compliance export for the policing body's review of the force's compliance
 * (Victims and Prisoners Act 2024, ss6–8), in the documented shape of
 * docs/victims-code-export.md. Which figures it carries is a list of metric ids (the setting
 * `victimsCodeExportMetrics`; default: all), so the set can follow whatever the regulations and
 * guidance ask for without a change of code. Pure: figures in, document out.
 */
import { BluelampError } from '../lib/errors.ts';
import { safeCsvRow } from '../lib/csv-safe.ts';
import {
  breakdown,
  DIMENSIONS,
  FALSE_DISCOVERY_RATE,
  METRIC_IDS,
  METRICS,
  proportion,
  SMALL_GROUP,
  summarise,
  type Dimension,
  type MetricId,
  type Proportion,
} from './compliance.ts';
import { rightsStanding, type RightStanding } from './rights.ts';
import { COMPONENTS, INFORMED_CODE, type AuditCase } from './rule.ts';

export const EXPORT_FORMAT = 'bluelamp/victims-code-compliance';
export const EXPORT_VERSION = 1;

const REFERRAL_PARTS = [
  ['within_2_days', 'Need identified: referred within 2 days'],
  ['late', 'Need identified: referred, but after 2 days'],
  ['not_referred', 'Need identified: not referred'],
  [
    'not_told_apart',
    'Need identified: not referred within 2 days, late or not at all not recorded',
  ],
  ['na', 'Need identified: referral not applicable'],
] as const;

/** Every metric id the export knows, in its default order. */
export const EXPORT_METRIC_IDS: readonly string[] = [
  'cases_audited',
  ...METRIC_IDS,
  'need_identified',
  ...REFERRAL_PARTS.map(([k]) => `referral_${k}`),
  ...METRIC_IDS.flatMap((m) => DIMENSIONS.map((d) => `${m}_by_${d}`)),
];

/** Refuses a metric list naming an id the export does not know. */
export function checkMetricIds(ids: readonly string[]): void {
  const unknown = ids.filter((id) => !EXPORT_METRIC_IDS.includes(id));
  if (unknown.length > 0)
    throw new BluelampError(
      'CONFIG_INVALID',
      `The settings: victimsCodeExportMetrics: unknown metric ${unknown.map((u) => `"${u}"`).join(', ')}.`,
      {
        hint: `Metric ids are listed in docs/victims-code-export.md (e.g. ${EXPORT_METRIC_IDS.slice(0, 4).join(', ')}).`,
      },
    );
}

export interface ExportRow {
  readonly id: string;
  readonly title: string;
  readonly dimension: Dimension | null;
  /** The group's code in the dimension's vocabulary; null = not recorded (or no dimension). */
  readonly group: string | null;
  readonly numerator: number;
  /** null for a count. */
  readonly denominator: number | null;
  readonly value: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  /** Against the rest, Benjamini–Hochberg adjusted across the breakdown's groups. */
  readonly pAdjusted: number | null;
  readonly finding: 'higher' | 'lower' | null;
  readonly flags: readonly string[];
}

export interface ComplianceExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly force: string;
  readonly policingBody: string;
  readonly period: { readonly label: string; readonly start: string; readonly end: string };
  /** The areas covered: null = the whole force. */
  readonly areas: readonly string[] | null;
  readonly generatedAt: string;
  readonly rule: {
    readonly compliant: string;
    readonly components: readonly ExportComponent[];
    readonly besideCompliance: readonly ExportComponent[];
  };
  readonly rights: readonly RightStanding[];
  readonly method: {
    readonly interval: string;
    readonly test: string;
    readonly smallGroup: number;
    readonly falseDiscoveryRate: number;
  };
  readonly metrics: readonly ExportRow[];
}

interface ExportComponent {
  readonly id: string;
  readonly title: string;
  readonly question: string;
  readonly rule: string;
  readonly rights: readonly number[];
}

export interface ExportRequest {
  readonly cases: readonly AuditCase[];
  readonly period: { readonly label: string; readonly start: string; readonly end: string };
  readonly areas: readonly string[] | null;
  readonly force: string;
  readonly policingBody: string;
  readonly generatedAt: string;
  readonly notAuditable: readonly number[];
  /** null = every metric, in the default order. */
  readonly metrics: readonly string[] | null;
}

const ofProportion = (
  id: string,
  title: string,
  p: Proportion,
): Omit<ExportRow, 'dimension' | 'group'> => ({
  id,
  title,
  numerator: p.x,
  denominator: p.n,
  value: p.share,
  ciLower: p.lower,
  ciUpper: p.upper,
  pAdjusted: null,
  finding: null,
  flags: [],
});

const component = (k: (typeof COMPONENTS)[number] | typeof INFORMED_CODE): ExportComponent => ({
  id: k.id,
  title: k.title,
  question: k.question,
  rule: k.rule,
  rights: k.rights,
});

export function complianceExport(r: ExportRequest): ComplianceExport {
  const ids = r.metrics ?? EXPORT_METRIC_IDS;
  checkMetricIds(ids);
  const summary = summarise(r.cases);
  const plain = (x: Omit<ExportRow, 'dimension' | 'group'>): ExportRow[] => [
    { ...x, dimension: null, group: null },
  ];
  const count = (id: string, title: string, n: number) =>
    plain({
      ...ofProportion(id, title, proportion(n, n)),
      denominator: null,
      value: null,
      ciLower: null,
      ciUpper: null,
    });
  const rows = ids.flatMap((id): ExportRow[] => {
    if (id === 'cases_audited') return count(id, 'Cases audited', r.cases.length);
    if (id === 'need_identified')
      return plain(
        ofProportion(
          id,
          'Cases with a support need identified',
          proportion(summary.referral.needIdentified, r.cases.length),
        ),
      );
    const part = REFERRAL_PARTS.find(([k]) => id === `referral_${k}`);
    if (part) return plain(ofProportion(id, part[1], summary.referral.shares[part[0]]));
    const by = /^(.+)_by_(.+)$/.exec(id);
    if (by) {
      const [metric, dimension] = [by[1] as MetricId, by[2] as Dimension];
      const b = breakdown(r.cases, metric, dimension);
      const title = METRICS.find((m) => m.id === metric)!.title;
      return b.groups.map((g) => ({
        ...ofProportion(id, `${title}, by ${dimension.replace('_', ' ')}`, g),
        dimension,
        group: g.value,
        pAdjusted: g.pAdjusted,
        finding: g.direction,
        flags: g.flags,
      }));
    }
    const metric = METRICS.find((m) => m.id === id)!;
    const k = [...summary.components, summary.informedCode].find((c) => c.id === id);
    return plain(ofProportion(id, metric.title, k ? k.metOfApplicable : summary.compliance));
  });
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    force: r.force,
    policingBody: r.policingBody,
    period: r.period,
    areas: r.areas,
    generatedAt: r.generatedAt,
    rule: {
      compliant: METRICS[0]!.definition,
      components: COMPONENTS.map(component),
      besideCompliance: [component(INFORMED_CODE)],
    },
    rights: rightsStanding(r.notAuditable),
    method: {
      interval: 'Wilson score interval, 95%',
      test: 'each group against all other cases the measure applies to: pooled two-proportion z-test, two-sided; p adjusted by Benjamini–Hochberg across the groups of one breakdown',
      smallGroup: SMALL_GROUP,
      falseDiscoveryRate: FALSE_DISCOVERY_RATE,
    },
    metrics: rows,
  };
}

export const CSV_HEADER = [
  'section',
  'id',
  'title',
  'dimension',
  'group',
  'numerator',
  'denominator',
  'value',
  'ci_lower',
  'ci_upper',
  'p_adjusted',
  'finding',
  'notes',
] as const;

const num = (v: number | null) => (v === null ? null : Number(v.toFixed(6)));

/** The export as one CSV: about rows, then the rights, then the metrics. */
export function exportCsv(e: ComplianceExport): string {
  const about = (id: string, title: string) =>
    safeCsvRow(['about', id, title, null, null, null, null, null, null, null, null, null, null]);
  const lines = [
    CSV_HEADER.join(','),
    about('format', `${e.format} v${e.version}`),
    about('force', e.force),
    about('policing_body', e.policingBody),
    about('period', `${e.period.label} (${e.period.start} to ${e.period.end}, end exclusive)`),
    about('areas', e.areas === null ? 'whole force' : e.areas.join('; ')),
    about('generated_at', e.generatedAt),
    ...e.rights.map((r) =>
      safeCsvRow([
        'right',
        `right_${r.n}`,
        r.right,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        r.status,
        r.questions.join('; '),
      ]),
    ),
    ...e.metrics.map((m) =>
      safeCsvRow([
        'metric',
        m.id,
        m.title,
        m.dimension,
        m.dimension === null ? null : (m.group ?? 'not_recorded'),
        m.numerator,
        m.denominator,
        num(m.value),
        num(m.ciLower),
        num(m.ciUpper),
        num(m.pAdjusted),
        m.finding,
        m.flags.join('; '),
      ]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

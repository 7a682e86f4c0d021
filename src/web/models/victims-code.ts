/**
 * The Victims' Code pages' models (`/victims-code`, `/victims-code/withdrawals`): figures from
 * src/victims turned into the rows the views print, en-GB. Nothing here works a figure out.
 */
import { WITHDRAWAL_REASONS, WITHDRAWAL_STAGES } from '../../facts/reference/withdrawals.ts';
import {
  DASH,
  formatCount,
  formatInterval,
  formatPercent,
  formatPeriodLabel,
  formatPoints,
  formatPValue,
  label,
  plural,
} from '../../present/format.ts';
import {
  DIMENSIONS,
  METRICS,
  SMALL_GROUP,
  type Breakdown,
  type Dimension,
  type GroupFlag,
  type MetricId,
  type Proportion,
} from '../../victims/compliance.ts';
import { crimeTypeLabel } from '../../victims/crime-type.ts';
import type { ComplianceFigures, WithdrawalFigures } from '../../victims/figures.ts';
import { rightsStanding, type RightStatus } from '../../victims/rights.ts';
import { CRIME_GROUPS, type GroupAttrition } from '../../victims/withdrawals.ts';

export const DIMENSION_TITLES: Record<Dimension, string> = {
  lpa: 'Local policing area',
  crime_type: 'Crime type',
  sex: 'Sex',
  age_band: 'Age band',
  ethnicity: 'Ethnicity',
};

const share = (p: Proportion) => (p.share === null ? DASH : formatPercent(p.share));
const interval = (p: Proportion) =>
  p.lower === null || p.upper === null ? DASH : formatInterval(p.lower, p.upper);
const ofN = (p: Proportion) => `${formatCount(p.x)} of ${formatCount(p.n)}`;

function groupLabel(d: Dimension, value: string | null): string {
  if (value === null) return d === 'crime_type' ? 'Not linked to a crime' : 'Not recorded';
  if (d === 'lpa') return value;
  if (d === 'crime_type') return crimeTypeLabel(value);
  return label(value, d === 'age_band' ? 'age_band' : d);
}

const FLAG_WORDS: Record<GroupFlag, string> = {
  small_group: `under ${SMALL_GROUP} cases`,
  weak_approximation: 'too few to test reliably',
  no_comparison: 'nothing to compare with',
};
const notes = (flags: readonly GroupFlag[]) =>
  flags
    .map((f) => FLAG_WORDS[f])
    .join('; ')
    .replace(/^./, (c) => c.toUpperCase());

export interface BreakdownTable {
  readonly id: string;
  readonly title: string;
  readonly overall: string;
  readonly rows: readonly {
    readonly group: string;
    readonly cases: string;
    readonly share: string;
    readonly interval: string;
    readonly difference: string;
    readonly p: string;
    readonly finding: string;
    readonly tone: 'green' | 'red' | null;
    readonly notes: string;
  }[];
}

function breakdownTable(b: Breakdown): BreakdownTable {
  return {
    id: `by-${b.dimension}`,
    title: `By ${DIMENSION_TITLES[b.dimension].toLowerCase()}`,
    overall: b.overall.n === 0 ? 'No cases' : `${share(b.overall)} (${ofN(b.overall)})`,
    rows: b.groups.map((g) => ({
      group: groupLabel(b.dimension, g.value),
      cases: formatCount(g.n),
      share: share(g),
      interval: interval(g),
      difference: g.difference === null ? DASH : formatPoints(g.difference, 0),
      p: g.pAdjusted === null ? DASH : formatPValue(g.pAdjusted),
      finding:
        g.direction === 'higher'
          ? 'Higher than the rest'
          : g.direction === 'lower'
            ? 'Lower than the rest'
            : g.pAdjusted === null
              ? 'Not tested'
              : 'No clear difference',
      tone: g.direction === 'higher' ? 'green' : g.direction === 'lower' ? 'red' : null,
      notes: notes(g.flags),
    })),
  };
}

const RIGHT_STATUS: Record<RightStatus, { text: string; classes: string }> = {
  audited: { text: 'Audited', classes: 'govuk-tag--green' },
  not_yet_auditable: { text: 'Not yet auditable', classes: 'govuk-tag--orange' },
  not_covered: { text: 'Not covered by this audit', classes: 'govuk-tag--grey' },
};

const REFERRAL_ROWS = [
  ['within_2_days', 'Referred within 2 days'],
  ['late', 'Referred, but after 2 days'],
  ['not_referred', 'Not referred'],
  ['not_told_apart', 'Not referred within 2 days (late or not at all not recorded)'],
  ['na', 'Referral not applicable'],
] as const;

/** The compliance page's figures for the chosen measure's breakdowns. */
export function compliancePage(
  f: ComplianceFigures,
  metric: MetricId,
  notAuditable: readonly number[],
) {
  const s = f.summary;
  const components = [...s.components, s.informedCode].map((k) => ({
    title: k.title,
    question: k.question,
    rule: k.rule,
    inside: k.insideCompliance,
    met: formatCount(k.met),
    notMet: formatCount(k.notMet),
    notApplicable: formatCount(k.notApplicable),
    metOfAll: share(k.metOfAll),
    notMetOfApplicable:
      k.notMetOfApplicable.share === null
        ? DASH
        : `${share(k.notMetOfApplicable)} (${ofN(k.notMetOfApplicable)})`,
  }));
  const rights = rightsStanding(notAuditable).map((r) => ({
    n: r.n,
    right: r.right,
    status: RIGHT_STATUS[r.status],
    questions: r.questions.join('; ') || DASH,
  }));
  const m = METRICS.find((x) => x.id === metric)!;
  return {
    periodText: formatPeriodLabel(f.period.label),
    cases: s.cases,
    casesText: plural(s.cases, 'audited case'),
    compliance: {
      share: share(s.compliance),
      of: ofN(s.compliance),
      interval: interval(s.compliance),
    },
    components,
    referral: {
      needText: plural(s.referral.needIdentified, 'case'),
      rows: REFERRAL_ROWS.filter(([k]) => k !== 'not_told_apart' || s.referral.counts[k] > 0).map(
        ([k, text]) => ({
          text,
          count: formatCount(s.referral.counts[k]),
          share: share(s.referral.shares[k]),
        }),
      ),
    },
    metric: { id: m.id, title: m.title, definition: m.definition },
    breakdowns: DIMENSIONS.map((d) =>
      breakdownTable(f.breakdowns.find((b) => b.metric === metric && b.dimension === d)!),
    ),
    rights,
    notAuditable: rights.filter((r) => notAuditable.includes(r.n)),
  };
}

/** The measures a breakdown can be of, named short enough for a select on a phone. */
const SHORT_TITLES: Record<MetricId, string> = {
  compliance: 'Compliant cases',
  acknowledgement: 'Acknowledgement',
  updates_timely: 'Updates on time',
  vps_offered: 'VPS offered',
  referral: 'Referred within 2 days',
  end_of_journey: 'Told of the end of the journey',
  informed_code: 'Told about the Code (beside)',
};

export const metricChoices = (selected: MetricId) =>
  METRICS.map((m) => ({ value: m.id, text: SHORT_TITLES[m.id], selected: m.id === selected }));

const countCell = (c: { count: number; share: number | null }) =>
  c.share === null ? formatCount(c.count) : `${formatCount(c.count)} (${formatPercent(c.share)})`;

function groupColumns(groups: readonly GroupAttrition[]) {
  return CRIME_GROUPS.map((g) => groups.find((x) => x.group === g.id)!);
}

/** The withdrawals page: attrition by stage and reason, VAWG beside all crime, and by area. */
export function withdrawalsPage(f: WithdrawalFigures) {
  const groups = groupColumns(f.attrition.groups);
  const proportionText = (p: Proportion) => (p.share === null ? DASH : `${share(p)} (${ofN(p)})`);
  return {
    periodText: formatPeriodLabel(f.period.label),
    groups: CRIME_GROUPS.map((g) => g.label),
    total: groups.reduce((n, g) => Math.max(n, g.withdrawals), 0),
    summary: [
      { label: 'Withdrawals recorded', cells: groups.map((g) => formatCount(g.withdrawals)) },
      {
        label: 'Outcome 16 assigned (share of outcomes)',
        cells: groups.map((g) => proportionText(g.outcome16)),
      },
      {
        label: 'Outcome-16 crimes with a withdrawal recorded',
        cells: groups.map((g) => proportionText(g.outcome16Recorded)),
      },
      {
        label: 'Withdrawals whose crime ended in outcome 16',
        cells: groups.map((g) => proportionText(g.endedInOutcome16)),
      },
      {
        label: 'Withdrawals with a reason recorded',
        cells: groups.map((g) => proportionText(g.reasonRecorded)),
      },
    ],
    stages: WITHDRAWAL_STAGES.map((s) => ({
      label: s.label,
      hint: s.description,
      cells: groups.map((g) => countCell(g.byStage[s.stage])),
    })),
    reasons: WITHDRAWAL_REASONS.map((r) => ({
      label: r.label,
      cells: groups.map((g) => countCell(g.byReason[r.reason])),
    })),
    crossTab: {
      stages: WITHDRAWAL_STAGES.map((s) => s.label),
      rows: WITHDRAWAL_REASONS.map((r) => ({
        label: r.label,
        cells: WITHDRAWAL_STAGES.map((s) => formatCount(groups[1]!.stageReason[s.stage][r.reason])),
      })),
    },
    areas: f.attrition.areas.map((a) => ({
      lpa: a.lpa,
      all: formatCount(a.withdrawals.all),
      vawg: formatCount(a.withdrawals.vawg),
      stages: WITHDRAWAL_STAGES.map((s) => formatCount(a.byStage[s.stage])),
      oc16: formatCount(a.outcome16.all),
      oc16Vawg: formatCount(a.outcome16.vawg),
      recorded: proportionText(a.outcome16Recorded),
    })),
    stageTitles: WITHDRAWAL_STAGES.map((s) => s.label),
  };
}

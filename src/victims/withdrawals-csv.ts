/**
 * Victims' withdrawals as one long CSV (the page's download, `bluelamp withdrawals --format
 * csv`): one figure a row, `section,crime_group,lpa,stage,reason,measure,numerator,denominator,
 * value`, codes from the import format's vocabularies (docs/data-format.md). Pure.
 */
import { safeCsvRow } from '../lib/csv-safe.ts';
import { WITHDRAWAL_REASONS, WITHDRAWAL_STAGES } from '../facts/reference/withdrawals.ts';
import type { Proportion } from './compliance.ts';
import type { WithdrawalFigures } from './figures.ts';

export const ATTRITION_CSV_HEADER = [
  'section',
  'crime_group',
  'lpa',
  'stage',
  'reason',
  'measure',
  'numerator',
  'denominator',
  'value',
] as const;

type Cell = string | number | null;
const round = (v: number | null) => (v === null ? null : Number(v.toFixed(6)));

export function attritionCsv(f: WithdrawalFigures): string {
  const rows: Cell[][] = [];
  const ratio = (
    section: string,
    group: string,
    lpa: string | null,
    measure: string,
    p: Proportion,
  ) => rows.push([section, group, lpa, null, null, measure, p.x, p.n, round(p.share)]);
  for (const g of f.attrition.groups) {
    rows.push(['summary', g.group, null, null, null, 'withdrawals', g.withdrawals, null, null]);
    ratio('summary', g.group, null, 'outcome_16_of_outcomes', g.outcome16);
    ratio('summary', g.group, null, 'outcome_16_with_withdrawal_recorded', g.outcome16Recorded);
    ratio('summary', g.group, null, 'withdrawals_ending_in_outcome_16', g.endedInOutcome16);
    ratio('summary', g.group, null, 'withdrawals_with_reason_recorded', g.reasonRecorded);
    for (const s of WITHDRAWAL_STAGES) {
      const c = g.byStage[s.stage];
      rows.push([
        'stage',
        g.group,
        null,
        s.stage,
        null,
        'withdrawals',
        c.count,
        g.withdrawals,
        round(c.share),
      ]);
    }
    for (const r of WITHDRAWAL_REASONS) {
      const c = g.byReason[r.reason];
      rows.push([
        'reason',
        g.group,
        null,
        null,
        r.reason,
        'withdrawals',
        c.count,
        g.withdrawals,
        round(c.share),
      ]);
    }
    for (const s of WITHDRAWAL_STAGES)
      for (const r of WITHDRAWAL_REASONS)
        rows.push([
          'stage_reason',
          g.group,
          null,
          s.stage,
          r.reason,
          'withdrawals',
          g.stageReason[s.stage][r.reason],
          null,
          null,
        ]);
  }
  for (const a of f.attrition.areas) {
    for (const group of ['vawg', 'all'] as const) {
      rows.push([
        'area',
        group,
        a.lpa,
        null,
        null,
        'withdrawals',
        a.withdrawals[group],
        null,
        null,
      ]);
      rows.push(['area', group, a.lpa, null, null, 'outcome_16', a.outcome16[group], null, null]);
    }
    for (const s of WITHDRAWAL_STAGES)
      rows.push([
        'area',
        'all',
        a.lpa,
        s.stage,
        null,
        'withdrawals',
        a.byStage[s.stage],
        null,
        null,
      ]);
    ratio('area', 'all', a.lpa, 'outcome_16_with_withdrawal_recorded', a.outcome16Recorded);
  }
  return `${[ATTRITION_CSV_HEADER.join(','), ...rows.map(safeCsvRow)].join('\n')}\n`;
}

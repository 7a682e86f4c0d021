/**
 * The SQL of the Victims' Code pages and exports: audited cases and victims' withdrawals in a
 * period. Only our own identifiers and reference constants are spliced into the text; the
 * period and the areas are always bound parameters. A victim's date of birth never leaves the
 * store: the query turns it into the age band at the audit date (`auditAgeBandSql`).
 */
import { OFFENCE_SUBGROUPS } from '../facts/reference/offence-subgroups.ts';
import type { FactsStore } from '../facts/store.ts';
import { auditAgeBandSql } from '../facts/tables.ts';
import { inList, Params, type CompiledQuery } from '../measures/compile/params.ts';
import { crimeTypeSql } from './crime-type.ts';
import type { Answer, AuditCase, ReferralOutcome } from './rule.ts';

export interface Scope {
  /** [start, end) as "YYYY-MM-DD" London dates. */
  readonly start: string;
  readonly end: string;
  /** Only these local policing areas (a scoped user's); null = the whole force. */
  readonly lpas: readonly string[] | null;
}

const bindList = (p: Params, values: readonly string[]) => values.map((v) => p.bind(v)).join(', ');

/** Every case audited in the period, with the linked crime's type and the victim's age band. */
export function auditCasesQuery(s: Scope): CompiledQuery {
  const p = new Params();
  const lo = p.bind(s.start);
  const hi = p.bind(s.end);
  const scope = s.lpas ? `AND a.lpa IN (${bindList(p, s.lpas)})` : '';
  const sql = `SELECT a.case_id, CAST(a.audited_at AS VARCHAR) AS audited_at, a.lpa,
  ${crimeTypeSql()} AS crime_type,
  a.acknowledgement, a.updates_timely, a.vps_offered, a.need_identified,
  a.referred_within_2_days, a.referral, a.informed_code, a.informed_end_of_journey,
  a.victim_sex, ${auditAgeBandSql('a')} AS age_band, a.victim_ethnicity
FROM victims_code_audits a LEFT JOIN crimes c ON c.crime_id = a.crime_id
WHERE a.audited_at >= CAST(${lo} AS DATE) AND a.audited_at < CAST(${hi} AS DATE) ${scope}
ORDER BY a.audited_at, a.case_id`;
  return { purpose: "Victims' Code: audited cases", sql, params: p.values };
}

interface CaseRow {
  case_id: string;
  audited_at: string;
  lpa: string;
  crime_type: string | null;
  acknowledgement: Answer;
  updates_timely: Answer;
  vps_offered: Answer;
  need_identified: Answer;
  referred_within_2_days: Answer;
  referral: ReferralOutcome | null;
  informed_code: Answer;
  informed_end_of_journey: Answer;
  victim_sex: string | null;
  age_band: string | null;
  victim_ethnicity: string | null;
  [k: string]: unknown;
}

export async function readAuditCases(store: FactsStore, s: Scope): Promise<AuditCase[]> {
  const q = auditCasesQuery(s);
  const rows = await store.all<CaseRow>(q.sql, q.params);
  return rows.map((r) => ({
    caseId: r.case_id,
    auditedAt: r.audited_at,
    lpa: r.lpa,
    crimeType: r.crime_type,
    acknowledgement: r.acknowledgement,
    updatesTimely: r.updates_timely,
    vpsOffered: r.vps_offered,
    needIdentified: r.need_identified,
    referredWithin2Days: r.referred_within_2_days,
    referral: r.referral,
    informedCode: r.informed_code,
    informedEndOfJourney: r.informed_end_of_journey,
    sex: r.victim_sex,
    ageBand: r.age_band,
    ethnicity: r.victim_ethnicity,
  }));
}

/** VAWG (as `vawg_oc16` reads it): rape, other sexual offences, stalking and harassment, or domestic abuse. */
export const vawgSql = (alias: string): string =>
  `(${alias}.domestic_abuse OR ${alias}.offence_subgroup IN (${inList(
    OFFENCE_SUBGROUPS.filter((s) => s.vawg).map((s) => s.subgroup),
  )}))`;

/** One withdrawal recorded in the period, with its crime's area, VAWG group and outcome. */
export interface WithdrawalRow {
  readonly withdrawalId: string;
  readonly crimeId: string;
  readonly stage: string;
  readonly reason: string;
  readonly lpa: string;
  readonly vawg: boolean;
  /** The crime's outcome type, if one is assigned (at any time). */
  readonly outcomeType: string | null;
}

export function withdrawalsQuery(s: Scope): CompiledQuery {
  const p = new Params();
  const lo = p.bind(s.start);
  const hi = p.bind(s.end);
  const scope = s.lpas ? `AND c.lpa IN (${bindList(p, s.lpas)})` : '';
  const sql = `SELECT w.withdrawal_id, w.crime_id, w.stage, w.reason, c.lpa, ${vawgSql('c')} AS vawg, o.outcome_type
FROM victim_withdrawals w JOIN crimes c ON c.crime_id = w.crime_id
LEFT JOIN outcomes o ON o.crime_id = w.crime_id
WHERE w.withdrew_at >= CAST(${lo} AS DATE) AND w.withdrew_at < CAST(${hi} AS DATE) ${scope}
ORDER BY w.withdrew_at, w.withdrawal_id`;
  return { purpose: "victims' withdrawals", sql, params: p.values };
}

export async function readWithdrawals(store: FactsStore, s: Scope): Promise<WithdrawalRow[]> {
  const q = withdrawalsQuery(s);
  const rows = await store.all<{
    withdrawal_id: string;
    crime_id: string;
    stage: string;
    reason: string;
    lpa: string;
    vawg: boolean;
    outcome_type: string | null;
  }>(q.sql, q.params);
  return rows.map((r) => ({
    withdrawalId: r.withdrawal_id,
    crimeId: r.crime_id,
    stage: r.stage,
    reason: r.reason,
    lpa: r.lpa,
    vawg: r.vawg === true,
    outcomeType: r.outcome_type,
  }));
}

/**
 * Outcomes assigned in the period (as `vawg_oc16` counts them: by outcome date, whenever the
 * crime was recorded), by area and VAWG group: all outcomes, outcome 16, and outcome-16 crimes
 * with a withdrawal recorded (at any date), so the page can say how much of outcome 16 the
 * withdrawal records explain.
 */
export function outcomeSixteenQuery(s: Scope): CompiledQuery {
  const p = new Params();
  const lo = p.bind(s.start);
  const hi = p.bind(s.end);
  const scope = s.lpas ? `AND c.lpa IN (${bindList(p, s.lpas)})` : '';
  const sql = `SELECT c.lpa, ${vawgSql('c')} AS vawg, count(*) AS outcomes,
  count(*) FILTER (WHERE o.outcome_type = '16') AS oc16,
  count(*) FILTER (WHERE o.outcome_type = '16' AND EXISTS (SELECT 1 FROM victim_withdrawals w WHERE w.crime_id = o.crime_id)) AS oc16_with_withdrawal
FROM outcomes o JOIN crimes c ON c.crime_id = o.crime_id
WHERE o.outcome_at >= CAST(${lo} AS TIMESTAMP) AND o.outcome_at < CAST(${hi} AS TIMESTAMP) ${scope}
GROUP BY ALL ORDER BY c.lpa, vawg`;
  return { purpose: 'outcome 16 beside withdrawals', sql, params: p.values };
}

export interface OutcomeCounts {
  readonly lpa: string;
  readonly vawg: boolean;
  readonly outcomes: number;
  readonly oc16: number;
  readonly oc16WithWithdrawal: number;
}

export async function readOutcomeSixteen(store: FactsStore, s: Scope): Promise<OutcomeCounts[]> {
  const q = outcomeSixteenQuery(s);
  const rows = await store.all<{
    lpa: string;
    vawg: boolean;
    outcomes: bigint;
    oc16: bigint;
    oc16_with_withdrawal: bigint;
  }>(q.sql, q.params);
  return rows.map((r) => ({
    lpa: r.lpa,
    vawg: r.vawg === true,
    outcomes: Number(r.outcomes),
    oc16: Number(r.oc16),
    oc16WithWithdrawal: Number(r.oc16_with_withdrawal),
  }));
}

/**
 * The Victims' Code compliance rule of the force's self-assessment audit (seed 002), as data:
 * a case complies when every component is met — acknowledgement Yes or N/A; updates timely Yes;
 * VPS offered Yes or N/A; where a need was identified, referred within 2 days Yes or N/A; told of
 * the end of the criminal justice journey Yes or N/A. Being told about the Code is judged the same
 * way and reported beside compliance, never inside it (the seed: "included for reference but
 * isn't included in overall compliance calculation"). Pure functions only.
 */
import type { REFERRAL_OUTCOMES } from '../facts/tables.ts';

export type Answer = 'yes' | 'no' | 'n/a';
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** One audited case as the rule reads it (src/victims/sql.ts reads them from the facts). */
export interface AuditCase {
  readonly caseId: string;
  readonly auditedAt: string;
  readonly lpa: string;
  /** The linked crime's type (src/victims/crime-type.ts); null when no crime is linked. */
  readonly crimeType: string | null;
  readonly acknowledgement: Answer;
  readonly updatesTimely: Answer;
  readonly vpsOffered: Answer;
  readonly needIdentified: Answer;
  readonly referredWithin2Days: Answer;
  /** Null in files made before the column, or when the audit did not tell it apart. */
  readonly referral: ReferralOutcome | null;
  readonly informedCode: Answer;
  readonly informedEndOfJourney: Answer;
  readonly sex: string | null;
  /** As given, else from the date of birth at the audit date (the date itself is never read out). */
  readonly ageBand: string | null;
  readonly ethnicity: string | null;
}

/** A component's verdict on one case: met, not met, or not applicable (which counts as met). */
export type Verdict = 'met' | 'not_met' | 'not_applicable';

export const COMPONENT_IDS = [
  'acknowledgement',
  'updates_timely',
  'vps_offered',
  'referral',
  'end_of_journey',
] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];

export interface Component {
  readonly id: ComponentId | 'informed_code';
  readonly title: string;
  /** The audit's question, as the form asks it. */
  readonly question: string;
  /** The rule in words, as the page and the export state it. */
  readonly rule: string;
  /** The Code's rights (numbers of the 12) this question tells about. */
  readonly rights: readonly number[];
  readonly verdict: (c: AuditCase) => Verdict;
}

/** Yes is met; N/A is met as not applicable when the rule allows it, else not met; No is not met. */
const answered =
  (pick: (c: AuditCase) => Answer, naPasses: boolean) =>
  (c: AuditCase): Verdict => {
    const a = pick(c);
    if (a === 'yes') return 'met';
    if (a === 'n/a') return naPasses ? 'not_applicable' : 'not_met';
    return 'not_met';
  };

export const COMPONENTS: readonly Component[] = [
  {
    id: 'acknowledgement',
    title: 'Acknowledgement',
    question: 'Did the victim receive an acknowledgement that the crime was recorded?',
    rule: 'Yes or N/A',
    rights: [3],
    verdict: answered((c) => c.acknowledgement, true),
  },
  {
    id: 'updates_timely',
    title: 'Updates on time',
    question: 'Were the updates timely?',
    rule: 'Yes (N/A does not count as met)',
    rights: [6],
    verdict: answered((c) => c.updatesTimely, false),
  },
  {
    id: 'vps_offered',
    title: 'Victim Personal Statement offered',
    question: 'Was a Victim Personal Statement offered?',
    rule: 'Yes or N/A',
    rights: [7],
    verdict: answered((c) => c.vpsOffered, true),
  },
  {
    id: 'referral',
    title: 'Referred to support within 2 days',
    question:
      'If a need was identified, was the victim referred to support services within 2 days?',
    rule: 'No need identified, or referred within 2 days Yes or N/A',
    rights: [4],
    verdict: (c) =>
      c.needIdentified !== 'yes'
        ? 'not_applicable'
        : answered((x) => x.referredWithin2Days, true)(c),
  },
  {
    id: 'end_of_journey',
    title: 'Told of the end of the criminal justice journey',
    question: 'Was the victim informed of the end of their criminal justice journey?',
    rule: 'Yes or N/A',
    rights: [9],
    verdict: answered((c) => c.informedEndOfJourney, true),
  },
];

/** Reported beside compliance, outside it. */
export const INFORMED_CODE: Component = {
  id: 'informed_code',
  title: "Told about the Victims' Code",
  question: "Was the victim informed about the Victims' Code and given a link to it?",
  rule: 'Yes (reported beside compliance, not part of it)',
  rights: [3],
  verdict: answered((c) => c.informedCode, false),
};

/** A case complies when no component is not met. */
export function isCompliant(c: AuditCase): boolean {
  return COMPONENTS.every((k) => k.verdict(c) !== 'not_met');
}

/**
 * Where a case stands on referral: no need identified; or, with a need, referred within 2 days,
 * late, not referred, not applicable — or `not_told_apart` when the audit says only "not within 2
 * days" (files made before the `referral` column).
 */
export type ReferralStanding =
  'no_need' | 'within_2_days' | 'late' | 'not_referred' | 'not_told_apart' | 'na';

export function referralStanding(c: AuditCase): ReferralStanding {
  if (c.needIdentified !== 'yes') return 'no_need';
  if (c.referral !== null) return c.referral;
  if (c.referredWithin2Days === 'yes') return 'within_2_days';
  if (c.referredWithin2Days === 'n/a') return 'na';
  return 'not_told_apart';
}

/**
 * The figures the synthetic force is simulated to, as plain typed data. Published figures
 * come from the design documents' calibration.md (seed 003's 2021/22 Q1 report unless marked 002);
 * where calibration.md gives no figure the demo's own choice is marked `chosen`.
 * The generators read these parameters; the measure engine never reads this file.
 */
import type { ScorecardCrimeGroup } from '../facts/reference/offence-subgroups.ts';

/** A value in Q1 2021/22 (Apr–Jun 2021) and in Q1 2019/20 (Apr–Jun 2019, the COVID-free baseline). */
export interface Anchors {
  readonly q1_2021: number;
  readonly q1_2019: number;
}

export interface CrimeGroupCalibration extends Anchors {
  /** Outcomes assigned in Q1 2021/22 to crimes of the group. */
  readonly outcomesQ1_2021: number;
  readonly actionTakenRate: number;
  readonly oc16Rate: number;
}

export const CRIME_GROUPS: Readonly<Record<ScorecardCrimeGroup, CrimeGroupCalibration>> = {
  violence_with_injury: {
    q1_2021: 2641,
    q1_2019: 2775,
    outcomesQ1_2021: 2305,
    actionTakenRate: 0.12,
    oc16Rate: 0.5,
  },
  violence_without_injury: {
    q1_2021: 6613,
    q1_2019: 5373,
    outcomesQ1_2021: 6119,
    actionTakenRate: 0.06,
    oc16Rate: 0.58,
  },
  rape: { q1_2021: 378, q1_2019: 320, outcomesQ1_2021: 280, actionTakenRate: 0.03, oc16Rate: 0.43 },
  other_sexual_offences: {
    q1_2021: 655,
    q1_2019: 552,
    outcomesQ1_2021: 597,
    actionTakenRate: 0.11,
    oc16Rate: 0.35,
  },
  personal_robbery: {
    q1_2021: 114,
    q1_2019: 144,
    outcomesQ1_2021: 125,
    actionTakenRate: 0.1,
    oc16Rate: 0.27,
  },
  business_robbery: {
    q1_2021: 9,
    q1_2019: 13,
    outcomesQ1_2021: 7,
    actionTakenRate: 0,
    oc16Rate: 0,
  },
  residential_burglary: {
    q1_2021: 469,
    q1_2019: 662,
    outcomesQ1_2021: 427,
    actionTakenRate: 0.04,
    oc16Rate: 0.1,
  },
  business_burglary: {
    q1_2021: 518,
    q1_2019: 951,
    outcomesQ1_2021: 521,
    actionTakenRate: 0.05,
    oc16Rate: 0.03,
  },
  vehicle_offences: {
    q1_2021: 849,
    q1_2019: 1325,
    outcomesQ1_2021: 832,
    actionTakenRate: 0.03,
    oc16Rate: 0.05,
  },
  theft_from_person: {
    q1_2021: 101,
    q1_2019: 170,
    outcomesQ1_2021: 82,
    actionTakenRate: 0.01,
    oc16Rate: 0.28,
  },
  bicycle_theft: {
    q1_2021: 160,
    q1_2019: 229,
    outcomesQ1_2021: 156,
    actionTakenRate: 0.06,
    oc16Rate: 0.04,
  },
  shoplifting: {
    q1_2021: 1410,
    q1_2019: 2011,
    outcomesQ1_2021: 1250,
    actionTakenRate: 0.21,
    oc16Rate: 0.07,
  },
  all_other_theft: {
    q1_2021: 1648,
    q1_2019: 2116,
    outcomesQ1_2021: 1579,
    actionTakenRate: 0.03,
    oc16Rate: 0.17,
  },
  criminal_damage_arson: {
    q1_2021: 2222,
    q1_2019: 2386,
    outcomesQ1_2021: 2066,
    actionTakenRate: 0.07,
    oc16Rate: 0.19,
  },
  drug_offences: {
    q1_2021: 642,
    q1_2019: 527,
    outcomesQ1_2021: 557,
    actionTakenRate: 0.61,
    oc16Rate: 0.08,
  },
  possession_of_weapons: {
    q1_2021: 226,
    q1_2019: 260,
    outcomesQ1_2021: 177,
    actionTakenRate: 0.36,
    oc16Rate: 0.18,
  },
  public_order: {
    q1_2021: 1929,
    q1_2019: 1353,
    outcomesQ1_2021: 1752,
    actionTakenRate: 0.12,
    oc16Rate: 0.45,
  },
  misc_crimes_against_society: {
    q1_2021: 425,
    q1_2019: 330,
    outcomesQ1_2021: 338,
    actionTakenRate: 0.17,
    oc16Rate: 0.25,
  },
};

export const TOTAL_RECORDED_CRIME: Anchors = { q1_2021: 21009, q1_2019: 21497 };

/** Crime-table flags counted over notifiable crimes only. */
export const CRIME_FLAG_COUNTS = {
  cyber_enabled: { q1_2021: 1421, q1_2019: 804 },
  alcohol_related: { q1_2021: 1475, q1_2019: 1694 },
} as const satisfies Record<string, Anchors>;

/** Priorities: crimes and crimed incidents with the marker. */
export const PRIORITY_COUNTS = {
  hate: { q1_2021: 708, q1_2019: 453 },
  vulnerable_adult: { q1_2021: 4378, q1_2019: 3511 },
  child_at_risk: { q1_2021: 6447, q1_2019: 5391 },
  cse: { q1_2021: 137, q1_2019: 179 },
  domestic_abuse: { q1_2021: 6883, q1_2019: 6705 },
} as const satisfies Record<string, Anchors>;

/**
 * Chosen: how each priority splits between notifiable crimes and crimed incidents. DA
 * "features in about 1 in 5 crimes", so ~20% of notifiable crimes carry it and the rest of
 * the 6,883 are crimed incidents.
 */
export const PRIORITY_ON_CRIMES = {
  hate: { q1_2021: 600, q1_2019: 390 },
  vulnerable_adult: { q1_2021: 2900, q1_2019: 2350 },
  child_at_risk: { q1_2021: 3900, q1_2019: 3300 },
  cse: { q1_2021: 110, q1_2019: 145 },
  domestic_abuse: { q1_2021: 4250, q1_2019: 4350 },
} as const satisfies Record<keyof typeof PRIORITY_COUNTS, Anchors>;

/** Chosen: crimed incidents (not notifiable; not in total recorded crime) per quarter. */
export const CRIMED_INCIDENTS: Anchors = { q1_2021: 3600, q1_2019: 3250 };

export type OutcomeCounts = Readonly<Record<string, number>>;

/**
 * Outcomes assigned in the quarter, all crime. The published "rest (5, 9–13, 17) small"
 * (309 in 2021, 288 in 2019) is split by the demo (chosen).
 */
export const OUTCOMES_ASSIGNED: {
  readonly q1_2021: OutcomeCounts;
  readonly q1_2019: OutcomeCounts;
} = {
  q1_2021: {
    '1': 1145,
    '1A': 285,
    '2': 22,
    '2A': 6,
    '3': 177,
    '3A': 43,
    '4': 10,
    '6': 17,
    '7': 101,
    '8': 106,
    '15': 2811,
    '14': 1775,
    '16': 6881,
    '18': 5202,
    '20': 154,
    '21': 55,
    '22': 71,
    '5': 5,
    '9': 40,
    '10': 110,
    '11': 14,
    '12': 10,
    '13': 30,
    '17': 100,
  },
  q1_2019: {
    '1': 1915,
    '1A': 417,
    '2': 96,
    '2A': 13,
    '3': 324,
    '3A': 48,
    '4': 23,
    '6': 37,
    '7': 101,
    '8': 249,
    '15': 2337,
    '14': 1745,
    '16': 5985,
    '18': 6814,
    '20': 383,
    '21': 50,
    '22': 66,
    '5': 5,
    '9': 35,
    '10': 105,
    '11': 13,
    '12': 10,
    '13': 25,
    '17': 95,
  },
};
export const OUTCOMES_ASSIGNED_TOTAL: Anchors = { q1_2021: 19170, q1_2019: 20891 };

/** Domestic abuse only. Types not published (the remainder, 142 and 180) are split by the demo (chosen). */
export const DA_OUTCOMES_ASSIGNED: {
  readonly q1_2021: OutcomeCounts;
  readonly q1_2019: OutcomeCounts;
} = {
  q1_2021: {
    '1': 158,
    '1A': 86,
    '3': 26,
    '3A': 6,
    '8': 1,
    '15': 703,
    '14': 72,
    '16': 2643,
    '18': 60,
    '10': 25,
    '21': 15,
    '17': 12,
    '20': 10,
    '22': 8,
    '2': 4,
    '6': 3,
    '9': 3,
    '13': 2,
  },
  q1_2019: {
    '1': 303,
    '1A': 124,
    '3': 58,
    '3A': 21,
    '8': 7,
    '15': 521,
    '14': 97,
    '16': 2356,
    '18': 80,
    '10': 30,
    '21': 15,
    '17': 15,
    '20': 15,
    '22': 8,
    '2': 6,
    '6': 4,
    '9': 4,
    '13': 3,
  },
};
export const DA_OUTCOMES_ASSIGNED_TOTAL: Anchors = { q1_2021: 3837, q1_2019: 3667 };

/** Share of outcome-14 / outcome-16 crimes with a victim linked. */
export const VICTIM_LINKED = { oc14: 0.81, oc16: 0.92 } as const;

/** Repeat victim rate (victim in the month with another offence in the preceding 12 months), by month of 2021/22 Q1. */
export const REPEAT_VICTIM_RATE = {
  all: { '2021-04': 0.33, '2021-05': 0.34, '2021-06': 0.35, before: 0.31, after: 0.345 },
  domestic_abuse: { '2021-04': 0.41, '2021-05': 0.43, '2021-06': 0.445, before: 0.39, after: 0.44 },
} as const;

export interface NominalSplit {
  readonly victimOnly: number;
  readonly suspectOnly: number;
  readonly both: number;
}

/** High-harm repeat nominals (3+ high-harm offences in the rolling 3 months). */
export const HIGH_HARM_NOMINALS: {
  readonly byMonth: Readonly<Record<string, NominalSplit>>;
  /** chosen: the level in other months */
  readonly before: NominalSplit;
  readonly after: NominalSplit;
  readonly daShare: number;
} = {
  byMonth: {
    '2021-04': { victimOnly: 92, suspectOnly: 170, both: 262 },
    '2021-05': { victimOnly: 96, suspectOnly: 175, both: 268 },
    '2021-06': { victimOnly: 111, suspectOnly: 193, both: 303 },
  },
  before: { victimOnly: 95, suspectOnly: 172, both: 262 },
  after: { victimOnly: 108, suspectOnly: 190, both: 298 },
  daShare: 0.67,
};

/** Victims with each protected characteristic recorded (empty = not recorded). */
export const PROTECTED_CHARACTERISTICS_RECORDED = {
  ethnicity: 0.862,
  sex: 0.9859,
  dateOfBirth: 1,
} as const;

export const OPEN_INVESTIGATIONS = {
  '2021-04': 8875,
  '2021-06': 10096,
  /** Share that is violence with or without injury (incl. stalking and harassment). */
  violenceShare: 0.35,
} as const;

export const INCIDENTS = {
  total: { q1_2021: 70553, q1_2019: 76485 },
  antiSocialBehaviour: { q1_2021: 11995, q1_2019: 10290 },
  /** Mean incidents open and awaiting a resource at 06:00. */
  unresourcedAt0600: { min: 150, max: 200 },
} as const;

/**
 * Chosen: incidents and ASB per financial quarter, 2018/19 Q1 … 2021/22 Q4, through the Q1
 * anchors above; ASB spikes in 2020/21 with COVID-19 breach reports.
 */
export const INCIDENTS_BY_QUARTER: readonly number[] = [
  74000, 77000, 72000, 70000, 76485, 79000, 74000, 71000, 68000, 78000, 72000, 66000, 70553, 76000,
  71000, 68000,
];
export const ASB_BY_QUARTER: readonly number[] = [
  9800, 10500, 8200, 7600, 10290, 11000, 8600, 7900, 22000, 15500, 13000, 12500, 11995, 12500, 9500,
  8800,
];

/** 999 and 101 answering standards (published) and volumes per quarter (chosen to meet the published ratios). */
export const CALLS = {
  '999': {
    answeredWithinSeconds: 10,
    withinTarget: { '2021-04': 0.93, '2021-05': 0.94, '2021-06': 0.94 } as Readonly<
      Record<string, number>
    >,
    abandonedJune2021: 0.0126,
    /** Q1 2021/22 ÷ Q4 2020/21 and ÷ Q1 2020/21 */
    vsPreviousQuarter: 1.27,
    vsSameQuarterLastYear: 1.42,
    byQuarter: [
      41000, 43500, 39500, 37500, 42500, 45000, 41000, 39000, 34150, 42000, 39500, 38200, 48500,
      51000, 46000, 44000,
    ] as readonly number[],
  },
  '101': {
    answeredWithinSeconds: 30,
    withinTarget: { '2021-04': 0.57, '2021-05': 0.63, '2021-06': 0.63 } as Readonly<
      Record<string, number>
    >,
    abandonedJune2021: 0.117,
    vsPreviousQuarter: 1.11,
    vsSameQuarterLastYear: 0.94,
    byQuarter: [
      76000, 74000, 68000, 66000, 72000, 70000, 65000, 62000, 63830, 60000, 57000, 54050, 60000,
      61000, 56000, 54000,
    ] as readonly number[],
  },
} as const;

/** Victim satisfaction: completely or very satisfied with the whole experience, windows to June 2021. */
export const SATISFACTION = {
  burglary: { windowMonths: 6, force: 0.76, previous: 0.74, lpa: [0.74, 0.65, 0.83, 0.87, 0.71] },
  violent: { windowMonths: 6, force: 0.69, previous: 0.69, lpa: [0.63, 0.67, 0.7, 0.73, 0.71] },
  hate: { windowMonths: 12, force: 0.64, previous: 0.62, lpa: [0.66, 0.74, 0.61, 0.66, 0.57] },
  /** chosen: no published whole-experience figure for DA or RTC */
  domestic_abuse: {
    windowMonths: 6,
    force: 0.78,
    previous: 0.77,
    lpa: [0.78, 0.78, 0.78, 0.78, 0.78],
  },
  rtc: { windowMonths: 12, force: 0.72, previous: 0.71, lpa: [0.72, 0.72, 0.72, 0.72, 0.72] },
} as const;

export type VictimSurvey = keyof typeof SATISFACTION;

/** Stage satisfaction: DA published; other surveys chosen. Order: initial report, police actions, treatment, follow-up. */
export const STAGE_SATISFACTION: Readonly<
  Record<VictimSurvey, readonly [number, number, number, number]>
> = {
  domestic_abuse: [0.89, 0.75, 0.9, 0.57],
  burglary: [0.9, 0.72, 0.88, 0.64],
  violent: [0.86, 0.68, 0.86, 0.6],
  hate: [0.82, 0.62, 0.8, 0.55],
  rtc: [0.86, 0.72, 0.87, 0.62],
};

/** DA service measures: share answering "Yes, fully". */
export const DA_SERVICE_MEASURES = {
  da_felt_safer: 0.71,
  da_police_cared: 0.77,
  da_confident_again: 0.83,
  da_would_recommend: 0.88,
} as const;

/** Interviews: DA published (115 in Q1 2021/22 against a target of 168); others chosen, per month. */
export const SURVEY_VOLUMES = {
  domestic_abuse: { q1_2021: 115, quarterlyTarget: 168, perMonthOtherwise: 52 },
  burglary: { perMonth: 60 },
  violent: { perMonth: 70 },
  hate: { perMonth: 45 },
  rtc: { perMonth: 40 },
  perception: { perMonth: 250 },
  sms: { perMonth: 400, responseRate: 0.1, freeTextShare: 0.51, demographicsShare: 0.5 },
} as const;

/**
 * Surveys sent (`survey_sends`). SMS: published (002) 10% response; the others chosen: victims
 * invited to a telephone interview, about two in five take part, and three in five of those
 * give their own demographics.
 */
export const SURVEY_SENDS = {
  /** chosen: share of victims invited to a victim survey who are interviewed */
  victimResponseRate: 0.4,
  /** chosen: share of victim-survey respondents who give their demographics */
  victimDemographicsShare: 0.6,
  /** chosen: share of SMS contacts dealt with by Force Response (the rest by Force Contact) */
  smsResponseTeamShare: 0.4,
} as const;

export const PERCEPTION = {
  confidence: 0.85,
  understands_issues: 0.75,
  access_emergency: 0.93,
  access_non_emergency: 0.66,
  sees_officer_weekly: 0.3,
  satisfied_local_policing: 0.6,
  /** chosen: confidence in earlier years (the 12-month figure trails the 88% target) */
  confidenceEarlier: 0.87,
} as const;

/** VAL referrals ÷ victim-based crimes recorded, by LPA A–E: Apr, May, Jun 2021, and YTD. */
export const VAL_REFERRAL_RATES: readonly {
  readonly apr: number;
  readonly may: number;
  readonly jun: number;
  readonly ytd: number;
}[] = [
  { apr: 0.223, may: 0.15, jun: 0.171, ytd: 0.181 },
  { apr: 0.292, may: 0.252, jun: 0.249, ytd: 0.262 },
  { apr: 0.31, may: 0.299, jun: 0.298, ytd: 0.302 },
  { apr: 0.251, may: 0.239, jun: 0.231, ytd: 0.24 },
  { apr: 0.267, may: 0.278, jun: 0.212, ytd: 0.251 },
];
export const VAL_SERVICE = 'Victim Advice Line';

/** Victims' Code audit failure rates (002). */
export const VICTIMS_CODE = {
  vpsNotOffered: 0.28,
  notToldEndOfJourney: 0.14,
  needNotReferred: 0.15,
  referredLate: 0.07,
  notToldAboutCode: 0.51,
  /** chosen */
  casesPerMonth: 100,
} as const;

export const CDI_AUDITS = {
  '2020/21': { reviewed: 1208, notRecorded: 214 },
  /** chosen for the other years */
  '2018/19': { reviewed: 1150, notRecorded: 150 },
  '2019/20': { reviewed: 1180, notRecorded: 171 },
  '2021/22': { reviewed: 1236, notRecorded: 168 },
} as const;

export const KSI = {
  q1_2021: { fatal: 9, serious: 108 },
  q1_2019: { fatal: 11, serious: 113 },
  /** chosen: slight casualties per serious one */
  slightPerSerious: 6.2,
} as const;

/** Workforce returns in 2021/22 Q1 (published), with chosen values for 2018/19 Q1 to draw the trend from. */
export const WORKFORCE = {
  officers: { q1_2021: 2290, q1_2018: 2060 },
  staff: { q1_2021: 1600, q1_2018: 1540 },
  pcsos: { q1_2021: 230, q1_2018: 260 },
  female_officers_pct: { q1_2021: 0.333, q1_2018: 0.305 },
  ethnic_minority_officers_pct: { q1_2021: 0.029, q1_2018: 0.022 },
  attrition_officers: { q1_2021: 0.065, q1_2018: 0.071 },
  attrition_staff: { q1_2021: 0.1, q1_2018: 0.105 },
  attrition_pcso: { q1_2021: 0.096, q1_2018: 0.14 },
  officers_under_2_years: { q1_2021: 0.191, q1_2018: 0.105 },
} as const;

/** DA arrests ÷ DA crimes recorded: stable, drifting down from November 2020 (chosen levels). */
export const DA_ARREST_RATE = {
  stable: 0.36,
  driftFrom: '2020-11',
  driftTo: '2021-06',
  after: 0.3,
} as const;

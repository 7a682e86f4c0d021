/**
 * The form an auditor records one audited case with (`/victims-code/audits/new`): the answers
 * read and checked with the messages the design system asks for, then written as one row of the
 * import format (`victims_code_audits`) for the importer to check again and load — so a case
 * entered here passes exactly the rules a file does. The date of birth is kept only to work out
 * the victim's age band at the audit date; it is never shown back once recorded.
 */
import { dayNumber } from '../../records/accountability/clock.ts';
import { financialYearOf } from '../../measures/period.ts';
import { AGE_BANDS, ETHNICITY, REFERRAL_OUTCOMES, SEX, TABLES } from '../../facts/tables.ts';
import { label } from '../../present/format.ts';
import type { ValidationIssue } from '../../lib/errors.ts';
import { COMPONENTS, INFORMED_CODE } from '../../victims/rule.ts';

export type Fields = Record<string, string>;
export type FieldErrors = Record<string, string>;

const ANSWERS = ['yes', 'no', 'n/a'] as const;

/** The yes / no / N/A questions, in the order the form asks them (column, question). */
export const QUESTIONS: readonly {
  name: string;
  question: string;
  /** The message when it is left unanswered. */
  missing: string;
  hint?: string;
}[] = [
  {
    name: 'acknowledgement',
    question: COMPONENTS[0]!.question,
    missing: 'Select whether the victim received an acknowledgement',
  },
  {
    name: 'updates_timely',
    question: COMPONENTS[1]!.question,
    missing: 'Select whether the updates were timely',
  },
  {
    name: 'vps_offered',
    question: COMPONENTS[2]!.question,
    missing: 'Select whether a Victim Personal Statement was offered',
  },
  {
    name: 'need_identified',
    question: 'Was a support need identified?',
    missing: 'Select whether a support need was identified',
    hint: 'If so, say below whether the victim was referred to support services within 2 days.',
  },
  {
    name: 'informed_end_of_journey',
    question: COMPONENTS[4]!.question,
    missing: 'Select whether the victim was told of the end of their criminal justice journey',
  },
  {
    name: 'informed_code',
    question: INFORMED_CODE.question,
    missing: "Select whether the victim was told about the Victims' Code",
    hint: 'Reported beside compliance; it does not count towards it.',
  },
];

export const REFERRAL_CHOICES: readonly {
  value: (typeof REFERRAL_OUTCOMES)[number];
  text: string;
}[] = [
  { value: 'within_2_days', text: 'Referred within 2 days' },
  { value: 'late', text: 'Referred, but after more than 2 days' },
  { value: 'not_referred', text: 'Not referred' },
  { value: 'na', text: 'Not applicable' },
];

const ANSWER_TEXT: Record<(typeof ANSWERS)[number], string> = {
  yes: 'Yes',
  no: 'No',
  'n/a': 'Not applicable',
};

/** The first element of each field, where the error summary's link lands. */
export const FIELD_IDS: Record<string, string> = {
  audited_at: 'audited_at-day',
  victim_date_of_birth: 'victim_date_of_birth-day',
  referred_within_2_days: 'referral',
};

const FIELD_NAMES: Record<string, string> = {
  case_id: 'The case reference',
  crime_id: 'The crime reference',
  audited_at: 'The date of the audit',
  lpa: 'The local policing area',
  referral: 'The referral',
  referred_within_2_days: 'The referral',
  victim_sex: 'Sex',
  victim_date_of_birth: 'The date of birth',
  victim_age_band: 'The age band',
  victim_ethnicity: 'Ethnicity',
};

export const dateParts = (body: Fields, name: string) => ({
  day: (body[`${name}-day`] ?? '').trim(),
  month: (body[`${name}-month`] ?? '').trim(),
  year: (body[`${name}-year`] ?? '').trim(),
});

/** A GOV.UK date input as "YYYY-MM-DD" (null when left empty), or the message to show. */
export function readDate(
  body: Fields,
  name: string,
  what: string,
  notAfter: string,
): { date: string | null } | { error: string } {
  const p = dateParts(body, name);
  const What = what.replace(/^./, (c) => c.toUpperCase());
  if (!p.day && !p.month && !p.year) return { date: null };
  const missing = (['day', 'month', 'year'] as const).filter((k) => !p[k]);
  if (missing.length) return { error: `${What} must include a ${missing.join(' and ')}` };
  if (![p.day, p.month, p.year].every((x) => /^\d+$/.test(x)) || p.year.length !== 4)
    return { error: `${What} must be a real date` };
  const date = `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
  try {
    dayNumber(date);
  } catch {
    return { error: `${What} must be a real date` };
  }
  if (date < '1900-01-01') return { error: `${What} must be after 1900` };
  if (date > notAfter) return { error: `${What} must be today or in the past` };
  return { date };
}

export function dateItems(body: Fields, name: string, error: boolean) {
  const p = dateParts(body, name);
  const cls = (w: string) => `${w}${error ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', value: p.day, classes: cls('govuk-input--width-2') },
    { name: 'month', value: p.month, classes: cls('govuk-input--width-2') },
    { name: 'year', value: p.year, classes: cls('govuk-input--width-4') },
  ];
}

/** One row of the import format, column by column. */
export type AuditRow = Readonly<Record<string, string>>;

const ID = /^[^\p{Cc}]+$/u;

/**
 * The form's answers as a row of `victims_code_audits`, or the messages to show. `lpas` are the
 * areas this user may record for; `today` the London date (no audit is dated after it).
 */
export function readAuditForm(
  body: Fields,
  lpas: readonly string[],
  today: string,
): { row: AuditRow } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const text = (k: string) => (body[k] ?? '').trim();
  const caseId = text('case_id');
  if (!caseId) errors.case_id = 'Enter the case reference';
  else if (!ID.test(caseId) || caseId.length > 60)
    errors.case_id = 'The case reference must be 60 characters or fewer, on one line';
  const crimeId = text('crime_id');
  if (crimeId && (!ID.test(crimeId) || crimeId.length > 60))
    errors.crime_id = 'The crime reference must be 60 characters or fewer, on one line';
  const audited = readDate(body, 'audited_at', 'the date of the audit', today);
  let auditedAt = '';
  if ('error' in audited) errors.audited_at = audited.error;
  else if (audited.date === null) errors.audited_at = 'Enter the date of the audit';
  else auditedAt = audited.date;
  const lpa = text('lpa');
  if (!lpas.includes(lpa)) errors.lpa = 'Choose the local policing area';
  const answers: Record<string, string> = {};
  for (const q of QUESTIONS) {
    const a = text(q.name);
    if (!(ANSWERS as readonly string[]).includes(a)) errors[q.name] = q.missing;
    else answers[q.name] = a;
  }
  let referral = text('referral');
  if (answers.need_identified === 'yes') {
    if (!(REFERRAL_OUTCOMES as readonly string[]).includes(referral))
      errors.referral = 'Select whether the victim was referred within 2 days';
  } else if (referral && referral !== 'na' && answers.need_identified !== undefined)
    errors.referral = 'Leave the referral as not applicable when no support need was identified';
  else referral = 'na';
  const sex = text('victim_sex');
  if (sex && !(SEX as readonly string[]).includes(sex))
    errors.victim_sex = 'Choose the sex from the list';
  const band = text('victim_age_band');
  if (band && !(AGE_BANDS as readonly string[]).includes(band))
    errors.victim_age_band = 'Choose the age band from the list';
  const ethnicity = text('victim_ethnicity');
  if (ethnicity && !(ETHNICITY as readonly string[]).includes(ethnicity))
    errors.victim_ethnicity = 'Choose the ethnic group from the list';
  const dob = readDate(body, 'victim_date_of_birth', 'the date of birth', today);
  let dateOfBirth = '';
  if ('error' in dob) errors.victim_date_of_birth = dob.error;
  else dateOfBirth = dob.date ?? '';
  if (Object.keys(errors).length > 0) return { errors };
  const referred =
    referral === 'within_2_days'
      ? 'yes'
      : referral === 'late' || referral === 'not_referred'
        ? 'no'
        : 'n/a';
  return {
    row: {
      case_id: caseId,
      crime_id: crimeId,
      audited_at: auditedAt,
      lpa,
      acknowledgement: answers.acknowledgement!,
      updates_timely: answers.updates_timely!,
      vps_offered: answers.vps_offered!,
      need_identified: answers.need_identified!,
      referred_within_2_days: referred,
      referral,
      informed_code: answers.informed_code!,
      informed_end_of_journey: answers.informed_end_of_journey!,
      victim_sex: sex,
      victim_date_of_birth: dateOfBirth,
      victim_age_band: band,
      victim_ethnicity: ethnicity,
    },
  };
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The row as a one-row file of the import format (exact: the importer reads it as written). */
export function auditCsv(row: AuditRow): string {
  const header = TABLES.victims_code_audits.columns.map((c) => c.name);
  return `${header.join(',')}\n${header.map((h) => cell(row[h] ?? '')).join(',')}\n`;
}

/** What the importer refused, as messages on the form's fields. */
export function importErrors(issues: readonly ValidationIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) {
    const field = i.column === 'referred_within_2_days' ? 'referral' : i.column;
    if (errors[field]) continue;
    if (field === 'case_id' && /already imported/.test(i.rule))
      errors[field] = 'An audited case with this reference is already recorded';
    else if (field === 'crime_id' && /must refer to/.test(i.rule))
      errors[field] = 'There is no crime with this reference in the data';
    else if (field === 'victim_age_band' && /agree/.test(i.rule))
      errors[field] =
        "The age band does not match the date of birth (the victim's age on the date of the audit)";
    else if (field === 'victim_date_of_birth' && /after audited_at/.test(i.rule))
      errors[field] = 'The date of birth must be on or before the date of the audit';
    else errors[field] = `${FIELD_NAMES[field] ?? field}: ${i.rule}`;
  }
  return errors;
}

/** The financial-year quarter a date falls in ("2021/22-Q1"): where the case is counted. */
export function quarterOfDate(date: string): string {
  const month = date.slice(0, 7);
  const fy = financialYearOf(month);
  const q = Math.floor(((Number(month.slice(5, 7)) + 8) % 12) / 3) + 1;
  return `${fy}-Q${q}`;
}

/** The choices of the form's selects and radios, keeping what was chosen. */
export function formChoices(body: Fields, lpas: readonly string[]) {
  const pick = (
    name: string,
    values: readonly string[],
    words: (v: string) => string,
    empty: string,
  ) => [
    { value: '', text: empty, selected: !body[name] },
    ...values.map((v) => ({ value: v, text: words(v), selected: body[name] === v })),
  ];
  return {
    lpas: [
      { value: '', text: 'Choose an area', selected: !body.lpa },
      ...lpas.map((l) => ({ value: l, text: l, selected: body.lpa === l })),
    ],
    questions: QUESTIONS.map((q) => ({
      ...q,
      items: ANSWERS.map((a) => ({ value: a, text: ANSWER_TEXT[a], checked: body[q.name] === a })),
    })),
    referral: REFERRAL_CHOICES.map((c) => ({ ...c, checked: body.referral === c.value })),
    sex: pick('victim_sex', SEX, (v) => label(v, 'sex'), 'Not recorded'),
    ageBands: pick(
      'victim_age_band',
      AGE_BANDS,
      (v) => label(v, 'age_band'),
      'Not recorded, or from the date of birth',
    ),
    ethnicity: pick('victim_ethnicity', ETHNICITY, (v) => label(v, 'ethnicity'), 'Not recorded'),
  };
}

import { AGE_BANDS, DISABILITY, ETHNICITY, SEX, SURVEYS } from '../../facts/tables.ts';

/**
 * What the survey explorer knows about each survey: its questions (which answers are the
 * positive ones, which are left out of the base), its free-text questions, and the fields a
 * survey can be segmented by. Plain data, declared once: the CLI, the web page and the CSV
 * all read it. The positive answers are the catalogue's (src/measures/catalogue/service.ts).
 */
export type Survey = (typeof SURVEYS)[number];

export interface SurveyQuestion {
  readonly id: string;
  /** What a positive answer means, as a heading: "Completely or very satisfied: whole experience". */
  readonly title: string;
  readonly positive: readonly string[];
  /** Answers left out of the base (they give no view either way). Empty answers always are. */
  readonly excluded: readonly string[];
}

export interface SurveyDefinition {
  readonly survey: Survey;
  readonly title: string;
  /** The headline satisfaction (or confidence) question first, then the others. */
  readonly questions: readonly SurveyQuestion[];
  readonly freeText: readonly string[];
}

const SATISFIED = ['Completely satisfied', 'Very satisfied'];
const AGREE = ['Strongly agree', 'Tend to agree'];
const DONT_KNOW = ["Don't know"];
const q = (
  id: string,
  title: string,
  positive: readonly string[],
  excluded: readonly string[] = [],
): SurveyQuestion => ({ id, title, positive, excluded });

const victimQuestions = [
  q('whole_experience', 'Completely or very satisfied: whole experience', SATISFIED),
  q('stage_initial_report', 'Completely or very satisfied: initial report', SATISFIED),
  q('stage_police_actions', 'Completely or very satisfied: police actions', SATISFIED),
  q('stage_treatment', 'Completely or very satisfied: treatment', SATISFIED),
  q('stage_follow_up', 'Completely or very satisfied: follow-up', SATISFIED),
];
const VICTIM_FREE_TEXT = ['went_well', 'could_be_better'];

const victim = (survey: Survey, title: string, extra: SurveyQuestion[] = []) => ({
  survey,
  title,
  questions: [...victimQuestions, ...extra],
  freeText: VICTIM_FREE_TEXT,
});

export const SURVEY_DEFINITIONS: Readonly<Record<Survey, SurveyDefinition>> = {
  burglary: victim('burglary', 'Burglary victim survey'),
  violent: victim('violent', 'Violent crime victim survey'),
  hate: victim('hate', 'Hate crime victim survey'),
  domestic_abuse: victim('domestic_abuse', 'Domestic abuse victim survey', [
    q('da_felt_safer', 'Yes, fully: felt safer', ['Yes, fully'], DONT_KNOW),
    q('da_police_cared', 'Yes, fully: felt the police cared', ['Yes, fully'], DONT_KNOW),
    q(
      'da_confident_again',
      'Yes, fully: confident to contact the police again',
      ['Yes, fully'],
      DONT_KNOW,
    ),
    q('da_would_recommend', 'Yes, fully: would recommend others to', ['Yes, fully'], DONT_KNOW),
  ]),
  rtc: victim('rtc', 'Road traffic collision victim survey'),
  perception: {
    survey: 'perception',
    title: 'Public perception survey',
    questions: [
      q('confidence', 'Agree: confidence in the force', AGREE, DONT_KNOW),
      q('understands_issues', 'Agree: understands local issues', AGREE, DONT_KNOW),
      q('access_emergency', 'Agree: could reach the police in an emergency', AGREE, DONT_KNOW),
      q('access_non_emergency', 'Agree: could reach the police otherwise', AGREE, DONT_KNOW),
      q('sees_officer_weekly', 'Yes: sees an officer or PCSO weekly', ['Yes']),
      q('satisfied_local_policing', 'Very or fairly satisfied: local policing', [
        'Very satisfied',
        'Fairly satisfied',
      ]),
    ],
    freeText: [],
  },
  sms: {
    survey: 'sms',
    title: 'SMS contact survey',
    questions: [
      q('sms_overall', 'Very or fairly satisfied: the service overall', [
        'Very satisfied',
        'Fairly satisfied',
      ]),
      q('sms_easy_to_contact', 'Yes: easy to contact', ['Yes']),
      q('sms_kept_informed', 'Yes: kept informed', ['Yes'], ['Not applicable']),
    ],
    freeText: ['sms_comment'],
  },
};

export function isSurvey(s: string): s is Survey {
  return (SURVEYS as readonly string[]).includes(s);
}

/** The question that links a response to its send, and the respondents' own demographics. */
export const SEND_QUESTION = 'send_id';
export const DEMOGRAPHIC_QUESTIONS = {
  sex: 'respondent_sex',
  age_band: 'respondent_age_band',
  ethnicity: 'respondent_ethnicity',
  disability: 'respondent_disability',
} as const;

/** Where a field's value comes from, in words (shown beside the table; said in the docs). */
export interface SurveyField {
  readonly title: string;
  /** A team or individual view: analysts and administrators only. */
  readonly staff: boolean;
  /** The values in the order they are shown (others alphabetically after them), if fixed. */
  readonly order?: readonly string[];
  readonly source: string;
}

export const SURVEY_FIELDS = {
  incident_type: {
    title: 'Incident type',
    staff: false,
    source:
      "The send's incident type; else the offence subgroup of the crime the response (or its send) is about.",
  },
  sex: {
    title: 'Sex',
    staff: false,
    order: SEX,
    source: "The respondent's own answer (respondent_sex).",
  },
  age_band: {
    title: 'Age band',
    staff: false,
    order: AGE_BANDS,
    source: "The respondent's own answer (respondent_age_band).",
  },
  ethnicity: {
    title: 'Ethnicity',
    staff: false,
    order: ETHNICITY,
    source: "The respondent's own answer (respondent_ethnicity).",
  },
  disability: {
    title: 'Disability',
    staff: false,
    order: DISABILITY,
    source: "The respondent's own answer (respondent_disability).",
  },
  lpa: {
    title: 'Local policing area',
    staff: false,
    source: "The response's area; else its send's.",
  },
  neighbourhood: {
    title: 'Neighbourhood',
    staff: false,
    source: "The response's neighbourhood; else its send's.",
  },
  day_of_week: {
    title: 'Day of the week',
    staff: false,
    order: ['1', '2', '3', '4', '5', '6', '7'],
    source:
      'When the survey was sent (for the SMS survey, the day of the contact); else when it was answered.',
  },
  hour: {
    title: 'Hour of the day',
    staff: false,
    order: Array.from({ length: 24 }, (_, h) => String(h)),
    source:
      'When the survey was sent (for the SMS survey, the hour of the contact); else when it was answered.',
  },
  team: { title: 'Team', staff: true, source: "The send's team." },
  staff: {
    title: 'Officer or staff member',
    staff: true,
    source: "The send's staff id (pseudonymous; never a name).",
  },
} as const satisfies Record<string, SurveyField>;

export type SurveyFieldName = keyof typeof SURVEY_FIELDS;
export const SURVEY_FIELD_NAMES = Object.keys(SURVEY_FIELDS) as SurveyFieldName[];

export function isSurveyField(s: string): s is SurveyFieldName {
  return Object.hasOwn(SURVEY_FIELDS, s);
}

/** Fields every role that may explore surveys may use (no team or individual views). */
export const OPEN_FIELDS = SURVEY_FIELD_NAMES.filter((f) => !SURVEY_FIELDS[f].staff);

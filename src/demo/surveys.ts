/**
 * Survey responses in long format (one row per answer): victim satisfaction surveys
 * (burglary, violent, hate, domestic abuse, road traffic collisions), the public perception
 * survey and an SMS survey. Each respondent has a latent satisfaction; each question's
 * answer is a threshold on it (plus noise) so that its share of positive answers follows
 * calibration while answers of one respondent hang together.
 */
import {
  DA_SERVICE_MEASURES,
  PERCEPTION,
  SATISFACTION,
  STAGE_SATISFACTION,
  SURVEY_SENDS,
  SURVEY_VOLUMES,
  type VictimSurvey,
} from './calibration.ts';
import { formatTs, month, SECONDS_PER_DAY } from './calendar.ts';
import { crimeId } from './crimes.ts';
import { LPAS } from './force.ts';
import { couldBeBetter, smsComment, wentWell } from './free-text.ts';
import { NEIGHBOURHOOD_TABLES } from './crimes.ts';
import { normalCdf, WeightedTable, type Rng } from './random.ts';
import { AGE_BANDS, DISABILITY_VALUES, ETHNICITY_VALUES } from './people.ts';
import type { SurveySends } from './survey-sends.ts';
import { csvField, type CsvTableWriter } from './write-csv.ts';

export const SATISFACTION_SCALE = [
  'Completely satisfied',
  'Very satisfied',
  'Fairly satisfied',
  'Neither satisfied nor dissatisfied',
  'Fairly dissatisfied',
  'Very dissatisfied',
  'Completely dissatisfied',
] as const;
export const DA_SERVICE_SCALE = ['Yes, fully', 'Yes, partly', 'No', "Don't know"] as const;
export const AGREE_SCALE = [
  'Strongly agree',
  'Tend to agree',
  'Neither agree nor disagree',
  'Tend to disagree',
  'Strongly disagree',
  "Don't know",
] as const;
export const LOCAL_POLICING_SCALE = [
  'Very satisfied',
  'Fairly satisfied',
  'Neither satisfied nor dissatisfied',
  'Fairly dissatisfied',
  'Very dissatisfied',
] as const;

export const STAGE_QUESTIONS = [
  'stage_initial_report',
  'stage_police_actions',
  'stage_treatment',
  'stage_follow_up',
] as const;

/** A crime a victim survey can be about. */
export interface SurveyCandidate {
  readonly id: number;
  readonly t: number;
  readonly lpa: number;
  readonly nbh: number;
}

export type CandidateKind = 'burglary' | 'violent' | 'hate' | 'domestic_abuse';

const LATENT_R = 0.72;

/**
 * Keeps each question's share of positive answers close to its target over the run: the
 * chance of a positive answer is nudged by the running shortfall (error diffusion), so
 * rolling windows of a few hundred interviews sit within a point or two of calibration
 * while single months still vary.
 */
class RateTracker {
  private readonly state = new Map<string, { expected: number; actual: number }>();
  private static readonly GAIN = 0.12;

  p(key: string, target: number): number {
    const s = this.state.get(key);
    const nudge = s ? RateTracker.GAIN * (s.expected - s.actual) : 0;
    return Math.min(0.995, Math.max(0.005, target + nudge));
  }

  record(key: string, target: number, positive: boolean): void {
    let s = this.state.get(key);
    if (!s) {
      s = { expected: 0, actual: 0 };
      this.state.set(key, s);
    }
    s.expected += target;
    s.actual += positive ? 1 : 0;
  }
}

/**
 * Answer position from a latent score c = Φ(score) ∈ (0, 1) and a positive rate p: returns
 * [positive, u] with u uniform within the side (u near 0 = most negative, near 1 = most positive).
 */
function side(c: number, p: number): [boolean, number] {
  const cut = 1 - p;
  if (c >= cut) return [true, p > 0 ? (c - cut) / p : 0];
  return [false, cut > 0 ? c / cut : 0];
}

/** A question answered by a respondent with latent z: its score shares z with every other answer. */
function score(rng: Rng, z: number, r = LATENT_R): number {
  return normalCdf(r * z + Math.sqrt(1 - r * r) * rng.normal());
}

function satisfactionLabel(pos: boolean, u: number): string {
  if (pos) return SATISFACTION_SCALE[u > 0.6 ? 0 : 1];
  if (u < 0.1) return SATISFACTION_SCALE[6];
  if (u < 0.21) return SATISFACTION_SCALE[5];
  if (u < 0.35) return SATISFACTION_SCALE[4];
  if (u < 0.5) return SATISFACTION_SCALE[3];
  return SATISFACTION_SCALE[2];
}

function serviceLabel(pos: boolean, u: number): string {
  if (pos) return DA_SERVICE_SCALE[0];
  if (u < 0.35) return DA_SERVICE_SCALE[2];
  if (u < 0.45) return DA_SERVICE_SCALE[3];
  return DA_SERVICE_SCALE[1];
}

function agreeLabel(pos: boolean, u: number, dontKnowShareOfNegative: number): string {
  if (pos) return AGREE_SCALE[u > 0.65 ? 0 : 1];
  if (u > 1 - dontKnowShareOfNegative) return AGREE_SCALE[5];
  if (u < 0.2) return AGREE_SCALE[4];
  if (u < 0.5) return AGREE_SCALE[3];
  return AGREE_SCALE[2];
}

function localPolicingLabel(pos: boolean, u: number): string {
  if (pos) return LOCAL_POLICING_SCALE[u > 0.7 ? 0 : 1];
  if (u < 0.2) return LOCAL_POLICING_SCALE[4];
  if (u < 0.5) return LOCAL_POLICING_SCALE[3];
  return LOCAL_POLICING_SCALE[2];
}

/** Force-level rate in a month: a straight line through the previous and latest window midpoints. */
function forceRate(survey: VictimSurvey, m: number): number {
  const s = SATISFACTION[survey];
  const june2021 = 38;
  const mid = june2021 - (s.windowMonths - 1) / 2;
  const slope = (s.force - s.previous) / 3;
  const r = s.force + slope * (m - mid);
  return Math.min(s.force + 0.06, Math.max(s.force - 0.06, r));
}

/** The LPA's whole-experience rate: its published level moved with the force trend. */
export function lpaRate(survey: VictimSurvey, lpaIndex: number, m: number): number {
  const s = SATISFACTION[survey];
  const pop = LPAS.reduce((a, l) => a + l.population, 0);
  const weighted = s.lpa.reduce((a, r, i) => a + r * (LPAS[i]!.population / pop), 0);
  const level = (s.lpa[lpaIndex] as number) + (s.force - weighted);
  return Math.min(0.97, Math.max(0.2, level + forceRate(survey, m) - s.force));
}

export interface SurveyState {
  nextResponse: number;
}

export interface SurveyContext {
  readonly rng: Rng;
  readonly scale: number;
  readonly state: SurveyState;
  readonly out: CsvTableWriter;
  readonly tracker: RateTracker;
  /**
   * What came after the answers: the sends each response answers (`send_id`) and respondents'
   * own sex (and victims' demographics), drawn from their own streams so the answers above stay
   * as they were.
   */
  readonly extra?: SurveyExtras;
}

export interface SurveyExtras {
  readonly sends: SurveySends;
  /** Respondents' demographics. */
  readonly rng: Rng;
}

/** Sex as a respondent gives it: mostly female or male, a few prefer not to say. */
function respondentSex(rng: Rng, femaleShare: number): string {
  if (rng.chance(0.03)) return 'not_stated';
  if (rng.chance(0.005)) return 'other';
  return rng.chance(femaleShare) ? 'female' : 'male';
}

/** A victim-survey respondent's own demographics, given by about three in five. */
function victimDemographics(
  extra: SurveyExtras,
  write: (q: string, a: string) => void,
  survey: VictimSurvey,
  lpa: number,
): void {
  const rng = extra.rng;
  if (!rng.chance(SURVEY_SENDS.victimDemographicsShare)) return;
  write('respondent_sex', respondentSex(rng, survey === 'domestic_abuse' ? 0.8 : 0.5));
  write('respondent_age_band', AGE_BANDS[RESPONDENT_AGES.pick(rng)]!);
  write('respondent_disability', DISABILITY_VALUES[RESPONDENT_DISABILITY.pick(rng)]!);
  write(
    'respondent_ethnicity',
    ETHNICITY_VALUES[rng.chance(LPAS[lpa]!.ethnicMinorityShare) ? MINORITY.pick(rng) : 1]!,
  );
}

export function newRateTracker(): RateTracker {
  return new RateTracker();
}

const LPA_CSV = LPAS.map((l) => csvField(l.name));
const NBH_CSV = LPAS.map((l) => l.neighbourhoods.map((n) => csvField(n.name)));

function writer(
  ctx: SurveyContext,
  survey: string,
  crime: string,
  lpa: number,
  nbh: number,
  at: number,
) {
  const id = `S-${String(++ctx.state.nextResponse).padStart(7, '0')}`;
  const head = `${id},${survey},${crime},${lpa >= 0 ? LPA_CSV[lpa] : ''},${lpa >= 0 && nbh >= 0 ? NBH_CSV[lpa]![nbh] : ''},${formatTs(at)},`;
  return (question: string, answer: string) =>
    ctx.out.line(head + question + ',' + csvField(answer));
}

function interviewTime(rng: Rng, m: number): number {
  const info = month(m);
  return (
    info.startSec + rng.int(info.days) * SECONDS_PER_DAY + (9 + rng.int(11)) * 3600 + rng.int(3600)
  );
}

/** An interview time in month m, 09:00–19:59, not before `earliest`; -1 if the month has no room. */
function interviewAfter(rng: Rng, m: number, earliest: number): number {
  const info = month(m);
  const start = Math.max(info.startSec, earliest);
  if (start >= info.endSec) return -1;
  const day = Math.floor((start + rng.int(info.endSec - start)) / SECONDS_PER_DAY);
  let t = day * SECONDS_PER_DAY + (9 + rng.int(11)) * 3600 + rng.int(3600);
  if (t < earliest) t += SECONDS_PER_DAY;
  return t < info.endSec ? t : -1;
}

function freeText(rng: Rng, write: (q: string, a: string) => void, positive: boolean): void {
  if (rng.chance(0.75)) write('went_well', rng.chance(0.1) ? '' : wentWell(rng, positive));
  if (rng.chance(0.65))
    write('could_be_better', rng.chance(0.12) ? '' : couldBeBetter(rng, positive));
}

/** DA interviews in April, May and June 2021: the published 115 for the quarter. */
const DA_Q1_2021 = [38, 38, 39];

/** Interviews in a month for one victim survey: DA follows its published Q1 2021/22 count. */
function interviewsFor(rng: Rng, survey: VictimSurvey, m: number, scale: number): number {
  if (survey === 'domestic_abuse') {
    const info = month(m);
    if (info.fy === '2021/22' && info.quarter === 1) {
      return Math.round((DA_Q1_2021[info.fyMonth] as number) * scale);
    }
    return rng.poisson(SURVEY_VOLUMES.domestic_abuse.perMonthOtherwise * scale);
  }
  return rng.poisson(SURVEY_VOLUMES[survey].perMonth * scale);
}

/**
 * Victim surveys for month m. `candidates(kind)` lists crimes recorded in the previous two
 * months with a victim of the right kind; a victim is interviewed at least 14 days after
 * the crime was recorded. RTC interviews are about collisions, which are not crimes, so
 * they carry an LPA and neighbourhood but no crime_id.
 */
export function writeVictimSurveys(
  ctx: SurveyContext,
  m: number,
  candidates: (kind: CandidateKind) => readonly SurveyCandidate[],
): void {
  const rng = ctx.rng;
  const surveys: VictimSurvey[] = ['burglary', 'violent', 'hate', 'domestic_abuse', 'rtc'];
  for (const survey of surveys) {
    const n = interviewsFor(rng, survey, m, ctx.scale);
    const pool = survey === 'rtc' ? [] : candidates(survey);
    const used = new Set<number>();
    for (let i = 0; i < n; i++) {
      let at = -1;
      let lpa: number;
      let nbh: number;
      let crime = '';
      let crimeAt: number | null = null;
      if (survey === 'rtc') {
        at = interviewTime(rng, m);
        lpa = rng.int(LPAS.length);
        nbh = NEIGHBOURHOOD_TABLES[lpa]!.pickIndex(rng);
      } else {
        let c: SurveyCandidate | undefined;
        for (let tries = 0; tries < 30 && pool.length > 0; tries++) {
          const cand = pool[rng.int(pool.length)]!;
          if (used.has(cand.id)) continue;
          // Victims are interviewed at least 14 days after the crime was recorded.
          at = interviewAfter(rng, m, cand.t + 14 * SECONDS_PER_DAY);
          if (at < 0) continue;
          c = cand;
          break;
        }
        if (!c) continue;
        used.add(c.id);
        lpa = c.lpa;
        nbh = c.nbh;
        crime = crimeId(c.id);
        crimeAt = c.t;
      }
      const write = writer(ctx, survey, crime, lpa, nbh, at);
      if (ctx.extra)
        write('send_id', ctx.extra.sends.victimAnswered(survey, at, lpa, nbh, crime, crimeAt));
      const tr = ctx.tracker;
      const z = rng.normal();
      const wholeKey = `${survey}|${lpa}|whole`;
      const pWhole = lpaRate(survey, lpa, m);
      const [wholePos, wholeU] = side(normalCdf(z), tr.p(wholeKey, pWhole));
      tr.record(wholeKey, pWhole, wholePos);
      write('whole_experience', satisfactionLabel(wholePos, wholeU));
      const stages = STAGE_SATISFACTION[survey];
      STAGE_QUESTIONS.forEach((q, k) => {
        const key = `${survey}|${q}`;
        const target = stages[k] as number;
        const [pos, u] = side(score(rng, z), tr.p(key, target));
        tr.record(key, target, pos);
        write(q, satisfactionLabel(pos, u));
      });
      if (survey === 'domestic_abuse') {
        for (const [q, target] of Object.entries(DA_SERVICE_MEASURES)) {
          const key = `${survey}|${q}`;
          const [pos, u] = side(score(rng, z), tr.p(key, target));
          tr.record(key, target, pos);
          write(q, serviceLabel(pos, u));
        }
      }
      freeText(rng, write, wholePos);
      if (ctx.extra) victimDemographics(ctx.extra, write, survey, lpa);
    }
    const interviews = survey === 'rtc' ? n : used.size;
    ctx.extra?.sends.victimUnanswered(survey, m, interviews, pool, used, crimeId);
  }
}

// ---------------------------------------------------------------- perception

const RESPONDENT_AGES = new WeightedTable(
  [2, 3, 4, 5, 6, 7, 8],
  [0.09, 0.16, 0.17, 0.18, 0.16, 0.22, 0.02],
);
const RESPONDENT_DISABILITY = new WeightedTable([1, 2, 3], [0.17, 0.8, 0.03]);
const MINORITY = new WeightedTable([2, 3, 4, 5], [0.3, 0.4, 0.2, 0.1]);

/** Fixed small neighbourhood effects on confidence (log-odds), deterministic from the name. */
const NBH_EFFECT = LPAS.map((l) =>
  l.neighbourhoods.map((n) => {
    let h = 0;
    for (let i = 0; i < n.name.length; i++) h = (h * 31 + n.name.charCodeAt(i)) >>> 0;
    return ((h % 1000) / 1000 - 0.5) * 0.8;
  }),
);

function confidenceTarget(m: number): number {
  // 87% in 2018/19–2019/20, easing to 85% by Q1 2021/22, then steady.
  const from = 23;
  const to = 37;
  if (m <= from) return PERCEPTION.confidenceEarlier;
  if (m >= to) return PERCEPTION.confidence;
  return (
    PERCEPTION.confidenceEarlier +
    ((PERCEPTION.confidence - PERCEPTION.confidenceEarlier) * (m - from)) / (to - from)
  );
}

interface Respondent {
  lpa: number;
  nbh: number;
  age: number;
  dis: number;
  eth: number;
  effect: number;
}

const NOT_CONFIDENT = new WeightedTable(
  [AGREE_SCALE[2], AGREE_SCALE[3], AGREE_SCALE[4], AGREE_SCALE[5]],
  [0.45, 0.3, 0.15, 0.1],
);

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

export function writePerceptionSurvey(ctx: SurveyContext, m: number): void {
  const rng = ctx.rng;
  const n = rng.poisson(SURVEY_VOLUMES.perception.perMonth * ctx.scale);
  const pop = LPAS.map((l) => l.population);
  const lpaTable = new WeightedTable(
    LPAS.map((_, i) => i),
    pop,
  );
  const people: Respondent[] = [];
  for (let i = 0; i < n; i++) {
    const lpa = lpaTable.pickIndex(rng);
    const nbh = NEIGHBOURHOOD_TABLES[lpa]!.pickIndex(rng);
    const age = RESPONDENT_AGES.pick(rng);
    const dis = RESPONDENT_DISABILITY.pick(rng);
    const eth = rng.chance(0.04)
      ? 6
      : rng.chance(LPAS[lpa]!.ethnicMinorityShare)
        ? MINORITY.pick(rng)
        : 1;
    let effect = NBH_EFFECT[lpa]![nbh]!;
    if (age === 4 || age === 5)
      effect -= 0.5; // 35–54
    else if (age === 3) effect -= 0.2;
    else if (age === 7) effect += 0.3;
    if (dis === 1) effect -= 0.6;
    if (eth >= 2 && eth <= 5) effect -= 0.5;
    people.push({ lpa, nbh, age, dis, eth, effect });
  }
  // Intercept so the month's expected confidence equals the target.
  const target = confidenceTarget(m);
  let lo = -5;
  let hi = 8;
  for (let it = 0; it < 50 && people.length > 0; it++) {
    const mid = (lo + hi) / 2;
    const mean = people.reduce((s, r) => s + logistic(mid + r.effect), 0) / people.length;
    if (mean < target) lo = mid;
    else hi = mid;
  }
  const intercept = (lo + hi) / 2;
  const tr = ctx.tracker;
  const item = (z: number, question: string, target: number, r: number): [boolean, number] => {
    const key = `perception|${question}`;
    const [pos, u] = side(score(rng, z, r), tr.p(key, target));
    tr.record(key, target, pos);
    return [pos, u];
  };
  for (const r of people) {
    const at = interviewTime(rng, m);
    const write = writer(ctx, 'perception', '', r.lpa, r.nbh, at);
    const pConf = logistic(intercept + r.effect);
    // Confidence is the respondent's latent itself; the other answers lean on it.
    const z = rng.normal();
    const [confident] = side(normalCdf(z), tr.p('perception|confidence', pConf));
    tr.record('perception|confidence', pConf, confident);
    write('confidence', confident ? AGREE_SCALE[rng.chance(0.4) ? 0 : 1] : NOT_CONFIDENT.pick(rng));
    write(
      'understands_issues',
      agreeLabel(...item(z, 'understands_issues', PERCEPTION.understands_issues, 0.6), 0.1),
    );
    write(
      'access_emergency',
      agreeLabel(...item(z, 'access_emergency', PERCEPTION.access_emergency, 0.4), 0.3),
    );
    write(
      'access_non_emergency',
      agreeLabel(...item(z, 'access_non_emergency', PERCEPTION.access_non_emergency, 0.5), 0.15),
    );
    write('sees_officer_weekly', rng.chance(PERCEPTION.sees_officer_weekly) ? 'Yes' : 'No');
    write(
      'satisfied_local_policing',
      localPolicingLabel(
        ...item(z, 'satisfied_local_policing', PERCEPTION.satisfied_local_policing, 0.6),
      ),
    );
    write('respondent_age_band', AGE_BANDS[r.age]!);
    write('respondent_disability', DISABILITY_VALUES[r.dis]!);
    write('respondent_ethnicity', ETHNICITY_VALUES[r.eth]!);
    if (ctx.extra) write('respondent_sex', respondentSex(ctx.extra.rng, 0.51));
  }
}

// ---------------------------------------------------------------- SMS

const SMS_OVERALL = new WeightedTable([...LOCAL_POLICING_SCALE], [0.34, 0.33, 0.12, 0.11, 0.1]);

/** The SMS survey: a few questions, free text from about half, demographics from about half. */
export function writeSmsSurvey(ctx: SurveyContext, m: number): void {
  const rng = ctx.rng;
  const v = SURVEY_VOLUMES.sms;
  const n = rng.poisson(v.perMonth * ctx.scale);
  for (let i = 0; i < n; i++) {
    const lpa = rng.int(LPAS.length);
    const nbh = NEIGHBOURHOOD_TABLES[lpa]!.pickIndex(rng);
    const at = interviewTime(rng, m);
    const write = writer(ctx, 'sms', '', lpa, nbh, at);
    const overall = SMS_OVERALL.pick(rng);
    if (ctx.extra) {
      const satisfied = overall === 'Very satisfied' || overall === 'Fairly satisfied';
      write('send_id', ctx.extra.sends.smsAnswered(at, lpa, nbh, satisfied));
    }
    write('sms_overall', overall);
    write('sms_easy_to_contact', rng.chance(0.78) ? 'Yes' : 'No');
    write(
      'sms_kept_informed',
      rng.chance(0.2) ? 'Not applicable' : rng.chance(0.62) ? 'Yes' : 'No',
    );
    if (rng.chance(v.freeTextShare)) write('sms_comment', smsComment(rng));
    if (rng.chance(v.demographicsShare)) {
      write('respondent_age_band', AGE_BANDS[RESPONDENT_AGES.pick(rng)]!);
      write('respondent_disability', DISABILITY_VALUES[RESPONDENT_DISABILITY.pick(rng)]!);
      write(
        'respondent_ethnicity',
        ETHNICITY_VALUES[rng.chance(LPAS[lpa]!.ethnicMinorityShare) ? MINORITY.pick(rng) : 1]!,
      );
      if (ctx.extra) write('respondent_sex', respondentSex(ctx.extra.rng, 0.52));
    }
  }
  ctx.extra?.sends.smsUnanswered(m, n);
}

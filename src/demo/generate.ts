/**
 * generateDemo: simulate the synthetic force month by month (April 2018 – March 2022) and
 * write every table of the import format as `<table>.csv` in `outDir`. Deterministic: the
 * same seed and scale give byte-identical files (each concern draws from its own seeded
 * stream; nothing reads Math.random or the clock). Memory stays flat as months stream
 * out: only people (typed arrays) and a few months of pools and candidates are held.
 */
import { setImmediate as tick } from 'node:timers/promises';
import { SCORECARD_CRIME_GROUPS } from '../facts/reference/offence-subgroups.ts';
import { PROJECT_TABLE_NAMES, type ProjectTableName } from '../facts/tables.ts';
import { writeCdiAudits, writeVictimsCodeAudits, type AuditCandidate } from './audits.ts';
import { formatDate, formatTs, month, MONTH_COUNT } from './calendar.ts';
import { callParams, writeMonthCalls, writeMonthIncidents, type CallCounter } from './contact.ts';
import { crimeId, generateMonthCrimes, type CrimeRec } from './crimes.ts';
import { FORCE_NAME, LPAS } from './force.ts';
import { Nominals, type NominalMeasure } from './nominals.ts';
import { bit, FLAG, SUBGROUPS, type OffenceCode } from './offences.ts';
import { OUTCOME_LIST, OutcomeModel } from './outcomes.ts';
import { assignGeneralPeople, People, personId, type MonthVictimStats } from './people.ts';
import { Rng } from './random.ts';
import { referralRates, writeMonthReferrals } from './referrals.ts';
import { writeReturns } from './returns.ts';
import { writeMonthCasualties } from './roads.ts';
import { writeStaffNames } from './staff.ts';
import { SurveySends } from './survey-sends.ts';
import {
  newRateTracker,
  writePerceptionSurvey,
  writeSmsSurvey,
  writeVictimSurveys,
  type CandidateKind,
  type SurveyCandidate,
} from './surveys.ts';
import { writeMonthArrests } from './arrests.ts';
import { writeCrimeWithdrawals } from './withdrawals.ts';
import { csvField, CsvWriters } from './write-csv.ts';

export interface GenerateDemoOptions {
  readonly seed: number;
  /** Multiplies every record volume (1 = the calibrated force; 10 for benchmarks). */
  readonly scale: number;
  readonly outDir: string;
  /** Test-only: simulate just the first N months (default all 48). */
  readonly months?: number;
  /** Called after each simulated month (for progress bars). */
  readonly onMonth?: (done: number, total: number) => void;
}

export interface DemoTableFile {
  readonly table: ProjectTableName;
  readonly path: string;
  readonly rows: number;
}

/** What the simulation measured while generating (for logs and tests; the engine recomputes). */
export interface DemoDiagnostics {
  readonly repeatVictims: readonly (MonthVictimStats & { readonly month: string })[];
  readonly highHarmNominals: readonly (NominalMeasure & { readonly month: string })[];
}

export interface DemoSummary {
  readonly forceName: string;
  readonly seed: number;
  readonly scale: number;
  readonly outDir: string;
  readonly firstMonth: string;
  readonly lastMonth: string;
  readonly months: number;
  readonly lpas: readonly { readonly name: string; readonly neighbourhoods: readonly string[] }[];
  /** The file(s) of each table (one CSV per table): what the importer is given. */
  readonly files: Readonly<Record<ProjectTableName, readonly string[]>>;
  /** Each table's file and row count. */
  readonly tables: Readonly<Record<ProjectTableName, DemoTableFile>>;
  /** Tables in an order that imports referenced tables first (people, crimes, then the rest). */
  readonly importOrder: readonly ProjectTableName[];
  readonly diagnostics: DemoDiagnostics;
}

/** Import order: referenced tables before the tables that reference them. */
export const DEMO_IMPORT_ORDER: readonly ProjectTableName[] = [
  'people',
  'crimes',
  'crime_victims',
  'crime_suspects',
  'outcomes',
  'arrests',
  'referrals',
  'survey_sends',
  'survey_responses',
  'victims_code_audits',
  'victim_withdrawals',
  'incidents',
  'calls',
  'cdi_audits',
  'casualties',
  'returns',
  'staff_names',
];

const DA = bit(FLAG.domestic_abuse);
const HATE = bit(FLAG.hate);
const VWI = SCORECARD_CRIME_GROUPS.indexOf('violence_with_injury');
const VWOI = SCORECARD_CRIME_GROUPS.indexOf('violence_without_injury');
const RES_BURGLARY = SCORECARD_CRIME_GROUPS.indexOf('residential_burglary');

const FLAG_STRINGS: string[] = Array.from({ length: 1 << 9 }, (_, mask) =>
  Array.from({ length: 9 }, (_, f) => ((mask >> f) & 1 ? 'true' : 'false')).join(','),
);
const LPA_CSV = LPAS.map((l) => csvField(l.name));
const NBH_CSV = LPAS.map((l) => l.neighbourhoods.map((n) => csvField(n.name)));
const CODE_CSV = new Map<OffenceCode, string>();
function codeCsv(code: OffenceCode, sub: number): string {
  let s = CODE_CSV.get(code);
  if (s === undefined) {
    const sg = SUBGROUPS[sub]!;
    s = `${csvField(code.code)},${csvField(code.description)},${csvField(sg.subgroup)}`;
    CODE_CSV.set(code, s);
  }
  return s;
}

function validate(opts: GenerateDemoOptions): number {
  if (!Number.isInteger(opts.seed))
    throw new RangeError(`demo seed must be an integer (got ${opts.seed})`);
  if (!(opts.scale > 0 && opts.scale <= 100))
    throw new RangeError(`demo scale must be > 0 and ≤ 100 (got ${opts.scale})`);
  const months = opts.months ?? MONTH_COUNT;
  if (!Number.isInteger(months) || months < 1 || months > MONTH_COUNT) {
    throw new RangeError(`demo months must be 1–${MONTH_COUNT} (got ${months})`);
  }
  return months;
}

/** Generate the synthetic force's CSV files; see DemoSummary for what comes back. */
export async function generateDemo(opts: GenerateDemoOptions): Promise<DemoSummary> {
  const monthsRun = validate(opts);
  const writers = new CsvWriters(opts.outDir);
  try {
    return await simulate(opts, monthsRun, writers);
  } finally {
    writers.closeAll();
  }
}

async function simulate(
  opts: GenerateDemoOptions,
  monthsRun: number,
  writers: CsvWriters,
): Promise<DemoSummary> {
  const { seed, scale, outDir } = opts;
  const dataEnd = month(monthsRun - 1).endSec;
  for (const t of DEMO_IMPORT_ORDER) writers.get(t);
  const w = {
    crimes: writers.get('crimes'),
    victims: writers.get('crime_victims'),
    suspects: writers.get('crime_suspects'),
    outcomes: writers.get('outcomes'),
    arrests: writers.get('arrests'),
    referrals: writers.get('referrals'),
    surveys: writers.get('survey_responses'),
    vca: writers.get('victims_code_audits'),
    withdrawals: writers.get('victim_withdrawals'),
    incidents: writers.get('incidents'),
    calls: writers.get('calls'),
    cdi: writers.get('cdi_audits'),
    casualties: writers.get('casualties'),
    returns: writers.get('returns'),
    people: writers.get('people'),
  };
  const rng = {
    crimes: new Rng(seed, 'crimes'),
    outcomes: new Rng(seed, 'outcomes'),
    people: new Rng(seed, 'people'),
    general: new Rng(seed, 'general-linking'),
    nominals: new Rng(seed, 'nominals'),
    arrests: new Rng(seed, 'arrests'),
    referrals: new Rng(seed, 'referrals'),
    referralParams: new Rng(seed, 'referral-params'),
    surveys: new Rng(seed, 'surveys'),
    perception: new Rng(seed, 'perception'),
    sms: new Rng(seed, 'sms'),
    audits: new Rng(seed, 'victims-code'),
    auditReferrals: new Rng(seed, 'victims-code-referrals'),
    withdrawals: new Rng(seed, 'victim-withdrawals'),
    incidents: new Rng(seed, 'incidents'),
    calls: new Rng(seed, 'calls'),
    callParams: new Rng(seed, 'call-params'),
    casualties: new Rng(seed, 'casualties'),
  };
  const people = new People(rng.people);
  const nominals = new Nominals(rng.nominals, people, scale);
  const outcomeModel = new OutcomeModel();
  const surveyCandidates: Record<CandidateKind, SurveyCandidate[]>[] = [];
  const auditCandidates: AuditCandidate[][] = [];
  const diagnostics = {
    repeatVictims: [] as DemoDiagnostics['repeatVictims'][number][],
    highHarmNominals: [] as DemoDiagnostics['highHarmNominals'][number][],
  };
  const surveyState = { nextResponse: 0 };
  const extra = {
    sends: new SurveySends(
      new Rng(seed, 'survey-sends'),
      new Rng(seed, 'survey-staff'),
      writers.get('survey_sends'),
    ),
    rng: new Rng(seed, 'survey-respondents'),
  };
  const tracker = newRateTracker();
  const auditState = { nextCase: 0 };
  const withdrawalState = { next: 0 };
  const arrestState = { next: 0 };
  const casualtyState = { nextCollision: 0 };
  const callCounter: CallCounter = { next: 0 };
  let lastCrimeId = 0;

  for (let m = 0; m < monthsRun; m++) {
    const info = month(m);
    // ---- crimes, outcomes, people
    const crimes = generateMonthCrimes(rng.crimes, m, { scale, lastId: lastCrimeId });
    if (crimes.length > 0) lastCrimeId = crimes[crimes.length - 1]!.id;
    for (const c of crimes) if (!c.crimedIncident) outcomeModel.assign(rng.outcomes, c, m);
    people.startMonth(m);
    nominals.assign(m, crimes);
    assignGeneralPeople(rng.general, people, crimes, m);
    const hh = nominals.measure(m, crimes);
    diagnostics.repeatVictims.push({ month: info.label, ...people.stats });
    diagnostics.highHarmNominals.push({ month: info.label, ...hh });
    writeCrimeRows(crimes, dataEnd, w);
    for (const c of crimes)
      writeCrimeWithdrawals(rng.withdrawals, c, dataEnd, withdrawalState, w.withdrawals);

    // ---- arrests and referrals
    writeMonthArrests(rng.arrests, m, crimes, people, arrestState, w.arrests);
    writeMonthReferrals(
      rng.referrals,
      m,
      referralRates(rng.referralParams, m),
      crimes,
      w.referrals,
    );

    // ---- candidates for surveys and audits
    const sc: Record<CandidateKind, SurveyCandidate[]> = {
      burglary: [],
      violent: [],
      hate: [],
      domestic_abuse: [],
    };
    const ac: AuditCandidate[] = [];
    for (const c of crimes) {
      if (c.crimedIncident || c.victims.length === 0) continue;
      const cand = { id: c.id, t: c.t, lpa: c.lpa, nbh: c.nbh };
      if (c.group === RES_BURGLARY) sc.burglary.push(cand);
      if ((c.group === VWI || c.group === VWOI) && (c.flags & DA) === 0 && !c.childVictim)
        sc.violent.push(cand);
      if ((c.flags & HATE) !== 0) sc.hate.push(cand);
      if ((c.flags & DA) !== 0) sc.domestic_abuse.push(cand);
      if (SUBGROUPS[c.sub]!.victimBased) ac.push({ id: c.id, lpa: c.lpa, victim: c.victims[0]! });
    }
    surveyCandidates[m] = sc;
    auditCandidates[m] = ac;
    if (m >= 4) {
      surveyCandidates[m - 4] = { burglary: [], violent: [], hate: [], domestic_abuse: [] };
      auditCandidates[m - 4] = [];
    }

    // ---- voice: surveys and Victims' Code audits (about crimes of earlier months)
    if (m >= 1) {
      const ctx = { rng: rng.surveys, scale, state: surveyState, out: w.surveys, tracker, extra };
      writeVictimSurveys(ctx, m, (kind) => [
        ...(surveyCandidates[m - 2]?.[kind] ?? []),
        ...(surveyCandidates[m - 1]?.[kind] ?? []),
      ]);
      const auditPool = [
        ...(auditCandidates[m - 3] ?? []),
        ...(auditCandidates[m - 2] ?? []),
        ...(auditCandidates[m - 1] ?? []),
      ];
      writeVictimsCodeAudits(
        rng.audits,
        m,
        scale,
        auditPool,
        people,
        auditState,
        w.vca,
        rng.auditReferrals,
      );
    }
    writePerceptionSurvey(
      { rng: rng.perception, scale, state: surveyState, out: w.surveys, tracker, extra },
      m,
    );
    writeSmsSurvey({ rng: rng.sms, scale, state: surveyState, out: w.surveys, tracker, extra }, m);

    // ---- contact and roads
    writeMonthIncidents(rng.incidents, m, scale, dataEnd, w.incidents);
    for (const line of ['999', '101'] as const) {
      writeMonthCalls(
        rng.calls,
        line,
        m,
        callParams(rng.callParams, line, m),
        scale,
        callCounter,
        w.calls,
      );
    }
    writeMonthCasualties(
      rng.casualties,
      new Rng(seed, `casualties-q${info.quarterIndex}`),
      m,
      scale,
      casualtyState,
      w.casualties,
    );

    opts.onMonth?.(m + 1, monthsRun);
    await tick();
  }

  // ---- people (after every link is known), audits and returns
  for (let p = 1; p <= people.count; p++) {
    const d = people.describe(p);
    w.people.line(
      `${personId(p)},${d.sex},${d.ageBand},${formatDate(d.dobDay)},${d.ethnicity},${d.disability}`,
    );
  }
  writeCdiAudits(new Rng(seed, 'cdi'), monthsRun, w.cdi);
  writeReturns(new Rng(seed, 'returns'), monthsRun, w.returns);
  writeStaffNames(new Rng(seed, 'staff'), writers.get('staff_names'));
  writers.closeAll();

  const tables = {} as Record<ProjectTableName, DemoTableFile>;
  const files = {} as Record<ProjectTableName, readonly string[]>;
  for (const t of PROJECT_TABLE_NAMES) {
    const wr = writers.get(t);
    tables[t] = { table: t, path: wr.path, rows: wr.rows };
    files[t] = [wr.path];
  }
  return {
    forceName: FORCE_NAME,
    seed,
    scale,
    outDir,
    firstMonth: month(0).label,
    lastMonth: month(monthsRun - 1).label,
    months: monthsRun,
    lpas: LPAS.map((l) => ({ name: l.name, neighbourhoods: l.neighbourhoods.map((n) => n.name) })),
    files,
    tables,
    importOrder: DEMO_IMPORT_ORDER,
    diagnostics,
  };
}

function writeCrimeRows(
  crimes: readonly CrimeRec[],
  dataEnd: number,
  w: {
    crimes: { line(s: string): void };
    victims: { line(s: string): void };
    suspects: { line(s: string): void };
    outcomes: { line(s: string): void };
  },
): void {
  for (const c of crimes) {
    const id = crimeId(c.id);
    w.crimes.line(
      id +
        ',' +
        formatTs(c.t) +
        ',' +
        codeCsv(c.code, c.sub) +
        ',' +
        LPA_CSV[c.lpa] +
        ',' +
        NBH_CSV[c.lpa]![c.nbh] +
        ',' +
        (SUBGROUPS[c.sub]!.victimBased ? 'true' : 'false') +
        ',' +
        FLAG_STRINGS[c.flags] +
        ',' +
        (c.crimedIncident ? 'true' : 'false'),
    );
    for (const p of c.victims) w.victims.line(id + ',' + personId(p));
    for (const p of c.suspects) w.suspects.line(id + ',' + personId(p));
    if (c.outcome >= 0 && c.outcomeT < dataEnd) {
      w.outcomes.line(id + ',' + OUTCOME_LIST[c.outcome] + ',' + formatTs(c.outcomeT));
    }
  }
}

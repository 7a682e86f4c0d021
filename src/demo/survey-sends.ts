/**
 * Surveys sent (`survey_sends`), answered or not: the SMS survey after every suitable contact
 * (002: about one in ten answer) and the victim surveys' invitations to interview. Each
 * response of `surveys.ts` names its send (the `send_id` question); the sends nobody answered
 * are added around them, so response rates follow calibration.
 *
 * Everything here draws from its own streams, so adding sends leaves every answer of the
 * survey streams as it was. The SMS survey's team and member of staff are drawn after the
 * answer, leaning on it (each team and person has a fixed effect), so the team and individual
 * views have differences to find; incident types lean the same way.
 */
import { SURVEY_SENDS, SURVEY_VOLUMES, type VictimSurvey } from './calibration.ts';
import { formatTs, month, SECONDS_PER_DAY } from './calendar.ts';
import { NEIGHBOURHOOD_TABLES } from './crimes.ts';
import { LPAS } from './force.ts';
import { Rng, WeightedTable } from './random.ts';
import { csvField, type CsvTableWriter } from './write-csv.ts';

/** What SMS contacts were about (incident opening categories; risky or sensitive ones are never sent the survey). */
const SMS_TYPES: readonly (readonly [name: string, weight: number, effect: number])[] = [
  ['Anti-social behaviour', 22, -0.3],
  ['Suspicious circumstances', 12, 0.2],
  ['Crime report - theft', 12, -0.2],
  ['Concern for safety', 10, 0.3],
  ['Crime report - other', 8, -0.1],
  ['Road related incident', 8, 0.1],
  ['Neighbour dispute', 6, -0.5],
  ['Alarm activation', 5, 0.2],
  ['Highway disruption', 5, 0.1],
  ['Nuisance vehicle', 4, -0.3],
  ['Civil dispute', 4, -0.6],
  ['Animals', 2, 0.3],
  ['Administration', 2, 0],
];

const CONTACT_TEAMS = 6;
const CONTACT_STAFF_PER_TEAM = 10;
const RESPONSE_STAFF_PER_TEAM = 8;

interface Person {
  readonly team: string;
  readonly staffId: string;
  /** Log-odds effect on satisfaction (team + individual). */
  readonly effect: number;
}

/** Three ways to pick from the same items: leaning to satisfied, to dissatisfied, or neither. */
interface Leaning<T> {
  readonly satisfied: WeightedTable<T>;
  readonly dissatisfied: WeightedTable<T>;
  readonly neutral: WeightedTable<T>;
}

function leaning<T>(items: readonly T[], base: (t: T) => number, effect: (t: T) => number) {
  const table = (sign: number) =>
    new WeightedTable(
      items,
      items.map((t) => base(t) * Math.exp((sign * effect(t)) / 2)),
    );
  return { satisfied: table(1), dissatisfied: table(-1), neutral: table(0) } as Leaning<T>;
}

const pickLeaning = <T>(l: Leaning<T>, rng: Rng, satisfied: boolean | null): T =>
  (satisfied === null ? l.neutral : satisfied ? l.satisfied : l.dissatisfied).pick(rng);

/** The fictional Force Contact and Force Response teams, each person with a fixed effect. */
function buildStaff(rng: Rng): { contact: Person[]; response: Person[][] } {
  let next = 0;
  const staffId = () => `ST-${String(++next).padStart(4, '0')}`;
  const teamEffect = (name: string) =>
    name === 'Contact Team 4'
      ? -0.5
      : name === `Response ${LPAS[3]!.name} B`
        ? 0.45
        : rng.normal() * 0.15;
  const people = (team: string, n: number): Person[] => {
    const te = teamEffect(team);
    return Array.from({ length: n }, () => ({
      team,
      staffId: staffId(),
      effect: te + rng.normal() * 0.35,
    }));
  };
  const contact: Person[] = [];
  for (let t = 1; t <= CONTACT_TEAMS; t++)
    contact.push(...people(`Contact Team ${t}`, CONTACT_STAFF_PER_TEAM));
  const response = LPAS.map((l) => [
    ...people(`Response ${l.name} A`, RESPONSE_STAFF_PER_TEAM),
    ...people(`Response ${l.name} B`, RESPONSE_STAFF_PER_TEAM),
  ]);
  return { contact, response };
}

const LPA_CSV = LPAS.map((l) => csvField(l.name));
const NBH_CSV = LPAS.map((l) => l.neighbourhoods.map((n) => csvField(n.name)));
const FIRST_SEC = month(0).startSec;

export class SurveySends {
  private next = 0;
  private readonly contact: Leaning<Person>;
  private readonly response: readonly Leaning<Person>[];
  private readonly types: Leaning<(typeof SMS_TYPES)[number]>;
  /** Crimes whose victim has been invited already (one invitation per crime and survey). */
  private readonly invited = new Set<string>();

  constructor(
    private readonly rng: Rng,
    staffRng: Rng,
    private readonly out: CsvTableWriter,
  ) {
    const staff = buildStaff(staffRng);
    const effect = (p: Person) => p.effect;
    this.contact = leaning(staff.contact, () => 1, effect);
    this.response = staff.response.map((team) => leaning(team, () => 1, effect));
    this.types = leaning(
      SMS_TYPES,
      (t) => t[1],
      (t) => t[2],
    );
  }

  private write(
    survey: string,
    at: number,
    lpa: number,
    nbh: number,
    crime: string,
    type: string,
    person: Person | null,
  ): string {
    const id = `SEND-${String(++this.next).padStart(8, '0')}`;
    const place = lpa >= 0 ? `${LPA_CSV[lpa]},${nbh >= 0 ? NBH_CSV[lpa]![nbh] : ''}` : ',';
    this.out.line(
      `${id},${survey},${formatTs(Math.max(FIRST_SEC, at))},${place},${crime},,${csvField(type)},${person ? csvField(person.team) : ''},${person?.staffId ?? ''}`,
    );
    return id;
  }

  /** Minutes to hours between a contact and the SMS being answered. */
  private smsDelay(): number {
    return Math.min(20 * 3600, 600 + Math.round(this.rng.exponential(2 * 3600)));
  }

  private smsSend(at: number, lpa: number, nbh: number, satisfied: boolean | null): string {
    const rng = this.rng;
    const type = pickLeaning(this.types, rng, satisfied)[0];
    const person = rng.chance(SURVEY_SENDS.smsResponseTeamShare)
      ? pickLeaning(this.response[lpa]!, rng, satisfied)
      : pickLeaning(this.contact, rng, satisfied);
    return this.write('sms', at, lpa, nbh, '', type, person);
  }

  /** The send an SMS response at `answeredAt` answers; returns its id. */
  smsAnswered(answeredAt: number, lpa: number, nbh: number, satisfied: boolean): string {
    return this.smsSend(answeredAt - this.smsDelay(), lpa, nbh, satisfied);
  }

  /** The month's SMS sends nobody answered, about nine for every response (10% response). */
  smsUnanswered(m: number, responses: number): void {
    const rate = SURVEY_VOLUMES.sms.responseRate;
    const n = this.rng.poisson((responses * (1 - rate)) / rate);
    for (let i = 0; i < n; i++) {
      const lpa = this.rng.int(LPAS.length);
      const nbh = NEIGHBOURHOOD_TABLES[lpa]!.pickIndex(this.rng);
      this.smsSend(this.dayTime(m) - this.smsDelay(), lpa, nbh, null);
    }
  }

  /** The invitation a victim-survey interview at `at` answers; returns its id. */
  victimAnswered(
    survey: VictimSurvey,
    at: number,
    lpa: number,
    nbh: number,
    crime: string,
    crimeAt: number | null,
  ): string {
    if (crime) this.invited.add(`${survey}|${crime}`);
    let t = at - 3600 - this.rng.int(3 * SECONDS_PER_DAY);
    if (crimeAt !== null) t = Math.max(t, crimeAt + 7 * SECONDS_PER_DAY);
    return this.write(
      survey,
      t,
      lpa,
      nbh,
      crime,
      survey === 'rtc' ? 'Road traffic collision' : '',
      null,
    );
  }

  /**
   * The month's invitations nobody took up (about three for every two interviews): victims of
   * crimes in `pool` not interviewed (`interviewed`), invited 10 days or more after the crime.
   */
  victimUnanswered(
    survey: VictimSurvey,
    m: number,
    responses: number,
    pool: readonly {
      readonly id: number;
      readonly t: number;
      readonly lpa: number;
      readonly nbh: number;
    }[],
    interviewed: ReadonlySet<number>,
    crimeId: (id: number) => string,
  ): void {
    const rng = this.rng;
    const rate = SURVEY_SENDS.victimResponseRate;
    const n = rng.poisson((responses * (1 - rate)) / rate);
    const info = month(m);
    for (let i = 0; i < n; i++) {
      if (survey === 'rtc') {
        const lpa = rng.int(LPAS.length);
        const nbh = NEIGHBOURHOOD_TABLES[lpa]!.pickIndex(rng);
        this.write(survey, this.dayTime(m), lpa, nbh, '', 'Road traffic collision', null);
        continue;
      }
      for (let tries = 0; tries < 10 && pool.length > 0; tries++) {
        const c = pool[rng.int(pool.length)]!;
        const crime = crimeId(c.id);
        const key = `${survey}|${crime}`;
        if (interviewed.has(c.id) || this.invited.has(key)) continue;
        const start = Math.max(info.startSec, c.t + 10 * SECONDS_PER_DAY);
        if (start >= info.endSec) continue;
        this.invited.add(key);
        this.write(survey, start + rng.int(info.endSec - start), c.lpa, c.nbh, crime, '', null);
        break;
      }
    }
  }

  /** A time in month m between 09:00 and 19:59 (when answers come in). */
  private dayTime(m: number): number {
    const info = month(m);
    return (
      info.startSec +
      this.rng.int(info.days) * SECONDS_PER_DAY +
      (9 + this.rng.int(11)) * 3600 +
      this.rng.int(3600)
    );
  }
}

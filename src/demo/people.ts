/**
 * People in the demo: victims and suspects with pseudonymous ids and characteristics, held
 * in typed arrays (millions at scale 10). Repeat victimisation is steered month by month:
 * each victim is either someone victimised in the last 11 months (a returning victim, so a
 * repeat victim under any reading of "another offence in the preceding 12 months") or a
 * new person, with the probability fed back from the month's running rate so the repeat
 * victim rate follows calibration (34% all crime, 43% DA in Q1 2021/22).
 */
import { PROTECTED_CHARACTERISTICS_RECORDED, REPEAT_VICTIM_RATE } from './calibration.ts';
import { month } from './calendar.ts';
import type { CrimeRec } from './crimes.ts';
import { LPAS } from './force.ts';
import { bit, FLAG, SUBGROUPS } from './offences.ts';
import { WeightedTable, type Rng } from './random.ts';
import {
  AGE_BANDS as TABLE_AGE_BANDS,
  DISABILITY as TABLE_DISABILITY,
  ETHNICITY,
  SEX,
} from '../facts/tables.ts';

// Index 0 is the empty value: "not recorded". The values themselves are the import format's.
export const SEX_VALUES = ['', ...SEX] as const;
export const AGE_BANDS = ['', ...TABLE_AGE_BANDS] as const;
export const ETHNICITY_VALUES = ['', ...ETHNICITY] as const;
export const DISABILITY_VALUES = ['', ...TABLE_DISABILITY] as const;

const AGE_RANGES: readonly [number, number][] = [
  [0, 0],
  [0, 17],
  [18, 24],
  [25, 34],
  [35, 44],
  [45, 54],
  [55, 64],
  [65, 90],
];

export const personId = (n: number): string => `P-${String(n).padStart(7, '0')}`;

export type PersonRole = 'victim' | 'suspect';

export interface PersonContext {
  readonly role: PersonRole;
  readonly day: number;
  readonly lpa: number;
  readonly da?: boolean;
  readonly sexual?: boolean;
  readonly childVictim?: boolean;
  /** Override the share of women (e.g. DA dyads). */
  readonly female?: number;
}

const bands = (w: readonly number[]) => new WeightedTable([1, 2, 3, 4, 5, 6, 7], w);
const AGE_TABLES = {
  victim: bands([0.09, 0.15, 0.22, 0.19, 0.15, 0.1, 0.1]),
  victimDa: bands([0.03, 0.18, 0.32, 0.24, 0.14, 0.06, 0.03]),
  victimSexual: bands([0.42, 0.2, 0.15, 0.1, 0.07, 0.04, 0.02]),
  suspect: bands([0.11, 0.22, 0.29, 0.2, 0.11, 0.05, 0.02]),
};
const ETHNIC_MINORITY = new WeightedTable([2, 3, 4, 5], [0.3, 0.4, 0.2, 0.1]);
const DISABILITY = new WeightedTable([0, 1, 2, 3], [0.2, 0.09, 0.62, 0.09]);

/** Months a person can be drawn back from as a returning victim/suspect: the last 11. */
const LOOKBACK = 11;

export interface MonthVictimStats {
  distinct: number;
  repeat: number;
  daDistinct: number;
  daRepeat: number;
}

export class People {
  count = 0;
  sex = new Uint8Array(1 << 16);
  age = new Uint8Array(1 << 16);
  dob = new Int32Array(1 << 16);
  eth = new Uint8Array(1 << 16);
  dis = new Uint8Array(1 << 16);
  lastVictimMonth = new Int16Array(1 << 16);
  priorVictimMonth = new Int16Array(1 << 16);
  daCountedMonth = new Int16Array(1 << 16);
  suspectMonth = new Int16Array(1 << 16);
  lastDaSuspect = new Int32Array(1 << 16);

  /** Distinct victims per month and LPA (all crime; DA-flagged), and suspects. */
  private readonly victimPool: number[][][] = [];
  private readonly daVictimPool: number[][][] = [];
  private readonly suspectPool: number[][][] = [];
  stats: MonthVictimStats = { distinct: 0, repeat: 0, daDistinct: 0, daRepeat: 0 };
  private currentMonth = -1;

  constructor(private readonly rng: Rng) {}

  private grow(): void {
    const n = this.sex.length * 2;
    const g8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const g16 = (a: Int16Array) => {
      const b = new Int16Array(n);
      b.set(a);
      return b;
    };
    this.sex = g8(this.sex);
    this.age = g8(this.age);
    this.eth = g8(this.eth);
    this.dis = g8(this.dis);
    const dob = new Int32Array(n);
    dob.set(this.dob);
    this.dob = dob;
    this.lastVictimMonth = g16(this.lastVictimMonth);
    this.priorVictimMonth = g16(this.priorVictimMonth);
    this.daCountedMonth = g16(this.daCountedMonth);
    this.suspectMonth = g16(this.suspectMonth);
    const s = new Int32Array(n);
    s.set(this.lastDaSuspect);
    this.lastDaSuspect = s;
  }

  /** Create a person (ids from 1) with characteristics fitting the first contact. */
  create(ctx: PersonContext): number {
    const rng = this.rng;
    const id = ++this.count;
    if (id >= this.sex.length) this.grow();
    let female: number;
    if (ctx.female !== undefined) female = ctx.female;
    else if (ctx.role === 'suspect') female = 0.18;
    else if (ctx.sexual) female = 0.86;
    else if (ctx.da) female = 0.77;
    else female = 0.47;
    // Sex recorded for 98.59%; never "not_stated", so recorded means non-empty under any reading.
    if (rng.chance(PROTECTED_CHARACTERISTICS_RECORDED.sex)) {
      this.sex[id] = rng.chance(0.002) ? 3 : rng.chance(female) ? 2 : 1;
    } else this.sex[id] = 0;
    let band: number;
    if (ctx.childVictim) band = 1;
    else if (ctx.role === 'suspect') band = AGE_TABLES.suspect.pick(rng);
    else if (ctx.sexual) band = AGE_TABLES.victimSexual.pick(rng);
    else if (ctx.da) band = AGE_TABLES.victimDa.pick(rng);
    else band = AGE_TABLES.victim.pick(rng);
    const [lo, hi] = AGE_RANGES[band]!;
    const minAge = band === 1 ? (ctx.role === 'suspect' ? 10 : ctx.childVictim ? 2 : 6) : lo;
    const years = minAge + rng.int(hi - minAge + 1);
    this.age[id] = band;
    this.dob[id] = ctx.day - Math.floor(years * 365.25) - rng.int(365);
    const em = LPAS[ctx.lpa]!.ethnicMinorityShare * (ctx.role === 'suspect' ? 1.3 : 1.1);
    this.eth[id] = rng.chance(PROTECTED_CHARACTERISTICS_RECORDED.ethnicity)
      ? rng.chance(em)
        ? ETHNIC_MINORITY.pick(rng)
        : 1
      : 0;
    this.dis[id] = DISABILITY.pick(rng);
    this.lastVictimMonth[id] = -1000;
    this.priorVictimMonth[id] = -1000;
    this.daCountedMonth[id] = -1000;
    this.suspectMonth[id] = -1000;
    this.lastDaSuspect[id] = 0;
    return id;
  }

  startMonth(m: number): void {
    this.currentMonth = m;
    this.stats = { distinct: 0, repeat: 0, daDistinct: 0, daRepeat: 0 };
    const empty = () => LPAS.map(() => [] as number[]);
    this.victimPool[m] = empty();
    this.daVictimPool[m] = empty();
    this.suspectPool[m] = empty();
    // Drop pools nobody can be drawn from any more.
    const old = m - LOOKBACK - 1;
    if (old >= 0) {
      this.victimPool[old] = [];
      this.daVictimPool[old] = [];
      this.suspectPool[old] = [];
    }
  }

  /** Record a victim link in the current month (repeat accounting and pools). */
  registerVictim(p: number, lpa: number, da: boolean): void {
    const m = this.currentMonth;
    let prior: number;
    if (this.lastVictimMonth[p] === m) {
      prior = this.priorVictimMonth[p]!;
    } else {
      prior = this.lastVictimMonth[p]!;
      this.priorVictimMonth[p] = prior;
      this.lastVictimMonth[p] = m;
      this.stats.distinct++;
      if (prior >= m - 12) this.stats.repeat++;
      this.victimPool[m]![lpa]!.push(p);
    }
    if (da && this.daCountedMonth[p] !== m) {
      this.daCountedMonth[p] = m;
      this.stats.daDistinct++;
      if (prior >= m - 12) this.stats.daRepeat++;
      this.daVictimPool[m]![lpa]!.push(p);
    }
  }

  registerSuspect(p: number, lpa: number): void {
    const m = this.currentMonth;
    if (this.suspectMonth[p] !== m) {
      this.suspectMonth[p] = m;
      this.suspectPool[m]![lpa]!.push(p);
    }
  }

  private pickFrom(pools: number[][][], lpa: number): number {
    const m = this.currentMonth;
    let total = 0;
    for (let k = Math.max(0, m - LOOKBACK); k < m; k++) total += pools[k]?.[lpa]?.length ?? 0;
    if (total === 0) return 0;
    let x = this.rng.int(total);
    for (let k = Math.max(0, m - LOOKBACK); k < m; k++) {
      const arr = pools[k]?.[lpa];
      if (!arr) continue;
      if (x < arr.length) return arr[x]!;
      x -= arr.length;
    }
    return 0;
  }

  returningVictim(lpa: number, da: boolean): number {
    return this.pickFrom(da ? this.daVictimPool : this.victimPool, lpa);
  }

  returningSuspect(lpa: number): number {
    return this.pickFrom(this.suspectPool, lpa);
  }

  /** Characteristics as CSV fields: sex, age_band, date_of_birth (day index), ethnicity, disability. */
  describe(p: number): {
    sex: string;
    ageBand: string;
    dobDay: number;
    ethnicity: string;
    disability: string;
  } {
    return {
      sex: SEX_VALUES[this.sex[p]!]!,
      ageBand: AGE_BANDS[this.age[p]!]!,
      dobDay: this.dob[p]!,
      ethnicity: ETHNICITY_VALUES[this.eth[p]!]!,
      disability: DISABILITY_VALUES[this.dis[p]!]!,
    };
  }
}

function repeatTarget(kind: 'all' | 'domestic_abuse', m: number): number {
  const r = REPEAT_VICTIM_RATE[kind];
  const label = month(m).label as keyof typeof r;
  const v = r[label];
  if (typeof v === 'number') return v;
  return label < '2021-04' ? r.before : r.after;
}

const DA_BIT = bit(FLAG.domestic_abuse);

/**
 * Link victims and suspects to the month's crimes that are not yet linked (the chronic
 * high-harm nominals are linked first, in nominals.ts). Crimed incidents get nobody.
 */
export function assignGeneralPeople(
  rng: Rng,
  people: People,
  crimes: readonly CrimeRec[],
  m: number,
): void {
  const targetAll = repeatTarget('all', m);
  const targetDa = repeatTarget('domestic_abuse', m);
  const gain = 3;
  const rate = (rep: number, n: number, target: number) => (n < 25 ? target : rep / n);
  for (const c of crimes) {
    if (c.crimedIncident) continue;
    const da = (c.flags & DA_BIT) !== 0;
    const s = SUBGROUPS[c.sub]!;
    const day = Math.floor(c.t / 86400);
    if (c.victimLinked && c.victims.length === 0) {
      const st = people.stats;
      const target = da ? targetDa : targetAll;
      const realised = da
        ? rate(st.daRepeat, st.daDistinct, target)
        : rate(st.repeat, st.distinct, target);
      const q = Math.min(0.92, Math.max(0.02, target + gain * (target - realised)));
      let p = 0;
      if (!c.childVictim && rng.chance(q)) p = people.returningVictim(c.lpa, da);
      if (p === 0) {
        p = people.create({
          role: 'victim',
          day,
          lpa: c.lpa,
          da,
          sexual: s.def.sexual === true,
          childVictim: c.childVictim,
        });
      }
      c.victims.push(p);
      people.registerVictim(p, c.lpa, da);
      if (
        (s.offenceGroup === 'Violence against the person' || s.offenceGroup === 'Robbery') &&
        rng.chance(0.04)
      ) {
        const p2 = people.create({ role: 'victim', day, lpa: c.lpa, da: false });
        c.victims.push(p2);
        people.registerVictim(p2, c.lpa, da);
      }
    }
    if (c.hasSuspect && c.suspects.length === 0) {
      const n = 1 + (rng.chance(0.1) ? 1 : 0) + (rng.chance(0.03) ? 1 : 0);
      for (let i = 0; i < n; i++) {
        let p = 0;
        const v = c.victims[0];
        if (i === 0 && da && v !== undefined && people.lastDaSuspect[v]! > 0 && rng.chance(0.7)) {
          p = people.lastDaSuspect[v]!;
        } else if (rng.chance(da ? 0.15 : 0.3)) {
          p = people.returningSuspect(c.lpa);
        }
        if (p === 0 || c.victims.includes(p) || c.suspects.includes(p)) {
          p = people.create({ role: 'suspect', day, lpa: c.lpa });
        }
        c.suspects.push(p);
        people.registerSuspect(p, c.lpa);
      }
    }
    if (da && c.suspects.length > 0) {
      for (const v of c.victims) people.lastDaSuspect[v] = c.suspects[0]!;
    }
  }
}

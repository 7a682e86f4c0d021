/**
 * High-harm repeat nominals: people linked as victim or suspect to 3+ high-harm offences in a
 * rolling 3 months (about 539 in May 2021 and 607 in June 2021, split victim only / suspect
 * only / both, about two-thirds linked to DA). They come from chronic "entities" that take
 * part in one or two high-harm crimes a month for a few months:
 *
 * - `da_oneway`: a DA victim and the same perpetrator (victim only + suspect only)
 * - `da_mutual`: a couple with counter-allegations, roles swapping (both)
 * - `prolific`: a non-DA violent offender (suspect only)
 * - `chronic_victim`: a repeatedly targeted, often vulnerable, victim (victim only)
 * - `street_both`: someone in street violence as victim and as offender (both)
 *
 * Entity numbers are set each month from the targets, net of the nominals that ordinary
 * repeat linking produced the month before (a few dozen, mostly DA), so the totals hold
 * whatever the rest of the simulation adds.
 */
import { HIGH_HARM_NOMINALS, type NominalSplit } from './calibration.ts';
import { month } from './calendar.ts';
import type { CrimeRec } from './crimes.ts';
import { LPA_COUNT } from './force.ts';
import { bit, FLAG } from './offences.ts';
import type { People } from './people.ts';
import type { Rng } from './random.ts';

type EntityType = 'da_oneway' | 'da_mutual' | 'prolific' | 'chronic_victim' | 'street_both';
const TYPES: readonly EntityType[] = [
  'da_oneway',
  'da_mutual',
  'prolific',
  'chronic_victim',
  'street_both',
];

interface Entity {
  readonly type: EntityType;
  readonly lpa: number;
  readonly a: number;
  readonly b: number;
  readonly start: number;
  /** Last month with an event (retiring early brings it forward). */
  end: number;
  /** Events so far (roles alternate for the mutual and street kinds). */
  events: number;
}

/** Share of the victim-only target met by DA dyads (the rest: chronic non-DA victims). */
const DA_ONEWAY_SHARE_OF_VICTIM_ONLY = 0.5;
/** Share of the "both" target met by DA couples with counter-allegations (the rest: street violence). */
const DA_MUTUAL_SHARE_OF_BOTH = 0.9;

export function nominalTarget(m: number): NominalSplit {
  const label = month(m).label;
  const t = HIGH_HARM_NOMINALS.byMonth[label];
  if (t) return t;
  return label < '2021-04' ? HIGH_HARM_NOMINALS.before : HIGH_HARM_NOMINALS.after;
}

export interface NominalMeasure extends NominalSplit {
  readonly total: number;
  readonly da: number;
}

const DA = bit(FLAG.domestic_abuse);

/** Buckets of the month's high-harm crimes, by DA × what can be linked × LPA. */
class Buckets {
  // kind: 0 DA with victim and suspect; 1 non-DA victim+suspect; 2 non-DA victim only; 3 non-DA suspect only
  private readonly lists: CrimeRec[][] = Array.from({ length: 4 * LPA_COUNT }, () => []);

  constructor(crimes: readonly CrimeRec[]) {
    for (const c of crimes) {
      if (c.crimedIncident || !c.highHarm) continue;
      let kind: number;
      if ((c.flags & DA) !== 0) {
        if (!c.victimLinked || !c.hasSuspect) continue;
        kind = 0;
      } else if (c.victimLinked && c.hasSuspect) kind = 1;
      else if (c.victimLinked) kind = 2;
      else if (c.hasSuspect) kind = 3;
      else continue;
      this.lists[kind * LPA_COUNT + c.lpa]!.push(c);
    }
  }

  take(rng: Rng, kinds: readonly number[], lpa: number): CrimeRec | undefined {
    for (const kind of kinds) {
      const c = this.takeFrom(rng, kind * LPA_COUNT + lpa);
      if (c) return c;
    }
    for (const kind of kinds) {
      for (let l = 0; l < LPA_COUNT; l++) {
        const c = this.takeFrom(rng, kind * LPA_COUNT + l);
        if (c) return c;
      }
    }
    return undefined;
  }

  private takeFrom(rng: Rng, i: number): CrimeRec | undefined {
    const list = this.lists[i]!;
    if (list.length === 0) return undefined;
    const j = rng.int(list.length);
    const c = list[j]!;
    list[j] = list[list.length - 1]!;
    list.pop();
    return c;
  }
}

export class Nominals {
  private entities: Entity[] = [];
  /** Nominals from ordinary repeat linking (not entities), measured last month, per class. */
  private natural: NominalSplit = { victimOnly: 0, suspectOnly: 0, both: 0 };
  /** What the entities contribute this month, per class (to separate the natural part). */
  private planned: NominalSplit = { victimOnly: 0, suspectOnly: 0, both: 0 };
  /** High-harm links per month: person, role (0 victim, 1 suspect), DA (0/1), flattened. */
  private readonly links: number[][] = [];
  readonly measured: NominalMeasure[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly people: People,
    private readonly scale: number,
  ) {}

  /** Entities of each kind that should qualify in month m (scaled), net of natural nominals. */
  private wanted(m: number): Record<EntityType, number> {
    const t = nominalTarget(m);
    const s = this.scale;
    const vo = Math.max(0, t.victimOnly * s - this.natural.victimOnly);
    const so = Math.max(0, t.suspectOnly * s - this.natural.suspectOnly);
    const b = Math.max(0, t.both * s - this.natural.both);
    const oneway = Math.round(vo * DA_ONEWAY_SHARE_OF_VICTIM_ONLY);
    const mutual = Math.round((b * DA_MUTUAL_SHARE_OF_BOTH) / 2);
    return {
      da_oneway: oneway,
      da_mutual: mutual,
      chronic_victim: Math.max(0, Math.round(vo) - oneway),
      prolific: Math.max(0, Math.round(so) - oneway),
      street_both: Math.max(0, Math.round(b) - mutual * 2),
    };
  }

  private spawn(type: EntityType, m: number, day: number): Entity {
    const rng = this.rng;
    const lpa = rng.int(LPA_COUNT);
    const people = this.people;
    const end = m + 2 + Math.floor(rng.exponential(4));
    let a: number;
    let b = 0;
    switch (type) {
      case 'da_oneway':
        a = people.create({ role: 'victim', day, lpa, da: true, female: 0.85 });
        b = people.create({ role: 'suspect', day, lpa, female: 0.12 });
        break;
      case 'da_mutual':
        a = people.create({ role: 'victim', day, lpa, da: true, female: 0.6 });
        b = people.create({ role: 'suspect', day, lpa, female: 0.35 });
        break;
      case 'prolific':
        a = people.create({ role: 'suspect', day, lpa, female: 0.1 });
        break;
      case 'chronic_victim':
        a = people.create({ role: 'victim', day, lpa, female: 0.6 });
        break;
      case 'street_both':
        a = people.create({ role: 'suspect', day, lpa, female: 0.15 });
        break;
    }
    return { type, lpa, a, b, start: m, end, events: 0 };
  }

  /**
   * Link the month's chronic events to high-harm crimes (before general linking). An entity
   * has two events in its first month and one a month after, so it qualifies (3+ in 3
   * months) from its second month to its last: the month's qualifiers are exactly the
   * entities carried over from earlier months, and new ones are spawned a month ahead.
   */
  assign(m: number, crimes: readonly CrimeRec[]): void {
    const rng = this.rng;
    const day = month(m).startDay;
    this.entities = this.entities.filter((e) => e.end >= m);
    const now = this.wanted(m);
    const next = this.wanted(m + 1);
    for (const type of TYPES) {
      const mine = this.entities.filter((e) => e.type === type);
      // Carried-over entities qualify this month: retire any beyond the target, soonest-ending first.
      const excess = mine.length - now[type];
      if (excess > 0) {
        const drop = new Set(mine.sort((x, y) => x.end - y.end).slice(0, excess));
        this.entities = this.entities.filter((e) => !drop.has(e));
      }
      const continuing = this.entities.filter((e) => e.type === type && e.end >= m + 1).length;
      for (let k = continuing; k < next[type]; k++) this.entities.push(this.spawn(type, m, day));
    }
    const planned = { victimOnly: 0, suspectOnly: 0, both: 0 };
    for (const e of this.entities) {
      if (e.start === m) continue;
      if (e.type === 'da_oneway') {
        planned.victimOnly++;
        planned.suspectOnly++;
      } else if (e.type === 'da_mutual') planned.both += 2;
      else if (e.type === 'prolific') planned.suspectOnly++;
      else if (e.type === 'chronic_victim') planned.victimOnly++;
      else planned.both++;
    }
    this.planned = planned;
    const buckets = new Buckets(crimes);
    const people = this.people;
    for (const e of this.entities) {
      const events = e.start === m ? 2 : 1;
      for (let k = 0; k < events; k++) {
        const swap = e.events % 2 === 1;
        let victim = 0;
        let suspect = 0;
        let crime: CrimeRec | undefined;
        switch (e.type) {
          case 'da_oneway':
            crime = buckets.take(rng, [0], e.lpa);
            victim = e.a;
            suspect = e.b;
            break;
          case 'da_mutual':
            crime = buckets.take(rng, [0], e.lpa);
            victim = swap ? e.b : e.a;
            suspect = swap ? e.a : e.b;
            break;
          case 'prolific':
            crime = buckets.take(rng, [3, 1], e.lpa);
            suspect = e.a;
            break;
          case 'chronic_victim':
            crime = buckets.take(rng, [2, 1], e.lpa);
            victim = e.a;
            break;
          case 'street_both':
            if (swap) {
              crime = buckets.take(rng, [3, 1], e.lpa);
              suspect = e.a;
            } else {
              crime = buckets.take(rng, [2, 1], e.lpa);
              victim = e.a;
            }
            break;
        }
        if (!crime) continue;
        e.events++;
        const da = (crime.flags & DA) !== 0;
        if (victim) {
          crime.victims.push(victim);
          people.registerVictim(victim, crime.lpa, da);
        }
        if (suspect) {
          crime.suspects.push(suspect);
          people.registerSuspect(suspect, crime.lpa);
        }
        if (da && victim && suspect) people.lastDaSuspect[victim] = suspect;
      }
    }
  }

  /** After all linking: measure the month's nominals and correct the non-DA entity counts. */
  measure(m: number, crimes: readonly CrimeRec[]): NominalMeasure {
    const flat: number[] = [];
    for (const c of crimes) {
      if (c.crimedIncident || !c.highHarm) continue;
      const da = (c.flags & DA) !== 0 ? 1 : 0;
      for (const p of c.victims) flat.push(p, 0, da);
      for (const p of c.suspects) flat.push(p, 1, da);
    }
    this.links[m] = flat;
    if (m - 3 >= 0) this.links[m - 3] = [];
    const per = new Map<number, { n: number; v: number; s: number; da: number }>();
    for (let k = Math.max(0, m - 2); k <= m; k++) {
      const l = this.links[k] ?? [];
      for (let i = 0; i < l.length; i += 3) {
        const p = l[i]!;
        let r = per.get(p);
        if (!r) {
          r = { n: 0, v: 0, s: 0, da: 0 };
          per.set(p, r);
        }
        r.n++;
        if (l[i + 1] === 0) r.v++;
        else r.s++;
        if (l[i + 2] === 1) r.da = 1;
      }
    }
    let victimOnly = 0;
    let suspectOnly = 0;
    let both = 0;
    let da = 0;
    for (const r of per.values()) {
      if (r.n < 3) continue;
      if (r.s === 0) victimOnly++;
      else if (r.v === 0) suspectOnly++;
      else both++;
      da += r.da;
    }
    const result = { victimOnly, suspectOnly, both, total: victimOnly + suspectOnly + both, da };
    this.measured[m] = result;
    // Whatever the entities did not account for came from ordinary repeat linking.
    const nat = (key: keyof NominalSplit) => Math.max(0, result[key] - this.planned[key]);
    this.natural = {
      victimOnly: nat('victimOnly'),
      suspectOnly: nat('suspectOnly'),
      both: nat('both'),
    };
    return result;
  }
}

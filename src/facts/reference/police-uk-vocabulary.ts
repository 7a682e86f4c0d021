import reference from './police-reference.json' with { type: 'json' };

/**
 * The data.police.uk vocabularies of every vintage, 2010 to today, each mapped to today's label
 * or force. `police-reference.json` holds today's labels; this module adds the labels and force
 * names earlier files were published with. Sources are named per entry (`seen`): a real
 * published file or a copy of one in public code, or the data.police.uk notice announcing a rename.
 */

export interface LegacyOutcomeLabel {
  readonly legacy: string;
  readonly current: string;
  readonly seen: string;
}

/**
 * Outcome labels of the street files' `Last outcome category` and the outcomes files' `Outcome
 * type` before the May 2014 relabelling, and the current label each became.
 */
export const LEGACY_OUTCOME_LABELS: readonly LegacyOutcomeLabel[] = [
  ...reference.dataPoliceUk.legacyOutcomeLabels.map((o) => ({
    legacy: o.legacy,
    current: o.current,
    seen: 'data.police.uk notice of the 2014 relabelling (data.gov.uk forum)',
  })),
  {
    legacy: 'No further action at this time',
    current: 'Investigation complete; no suspect identified',
    seen: 'street files 2013 (Last outcome category); outcomes files 2012',
  },
  {
    legacy: 'Offender required to pay compensation',
    current: 'Offender ordered to pay compensation',
    seen: 'outcomes files 2012',
  },
  {
    legacy: 'Suspect sent to Crown Court',
    current: 'Defendant sent to Crown Court',
    seen: 'outcomes files 2012',
  },
];

/** Today's outcome labels (street `Last outcome category`, outcomes `Outcome type`). */
export const CURRENT_OUTCOME_LABELS: readonly string[] =
  reference.dataPoliceUk.outcomeCategories.map((o) => o.csvLabel);

export interface ForceName {
  /** A name as it appears in `Reported by` / `Falls within` in some vintage. */
  readonly published: string;
  readonly forceId: string;
  /** Today's name (as data.police.uk spells it now). */
  readonly current: string;
  /** ONS police force area code; null for BTP and PSNI. */
  readonly onsCode: string | null;
}

/** Names seen in published files that differ from today's (kept explicit so they are documented). */
export const SEEN_HISTORICAL_FORCE_NAMES: Readonly<Record<string, string>> = {
  'Devon and Cornwall Constabulary': 'devon-and-cornwall',
  'Leicestershire Constabulary': 'leicestershire',
  'South Yorkshire': 'south-yorkshire',
  'Metropolitan Police': 'metropolitan',
  'Avon and Somerset Constabulary': 'avon-and-somerset',
};

const SUFFIX = /\s+(Police Service|Constabulary|Police)$/;

/**
 * The names a force may appear under: today's name, and its place name bare or with "Police",
 * "Constabulary" or "Police Service", with "&" or "and" and, for Dyfed-Powys, with or without
 * the hyphen. Forces were renamed and spelled variously over the years (`Devon & Cornwall
 * Police`, `Devon and Cornwall Constabulary`; `South Yorkshire Police`, `South Yorkshire`);
 * every variant maps to exactly one force, so accepting them cannot mix two forces up.
 */
function variants(name: string): string[] {
  const base = name.replace(SUFFIX, '');
  const bases = new Set([base, base.replaceAll('&', 'and'), base.replaceAll(' and ', ' & ')]);
  for (const b of [...bases]) if (b.includes('-')) bases.add(b.replaceAll('-', ' '));
  const out = new Set([name]);
  for (const b of bases) {
    out.add(b);
    for (const s of ['Police', 'Constabulary', 'Police Service']) out.add(`${b} ${s}`);
  }
  return [...out];
}

export const FORCE_NAMES: readonly ForceName[] = (() => {
  const forces = [
    ...reference.forces.territorial.map((f) => ({
      id: f.id,
      name: f.name,
      ons: f.onsPfaCode as string | null,
    })),
    ...reference.forces.other.map((f) => ({ id: f.id, name: f.name, ons: null })),
  ];
  const byPublished = new Map<string, ForceName>();
  const add = (published: string, f: (typeof forces)[number]) => {
    const had = byPublished.get(published);
    if (had && had.forceId !== f.id)
      throw new Error(`force name "${published}" would map to two forces`);
    byPublished.set(published, {
      published,
      forceId: f.id,
      current: f.name,
      onsCode: f.ons,
    });
  };
  for (const f of forces) {
    // PSNI's and BTP's names are not "<place> Police": only their own name.
    const names = f.ons === null ? [f.name] : variants(f.name);
    for (const n of names) add(n, f);
  }
  for (const [published, id] of Object.entries(SEEN_HISTORICAL_FORCE_NAMES)) {
    const f = forces.find((x) => x.id === id);
    if (!f) throw new Error(`unknown force id ${id}`);
    add(published, f);
  }
  return [...byPublished.values()];
})();

/** Published force name → force, or undefined. */
export function forceByName(name: string): ForceName | undefined {
  return FORCE_NAMES.find((f) => f.published === name);
}

/** Forces that publish crimes without a Crime ID: PSNI (always), BTP (at least 2013). */
export const NO_CRIME_ID_FORCE_IDS: readonly string[] = ['northern-ireland', 'btp'];

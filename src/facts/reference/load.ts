import type { FactsStore } from '../store.ts';
import { OFFENCE_SUBGROUPS } from './offence-subgroups.ts';
import { OUTCOME_TYPES } from './outcome-groups.ts';
import reference from './police-reference.json' with { type: 'json' };
import { FORCE_NAMES, LEGACY_OUTCOME_LABELS } from './police-uk-vocabulary.ts';
import { LAD_NAME_PFA } from './lad-to-pfa.ts';
import { RETURN_MEASURES } from './return-measures.ts';

type Value = string | number | boolean | null;

export interface RefTable {
  readonly name: string;
  readonly columns: readonly (readonly [string, string])[];
  readonly rows: readonly (readonly Value[])[];
}

const force = (f: {
  id: string;
  name: string;
  onsPfaCode: string | null;
  onsPfaName?: string;
  country?: string;
}) => [f.id, f.name, f.onsPfaCode, f.onsPfaName ?? null, f.country ?? null];

/** The reference vocabularies, as tables the validation SQL and measures join to. */
export const REFERENCE_TABLES: readonly RefTable[] = [
  {
    name: 'ref_offence_subgroups',
    columns: [
      ['subgroup', 'VARCHAR'],
      ['offence_group', 'VARCHAR'],
      ['scorecard_group', 'VARCHAR'],
      ['victim_based', 'BOOLEAN'],
      ['high_harm', 'BOOLEAN'],
      ['vawg', 'BOOLEAN'],
    ],
    rows: OFFENCE_SUBGROUPS.map((s) => [
      s.subgroup,
      s.offenceGroup,
      s.scorecardGroup,
      s.victimBased,
      s.highHarm,
      s.vawg,
    ]),
  },
  {
    name: 'ref_outcome_types',
    columns: [
      ['outcome_type', 'VARCHAR'],
      ['short_name', 'VARCHAR'],
      ['outcome_group', 'VARCHAR'],
      ['report_group', 'VARCHAR'],
      ['action_taken', 'BOOLEAN'],
    ],
    rows: OUTCOME_TYPES.map((o) => [
      o.outcomeType,
      o.shortName,
      o.outcomeGroup,
      o.reportGroup,
      o.actionTaken,
    ]),
  },
  {
    name: 'ref_puk_crime_types',
    columns: [
      ['label', 'VARCHAR'],
      ['api_slug', 'VARCHAR'],
      ['is_asb', 'BOOLEAN'],
      ['legacy', 'BOOLEAN'],
      ['successor', 'VARCHAR'],
    ],
    rows: [
      ...reference.dataPoliceUk.crimeTypes.map((c) => [c.label, c.apiSlug, c.isAsb, false, null]),
      ...reference.dataPoliceUk.legacyCrimeTypes
        .filter((c) => !reference.dataPoliceUk.crimeTypes.some((t) => t.label === c.label))
        .map((c) => [c.label, c.apiSlug ?? null, false, true, c.successor ?? null]),
    ],
  },
  {
    name: 'ref_puk_outcome_categories',
    columns: [
      ['label', 'VARCHAR'],
      ['api_code', 'VARCHAR'],
      ['legacy', 'BOOLEAN'],
      ['current_label', 'VARCHAR'],
    ],
    rows: [
      ...reference.dataPoliceUk.outcomeCategories.map((o) => [
        o.csvLabel,
        o.apiCode,
        false,
        o.csvLabel,
      ]),
      ...LEGACY_OUTCOME_LABELS.map((o) => [o.legacy, null, true, o.current]),
    ],
  },
  {
    // Every force name of every vintage (`Devon and Cornwall Constabulary`, `South Yorkshire`)
    // with the force it means today.
    name: 'ref_puk_force_names',
    columns: [
      ['published_name', 'VARCHAR'],
      ['force_id', 'VARCHAR'],
      ['current_name', 'VARCHAR'],
      ['ons_code', 'VARCHAR'],
    ],
    rows: FORCE_NAMES.map((f) => [f.published, f.forceId, f.current, f.onsCode]),
  },
  {
    // District names (as LSOA names carry them, old and new) of each police force area.
    name: 'ref_lad_pfa',
    columns: [
      ['lad_name', 'VARCHAR'],
      ['pfa_code', 'VARCHAR'],
    ],
    rows: LAD_NAME_PFA,
  },
  {
    name: 'ref_forces',
    columns: [
      ['force_id', 'VARCHAR'],
      ['name', 'VARCHAR'],
      ['ons_code', 'VARCHAR'],
      ['ons_name', 'VARCHAR'],
      ['country', 'VARCHAR'],
    ],
    rows: [...reference.forces.territorial.map(force), ...reference.forces.other.map(force)],
  },
  {
    name: 'ref_return_measures',
    columns: [
      ['measure_id', 'VARCHAR'],
      ['fraction', 'BOOLEAN'],
    ],
    rows: RETURN_MEASURES.map((m) => [m.measureId, m.fraction]),
  },
];

export async function loadReferenceTables(store: FactsStore): Promise<void> {
  for (const t of REFERENCE_TABLES) {
    const cols = t.columns.map(([n, ty]) => `${n} ${ty}`).join(', ');
    await store.run(`CREATE OR REPLACE TABLE ${t.name} (${cols})`);
    // One statement per 200 rows: opening a store loads about a thousand reference rows.
    const width = t.columns.length;
    for (let start = 0; start < t.rows.length; start += 200) {
      const chunk = t.rows.slice(start, start + 200);
      const tuples = chunk.map(
        (_, r) => `(${t.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`,
      );
      await store.run(
        `INSERT INTO ${t.name} VALUES ${tuples.join(', ')}`,
        chunk.flatMap((row) => [...row]),
      );
    }
  }
}

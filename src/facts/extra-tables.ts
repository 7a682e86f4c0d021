import type { ColumnSpec, RowRule, TableSpec } from './tables.ts';
import { literal } from './sql.ts';
import reference from './reference/police-reference.json' with { type: 'json' };
import {
  CURRENT_OUTCOME_LABELS,
  FORCE_NAMES,
  LEGACY_OUTCOME_LABELS,
  NO_CRIME_ID_FORCE_IDS,
} from './reference/police-uk-vocabulary.ts';

/*
 * data.police.uk street and outcomes files, as published. Columns are the snake_case of the
 * published header, in the published order (the importer reads CSV columns by position), plus
 * `row_ref`, which the police-uk importer adds (see src/facts/police-uk/CONTEXT.md):
 *
 *   row_ref = "<file name>:<line>" for every published row. A published row is the unit: two
 *   identical ASB rows (same month, snap point, LSOA) are two incidents, and a Crime ID that
 *   data.police.uk publishes on two rows of one month's file (differing in location, LSOA or
 *   outcome) is two rows, each counted once, as data.police.uk's own counts do.
 */

const puk = reference.dataPoliceUk;

/** The exact published headers, checked byte for byte (after a BOM) before anything is read. */
export const POLICE_UK_HEADERS = {
  street: puk.street.header,
  outcomes: puk.outcomes.header,
  stopAndSearch: puk.stopAndSearch.header,
} as const;

/** Header label of the column the importer appends to its working copy of each file. */
export const ROW_REF_HEADER = 'Row ref';

const unique = (xs: readonly string[]) => [...new Set(xs)];

/** Current and legacy crime types (legacy: `Violent crime`, `Public disorder and weapons`). */
export const POLICE_UK_CRIME_TYPES: readonly string[] = unique([
  ...puk.crimeTypes.map((c) => c.label),
  ...puk.legacyCrimeTypes.map((c) => c.label),
]);

/**
 * Current outcome categories and the labels of earlier vintages (`No further action at this
 * time`, `Suspect sent to Crown Court`, `Offender imprisoned`, …; see police-uk-vocabulary.ts).
 */
export const POLICE_UK_OUTCOME_CATEGORIES: readonly string[] = unique([
  ...CURRENT_OUTCOME_LABELS,
  ...LEGACY_OUTCOME_LABELS.map((o) => o.legacy),
]);

/**
 * Force names as they appear in `Reported by` and `Falls within` in any vintage (the 43, BTP
 * and PSNI; `Devon and Cornwall Constabulary`, `South Yorkshire`, …), each naming one force.
 */
export const POLICE_UK_FORCE_NAMES: readonly string[] = FORCE_NAMES.map((f) => f.published);

export const ASB_CRIME_TYPE = 'Anti-social behaviour';
/** Publishers whose crimes carry no Crime ID: PSNI (always) and BTP (2013 files), by any name. */
const NO_CRIME_ID_FORCE_NAMES = FORCE_NAMES.filter((f) =>
  NO_CRIME_ID_FORCE_IDS.includes(f.forceId),
).map((f) => f.published);

/** Plausible UK bounds for the anonymised snap points (Scilly to Shetland, Fermanagh to Suffolk). */
const BOUNDS = { lonMin: -8.7, lonMax: 1.8, latMin: 49.8, latMax: 60.9 } as const;

const forceColumn = (name: string, what: string): ColumnSpec => ({
  name,
  // About 200 names of every vintage: checked by a row rule against the reference table
  // (`knownForce`), so the message gives examples rather than listing them all.
  type: 'text',
  required: true,
  description: `${what} (published column "${name === 'reported_by' ? 'Reported by' : 'Falls within'}"); a force name as data.police.uk spells it or spelled it`,
  example: 'West Mercia Police',
});

/** Month … LSOA name: the location columns common to both files. */
const whereColumns: readonly ColumnSpec[] = [
  {
    name: 'month',
    type: 'month',
    required: true,
    description: 'Month the crime was reported (street) or the outcome happened (outcomes)',
    example: '2021-06',
  },
  forceColumn('reported_by', 'Force that provided the data'),
  forceColumn('falls_within', 'Force whose area the row falls within'),
  {
    name: 'longitude',
    type: 'decimal',
    description: 'Anonymised snap-point longitude (WGS84); empty for "No Location"',
    example: '-2.715',
  },
  {
    name: 'latitude',
    type: 'decimal',
    description: 'Anonymised snap-point latitude (WGS84); empty for "No Location"',
    example: '52.056',
  },
  {
    name: 'location',
    type: 'text',
    description:
      'Published location text, kept as published: "On or near <street>" or "No Location"',
    example: 'On or near Broad Street',
  },
  {
    name: 'lsoa_code',
    type: 'text',
    description: 'ONS Lower Layer Super Output Area code of the snap point; may be empty',
    example: 'E01013978',
  },
  {
    name: 'lsoa_name',
    type: 'text',
    description: 'LSOA name: local authority name and a code such as 001A',
    example: 'Herefordshire 013C',
  },
];

const rowRef: ColumnSpec = {
  name: 'row_ref',
  type: 'text',
  description:
    'Added on import: "<file>:<line>" of the published row (each published row is one row, whatever its Crime ID)',
  example: '2021-06-west-mercia-street.csv:17',
};

/** The month type accepts `2021-6`; the published form is always two-digit. */
const monthTwoDigits: RowRule = {
  column: 'month',
  rule: 'must be a month YYYY-MM',
  brokenWhen: "NOT regexp_full_match(month, '\\d{4}-\\d{2}')",
};

/*
 * UK bounds are row rules rather than ColumnSpec min/max: the generic checks compile min/max to
 * `value < min`, which is NULL for an empty value, and a NULL there keeps the whole row out of
 * the row rules (`WHERE NOT (any broken)`) — so every "No Location" row would skip the Crime ID
 * rule. Written here, an empty coordinate is simply not out of bounds.
 */
const withinUk: readonly RowRule[] = [
  {
    column: 'longitude',
    rule: `must be within the UK (${BOUNDS.lonMin} to ${BOUNDS.lonMax})`,
    brokenWhen: `longitude NOT BETWEEN ${BOUNDS.lonMin} AND ${BOUNDS.lonMax}`,
  },
  {
    column: 'latitude',
    rule: `must be within the UK (${BOUNDS.latMin} to ${BOUNDS.latMax})`,
    brokenWhen: `latitude NOT BETWEEN ${BOUNDS.latMin} AND ${BOUNDS.latMax}`,
  },
];

/** `Reported by` and `Falls within` name a force, by a name data.police.uk uses or used. */
const knownForce = (column: 'reported_by' | 'falls_within'): RowRule => ({
  column,
  rule: 'must be a police force as data.police.uk names it or named it (e.g. West Mercia Police, Devon and Cornwall Constabulary, South Yorkshire)',
  brokenWhen: `${column} NOT IN (SELECT published_name FROM ref_puk_force_names)`,
});

const coordinatesPaired: RowRule = {
  column: 'longitude',
  rule: 'Longitude and Latitude must both be given or both be empty',
  brokenWhen: '(longitude IS NULL) <> (latitude IS NULL)',
};

export const POLICE_UK_STREET: TableSpec = {
  description:
    'data.police.uk street-level crimes and anti-social behaviour, one row per published row, as published.',
  // The published row ("file:line" in row_ref) is the identity: identical ASB rows and rows
  // sharing a Crime ID within a month are kept, while the same published file cannot be loaded
  // twice (the police-uk importer also refuses a file name already in another batch).
  key: ['crime_id', 'month', 'row_ref'],
  dateColumn: 'month',
  columns: [
    {
      name: 'crime_id',
      type: 'id',
      description:
        'Published crime id (a hash); empty for anti-social behaviour and for crimes published without one (PSNI, BTP 2013)',
      example: 'a3c1f0e9b2d4…',
    },
    ...whereColumns,
    {
      name: 'crime_type',
      type: 'enum',
      required: true,
      values: POLICE_UK_CRIME_TYPES,
      description: 'data.police.uk crime type, current or legacy label',
      example: 'Violence and sexual offences',
    },
    {
      name: 'last_outcome_category',
      type: 'enum',
      values: POLICE_UK_OUTCOME_CATEGORIES,
      description: 'Latest outcome category of the crime; empty for anti-social behaviour',
      example: 'Under investigation',
    },
    {
      name: 'context',
      type: 'text',
      description: 'Free text some forces once published; usually empty',
      example: '',
    },
    rowRef,
  ],
  rowRules: [
    {
      column: 'crime_id',
      rule: `Crime ID is required unless Crime type is ${ASB_CRIME_TYPE} or the publisher is one that publishes crimes without one (Police Service of Northern Ireland, British Transport Police)`,
      brokenWhen: `crime_id IS NULL AND crime_type <> ${literal(ASB_CRIME_TYPE)} AND reported_by NOT IN (${NO_CRIME_ID_FORCE_NAMES.map(literal).join(', ')}) AND falls_within NOT IN (${NO_CRIME_ID_FORCE_NAMES.map(literal).join(', ')})`,
    },
    monthTwoDigits,
    knownForce('reported_by'),
    knownForce('falls_within'),
    coordinatesPaired,
    ...withinUk,
  ],
};

export const POLICE_UK_OUTCOMES: TableSpec = {
  description:
    'data.police.uk outcome events: one row per outcome of a crime, dated by the month it happened.',
  // A crime can have the same outcome twice in a month (several suspects), so an outcome event
  // has no identity beyond its published row: row_ref is always set, and is the effective key.
  key: ['crime_id', 'month', 'outcome_type', 'row_ref'],
  dateColumn: 'month',
  columns: [
    {
      name: 'crime_id',
      type: 'id',
      required: true,
      description: 'Published crime id the outcome belongs to',
      example: 'a3c1f0e9b2d4…',
    },
    ...whereColumns,
    {
      name: 'outcome_type',
      type: 'enum',
      required: true,
      values: POLICE_UK_OUTCOME_CATEGORIES,
      description: 'Outcome category, current or legacy label',
      example: 'Offender given a caution',
    },
    rowRef,
  ],
  rowRules: [
    monthTwoDigits,
    knownForce('reported_by'),
    knownForce('falls_within'),
    coordinatesPaired,
    ...withinUk,
  ],
};

/** Fact tables fed by other sources than the project format (data.police.uk). */
export const EXTRA_TABLES: Record<string, TableSpec> = {
  police_uk_street: POLICE_UK_STREET,
  police_uk_outcomes: POLICE_UK_OUTCOMES,
};

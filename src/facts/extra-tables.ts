import type { ColumnSpec, RowRule, TableSpec } from './tables.ts';
import reference from './reference/police-reference.json' with { type: 'json' };

/*
 * data.police.uk street and outcomes files, as published. Columns are the snake_case of the
 * published header, in the published order (the importer reads CSV columns by position), plus
 * `row_ref`, which the police-uk importer adds (see src/facts/police-uk/CONTEXT.md):
 *
 *   row_ref = "<file name>:<line>" for a published row that has no identity of its own — an
 *   anti-social behaviour row (empty Crime ID) or an outcome event — and empty for a crime,
 *   which its Crime ID identifies. It makes the key below sound: two identical ASB rows (same
 *   month, snap point, LSOA) are two incidents, not a duplicate.
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

/** Current outcome categories and the legacy labels used before 2014 (e.g. `No further action`). */
export const POLICE_UK_OUTCOME_CATEGORIES: readonly string[] = unique([
  ...puk.outcomeCategories.map((o) => o.csvLabel),
  ...puk.legacyOutcomeLabels.map((o) => o.legacy),
]);

/** Force names as they appear in `Reported by` and `Falls within` (the 43, BTP and PSNI). */
export const POLICE_UK_FORCE_NAMES: readonly string[] = [
  ...reference.forces.territorial.map((f) => f.name),
  ...reference.forces.other.map((f) => f.name),
];

export const ASB_CRIME_TYPE = 'Anti-social behaviour';
/** The one publisher whose crimes carry no Crime ID (Northern Ireland: street files only). */
export const NO_CRIME_ID_FORCE = 'Police Service of Northern Ireland';

/** Plausible UK bounds for the anonymised snap points (Scilly to Shetland, Fermanagh to Suffolk). */
const BOUNDS = { lonMin: -8.7, lonMax: 1.8, latMin: 49.8, latMax: 60.9 } as const;

const forceColumn = (name: string, what: string): ColumnSpec => ({
  name,
  type: 'enum',
  required: true,
  values: POLICE_UK_FORCE_NAMES,
  description: `${what} (published column "${name === 'reported_by' ? 'Reported by' : 'Falls within'}"); a force name as data.police.uk spells it`,
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
    'Added on import: "<file>:<line>" of a published row without an identity of its own (ASB, outcome events); empty for crimes',
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

const coordinatesPaired: RowRule = {
  column: 'longitude',
  rule: 'Longitude and Latitude must both be given or both be empty',
  brokenWhen: '(longitude IS NULL) <> (latitude IS NULL)',
};

export const POLICE_UK_STREET: TableSpec = {
  description:
    'data.police.uk street-level crimes and anti-social behaviour, one row per published row, as published.',
  // Crimes: Crime ID + Month (row_ref is empty). ASB rows (and PSNI crimes) have no Crime ID:
  // row_ref ("file:line") is their identity, so identical ASB rows are kept, while the same
  // published file cannot be loaded twice.
  key: ['crime_id', 'month', 'row_ref'],
  dateColumn: 'month',
  columns: [
    {
      name: 'crime_id',
      type: 'id',
      description: 'Published crime id (a hash); empty for anti-social behaviour',
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
      rule: `Crime ID is required unless Crime type is ${ASB_CRIME_TYPE}`,
      brokenWhen: `crime_id IS NULL AND crime_type <> '${ASB_CRIME_TYPE}' AND falls_within <> '${NO_CRIME_ID_FORCE}'`,
    },
    monthTwoDigits,
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
  rowRules: [monthTwoDigits, coordinatesPaired, ...withinUk],
};

/** Fact tables fed by other sources than the project format (data.police.uk). */
export const EXTRA_TABLES: Record<string, TableSpec> = {
  police_uk_street: POLICE_UK_STREET,
  police_uk_outcomes: POLICE_UK_OUTCOMES,
};

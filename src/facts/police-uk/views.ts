import type { FactsStore } from '../store.ts';
import { ASB_CRIME_TYPE } from '../extra-tables.ts';
import { literal } from '../sql.ts';

/**
 * Views over the data.police.uk tables, so the public data can be analysed by month, crime
 * type, LSOA and local authority. Only constants declared here are spliced into the SQL.
 */

/** Where a district is not in the LAD→PFA reference: a district under this share of a force-month is outside. */
export const IN_AREA_MIN_SHARE = 0.01;

/**
 * The local authority in an LSOA name: everything before the final " 001A"-style code, so names
 * with spaces or commas survive (`County Durham 001A`, `Bristol, City of 001A`).
 */
export const localAuthoritySql = (lsoaName: string) =>
  `NULLIF(regexp_extract(${lsoaName}, '^(.*\\S)\\s+[0-9]{3}[A-Z]$', 1), '')`;

/**
 * The street of a published location: without "On or near ", NULL for "No Location" (street
 * files) or "No location" (outcomes files) — in any case — or none.
 */
export const streetSql = (location: string) =>
  `CASE WHEN ${location} IS NULL OR lower(trim(${location})) = 'no location' THEN NULL
        WHEN regexp_matches(${location}, '^On or near(\\s|$)') THEN NULLIF(trim(substr(${location}, 11)), '')
        ELSE ${location} END`;

/** The force a published name means today (`Devon and Cornwall Constabulary` → Devon & Cornwall Police). */
const FORCE_JOIN = (alias: string) =>
  `LEFT JOIN ref_puk_force_names fn ON fn.published_name = ${alias}.falls_within`;

/**
 * `police_uk_crimes_v`: every published street row (each counted once, CONTEXT.md "Counting") with
 * - `force_id`, `force`: the force of `Falls within` today, whatever name the file used;
 * - `local_authority` (from the LSOA name), `street`, `has_location` (coordinates given);
 * - `current_crime_type`: the successor of a legacy crime type where one-to-one (`Violent crime`
 *   → `Violence and sexual offences`), otherwise the published label (`Public disorder and
 *   weapons` has no single successor and stays); `crime_type_is_legacy`;
 * - `current_outcome`: the current label of a legacy outcome (`No further action at this time`
 *   → `Investigation complete; no suspect identified`), otherwise the published one;
 * - `is_asb`;
 * - `outside_force_area` and `outside_basis`: for the 43 territorial forces, TRUE when the LSOA is
 *   empty ('no lsoa'); else, when the LSOA's district is in the LAD→PFA reference, TRUE when that
 *   district is not in the force's police force area ('force area'); else (a district name the
 *   reference does not hold) TRUE when it holds less than 1% of the force's rows that month
 *   ('share of rows'). NULL for forces without a territorial area (BTP, PSNI).
 */
export const CRIMES_VIEW_SQL = `CREATE OR REPLACE VIEW police_uk_crimes_v AS
WITH base AS (
  SELECT s.crime_id, s.month, s.reported_by, s.falls_within, s.longitude, s.latitude, s.location,
    s.lsoa_code, s.lsoa_name, s.crime_type, s.last_outcome_category, s.context, s.row_ref, s.batch_id,
    fn.force_id, fn.current_name AS force, fn.ons_code AS pfa_code,
    ${localAuthoritySql('s.lsoa_name')} AS local_authority,
    CASE WHEN ct.legacy THEN coalesce(ct.successor, s.crime_type) ELSE s.crime_type END AS current_crime_type,
    coalesce(ct.legacy, false) AS crime_type_is_legacy,
    coalesce(oc.current_label, s.last_outcome_category) AS current_outcome,
    coalesce(ct.is_asb, s.crime_type = ${literal(ASB_CRIME_TYPE)}) AS is_asb,
    (s.longitude IS NOT NULL AND s.latitude IS NOT NULL) AS has_location,
    ${streetSql('s.location')} AS street
  FROM police_uk_street s
  LEFT JOIN ref_puk_crime_types ct ON ct.label = s.crime_type
  LEFT JOIN ref_puk_outcome_categories oc ON oc.label = s.last_outcome_category
  ${FORCE_JOIN('s')}
), judged AS (
  SELECT b.*, la.pfas,
    CASE
      WHEN b.pfa_code IS NULL THEN NULL
      WHEN b.lsoa_code IS NULL THEN 'no lsoa'
      WHEN la.pfas IS NOT NULL THEN 'force area'
      ELSE 'share of rows'
    END AS outside_basis
  FROM base b
  LEFT JOIN (SELECT lad_name, list(DISTINCT pfa_code) AS pfas FROM ref_lad_pfa GROUP BY lad_name) la
    ON la.lad_name = b.local_authority
)
SELECT * EXCLUDE (pfas, pfa_code),
  CASE outside_basis
    WHEN 'no lsoa' THEN true
    WHEN 'force area' THEN NOT list_contains(pfas, pfa_code)
    WHEN 'share of rows' THEN count(*) OVER (PARTITION BY force_id, month, local_authority)
       < ${IN_AREA_MIN_SHARE} * count(*) OVER (PARTITION BY force_id, month)
  END AS outside_force_area
FROM judged`;

/**
 * `police_uk_outcomes_v`: every outcome event with `force_id`, `force`, `current_outcome`,
 * `outcome_is_legacy`, `local_authority`, `street`, `has_location`, and the crime's type from
 * the street data where it is loaded (`crime_type`, `current_crime_type`, `crime_month`; NULL
 * otherwise; a Crime ID published on several street rows takes its latest month's type).
 */
export const OUTCOMES_VIEW_SQL = `CREATE OR REPLACE VIEW police_uk_outcomes_v AS
SELECT o.crime_id, o.month, o.reported_by, o.falls_within, o.longitude, o.latitude, o.location,
  o.lsoa_code, o.lsoa_name, o.outcome_type, o.row_ref, o.batch_id,
  fn.force_id, fn.current_name AS force,
  coalesce(oc.current_label, o.outcome_type) AS current_outcome,
  coalesce(oc.legacy, false) AS outcome_is_legacy,
  ${localAuthoritySql('o.lsoa_name')} AS local_authority,
  (o.longitude IS NOT NULL AND o.latitude IS NOT NULL) AS has_location,
  ${streetSql('o.location')} AS street,
  c.crime_type,
  CASE WHEN ct.legacy THEN coalesce(ct.successor, c.crime_type) ELSE c.crime_type END AS current_crime_type,
  c.crime_month
FROM police_uk_outcomes o
LEFT JOIN ref_puk_outcome_categories oc ON oc.label = o.outcome_type
${FORCE_JOIN('o')}
LEFT JOIN (
  SELECT crime_id, arg_max(crime_type, month) AS crime_type, max(month) AS crime_month
  FROM police_uk_street WHERE crime_id IS NOT NULL GROUP BY crime_id
) c ON c.crime_id = o.crime_id
LEFT JOIN ref_puk_crime_types ct ON ct.label = c.crime_type`;

export const POLICE_UK_VIEWS_SQL: readonly string[] = [CRIMES_VIEW_SQL, OUTCOMES_VIEW_SQL];

/** Creates (or refreshes) the police-uk views; cheap, and safe to call on every import or open. */
export async function ensurePoliceUkViews(store: FactsStore): Promise<void> {
  for (const sql of POLICE_UK_VIEWS_SQL) await store.run(sql);
}

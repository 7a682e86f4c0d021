/**
 * The fact sources measures count: for each, its FROM clause, the date that places a row in a
 * month, its LPA and its filterable columns (the stored ones and virtual ones from reference data).
 */
import { OFFENCE_SUBGROUPS } from '../../facts/reference/offence-subgroups.ts';
import { ACTION_TAKEN_TYPES } from '../../facts/reference/outcome-groups.ts';
import { TABLES } from '../../facts/tables.ts';
import { REACH, type Reach } from '../../facts/aggregates.ts';
import type { SourceName } from '../definition.ts';
import { inList } from './params.ts';

export interface Source {
  readonly from: string;
  /** The timestamp or date that places a row in a month. */
  readonly date: string;
  /** The row's LPA, or null where the source has none (force level only). */
  readonly lpa: string | null;
  /** Filterable columns: name → SQL expression. */
  readonly columns: Readonly<Record<string, string>>;
  /** The fact tables read, for freshness and lineage. */
  readonly tables: readonly string[];
  /**
   * Per table read, the months of the source's monthly scan a change there alters (its
   * aggregate's refresh: src/facts/aggregates.ts); a table left out is rebuilt over all months.
   */
  readonly reach: Readonly<Record<string, readonly Reach[]>>;
}

const OWN = [REACH.months(0)];
/** A crime's attributes reach the months of the rows joined to it (by crime id). */
const viaCrime = (table: string, date: string) => [REACH.via(table, date, 'crime_id')];

const columnsOf = (table: keyof typeof TABLES, alias: string): Record<string, string> =>
  Object.fromEntries(TABLES[table].columns.map((c) => [c.name, `${alias}.${c.name}`]));

/** Virtual crime columns from the reference data (constants of our own code). */
export const crimeVirtuals = (alias: string): Record<string, string> => {
  const subgroupsWhere = (pred: (s: (typeof OFFENCE_SUBGROUPS)[number]) => boolean) =>
    `${alias}.offence_subgroup IN (${inList(OFFENCE_SUBGROUPS.filter(pred).map((s) => s.subgroup))})`;
  const groupCase = `CASE ${OFFENCE_SUBGROUPS.map((s) => `WHEN ${alias}.offence_subgroup = '${s.subgroup}' THEN '${s.scorecardGroup}'`).join(' ')} END`;
  return {
    scorecard_group: groupCase,
    high_harm: subgroupsWhere((s) => s.highHarm),
    vawg_group: subgroupsWhere((s) => s.vawg),
  };
};

const CRIME_COLUMNS = { ...columnsOf('crimes', 'c'), ...crimeVirtuals('c') };

export const SOURCES: Readonly<Record<SourceName, Source>> = {
  crimes: {
    from: 'crimes c',
    date: 'c.recorded_at',
    lpa: 'c.lpa',
    columns: CRIME_COLUMNS,
    tables: ['crimes'],
    reach: { crimes: OWN },
  },
  outcomes: {
    // Whether a victim is linked is worked out once per outcome (one semi-join), not per filter.
    from: '(SELECT o.*, EXISTS (SELECT 1 FROM crime_victims v WHERE v.crime_id = o.crime_id) AS has_victim FROM outcomes o) o JOIN crimes c ON c.crime_id = o.crime_id',
    date: 'o.outcome_at',
    lpa: 'c.lpa',
    columns: {
      ...CRIME_COLUMNS,
      outcome_type: 'o.outcome_type',
      outcome_at: 'o.outcome_at',
      has_victim: 'o.has_victim',
      action_taken: `o.outcome_type IN (${inList(ACTION_TAKEN_TYPES)})`,
    },
    tables: ['outcomes', 'crimes', 'crime_victims'],
    reach: {
      outcomes: OWN,
      crimes: viaCrime('outcomes', 'outcome_at'),
      crime_victims: viaCrime('outcomes', 'outcome_at'),
    },
  },
  incidents: {
    from: 'incidents i',
    date: 'i.opened_at',
    lpa: 'i.lpa',
    columns: columnsOf('incidents', 'i'),
    tables: ['incidents'],
    reach: { incidents: OWN },
  },
  calls: {
    from: 'calls k',
    date: 'k.offered_at',
    lpa: null,
    columns: {
      ...columnsOf('calls', 'k'),
      answered_within_10s: 'coalesce(k.answered_after_seconds <= 10, false)',
      answered_within_30s: 'coalesce(k.answered_after_seconds <= 30, false)',
    },
    tables: ['calls'],
    reach: { calls: OWN },
  },
  survey: {
    from: 'survey_responses s',
    date: 's.interviewed_at',
    lpa: 's.lpa',
    columns: columnsOf('survey_responses', 's'),
    tables: ['survey_responses'],
    reach: { survey_responses: OWN },
  },
  referrals: {
    from: 'referrals r JOIN crimes c ON c.crime_id = r.crime_id',
    date: 'r.referred_at',
    lpa: 'c.lpa',
    columns: { ...CRIME_COLUMNS, service: 'r.service' },
    tables: ['referrals', 'crimes'],
    reach: { referrals: OWN, crimes: viaCrime('referrals', 'referred_at') },
  },
  victims_code_audits: {
    from: 'victims_code_audits a',
    date: 'a.audited_at',
    lpa: 'a.lpa',
    columns: columnsOf('victims_code_audits', 'a'),
    tables: ['victims_code_audits'],
    reach: { victims_code_audits: OWN },
  },
  cdi_audits: {
    from: 'cdi_audits d',
    date: 'd.audited_at',
    lpa: null,
    columns: columnsOf('cdi_audits', 'd'),
    tables: ['cdi_audits'],
    reach: { cdi_audits: OWN },
  },
  casualties: {
    from: 'casualties x',
    date: 'x.collision_at',
    lpa: 'x.lpa',
    columns: columnsOf('casualties', 'x'),
    tables: ['casualties'],
    reach: { casualties: OWN },
  },
  arrests: {
    // Arrests carry no LPA of their own: each is placed in the LPA of the crime it was for.
    // An arrest linked to no crime (a warrant, a breach) counts for the force only.
    from: 'arrests a LEFT JOIN crimes c ON c.crime_id = a.crime_id',
    date: 'a.arrested_at',
    lpa: 'c.lpa',
    columns: columnsOf('arrests', 'a'),
    tables: ['arrests', 'crimes'],
    reach: { arrests: OWN, crimes: viaCrime('arrests', 'arrested_at') },
  },
  victims: {
    from: 'crime_victims cv JOIN crimes c ON c.crime_id = cv.crime_id JOIN people p ON p.person_id = cv.person_id',
    date: 'c.recorded_at',
    lpa: 'c.lpa',
    columns: { ...CRIME_COLUMNS, ...columnsOf('people', 'p') },
    tables: ['crime_victims', 'crimes', 'people'],
    // A person's details reach every month they were a victim in: people is rebuilt whole.
    reach: { crimes: OWN, crime_victims: viaCrime('crimes', 'recorded_at') },
  },
};

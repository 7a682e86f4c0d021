/**
 * The crime types an audited case is broken down by, from the crime it is linked to: the
 * vulnerabilities the force's audit dashboard focuses on (seed 002: domestic abuse, burglary,
 * robbery, hate crime) first, then the Home Office offence groups. A crime falls in the first type
 * whose condition it meets, so the types do not overlap (a domestic burglary is domestic abuse).
 * Conditions are SQL over the crime (alias `c`), built from our own reference data only.
 */
import { OFFENCE_SUBGROUPS } from '../facts/reference/offence-subgroups.ts';

const inSubgroups = (pred: (s: (typeof OFFENCE_SUBGROUPS)[number]) => boolean) =>
  `c.offence_subgroup IN (${OFFENCE_SUBGROUPS.filter(pred)
    .map((s) => `'${s.subgroup.replaceAll("'", "''")}'`)
    .join(', ')})`;

export const CRIME_TYPES = [
  { id: 'domestic_abuse', label: 'Domestic abuse', sql: 'c.domestic_abuse' },
  { id: 'hate', label: 'Hate crime', sql: 'c.hate' },
  {
    id: 'sexual',
    label: 'Sexual offences',
    sql: inSubgroups((s) => s.offenceGroup === 'Sexual offences'),
  },
  { id: 'burglary', label: 'Burglary', sql: inSubgroups((s) => /burglary/i.test(s.subgroup)) },
  { id: 'robbery', label: 'Robbery', sql: inSubgroups((s) => s.offenceGroup === 'Robbery') },
  {
    id: 'violence',
    label: 'Other violence against the person',
    sql: inSubgroups((s) => s.offenceGroup === 'Violence against the person'),
  },
  {
    id: 'theft',
    label: 'Other theft',
    sql: inSubgroups((s) => s.offenceGroup === 'Theft offences'),
  },
  {
    id: 'criminal_damage',
    label: 'Criminal damage and arson',
    sql: inSubgroups((s) => s.offenceGroup === 'Criminal damage and arson'),
  },
  { id: 'other', label: 'Other crime', sql: 'true' },
] as const;

export type CrimeType = (typeof CRIME_TYPES)[number]['id'];

/** The crime type of crime `c` (NULL when there is none), as one SQL expression. */
export const crimeTypeSql = (): string =>
  `CASE WHEN c.crime_id IS NULL THEN NULL ${CRIME_TYPES.map((t) => `WHEN ${t.sql} THEN '${t.id}'`).join(' ')} END`;

export function crimeTypeLabel(id: string): string {
  return CRIME_TYPES.find((t) => t.id === id)?.label ?? id;
}

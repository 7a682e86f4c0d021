import type { Role, User } from '../records/api.ts';

/**
 * What each role may do: the one table every page, download and API route asks (`can`), so no
 * handler compares role names. Panel members read what is prepared for them: suppressed
 * (public-edition) numbers and public report editions only (`seesSuppressedOnly`).
 */
export const CAPABILITIES = {
  view_scorecard: ['admin', 'analyst', 'lead', 'oversight', 'panel'],
  view_measure: ['admin', 'analyst', 'lead', 'oversight', 'panel'],
  edit_commentary: ['analyst'],
  view_reports: ['admin', 'analyst', 'lead', 'oversight', 'panel'],
  generate_report: ['analyst'],
  view_data: ['admin', 'analyst'],
  import_data: ['analyst'],
  view_police_uk: ['admin', 'analyst', 'lead', 'oversight'],
  admin_users: ['admin'],
  view_audit: ['admin', 'oversight'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(user: Pick<User, 'role' | 'disabled'> | null, capability: Capability): boolean {
  if (!user || user.disabled) return false;
  return (CAPABILITIES[capability] as readonly Role[]).includes(user.role);
}

/** Roles that see only disclosure-controlled numbers, as the public does. */
export function seesSuppressedOnly(user: Pick<User, 'role'> | null): boolean {
  return user === null || user.role === 'panel';
}

/**
 * The LPAs a user may see: null for the whole force, else their list. A request for another
 * area is answered as if it did not exist (404), so a scoped user cannot learn what is there.
 */
export function lpaScope(user: Pick<User, 'lpas'> | null): readonly string[] | null {
  return user && user.lpas.length > 0 ? user.lpas : null;
}

/** What each role is called on the pages. */
export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrator',
  analyst: 'Analyst',
  lead: 'Strategic lead',
  oversight: 'Policing body (oversight)',
  panel: 'Police and Crime Panel member',
};

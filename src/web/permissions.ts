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
  // ---- Accountability (issue 9). Item-level rules (a lead updates only what they own) are the
  // records' own (e.g. src/records/accountability/lifecycle.ts); these gate the pages.
  /** Read the findings register, responses, plan, meetings and challenges. */
  view_accountability: ['admin', 'analyst', 'lead', 'oversight', 'panel'],
  /** Add inspections and findings, allocate them, import a tracker. */
  manage_findings: ['admin', 'oversight'],
  /** Post progress updates and evidence, submit for closure (the lifecycle decides which). */
  work_findings: ['admin', 'lead', 'oversight'],
  /** Draft, edit, approve and publish statutory responses. */
  manage_responses: ['admin', 'oversight'],
  /** Edit the plan, record consultation responses, generate the monitoring report. */
  manage_plan: ['admin', 'oversight'],
  /** Post quarterly delivery updates on commitments (owners; oversight for its own). */
  update_delivery: ['lead', 'oversight'],
  /** Meetings, their actions and notes; raise challenges. */
  manage_meetings: ['admin', 'oversight'],
  /** Answer a challenge or complete an action you own. */
  answer_challenges: ['lead', 'oversight'],
  /** The panel's complaints and work programme. */
  view_panel: ['admin', 'oversight', 'panel'],
  manage_panel: ['admin', 'panel'],
  // ---- Surveys (issue 10): the survey explorer; team and individual views are narrower.
  explore_surveys: ['admin', 'analyst', 'lead', 'oversight'],
  explore_surveys_by_staff: ['admin', 'analyst'],
  // ---- Victims' Code (issue 10): compliance figures, withdrawals; recording an audited case.
  view_vc_audits: ['admin', 'analyst', 'lead', 'oversight'],
  record_vc_audits: ['analyst', 'admin'],
  // ---- Free text (issue 10): comments read by theme and sentiment, redacted; quotes for the report.
  read_comments: ['admin', 'analyst'],
  /** Approve or reject a comment as a quote for the board pack (as `bluelamp quotes approve`). */
  approve_quotes: ['analyst'],
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

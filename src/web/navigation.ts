import type { User } from '../records/api.ts';
import { can, type Capability } from './permissions.ts';

/** The service navigation, item by item, shown only to those whose role may follow it. */
const ITEMS: readonly { text: string; href: string; capability: Capability }[] = [
  { text: 'Scorecard', href: '/scorecard', capability: 'view_scorecard' },
  { text: 'Reports', href: '/reports', capability: 'view_reports' },
  { text: 'Surveys', href: '/surveys', capability: 'explore_surveys' },
  { text: 'Comments', href: '/comments', capability: 'read_comments' },
  { text: "Victims' Code", href: '/victims-code', capability: 'view_vc_audits' },
  { text: 'Accountability', href: '/accountability', capability: 'view_accountability' },
  { text: 'My tasks', href: '/tasks', capability: 'view_accountability' },
  { text: 'Data', href: '/data', capability: 'view_data' },
  { text: 'data.police.uk', href: '/police-uk', capability: 'view_police_uk' },
  { text: 'Users', href: '/admin/users', capability: 'admin_users' },
  { text: 'Settings', href: '/admin/settings', capability: 'admin_users' },
  { text: 'Audit log', href: '/admin/audit', capability: 'view_audit' },
];

export interface NavItem {
  readonly text: string;
  readonly href: string;
  readonly active: boolean;
}

export function navigationFor(user: User | null, path: string): NavItem[] {
  if (!user) return [];
  return ITEMS.filter((i) => can(user, i.capability)).map((i) => ({
    text: i.text,
    href: i.href,
    active: path === i.href || path.startsWith(`${i.href}/`),
  }));
}

/**
 * The accountability sub-navigation (views/partials/accountability-nav.njk, which every
 * accountability page includes), item by item, shown only to those whose role may follow it.
 */
const ACCOUNTABILITY_ITEMS: readonly {
  text: string;
  href: string;
  capability: Capability;
}[] = [
  { text: 'Overview', href: '/accountability', capability: 'view_accountability' },
  { text: 'My tasks', href: '/tasks', capability: 'view_accountability' },
  { text: 'Findings', href: '/findings', capability: 'view_accountability' },
  { text: 'Inspections', href: '/inspections', capability: 'view_accountability' },
  { text: 'Responses', href: '/responses', capability: 'view_accountability' },
  { text: 'Plan', href: '/plan', capability: 'view_accountability' },
  { text: 'Meetings', href: '/meetings', capability: 'view_accountability' },
  { text: 'Challenges', href: '/challenges', capability: 'view_accountability' },
  { text: 'Panel', href: '/panel', capability: 'view_panel' },
];

export function accountabilityNavFor(user: User | null, path: string): NavItem[] {
  if (!user) return [];
  return ACCOUNTABILITY_ITEMS.filter((i) => can(user, i.capability)).map((i) => ({
    text: i.text,
    href: i.href,
    active: path === i.href || path.startsWith(`${i.href}/`),
  }));
}

export const PUBLIC_NAVIGATION: readonly { text: string; href: string }[] = [
  { text: 'Performance', href: '/public' },
  { text: 'Reports', href: '/public/reports' },
  { text: 'Meetings', href: '/public/meetings' },
  { text: 'Inspection responses', href: '/public/responses' },
];

import type { User } from '../records/api.ts';
import { can, type Capability } from './permissions.ts';

/** The service navigation, item by item, shown only to those whose role may follow it. */
const ITEMS: readonly { text: string; href: string; capability: Capability }[] = [
  { text: 'Scorecard', href: '/scorecard', capability: 'view_scorecard' },
  { text: 'Reports', href: '/reports', capability: 'view_reports' },
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

export const PUBLIC_NAVIGATION: readonly { text: string; href: string }[] = [
  { text: 'Performance', href: '/public' },
  { text: 'Reports', href: '/public/reports' },
];

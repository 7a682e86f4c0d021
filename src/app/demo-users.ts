import type { Records, Role } from '../records/api.ts';

/**
 * The demo force's sign-ins: one per role and an analyst limited to one area. They are made
 * only in a data directory that holds the synthetic demo force and has no users yet, and every
 * place that shows them says they are demo-only.
 */
export const DEMO_PASSWORD = 'demo-only-password';
export const DEMO_DOMAIN = 'demo.bluelamp.test';

export interface DemoSignIn {
  readonly email: string;
  readonly role: Role;
  readonly lpas: readonly string[];
}

export function demoSignIns(firstLpa: string): DemoSignIn[] {
  const roles: Role[] = ['admin', 'analyst', 'lead', 'oversight', 'panel'];
  return [
    ...roles.map((role) => ({ email: `${role}@${DEMO_DOMAIN}`, role, lpas: [] })),
    { email: `area-analyst@${DEMO_DOMAIN}`, role: 'analyst' as const, lpas: [firstLpa] },
  ];
}

const NAMES: Record<Role, string> = {
  admin: 'Demo Administrator',
  analyst: 'Demo Analyst',
  lead: 'Demo Strategic Lead',
  oversight: "Demo Policing Body's Office",
  panel: 'Demo Panel Member',
};

/** Adds the demo sign-ins when there are no users at all; returns the demo sign-ins that exist. */
export async function ensureDemoUsers(records: Records, firstLpa: string): Promise<DemoSignIn[]> {
  const wanted = demoSignIns(firstLpa);
  const existing = await records.users.list();
  if (existing.length === 0) {
    for (const d of wanted)
      await records.users.add(
        {
          email: d.email,
          role: d.role,
          lpas: d.lpas,
          password: DEMO_PASSWORD,
          displayName: d.lpas.length ? 'Demo Area Analyst' : NAMES[d.role],
        },
        { userId: null, via: 'system' },
      );
    return wanted;
  }
  const emails = new Set(existing.filter((u) => !u.disabled).map((u) => u.email));
  return wanted.filter((d) => emails.has(d.email));
}
